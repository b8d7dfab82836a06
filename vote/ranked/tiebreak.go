package ranked

import "math/rand/v2"

// breaker breaks ties from a history of per-round totals.
type breaker struct {
	by      TieBreak
	seed    uint64
	names   []string
	history [][]int64 // history[r][c]: total of c in round r+1
	ties    []Tie
	draws   uint64
}

// pick returns one of tied (len >= 2): the lowest when low, else the
// highest, looking at earlier rounds as the rule says, then by lot.
func (b *breaker) pick(round int, purpose string, tied []int, low bool) int {
	cands := append([]int(nil), tied...)
	by := b.by
	if by != Lot {
		rounds := make([]int, 0, len(b.history))
		for r := range b.history {
			rounds = append(rounds, r)
		}
		if by == Backwards {
			for i, j := 0, len(rounds)-1; i < j; i, j = i+1, j-1 {
				rounds[i], rounds[j] = rounds[j], rounds[i]
			}
		}
		for _, r := range rounds {
			if len(cands) == 1 {
				break
			}
			h := b.history[r]
			best := h[cands[0]]
			for _, c := range cands[1:] {
				if (low && h[c] < best) || (!low && h[c] > best) {
					best = h[c]
				}
			}
			var keep []int
			for _, c := range cands {
				if h[c] == best {
					keep = append(keep, c)
				}
			}
			cands = keep
		}
	}
	t := Tie{Round: round, Purpose: purpose, Among: b.namesOf(tied)}
	if len(cands) == 1 {
		t.Chosen, t.By = b.names[cands[0]], by
		b.ties = append(b.ties, t)
		return cands[0]
	}
	// Lot: a fresh PCG stream per draw, so the outcome depends only on the
	// seed and the draw number, both recorded.
	b.draws++
	rng := rand.New(rand.NewPCG(b.seed, b.draws))
	c := cands[rng.IntN(len(cands))]
	t.Chosen, t.By, t.Seed = b.names[c], Lot, b.seed
	b.ties = append(b.ties, t)
	return c
}

func (b *breaker) namesOf(idx []int) []string {
	out := make([]string, len(idx))
	for i, c := range idx {
		out[i] = b.names[c]
	}
	return out
}

// order puts tied (len >= 2, ascending candidate indices) in an order drawn
// by lot and records it as one Tie of purpose "ranking". Each place is one
// draw from a fresh PCG stream (seed, draw number), as in pick.
func (b *breaker) order(tied []int) {
	t := Tie{Purpose: "ranking", Among: b.namesOf(tied), By: Lot, Seed: b.seed}
	for k := 0; k < len(tied)-1; k++ {
		b.draws++
		rng := rand.New(rand.NewPCG(b.seed, b.draws))
		x := k + rng.IntN(len(tied)-k)
		tied[k], tied[x] = tied[x], tied[k]
	}
	t.Chosen = b.names[tied[0]]
	t.Order = b.namesOf(tied)
	b.ties = append(b.ties, t)
}
