package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"testing"

	"github.com/gongzhi/gongzhi/adapters/postgres"
	"github.com/gongzhi/gongzhi/vote"
	"github.com/gongzhi/gongzhi/vote/votetest"
	"github.com/jackc/pgx/v5"
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
	return vote.Entry{Poll: poll, Voter: voter, Ballot: b, Secret: secret,
		Receipt: vote.NewReceipt(poll, b, 1, "salt-"+string(voter))}
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
	other.Receipt = vote.NewReceipt("p", other.Ballot, 2, other.Receipt.Salt)
	if r, err := s.AppendBallot(ctx, other); err != nil || r != other.Receipt {
		t.Fatalf("replace = %v, %v", r, err)
	}
	stolen := entry("p", "v2", "a", false)
	stolen.Ballot.ID = other.Ballot.ID
	stolen.Receipt = vote.NewReceipt("p", stolen.Ballot, 1, "salt-stolen")
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

// TestVoteSecretUnlinkable is the proof of issue 14 item 9: in a secret
// poll no ballot row can be paired with a participation mark through a
// system column, the physical order or a time, while the poll is open
// and after it closes. Casting used to write both in one transaction, so
// joining on xmin linked every voter to their ballot.
func TestVoteSecretUnlinkable(t *testing.T) {
	ctx := context.Background()
	pool := migratedPool(t, 0, fast)
	s := postgres.NewVoteStore(pool)
	s.FlushBatch = 8
	p := openPoll(t, s, "secret", true)
	const n = 20
	var castOrder []string
	for i := range n {
		e := entry("secret", vote.VoterID(fmt.Sprintf("v%02d", i)), "a", true)
		if _, err := s.AppendBallot(ctx, e); err != nil {
			t.Fatal(err)
		}
		castOrder = append(castOrder, string(e.Ballot.ID))
	}
	count := func(q string) int {
		t.Helper()
		var c int
		if err := pool.QueryRow(ctx, q).Scan(&c); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return c
	}
	xminJoin := `SELECT count(*) FROM vote_mark m JOIN vote_ballot b
		ON b.poll_id = m.poll_id AND b.xmin = m.xmin WHERE m.poll_id = 'secret'`
	stagedJoin := `SELECT count(*) FROM vote_mark m JOIN vote_ballot_staged b
		ON b.poll_id = m.poll_id AND b.xmin = m.xmin WHERE m.poll_id = 'secret'`
	// While the poll is open: 16 ballots moved in two batches of 8, by
	// transactions that wrote no mark; 4 wait, staged.
	if c := count(xminJoin); c != 0 {
		t.Errorf("while open, %d ballots share a transaction id with a mark", c)
	}
	if c := count(`SELECT count(*) FROM vote_ballot_staged WHERE poll_id = 'secret'`); c != n%8 {
		t.Errorf("%d ballots staged, want %d (fewer than FlushBatch wait)", c, n%8)
	}
	if c := count(stagedJoin); c > s.FlushBatch-1 {
		t.Errorf("%d staged ballots linkable through the staging table, want fewer than FlushBatch", c)
	}
	if c := count(`SELECT count(*) FROM (SELECT x FROM (SELECT xmin::text AS x FROM vote_ballot WHERE poll_id = 'secret') AS b
			GROUP BY x HAVING count(*) < 8) AS small`); c != 0 {
		t.Errorf("%d flush transactions wrote fewer than FlushBatch ballots", c)
	}
	// No column holds a time.
	if c := count(`SELECT count(*) FROM information_schema.columns
			WHERE table_name IN ('vote_mark', 'vote_ballot', 'vote_ballot_staged')
			AND (data_type LIKE 'time%' OR data_type = 'date' OR data_type LIKE 'interval%')`); c != 0 {
		t.Errorf("%d ballot or mark columns hold a time", c)
	}
	var voterCols int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM vote_ballot WHERE poll_id = 'secret' AND voter_id IS NOT NULL`).Scan(&voterCols); err != nil || voterCols != 0 {
		t.Fatalf("secret ballots with a voter: %d, %v", voterCols, err)
	}
	if bs := collect(t, s.Ballots(ctx, "secret")); len(bs) != n {
		t.Fatalf("while open, Ballots streams %d ballots (staged included), want %d", len(bs), n)
	}

	p.State = vote.StateClosed
	p.Version = 1
	if _, err := s.UpdatePoll(ctx, p); err != nil {
		t.Fatal(err)
	}
	if c := count(xminJoin); c != 0 {
		t.Errorf("after close, %d ballots share a transaction id with a mark", c)
	}
	if c := count(`SELECT count(*) FROM vote_ballot_staged`); c != 0 {
		t.Errorf("after close, %d ballots still staged", c)
	}
	if c := count(`SELECT count(DISTINCT xmin::text) FROM vote_ballot WHERE poll_id = 'secret'`); c != 1 {
		t.Errorf("after close the ballots carry %d transaction ids, want the close's only", c)
	}
	// Physical order (ctid) is a fresh random permutation: neither the
	// casting order nor its reverse.
	rows, err := pool.Query(ctx, `SELECT ballot_id FROM vote_ballot WHERE poll_id = 'secret' ORDER BY ctid`)
	if err != nil {
		t.Fatal(err)
	}
	physical, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	reversed := slices.Clone(castOrder)
	slices.Reverse(reversed)
	if slices.Equal(physical, castOrder) || slices.Equal(physical, reversed) {
		t.Errorf("after close the physical order of the ballots follows the casting order: %v", physical)
	}
	if bs := collect(t, s.Ballots(ctx, "secret")); len(bs) != n {
		t.Fatalf("after close %d ballots, want %d", len(bs), n)
	}
	if _, err := s.AppendBallot(ctx, entry("secret", "late", "a", true)); !errors.Is(err, vote.ErrWrongState) {
		t.Fatalf("cast after close = %v, want ErrWrongState", err)
	}
}

// TestVotePollFrozenInDatabase checks issue 14 item 16 below the adapter:
// an UPDATE written by hand that adds a voter to an open poll is refused
// by the database.
func TestVotePollFrozenInDatabase(t *testing.T) {
	ctx := context.Background()
	pool := migratedPool(t, 0, fast)
	s := postgres.NewVoteStore(pool)
	p := vote.Poll{ID: "roll", Rule: vote.ProjectPriorities(), Options: []vote.Option{{ID: "a"}},
		Voters: []vote.Voter{{ID: "v1"}}, State: vote.StateDraft}
	if err := s.CreatePoll(ctx, p); err != nil {
		t.Fatal(err)
	}
	addVoter := `UPDATE vote_poll SET doc = json_build_object('id', 'roll', 'rule', doc -> 'rule', 'options', doc -> 'options',
		'voters', json_build_array(json_build_object('id', 'v1'), json_build_object('id', 'intruder')), 'state', state) WHERE id = 'roll'`
	if _, err := pool.Exec(ctx, addVoter); err != nil {
		t.Fatalf("a draft's roll may change: %v", err)
	}
	if _, err := pool.Exec(ctx, `UPDATE vote_poll SET state = 'open', doc = json_build_object('id', 'roll', 'rule', doc -> 'rule',
		'options', doc -> 'options', 'voters', doc -> 'voters', 'state', 'open') WHERE id = 'roll'`); err != nil {
		t.Fatal(err)
	}
	for name, q := range map[string]string{
		"add a voter": `UPDATE vote_poll SET doc = json_build_object('id', 'roll', 'rule', doc -> 'rule', 'options', doc -> 'options',
			'voters', json_build_array(json_build_object('id', 'v1'), json_build_object('id', 'intruder'), json_build_object('id', 'late')),
			'state', state) WHERE id = 'roll'`,
		"back to draft":  `UPDATE vote_poll SET state = 'draft' WHERE id = 'roll'`,
		"make it secret": `UPDATE vote_poll SET secret = true WHERE id = 'roll'`,
	} {
		if _, err := pool.Exec(ctx, q); err == nil {
			t.Errorf("the database accepted an update that would %s of an open poll", name)
		}
	}
	got, err := s.Poll(ctx, "roll")
	if err != nil || len(got.Voters) != 2 || got.State != vote.StateOpen {
		t.Fatalf("poll after refused updates: %+v, %v", got, err)
	}
}

func TestVoteStoreConformance(t *testing.T) {
	serverURL(t)
	votetest.TestStore(t, func(t *testing.T) vote.Store {
		return postgres.NewVoteStore(migratedPool(t, 0, fast))
	})
}

// plainStore hides VoteStore's optional capabilities (vote.BulkStore).
type plainStore struct{ vote.Store }

func TestVoteStoreConformanceWithoutOptionalInterfaces(t *testing.T) {
	serverURL(t)
	votetest.TestStore(t, func(t *testing.T) vote.Store {
		return plainStore{postgres.NewVoteStore(migratedPool(t, 0, fast))}
	})
}

// Record fields may hold any valid UTF-8 text, NUL included: records are
// stored as json, which keeps \u0000 (jsonb would refuse it).
func TestVoteStoreNULInRecord(t *testing.T) {
	ctx := context.Background()
	s := postgres.NewVoteStore(migratedPool(t, 0, fast))
	p := vote.Poll{ID: "p", Rule: vote.ProjectPriorities(), Options: []vote.Option{{ID: "a"}}, State: vote.StateDraft}
	if err := s.CreatePoll(ctx, p); err != nil {
		t.Fatal(err)
	}
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
