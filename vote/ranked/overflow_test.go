package ranked_test

import (
	"errors"
	"math"
	"math/big"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/gongzhi/gongzhi/vote/ranked"
)

// TestBordaHugeWeight is the reported overflow: 5e18 ballots A>B and one
// B>A. In int64 the doubled points of A wrapped negative and B won.
func TestBordaHugeWeight(t *testing.T) {
	e := ranked.Election{Candidates: []string{"A", "B"}, Ballots: []ranked.Ballot{
		{Weight: 5e18, Ranking: []int{0, 1}},
		{Weight: 1, Ranking: []int{1, 0}},
	}}
	res, err := ranked.Tally(ranked.Rule{Method: ranked.Borda}, e)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Winners, []string{"A"}) {
		t.Fatalf("winners %q, want [A]", res.Winners)
	}
	if want := decimal.RequireFromString("5000000000000000000"); !res.Scores["A"].Equal(want) {
		t.Errorf("A has %s points, want %s", res.Scores["A"], want)
	}
	if res.Ballots != 5e18+1 {
		t.Errorf("ballots %d, want 5e18+1", res.Ballots)
	}
}

// TestTotalWeightOverflow: weights adding up past int64 are refused by
// every method instead of wrapping (STV used to report a negative count).
func TestTotalWeightOverflow(t *testing.T) {
	e := ranked.Election{Candidates: []string{"A", "B"}, Ballots: []ranked.Ballot{
		{Weight: math.MaxInt64 - 5, Ranking: []int{1}},
		{Weight: 3, Ranking: []int{0}},
		{Weight: 3, Ranking: []int{0}},
	}}
	for _, r := range allRules(2) {
		if _, err := ranked.Tally(r, e); !errors.Is(err, ranked.ErrInvalidElection) {
			t.Errorf("%s: error %v, want ErrInvalidElection", r.Method, err)
		}
	}
}

// allRules returns one rule per method and variant for seats seats.
func allRules(seats int) []ranked.Rule {
	return []ranked.Rule{
		{Method: ranked.IRV}, ranked.MinneapolisIRV(),
		{Method: ranked.STV, Seats: seats}, ranked.ScottishSTV(seats), ranked.MinneapolisSTV(seats), ranked.MeekSTV(seats),
		{Method: ranked.Condorcet}, {Method: ranked.Schulze, Seats: seats}, {Method: ranked.Copeland, Seats: seats},
		{Method: ranked.Borda, Seats: seats}, {Method: ranked.Borda, Seats: seats, Borda: ranked.BordaAverage},
		{Method: ranked.Borda, Seats: seats, Borda: ranked.BordaModified},
		{Method: ranked.Score, Seats: seats, MaxScore: math.MaxInt64},
	}
}

// adversarialWeight draws weights near the int64 limits as often as small
// ones.
func adversarialWeight() *rapid.Generator[int64] {
	return rapid.OneOf(
		rapid.Int64Range(1, 5),
		rapid.Int64Range(math.MaxInt64/4, math.MaxInt64),
		rapid.SampledFrom([]int64{1 << 40, 1 << 62, math.MaxInt64 / 2, math.MaxInt64 / 3, 5e18}),
	)
}

// genHostile draws a small election with adversarial weights and scores.
func genHostile() *rapid.Generator[ranked.Election] {
	return rapid.Custom(func(t *rapid.T) ranked.Election {
		n := rapid.IntRange(2, 5).Draw(t, "candidates")
		e := ranked.Election{Candidates: []string{"A", "B", "C", "D", "E"}[:n]}
		for range rapid.IntRange(1, 5).Draw(t, "ballots") {
			perm := rapid.Permutation(seq(n)).Draw(t, "ranking")
			k := rapid.IntRange(min(1, len(e.Ballots)^1), n).Draw(t, "length") // the first ballot ranks someone
			sc := rapid.SliceOfN(rapid.OneOf(rapid.Int64Range(0, 3), rapid.Int64Range(math.MaxInt64/2, math.MaxInt64)), n, n).Draw(t, "scores")
			e.Ballots = append(e.Ballots, ranked.Ballot{Weight: adversarialWeight().Draw(t, "weight"), Ranking: perm[:k], Scores: sc})
		}
		return e
	})
}

// bigPoints recounts Borda (variant v) or score points in math/big.
func bigPoints(e ranked.Election, m ranked.Method, v ranked.BordaVariant) map[string]*big.Rat {
	n := len(e.Candidates)
	pts := make([]*big.Rat, n)
	for i := range pts {
		pts[i] = new(big.Rat)
	}
	for _, b := range e.Ballots {
		w := new(big.Rat).SetInt64(b.Weight)
		add := func(c int, p *big.Rat) { pts[c].Add(pts[c], new(big.Rat).Mul(w, p)) }
		if m == ranked.Score {
			for c, s := range b.Scores {
				add(c, new(big.Rat).SetInt64(s))
			}
			continue
		}
		k := len(b.Ranking)
		for p, c := range b.Ranking {
			if v == ranked.BordaModified {
				add(c, new(big.Rat).SetInt64(int64(k-p)))
			} else {
				add(c, new(big.Rat).SetInt64(int64(n-1-p)))
			}
		}
		if v == ranked.BordaAverage && k < n {
			for c := range n {
				if !slices.Contains(b.Ranking, c) {
					add(c, big.NewRat(int64(n-k-1), 2))
				}
			}
		}
	}
	out := map[string]*big.Rat{}
	for i, c := range e.Candidates {
		out[c] = pts[i]
	}
	return out
}

// TestPropTotalsMatchBig: on adversarial weights every method either
// refuses with ErrInvalidElection (only when the weights add up past
// int64, or STV/Meek's fixed point cannot hold them) or reports totals
// equal to a math/big recount: ballots, Borda and score points, the
// pairwise matrix, and the first round of IRV/STV.
func TestPropTotalsMatchBig(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		e := genHostile().Draw(t, "election")
		total := new(big.Int)
		for _, b := range e.Ballots {
			total.Add(total, big.NewInt(b.Weight))
		}
		fits := total.IsInt64()
		for _, r := range allRules(1) {
			res, err := ranked.Tally(r, e)
			if !fits || err != nil {
				if !errors.Is(err, ranked.ErrInvalidElection) {
					t.Fatalf("%s: total %s: error %v, want ErrInvalidElection", r.Method, total, err)
				}
				if fits && r.Method != ranked.IRV && r.Method != ranked.STV {
					t.Fatalf("%s refused total %s: %v", r.Method, total, err)
				}
				continue
			}
			if res.Ballots != total.Int64() {
				t.Fatalf("%s: ballots %d, math/big %s", r.Method, res.Ballots, total)
			}
			switch r.Method {
			case ranked.Borda, ranked.Score:
				for c, want := range bigPoints(e, r.Method, r.Borda) {
					if got := res.Scores[c].Rat(); got.Cmp(want) != 0 {
						t.Fatalf("%s %s: %s has %s, math/big %s", r.Method, r.Borda, c, got.RatString(), want.RatString())
					}
				}
				best := res.Scores[res.Winners[0]]
				for c, v := range res.Scores {
					if v.GreaterThan(best) {
						t.Fatalf("%s: winner %s has %s < %s of %s", r.Method, res.Winners[0], best, v, c)
					}
				}
			case ranked.Schulze, ranked.Copeland, ranked.Condorcet:
				p := res.Pairwise
				for i := range e.Candidates {
					for j := range e.Candidates {
						if i == j {
							continue
						}
						want := new(big.Int)
						for _, b := range e.Ballots {
							pi, pj := slices.Index(b.Ranking, i), slices.Index(b.Ranking, j)
							if pi >= 0 && (pj < 0 || pi < pj) {
								want.Add(want, big.NewInt(b.Weight))
							}
						}
						if want.Cmp(big.NewInt(p.Wins[i][j])) != 0 {
							t.Fatalf("Wins[%d][%d] = %d, math/big %s", i, j, p.Wins[i][j], want)
						}
					}
				}
			case ranked.IRV, ranked.STV:
				for c := range e.Candidates {
					want := new(big.Int)
					for _, b := range e.Ballots {
						if len(b.Ranking) > 0 && b.Ranking[0] == c {
							want.Add(want, big.NewInt(b.Weight))
						}
					}
					if got := res.Rounds[0].Tally[e.Candidates[c]]; got.BigInt().Cmp(want) != 0 || !got.Equal(decimal.NewFromBigInt(want, 0)) {
						t.Fatalf("%+v: round 1 %s has %s, math/big %s", r, e.Candidates[c], got, want)
					}
				}
			}
		}
	})
}
