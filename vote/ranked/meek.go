package ranked

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"slices"

	"github.com/shopspring/decimal"
)

// meekMaxIterations bounds each stage's keep-factor iteration.
const meekMaxIterations = 10000

// countMeek runs Meek's method exactly. Keep factors are multiples of
// 10^-d (rounded up), so every share of a ballot is an exact multiple of
// 10^-(d*(seats+1)): all arithmetic is on big integers at that scale.
func countMeek(ctx context.Context, r Rule, e Election) (Result, error) {
	seats := r.seats(e)
	n := len(e.Candidates)
	if seats > n {
		return Result{}, fmt.Errorf("%w: %d seats for %d candidates", ErrInvalidElection, seats, n)
	}
	d := r.decimals()
	// Tie-breaks compare totals in units of 10^-d vote, as int64.
	if tw := e.total(); tw > math.MaxInt64/int64(math.Pow10(d)) {
		return Result{}, fmt.Errorf("%w: %d ballots is too many for %d decimal places", ErrInvalidElection, tw, d)
	}
	ten := big.NewInt(10)
	unitK := new(big.Int).Exp(ten, big.NewInt(int64(d)), nil)                   // keep factor 1
	scale := new(big.Int).Exp(ten, big.NewInt(int64(d*(seats+1))), nil)         // one vote
	toVotes := new(big.Int).Exp(ten, big.NewInt(int64(d*seats)), nil)           // scale / unitK
	tol := new(big.Int).Exp(ten, big.NewInt(int64(d*(seats+1)-min(d, 5))), nil) // 10^-5 vote
	st := make([]status, n)
	keep := make([]*big.Int, n)
	for i := range keep {
		keep[i] = new(big.Int).Set(unitK)
	}
	votes := make([]*big.Int, n)
	for i := range votes {
		votes[i] = new(big.Int)
	}
	excess := new(big.Int)
	weights := make([]*big.Int, len(e.Ballots))
	for i, b := range e.Ballots {
		weights[i] = big.NewInt(b.Weight)
	}
	quota := new(big.Int)
	s1 := big.NewInt(int64(seats + 1))
	rem, share, t := new(big.Int), new(big.Int), new(big.Int)
	distribute := func() {
		for i := range votes {
			votes[i].SetInt64(0)
		}
		excess.SetInt64(0)
		for i := range e.Ballots {
			b := &e.Ballots[i] // not a copy: this loop runs every iteration
			rem.Set(scale)
			for _, c := range b.Ranking {
				switch st[c] {
				case excluded:
					continue
				case hopeful:
					votes[c].Add(votes[c], t.Mul(rem, weights[i]))
					rem.SetInt64(0)
				default:
					share.Mul(rem, keep[c])
					share.Quo(share, unitK)
					votes[c].Add(votes[c], t.Mul(share, weights[i]))
					rem.Sub(rem, share)
				}
				if rem.Sign() == 0 {
					break
				}
			}
			if rem.Sign() > 0 {
				excess.Add(excess, t.Mul(rem, weights[i]))
			}
		}
		active := new(big.Int)
		for i, s := range st {
			if s != excluded {
				active.Add(active, votes[i])
			}
		}
		switch r.Quota {
		case Droop:
			quota.Quo(active, new(big.Int).Mul(scale, s1))
			quota.Add(quota, big.NewInt(1))
			quota.Mul(quota, scale)
		case Hare:
			quota.Quo(active, big.NewInt(int64(seats)))
		default: // DroopExact: T/(S+1) truncated to d places, plus 10^-d.
			quota.Quo(active, new(big.Int).Mul(toVotes, s1))
			quota.Add(quota, big.NewInt(1))
			quota.Mul(quota, toVotes)
		}
	}
	converge := func() error {
		last := (*big.Int)(nil)
		for it := 0; it < meekMaxIterations; it++ {
			if err := ctx.Err(); err != nil {
				return err
			}
			distribute()
			surplus := new(big.Int)
			for i, s := range st {
				if s == elected && votes[i].Cmp(quota) > 0 {
					surplus.Add(surplus, t.Sub(votes[i], quota))
				}
			}
			if surplus.Cmp(tol) <= 0 || (last != nil && surplus.Cmp(last) >= 0) {
				return nil
			}
			last = surplus
			for i, s := range st {
				if s != elected || votes[i].Sign() == 0 {
					continue
				}
				// keep = ceil(keep * quota / votes), at most 1.
				num := new(big.Int).Mul(keep[i], quota)
				q, m := new(big.Int).QuoRem(num, votes[i], new(big.Int))
				if m.Sign() > 0 {
					q.Add(q, big.NewInt(1))
				}
				if q.Cmp(unitK) > 0 {
					q.Set(unitK)
				}
				keep[i] = q
			}
		}
		return ErrNoConvergence
	}
	br := &breaker{by: r.tieBreak(), seed: r.Seed, names: e.Candidates}
	var winners []int
	var rounds []Round
	toDec := func(x *big.Int) decimal.Decimal {
		return decimal.NewFromBigInt(new(big.Int).Quo(x, toVotes), int32(-d))
	}
	var prev map[string]decimal.Decimal
	for round := 1; ; round++ {
		if err := converge(); err != nil {
			return Result{}, err
		}
		rec := Round{Number: round, Threshold: toDec(quota), Tally: map[string]decimal.Decimal{}, Exhausted: toDec(excess)}
		hist := make([]int64, n)
		for i, s := range st {
			if s != excluded {
				rec.Tally[e.Candidates[i]] = toDec(votes[i])
			}
			// History for tie-breaks, in units of 10^-d votes.
			hist[i] = new(big.Int).Quo(votes[i], toVotes).Int64()
		}
		br.history = append(br.history, hist)
		if prev != nil {
			rec.Transfers = map[string]decimal.Decimal{}
			for k, v := range rec.Tally {
				if dd := v.Sub(prev[k]); !dd.IsZero() {
					rec.Transfers[k] = dd
				}
			}
		}
		prev = rec.Tally
		var hope, reached []int
		for i, s := range st {
			if s == hopeful {
				hope = append(hope, i)
				if votes[i].Cmp(quota) >= 0 {
					reached = append(reached, i)
				}
			}
		}
		byVotes := func(cands []int, low bool) {
			slices.SortStableFunc(cands, func(a, b int) int {
				if low {
					return votes[a].Cmp(votes[b])
				}
				return votes[b].Cmp(votes[a])
			})
			for i := 0; i < len(cands); {
				j := i + 1
				for j < len(cands) && votes[cands[j]].Cmp(votes[cands[i]]) == 0 {
					j++
				}
				for k := i; k < j-1; k++ {
					first := br.pick(round, "election", cands[k:j], low)
					idx := slices.Index(cands[k:j], first) + k
					cands[k], cands[idx] = cands[idx], cands[k]
				}
				i = j
			}
		}
		byVotes(reached, false)
		if len(reached) > seats-len(winners) {
			reached = reached[:seats-len(winners)]
		}
		for _, w := range reached {
			st[w] = elected
			winners = append(winners, w)
			rec.Elected = append(rec.Elected, e.Candidates[w])
		}
		hope = slices.DeleteFunc(hope, func(c int) bool { return st[c] == elected })
		if left := seats - len(winners); left > 0 && len(hope) <= left {
			byVotes(hope, false)
			for _, w := range hope {
				st[w] = elected
				winners = append(winners, w)
				rec.Elected = append(rec.Elected, e.Candidates[w])
			}
		}
		if len(winners) == seats {
			rounds = append(rounds, rec)
			break
		}
		if len(reached) == 0 {
			low := slices.Clone(hope)
			byVotes(low, true)
			x := low[0]
			st[x] = excluded
			keep[x].SetInt64(0)
			rec.Eliminated = []string{e.Candidates[x]}
		}
		rounds = append(rounds, rec)
	}
	res := Result{Method: r.Method, Seats: seats, Rounds: rounds, Ties: br.ties, Ballots: e.total()}
	for _, w := range winners {
		res.Winners = append(res.Winners, e.Candidates[w])
	}
	return res, nil
}
