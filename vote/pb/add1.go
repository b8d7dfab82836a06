package pb

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"runtime"
	"sync"

	"github.com/shopspring/decimal"
)

// Search names how the Add1 completion looks for the last share per voter
// whose outcome fits the budget.
type Search string

// The searches.
const (
	// Linear tries base+Step, base+2*Step, ... in order, as pabutools and
	// the equalshares.net reference code do, and keeps the last outcome
	// before the stopping one. It needs as many MES runs as steps, so it is
	// bounded by Rule.MaxSteps.
	Linear Search = "linear"
	// Bisect looks for the same share by doubling, then bisecting, the
	// number of steps: about 4*log2(steps) MES runs, whatever the budget.
	// It keeps the share that Linear keeps whenever the outcome's cost grows
	// with the share (true of every instance in the tests, the official
	// Wieliczka 2023 count included); MES does not guarantee that growth, and
	// where it fails the two may keep different shares. Both always fit the
	// budget.
	Bisect Search = "bisect"
)

// DefaultMaxSteps is the number of Add1 steps that Linear tries when
// Rule.MaxSteps is 0.
const DefaultMaxSteps = 100000

// ErrStepLimit is wrapped by *StepLimitError.
var ErrStepLimit = errors.New("pb: add1 step limit reached")

// StepLimitError reports that the linear Add1 search reached its step
// limit before the outcome stopped fitting the budget: the outcome at that
// share would be an arbitrary truncation, so no result is returned.
// Raise Rule.MaxSteps, use a larger Rule.Step, or search by Bisect.
type StepLimitError struct {
	Limit  int    // the max_steps in force
	Share  string // the share per voter reached, an exact fraction
	Needed string // the number of steps after which no outcome can change
}

// Error says which limit was reached and what to do.
func (e *StepLimitError) Error() string {
	return fmt.Sprintf("pb: add1 tried max_steps %d shares (up to %s per voter) and the outcome still fits the budget; up to %s steps may be needed: raise max_steps, use a larger step, or set search to bisect",
		e.Limit, e.Share, e.Needed)
}

// Unwrap returns ErrStepLimit.
func (e *StepLimitError) Unwrap() error { return ErrStepLimit }

// add1 is the search of the Add1 completion: which multiple k of the step,
// added to the base share, gives the outcome that is kept (0: the plain MES
// outcome at the equal share).
type add1 struct {
	d          *mesData
	r          Rule
	B          *big.Rat // the real budget
	base, step *big.Rat
	// kmax is the last step worth trying: beyond it the share exceeds the
	// cost of all projects together, every supporter can pay for
	// everything, and the outcome no longer changes. It is chosen from the
	// instance, so the search never stops short of it silently.
	kmax    int
	kneeded *big.Int // kmax before clamping to an int
	scratch []fastRun
}

func newAdd1(d *mesData, r Rule, share, B *big.Rat) *add1 {
	a := &add1{d: d, r: r, B: B, base: share}
	step := r.Step
	if step.IsZero() {
		step = decimal.NewFromInt(1)
	}
	a.step = step.Rat()
	if r.FloorShare {
		a.base = new(big.Rat).SetInt(new(big.Int).Quo(share.Num(), share.Denom()))
	}
	all := new(big.Rat)
	for _, c := range d.cost {
		all.Add(all, c)
	}
	// kmax = max(1, floor((all - base) / step)).
	q := new(big.Rat).Quo(new(big.Rat).Sub(all, a.base), a.step)
	a.kneeded = new(big.Int).Quo(q.Num(), q.Denom())
	const most = 1 << 62
	switch {
	case a.kneeded.Sign() <= 0:
		a.kmax = 1
	case a.kneeded.IsInt64() && a.kneeded.Int64() < most:
		a.kmax = int(a.kneeded.Int64())
	default:
		a.kmax = most
	}
	if a.kneeded.Sign() <= 0 {
		a.kneeded.SetInt64(1)
	}
	d.prepareFast()
	a.scratch = make([]fastRun, min(max(runtime.GOMAXPROCS(0), 1), 4))
	return a
}

func (a *add1) shareAt(k int) *big.Rat {
	return new(big.Rat).Add(a.base, new(big.Rat).Mul(a.step, new(big.Rat).SetInt64(int64(k))))
}

// done reports whether the search stops at m: it leaves no fundable
// project (unless UntilOverBudget), or it bought everything supported.
func (a *add1) done(m *mesRun) bool {
	return (!a.r.UntilOverBudget && a.d.exhaustive(m, a.B)) || a.d.complete(m)
}

func (a *add1) limitError(k int) error {
	return &StepLimitError{Limit: k, Share: a.shareAt(k).RatString(), Needed: a.kneeded.String()}
}

// search returns the number of steps whose outcome is kept. plain is the
// outcome at the equal share (step 0).
func (a *add1) search(ctx context.Context, plain *mesRun) (int, error) {
	if a.r.Search == Bisect {
		return a.bisect(ctx, plain)
	}
	return a.linear(ctx, plain)
}

// linear tries the shares in order. Batches of them are counted in
// parallel (each run only reads d and has its own scratch), and the
// results are examined in order, so the outcome is the same as one at a
// time. These runs only need the selection, so they take the fixed-width
// fast path (mes_fast.go) when it applies.
func (a *add1) linear(ctx context.Context, kept *mesRun) (int, error) {
	maxSteps := a.r.MaxSteps
	if maxSteps == 0 {
		maxSteps = DefaultMaxSteps
	}
	par := len(a.scratch)
	// Each worker counts several shares per batch: a fast run takes well
	// under a millisecond, so handing out one share at a time would cost
	// more in synchronisation than it saves.
	const perWorker = 4
	steps := 0
	for k := 1; ; {
		if a.done(kept) || k > a.kmax {
			return steps, nil
		}
		if k > maxSteps {
			return 0, a.limitError(maxSteps)
		}
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		batch := make([]*mesRun, min(par*perWorker, maxSteps-k+1, a.kmax-k+1))
		var wg sync.WaitGroup
		for w := range min(par, len(batch)) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := w; j < len(batch); j += par {
					batch[j] = a.d.scan(a.shareAt(k+j), &a.scratch[w])
				}
			}()
		}
		wg.Wait()
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		for j, next := range batch {
			if a.done(kept) || next.total.Cmp(a.B) > 0 {
				return steps, nil
			}
			kept, steps = next, k+j
		}
		k += len(batch)
	}
}

// bisect finds the step Linear would stop at, assuming that stopping is
// monotone in the step: g(j) says whether Linear, having kept step j, stops
// there (j's outcome is done, or step j+1's costs more than the budget or
// lies beyond kmax). It doubles j until g holds, then bisects.
func (a *add1) bisect(ctx context.Context, plain *mesRun) (int, error) {
	runs := map[int]*mesRun{0: plain}
	var err error
	get := func(k int) *mesRun {
		if m, ok := runs[k]; ok {
			return m
		}
		if err == nil {
			err = ctx.Err()
		}
		m := a.d.scan(a.shareAt(k), &a.scratch[0])
		runs[k] = m
		return m
	}
	g := func(j int) bool {
		if err != nil {
			return true
		}
		return a.done(get(j)) || j+1 > a.kmax || get(j+1).total.Cmp(a.B) > 0
	}
	if g(0) {
		return 0, err
	}
	lo, hi := 0, 1 // g(lo) is false
	for !g(hi) {
		lo, hi = hi, min(2*hi, a.kmax)
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if g(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	if err != nil {
		return 0, err
	}
	if hi == a.kmax && a.kneeded.Cmp(big.NewInt(int64(a.kmax))) > 0 {
		return 0, a.limitError(a.kmax)
	}
	return hi, nil
}
