package vote_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/gongzhi/gongzhi/vote"
	"github.com/shopspring/decimal"
)

// TestVerifyIsNoOracle replays the attack of issue 14 item 13: while a
// public poll is open, someone who knows a voter's id (the ballot id) asks
// Verify about guessed ballots. Unsalted receipts answered "nil" for the
// right guess and printed the stored hash otherwise; now every guess fails
// alike, and the error shows nothing stored.
func TestVerifyIsNoOracle(t *testing.T) {
	ctx := context.Background()
	svc, _ := newService(t, vote.NewMemStore())
	svc.Create(ctx, projectPoll("o", false))
	svc.Open(ctx, "o")
	real, err := svc.Cast(ctx, "o", "v000", marks("p1", "p3"))
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Verify(ctx, real); err != nil {
		t.Fatalf("the voter's own receipt must verify: %v", err)
	}
	var msgs []string
	for _, guess := range []vote.Ballot{marks("p1", "p3"), marks("p2")} {
		guess.ID, guess.Voter = "v000", "v000"
		for _, salt := range []string{"", "00000000000000000000000000000000", real.Salt[:31] + "0"} {
			forged := vote.NewReceipt("o", guess, 1, salt)
			err := svc.Verify(ctx, forged)
			if !errors.Is(err, vote.ErrDigestMismatch) {
				t.Fatalf("a made-up receipt (guess %v) must fail with ErrDigestMismatch, got %v", guess.Marks, err)
			}
			if strings.Contains(err.Error(), real.Hash) || strings.Contains(err.Error(), real.Salt) {
				t.Errorf("Verify's error shows the stored receipt: %v", err)
			}
			msgs = append(msgs, err.Error())
		}
	}
	for _, m := range msgs[1:] {
		if m != msgs[0] {
			t.Errorf("Verify answers differ between guesses: %q vs %q", msgs[0], m)
		}
	}
	// Two voters casting the same ballot get unrelated receipt hashes.
	other, err := svc.Cast(ctx, "o", "v001", marks("p1", "p3"))
	if err != nil {
		t.Fatal(err)
	}
	if other.Salt == real.Salt || len(real.Salt) != 32 {
		t.Errorf("receipts must be salted per ballot: %q and %q", real.Salt, other.Salt)
	}
	// After close, the voter verifies against the published list.
	svc.Close(ctx, "o")
	if err := vote.VerifyReceipt(real, svc.Ballots(ctx, "o")); err != nil {
		t.Errorf("VerifyReceipt against the published list: %v", err)
	}
}

// rollEditor serves a poll whose roll was edited behind the store's back
// (a database edited by hand), after edit is set.
type rollEditor struct {
	*vote.MemStore
	edit func(*vote.Poll)
}

func (s *rollEditor) Poll(ctx context.Context, id vote.PollID) (vote.Poll, error) {
	p, err := s.MemStore.Poll(ctx, id)
	if err == nil && s.edit != nil {
		s.edit(&p)
	}
	return p, err
}

// TestAuditDetectsChangedRoll checks issue 14 item 16: the poll digest
// covers the voter roll, so a voter added, removed or reweighed after the
// close is detected by Tally and Audit; and the store itself refuses roll
// changes once the poll is open.
func TestAuditDetectsChangedRoll(t *testing.T) {
	ctx := context.Background()
	edits := map[string]func(*vote.Poll){
		"add":      func(p *vote.Poll) { p.Voters = append(p.Voters, vote.Voter{ID: "intruder"}) },
		"remove":   func(p *vote.Poll) { p.Voters = p.Voters[1:] },
		"reweigh":  func(p *vote.Poll) { p.Voters[0].Weight = decimal.NewFromInt(7) },
		"swap ids": func(p *vote.Poll) { p.Voters[0].ID = "someone-else" },
	}
	for name, edit := range edits {
		t.Run(name, func(t *testing.T) {
			store := &rollEditor{MemStore: vote.NewMemStore()}
			svc, _ := newService(t, store)
			p := projectPoll("r", false)
			svc.Create(ctx, p)
			open, _ := svc.Open(ctx, "r")
			// Through the store: refused.
			bad := open
			edit(&bad)
			if _, err := store.UpdatePoll(ctx, bad); !errors.Is(err, vote.ErrWrongState) {
				t.Errorf("the store must refuse a roll change of an open poll, got %v", err)
			}
			for i := range 5 {
				if _, err := svc.Cast(ctx, "r", p.Voters[i].ID, marks("p2")); err != nil {
					t.Fatal(err)
				}
			}
			svc.Close(ctx, "r")
			if _, err := svc.Tally(ctx, "r"); err != nil {
				t.Fatal(err)
			}
			if err := svc.Audit(ctx, "r"); err != nil {
				t.Fatalf("audit of an untouched poll: %v", err)
			}
			store.edit = edit // behind the store's back
			if err := svc.Audit(ctx, "r"); !errors.Is(err, vote.ErrDigestMismatch) {
				t.Errorf("audit after the roll was edited (%s): %v, want ErrDigestMismatch", name, err)
			}
		})
	}
}

// TestServiceImport runs Service.Import on a store with vote.BulkStore
// (all or none) and on one without (one by one), and checks both store
// the same ballots.
func TestServiceImport(t *testing.T) {
	ctx := context.Background()
	for _, store := range []vote.Store{vote.NewMemStore(), plainStore{vote.NewMemStore()}} {
		_, bulk := store.(vote.BulkStore)
		svc, _ := newService(t, store)
		svc.Create(ctx, projectPoll("i", false))
		svc.Open(ctx, "i")
		casts := []vote.VoterBallot{{Voter: "v000", Ballot: marks("p1")}, {Voter: "v001", Ballot: marks("p2", "p3")}}
		rs, err := svc.Import(ctx, "i", casts)
		if err != nil || len(rs) != 2 {
			t.Fatalf("bulk=%v: Import = %v, %v", bulk, rs, err)
		}
		for _, r := range rs {
			if err := svc.Verify(ctx, r); err != nil {
				t.Errorf("bulk=%v: receipt of an imported ballot: %v", bulk, err)
			}
		}
		// Checked before anything is stored: an invalid ballot, a voter
		// twice, an ineligible voter.
		for name, bad := range map[string][]vote.VoterBallot{
			"invalid":    {{Voter: "v002", Ballot: marks("p1")}, {Voter: "v003", Ballot: marks("nope")}},
			"twice":      {{Voter: "v002", Ballot: marks("p1")}, {Voter: "v002", Ballot: marks("p2")}},
			"ineligible": {{Voter: "v002", Ballot: marks("p1")}, {Voter: "stranger", Ballot: marks("p2")}},
		} {
			if _, err := svc.Import(ctx, "i", bad); err == nil {
				t.Errorf("bulk=%v: Import %s accepted", bulk, name)
			}
		}
		// A voter who already voted: all or none with BulkStore.
		_, err = svc.Import(ctx, "i", []vote.VoterBallot{{Voter: "v002", Ballot: marks("p1")}, {Voter: "v000", Ballot: marks("p4")}})
		if !errors.Is(err, vote.ErrAlreadyVoted) {
			t.Errorf("bulk=%v: Import with a voter who voted: %v", bulk, err)
		}
		n := 0
		for range svc.Participants(ctx, "i") {
			n++
		}
		if want := map[bool]int{true: 2, false: 3}[bulk]; n != want {
			t.Errorf("bulk=%v: %d participants, want %d", bulk, n, want)
		}
	}
}
