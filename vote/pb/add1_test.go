package pb_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/gongzhi/gongzhi/vote/pb"
)

// scaledBudget is a budget of 1,000,000 (times scale/1000) for 10 voters:
// p1 costs 900,000 and only voter 0 wants it, p2 (50,000) everyone, p3
// (40,000) all but voter 0. Plain MES buys p2 and p3; only a share raised
// by about 805,000 lets voter 0 buy p1, which still fits the budget.
func scaledBudget(scale int64) pb.Instance {
	d := func(x int64) decimal.Decimal { return decimal.NewFromInt(x * scale / 1000) }
	in := pb.Instance{VoteType: pb.Approval, Budget: d(1_000_000), Projects: []pb.Project{
		{ID: "p1", Cost: d(900_000)}, {ID: "p2", Cost: d(50_000)}, {ID: "p3", Cost: d(40_000)},
	}}
	for v := range 10 {
		b := pb.Ballot{Voter: string(rune('a' + v)), Projects: []int{1}}
		if v == 0 {
			b.Projects = append(b.Projects, 0)
		} else {
			b.Projects = append(b.Projects, 2)
		}
		in.Ballots = append(in.Ballots, b)
	}
	return in
}

// TestAdd1NeverTruncates: Add1 on a budget of 1,000,000 used to stop
// silently after 100,000 steps of 1 PLN with p1 unfunded (91% unspent)
// while the same instance scaled down 1000x selected it. Now the linear
// search either finishes or refuses with a *StepLimitError naming the
// limit, and the bisection search selects what the small instance does.
func TestAdd1NeverTruncates(t *testing.T) {
	small, large := scaledBudget(1), scaledBudget(1000)
	want := []string{"p2", "p3", "p1"}
	for _, s := range []pb.Search{"", pb.Linear, pb.Bisect} {
		r := pb.EqualSharesAdd1()
		r.Search = s
		res, err := pb.Tally(r, small)
		if err != nil {
			t.Fatalf("search %q, budget 1000: %v", s, err)
		}
		if !slices.Equal(res.Winners, want) || !res.Cost.Equal(decimal.NewFromInt(990)) {
			t.Fatalf("search %q, budget 1000: %q cost %s, want %q cost 990", s, res.Winners, res.Cost, want)
		}
	}
	r := pb.EqualSharesAdd1()
	_, err := pb.Tally(r, large)
	var se *pb.StepLimitError
	if !errors.As(err, &se) || !errors.Is(err, pb.ErrStepLimit) || se.Limit != pb.DefaultMaxSteps {
		t.Fatalf("linear search on 1,000,000: %v, want a *StepLimitError at %d steps", err, pb.DefaultMaxSteps)
	}
	if se.Needed != "890000" {
		t.Errorf("steps needed %s, want 890000 (until the share exceeds the 990,000 of all projects)", se.Needed)
	}
	r.Search = pb.Bisect
	res, err := pb.Tally(r, large)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Winners, want) || !res.Cost.Equal(decimal.NewFromInt(990_000)) {
		t.Fatalf("bisect on 1,000,000: %q cost %s, want %q cost 990000", res.Winners, res.Cost, want)
	}
	if res.Search != pb.Bisect || res.Steps == 0 {
		t.Errorf("result says search %q after %d steps", res.Search, res.Steps)
	}
	// A step scaled to the budget (1000 PLN) makes linear the small count.
	r.Search, r.Step = pb.Linear, decimal.NewFromInt(1000)
	lin, err := pb.Tally(r, large)
	if err != nil {
		t.Fatal(err)
	}
	sm, _ := pb.Tally(pb.EqualSharesAdd1(), small)
	if !slices.Equal(lin.Winners, want) || lin.Steps != sm.Steps {
		t.Errorf("step 1000 on 1,000,000: %q after %d steps; budget 1000: %d steps", lin.Winners, lin.Steps, sm.Steps)
	}
}

// TestAdd1Canceled: a cancelled context stops the search.
func TestAdd1Canceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, s := range []pb.Search{pb.Linear, pb.Bisect} {
		r := pb.EqualSharesAdd1()
		r.Search = s
		if _, err := pb.TallyContext(ctx, r, scaledBudget(1)); !errors.Is(err, context.Canceled) {
			t.Errorf("%s: %v, want context.Canceled", s, err)
		}
	}
}

// laterCtx reports cancellation from its n-th look on.
type laterCtx struct {
	context.Context
	looks, n int
}

func (c *laterCtx) Err() error {
	c.looks++
	if c.looks >= c.n {
		return context.Canceled
	}
	return nil
}

// TestMESCanceledMidRun: a single MES run stops between purchases.
func TestMESCanceledMidRun(t *testing.T) {
	in, _ := load(t, "pb_wieliczka_2023_mes")
	ctx := &laterCtx{Context: context.Background(), n: 3}
	if _, err := pb.TallyContext(ctx, pb.EqualSharesPlain(), in); !errors.Is(err, context.Canceled) || ctx.looks > 4 {
		t.Fatalf("%v after %d looks, want context.Canceled right after the 3rd", err, ctx.looks)
	}
}
