package votetest

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"iter"
	"runtime"
	"sync"
	"testing"

	"github.com/gongzhi/gongzhi/vote"
)

// recorder is a tb that records failures instead of failing the test, so
// the suite can be run against broken stores.
type recorder struct {
	mu     sync.Mutex
	failed bool
	msgs   []string
}

func (r *recorder) fail(msg string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failed = true
	r.msgs = append(r.msgs, msg)
}

func (r *recorder) Helper()                           {}
func (r *recorder) Name() string                      { return "recorder" }
func (r *recorder) Logf(string, ...any)               {}
func (r *recorder) Log(...any)                        {}
func (r *recorder) Skipf(string, ...any)              { runtime.Goexit() }
func (r *recorder) Skip(...any)                       { runtime.Goexit() }
func (r *recorder) SkipNow()                          { runtime.Goexit() }
func (r *recorder) Errorf(format string, args ...any) { r.fail(fmt.Sprintf(format, args...)) }
func (r *recorder) Error(args ...any)                 { r.fail(fmt.Sprint(args...)) }
func (r *recorder) Fatalf(format string, args ...any) {
	r.fail(fmt.Sprintf(format, args...))
	runtime.Goexit()
}
func (r *recorder) Fatal(args ...any) { r.fail(fmt.Sprint(args...)); runtime.Goexit() }
func (r *recorder) FailNow()          { r.fail("FailNow"); runtime.Goexit() }
func (r *recorder) Fail()             { r.fail("Fail") }
func (r *recorder) Failed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.failed
}

// run runs one contract check against s and reports whether it failed.
func run(fn func(tb, vote.Store), s vote.Store) *recorder {
	r := &recorder{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(r, s)
	}()
	<-done
	return r
}

// retryBlind refuses every retry, as a store without idempotent appends.
type retryBlind struct {
	*vote.MemStore
	mu   sync.Mutex
	seen map[string]bool
}

func (s *retryBlind) AppendBallot(ctx context.Context, e vote.Entry) (vote.Receipt, error) {
	key := string(e.Poll) + "\x00" + string(e.Voter) + "\x00" + e.Ballot.Hash(e.Poll)
	s.mu.Lock()
	seen := s.seen[key]
	s.seen[key] = true
	s.mu.Unlock()
	if seen {
		return vote.Receipt{}, vote.ErrAlreadyVoted
	}
	return s.MemStore.AppendBallot(ctx, e)
}

// lastWriteWins ignores versions.
type lastWriteWins struct{ *vote.MemStore }

func (s lastWriteWins) UpdatePoll(ctx context.Context, p vote.Poll) (int64, error) {
	cur, err := s.MemStore.Poll(ctx, p.ID)
	if err != nil {
		return 0, err
	}
	p.Version = cur.Version
	return s.MemStore.UpdatePoll(ctx, p)
}

// leaky loses the first ballot of every stream.
type leaky struct{ *vote.MemStore }

func (s leaky) Ballots(ctx context.Context, id vote.PollID) iter.Seq2[vote.Ballot, error] {
	return func(yield func(vote.Ballot, error) bool) {
		first := true
		for b, err := range s.MemStore.Ballots(ctx, id) {
			if first && err == nil {
				first = false
				continue
			}
			if !yield(b, err) {
				return
			}
		}
	}
}

// saltForgetful answers a retry with the retry's own receipt instead of
// the stored one.
type saltForgetful struct{ *vote.MemStore }

func (s saltForgetful) AppendBallot(ctx context.Context, e vote.Entry) (vote.Receipt, error) {
	if _, err := s.MemStore.AppendBallot(ctx, e); err != nil {
		return vote.Receipt{}, err
	}
	return e.Receipt, nil
}

// versionBlind applies every change, whatever version it replaces, as a
// store without ballot versions: a stale retry reverts a newer ballot.
type versionBlind struct{ *vote.MemStore }

func (s versionBlind) AppendBallot(ctx context.Context, e vote.Entry) (vote.Receipt, error) {
	if e.Replace {
		if _, cur, err := s.MemStore.Ballot(ctx, e.Poll, e.Ballot.ID); err == nil && cur.Version != e.Receipt.Version-1 {
			e.Receipt = vote.NewReceipt(e.Poll, e.Ballot, cur.Version+1, e.Receipt.Salt)
		}
	}
	return s.MemStore.AppendBallot(ctx, e)
}

// thawed lets the definition of an open poll change, as a store that
// stores whatever it is given: refused updates go to an overlay that
// Poll reads first.
type thawed struct {
	*vote.MemStore
	mu      sync.Mutex
	overlay map[vote.PollID]vote.Poll
}

func (s *thawed) UpdatePoll(ctx context.Context, p vote.Poll) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if cur, ok := s.overlay[p.ID]; ok && cur.Version == p.Version {
		p.Version++
		s.overlay[p.ID] = p
		return p.Version, nil
	}
	v, err := s.MemStore.UpdatePoll(ctx, p)
	if errors.Is(err, vote.ErrWrongState) {
		p.Version++
		s.overlay[p.ID] = p
		return p.Version, nil
	}
	return v, err
}

func (s *thawed) Poll(ctx context.Context, id vote.PollID) (vote.Poll, error) {
	s.mu.Lock()
	p, ok := s.overlay[id]
	s.mu.Unlock()
	if ok {
		return p.Clone(), nil
	}
	return s.MemStore.Poll(ctx, id)
}

// bulkPiecemeal appends a batch one entry at a time: not all or none.
type bulkPiecemeal struct{ *vote.MemStore }

func (s bulkPiecemeal) AppendBallots(ctx context.Context, _ vote.PollID, es []vote.Entry) ([]vote.Receipt, error) {
	var out []vote.Receipt
	for _, e := range es {
		r, err := s.MemStore.AppendBallot(ctx, e)
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	return out, nil
}

// deaf ignores cancellation.
type deaf struct{ *vote.MemStore }

func (s deaf) CreatePoll(_ context.Context, p vote.Poll) error {
	return s.MemStore.CreatePoll(context.Background(), p)
}

func TestSuiteCatchesBrokenStores(t *testing.T) {
	if f := flag.Lookup("rapid.nofailfile"); f != nil {
		old := f.Value.String()
		f.Value.Set("true")
		t.Cleanup(func() { f.Value.Set(old) })
	}
	byName := map[string]func(tb, vote.Store){}
	for _, c := range contracts() {
		byName[c.name] = c.fn
	}
	cases := []struct {
		store    func() vote.Store
		contract string
	}{
		{func() vote.Store { return &retryBlind{MemStore: vote.NewMemStore(), seen: map[string]bool{}} }, "AppendIdempotent"},
		{func() vote.Store { return &retryBlind{MemStore: vote.NewMemStore(), seen: map[string]bool{}} }, "ConcurrentAppend"},
		{func() vote.Store { return &retryBlind{MemStore: vote.NewMemStore(), seen: map[string]bool{}} }, "StateMachine"},
		{func() vote.Store { return saltForgetful{vote.NewMemStore()} }, "RetryKeepsFirstReceipt"},
		{func() vote.Store { return saltForgetful{vote.NewMemStore()} }, "ConcurrentAppend"},
		{func() vote.Store { return versionBlind{vote.NewMemStore()} }, "StaleChange"},
		{func() vote.Store { return versionBlind{vote.NewMemStore()} }, "StateMachine"},
		{func() vote.Store {
			return &thawed{MemStore: vote.NewMemStore(), overlay: map[vote.PollID]vote.Poll{}}
		}, "DefinitionFrozen"},
		{func() vote.Store { return lastWriteWins{vote.NewMemStore()} }, "UpdatePollVersion"},
		{func() vote.Store { return leaky{vote.NewMemStore()} }, "CanonicalOrder"},
		{func() vote.Store { return leaky{vote.NewMemStore()} }, "StateMachine"},
		{func() vote.Store { return deaf{vote.NewMemStore()} }, "CanceledContext"},
		{func() vote.Store { return bulkPiecemeal{vote.NewMemStore()} }, "BulkAppend"},
	}
	for _, tc := range cases {
		name := fmt.Sprintf("%T/%s", tc.store(), tc.contract)
		t.Run(name, func(t *testing.T) {
			if r := run(byName[tc.contract], tc.store()); !r.Failed() {
				t.Errorf("contract %s passed a broken store", tc.contract)
			}
		})
	}
	// And the reference store passes every contract.
	for _, c := range contracts() {
		if r := run(c.fn, vote.NewMemStore()); r.Failed() {
			t.Errorf("MemStore fails %s: %v", c.name, r.msgs)
		}
	}
}
