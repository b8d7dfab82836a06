package project

import (
	"fmt"
	"math/big"
	"math/bits"
	"slices"

	"github.com/shopspring/decimal"
)

// partWeights returns each household's basis under a non-mix rule.
func partWeights(r SharingRule, hs []Household, exempt []bool) ([]decimal.Decimal, error) {
	m := r.Method.orDefault()
	coef := make(map[int]decimal.Decimal, len(r.Floors))
	for _, f := range r.Floors {
		coef[f.Floor] = f.Coefficient
	}
	ws := make([]decimal.Decimal, len(hs))
	var products productCache
	for i, h := range hs {
		if exempt[i] {
			ws[i] = decimal.Zero
			continue
		}
		switch m {
		case EqualShare:
			ws[i] = one
		case AreaShare:
			ws[i] = h.Area
		case FloorShare, FloorAreaShare:
			k, ok := coef[h.Floor]
			if !ok {
				return nil, &InputError{ID: string(h.ID), Field: "floor", Reason: fmt.Sprintf("no coefficient for floor %d", h.Floor)}
			}
			if m == FloorShare {
				ws[i] = k
			} else {
				ws[i] = products.mul(h.Floor, k, h.Area)
			}
		}
	}
	return ws, nil
}

// productCache shares the products coefficient × area among homes of the
// same floor and area (a building has few types of home), since each
// decimal product costs several allocations. It holds a bounded number
// of products of int64 areas; other products are computed each time.
type productCache map[productKey]decimal.Decimal

type productKey struct {
	floor int
	area  int64
	exp   int32
}

func (pc *productCache) mul(floor int, k, area decimal.Decimal) decimal.Decimal {
	if area.NumDigits() > 18 {
		return k.Mul(area)
	}
	key := productKey{floor, area.CoefficientInt64(), area.Exponent()}
	if w, ok := (*pc)[key]; ok {
		return w
	}
	w := k.Mul(area)
	if *pc == nil {
		*pc = make(productCache, 64)
	}
	if len(*pc) < 1<<14 {
		(*pc)[key] = w
	}
	return w
}

// weights are non-negative integer weights: small when every weight (but
// not necessarily the total) fits in a uint64, big otherwise.
type weights struct {
	small []uint64
	big   []*big.Int
}

func (w weights) len() int {
	if w.big != nil {
		return len(w.big)
	}
	return len(w.small)
}

func (w weights) positive(i int) bool {
	if w.big != nil {
		return w.big[i].Sign() > 0
	}
	return w.small[i] > 0
}

func (w weights) bigAt(i int) *big.Int {
	if w.big != nil {
		return w.big[i]
	}
	return new(big.Int).SetUint64(w.small[i])
}

func (w weights) total() *big.Int {
	t := new(big.Int)
	if w.big != nil {
		for _, x := range w.big {
			t.Add(t, x)
		}
		return t
	}
	var sum, carry uint64
	var x big.Int
	for _, v := range w.small {
		var c uint64
		sum, c = bits.Add64(sum, v, 0)
		carry += c
	}
	t.SetUint64(carry)
	t.Lsh(t, 64)
	return t.Add(t, x.SetUint64(sum))
}

// scaleInts turns decimals into integers sharing one scale, so that their
// ratios are unchanged. forceBig skips the uint64 fast path.
func scaleInts(ws []decimal.Decimal, forceBig bool) weights {
	minExp := int32(0)
	for _, w := range ws {
		if !w.IsZero() && w.Exponent() < minExp {
			minExp = w.Exponent()
		}
	}
	if !forceBig {
		small := make([]uint64, len(ws))
		ok := true
		for i, w := range ws {
			if w.IsZero() {
				continue
			}
			e := w.Exponent() - minExp
			if w.NumDigits() > 18 || e > 19 {
				ok = false
				break
			}
			hi, lo := bits.Mul64(uint64(w.CoefficientInt64()), pow10u64(e))
			if hi != 0 {
				ok = false
				break
			}
			small[i] = lo
		}
		if ok {
			return weights{small: small}
		}
	}
	pows := map[int32]*big.Int{}
	out := make([]*big.Int, len(ws))
	for i, w := range ws {
		d := w.Exponent() - minExp
		if w.IsZero() {
			out[i] = new(big.Int)
			continue
		}
		v := w.Coefficient()
		if d > 0 {
			p, ok := pows[d]
			if !ok {
				p = new(big.Int).Exp(ten, big.NewInt(int64(d)), nil)
				pows[d] = p
			}
			v.Mul(v, p)
		}
		out[i] = v
	}
	return weights{big: out}
}

func pow10u64(e int32) uint64 {
	p := uint64(1)
	for range e {
		p *= 10
	}
	return p
}

// combine merges the parts' integer weights into one integer weight per
// household: c_i = Σ_k m_k w_ik Π_{j≠k} W_j. A part whose total is zero
// cannot be distributed and is dropped (apportion then reports the cost
// as uncoverable if nobody else pays either).
func combine(parts []Part, ints []weights, totals []*big.Int) weights {
	ms := make([]decimal.Decimal, len(parts))
	for k, p := range parts {
		ms[k] = p.Weight
	}
	mInts := scaleInts(ms, true)
	n := ints[0].len()
	c := make([]*big.Int, n)
	for i := range c {
		c[i] = new(big.Int)
	}
	for k := range parts {
		if totals[k].Sign() == 0 {
			continue
		}
		f := new(big.Int).Set(mInts.big[k])
		for j := range parts {
			if j != k && totals[j].Sign() != 0 {
				f.Mul(f, totals[j])
			}
		}
		t := new(big.Int)
		for i := range c {
			c[i].Add(c[i], t.Mul(f, ints[k].bigAt(i)))
		}
	}
	return weights{big: c}
}

func partSteps(parts []Part, totals []*big.Int) []string {
	if len(parts) == 1 {
		return nil
	}
	var steps []string
	for k, p := range parts {
		if totals[k].Sign() == 0 {
			steps = append(steps, fmt.Sprintf("part %d (%s, weight %s): nobody carries weight, part dropped", k, p.Rule.Method.orDefault(), p.Weight))
			continue
		}
		steps = append(steps, fmt.Sprintf("part %d: %s with weight %s", k, p.Rule.Method.orDefault(), p.Weight))
	}
	return steps
}

// capsFen returns each household's cap in fen, or -1 for none; nil when
// nobody has a cap.
func capsFen(r SharingRule, hs []Household) []int64 {
	if r.Cap == nil && !slices.ContainsFunc(hs, func(h Household) bool { return h.Cap != nil }) {
		return nil
	}
	caps := make([]int64, len(hs))
	for i, h := range hs {
		caps[i] = -1
		if r.Cap != nil {
			caps[i] = Fen(*r.Cap)
		}
		if h.Cap != nil {
			if hc := Fen(*h.Cap); caps[i] < 0 || hc < caps[i] {
				caps[i] = hc
			}
		}
	}
	return caps
}
