package votetest

import (
	"context"
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
	seen map[vote.Receipt]bool
}

func (s *retryBlind) AppendBallot(ctx context.Context, e vote.Entry) (vote.Receipt, error) {
	s.mu.Lock()
	seen := s.seen[e.Receipt]
	s.seen[e.Receipt] = true
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
		{func() vote.Store { return &retryBlind{MemStore: vote.NewMemStore(), seen: map[vote.Receipt]bool{}} }, "AppendIdempotent"},
		{func() vote.Store { return &retryBlind{MemStore: vote.NewMemStore(), seen: map[vote.Receipt]bool{}} }, "ConcurrentAppend"},
		{func() vote.Store { return &retryBlind{MemStore: vote.NewMemStore(), seen: map[vote.Receipt]bool{}} }, "StateMachine"},
		{func() vote.Store { return lastWriteWins{vote.NewMemStore()} }, "UpdatePollVersion"},
		{func() vote.Store { return leaky{vote.NewMemStore()} }, "CanonicalOrder"},
		{func() vote.Store { return leaky{vote.NewMemStore()} }, "StateMachine"},
		{func() vote.Store { return deaf{vote.NewMemStore()} }, "CanceledContext"},
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
