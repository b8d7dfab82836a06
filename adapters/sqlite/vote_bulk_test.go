package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"github.com/gongzhi/gongzhi/adapters/sqlite"
	"github.com/gongzhi/gongzhi/vote"
	"github.com/gongzhi/gongzhi/vote/votetest"
)

// plainStore hides VoteStore's optional capabilities (vote.BulkStore), so
// that the suite and vote.Service take the one-by-one path.
type plainStore struct{ vote.Store }

func TestVoteStoreConformanceWithoutOptionalInterfaces(t *testing.T) {
	votetest.TestStore(t, func(t *testing.T) vote.Store { return plainStore{sqlite.NewVoteStore(openDB(t))} })
}

// bulkFault is a defect planted in one entry of a bulk append.
type bulkFault int

const (
	faultVoterTwice  bulkFault = iota // the voter of an earlier entry
	faultVoterMarked                  // a voter who already cast
	faultIDTwice                      // the ballot id of an earlier entry
	faultIDHeld                       // the ballot id of a stored ballot
	faultNotFirst                     // a change (version 2), not a first ballot
	faultOtherPoll                    // an entry of another poll
	faultKinds
)

// AppendBallots refuses exactly what MemStore refuses, with the error of
// the same first entry, and stores exactly what it stores: batches of up to
// three chunks, with up to three defects anywhere in them.
func TestAppendBallotsAgreesWithMemStore(t *testing.T) {
	db := openDB(t)
	polls := 0
	rapid.Check(t, func(rt *rapid.T) {
		ctx := context.Background()
		polls++
		poll := vote.PollID(fmt.Sprintf("p%d", polls))
		secret := rapid.Bool().Draw(rt, "secret")
		n := rapid.IntRange(0, 3*128+5).Draw(rt, "entries")
		cast := rapid.IntRange(0, 5).Draw(rt, "cast before")
		stores := []vote.Store{sqlite.NewVoteStore(db), vote.NewMemStore()}
		for _, s := range stores {
			openPoll(t, s, poll, secret)
			for i := range cast {
				if _, err := s.AppendBallot(ctx, entry(poll, vote.VoterID(fmt.Sprintf("old%d", i)), "a", secret)); err != nil {
					rt.Fatal(err)
				}
			}
		}
		entries := make([]vote.Entry, n)
		for i := range entries {
			entries[i] = entry(poll, vote.VoterID(fmt.Sprintf("v%03d", i)), "b", secret)
		}
		for f := range rapid.IntRange(0, 3).Draw(rt, "faults") {
			if n == 0 {
				break
			}
			at := rapid.IntRange(0, n-1).Draw(rt, fmt.Sprintf("fault %d at", f))
			e := &entries[at]
			switch bulkFault(rapid.IntRange(0, int(faultKinds)-1).Draw(rt, fmt.Sprintf("fault %d kind", f))) {
			case faultVoterTwice:
				if at > 0 {
					e.Voter = entries[rapid.IntRange(0, at-1).Draw(rt, "earlier")].Voter
				}
			case faultVoterMarked:
				if cast > 0 {
					e.Voter = "old0"
				}
			case faultIDTwice:
				if at > 0 {
					e.Ballot.ID = entries[rapid.IntRange(0, at-1).Draw(rt, "earlier")].Ballot.ID
				}
			case faultIDHeld:
				if cast > 0 {
					e.Ballot.ID = entry(poll, "old0", "a", secret).Ballot.ID
				}
			case faultNotFirst:
				e.Replace, e.Receipt.Version = true, 2
			case faultOtherPoll:
				e.Poll = "elsewhere"
			}
		}
		var errs [2]error
		var receipts [2][]vote.Receipt
		for i, s := range stores {
			receipts[i], errs[i] = s.(vote.BulkStore).AppendBallots(ctx, poll, slices.Clone(entries))
		}
		if kind(errs[0]) != kind(errs[1]) {
			rt.Fatalf("AppendBallots: sqlite %v, memory %v", errs[0], errs[1])
		}
		if errs[0] == nil && !slices.Equal(receipts[0], receipts[1]) {
			rt.Fatalf("receipts differ: sqlite %v, memory %v", receipts[0], receipts[1])
		}
		sb, mb := collect(t, stores[0].Ballots(ctx, poll)), collect(t, stores[1].Ballots(ctx, poll))
		if len(sb) != len(mb) || len(sb) != cast+map[bool]int{true: n, false: 0}[errs[0] == nil] {
			rt.Fatalf("%d ballots in sqlite, %d in memory, after %d cast and %d appended (%v)", len(sb), len(mb), cast, n, errs[0])
		}
		for i := range sb {
			if sb[i].ID != mb[i].ID || sb[i].Voter != mb[i].Voter || !slices.Equal(sb[i].Marks, mb[i].Marks) {
				rt.Fatalf("ballot %d: sqlite %+v, memory %+v", i, sb[i], mb[i])
			}
		}
		sp, mp := collect(t, stores[0].Participants(ctx, poll)), collect(t, stores[1].Participants(ctx, poll))
		if !slices.Equal(sp, mp) {
			rt.Fatalf("participants: sqlite %v, memory %v", sp, mp)
		}
	})
}

// kind names the sentinel an AppendBallots error wraps.
func kind(err error) string {
	for _, k := range []error{vote.ErrAlreadyVoted, vote.ErrConflict, vote.ErrNotFound, vote.ErrWrongState} {
		if errors.Is(err, k) {
			return k.Error()
		}
	}
	if err != nil {
		return "other: " + err.Error()
	}
	return "nil"
}

// A secret poll's ballots stored in bulk carry no voter, not even in the
// file.
func TestAppendBallotsSecretHasNoVoter(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	s := sqlite.NewVoteStore(db)
	openPoll(t, s, "p", true)
	entries := make([]vote.Entry, 200)
	for i := range entries {
		entries[i] = entry("p", vote.VoterID(fmt.Sprintf("v%03d", i)), "a", true)
	}
	if _, err := s.AppendBallots(ctx, "p", entries); err != nil {
		t.Fatal(err)
	}
	n, err := sqlite.QueryIntForTest(ctx, db, `SELECT count(*) FROM vote_ballot WHERE poll_id = 'p' AND voter_id IS NOT NULL`)
	if err != nil || n != 0 {
		t.Fatalf("%d ballots of a secret poll name their voter (%v)", n, err)
	}
	named := entry("p", "v999", "a", true)
	named.Ballot.Voter = "v999"
	var be *vote.BallotError
	if _, err := s.AppendBallots(ctx, "p", []vote.Entry{named}); !errors.As(err, &be) {
		t.Fatalf("a secret ballot naming its voter = %v, want a *vote.BallotError", err)
	}
}

// A canceled context stores nothing; a missing or closed poll is refused.
func TestAppendBallotsRefusals(t *testing.T) {
	ctx := context.Background()
	s := sqlite.NewVoteStore(openDB(t))
	openPoll(t, s, "p", false)
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.AppendBallots(canceled, "p", []vote.Entry{entry("p", "v1", "a", false)}); !errors.Is(err, context.Canceled) {
		t.Fatalf("AppendBallots with a canceled context = %v", err)
	}
	if _, err := s.AppendBallots(ctx, "nope", []vote.Entry{entry("nope", "v1", "a", false)}); !errors.Is(err, vote.ErrNotFound) {
		t.Fatalf("AppendBallots into a missing poll = %v, want ErrNotFound", err)
	}
	if n := len(collect(t, s.Participants(ctx, "p"))); n != 0 {
		t.Fatalf("%d participants after refused appends", n)
	}
}
