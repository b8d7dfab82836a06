// Package votetest is the conformance suite for vote.Store
// implementations. An adapter runs it from a test:
//
//	func TestStore(t *testing.T) {
//		votetest.TestStore(t, func(t *testing.T) vote.Store { return newStore(t) })
//	}
//
// Each behaviour of the Store contract is a named subtest, and a failure
// names the contract it breaks.
package votetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/gongzhi/gongzhi/vote"
)

// TestStore checks that a Store meets the vote.Store contract, and the
// vote.BulkStore contract if the store implements it (BulkAppend is
// skipped otherwise). newStore must return an empty, independent store;
// register cleanup with t.Cleanup. Run it under -race.
func TestStore(t *testing.T, newStore func(t *testing.T) vote.Store) {
	t.Helper()
	for _, c := range contracts() {
		t.Run(c.name, func(t *testing.T) {
			c.fn(t, newStore(t))
		})
	}
}

// tb is what a contract check needs of its test: *testing.T, or a
// recorder in the suite's own tests.
type tb = rapid.TB

type contract struct {
	name string
	fn   func(tb, vote.Store)
}

// contracts lists the named behaviours of the Store contract.
func contracts() []contract {
	return []contract{
		{"CreateAndGet", testCreateAndGet},
		{"CreateExists", testCreateExists},
		{"NotFound", testNotFound},
		{"UpdatePollVersion", testUpdatePollVersion},
		{"AppendRequiresOpen", testAppendRequiresOpen},
		{"AppendIdempotent", testAppendIdempotent},
		{"AlreadyVoted", testAlreadyVoted},
		{"Replace", testReplace},
		{"BallotIDConflict", testBallotIDConflict},
		{"Secret", testSecret},
		{"CanonicalOrder", testCanonicalOrder},
		{"StreamEarlyStop", testStreamEarlyStop},
		{"CanceledContext", testCanceledContext},
		{"ConcurrentAppend", testConcurrentAppend},
		{"ConcurrentCloseAndAppend", testConcurrentCloseAndAppend},
		{"RetryKeepsFirstReceipt", testRetryKeepsFirstReceipt},
		{"StaleChange", testStaleChange},
		{"DefinitionFrozen", testDefinitionFrozen},
		{"BulkAppend", testBulkAppend},
		{"StateMachine", testStateMachine},
	}
}

// newPoll returns a fresh poll definition; seq makes its id unique
// within the store under test.
func newPoll(seq *atomic.Int64, secret bool, state vote.State) vote.Poll {
	id := vote.PollID(fmt.Sprintf("poll-%d", seq.Add(1)))
	return vote.Poll{
		ID:      id,
		Title:   "conformance",
		Rule:    vote.ProjectPriorities(),
		Options: []vote.Option{{ID: "a", Name: "A"}, {ID: "b"}, {ID: "c"}},
		Voters:  []vote.Voter{{ID: "v1", Weight: decimal.RequireFromString("88.25")}, {ID: "v2"}},
		Secret:  secret,
		State:   state,
	}
}

// create stores p and returns it as stored (version 1).
func create(t tb, s vote.Store, p vote.Poll) vote.Poll {
	t.Helper()
	if err := s.CreatePoll(context.Background(), p); err != nil {
		t.Fatalf("CreatePoll: %v", err)
	}
	got, err := s.Poll(context.Background(), p.ID)
	if err != nil {
		t.Fatalf("Poll after CreatePoll: %v", err)
	}
	return got
}

// entry builds the entry a Service's Cast would hand the store: a first
// ballot (version 1) with a fresh random salt, so that two calls with the
// same arguments are a cast and its retry.
func entry(p vote.Poll, voter vote.VoterID, id vote.BallotID, options ...vote.OptionID) vote.Entry {
	b := vote.Ballot{ID: id}
	if !p.Secret {
		b.Voter = voter
	}
	for _, o := range options {
		b.Marks = append(b.Marks, vote.Mark{Option: o})
	}
	b = b.Canonical()
	return vote.Entry{
		Poll: p.ID, Voter: voter, Ballot: b, Secret: p.Secret,
		Receipt: vote.NewReceipt(p.ID, b, 1, salt()),
	}
}

// change builds the entry of Service.Change: voter's ballot of version
// version-1 is replaced.
func change(p vote.Poll, voter vote.VoterID, version int64, options ...vote.OptionID) vote.Entry {
	e := entry(p, voter, vote.BallotID(voter), options...)
	e.Replace = true
	e.Receipt = vote.NewReceipt(p.ID, e.Ballot, version, e.Receipt.Salt)
	return e
}

// salt returns a fresh random receipt salt.
func salt() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail
	}
	return hex.EncodeToString(b[:])
}

// matches reports whether r is the receipt of ballot b.
func matches(r vote.Receipt, b vote.Ballot) bool {
	return vote.NewReceipt(r.Poll, b, r.Version, r.Salt) == r
}

func ballots(t tb, s vote.Store, id vote.PollID) []vote.Ballot {
	t.Helper()
	var out []vote.Ballot
	for b, err := range s.Ballots(context.Background(), id) {
		if err != nil {
			t.Fatalf("Ballots(%s): %v", id, err)
		}
		out = append(out, b)
	}
	return out
}

func participants(t tb, s vote.Store, id vote.PollID) []vote.VoterID {
	t.Helper()
	var out []vote.VoterID
	for v, err := range s.Participants(context.Background(), id) {
		if err != nil {
			t.Fatalf("Participants(%s): %v", id, err)
		}
		out = append(out, v)
	}
	return out
}

func ballotIDs(bs []vote.Ballot) []vote.BallotID {
	out := make([]vote.BallotID, len(bs))
	for i, b := range bs {
		out[i] = b.ID
	}
	return out
}

var pollCmp = []cmp.Option{
	cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) }),
	cmpopts.EquateEmpty(),
}

func equalPoll(a, b vote.Poll) bool { return cmp.Equal(a, b, pollCmp...) }

func testCreateAndGet(t tb, s vote.Store) {
	var seq atomic.Int64
	p := newPoll(&seq, false, vote.StateDraft)
	p.Version = 42
	got := create(t, s, p)
	if got.Version != 1 {
		t.Errorf("CreatePoll must store version 1, got %d", got.Version)
	}
	p.Version = 1
	if !equalPoll(p, got) {
		t.Errorf("Poll must return what CreatePoll stored (-want +got):\n%s", cmp.Diff(p, got, pollCmp...))
	}
	got.Options[0].Name = "mutated"
	got.Voters[0].ID = "mutated"
	again, _ := s.Poll(context.Background(), p.ID)
	if again.Options[0].Name != "A" || again.Voters[0].ID != "v1" {
		t.Error("Poll must return a copy: changing it changed the store")
	}
	if !again.Voters[0].Weight.Equal(decimal.RequireFromString("88.25")) {
		t.Errorf("voter weight must round-trip exactly, got %s", again.Voters[0].Weight)
	}
}

func testCreateExists(t tb, s vote.Store) {
	var seq atomic.Int64
	p := create(t, s, newPoll(&seq, false, vote.StateDraft))
	q := p
	q.Title = "other"
	if err := s.CreatePoll(context.Background(), q); !errors.Is(err, vote.ErrExists) {
		t.Fatalf("CreatePoll of an existing id must return ErrExists, got %v", err)
	}
	got, _ := s.Poll(context.Background(), p.ID)
	if got.Title != p.Title {
		t.Error("a rejected CreatePoll must change nothing")
	}
}

func testNotFound(t tb, s vote.Store) {
	var seq atomic.Int64
	ctx := context.Background()
	p := newPoll(&seq, false, vote.StateOpen)
	if _, err := s.Poll(ctx, p.ID); !errors.Is(err, vote.ErrNotFound) {
		t.Errorf("Poll of a missing poll must return ErrNotFound, got %v", err)
	}
	p.Version = 1
	if _, err := s.UpdatePoll(ctx, p); !errors.Is(err, vote.ErrNotFound) {
		t.Errorf("UpdatePoll of a missing poll must return ErrNotFound, got %v", err)
	}
	if _, err := s.AppendBallot(ctx, entry(p, "v1", "v1", "a")); !errors.Is(err, vote.ErrNotFound) {
		t.Errorf("AppendBallot to a missing poll must return ErrNotFound, got %v", err)
	}
	if _, _, err := s.Ballot(ctx, p.ID, "v1"); !errors.Is(err, vote.ErrNotFound) {
		t.Errorf("Ballot of a missing poll must return ErrNotFound, got %v", err)
	}
	n := 0
	for _, err := range s.Ballots(ctx, p.ID) {
		n++
		if !errors.Is(err, vote.ErrNotFound) {
			t.Errorf("Ballots of a missing poll must yield ErrNotFound, got %v", err)
		}
	}
	if n != 1 {
		t.Errorf("Ballots of a missing poll must yield one error, yielded %d items", n)
	}
	n = 0
	for _, err := range s.Participants(ctx, p.ID) {
		n++
		if !errors.Is(err, vote.ErrNotFound) {
			t.Errorf("Participants of a missing poll must yield ErrNotFound, got %v", err)
		}
	}
	if n != 1 {
		t.Errorf("Participants of a missing poll must yield one error, yielded %d items", n)
	}
	q := create(t, s, newPoll(&seq, false, vote.StateOpen))
	if _, _, err := s.Ballot(ctx, q.ID, "nobody"); !errors.Is(err, vote.ErrNotFound) {
		t.Errorf("Ballot with an unknown id must return ErrNotFound, got %v", err)
	}
	if got := ballots(t, s, q.ID); len(got) != 0 {
		t.Errorf("a new poll must have no ballots, got %d", len(got))
	}
	if got := participants(t, s, q.ID); len(got) != 0 {
		t.Errorf("a new poll must have no participants, got %v", got)
	}
}

func testUpdatePollVersion(t tb, s vote.Store) {
	var seq atomic.Int64
	ctx := context.Background()
	p := create(t, s, newPoll(&seq, false, vote.StateDraft))
	p.Title = "second"
	p.State = vote.StateOpen
	v, err := s.UpdatePoll(ctx, p)
	if err != nil || v != 2 {
		t.Fatalf("UpdatePoll with the stored version must return version 2, got %d, %v", v, err)
	}
	stale := p
	stale.Title = "stale"
	if _, err := s.UpdatePoll(ctx, stale); !errors.Is(err, vote.ErrConflict) {
		t.Fatalf("UpdatePoll with a stale version must return ErrConflict, got %v", err)
	}
	got, _ := s.Poll(ctx, p.ID)
	if got.Title != "second" || got.Version != 2 || got.State != vote.StateOpen {
		t.Errorf("a conflicting UpdatePoll must change nothing; got title %q version %d", got.Title, got.Version)
	}
	res := vote.Result{Poll: p.ID, Rule: p.Rule, Cast: 3, Checks: []vote.Check{{Name: "quorum",
		Count: decimal.NewFromInt(3), Base: decimal.RequireFromString("4.5"), Of: vote.BaseEligible, Ratio: vote.AtLeast(2, 3), Met: true}},
		Selected: []vote.OptionID{"a"}}
	got.Result, got.Digest, got.Count, got.State = &res, "abc", 3, vote.StateTallied
	if _, err := s.UpdatePoll(ctx, got); err != nil {
		t.Fatal(err)
	}
	back, _ := s.Poll(ctx, p.ID)
	got.Version = 3
	if !equalPoll(got, back) {
		t.Errorf("UpdatePoll must store the whole poll, result included (-want +got):\n%s", cmp.Diff(got, back, pollCmp...))
	}
}

func testAppendRequiresOpen(t tb, s vote.Store) {
	var seq atomic.Int64
	ctx := context.Background()
	for _, st := range []vote.State{vote.StateDraft, vote.StateClosed, vote.StateTallied} {
		p := create(t, s, newPoll(&seq, false, st))
		_, err := s.AppendBallot(ctx, entry(p, "v1", "v1", "a"))
		var se *vote.StateError
		if !errors.Is(err, vote.ErrWrongState) || !errors.As(err, &se) {
			t.Errorf("AppendBallot to a %s poll must return a *StateError, got %v", st, err)
		}
		if len(ballots(t, s, p.ID)) != 0 || len(participants(t, s, p.ID)) != 0 {
			t.Errorf("a rejected AppendBallot (%s poll) must store nothing", st)
		}
	}
}

func testAppendIdempotent(t tb, s vote.Store) {
	var seq atomic.Int64
	ctx := context.Background()
	for _, secret := range []bool{false, true} {
		p := create(t, s, newPoll(&seq, secret, vote.StateOpen))
		e := entry(p, "v1", "tok-1", "a", "b")
		if !secret {
			e = entry(p, "v1", "v1", "a", "b")
		}
		r1, err := s.AppendBallot(ctx, e)
		if err != nil {
			t.Fatalf("AppendBallot: %v", err)
		}
		if r1 != e.Receipt {
			t.Errorf("AppendBallot must return the entry's receipt, got %+v", r1)
		}
		r2, err := s.AppendBallot(ctx, e)
		if err != nil || r2 != r1 {
			t.Errorf("a retried AppendBallot (secret=%v) must return the first receipt, got %+v, %v", secret, r2, err)
		}
		if got := ballots(t, s, p.ID); len(got) != 1 {
			t.Errorf("a retry must not add a ballot (secret=%v): %d ballots", secret, len(got))
		} else if !matches(r1, got[0]) {
			t.Errorf("the stored ballot must match its receipt (secret=%v)", secret)
		}
		if got := participants(t, s, p.ID); !slices.Equal(got, []vote.VoterID{"v1"}) {
			t.Errorf("participants must be [v1], got %v", got)
		}
		b, stored, err := s.Ballot(ctx, p.ID, r1.Ballot)
		if err != nil || !matches(r1, b) || stored != r1 {
			t.Errorf("Ballot must return the stored ballot and its receipt %+v, got %+v, %+v, %v", r1, b, stored, err)
		}
	}
}

func testAlreadyVoted(t tb, s vote.Store) {
	var seq atomic.Int64
	ctx := context.Background()
	for _, secret := range []bool{false, true} {
		p := create(t, s, newPoll(&seq, secret, vote.StateOpen))
		id1, id2 := vote.BallotID("v1"), vote.BallotID("v1")
		if secret {
			id1, id2 = "tok-1", "tok-2"
		}
		first := entry(p, "v1", id1, "a")
		if _, err := s.AppendBallot(ctx, first); err != nil {
			t.Fatal(err)
		}
		second := entry(p, "v1", id2, "b")
		if _, err := s.AppendBallot(ctx, second); !errors.Is(err, vote.ErrAlreadyVoted) {
			t.Errorf("a different second ballot (secret=%v) must return ErrAlreadyVoted, got %v", secret, err)
		}
		if secret {
			// The same content under a new token is not a retry either.
			again := entry(p, "v1", "tok-3", "a")
			if _, err := s.AppendBallot(ctx, again); !errors.Is(err, vote.ErrAlreadyVoted) {
				t.Errorf("a secret ballot with a new token must return ErrAlreadyVoted, got %v", err)
			}
		}
		got := ballots(t, s, p.ID)
		if len(got) != 1 || !matches(first.Receipt, got[0]) {
			t.Errorf("a rejected second ballot must leave the first in place (secret=%v), got %+v", secret, got)
		}
	}
}

func testReplace(t tb, s vote.Store) {
	var seq atomic.Int64
	ctx := context.Background()
	p := newPoll(&seq, false, vote.StateOpen)
	p.Rule.AllowChange = true
	p = create(t, s, p)
	if _, err := s.AppendBallot(ctx, entry(p, "v1", "v1", "a")); err != nil {
		t.Fatal(err)
	}
	e := change(p, "v1", 2, "b", "c")
	r, err := s.AppendBallot(ctx, e)
	if err != nil || r != e.Receipt {
		t.Fatalf("AppendBallot with Replace must store the new ballot and return its receipt, got %+v, %v", r, err)
	}
	got := ballots(t, s, p.ID)
	if len(got) != 1 || !matches(e.Receipt, got[0]) {
		t.Errorf("Replace must swap the voter's ballot, got %+v", got)
	}
	if ps := participants(t, s, p.ID); !slices.Equal(ps, []vote.VoterID{"v1"}) {
		t.Errorf("Replace must keep one participation mark, got %v", ps)
	}
	if r2, err := s.AppendBallot(ctx, e); err != nil || r2 != r {
		t.Errorf("retrying the replacement must return its receipt, got %+v, %v", r2, err)
	}
}

func testBallotIDConflict(t tb, s vote.Store) {
	var seq atomic.Int64
	ctx := context.Background()
	for _, secret := range []bool{false, true} {
		p := create(t, s, newPoll(&seq, secret, vote.StateOpen))
		if _, err := s.AppendBallot(ctx, entry(p, "v1", "same", "a")); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AppendBallot(ctx, entry(p, "v2", "same", "a")); !errors.Is(err, vote.ErrConflict) {
			t.Errorf("a ballot id held by another voter's ballot must return ErrConflict (secret=%v), got %v", secret, err)
		}
		if ps := participants(t, s, p.ID); !slices.Equal(ps, []vote.VoterID{"v1"}) {
			t.Errorf("a conflicting AppendBallot must not record participation, got %v", ps)
		}
	}
}

func testSecret(t tb, s vote.Store) {
	var seq atomic.Int64
	ctx := context.Background()
	p := create(t, s, newPoll(&seq, true, vote.StateOpen))
	voters := []vote.VoterID{"v2", "v1", "v3"}
	tokens := []vote.BallotID{"t-9", "t-1", "t-5"}
	for i, v := range voters {
		if _, err := s.AppendBallot(ctx, entry(p, v, tokens[i], "a")); err != nil {
			t.Fatal(err)
		}
	}
	got := ballots(t, s, p.ID)
	if !slices.Equal(ballotIDs(got), []vote.BallotID{"t-1", "t-5", "t-9"}) {
		t.Errorf("secret ballots must stream in token order, got %v", ballotIDs(got))
	}
	for _, b := range got {
		if b.Voter != "" {
			t.Errorf("a secret ballot must not carry its voter, got %q", b.Voter)
		}
	}
	if ps := participants(t, s, p.ID); !slices.Equal(ps, []vote.VoterID{"v1", "v2", "v3"}) {
		t.Errorf("participation marks must list every voter in id order, got %v", ps)
	}
}

func testCanonicalOrder(t tb, s vote.Store) {
	var seq atomic.Int64
	ctx := context.Background()
	p := create(t, s, newPoll(&seq, false, vote.StateOpen))
	ids := []vote.VoterID{"v07", "v10", "v01", "v3", "v2", "v20"}
	for _, v := range ids {
		if _, err := s.AppendBallot(ctx, entry(p, v, vote.BallotID(v), "b")); err != nil {
			t.Fatal(err)
		}
	}
	got := ballotIDs(ballots(t, s, p.ID))
	want := []vote.BallotID{"v01", "v07", "v10", "v2", "v20", "v3"}
	if !slices.Equal(got, want) {
		t.Errorf("Ballots must stream in ascending (bytewise) id order: want %v, got %v", want, got)
	}
}

func testStreamEarlyStop(t tb, s vote.Store) {
	var seq atomic.Int64
	ctx := context.Background()
	p := create(t, s, newPoll(&seq, false, vote.StateOpen))
	for i := range 5 {
		v := vote.VoterID(fmt.Sprintf("v%d", i))
		if _, err := s.AppendBallot(ctx, entry(p, v, vote.BallotID(v), "a")); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	for range s.Ballots(ctx, p.ID) {
		n++
		if n == 2 {
			break
		}
	}
	m := 0
	for range s.Participants(ctx, p.ID) {
		m++
		break
	}
	if n != 2 || m != 1 {
		t.Errorf("streams must stop when the consumer stops")
	}
	// The store still works after an abandoned stream.
	if _, err := s.AppendBallot(ctx, entry(p, "v9", "v9", "a")); err != nil {
		t.Errorf("AppendBallot after an abandoned stream: %v", err)
	}
}

func testCanceledContext(t tb, s vote.Store) {
	var seq atomic.Int64
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p := newPoll(&seq, false, vote.StateOpen)
	if err := s.CreatePoll(ctx, p); err == nil {
		t.Error("CreatePoll with a canceled context must fail")
	}
	if _, err := s.Poll(context.Background(), p.ID); !errors.Is(err, vote.ErrNotFound) {
		t.Errorf("a canceled CreatePoll must store nothing, got %v", err)
	}
	q := create(t, s, newPoll(&seq, false, vote.StateOpen))
	if _, err := s.Poll(ctx, q.ID); err == nil {
		t.Error("Poll with a canceled context must fail")
	}
	q.Title = "changed"
	if _, err := s.UpdatePoll(ctx, q); err == nil {
		t.Error("UpdatePoll with a canceled context must fail")
	}
	if _, err := s.AppendBallot(ctx, entry(q, "v1", "v1", "a")); err == nil {
		t.Error("AppendBallot with a canceled context must fail")
	}
	if _, _, err := s.Ballot(ctx, q.ID, "v1"); err == nil {
		t.Error("Ballot with a canceled context must fail")
	}
	for _, err := range s.Ballots(ctx, q.ID) {
		if err == nil {
			t.Error("Ballots with a canceled context must yield an error")
		}
		break
	}
	for _, err := range s.Participants(ctx, q.ID) {
		if err == nil {
			t.Error("Participants with a canceled context must yield an error")
		}
		break
	}
	got, _ := s.Poll(context.Background(), q.ID)
	if got.Title == "changed" || got.Version != 1 || len(ballots(t, s, q.ID)) != 0 {
		t.Error("operations with a canceled context must change nothing")
	}
}

func testConcurrentAppend(t tb, s vote.Store) {
	var seq atomic.Int64
	ctx := context.Background()
	p := create(t, s, newPoll(&seq, false, vote.StateOpen))
	const voters, tries = 40, 3
	var wg sync.WaitGroup
	var mu sync.Mutex
	receipts := map[vote.VoterID]map[vote.Receipt]bool{}
	for i := range voters {
		receipts[vote.VoterID(fmt.Sprintf("v%03d", i))] = map[vote.Receipt]bool{}
	}
	for i := range voters {
		v := vote.VoterID(fmt.Sprintf("v%03d", i))
		for range tries {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r, err := s.AppendBallot(ctx, entry(p, v, vote.BallotID(v), "a", "c"))
				mu.Lock()
				defer mu.Unlock()
				if err != nil {
					t.Errorf("concurrent retries of one ballot must all succeed, got %v", err)
					return
				}
				receipts[v][r] = true
			}()
		}
	}
	wg.Wait()
	for v, rs := range receipts {
		if len(rs) != 1 {
			t.Errorf("voter %s got %d different receipts for one ballot", v, len(rs))
		}
	}
	if n := len(ballots(t, s, p.ID)); n != voters {
		t.Errorf("concurrent casts by %d voters stored %d ballots", voters, n)
	}
	if n := len(participants(t, s, p.ID)); n != voters {
		t.Errorf("concurrent casts by %d voters stored %d participation marks", voters, n)
	}
}

func testConcurrentCloseAndAppend(t tb, s vote.Store) {
	var seq atomic.Int64
	// A ballot is either stored before the poll closes or rejected: after
	// the close, the stored ballots are exactly the accepted ones.
	ctx := context.Background()
	p := create(t, s, newPoll(&seq, false, vote.StateOpen))
	var wg sync.WaitGroup
	var accepted atomic.Int64
	for i := range 30 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := vote.VoterID(fmt.Sprintf("v%03d", i))
			_, err := s.AppendBallot(ctx, entry(p, v, vote.BallotID(v), "b"))
			switch {
			case err == nil:
				accepted.Add(1)
			case !errors.Is(err, vote.ErrWrongState):
				t.Errorf("AppendBallot racing a close must succeed or return ErrWrongState, got %v", err)
			}
		}()
	}
	closed := p
	closed.State = vote.StateClosed
	if _, err := s.UpdatePoll(ctx, closed); err != nil {
		t.Fatal(err)
	}
	after := int64(len(ballots(t, s, p.ID)))
	wg.Wait()
	if final := int64(len(ballots(t, s, p.ID))); final != after || final != accepted.Load() {
		t.Errorf("ballots stored after close: %d at close, %d later, %d accepted", after, final, accepted.Load())
	}
}

func testRetryKeepsFirstReceipt(t tb, s vote.Store) {
	var seq atomic.Int64
	ctx := context.Background()
	for _, secret := range []bool{false, true} {
		p := create(t, s, newPoll(&seq, secret, vote.StateOpen))
		id := vote.BallotID("v1")
		if secret {
			id = "tok-1"
		}
		first := entry(p, "v1", id, "a")
		if _, err := s.AppendBallot(ctx, first); err != nil {
			t.Fatal(err)
		}
		// The Service draws a new salt for every call: a retry carries
		// another receipt, and must get the first one back.
		retry := entry(p, "v1", id, "a")
		if retry.Receipt == first.Receipt {
			t.Fatal("salt() repeated itself")
		}
		r, err := s.AppendBallot(ctx, retry)
		if err != nil || r != first.Receipt {
			t.Errorf("a retry with a new salt (secret=%v) must return the first receipt %+v, got %+v, %v", secret, first.Receipt, r, err)
		}
		if _, stored, err := s.Ballot(ctx, p.ID, id); err != nil || stored != first.Receipt {
			t.Errorf("Ballot must return the receipt stored at the first cast (secret=%v), got %+v, %v", secret, stored, err)
		}
	}
}

func testStaleChange(t tb, s vote.Store) {
	var seq atomic.Int64
	ctx := context.Background()
	p := newPoll(&seq, false, vote.StateOpen)
	p.Rule.AllowChange = true
	p = create(t, s, p)
	castA := entry(p, "v1", "v1", "a")
	if _, err := s.AppendBallot(ctx, castA); err != nil {
		t.Fatal(err)
	}
	toB := change(p, "v1", 2, "b")
	if _, err := s.AppendBallot(ctx, toB); err != nil {
		t.Fatalf("a change of version 1 to 2 must be stored, got %v", err)
	}
	// A delayed retry of the first cast arrives after the change.
	if _, err := s.AppendBallot(ctx, castA); !errors.Is(err, vote.ErrAlreadyVoted) {
		t.Errorf("a stale retry of the first cast must return ErrAlreadyVoted, got %v", err)
	}
	toC := change(p, "v1", 3, "c")
	if _, err := s.AppendBallot(ctx, toC); err != nil {
		t.Fatalf("a change of version 2 to 3 must be stored, got %v", err)
	}
	// A delayed retry of the change to B arrives after the change to C.
	if _, err := s.AppendBallot(ctx, toB); !errors.Is(err, vote.ErrConflict) {
		t.Errorf("a stale change (of version 1, stored is 3) must return ErrConflict, got %v", err)
	}
	// Skipping versions is no better.
	if _, err := s.AppendBallot(ctx, change(p, "v1", 9, "a")); !errors.Is(err, vote.ErrConflict) {
		t.Errorf("a change of a version never stored must return ErrConflict, got %v", err)
	}
	got := ballots(t, s, p.ID)
	if len(got) != 1 || !matches(toC.Receipt, got[0]) {
		t.Errorf("stale entries must change nothing: want the ballot of the last change, got %+v", got)
	}
	if r, err := s.AppendBallot(ctx, toC); err != nil || r != toC.Receipt {
		t.Errorf("a retry of the last change must return its receipt, got %+v, %v", r, err)
	}
	if _, err := s.AppendBallot(ctx, change(p, "v2", 2, "a")); !errors.Is(err, vote.ErrConflict) {
		t.Errorf("a change by a voter without a ballot must return ErrConflict, got %v", err)
	}
}

func testDefinitionFrozen(t tb, s vote.Store) {
	var seq atomic.Int64
	ctx := context.Background()
	p := create(t, s, newPoll(&seq, false, vote.StateDraft))
	p.Voters = append(p.Voters, vote.Voter{ID: "v3"})
	v, err := s.UpdatePoll(ctx, p)
	if err != nil {
		t.Fatalf("a draft's roll may change, got %v", err)
	}
	p.Version = v
	p.State = vote.StateOpen
	if p.Version, err = s.UpdatePoll(ctx, p); err != nil {
		t.Fatalf("opening: %v", err)
	}
	edits := map[string]func(*vote.Poll){
		"add a voter":      func(q *vote.Poll) { q.Voters = append(q.Voters, vote.Voter{ID: "intruder"}) },
		"remove a voter":   func(q *vote.Poll) { q.Voters = q.Voters[:1] },
		"reweigh a voter":  func(q *vote.Poll) { q.Voters[0].Weight = decimal.NewFromInt(1000) },
		"change the rule":  func(q *vote.Poll) { q.Rule.Votes = 1 },
		"add an option":    func(q *vote.Poll) { q.Options = append(q.Options, vote.Option{ID: "d"}) },
		"make it secret":   func(q *vote.Poll) { q.Secret = true },
		"back to draft":    func(q *vote.Poll) { q.State = vote.StateDraft },
		"move the closing": func(q *vote.Poll) { q.Closes = q.Closes.AddDate(1, 0, 0) },
	}
	for name, edit := range edits {
		q, err := s.Poll(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		edit(&q)
		if _, err := s.UpdatePoll(ctx, q); !errors.Is(err, vote.ErrWrongState) {
			t.Errorf("UpdatePoll of an open poll must refuse to %s with ErrWrongState, got %v", name, err)
		}
		if got, _ := s.Poll(ctx, p.ID); !equalPoll(got, p) {
			t.Errorf("a refused UpdatePoll (%s) must change nothing (-want +got):\n%s", name, cmp.Diff(p, got, pollCmp...))
		}
	}
	p.State = vote.StateClosed
	p.Count, p.Digest = 0, "d"
	if p.Version, err = s.UpdatePoll(ctx, p); err != nil {
		t.Fatalf("closing with a digest must be allowed: %v", err)
	}
	q := p
	q.State = vote.StateOpen
	if _, err := s.UpdatePoll(ctx, q); !errors.Is(err, vote.ErrWrongState) {
		t.Errorf("reopening a closed poll must return ErrWrongState, got %v", err)
	}
	q = p
	q.Voters = append(slices.Clone(q.Voters), vote.Voter{ID: "late"})
	if _, err := s.UpdatePoll(ctx, q); !errors.Is(err, vote.ErrWrongState) {
		t.Errorf("adding a voter to a closed poll must return ErrWrongState, got %v", err)
	}
}

func testBulkAppend(t tb, s vote.Store) {
	bs, ok := s.(vote.BulkStore)
	if !ok {
		t.Skip("the store does not implement vote.BulkStore")
	}
	var seq atomic.Int64
	ctx := context.Background()
	for _, secret := range []bool{false, true} {
		p := newPoll(&seq, secret, vote.StateOpen)
		p.Voters = append(p.Voters, vote.Voter{ID: "v3"}, vote.Voter{ID: "v4"})
		p = create(t, s, p)
		id := func(v vote.VoterID) vote.BallotID {
			if secret {
				return vote.BallotID("tok-" + v)
			}
			return vote.BallotID(v)
		}
		first := entry(p, "v1", id("v1"), "a")
		if _, err := s.AppendBallot(ctx, first); err != nil {
			t.Fatal(err)
		}
		nothingNew := func(what string) {
			t.Helper()
			if n := len(ballots(t, s, p.ID)); n != 1 {
				t.Errorf("a refused AppendBallots (%s, secret=%v) must store nothing: %d ballots", what, secret, n)
			}
			if ps := participants(t, s, p.ID); !slices.Equal(ps, []vote.VoterID{"v1"}) {
				t.Errorf("a refused AppendBallots (%s, secret=%v) must mark nobody: %v", what, secret, ps)
			}
		}
		batch := []vote.Entry{entry(p, "v2", id("v2"), "b"), entry(p, "v3", id("v3"), "c"), entry(p, "v1", id("v1"), "a")}
		if _, err := bs.AppendBallots(ctx, p.ID, batch); !errors.Is(err, vote.ErrAlreadyVoted) {
			t.Errorf("AppendBallots with a voter who has a mark (secret=%v) must return ErrAlreadyVoted, got %v", secret, err)
		}
		nothingNew("voter with a mark")
		twice := []vote.Entry{entry(p, "v2", id("v2"), "b"), entry(p, "v2", id("v2"), "b")}
		if _, err := bs.AppendBallots(ctx, p.ID, twice); !errors.Is(err, vote.ErrAlreadyVoted) {
			t.Errorf("AppendBallots naming a voter twice (secret=%v) must return ErrAlreadyVoted, got %v", secret, err)
		}
		nothingNew("voter twice")
		taken := []vote.Entry{entry(p, "v2", id("v2"), "b"), entry(p, "v3", id("v1"), "c")}
		if _, err := bs.AppendBallots(ctx, p.ID, taken); !errors.Is(err, vote.ErrConflict) {
			t.Errorf("AppendBallots with a ballot id already held (secret=%v) must return ErrConflict, got %v", secret, err)
		}
		nothingNew("id taken")
		good := []vote.Entry{entry(p, "v3", id("v3"), "c"), entry(p, "v2", id("v2"), "b", "c")}
		rs, err := bs.AppendBallots(ctx, p.ID, good)
		if err != nil || len(rs) != 2 || rs[0] != good[0].Receipt || rs[1] != good[1].Receipt {
			t.Fatalf("AppendBallots must store every entry and return their receipts in order (secret=%v), got %+v, %v", secret, rs, err)
		}
		if got := ballots(t, s, p.ID); len(got) != 3 {
			t.Errorf("after AppendBallots (secret=%v): %d ballots, want 3", secret, len(got))
		} else if secret {
			for _, b := range got {
				if b.Voter != "" {
					t.Errorf("a secret ballot stored in bulk carries its voter %q", b.Voter)
				}
			}
		}
		if ps := participants(t, s, p.ID); !slices.Equal(ps, []vote.VoterID{"v1", "v2", "v3"}) {
			t.Errorf("after AppendBallots (secret=%v): participants %v", secret, ps)
		}
	}
	closed := create(t, s, newPoll(&seq, false, vote.StateClosed))
	if _, err := bs.AppendBallots(ctx, closed.ID, []vote.Entry{entry(closed, "v1", "v1", "a")}); !errors.Is(err, vote.ErrWrongState) {
		t.Errorf("AppendBallots into a closed poll must return ErrWrongState, got %v", err)
	}
}
