package pb

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/gongzhi/gongzhi/vote/internal/u128"
)

// votes returns how many ballots include each project.
func votes(in Instance) []int64 {
	v := make([]int64, len(in.Projects))
	for _, b := range in.Ballots {
		for _, p := range b.Projects {
			v[p]++
		}
	}
	return v
}

// scores returns each project's greedy score under r, in 128-bit integers:
// points up to 2^63 from any number of ballots that fits in memory add up
// exactly.
func scores(r Rule, in Instance) []u128.U128 {
	kind := r.Score
	if kind == "" {
		switch in.VoteType {
		case Cumulative, Scoring:
			kind = Points
		case Ordinal:
			kind = RankPoints
		default:
			kind = Votes
		}
	}
	switch kind {
	case Points:
		s := make([]u128.U128, len(in.Projects))
		for _, b := range in.Ballots {
			for i, p := range b.Projects {
				pt := uint64(1)
				if b.Points != nil {
					pt = uint64(b.Points[i]) // validated non-negative
				}
				s[p], _ = s[p].Add(u128.From(pt)) // < 2^64 terms of < 2^63
			}
		}
		return s
	case RankPoints:
		pts := rankPoints(r, in)
		s := make([]u128.U128, len(in.Projects))
		for _, b := range in.Ballots {
			for i, p := range b.Projects {
				if i < len(pts) {
					s[p], _ = s[p].Add(u128.From(uint64(pts[i])))
				}
			}
		}
		return s
	}
	return wide128(votes(in))
}

// wide128 converts non-negative counts to U128.
func wide128(v []int64) []u128.U128 {
	out := make([]u128.U128, len(v))
	for i, x := range v {
		out[i] = u128.From(uint64(x))
	}
	return out
}

// decimal128 returns x as a decimal.
func decimal128(x u128.U128) decimal.Decimal {
	if v, ok := x.Int64(); ok {
		return decimal.NewFromInt(v)
	}
	return decimal.NewFromBigInt(x.Big(), 0)
}

// rankPoints returns the points of each ordinal position.
func rankPoints(r Rule, in Instance) []int64 {
	if len(r.RankPoints) > 0 {
		return r.RankPoints
	}
	longest := 0
	for _, b := range in.Ballots {
		longest = max(longest, len(b.Projects))
	}
	l := int64(0)
	if _, err := fmt.Sscanf(in.Meta["max_length"], "%d", &l); err != nil || l <= 0 {
		l = int64(longest)
	}
	// Only positions some ballot reaches get points: memory follows the
	// ballots, not a max_length the file may state as anything.
	pts := make([]int64, min(l, int64(longest)))
	for i := range pts {
		pts[i] = l - int64(i)
	}
	return pts
}

// order returns the candidate projects sorted by key, highest first, with
// the tie-break.
func order(in Instance, cands []int, key []u128.U128, votes []int64, tb TieBreak) []int {
	out := slices.Clone(cands)
	slices.SortStableFunc(out, func(a, b int) int {
		if c := key[b].Cmp(key[a]); c != 0 {
			return c
		}
		switch tb {
		case VotesThenCost:
			if c := cmp.Compare(votes[b], votes[a]); c != 0 {
				return c
			}
			return in.Projects[a].Cost.Cmp(in.Projects[b].Cost)
		case LowerCost:
			return in.Projects[a].Cost.Cmp(in.Projects[b].Cost)
		case CostThenVotes:
			if c := in.Projects[a].Cost.Cmp(in.Projects[b].Cost); c != 0 {
				return c
			}
			return cmp.Compare(votes[b], votes[a])
		}
		return 0
	})
	return out
}

// fillOpts are the greedy variants of Rule that fill applies.
type fillOpts struct {
	stop     bool      // StopAtFirstMisfit
	minScore u128.U128 // MinScore
}

// fill runs greedy over cands by key within left, appending rounds to res.
func fill(res *Result, in Instance, cands []int, key []u128.U128, votes []int64, tb TieBreak, left decimal.Decimal, phase string, o fillOpts) decimal.Decimal {
	stopped := false
	for _, p := range order(in, cands, key, votes, tb) {
		pr := in.Projects[p]
		rd := Round{Number: len(res.Rounds) + 1, Project: pr.ID, Phase: phase, Cost: pr.Cost, Score: decimal128(key[p])}
		switch {
		case stopped:
			rd.Reason = "not considered: the list stops at the first project that does not fit"
		case key[p].Cmp(o.minScore) < 0:
			rd.Reason = fmt.Sprintf("below the minimum score %s", decimal128(o.minScore))
		case pr.Cost.LessThanOrEqual(left):
			left = left.Sub(pr.Cost)
			rd.Selected = true
			rd.Reason = fmt.Sprintf("fits: cost %s <= %s left", pr.Cost, left.Add(pr.Cost))
			res.Winners = append(res.Winners, pr.ID)
			res.Cost = res.Cost.Add(pr.Cost)
		default:
			rd.Reason = fmt.Sprintf("skipped: cost %s > %s left", pr.Cost, left)
			if o.stop {
				rd.Reason = fmt.Sprintf("does not fit: cost %s > %s left; the list stops here", pr.Cost, left)
				stopped = true
			}
		}
		rd.Left = left
		res.Rounds = append(res.Rounds, rd)
	}
	return left
}

func countGreedy(r Rule, in Instance, budget decimal.Decimal) Result {
	res := Result{Method: Greedy, Budget: budget, Winners: []string{}, Rounds: []Round{}, Voters: len(in.Ballots)}
	all := make([]int, len(in.Projects))
	for i := range all {
		all[i] = i
	}
	tb := r.TieBreak
	if tb == "" {
		tb = InputOrder
	}
	fill(&res, in, all, scores(r, in), votes(in), tb, budget, "greedy",
		fillOpts{stop: r.StopAtFirstMisfit, minScore: u128.From(uint64(r.MinScore))})
	return res
}
