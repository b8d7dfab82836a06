package pb_test

import (
	"math/big"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/gongzhi/gongzhi/vote/pb"
)

func genInstance() *rapid.Generator[pb.Instance] {
	return rapid.Custom(func(t *rapid.T) pb.Instance {
		np := rapid.IntRange(1, 8).Draw(t, "projects")
		in := pb.Instance{VoteType: pb.Approval, Budget: decimal.NewFromInt(rapid.Int64Range(0, 1000).Draw(t, "budget"))}
		for i := range np {
			// Costs with up to two decimal places.
			c := decimal.New(rapid.Int64Range(0, 60000).Draw(t, "cost"), -2)
			in.Projects = append(in.Projects, pb.Project{ID: string(rune('a' + i)), Cost: c})
		}
		nv := rapid.IntRange(0, 25).Draw(t, "voters")
		for v := range nv {
			perm := rapid.Permutation(seq(np)).Draw(t, "approved")
			k := rapid.IntRange(0, np).Draw(t, "length")
			in.Ballots = append(in.Ballots, pb.Ballot{Voter: string(rune('A' + v)), Projects: perm[:k]})
		}
		return in
	})
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

var propRules = []pb.Rule{
	pb.GreedyByVotes(),
	pb.EqualSharesPlain(),
	pb.EqualSharesAdd1(),
	{Method: pb.EqualShares, Completion: pb.Add1Utilitarian, Step: decimal.New(5, -1)},
	{Method: pb.EqualShares, Utility: pb.ApprovalUtility, Completion: pb.Utilitarian},
	{Method: pb.EqualShares, Completion: pb.Add1, FloorShare: true, TieBreak: pb.CostThenVotes},
}

func TestPropNeverOverBudget(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := genInstance().Draw(t, "instance")
		for _, r := range propRules {
			res, err := pb.Tally(r, in)
			if err != nil {
				t.Fatal(err)
			}
			if res.Cost.GreaterThan(in.Budget) {
				t.Fatalf("%+v: cost %s over budget %s", r, res.Cost, in.Budget)
			}
			if len(slices.Compact(sortedStrings(res.Winners))) != len(res.Winners) {
				t.Fatalf("a project selected twice: %q", res.Winners)
			}
		}
	})
}

func sortedStrings(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }

// TestPropEqualSharesAccounting checks the budget accounting of every MES
// purchase: supporters pay exactly the cost, nobody pays more than they
// have, and nobody spends more than their share overall.
func TestPropEqualSharesAccounting(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := genInstance().Draw(t, "instance")
		if len(in.Ballots) == 0 {
			return
		}
		res, err := pb.Tally(pb.EqualSharesPlain(), in)
		if err != nil {
			t.Fatal(err)
		}
		share, _ := new(big.Rat).SetString(res.Share)
		spent := new(big.Rat)
		for _, rd := range res.Rounds {
			paid := new(big.Rat)
			for _, p := range rd.Payments {
				each, _ := new(big.Rat).SetString(p.Paid)
				left, _ := new(big.Rat).SetString(p.Left)
				if each.Sign() < 0 || left.Sign() < 0 || each.Cmp(share) > 0 {
					t.Fatalf("round %d: a voter paid %s and has %s left (share %s)", rd.Number, each, left, share)
				}
				paid.Add(paid, new(big.Rat).Mul(each, new(big.Rat).SetInt64(int64(p.Voters))))
			}
			if paid.Cmp(rd.Cost.Rat()) != 0 {
				t.Fatalf("round %d: supporters paid %s for a cost of %s", rd.Number, paid.RatString(), rd.Cost)
			}
			spent.Add(spent, paid)
		}
		limit := new(big.Rat).Mul(share, new(big.Rat).SetInt64(int64(len(in.Ballots))))
		if spent.Cmp(limit) > 0 {
			t.Fatalf("spent %s of %s", spent, limit)
		}
		// What every voter has left adds up to what was not spent.
		left, counted := new(big.Rat), 0
		for _, g := range res.Budgets {
			l, _ := new(big.Rat).SetString(g.Left)
			if l.Sign() < 0 || l.Cmp(share) > 0 {
				t.Fatalf("a voter has %s left of a share of %s", l, share)
			}
			left.Add(left, l.Mul(l, big.NewRat(int64(len(g.Voters)), 1)))
			counted += len(g.Voters)
		}
		if counted != len(in.Ballots) || new(big.Rat).Add(left, spent).Cmp(limit) != 0 {
			t.Fatalf("%d voters hold %s and spent %s of %s", counted, left.RatString(), spent.RatString(), limit.RatString())
		}
	})
}

func TestPropGreedyIsMaximal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := genInstance().Draw(t, "instance")
		res, _ := pb.Tally(pb.GreedyByVotes(), in)
		for i, rd := range res.Rounds {
			before := in.Budget
			if i > 0 {
				before = res.Rounds[i-1].Left
			}
			if rd.Selected == rd.Cost.GreaterThan(before) {
				t.Fatalf("round %d: %s costs %s with %s left, selected=%v", rd.Number, rd.Project, rd.Cost, before, rd.Selected)
			}
		}
	})
}

func TestPropBallotOrderNeverMatters(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := genInstance().Draw(t, "instance")
		shuffled := in
		shuffled.Ballots = rapid.Permutation(in.Ballots).Draw(t, "order")
		for _, r := range propRules {
			a, _ := pb.Tally(r, in)
			b, _ := pb.Tally(r, shuffled)
			if !slices.Equal(a.Winners, b.Winners) || !a.Cost.Equal(b.Cost) {
				t.Fatalf("%+v: %q vs %q after reordering ballots", r, a.Winners, b.Winners)
			}
		}
	})
}
