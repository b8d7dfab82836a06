package project

import (
	"cmp"
	"fmt"
	"math/big"
	"math/bits"
	"slices"
	"strings"
)

// apportion splits costFen among households in proportion to the
// integer weights c, applying caps (in fen, -1 = none) and the
// largest-remainder rule.
func apportion(costFen int64, c weights, caps []int64, hs []Household) (amounts []int64, marks []uint8, leftover int64, steps []string, err error) {
	n := c.len()
	amounts = make([]int64, n)
	marks = make([]uint8, n)
	active := make([]int, 0, n)
	for i := range n {
		if c.positive(i) {
			active = append(active, i)
		}
	}
	remaining := costFen
	var d division
	for {
		if remaining == 0 {
			return amounts, marks, 0, append(steps, "nothing left to share"), nil
		}
		if len(active) == 0 {
			return nil, nil, 0, nil, fmt.Errorf("%w: %s left after exemptions and caps, and nobody else carries weight", ErrUncoverable, Yuan(remaining).StringFixed(2))
		}
		d = divide(remaining, c, active)
		if caps == nil {
			break
		}
		next := active[:0] // filtered in place: next[k] is written after active[k] is read
		var capTotal int64
		for j, i := range active {
			q := d.q[j]
			if caps[i] >= 0 && (q > caps[i] || (q == caps[i] && d.remPositive(j))) {
				amounts[i] = caps[i]
				marks[i] = capHit
				capTotal += caps[i]
				continue
			}
			next = append(next, i)
		}
		if len(next) == len(active) {
			break
		}
		steps = append(steps, fmt.Sprintf("%d households capped, paying %s; %s shared among the other %d",
			len(active)-len(next), Yuan(capTotal).StringFixed(2), Yuan(remaining-capTotal).StringFixed(2), len(next)))
		remaining -= capTotal
		active = next
	}
	var floorSum int64
	for j, i := range active {
		amounts[i] = d.q[j]
		floorSum += d.q[j]
	}
	leftover = remaining - floorSum
	for _, j := range rankLeftover(d, int(leftover), active, hs) {
		i := active[j]
		amounts[i]++
		marks[i] = roundedUp
	}
	steps = append(steps, fmt.Sprintf("%s shared among %d payers in proportion to weight; rounded down to the fen, then %d leftover fen to the largest remainders (ties by household id)",
		Yuan(remaining).StringFixed(2), len(active), leftover))
	return amounts, marks, leftover, steps, nil
}

// rankKey is one payer's rank in the largest-remainder rule: remainder
// (uint64 division only), id prefix and position j in the active list.
type rankKey struct {
	rem, pre uint64
	j        int
}

// rankLeftover returns the positions (in active) of the k payers who get
// a leftover fen: largest remainder first, equal remainders in ascending
// id order. Only the first k matter, so it selects rather than sorts.
// The ids' first 8 bytes as big-endian integers settle most id
// comparisons (all of them when everyone's remainder is the same, as
// under equal shares) without comparing strings.
func rankLeftover(d division, k int, active []int, hs []Household) []int {
	idCmp := func(a, b int) int { return strings.Compare(string(hs[active[a]].ID), string(hs[active[b]].ID)) }
	out := make([]int, 0, max(k, 0))
	if k <= 0 || k >= len(active) { // none, or everyone
		for j := range min(max(k, 0), len(active)) {
			out = append(out, j)
		}
		return out
	}
	if !d.isBig {
		// Keys held inline: the selection touches memory in order.
		keys := make([]rankKey, len(active))
		for j, i := range active {
			keys[j] = rankKey{rem: d.r64[j], pre: idPrefix(hs[i].ID), j: j}
		}
		selectFirst(keys, k, func(a, b rankKey) int {
			if c := cmp.Compare(b.rem, a.rem); c != 0 {
				return c
			}
			if c := cmp.Compare(a.pre, b.pre); c != 0 {
				return c
			}
			return idCmp(a.j, b.j)
		})
		for _, key := range keys[:k] {
			out = append(out, key.j)
		}
		return out
	}
	order := make([]int, len(active))
	pre := make([]uint64, len(active))
	for j, i := range active {
		order[j] = j
		pre[j] = idPrefix(hs[i].ID)
	}
	selectFirst(order, k, func(a, b int) int {
		if c := d.cmpRem(b, a); c != 0 {
			return c
		}
		if c := cmp.Compare(pre[a], pre[b]); c != 0 {
			return c
		}
		return idCmp(a, b)
	})
	return append(out, order[:k]...)
}

// idPrefix returns the first 8 bytes of id as a big-endian integer,
// padded with zero bytes, so that idPrefix(a) < idPrefix(b) implies a < b
// and a < b implies idPrefix(a) <= idPrefix(b).
func idPrefix(id HouseholdID) uint64 {
	var p uint64
	for i := range 8 {
		p <<= 8
		if i < len(id) {
			p |= uint64(id[i])
		}
	}
	return p
}

// division holds floor(R·c_i/W) and the remainders for the active
// households, in uint64 when the total weight fits and in big.Int
// otherwise.
type division struct {
	q     []int64
	r64   []uint64
	rBig  []*big.Int
	isBig bool
}

func (d *division) remPositive(j int) bool {
	if d.isBig {
		return d.rBig[j].Sign() > 0
	}
	return d.r64[j] > 0
}

func (d *division) cmpRem(a, b int) int {
	if d.isBig {
		return d.rBig[a].Cmp(d.rBig[b])
	}
	return cmp.Compare(d.r64[a], d.r64[b])
}

func divide(R int64, c weights, active []int) division {
	d := division{q: make([]int64, len(active))}
	var w64 uint64
	fits := c.big == nil
	if fits {
		for _, i := range active {
			var carry uint64
			w64, carry = bits.Add64(w64, c.small[i], 0)
			if carry != 0 {
				fits = false
				break
			}
		}
	}
	if fits {
		d.r64 = make([]uint64, len(active))
		for j, i := range active {
			hi, lo := bits.Mul64(uint64(R), c.small[i])
			q, r := bits.Div64(hi, lo, w64) // hi < w64 because c_i <= W
			d.q[j], d.r64[j] = int64(q), r
		}
		return d
	}
	d.isBig = true
	W := new(big.Int)
	for _, i := range active {
		W.Add(W, c.bigAt(i))
	}
	d.rBig = make([]*big.Int, len(active))
	bR := big.NewInt(R)
	for j, i := range active {
		num := new(big.Int).Mul(bR, c.bigAt(i))
		q, r := num.QuoRem(num, W, new(big.Int))
		d.q[j], d.rBig[j] = q.Int64(), r
	}
	return d
}

// selectFirst reorders xs so that its first k elements are the k smallest
// under the total order cmp (in no particular order among themselves).
// It is a deterministic quickselect with median-of-three pivots that falls
// back to sorting if it recurses too deep, so it is O(n) on typical input
// and O(n log n) at worst.
func selectFirst[T any](xs []T, k int, cmpf func(a, b T) int) {
	if k <= 0 || k >= len(xs) {
		return
	}
	lo, hi := 0, len(xs) // select within xs[lo:hi]
	for depth := 2 * bits.Len(uint(len(xs))); hi-lo > 16; depth-- {
		if depth == 0 {
			slices.SortFunc(xs[lo:hi], cmpf)
			return
		}
		m := lo + (hi-lo)/2
		a, b, c := xs[lo], xs[m], xs[hi-1]
		if cmpf(a, b) > 0 {
			a, b = b, a
		}
		if cmpf(b, c) > 0 {
			b = c
			if cmpf(a, b) > 0 {
				b = a
			}
		}
		pivot := b
		// Three-way partition: < pivot, == pivot, > pivot.
		lt, i, gt := lo, lo, hi
		for i < gt {
			switch c := cmpf(xs[i], pivot); {
			case c < 0:
				xs[lt], xs[i] = xs[i], xs[lt]
				lt++
				i++
			case c > 0:
				gt--
				xs[i], xs[gt] = xs[gt], xs[i]
			default:
				i++
			}
		}
		switch {
		case k < lt:
			hi = lt
		case k <= gt:
			return
		default:
			lo = gt
		}
	}
	slices.SortFunc(xs[lo:hi], cmpf)
}
