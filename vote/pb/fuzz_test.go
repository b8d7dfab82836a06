package pb_test

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/gongzhi/gongzhi/vote"
	"github.com/gongzhi/gongzhi/vote/pb"
)

var decimalOne = decimal.NewFromInt(1)

// FuzzParseRule: any input either loads a rule that counts a small budget
// within it, or fails with a *vote.ConfigError.
func FuzzParseRule(f *testing.F) {
	f.Add([]byte(`{"method":"greedy","score":"rank_points","rank_points":[3,2,1]}`))
	f.Add([]byte(`{"method":"mes","completion":"add1","step":"0.5","until_over_budget":true,"max_steps":50}`))
	f.Add([]byte(`{"method":"mes","utility":"approval","completion":"utilitarian","tie_break":"cost_votes","budget":"80"}`))
	in := smallBudget()
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := pb.ParseRule(data)
		if err != nil {
			var ce *vote.ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v (%T) is not a *vote.ConfigError", err, err)
			}
			return
		}
		if r.Step.IsPositive() && r.Step.LessThan(decimalOne) {
			r.MaxSteps = 50 // keep each run fast
		}
		res, err := pb.Tally(r, in)
		if errors.Is(err, pb.ErrStepLimit) {
			return // a small max_steps reached, reported instead of truncated
		}
		if err != nil {
			t.Fatalf("valid rule %+v does not count: %v", r, err)
		}
		budget := in.Budget
		if r.Budget != nil {
			budget = *r.Budget
		}
		if res.Cost.GreaterThan(budget) {
			t.Fatalf("cost %s over budget %s", res.Cost, budget)
		}
	})
}
