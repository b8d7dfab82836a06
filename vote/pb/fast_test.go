package pb_test

import (
	"math/big"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/gongzhi/gongzhi/vote/pb"
)

// shares returns B/n + k*step for k in ks.
func shares(in pb.Instance, step *big.Rat, ks ...int64) []*big.Rat {
	base := new(big.Rat).Quo(in.Budget.Rat(), big.NewRat(int64(len(in.Ballots)), 1))
	var out []*big.Rat
	for _, k := range ks {
		out = append(out, new(big.Rat).Add(base, new(big.Rat).Mul(step, big.NewRat(k, 1))))
	}
	return out
}

func TestFastPathAgreesOnRealElections(t *testing.T) {
	one := big.NewRat(1, 1)
	for _, tc := range []struct {
		dir    string
		rule   pb.Rule
		shares []int64
	}{
		// Shares the Add1 search of the preset tries (it keeps 164 and
		// stops at 165, over budget), and one past them.
		{"pb_wieliczka_2023_mes", pb.EqualSharesAdd1(), []int64{0, 1, 2, 3, 17, 50, 99, 131, 150, 163, 164, 165, 200}},
		{"pb_wieliczka_2023_mes", pb.Rule{Method: pb.EqualShares, Utility: pb.ApprovalUtility, TieBreak: pb.CostThenVotes}, []int64{0, 7, 40, 120}},
		{"pb_warszawa_2017_praga-polnoc", pb.EqualSharesAdd1(), []int64{0, 3, 10, 30, 100}},
		{"pb_krakow_2020_swoszowice", pb.Rule{Method: pb.EqualShares, TieBreak: pb.LowerCost}, []int64{0, 5, 50}},
		{"pb_lodz_2022_large", pb.EqualSharesAdd1(), []int64{0, 40}},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			in, _ := load(t, tc.dir)
			fallbacks, err := pb.FastAgrees(tc.rule, in, shares(in, one, tc.shares...))
			if err != nil {
				t.Fatal(err)
			}
			// The fixed width suffices for these elections: the fast path
			// really is what the Add1 search runs on.
			if fallbacks > 0 {
				t.Errorf("fast path gave up on %d of %d shares", fallbacks, len(tc.shares))
			}
		})
	}
}

func TestPropFastPathAgrees(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := genInstance().Draw(t, "instance")
		if len(in.Ballots) == 0 {
			return
		}
		r := pb.Rule{Method: pb.EqualShares,
			Utility:  rapid.SampledFrom([]pb.Utility{pb.CostUtility, pb.ApprovalUtility}).Draw(t, "utility"),
			TieBreak: rapid.SampledFrom([]pb.TieBreak{pb.VotesThenCost, pb.CostThenVotes, pb.LowerCost, pb.InputOrder}).Draw(t, "tie_break"),
		}
		step := decimal.New(rapid.Int64Range(1, 300).Draw(t, "step"), -2).Rat()
		fallbacks, err := pb.FastAgrees(r, in, shares(in, step, 0, 1, 2, 5, 20))
		if err != nil {
			t.Fatal(err)
		}
		if fallbacks > 0 {
			t.Fatalf("fast path gave up on %d small counts", fallbacks)
		}
	})
}

// A budget with 100 to 160 decimal places makes the common denominator of
// the shares too wide for the fast path, at the start or after a few
// purchases: it must give up, never disagree, and Tally must still count
// exactly in math/big.
func TestFastPathGivesUpWhenTooWide(t *testing.T) {
	in := pb.Instance{VoteType: pb.Approval}
	for i, c := range []int64{70, 45, 33, 20, 9} {
		in.Projects = append(in.Projects, pb.Project{ID: string(rune('a' + i)), Cost: decimal.NewFromInt(c)})
	}
	for v, ps := range [][]int{{0, 1}, {0, 2}, {1, 2, 3}, {0}, {3, 4}, {1, 4}, {2}} {
		in.Ballots = append(in.Ballots, pb.Ballot{Voter: string(rune('A' + v)), Projects: ps})
	}
	gaveUp := 0
	for places := int32(100); places <= 160; places += 2 {
		in.Budget = decimal.NewFromInt(100).Add(decimal.New(1, -places))
		fallbacks, err := pb.FastAgrees(pb.EqualSharesAdd1(), in, shares(in, big.NewRat(1, 1), 0, 1, 2, 4, 8))
		if err != nil {
			t.Fatalf("%d places: %v", places, err)
		}
		gaveUp += fallbacks
		res, err := pb.Tally(pb.EqualSharesAdd1(), in)
		if err != nil {
			t.Fatal(err)
		}
		if res.Cost.GreaterThan(in.Budget) || len(res.Winners) == 0 {
			t.Fatalf("%d places: %q cost %s of %s", places, res.Winners, res.Cost, in.Budget)
		}
	}
	if gaveUp == 0 {
		t.Fatal("the fast path never gave up: the test does not reach the fallback")
	}
}
