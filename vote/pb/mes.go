package pb

import (
	"cmp"
	"context"
	"fmt"
	"math/big"
	"slices"

	"github.com/shopspring/decimal"
)

// mesData is the fixed part of an MES count: supporters of each project
// and their utility weights.
type mesData struct {
	// ctx stops a run between two purchases; the caller checks ctx.Err()
	// before trusting any outcome.
	ctx      context.Context
	in       Instance
	cost     []*big.Rat
	supp     [][]int32 // supporters of each project
	weight   [][]int64 // their weights (nil when all are 1)
	perCost  bool      // cost utility: the price is divided by the cost
	votes    []int64
	tieBreak TieBreak
	costRank []int // project -> rank of its cost (equal costs, equal ranks)
	// The fast path (mes_fast.go): price factors, and whether it applies.
	em, ed     []uint64
	fast       bool
	costDen    *big.Int   // common denominator of the costs
	costScaled []*big.Int // cost * costDen
	costWide   []wide     // the same, fixed-width
	costLimbs  int        // words they need
	typeSupp   [][]int32  // project -> ballot types that approve it
	typeMult   []int32    // ballot type -> number of voters
}

func newMESData(r Rule, in Instance) *mesData {
	d := &mesData{ctx: context.Background(), in: in, perCost: r.Utility == "" || r.Utility == CostUtility, votes: votes(in)}
	d.tieBreak = r.TieBreak
	if d.tieBreak == "" {
		d.tieBreak = VotesThenCost
	}
	np := len(in.Projects)
	d.cost = make([]*big.Rat, np)
	for i, p := range in.Projects {
		d.cost[i] = p.Cost.Rat()
	}
	d.supp = make([][]int32, np)
	usePoints := r.Utility == PointsUtility
	if usePoints {
		d.weight = make([][]int64, np)
	}
	for v, b := range in.Ballots {
		for i, p := range b.Projects {
			if usePoints {
				w := int64(1)
				if b.Points != nil {
					w = b.Points[i]
				}
				if w == 0 {
					continue
				}
				d.weight[p] = append(d.weight[p], w)
			}
			d.supp[p] = append(d.supp[p], int32(v))
		}
	}
	byCost := make([]int, np)
	for p := range byCost {
		byCost[p] = p
	}
	costCmp := func(p, q int) int {
		if a, b := d.cost[p], d.cost[q]; a.IsInt() && b.IsInt() {
			return a.Num().Cmp(b.Num()) // no allocation
		}
		return d.cost[p].Cmp(d.cost[q])
	}
	slices.SortFunc(byCost, costCmp)
	d.costRank = make([]int, np)
	for i := 1; i < np; i++ {
		p, prev := byCost[i], byCost[i-1]
		d.costRank[p] = d.costRank[prev]
		if costCmp(p, prev) > 0 {
			d.costRank[p]++
		}
	}
	return d
}

func (d *mesData) w(p, k int) int64 {
	if d.weight == nil {
		return 1
	}
	return d.weight[p][k]
}

// mesRun is one MES pass with a given share per voter. Every amount of
// money is an exact fraction N/D over one common denominator D, which grows
// when a price needs it, so comparing budgets is comparing integers.
type mesRun struct {
	d        *mesData
	den      *big.Int   // D
	num      []*big.Int // class -> numerator of each member's budget
	members  []int      // class -> number of voters in it
	costN    []*big.Int // project -> numerator of its cost
	class    []int32    // voter -> class; class 0 is the empty budget
	selected []bool
	chosen   []int
	rounds   []Round
	total    *big.Rat
	// scratch
	count  []int64
	touch  []int32
	nextOf []int32
	lhs    big.Int
	rhs    big.Int
	t      big.Int
}

// group is a set of supporters with the same budget and weight.
type group struct {
	class int32
	w     int64
	n     int64
}

// offer is a project's price: each supporter pays rem/wsum per unit of
// weight (in units of 1/D), or all they have if that is less.
type offer struct {
	p         int
	rem, wsum *big.Int
	eff       frac // price per unit of utility, exact
	groups    []group
}

// price computes the offer of p, or nil if its supporters cannot pay it.
func (m *mesRun) price(p int) *offer {
	d := m.d
	var gs []group
	if d.weight == nil {
		m.touch = m.touch[:0]
		for _, v := range d.supp[p] {
			c := m.class[v]
			if m.count[c] == 0 {
				m.touch = append(m.touch, c)
			}
			m.count[c]++
		}
		gs = make([]group, len(m.touch))
		for i, c := range m.touch {
			gs[i] = group{class: c, w: 1, n: m.count[c]}
			m.count[c] = 0
		}
		slices.SortFunc(gs, func(a, b group) int {
			return cmp.Or(m.num[a.class].Cmp(m.num[b.class]), cmp.Compare(a.class, b.class))
		})
	} else {
		agg := map[[2]int64]int64{}
		for k, v := range d.supp[p] {
			agg[[2]int64{int64(m.class[v]), d.w(p, k)}]++
		}
		for key, n := range agg {
			gs = append(gs, group{class: int32(key[0]), w: key[1], n: n})
		}
		a, b := new(big.Int), new(big.Int)
		slices.SortFunc(gs, func(x, y group) int {
			a.Mul(m.num[x.class], big.NewInt(y.w))
			b.Mul(m.num[y.class], big.NewInt(x.w))
			return cmp.Or(a.Cmp(b), cmp.Compare(x.class, y.class), cmp.Compare(x.w, y.w))
		})
	}
	// W, the supporters' total weight, is a count under approval and cost
	// utilities but a sum of points (up to 2^63 each) under points
	// utilities: it is held in math/big.
	lhs, rhs, t := &m.lhs, &m.rhs, &m.t
	var W *big.Int
	if d.weight == nil {
		var n int64 // at most the number of voters
		for _, g := range gs {
			n += g.n
		}
		W = big.NewInt(n)
	} else {
		W = new(big.Int)
		for _, g := range gs {
			W.Add(W, t.Mul(lhs.SetInt64(g.n), rhs.SetInt64(g.w)))
		}
	}
	rem := new(big.Int).Set(m.costN[p])
	for i, g := range gs {
		// Everyone left can pay rem/W per unit of weight if group g can:
		// rem*w <= N*W.
		lhs.Mul(rem, t.SetInt64(g.w))
		rhs.Mul(m.num[g.class], W)
		if lhs.Cmp(rhs) <= 0 {
			o := &offer{p: p, rem: rem, wsum: W, groups: gs}
			o.eff = m.price1(p, rem, W)
			return o
		}
		rem.Sub(rem, t.Mul(m.num[g.class], t.SetInt64(g.n)))
		if d.weight == nil {
			W.Sub(W, t.SetInt64(g.n))
		} else {
			W.Sub(W, t.Mul(lhs.SetInt64(g.n), rhs.SetInt64(g.w)))
		}
		if rem.Sign() <= 0 && i == len(gs)-1 {
			// Exactly affordable: everyone pays all they have.
			o := &offer{p: p, rem: new(big.Int).Set(m.num[g.class]), wsum: big.NewInt(g.w), groups: gs}
			o.eff = m.price1(p, o.rem, o.wsum)
			return o
		}
	}
	return nil
}

// frac is a non-negative fraction kept unreduced: comparing two costs two
// multiplications and no GCD.
type frac struct{ num, den *big.Int }

func (a frac) cmp(b frac) int {
	var x, y big.Int
	return x.Mul(a.num, b.den).Cmp(y.Mul(b.num, a.den))
}

func (a frac) rat() *big.Rat { return new(big.Rat).SetFrac(a.num, a.den) }

// price1 returns the price per unit of utility when each supporter pays
// rem/W units of 1/D per unit of weight: rem/(W*D), divided by the cost
// under cost utilities.
func (m *mesRun) price1(p int, rem, W *big.Int) frac {
	den := new(big.Int).Mul(W, m.den)
	num := new(big.Int).Set(rem)
	if c := m.d.cost[p]; m.d.perCost && c.Sign() > 0 {
		num.Mul(num, c.Denom())
		den.Mul(den, c.Num())
	}
	return frac{num: num, den: den}
}

// better reports whether offer a beats b.
func (m *mesRun) better(a, b *offer) bool {
	if c := a.eff.cmp(b.eff); c != 0 {
		return c < 0
	}
	return m.d.tieLess(a.p, b.p)
}

// tieLess reports whether p beats q when their prices are equal.
func (d *mesData) tieLess(p, q int) bool {
	switch d.tieBreak {
	case VotesThenCost:
		if d.votes[p] != d.votes[q] {
			return d.votes[p] > d.votes[q]
		}
		if d.costRank[p] != d.costRank[q] {
			return d.costRank[p] < d.costRank[q]
		}
	case LowerCost:
		if d.costRank[p] != d.costRank[q] {
			return d.costRank[p] < d.costRank[q]
		}
	case CostThenVotes:
		if d.costRank[p] != d.costRank[q] {
			return d.costRank[p] < d.costRank[q]
		}
		if d.votes[p] != d.votes[q] {
			return d.votes[p] > d.votes[q]
		}
	}
	return p < q
}

// run performs MES with the given share per voter. With detail it records
// rounds with payments.
func (d *mesData) run(share *big.Rat, detail bool) *mesRun {
	nv := len(d.in.Ballots)
	np := len(d.in.Projects)
	m := &mesRun{d: d, class: make([]int32, nv), selected: make([]bool, np), total: new(big.Rat)}
	// D = lcm of the share's and the costs' denominators.
	m.den = new(big.Int).Set(share.Denom())
	for _, c := range d.cost {
		if !c.IsInt() {
			m.den = lcm(m.den, c.Denom())
		}
	}
	shareN := new(big.Int).Mul(share.Num(), new(big.Int).Quo(m.den, share.Denom()))
	m.num = []*big.Int{new(big.Int), shareN}
	m.members = []int{0, nv}
	for v := range m.class {
		m.class[v] = 1
	}
	m.costN = make([]*big.Int, np)
	for p, c := range d.cost {
		m.costN[p] = new(big.Int).Mul(c.Num(), new(big.Int).Quo(m.den, c.Denom()))
	}
	lower := make([]frac, np) // lower bound of each price (prices only rise)
	dead := make([]bool, np)  // unaffordable for good: budgets only shrink
	for p := range np {
		lower[p] = frac{num: new(big.Int), den: big.NewInt(1)}
		if len(d.supp[p]) == 0 {
			dead[p] = true
		}
	}
	cands := make([]int, 0, np)
	for p := range np {
		if !dead[p] {
			cands = append(cands, p)
		}
	}
	for {
		if cap(m.count) < len(m.num) {
			m.count = make([]int64, len(m.num), 2*len(m.num))
		}
		m.count = m.count[:len(m.num)]
		cands = slices.DeleteFunc(cands, func(p int) bool { return m.selected[p] || dead[p] })
		// Only the projects priced last round moved (up): insertion sort
		// of a nearly sorted list takes about one comparison per project.
		for i := 1; i < len(cands); i++ {
			for j := i; j > 0 && lower[cands[j-1]].cmp(lower[cands[j]]) > 0; j-- {
				cands[j-1], cands[j] = cands[j], cands[j-1]
			}
		}
		var best *offer
		for _, p := range cands {
			if best != nil && lower[p].cmp(best.eff) > 0 {
				break
			}
			o := m.price(p)
			if o == nil {
				dead[p] = true
				continue
			}
			lower[p] = o.eff
			if best == nil || m.better(o, best) {
				best = o
			}
		}
		if best == nil {
			return m
		}
		if d.ctx.Err() != nil {
			return m // abandoned: the caller sees ctx.Err()
		}
		m.buy(best, detail)
	}
}

// scan performs MES with the given share for the selection only: on the
// fast path with the buffers of f when it can, else in math/big.
func (d *mesData) scan(share *big.Rat, f *fastRun) *mesRun {
	if d.fast {
		if m := d.runFast(share, f); m != nil {
			return m
		}
	}
	return d.run(share, false)
}

func lcm(a, b *big.Int) *big.Int {
	g := new(big.Int).GCD(nil, nil, a, b)
	return new(big.Int).Mul(a, new(big.Int).Quo(b, g))
}

// buy charges the supporters of o.p and records the round.
func (m *mesRun) buy(o *offer, detail bool) {
	d, p := m.d, o.p
	// Rescale so that the price per weight unit rem/W is an integer.
	g := new(big.Int).GCD(nil, nil, o.rem, o.wsum)
	f := new(big.Int).Quo(o.wsum, g)
	rho := new(big.Int).Quo(o.rem, g)
	if f.Cmp(big.NewInt(1)) != 0 {
		m.den.Mul(m.den, f)
		for c, n := range m.num {
			if m.members[c] > 0 {
				n.Mul(n, f)
			}
		}
		for q, n := range m.costN {
			if !m.selected[q] {
				n.Mul(n, f)
			}
		}
	}
	type key struct {
		class int32
		w     int64
	}
	next := make(map[key]int32, len(o.groups))
	pays := make(map[key]*big.Int, len(o.groups))
	for _, gr := range o.groups {
		k := key{gr.class, gr.w}
		pay := new(big.Int).Mul(rho, big.NewInt(gr.w))
		have := m.num[gr.class]
		if pay.Cmp(have) >= 0 {
			pay.Set(have)
			next[k] = 0
		} else {
			next[k] = int32(len(m.num))
			m.num = append(m.num, new(big.Int).Sub(have, pay))
			m.members = append(m.members, 0)
		}
		pays[k] = pay
	}
	if d.weight == nil {
		// Approval weights: one new class per old class, looked up by slice.
		if cap(m.nextOf) < len(m.num) {
			m.nextOf = make([]int32, len(m.num))
		}
		m.nextOf = m.nextOf[:len(m.num)]
		for k, c := range next {
			m.nextOf[k.class] = c
		}
		for _, v := range d.supp[p] {
			old := m.class[v]
			nc := m.nextOf[old]
			m.members[old]--
			m.members[nc]++
			m.class[v] = nc
		}
	} else {
		for k, v := range d.supp[p] {
			old := m.class[v]
			nc := next[key{old, d.w(p, k)}]
			m.members[old]--
			m.members[nc]++
			m.class[v] = nc
		}
	}
	m.selected[p] = true
	m.chosen = append(m.chosen, p)
	m.total.Add(m.total, d.cost[p])
	if !detail {
		return
	}
	pr := d.in.Projects[p]
	rd := Round{Number: len(m.rounds) + 1, Project: pr.ID, Phase: "mes", Cost: pr.Cost, Selected: true,
		Score: decimal.NewFromInt(d.votes[p]), Rho: o.eff.rat().RatString()}
	agg := map[[2]string]int{}
	for _, gr := range o.groups {
		k := key{gr.class, gr.w}
		paid := new(big.Rat).SetFrac(pays[k], m.den)
		left := new(big.Rat).SetFrac(m.num[next[k]], m.den)
		agg[[2]string{paid.RatString(), left.RatString()}] += int(gr.n)
	}
	for k, n := range agg {
		rd.Payments = append(rd.Payments, Payment{Voters: n, Paid: k[0], Left: k[1]})
	}
	slices.SortFunc(rd.Payments, func(a, b Payment) int {
		return cmp.Or(cmp.Compare(b.Voters, a.Voters), cmp.Compare(a.Paid, b.Paid), cmp.Compare(a.Left, b.Left))
	})
	rd.Reason = fmt.Sprintf("lowest price per unit of utility (%s); %d supporters share the cost", o.eff.rat().FloatString(6), len(d.supp[p]))
	m.rounds = append(m.rounds, rd)
}

func countMES(ctx context.Context, r Rule, in Instance, budget decimal.Decimal) (Result, error) {
	d := newMESData(r, in)
	d.ctx = ctx
	res := Result{Method: EqualShares, Budget: budget, Winners: []string{}, Rounds: []Round{}, Voters: len(in.Ballots)}
	if len(in.Ballots) == 0 {
		return res, nil
	}
	n := new(big.Rat).SetInt64(int64(len(in.Ballots)))
	share := new(big.Rat).Quo(budget.Rat(), n)
	B := budget.Rat()
	add1 := r.Completion == Add1 || r.Completion == Add1Utilitarian
	var m *mesRun
	if !add1 {
		m = d.run(share, true)
	}
	steps := 0
	if add1 {
		a := newAdd1(d, r, share, B)
		// Only the run that is kept is recorded in detail (payments).
		var err error
		if steps, err = a.search(ctx, d.scan(share, &a.scratch[0])); err != nil {
			return Result{}, err
		}
		if steps > 0 {
			share = a.shareAt(steps)
		}
		res.Search = a.r.Search
		if res.Search == "" {
			res.Search = Linear
		}
		m = d.run(share, true)
	}
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	if m.rounds != nil {
		res.Rounds = m.rounds
	}
	res.Steps = steps
	res.Share = share.RatString()
	res.Budgets = m.budgets()
	left := budget
	for i, p := range m.chosen {
		pr := in.Projects[p]
		left = left.Sub(pr.Cost)
		res.Rounds[i].Left = left
		res.Winners = append(res.Winners, pr.ID)
		res.Cost = res.Cost.Add(pr.Cost)
	}
	if r.Completion == Utilitarian || r.Completion == Add1Utilitarian {
		var rest []int
		for p := range in.Projects {
			if !m.selected[p] {
				rest = append(rest, p)
			}
		}
		fill(&res, in, rest, wide128(d.votes), d.votes, d.tieBreak, left, "completion", fillOpts{})
	}
	return res, nil
}

// budgets groups the voters by the money they have left.
func (m *mesRun) budgets() []VoterBudget {
	at := map[int32]int{} // class -> group
	byLeft := map[string]int{}
	var out []VoterBudget
	for v, c := range m.class {
		g, ok := at[c]
		if !ok {
			left := new(big.Rat).SetFrac(m.num[c], m.den).RatString()
			if g, ok = byLeft[left]; !ok {
				g = len(out)
				byLeft[left] = g
				out = append(out, VoterBudget{Left: left})
			}
			at[c] = g
		}
		out[g].Voters = append(out[g].Voters, m.d.in.Ballots[v].Voter)
	}
	return out
}

// complete reports whether m bought every project that has supporters.
func (d *mesData) complete(m *mesRun) bool {
	for p := range d.in.Projects {
		if !m.selected[p] && len(d.supp[p]) > 0 {
			return false
		}
	}
	return true
}

// exhaustive reports whether no unselected project fits in what m leaves
// of the real budget B.
func (d *mesData) exhaustive(m *mesRun, B *big.Rat) bool {
	left := new(big.Rat).Sub(B, m.total)
	for p := range d.in.Projects {
		if !m.selected[p] && d.cost[p].Cmp(left) <= 0 {
			return false
		}
	}
	return true
}
