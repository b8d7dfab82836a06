package ranked

import (
	"fmt"
	"slices"

	"github.com/shopspring/decimal"
)

func countBorda(r Rule, e Election) (Result, error) {
	n := len(e.Candidates)
	pts := make([]int64, n) // doubled, so that averages stay integers
	ranked := make([]bool, n)
	for _, b := range e.Ballots {
		k := len(b.Ranking)
		for p, x := range b.Ranking {
			ranked[x] = true
			switch r.Borda {
			case BordaModified:
				pts[x] += 2 * b.Weight * int64(k-p)
			default:
				pts[x] += 2 * b.Weight * int64(n-1-p)
			}
		}
		if r.Borda == BordaAverage && k < n {
			// The unused positions k..n-1 are worth (n-k-1)/2 each on average.
			for y, in := range ranked {
				if !in {
					pts[y] += b.Weight * int64(n-k-1)
				}
			}
		}
		for _, x := range b.Ranking {
			ranked[x] = false
		}
	}
	return rankedByPoints(r, e, pts, 2), nil
}

func countScore(r Rule, e Election) (Result, error) {
	n := len(e.Candidates)
	pts := make([]int64, n)
	for i, b := range e.Ballots {
		if b.Scores == nil {
			return Result{}, &BallotError{Index: i, Reason: "score voting needs scores"}
		}
		for k := range b.Scores {
			c, s := b.Score(k)
			if s < 0 || s > r.MaxScore {
				return Result{}, &BallotError{Index: i, Reason: fmt.Sprintf("score %d for %q is outside 0..%d", s, e.Candidates[c], r.MaxScore)}
			}
			pts[c] += b.Weight * s
		}
	}
	return rankedByPoints(r, e, pts, 1), nil
}

// rankedByPoints builds the result of a points method; pts are scaled by
// scale.
func rankedByPoints(r Rule, e Election, pts []int64, scale int64) Result {
	br := &breaker{by: Lot, seed: r.Seed, names: e.Candidates}
	order := rankByScore(br, pts)
	res := Result{Method: r.Method, Seats: r.seats(e), Ballots: e.TotalWeight(), Rounds: []Round{},
		Scores: make(map[string]decimal.Decimal, len(pts))}
	for i, v := range pts {
		res.Scores[e.Candidates[i]] = decimal.NewFromInt(v).Div(decimal.NewFromInt(scale))
	}
	res.Ranking = br.namesOf(order)
	res.Winners = slices.Clone(res.Ranking[:min(res.Seats, len(pts))])
	res.Ties = br.ties
	return res
}
