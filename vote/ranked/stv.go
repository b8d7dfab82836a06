package ranked

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"math/bits"
	"slices"

	"github.com/shopspring/decimal"
)

type status uint8

// bstate is the state of one ballot (group): it ranks rank[start:end] and
// sits with rank[pos] (pos == end: exhausted) at value units per ballot.
type bstate struct {
	pos, end int32
	weight   int64
	value    int64
}

const (
	hopeful status = iota
	elected
	excluded
)

// counter is the state of an IRV or WIGM STV count in fixed-point units of
// 10^-decimals vote.
type counter struct {
	ctx           context.Context
	rule          Rule
	e             Election
	seats         int
	places        int32
	unit          int64 // 10^places
	st            []status
	total         []int64 // per candidate, units
	piles         [][]int32
	rank          []uint16 // all rankings, flat, for locality
	bs            []bstate // per ballot, packed so that a move touches one cache line
	exhausted     int64
	lost          int64
	winners       []int
	pending       []int // elected candidates whose surplus awaits transfer
	rounds        []Round
	br            *breaker
	prev          []int64 // the totals at the previous snapshot, nil before the first
	prevExhausted int64
}

func countSTV(ctx context.Context, r Rule, e Election, sum summary) (Result, error) {
	c := &counter{ctx: ctx, rule: r, e: e, seats: r.seats(e), places: int32(r.decimals())}
	c.unit = int64(math.Pow10(int(c.places)))
	n := len(e.Candidates)
	if c.seats > n {
		return Result{}, fmt.Errorf("%w: %d seats for %d candidates", ErrInvalidElection, c.seats, n)
	}
	if n > math.MaxUint16 {
		return Result{}, fmt.Errorf("%w: %d candidates; at most %d", ErrInvalidElection, n, math.MaxUint16)
	}
	// Validation added up the weights (withdrawing candidates keeps
	// every ballot and its weight) and the rankings' lengths (an upper
	// bound once withdrawn candidates are left out), so that the setup
	// below is the only pass over the ballots.
	tw := sum.total
	if tw > (math.MaxInt64/4)/c.unit {
		return Result{}, fmt.Errorf("%w: %d ballots is too many for %d decimal places", ErrInvalidElection, tw, c.places)
	}
	total := sum.ranks
	if total > math.MaxInt32 { // count exactly: withdrawals may have shortened them
		total = 0
		for i := range e.Ballots {
			total += len(e.Ballots[i].Ranking)
		}
		if total > math.MaxInt32 {
			return Result{}, fmt.Errorf("%w: %d rankings in all is too many", ErrInvalidElection, total)
		}
	}
	nb := len(e.Ballots)
	c.st = make([]status, n)
	c.total = make([]int64, n)
	c.piles = make([][]int32, n)
	c.rank = make([]uint16, 0, total)
	c.bs = make([]bstate, nb)
	first := make([]int, n)
	for i := range e.Ballots {
		b := &e.Ballots[i] // not a copy: the struct is large, the pass is hot
		start := int32(len(c.rank))
		for _, x := range b.Ranking {
			c.rank = append(c.rank, uint16(x))
		}
		if len(b.Ranking) > 0 {
			first[b.Ranking[0]]++
		}
		c.bs[i] = bstate{pos: start - 1, end: int32(len(c.rank)), weight: b.Weight, value: c.unit}
	}
	for x, k := range first {
		c.piles[x] = make([]int32, 0, k)
	}
	c.br = &breaker{by: r.tieBreak(), seed: r.Seed, names: e.Candidates}
	for i := range e.Ballots {
		c.place(i)
	}
	if err := c.run(); err != nil {
		return Result{}, err
	}
	res := Result{Method: r.Method, Seats: c.seats, Rounds: c.rounds, Ties: c.br.ties, Ballots: tw}
	res.Winners = make([]string, len(c.winners))
	for i, w := range c.winners {
		res.Winners[i] = e.Candidates[w]
	}
	return res, nil
}

// place moves ballot i to its next hopeful preference after its current
// position, or to the exhausted pile.
func (c *counter) place(i int) {
	b := &c.bs[i]
	v := b.weight * b.value
	for p := b.pos + 1; p < b.end; p++ {
		cand := c.rank[p]
		if c.st[cand] == hopeful {
			b.pos = p
			c.piles[cand] = append(c.piles[cand], int32(i))
			c.total[cand] += v
			return
		}
	}
	b.pos = b.end
	c.exhausted += v
}

func (c *counter) dec(units int64) decimal.Decimal { return decimal.New(units, -c.places) }

func (c *counter) active() int64 {
	var t int64
	for i, s := range c.st {
		if s != excluded {
			t += c.total[i]
		}
	}
	return t
}

func (c *counter) quota() int64 {
	t := c.active()
	s := int64(c.seats)
	switch c.rule.Quota {
	case DroopExact:
		return t/(s+1) + 1
	case Hare:
		return t / s
	}
	return (t/(c.unit*(s+1)) + 1) * c.unit
}

func (c *counter) hopefuls() []int {
	var h []int
	for i, s := range c.st {
		if s == hopeful {
			h = append(h, i)
		}
	}
	return h
}

func (c *counter) run() error {
	irv := c.rule.Method == IRV
	eachRound := irv || c.rule.QuotaEachRound
	var q int64
	for round := 1; ; round++ {
		if err := c.ctx.Err(); err != nil {
			return err
		}
		if round == 1 || eachRound {
			q = c.quota()
		}
		rec := c.snapshot(round, q)
		hist := make([]int64, len(c.total))
		copy(hist, c.total)
		c.br.history = append(c.br.history, hist)
		seatsLeft := c.seats - len(c.winners)
		hope := c.hopefuls()
		// Election by quota, highest first.
		var reached []int
		for _, h := range hope {
			if c.total[h] >= q {
				reached = append(reached, h)
			}
		}
		c.sortByVotes(round, "election", reached, false)
		if len(reached) > seatsLeft {
			reached = reached[:seatsLeft]
		}
		for _, w := range reached {
			c.elect(w)
			rec.Elected = append(rec.Elected, c.e.Candidates[w])
			if c.total[w] > q || c.rule.SurplusOrder == AllTogether {
				c.pending = append(c.pending, w)
			}
		}
		seatsLeft = c.seats - len(c.winners)
		hope = c.hopefuls()
		if seatsLeft > 0 && len(hope) <= seatsLeft {
			c.sortByVotes(round, "election", hope, false)
			for _, w := range hope {
				c.elect(w)
				rec.Elected = append(rec.Elected, c.e.Candidates[w])
			}
			seatsLeft = 0
		}
		if seatsLeft == 0 {
			if c.rule.FinalSurplusRound && c.hasSurplus(q) {
				rec.Surplus = c.transferPending(q, true)
				c.rounds = append(c.rounds, rec)
				c.rounds = append(c.rounds, c.snapshot(round+1, q))
				return nil
			}
			c.rounds = append(c.rounds, rec)
			return nil
		}
		if len(c.pending) > 0 {
			rec.Surplus = c.transferPending(q, c.rule.SurplusOrder == AllTogether)
			c.rounds = append(c.rounds, rec)
			continue
		}
		out := c.chooseElimination(round, hope, seatsLeft)
		for _, x := range out {
			c.st[x] = excluded
			rec.Eliminated = append(rec.Eliminated, c.e.Candidates[x])
		}
		for _, x := range out {
			pile := c.piles[x]
			c.piles[x] = nil
			c.total[x] = 0
			for _, i := range pile {
				c.place(int(i))
			}
		}
		c.rounds = append(c.rounds, rec)
	}
}

func (c *counter) hasSurplus(q int64) bool {
	for _, w := range c.pending {
		if c.total[w] > q {
			return true
		}
	}
	return false
}

func (c *counter) elect(w int) {
	c.st[w] = elected
	c.winners = append(c.winners, w)
}

// sortByVotes orders cands by total, highest first (lowest first when
// low), breaking equal totals with the rule's tie-break.
func (c *counter) sortByVotes(round int, purpose string, cands []int, low bool) {
	slices.SortStableFunc(cands, func(a, b int) int {
		if low {
			return cmp.Compare(c.total[a], c.total[b])
		}
		return cmp.Compare(c.total[b], c.total[a])
	})
	for i := 0; i < len(cands); {
		j := i + 1
		for j < len(cands) && c.total[cands[j]] == c.total[cands[i]] {
			j++
		}
		for k := i; k < j-1; k++ {
			first := c.br.pick(round, purpose, cands[k:j], low)
			idx := slices.Index(cands[k:j], first) + k
			cands[k], cands[idx] = cands[idx], cands[k]
		}
		i = j
	}
}

// transferPending transfers the largest pending surplus, or all of them,
// and returns whose.
func (c *counter) transferPending(q int64, all bool) []string {
	var from []int
	if all {
		from, c.pending = c.pending, nil
	} else {
		// Largest surplus first; ties by earlier rounds, then lot.
		best := []int{c.pending[0]}
		for _, w := range c.pending[1:] {
			switch {
			case c.total[w] > c.total[best[0]]:
				best = []int{w}
			case c.total[w] == c.total[best[0]]:
				best = append(best, w)
			}
		}
		w := best[0]
		if len(best) > 1 {
			w = c.br.pick(len(c.rounds)+1, "surplus", best, false)
		}
		from = []int{w}
		c.pending = slices.DeleteFunc(c.pending, func(x int) bool { return x == w })
	}
	names := make([]string, len(from))
	// Compute every new value before moving anything, so that surpluses
	// transferred together do not feed one another.
	type move struct {
		pile []int32
	}
	moves := make([]move, len(from))
	for k, w := range from {
		names[k] = c.e.Candidates[w]
		t := c.total[w]
		s := t - q
		if s < 0 {
			s = 0
		}
		var frac int64
		if c.rule.RoundSurplusFraction && t > 0 {
			frac = mulDiv(s, c.unit, t)
		}
		var moved int64
		for _, i := range c.piles[w] {
			b := &c.bs[i]
			switch {
			case t == 0:
				b.value = 0
			case c.rule.RoundSurplusFraction:
				b.value = mulDiv(b.value, frac, c.unit)
			default:
				b.value = mulDiv(b.value, s, t)
			}
			moved += b.weight * b.value
		}
		c.lost += s - moved
		c.total[w] = t - s
		moves[k] = move{pile: c.piles[w]}
		c.piles[w] = nil
	}
	for _, m := range moves {
		for _, i := range m.pile {
			c.place(int(i))
		}
	}
	return names
}

// mulDiv returns floor(a*b/d) for non-negative a, b and positive d with
// a*b/d < 2^63, without overflow.
func mulDiv(a, b, d int64) int64 {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	q, _ := bits.Div64(hi, lo, uint64(d))
	return int64(q)
}

// chooseElimination returns the candidates to eliminate this round.
func (c *counter) chooseElimination(round int, hope []int, seatsLeft int) []int {
	if round == 1 && len(c.rule.EliminateFirst) > 0 {
		var out []int
		for _, name := range c.rule.EliminateFirst {
			if x := c.e.Index(name); x >= 0 && c.st[x] == hopeful {
				out = append(out, x)
			}
		}
		if len(out) > 0 && len(hope)-len(out) >= max(seatsLeft, 1) {
			return out
		}
	}
	if c.rule.BatchElimination {
		if out := c.batch(hope, seatsLeft); len(out) > 1 {
			return out
		}
	}
	low := slices.Clone(hope)
	minV := c.total[low[0]]
	for _, h := range low {
		minV = min(minV, c.total[h])
	}
	low = slices.DeleteFunc(low, func(h int) bool { return c.total[h] != minV })
	if len(low) == 1 {
		return low
	}
	return []int{c.br.pick(round, "elimination", low, true)}
}

// batch returns the largest set of lowest candidates whose combined votes
// are fewer than the votes of the next candidate up.
func (c *counter) batch(hope []int, seatsLeft int) []int {
	sorted := slices.Clone(hope)
	slices.SortStableFunc(sorted, func(a, b int) int { return cmp.Compare(c.total[a], c.total[b]) })
	var running int64
	best := 0
	for i := 0; i < len(sorted); {
		j := i
		for j < len(sorted) && c.total[sorted[j]] == c.total[sorted[i]] {
			j++
		}
		if i > 0 && running < c.total[sorted[i]] && len(sorted)-i >= max(seatsLeft, 1) {
			best = i
		}
		for k := i; k < j; k++ {
			running += c.total[sorted[k]]
		}
		i = j
	}
	return sorted[:best]
}

// snapshot records the tally at the start of a round. Transfers are the
// differences from the previous snapshot, taken in units (exact, as the
// decimals they stand for share one exponent).
func (c *counter) snapshot(round int, q int64) Round {
	rec := Round{Number: round, Threshold: c.dec(q), Tally: make(map[string]decimal.Decimal, len(c.st)),
		Exhausted: c.dec(c.exhausted), Lost: c.dec(c.lost)}
	for i, s := range c.st {
		if s != excluded {
			rec.Tally[c.e.Candidates[i]] = c.dec(c.total[i])
		}
	}
	if c.prev != nil {
		rec.Transfers = map[string]decimal.Decimal{}
		for i, s := range c.st {
			if d := c.total[i] - c.prev[i]; s != excluded && d != 0 {
				rec.Transfers[c.e.Candidates[i]] = c.dec(d)
			}
		}
		if d := c.exhausted - c.prevExhausted; d != 0 {
			rec.Transfers["exhausted"] = c.dec(d)
		}
	} else {
		c.prev = make([]int64, len(c.total))
	}
	copy(c.prev, c.total)
	c.prevExhausted = c.exhausted
	return rec
}
