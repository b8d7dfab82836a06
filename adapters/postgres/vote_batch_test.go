package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/gongzhi/gongzhi/adapters/postgres"
	"github.com/gongzhi/gongzhi/vote"
)

// Casts committed in one batch keep one-cast answers: of two voters who
// send the same ballot token at once, one gets the receipt and the other
// ErrConflict with no mark left behind; casts into a closed or missing
// poll fail alone; the others are stored.
func TestVoteBatchMixedOutcomes(t *testing.T) {
	ctx := context.Background()
	s := postgres.NewVoteStore(migratedPool(t, 8, fast))
	openPoll(t, s, "secret", true)
	closed := openPoll(t, s, "closed", false)
	closed.State, closed.Version = vote.StateClosed, 1
	if _, err := s.UpdatePoll(ctx, closed); err != nil {
		t.Fatal(err)
	}
	const pairs = 40
	type outcome struct {
		e   vote.Entry
		err error
	}
	var mu sync.Mutex
	var outs []outcome
	var wg sync.WaitGroup
	send := func(e vote.Entry) {
		defer wg.Done()
		_, err := s.AppendBallot(ctx, e)
		mu.Lock()
		outs = append(outs, outcome{e, err})
		mu.Unlock()
	}
	for i := range pairs {
		a := entry("secret", vote.VoterID(fmt.Sprintf("a%02d", i)), "a", true)
		b := entry("secret", vote.VoterID(fmt.Sprintf("b%02d", i)), "b", true)
		b.Ballot.ID, b.Receipt.Ballot = a.Ballot.ID, a.Ballot.ID // the same token
		b.Receipt.Hash = b.Ballot.Hash("secret")
		wg.Add(4)
		go send(a)
		go send(b)
		go send(entry("closed", vote.VoterID(fmt.Sprintf("c%02d", i)), "a", false))
		go send(entry("missing", vote.VoterID(fmt.Sprintf("m%02d", i)), "a", false))
	}
	wg.Wait()
	won := map[vote.BallotID]vote.VoterID{}
	for _, o := range outs {
		switch o.e.Poll {
		case "closed":
			if !errors.Is(o.err, vote.ErrWrongState) {
				t.Errorf("cast into a closed poll = %v", o.err)
			}
		case "missing":
			if !errors.Is(o.err, vote.ErrNotFound) {
				t.Errorf("cast into a missing poll = %v", o.err)
			}
		default:
			switch {
			case o.err == nil:
				if w, ok := won[o.e.Ballot.ID]; ok {
					t.Errorf("token %s stored for %s and %s", o.e.Ballot.ID, w, o.e.Voter)
				}
				won[o.e.Ballot.ID] = o.e.Voter
			case !errors.Is(o.err, vote.ErrConflict):
				t.Errorf("cast of %s = %v, want success or ErrConflict", o.e.Voter, o.err)
			}
		}
	}
	if len(won) != pairs {
		t.Fatalf("%d tokens stored, want %d (one per pair)", len(won), pairs)
	}
	voters := collect(t, s.Participants(ctx, "secret"))
	if len(voters) != pairs {
		t.Fatalf("%d participation marks, want %d: a refused cast left its mark", len(voters), pairs)
	}
	if bs := collect(t, s.Ballots(ctx, "secret")); len(bs) != pairs {
		t.Fatalf("%d ballots, want %d", len(bs), pairs)
	}
}
