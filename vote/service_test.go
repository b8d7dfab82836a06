package vote_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gongzhi/gongzhi/vote"
)

var t0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

func newService(t *testing.T, s vote.Store) (*vote.Service, *clock) {
	t.Helper()
	c := &clock{now: t0}
	return vote.NewService(s, &vote.Options{Now: c.Now, Rand: rand.NewChaCha8([32]byte{7, 1, 9, 3})}), c
}

func projectPoll(id vote.PollID, secret bool) vote.Poll {
	return vote.Poll{ID: id, Rule: vote.ProjectPriorities(), Options: sixProjects(), Voters: voters(46), Secret: secret,
		Opens: t0, Closes: t0.Add(2 * time.Hour)}
}

func TestServiceWorkflow(t *testing.T) {
	ctx := context.Background()
	for _, secret := range []bool{false, true} {
		store := vote.NewMemStore()
		svc, clk := newService(t, store)
		p, err := svc.Create(ctx, projectPoll("annual", secret))
		if err != nil {
			t.Fatal(err)
		}
		if p.State != vote.StateDraft || p.Version != 1 {
			t.Fatalf("created %s v%d", p.State, p.Version)
		}
		if _, err := svc.Cast(ctx, "annual", "v000", marks("p1")); !errors.Is(err, vote.ErrWrongState) {
			t.Errorf("cast into a draft: %v", err)
		}
		if _, err := svc.Open(ctx, "annual"); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Open(ctx, "annual"); !errors.Is(err, vote.ErrWrongState) {
			t.Errorf("opening twice: %v", err)
		}
		var receipts []vote.Receipt
		for i, b := range sixProjects46Reps() {
			b.ID = ""
			r, err := svc.Cast(ctx, "annual", voters(46)[i].ID, b)
			if err != nil {
				t.Fatalf("cast %d: %v", i, err)
			}
			receipts = append(receipts, r)
		}
		// Retrying the same public ballot returns the same receipt; a
		// different one is refused.
		first := sixProjects46Reps()[0]
		first.ID = ""
		if !secret {
			r, err := svc.Cast(ctx, "annual", "v000", first)
			if err != nil || r != receipts[0] {
				t.Errorf("retry: %+v %v", r, err)
			}
		}
		if _, err := svc.Cast(ctx, "annual", "v000", marks("p1")); !errors.Is(err, vote.ErrAlreadyVoted) {
			t.Errorf("second ballot: %v", err)
		}
		if _, err := svc.Cast(ctx, "annual", "stranger", marks("p1")); !errors.Is(err, vote.ErrNotEligible) {
			t.Errorf("stranger: %v", err)
		}
		clk.now = t0.Add(3 * time.Hour)
		if _, err := svc.Cast(ctx, "annual", "v045", marks("p1")); !errors.Is(err, vote.ErrWrongState) {
			t.Errorf("cast after the window: %v", err)
		}
		if _, err := svc.Tally(ctx, "annual"); !errors.Is(err, vote.ErrWrongState) {
			t.Errorf("tally before close: %v", err)
		}
		closed, err := svc.Close(ctx, "annual")
		if err != nil {
			t.Fatal(err)
		}
		if closed.Count != 46 || len(closed.Digest) != 64 {
			t.Errorf("closed: count %d digest %q", closed.Count, closed.Digest)
		}
		res, err := svc.Tally(ctx, "annual")
		if err != nil {
			t.Fatal(err)
		}
		if res.Digest != closed.Digest {
			t.Errorf("result digest %s, poll %s", res.Digest, closed.Digest)
		}
		if got := res.Selected; len(got) != 2 || got[0] != "p1" || got[1] != "p4" {
			t.Errorf("priorities %v\n%s", got, res.Explain())
		}
		// Re-tallying the published ballots reproduces result and digest.
		again, digest, err := vote.TallyAudited(closed, svc.Ballots(ctx, "annual"))
		if err != nil {
			t.Fatal(err)
		}
		if digest != closed.Digest {
			t.Errorf("re-tally digest %s, want %s", digest, closed.Digest)
		}
		if diff := cmp.Diff(res, again, decimalEqual); diff != "" {
			t.Errorf("re-tally (-want +got):\n%s", diff)
		}
		// Every voter finds their ballot.
		for _, r := range receipts {
			if err := svc.Verify(ctx, r); err != nil {
				t.Errorf("verify %+v: %v", r, err)
			}
			if err := vote.VerifyReceipt(r, svc.Ballots(ctx, "annual")); err != nil {
				t.Errorf("verify against the published list: %v", err)
			}
		}
		bad := receipts[0]
		bad.Hash = receipts[1].Hash
		if receipts[0].Hash != receipts[1].Hash {
			if err := svc.Verify(ctx, bad); !errors.Is(err, vote.ErrDigestMismatch) {
				t.Errorf("forged receipt: %v", err)
			}
		}
		n := 0
		for v, err := range svc.Participants(ctx, "annual") {
			if err != nil || v != voters(46)[n].ID {
				t.Fatalf("participant %d: %s %v", n, v, err)
			}
			n++
		}
		if n != 46 {
			t.Errorf("%d participants", n)
		}
		if secret {
			for b, err := range svc.Ballots(ctx, "annual") {
				if err != nil || b.Voter != "" {
					t.Fatalf("secret ballot carries voter %q (%v)", b.Voter, err)
				}
			}
		}
		stored, _ := svc.Poll(ctx, "annual")
		if stored.State != vote.StateTallied || stored.Result == nil || stored.Result.Digest != closed.Digest {
			t.Errorf("stored poll %s result %v", stored.State, stored.Result != nil)
		}
		if _, err := svc.Close(ctx, "annual"); !errors.Is(err, vote.ErrWrongState) {
			t.Errorf("closing a tallied poll: %v", err)
		}
	}
}

func TestServiceRejectsInvalid(t *testing.T) {
	ctx := context.Background()
	svc, _ := newService(t, vote.NewMemStore())
	bad := projectPoll("bad", false)
	bad.Options = append(bad.Options, vote.Option{ID: "p1"})
	if _, err := svc.Create(ctx, bad); !errors.Is(err, vote.ErrInvalidPoll) {
		t.Errorf("duplicate option: %v", err)
	}
	if _, err := svc.Poll(ctx, "bad"); !errors.Is(err, vote.ErrNotFound) {
		t.Errorf("invalid poll was stored: %v", err)
	}
	secretOwners := vote.Poll{ID: "o", Rule: vote.OwnersSpecial(), Voters: owners(10, 20), Secret: true}
	if _, err := svc.Create(ctx, secretOwners); !errors.Is(err, vote.ErrInvalidPoll) {
		t.Errorf("secret double majority: %v", err)
	}
	if _, err := svc.Create(ctx, projectPoll("ok", false)); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Open(ctx, "ok"); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string]vote.Ballot{
		"over budget":   marks("p1", "p2", "p3", "p4", "p5", "p6"),
		"twice":         marks("p1", "p1"),
		"unknown":       marks("p9"),
		"another voter": {Voter: "v001", Marks: []vote.Mark{{Option: "p1"}}},
	} {
		if _, err := svc.Cast(ctx, "ok", "v000", b); !errors.Is(err, vote.ErrInvalidBallot) {
			t.Errorf("%s: %v", name, err)
		}
	}
	p, _ := svc.Poll(ctx, "ok")
	if _, err := svc.Update(ctx, p); !errors.Is(err, vote.ErrWrongState) {
		t.Errorf("update an open poll: %v", err)
	}
	if _, err := svc.Cast(ctx, "missing", "v000", marks("p1")); !errors.Is(err, vote.ErrNotFound) {
		t.Errorf("missing poll: %v", err)
	}
	closed, err := svc.Close(ctx, "ok")
	if err != nil || closed.Count != 0 {
		t.Fatalf("nothing was cast, yet %d ballots (%v)", closed.Count, err)
	}
}

func TestServiceChangeVote(t *testing.T) {
	ctx := context.Background()
	svc, _ := newService(t, vote.NewMemStore())
	p := projectPoll("c", false)
	p.Rule.AllowChange = true
	if _, err := svc.Create(ctx, p); err != nil {
		t.Fatal(err)
	}
	svc.Open(ctx, "c")
	r1, _ := svc.Cast(ctx, "c", "v000", marks("p1"))
	if _, err := svc.Cast(ctx, "c", "v000", marks("p2", "p3")); !errors.Is(err, vote.ErrAlreadyVoted) {
		t.Fatalf("a second Cast must not change the ballot (use Change): %v", err)
	}
	r2, err := svc.Change(ctx, "v000", r1, marks("p2", "p3"))
	if err != nil || r2 == r1 || r2.Version != 2 {
		t.Fatalf("change: %+v %v", r2, err)
	}
	// A delayed retry of the first cast, or of a change from r1, arrives
	// later: neither reverts the change.
	if _, err := svc.Cast(ctx, "c", "v000", marks("p1")); !errors.Is(err, vote.ErrAlreadyVoted) {
		t.Errorf("stale retry of the first cast: %v, want ErrAlreadyVoted", err)
	}
	if _, err := svc.Change(ctx, "v000", r1, marks("p4")); !errors.Is(err, vote.ErrConflict) {
		t.Errorf("stale change from version 1: %v, want ErrConflict", err)
	}
	if r, err := svc.Change(ctx, "v000", r1, marks("p2", "p3")); err != nil || r != r2 {
		t.Errorf("retry of the change must return its receipt: %+v, %v", r, err)
	}
	svc.Close(ctx, "c")
	res, err := svc.Tally(ctx, "c")
	if err != nil {
		t.Fatal(err)
	}
	if v := votesOf(res); v["p1"] != 0 || v["p2"] != 1 || res.Cast != 1 {
		t.Errorf("votes %v cast %d", v, res.Cast)
	}
	if err := svc.Verify(ctx, r1); !errors.Is(err, vote.ErrDigestMismatch) {
		t.Errorf("the replaced ballot's receipt must no longer verify: %v", err)
	}
}

func TestServiceSecretRetry(t *testing.T) {
	ctx := context.Background()
	svc, _ := newService(t, vote.NewMemStore())
	svc.Create(ctx, projectPoll("s", true))
	svc.Open(ctx, "s")
	b := marks("p2")
	b.ID = "my-token"
	r1, err := svc.Cast(ctx, "s", "v003", b)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := svc.Cast(ctx, "s", "v003", b)
	if err != nil || r2 != r1 {
		t.Errorf("secret retry with the same token: %+v %v", r2, err)
	}
	b.ID = ""
	if _, err := svc.Cast(ctx, "s", "v003", b); !errors.Is(err, vote.ErrAlreadyVoted) {
		t.Errorf("secret recast without the token: %v", err)
	}
	r3, err := svc.Cast(ctx, "s", "v004", b)
	if err != nil || len(r3.Ballot) != 32 {
		t.Errorf("fresh token: %+v %v", r3, err)
	}
}

// tamperStore serves a modified ballot list after the poll closed.
type tamperStore struct {
	*vote.MemStore
	edit func([]vote.Ballot) []vote.Ballot
}

func (s *tamperStore) Ballots(ctx context.Context, id vote.PollID) iter.Seq2[vote.Ballot, error] {
	return func(yield func(vote.Ballot, error) bool) {
		var bs []vote.Ballot
		for b, err := range s.MemStore.Ballots(ctx, id) {
			if err != nil {
				yield(b, err)
				return
			}
			bs = append(bs, b)
		}
		if s.edit != nil {
			bs = s.edit(bs)
		}
		for _, b := range bs {
			if !yield(b, nil) {
				return
			}
		}
	}
}

func TestAuditDetectsTampering(t *testing.T) {
	ctx := context.Background()
	cases := map[string]func([]vote.Ballot) []vote.Ballot{
		"insert": func(bs []vote.Ballot) []vote.Ballot {
			extra := marks("p6")
			extra.ID, extra.Voter = "v040", "v040"
			return append(bs, extra.Canonical())
		},
		"remove": func(bs []vote.Ballot) []vote.Ballot { return bs[1:] },
		"alter": func(bs []vote.Ballot) []vote.Ballot {
			bs[3].Marks = bs[3].Marks[:len(bs[3].Marks)-1]
			return bs
		},
		"alter count": func(bs []vote.Ballot) []vote.Ballot {
			bs[0].Marks[0].Count = 2
			return bs
		},
	}
	for name, edit := range cases {
		t.Run(name, func(t *testing.T) {
			store := &tamperStore{MemStore: vote.NewMemStore()}
			svc, _ := newService(t, store)
			svc.Create(ctx, projectPoll("a", false))
			svc.Open(ctx, "a")
			for i, b := range sixProjects46Reps()[:10] {
				b.ID = ""
				if _, err := svc.Cast(ctx, "a", voters(46)[i].ID, b); err != nil {
					t.Fatal(err)
				}
			}
			closed, err := svc.Close(ctx, "a")
			if err != nil {
				t.Fatal(err)
			}
			if err := svc.Audit(ctx, "a"); !errors.Is(err, vote.ErrWrongState) {
				t.Errorf("audit before tally: %v", err)
			}
			store.edit = edit
			d, _, err := vote.Digest(closed, store.Ballots(ctx, "a"))
			if err != nil {
				t.Fatal(err)
			}
			if d == closed.Digest {
				t.Errorf("%s: digest unchanged", name)
			}
			if _, err := svc.Tally(ctx, "a"); !errors.Is(err, vote.ErrDigestMismatch) {
				t.Errorf("%s: tally of tampered ballots: %v", name, err)
			}
			// Tamper after the tally: the audit notices.
			store.edit = nil
			if _, err := svc.Tally(ctx, "a"); err != nil {
				t.Fatal(err)
			}
			if err := svc.Audit(ctx, "a"); err != nil {
				t.Errorf("audit of an untouched poll: %v", err)
			}
			store.edit = edit
			if err := svc.Audit(ctx, "a"); !errors.Is(err, vote.ErrDigestMismatch) {
				t.Errorf("%s: audit of tampered ballots: %v", name, err)
			}
		})
	}
}

func TestDigestRequiresCanonicalOrder(t *testing.T) {
	bs := []vote.Ballot{{ID: "b"}, {ID: "a"}}
	if _, _, err := vote.Digest(vote.Poll{ID: "p"}, func(yield func(vote.Ballot, error) bool) {
		for _, b := range bs {
			if !yield(b, nil) {
				return
			}
		}
	}); err == nil {
		t.Error("out-of-order ballots accepted")
	}
}

func TestAuditDetectsAlteredResult(t *testing.T) {
	ctx := context.Background()
	store := vote.NewMemStore()
	svc, _ := newService(t, store)
	svc.Create(ctx, projectPoll("r", false))
	svc.Open(ctx, "r")
	for i, b := range sixProjects46Reps()[:40] {
		if _, err := svc.Cast(ctx, "r", voters(46)[i].ID, b); err != nil {
			t.Fatal(err)
		}
	}
	svc.Close(ctx, "r")
	if _, err := svc.Tally(ctx, "r"); err != nil {
		t.Fatal(err)
	}
	p, _ := store.Poll(ctx, "r")
	p.Result.Selected = []vote.OptionID{"p6", "p5"} // rewrite history
	if _, err := store.UpdatePoll(ctx, p); err != nil {
		t.Fatal(err)
	}
	if err := svc.Audit(ctx, "r"); !errors.Is(err, vote.ErrDigestMismatch) {
		t.Errorf("altered result: %v", err)
	}
}

func TestServiceConcurrentCasts(t *testing.T) {
	ctx := context.Background()
	for _, secret := range []bool{false, true} {
		svc, _ := newService(t, vote.NewMemStore())
		id := vote.PollID(fmt.Sprintf("c-%v", secret))
		if _, err := svc.Create(ctx, projectPoll(id, secret)); err != nil {
			t.Fatal(err)
		}
		svc.Open(ctx, id)
		ballots := sixProjects46Reps()
		var wg sync.WaitGroup
		errs := make(chan error, 2*len(ballots))
		for i, b := range ballots {
			b.ID = ""
			if secret {
				b.ID = vote.BallotID(fmt.Sprintf("tok-%02d", i))
			}
			for range 2 { // every ballot is sent twice at once: a retry
				wg.Add(1)
				go func() {
					defer wg.Done()
					if _, err := svc.Cast(ctx, id, voters(46)[i].ID, b); err != nil {
						errs <- err
					}
				}()
			}
		}
		wg.Wait()
		close(errs)
		for i := range 5 { // a different second ballot is refused
			if _, err := svc.Cast(ctx, id, voters(46)[i].ID, marks("p1")); !errors.Is(err, vote.ErrAlreadyVoted) {
				t.Errorf("secret=%v: second ballot from %s: %v", secret, voters(46)[i].ID, err)
			}
		}
		for err := range errs {
			t.Errorf("secret=%v: %v", secret, err)
		}
		svc.Close(ctx, id)
		res, err := svc.Tally(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if res.Cast != 46 || fmt.Sprint(res.Selected) != "[p1 p4]" {
			t.Errorf("secret=%v: cast %d selected %v", secret, res.Cast, res.Selected)
		}
	}
}
