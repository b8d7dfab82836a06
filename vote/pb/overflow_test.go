package pb_test

import (
	"math"
	"math/big"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/gongzhi/gongzhi/vote/pb"
)

// TestGreedyHugePoints: three voters giving 2^62 points to p1 outrank one
// giving 1 point to p2. The int64 sum wrapped negative and p2 came first.
func TestGreedyHugePoints(t *testing.T) {
	in := pb.Instance{VoteType: pb.Cumulative, Budget: decimal.NewFromInt(10), Projects: []pb.Project{
		{ID: "p1", Cost: decimal.NewFromInt(10)}, {ID: "p2", Cost: decimal.NewFromInt(10)},
	}}
	for _, v := range []string{"a", "b", "c"} {
		in.Ballots = append(in.Ballots, pb.Ballot{Voter: v, Projects: []int{0}, Points: []int64{1 << 62}})
	}
	in.Ballots = append(in.Ballots, pb.Ballot{Voter: "d", Projects: []int{1}, Points: []int64{1}})
	res, err := pb.Tally(pb.GreedyByVotes(), in)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Winners, []string{"p1"}) {
		t.Fatalf("winners %q, want [p1]", res.Winners)
	}
	if want := decimal.NewFromBigInt(new(big.Int).Mul(big.NewInt(3), big.NewInt(1<<62)), 0); !res.Rounds[0].Score.Equal(want) {
		t.Errorf("score %s, want %s", res.Rounds[0].Score, want)
	}
}

// genPoints draws a cumulative instance with points near the int64 limit.
func genPoints() *rapid.Generator[pb.Instance] {
	return rapid.Custom(func(t *rapid.T) pb.Instance {
		np := rapid.IntRange(1, 5).Draw(t, "projects")
		in := pb.Instance{VoteType: pb.Cumulative, Budget: decimal.NewFromInt(rapid.Int64Range(0, 300).Draw(t, "budget"))}
		for i := range np {
			in.Projects = append(in.Projects, pb.Project{ID: string(rune('a' + i)), Cost: decimal.NewFromInt(rapid.Int64Range(1, 200).Draw(t, "cost"))})
		}
		for v := range rapid.IntRange(1, 6).Draw(t, "voters") {
			perm := rapid.Permutation(seq(np)).Draw(t, "projects")
			k := rapid.IntRange(1, np).Draw(t, "length")
			pts := rapid.SliceOfN(rapid.OneOf(rapid.Int64Range(1, 3), rapid.Int64Range(math.MaxInt64/4, math.MaxInt64)), k, k).Draw(t, "points")
			in.Ballots = append(in.Ballots, pb.Ballot{Voter: string(rune('A' + v)), Projects: perm[:k], Points: pts})
		}
		return in
	})
}

// TestPropPointsMatchBig: greedy scores equal a math/big recount on
// adversarial points, the selection follows them, and MES with points
// utilities never overspends.
func TestPropPointsMatchBig(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := genPoints().Draw(t, "instance")
		want := make([]*big.Int, len(in.Projects))
		for p := range want {
			want[p] = new(big.Int)
		}
		for _, b := range in.Ballots {
			for i, p := range b.Projects {
				want[p].Add(want[p], big.NewInt(b.Points[i]))
			}
		}
		res, err := pb.Tally(pb.GreedyByVotes(), in)
		if err != nil {
			t.Fatal(err)
		}
		for i, rd := range res.Rounds {
			p := slices.IndexFunc(in.Projects, func(x pb.Project) bool { return x.ID == rd.Project })
			if rd.Score.BigInt().Cmp(want[p]) != 0 {
				t.Fatalf("%s: score %s, math/big %s", rd.Project, rd.Score, want[p])
			}
			if i > 0 && rd.Score.GreaterThan(res.Rounds[i-1].Score) {
				t.Fatalf("round %d (%s) outranks round %d (%s)", i+1, rd.Score, i, res.Rounds[i-1].Score)
			}
		}
		mes, err := pb.Tally(pb.Rule{Method: pb.EqualShares, Utility: pb.PointsUtility}, in)
		if err != nil {
			t.Fatal(err)
		}
		if mes.Cost.GreaterThan(in.Budget) {
			t.Fatalf("MES cost %s over budget %s", mes.Cost, in.Budget)
		}
	})
}

// TestPropMESPointsScaleFree: multiplying every point by 2^60 changes no
// MES decision (prices per unit of utility scale together), so a sum of
// weights that wrapped int64 would show as a different selection.
func TestPropMESPointsScaleFree(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := genPoints().Draw(t, "instance")
		small, huge := in, in
		small.Ballots = slices.Clone(in.Ballots)
		huge.Ballots = slices.Clone(in.Ballots)
		for i, b := range in.Ballots {
			small.Ballots[i].Points = make([]int64, len(b.Points))
			huge.Ballots[i].Points = make([]int64, len(b.Points))
			for j, p := range b.Points {
				small.Ballots[i].Points[j] = 1 + p%7
				huge.Ballots[i].Points[j] = (1 + p%7) << 60
			}
		}
		r := pb.Rule{Method: pb.EqualShares, Utility: pb.PointsUtility}
		a, err := pb.Tally(r, small)
		if err != nil {
			t.Fatal(err)
		}
		b, err := pb.Tally(r, huge)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(a.Winners, b.Winners) {
			t.Fatalf("points 1..7 select %q, the same times 2^60 %q", a.Winners, b.Winners)
		}
	})
}

// TestHugeMaxLength: a META max_length of 10^15 sets the rank points (10^15,
// 10^15-1, ...) without allocating a slot per position.
func TestHugeMaxLength(t *testing.T) {
	in := pb.Instance{VoteType: pb.Ordinal, Budget: decimal.NewFromInt(10), Meta: map[string]string{"max_length": "1000000000000000"},
		Projects: []pb.Project{{ID: "a", Cost: decimal.NewFromInt(10)}, {ID: "b", Cost: decimal.NewFromInt(10)}},
		Ballots:  []pb.Ballot{{Voter: "1", Projects: []int{0, 1}}, {Voter: "2", Projects: []int{1}}}}
	res, err := pb.Tally(pb.GreedyByVotes(), in)
	if err != nil {
		t.Fatal(err)
	}
	// a: 10^15; b: 10^15-1 + 10^15.
	if !slices.Equal(res.Winners, []string{"b"}) || res.Rounds[0].Score.String() != "1999999999999999" {
		t.Fatalf("winners %q, rounds %+v", res.Winners, res.Rounds)
	}
}
