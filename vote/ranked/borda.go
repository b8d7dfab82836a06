package ranked

import (
	"context"
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/gongzhi/gongzhi/vote/internal/u128"
)

// errPointsOverflow is returned if points outgrow 128 bits, which no
// election that fits in memory can reach; it keeps the count checked.
var errPointsOverflow = fmt.Errorf("%w: points do not fit in 128 bits", ErrInvalidElection)

// ctxEvery is how many ballots a count reads between two looks at its
// context.
const ctxEvery = 1 << 14

// countBorda adds up positional points in 128-bit integers: a weight up to
// 2^63 times a position up to 2n is exact, and so is any sum of them that
// fits in memory.
func countBorda(ctx context.Context, r Rule, e Election) (Result, error) {
	n := len(e.Candidates)
	pts := make([]u128.U128, n) // doubled, so that averages stay integers
	// BordaAverage gives each unranked candidate of a ballot the same
	// points. Rather than visit every unranked candidate (ballots times
	// candidates), each ballot adds them to spread, which every candidate
	// gets, and to unspread of the candidates it ranks, which it takes back
	// at the end: work in proportion to the rankings.
	var spread u128.U128
	var unspread []u128.U128
	if r.Borda == BordaAverage {
		unspread = make([]u128.U128, n)
	}
	add := func(acc *u128.U128, w int64, factor int) bool {
		var ok bool
		*acc, ok = acc.Add(u128.Mul(uint64(w), uint64(factor)))
		return ok
	}
	for i, b := range e.Ballots {
		if i%ctxEvery == 0 {
			if err := ctx.Err(); err != nil {
				return Result{}, err
			}
		}
		k := len(b.Ranking)
		for p, x := range b.Ranking {
			f := 2 * (n - 1 - p)
			if r.Borda == BordaModified {
				f = 2 * (k - p)
			}
			if !add(&pts[x], b.Weight, f) {
				return Result{}, errPointsOverflow
			}
		}
		if r.Borda == BordaAverage && k < n {
			// The unused positions k..n-1 are worth (n-k-1)/2 each on average.
			if !add(&spread, b.Weight, n-k-1) {
				return Result{}, errPointsOverflow
			}
			for _, x := range b.Ranking {
				if !add(&unspread[x], b.Weight, n-k-1) {
					return Result{}, errPointsOverflow
				}
			}
		}
	}
	for x := range unspread {
		share, _ := spread.Sub(unspread[x]) // unspread[x] is part of spread
		var ok bool
		if pts[x], ok = pts[x].Add(share); !ok {
			return Result{}, errPointsOverflow
		}
	}
	return rankedByPoints(r, e, pts, 2), nil
}

// countScore adds up scores in 128-bit integers, as countBorda does.
func countScore(ctx context.Context, r Rule, e Election) (Result, error) {
	n := len(e.Candidates)
	pts := make([]u128.U128, n)
	for i, b := range e.Ballots {
		if i%ctxEvery == 0 {
			if err := ctx.Err(); err != nil {
				return Result{}, err
			}
		}
		if b.Scores == nil {
			return Result{}, &BallotError{Index: i, Reason: "score voting needs scores"}
		}
		for k := range b.Scores {
			c, s := b.Score(k)
			if s < 0 || s > r.MaxScore {
				return Result{}, &BallotError{Index: i, Reason: fmt.Sprintf("score %d for %q is outside 0..%d", s, e.Candidates[c], r.MaxScore)}
			}
			var ok bool
			if pts[c], ok = pts[c].Add(u128.Mul(uint64(b.Weight), uint64(s))); !ok {
				return Result{}, errPointsOverflow
			}
		}
	}
	return rankedByPoints(r, e, pts, 1), nil
}

// rankedByPoints builds the result of a points method; pts are scaled by
// scale.
func rankedByPoints(r Rule, e Election, pts []u128.U128, scale int64) Result {
	br := &breaker{by: Lot, seed: r.Seed, names: e.Candidates}
	order := rankBy(br, len(pts), func(a, b int) int { return pts[a].Cmp(pts[b]) })
	res := Result{Method: r.Method, Seats: r.seats(e), Rounds: []Round{},
		Scores: make(map[string]decimal.Decimal, len(pts))}
	for i, v := range pts {
		var d decimal.Decimal
		if x, ok := v.Int64(); ok {
			d = decimal.NewFromInt(x)
		} else {
			d = decimal.NewFromBigInt(v.Big(), 0)
		}
		if scale != 1 {
			d = d.Div(decimal.NewFromInt(scale)) // halves: exact
		}
		res.Scores[e.Candidates[i]] = d
	}
	res.Ranking = br.namesOf(order)
	res.Winners = slices.Clone(res.Ranking[:min(res.Seats, len(pts))])
	res.Ties = br.ties
	return res
}
