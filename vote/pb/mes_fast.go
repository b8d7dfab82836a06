package pb

import (
	"encoding/binary"
	"math/big"
	"slices"
)

// The fast MES path counts approval-weighted MES (cost or approval
// utilities) in fixed-width integers (type wide) with no allocation in the
// inner loops. It makes exactly the decisions of the math/big path, which
// it mirrors step by step: the same common denominator, the same rescaling
// when a price is not a whole number of units, the same prices compared by
// cross-multiplication. Any overflow, and any state the big path would
// handle differently, makes it give up, and the run is repeated in
// math/big. It is used for the runs whose only output is the selection
// (the Add1 search); the run that is reported is always the big one, which
// records the payments.

// prepareFast sets up the fast path: d.em and d.ed, the factors of the
// price per unit of utility of each project (a supporter paying rem units
// of 1/D per unit of weight, W units of weight in all, gives the price
// rem*em/(W*D*ed)), and the voters grouped by ballot (voters who approve
// the same projects always have the same budget). It leaves d.fast false
// for weighted utilities or a cost that does not fit in 64 bits. It must
// be called before runs start in parallel.
func (d *mesData) prepareFast() {
	if d.fast || d.weight != nil {
		return
	}
	np := len(d.cost)
	d.em = make([]uint64, np)
	d.ed = make([]uint64, np)
	den := big.NewInt(1)
	for p, c := range d.cost {
		d.em[p], d.ed[p] = 1, 1
		if d.perCost && c.Sign() > 0 {
			if !c.Num().IsUint64() || !c.Denom().IsUint64() {
				return
			}
			d.em[p], d.ed[p] = c.Denom().Uint64(), c.Num().Uint64()
		}
		if !c.IsInt() {
			den = lcm(den, c.Denom())
		}
	}
	// Costs over one denominator, to add up a selection without big.Rat.
	d.costDen = den
	d.costScaled = make([]*big.Int, np)
	d.costWide = make([]wide, np)
	for p, c := range d.cost {
		d.costScaled[p] = new(big.Int).Mul(c.Num(), new(big.Int).Quo(den, c.Denom()))
		var ok bool
		if d.costWide[p], ok = wideOf(d.costScaled[p]); !ok {
			return
		}
		d.costLimbs = max(d.costLimbs, (d.costScaled[p].BitLen()+63)/64)
	}
	// Voters grouped by the set of projects they approve.
	typeOf := map[string]int32{}
	d.typeSupp = make([][]int32, np)
	var key []byte
	for _, b := range d.in.Ballots {
		ps := slices.Clone(b.Projects)
		slices.Sort(ps)
		key = key[:0]
		for _, p := range ps {
			key = binary.AppendUvarint(key, uint64(p))
		}
		t, ok := typeOf[string(key)]
		if !ok {
			t = int32(len(d.typeMult))
			typeOf[string(key)] = t
			d.typeMult = append(d.typeMult, 0)
			for _, p := range ps {
				d.typeSupp[p] = append(d.typeSupp[p], t)
			}
		}
		d.typeMult[t]++
	}
	d.fast = true
}

// fastRun is the state of one fast MES pass; see mesRun for the meaning of
// the fields. Its buffers are reused by the next pass on the same
// goroutine.
type fastRun struct {
	limbs
	d        *mesData
	den      wide
	num      []wide   // class -> budget of each member
	key      []uint64 // class -> num >> shift, ordered as num
	shareN   wide     // the share: no budget is larger
	shift    int      //
	members  []int32  // class -> voters in it
	class    []int32  // ballot type -> class
	costN    []wide
	lowRem   []wide   // lower bound of each price: lowRem*em/(lowW*D*ed)
	lowW     []uint64 //
	lowKey   []wide   // floor(lowRem*em/(lowW*ed)), ordered as the bounds
	selected []bool
	dead     []bool
	chosen   []int
	cands    []int
	count    []int32
	touch    []int32
	nextOf   []int32
	groups   []fastGroup // of the offer being priced
	best     []fastGroup // of the best offer so far
}

// fastGroup is a class of supporters with the number of them in it and
// the key of its budget.
type fastGroup struct {
	key   uint64
	class int32
	n     int32
}

// reset prepares f for a pass over d, reusing its buffers.
func (f *fastRun) reset(d *mesData) {
	nt, np := len(d.typeMult), len(d.cost)
	f.d, f.n = d, 0
	f.class = resize(f.class, nt)
	f.costN = resize(f.costN, np)
	f.lowRem = resize(f.lowRem, np)
	f.lowW = resize(f.lowW, np)
	f.lowKey = resize(f.lowKey, np)
	f.selected = resize(f.selected, np)
	f.dead = resize(f.dead, np)
	f.num, f.key, f.members = f.num[:0], f.key[:0], f.members[:0]
	f.chosen, f.cands = f.chosen[:0], f.cands[:0]
}

// resize returns s with length n and zero elements.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// runFast performs MES with the given share using the buffers of f, or
// returns nil if the fixed width does not suffice (the caller then uses
// the big path).
func (d *mesData) runFast(share *big.Rat, f *fastRun) *mesRun {
	f.reset(d)
	// D = lcm(share denominator, cost denominator), as in the big path.
	den := lcm(share.Denom(), d.costDen)
	var ok bool
	if f.den, ok = wideOf(den); !ok {
		return nil
	}
	f.fit(den)
	shareBig := new(big.Int).Mul(share.Num(), new(big.Int).Quo(den, share.Denom()))
	if f.shareN, ok = wideOf(shareBig); !ok {
		return nil
	}
	f.fit(shareBig)
	scale := new(big.Int).Quo(den, d.costDen)
	f.n = max(f.n, d.costLimbs)
	f.num = append(f.num, wide{}, f.shareN)
	f.key = append(f.key, 0, 0)
	f.members = append(f.members, 0, int32(len(d.in.Ballots)))
	f.rekey()
	for t := range f.class {
		f.class[t] = 1
	}
	for p := range d.cost {
		if scale.IsUint64() {
			if !f.mul(&f.costN[p], &d.costWide[p], scale.Uint64()) {
				return nil
			}
		} else {
			cn := new(big.Int).Mul(d.costScaled[p], scale)
			if f.costN[p], ok = wideOf(cn); !ok {
				return nil
			}
			f.fit(cn)
		}
		f.lowW[p] = 1
		if len(d.supp[p]) == 0 {
			f.dead[p] = true
		} else {
			f.cands = append(f.cands, p)
		}
	}
	for {
		if len(f.count) < len(f.num) {
			f.count = make([]int32, len(f.num), 2*len(f.num))
		}
		cands := slices.DeleteFunc(f.cands, func(p int) bool { return f.selected[p] || f.dead[p] })
		f.cands = cands
		// Insertion sort by lower bound, as in the big path.
		for i := 1; i < len(cands); i++ {
			for j := i; j > 0; j-- {
				c, ok := f.lowerCmp(cands[j-1], cands[j])
				if !ok {
					return nil
				}
				if c <= 0 {
					break
				}
				cands[j-1], cands[j] = cands[j], cands[j-1]
			}
		}
		best := -1
		var bestRem wide
		var bestW uint64
		for _, p := range cands {
			if best >= 0 {
				c, ok := f.lowerCmp(p, best)
				if !ok {
					return nil
				}
				if c > 0 {
					break
				}
			}
			rem, W, affordable, ok := f.price(p)
			if !ok {
				return nil
			}
			if !affordable {
				f.dead[p] = true
				continue
			}
			f.lowRem[p], f.lowW[p] = rem, W
			if !f.setKey(p) {
				return nil
			}
			if best >= 0 {
				c, ok := f.lowerCmp(p, best)
				if !ok {
					return nil
				}
				if c > 0 || (c == 0 && !d.tieLess(p, best)) {
					continue
				}
			}
			best, bestRem, bestW = p, rem, W
			f.groups, f.best = f.best, f.groups
		}
		if best < 0 {
			break
		}
		if d.ctx.Err() != nil {
			return nil // the big path stops too; the caller sees ctx.Err()
		}
		if !f.buy(best, &bestRem, bestW) {
			return nil
		}
	}
	sum := new(big.Int)
	for _, p := range f.chosen {
		sum.Add(sum, d.costScaled[p])
	}
	total := new(big.Rat).SetInt(sum)
	if d.costDen.Cmp(big.NewInt(1)) != 0 {
		total.SetFrac(sum, d.costDen)
	}
	return &mesRun{d: d, selected: slices.Clone(f.selected), chosen: slices.Clone(f.chosen), total: total}
}

// rekey sets the shift so that every budget >> shift fits in 64 bits, and
// the keys of the classes in use.
func (f *fastRun) rekey() {
	f.shift = max(f.bitLen(&f.shareN)-64, 0)
	for c := range f.num {
		if c == 0 || f.members[c] > 0 {
			f.key[c] = shr64(&f.num[c], f.shift)
		}
	}
}

// setKey sets the key of p's lower bound: floor(lowRem*em/(lowW*ed)).
// Prices in order have keys in order (floor is monotone), so keys that
// differ decide a comparison without the exact cross-multiplication.
func (f *fastRun) setKey(p int) bool {
	k := &f.lowKey[p]
	if !f.mul(k, &f.lowRem[p], f.d.em[p]) {
		return false
	}
	f.div(k, k, f.lowW[p])
	f.div(k, k, f.d.ed[p])
	return true
}

// lowerCmp compares the lower bounds of the prices of p and q.
func (f *fastRun) lowerCmp(p, q int) (int, bool) {
	if c := f.cmp(&f.lowKey[p], &f.lowKey[q]); c != 0 {
		return c, true
	}
	return f.effCmp(&f.lowRem[p], f.lowW[p], p, &f.lowRem[q], f.lowW[q], q)
}

// effCmp compares the prices a*em[p]/(wa*D*ed[p]) and b*em[q]/(wb*D*ed[q]).
func (f *fastRun) effCmp(a *wide, wa uint64, p int, b *wide, wb uint64, q int) (int, bool) {
	d := f.d
	var x, y wide
	if !f.mul(&x, a, d.em[p]) || !f.mul(&x, &x, wb) || !f.mul(&x, &x, d.ed[q]) ||
		!f.mul(&y, b, d.em[q]) || !f.mul(&y, &y, wa) || !f.mul(&y, &y, d.ed[p]) {
		return 0, false
	}
	return f.cmp(&x, &y), true
}

// price computes what each supporter of p pays per unit of weight, rem/W
// units of 1/D (everyone with less pays all they have), leaving the groups
// of supporters in f.groups. affordable is false if the supporters cannot
// pay p; ok is false if the fast path must give up.
func (f *fastRun) price(p int) (rem wide, W uint64, affordable, ok bool) {
	f.touch = f.touch[:0]
	mult := f.d.typeMult
	for _, t := range f.d.typeSupp[p] {
		c := f.class[t]
		if f.count[c] == 0 {
			f.touch = append(f.touch, c)
		}
		f.count[c] += mult[t]
	}
	f.groups = f.groups[:0]
	for _, c := range f.touch {
		f.groups = append(f.groups, fastGroup{key: f.key[c], class: c, n: f.count[c]})
		f.count[c] = 0
	}
	// Order by budget; the keys decide unless equal.
	order := func(a, b fastGroup) int {
		if a.key != b.key {
			if a.key < b.key {
				return -1
			}
			return 1
		}
		return f.cmp(&f.num[a.class], &f.num[b.class])
	}
	rem = f.costN[p]
	W = uint64(len(f.d.supp[p]))
	// The groups are taken poorest first. Usually the first few decide, so
	// the poorest are picked one by one, and the rest sorted only when
	// needed.
	gs := f.groups
	for i := range gs {
		switch {
		case i < 4:
			m := i
			for j := i + 1; j < len(gs); j++ {
				if order(gs[j], gs[m]) < 0 {
					m = j
				}
			}
			gs[i], gs[m] = gs[m], gs[i]
		case i == 4:
			slices.SortFunc(gs[i:], order)
		}
		g := gs[i]
		// Everyone left can pay rem/W if group g can: rem <= N*W.
		var t wide
		if !f.mul(&t, &f.num[g.class], W) {
			return rem, W, false, false
		}
		if f.cmp(&rem, &t) <= 0 {
			return rem, W, true, true
		}
		// Group g pays all it has. rem > N*W >= N*n, so rem stays positive;
		// anything else is left to the big path.
		t = wide{}
		if !f.mul(&t, &f.num[g.class], uint64(g.n)) || !f.sub(&rem, &rem, &t) || f.isZero(&rem) {
			return rem, W, false, false
		}
		W -= uint64(g.n)
	}
	return rem, W, false, true
}

// buy charges the supporters of p the price rem/W per unit of weight.
func (f *fastRun) buy(p int, rem *wide, W uint64) bool {
	var rho wide
	g := gcd64(W, f.div(&rho, rem, W))
	if g != W {
		f.div(&rho, rem, g)
	}
	// Rescale so that the price rho = rem/g is a whole number of units.
	if k := W / g; k != 1 {
		if !f.mul(&f.den, &f.den, k) {
			return false
		}
		for c := range f.num {
			if f.members[c] > 0 && !f.mul(&f.num[c], &f.num[c], k) {
				return false
			}
		}
		for q := range f.costN {
			if !f.selected[q] && !f.dead[q] && (!f.mul(&f.costN[q], &f.costN[q], k) || !f.mul(&f.lowRem[q], &f.lowRem[q], k) || !f.setKey(q)) {
				return false
			}
		}
		if !f.mul(&f.shareN, &f.shareN, k) {
			return false
		}
		f.rekey()
	}
	if len(f.nextOf) < len(f.num)+len(f.best) {
		f.nextOf = make([]int32, 2*(len(f.num)+len(f.best)))
	}
	for _, gr := range f.best {
		have := f.num[gr.class]
		if f.cmp(&rho, &have) >= 0 {
			f.nextOf[gr.class] = 0
			continue
		}
		f.nextOf[gr.class] = int32(len(f.num))
		f.sub(&have, &have, &rho)
		f.num = append(f.num, have)
		f.key = append(f.key, shr64(&have, f.shift))
		f.members = append(f.members, 0)
	}
	mult := f.d.typeMult
	for _, t := range f.d.typeSupp[p] {
		old := f.class[t]
		nc := f.nextOf[old]
		f.members[old] -= mult[t]
		f.members[nc] += mult[t]
		f.class[t] = nc
	}
	f.selected[p] = true
	f.chosen = append(f.chosen, p)
	return true
}
