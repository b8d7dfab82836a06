package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"testing"

	"github.com/gongzhi/gongzhi/adapters/postgres"
	"github.com/gongzhi/gongzhi/vote"
	"github.com/gongzhi/gongzhi/vote/votetest"
)

// openPoll stores an open poll with two options and returns it.
func openPoll(t testing.TB, s vote.Store, id vote.PollID, secret bool) vote.Poll {
	t.Helper()
	p := vote.Poll{
		ID:      id,
		Rule:    vote.ProjectPriorities(),
		Options: []vote.Option{{ID: "a"}, {ID: "b"}},
		Secret:  secret,
		State:   vote.StateOpen,
	}
	if err := s.CreatePoll(context.Background(), p); err != nil {
		t.Fatalf("CreatePoll: %v", err)
	}
	return p
}

// entry builds the entry a Service would hand the store for voter's ballot
// marking option; in a secret poll the ballot id is token.
func entry(poll vote.PollID, voter vote.VoterID, option vote.OptionID, secret bool) vote.Entry {
	b := vote.Ballot{ID: vote.BallotID("b-" + voter), Voter: voter, Marks: []vote.Mark{{Option: option}}}
	if secret {
		b.Voter = ""
		b.ID = vote.BallotID(fmt.Sprintf("tok-%x", []byte(voter)))
	}
	h := b.Hash(poll)
	return vote.Entry{Poll: poll, Voter: voter, Ballot: b, Secret: secret,
		Receipt: vote.Receipt{Poll: poll, Ballot: b.ID, Hash: h}}
}

func collect[T any](t testing.TB, seq iter.Seq2[T, error]) []T {
	t.Helper()
	var out []T
	for v, err := range seq {
		if err != nil {
			t.Fatalf("stream: %v", err)
		}
		out = append(out, v)
	}
	return out
}

func TestVoteStoreBasics(t *testing.T) {
	ctx := context.Background()
	s := postgres.NewVoteStore(migratedPool(t, 0, fast))
	openPoll(t, s, "p", false)
	e := entry("p", "v1", "a", false)
	r1, err := s.AppendBallot(ctx, e)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := s.AppendBallot(ctx, e)
	if err != nil || r2 != r1 {
		t.Fatalf("retry = %v, %v; want the first receipt %v", r2, err, r1)
	}
	other := entry("p", "v1", "b", false)
	if _, err := s.AppendBallot(ctx, other); !errors.Is(err, vote.ErrAlreadyVoted) {
		t.Fatalf("second ballot = %v, want ErrAlreadyVoted", err)
	}
	other.Replace = true
	if r, err := s.AppendBallot(ctx, other); err != nil || r != other.Receipt {
		t.Fatalf("replace = %v, %v", r, err)
	}
	stolen := entry("p", "v2", "a", false)
	stolen.Ballot.ID = other.Ballot.ID
	stolen.Receipt.Ballot = other.Ballot.ID
	stolen.Receipt.Hash = stolen.Ballot.Hash("p")
	if _, err := s.AppendBallot(ctx, stolen); !errors.Is(err, vote.ErrConflict) {
		t.Fatalf("ballot id of another voter = %v, want ErrConflict", err)
	}
	bs := collect(t, s.Ballots(ctx, "p"))
	if len(bs) != 1 || bs[0].Marks[0].Option != "b" || bs[0].Voter != "v1" {
		t.Fatalf("ballots = %+v, want v1's replaced ballot only", bs)
	}
	if vs := collect(t, s.Participants(ctx, "p")); len(vs) != 1 || vs[0] != "v1" {
		t.Fatalf("participants = %v, want [v1]", vs)
	}
}

// A secret poll keeps marks and ballots apart, and closing it rewrites the
// ballots so that no row metadata (transaction id, position) pairs a
// ballot with the mark written in the same transaction.
func TestVoteStoreSecretReseal(t *testing.T) {
	ctx := context.Background()
	pool := migratedPool(t, 0, fast)
	s := postgres.NewVoteStore(pool)
	p := openPoll(t, s, "secret", true)
	for i := range 20 {
		if _, err := s.AppendBallot(ctx, entry("secret", vote.VoterID(fmt.Sprintf("v%02d", i)), "a", true)); err != nil {
			t.Fatal(err)
		}
	}
	// Before the close, each ballot shares its writing transaction with a
	// mark: that is the link the reseal removes.
	linked := func() int {
		var n int
		err := pool.QueryRow(ctx, `SELECT count(*) FROM vote_mark m JOIN vote_ballot b
			ON b.poll_id = m.poll_id AND b.xmin = m.xmin WHERE m.poll_id = 'secret'`).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := linked(); n != 20 {
		t.Fatalf("before close %d ballots share a transaction with a mark, want 20 (test premise)", n)
	}
	var voterCols int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM vote_ballot WHERE poll_id = 'secret' AND voter_id IS NOT NULL`).Scan(&voterCols); err != nil || voterCols != 0 {
		t.Fatalf("secret ballots with a voter: %d, %v", voterCols, err)
	}
	p.State = vote.StateClosed
	p.Version = 1
	if _, err := s.UpdatePoll(ctx, p); err != nil {
		t.Fatal(err)
	}
	if n := linked(); n != 0 {
		t.Fatalf("after close %d ballots still share a transaction with a mark", n)
	}
	if bs := collect(t, s.Ballots(ctx, "secret")); len(bs) != 20 {
		t.Fatalf("after reseal %d ballots, want 20", len(bs))
	}
	if _, err := s.AppendBallot(ctx, entry("secret", "late", "a", true)); !errors.Is(err, vote.ErrWrongState) {
		t.Fatalf("cast after close = %v, want ErrWrongState", err)
	}
}

func TestVoteStoreConformance(t *testing.T) {
	serverURL(t)
	votetest.TestStore(t, func(t *testing.T) vote.Store {
		return postgres.NewVoteStore(migratedPool(t, 0, fast))
	})
}

// Record fields may hold any valid UTF-8 text, NUL included: records are
// stored as json, which keeps \u0000 (jsonb would refuse it).
func TestVoteStoreNULInRecord(t *testing.T) {
	ctx := context.Background()
	s := postgres.NewVoteStore(migratedPool(t, 0, fast))
	p := openPoll(t, s, "p", false)
	p.Title = "a\x00b 共治"
	p.Version = 1
	if _, err := s.UpdatePoll(ctx, p); err != nil {
		t.Fatalf("UpdatePoll with NUL in the title: %v", err)
	}
	got, err := s.Poll(ctx, "p")
	if err != nil || got.Title != p.Title {
		t.Fatalf("Poll = %q, %v; want the title %q back", got.Title, err, p.Title)
	}
}
