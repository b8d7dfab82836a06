package pb_test

import (
	"errors"
	"fmt"
	"math"
	"math/big"
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

// fuzzInstance builds a small cumulative budget from fuzz bytes, with
// points that reach the int64 limit.
func fuzzInstance(data []byte) pb.Instance {
	next := func() int {
		if len(data) == 0 {
			return 0
		}
		b := data[0]
		data = data[1:]
		return int(b)
	}
	np := 1 + next()%5
	in := pb.Instance{VoteType: pb.Cumulative, Budget: decimal.NewFromInt(int64(next() * 4))}
	for i := range np {
		in.Projects = append(in.Projects, pb.Project{ID: string(rune('a' + i)), Cost: decimal.NewFromInt(int64(next() * 3))})
	}
	points := []int64{1, 2, 5, 1 << 62, math.MaxInt64 / 2, math.MaxInt64}
	for v := 0; len(data) > 0 && v < 12; v++ {
		b := pb.Ballot{Voter: fmt.Sprint(v)}
		mask := next()
		for p := range np {
			if mask&(1<<p) != 0 {
				b.Projects = append(b.Projects, p)
				b.Points = append(b.Points, points[next()%len(points)])
			}
		}
		in.Ballots = append(in.Ballots, b)
	}
	return in
}

// FuzzTally: greedy scores equal a math/big recount and come in order, and
// every rule stays within the budget or fails with a typed error.
func FuzzTally(f *testing.F) {
	f.Add([]byte{1, 5, 3, 3, 1, 3, 1, 3, 1, 3, 2, 0})
	f.Add([]byte{3, 50, 10, 20, 30, 7, 5, 4, 3, 2, 1, 0, 6, 1, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		in := fuzzInstance(data)
		want := make([]*big.Int, len(in.Projects))
		for p := range want {
			want[p] = new(big.Int)
		}
		for _, b := range in.Ballots {
			for i, p := range b.Projects {
				want[p].Add(want[p], big.NewInt(b.Points[i]))
			}
		}
		for _, r := range []pb.Rule{pb.GreedyByVotes(), pb.EqualSharesPlain(), pb.EqualSharesAdd1(),
			{Method: pb.EqualShares, Utility: pb.PointsUtility, Completion: pb.Utilitarian},
			{Method: pb.EqualShares, Completion: pb.Add1, Search: pb.Bisect}} {
			res, err := pb.Tally(r, in)
			if err != nil {
				if !errors.Is(err, pb.ErrInvalidInstance) && !errors.Is(err, pb.ErrInvalidBallot) && !errors.Is(err, pb.ErrStepLimit) {
					t.Fatalf("%+v: untyped error %v", r, err)
				}
				continue
			}
			if res.Cost.GreaterThan(in.Budget) {
				t.Fatalf("%+v: cost %s over budget %s", r, res.Cost, in.Budget)
			}
			if r.Method != pb.Greedy {
				continue
			}
			for i, rd := range res.Rounds {
				p := int(rd.Project[0] - 'a')
				if rd.Score.BigInt().Cmp(want[p]) != 0 {
					t.Fatalf("%s: score %s, math/big %s", rd.Project, rd.Score, want[p])
				}
				if i > 0 && rd.Score.GreaterThan(res.Rounds[i-1].Score) {
					t.Fatalf("%s (%s) after %s (%s)", rd.Project, rd.Score, res.Rounds[i-1].Project, res.Rounds[i-1].Score)
				}
			}
		}
	})
}
