package project

import (
	"cmp"
	"fmt"
	"hash/maphash"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// Sharing is the explained result of Split: who pays what, and why.
type Sharing struct {
	Rule SharingRule     `json:"rule"`
	Cost decimal.Decimal `json:"cost"`
	// Shares lists every household in input order. The amounts do not
	// depend on that order.
	Shares []Share `json:"shares"`
	// Leftover is the number of fen handed out one by one by the
	// largest-remainder rule after every share was rounded down.
	Leftover int64 `json:"leftover"`
	// Steps records the computation for people: totals, caps applied,
	// how the leftover fen were placed.
	Steps []string `json:"steps"`
}

// Share is one household's line of a Sharing.
type Share struct {
	Household HouseholdID `json:"household"`
	Floor     int         `json:"floor,omitempty"`
	// Weight is the household's basis: 1 for equal shares, the area, the
	// floor coefficient, or coefficient × area; 0 when exempt. Under a mix
	// it is 0 and PartWeights holds the basis under each part.
	Weight      decimal.Decimal   `json:"weight"`
	PartWeights []decimal.Decimal `json:"part_weights,omitempty"`
	// Amount is what the household pays, in yuan, to the fen.
	Amount decimal.Decimal `json:"amount"`
	// Exempt is the reason the household pays nothing, if it is exempt.
	Exempt string `json:"exempt,omitempty"`
	// Capped is true when the household pays its cap.
	Capped bool `json:"capped,omitempty"`
	// RoundedUp is true when the household received one of the leftover
	// fen of the largest-remainder rule.
	RoundedUp bool `json:"rounded_up,omitempty"`
}

// Share returns the line of household id. It scans the shares; index
// them yourself for many lookups.
func (s Sharing) Share(id HouseholdID) (Share, bool) {
	for _, sh := range s.Shares {
		if sh.Household == id {
			return sh, true
		}
	}
	return Share{}, false
}

// Total returns the sum of all shares; it always equals Cost.
func (s Sharing) Total() decimal.Decimal {
	var fen int64
	for _, sh := range s.Shares {
		fen += Fen(sh.Amount)
	}
	return Yuan(fen)
}

// Explain renders the sharing as a bill, one line per household.
func (s Sharing) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "cost %s by %s", s.Cost.StringFixed(2), s.Rule.Method.orDefault())
	if s.Rule.Source != "" {
		fmt.Fprintf(&b, " (%s)", s.Rule.Source)
	}
	b.WriteString("\n")
	for _, st := range s.Steps {
		fmt.Fprintf(&b, "  %s\n", st)
	}
	for _, sh := range s.Shares {
		ws := []string{sh.Weight.String()}
		if len(sh.PartWeights) > 0 {
			ws = ws[:0]
			for _, w := range sh.PartWeights {
				ws = append(ws, w.String())
			}
		}
		fmt.Fprintf(&b, "  %-10s floor %2d  weight %-12s %12s", sh.Household, sh.Floor, strings.Join(ws, "+"), sh.Amount.StringFixed(2))
		switch {
		case sh.Exempt != "":
			fmt.Fprintf(&b, "  exempt: %s", sh.Exempt)
		case sh.Capped:
			b.WriteString("  capped")
		case sh.RoundedUp:
			b.WriteString("  +1 fen")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// Split divides cost (yuan, a whole number of fen) among households by
// rule and returns each household's amount to the fen.
//
// # Exact computation
//
// Each household gets a weight under each part of the rule (see Method).
// Exempt households (Household.Exempt, or a floor in ExemptFloors) weigh
// nothing. The exact share of household i is
//
//	cost × Σ_k (m_k / M) × w_ik / W_k
//
// where m_k is the weight of part k, M their sum, w_ik the household's
// weight in part k and W_k the part's total. All of this is computed with
// integers, so no share is ever off by floating-point error.
//
// # Caps
//
// A household whose exact share exceeds its cap (the lower of the rule's
// and its own) pays the cap, and the excess is shared among the others in
// proportion to their combined weights; this repeats until nobody is over
// a cap. If caps and exemptions leave cost uncovered, Split returns an
// error wrapping ErrUncoverable.
//
// # Rounding (largest remainder)
//
// Every household first gets its exact share rounded down to the fen. The
// fen still missing (fewer than the number of payers) go one each to the
// households with the largest discarded remainders; equal remainders are
// broken by ascending household id. Hence the shares sum exactly to cost,
// nobody is more than one fen from the exact share, no capped household
// goes over its cap, and the result does not depend on the order of
// households. A household with a strictly larger weight never pays less.
//
// Invalid rules, costs or households return a *ConfigError or *InputError.
func Split(rule SharingRule, cost decimal.Decimal, households []Household) (Sharing, error) {
	if err := rule.Validate(); err != nil {
		return Sharing{}, err
	}
	if err := checkPrecision(cost); err != nil {
		return Sharing{}, &InputError{Field: "cost", Reason: err.Error()}
	}
	if cost.IsNegative() || !isFen(cost) {
		return Sharing{}, &InputError{Field: "cost", Reason: fmt.Sprintf("must be a non-negative whole number of fen, got %s", cost)}
	}
	hs := households
	for _, h := range hs {
		if err := checkHousehold(h); err != nil {
			return Sharing{}, err
		}
	}
	if err := checkUnique(hs); err != nil {
		return Sharing{}, err
	}
	parts := []Part{{Weight: decimal.NewFromInt(1), Rule: rule}}
	if rule.Method.orDefault() == MixedShare {
		parts = rule.Parts
	}
	exemptFloor := make(map[int]string, len(rule.ExemptFloors)) // floor → reason
	for _, f := range rule.ExemptFloors {
		exemptFloor[f] = fmt.Sprintf("floor %d is exempt", f)
	}
	n := len(hs)
	exempt := make([]bool, n)
	for i, h := range hs {
		exempt[i] = h.Exempt != "" || exemptFloor[h.Floor] != ""
	}
	mixed := len(parts) > 1
	// Integer weights per part, then combined.
	partWS := make([][]decimal.Decimal, len(parts))
	partInts := make([]weights, len(parts))
	partTotals := make([]*big.Int, len(parts))
	for k, p := range parts {
		ws, err := partWeights(p.Rule, hs, exempt)
		if err != nil {
			return Sharing{}, err
		}
		partWS[k] = ws
		partInts[k] = scaleInts(ws, mixed)
		partTotals[k] = partInts[k].total()
	}
	c := partInts[0]
	if mixed {
		c = combine(parts, partInts, partTotals)
	}
	costFen := Fen(cost)
	amounts, capped, leftover, steps, err := apportion(costFen, c, capsFen(rule, hs), hs)
	if err != nil {
		return Sharing{}, err
	}
	// One pass over the result: each line is written once.
	res := Sharing{Rule: rule, Cost: cost, Shares: make([]Share, n)}
	var flat []decimal.Decimal // every household's part weights, in one block
	if mixed {
		flat = make([]decimal.Decimal, n*len(parts))
	}
	decs := amountDecimals(amounts)
	for i, h := range hs {
		sh := Share{
			Household: h.ID,
			Floor:     h.Floor,
			Amount:    decs.at(amounts[i]),
			Exempt:    h.Exempt,
			Capped:    capped[i] == capHit,
			RoundedUp: capped[i] == roundedUp,
		}
		if sh.Exempt == "" && exempt[i] {
			sh.Exempt = exemptFloor[h.Floor]
		}
		if mixed {
			pw := flat[i*len(parts) : (i+1)*len(parts) : (i+1)*len(parts)]
			for k := range parts {
				pw[k] = partWS[k][i]
			}
			sh.PartWeights = pw
		} else {
			sh.Weight = partWS[0][i]
		}
		res.Shares[i] = sh
	}
	res.Leftover = leftover
	res.Steps = append(partSteps(parts, partTotals), steps...)
	return res, nil
}

// checkUnique rejects a repeated household id. Households listed in
// strictly ascending id order (as a register lists them) are unique
// without hashing.
func checkUnique(hs []Household) error {
	sorted := true
	for i := 1; i < len(hs); i++ {
		if hs[i-1].ID >= hs[i].ID {
			sorted = false
			break
		}
	}
	if sorted {
		return nil
	}
	if len(hs) >= math.MaxInt32/2 {
		return checkUniqueMap(hs)
	}
	// An open-addressing set of indices into hs (index+1, 0 = empty), at
	// most half full: cheaper than a map[HouseholdID] as it stores no
	// keys and needs no rehashing. The seed only spreads the ids; the
	// result does not depend on it.
	size := 1
	for size < 2*len(hs) {
		size <<= 1
	}
	table := make([]int32, size)
	mask := uint64(size - 1)
	seed := maphash.MakeSeed()
	for i, h := range hs {
		for p := maphash.String(seed, string(h.ID)) & mask; ; p = (p + 1) & mask {
			j := table[p]
			if j == 0 {
				table[p] = int32(i + 1)
				break
			}
			if hs[j-1].ID == h.ID {
				return duplicateError(h.ID)
			}
		}
	}
	return nil
}

func checkUniqueMap(hs []Household) error {
	seen := make(map[HouseholdID]struct{}, len(hs))
	for _, h := range hs {
		n := len(seen)
		if seen[h.ID] = struct{}{}; len(seen) == n { // one map operation, not two
			return duplicateError(h.ID)
		}
	}
	return nil
}

func duplicateError(id HouseholdID) error {
	return &InputError{ID: string(id), Field: "id", Reason: "duplicate household"}
}

// decimals holds the decimal value of each distinct amount, so that homes
// paying the same share one immutable decimal rather than allocating one
// each: densely over the range of amounts when it is narrow, else in a
// map of bounded size.
type decimals struct {
	min   int64
	dense []decimal.Decimal
	cache map[int64]decimal.Decimal
}

func amountDecimals(amounts []int64) *decimals {
	d := &decimals{}
	if len(amounts) == 0 {
		return d
	}
	lo, hi := amounts[0], amounts[0]
	for _, a := range amounts[1:] {
		lo, hi = min(lo, a), max(hi, a)
	}
	if span := uint64(hi - lo); span < uint64(len(amounts)) {
		d.min, d.dense = lo, make([]decimal.Decimal, span+1)
		return d
	}
	d.cache = make(map[int64]decimal.Decimal, 64)
	return d
}

func (d *decimals) at(fen int64) decimal.Decimal {
	if d.dense != nil {
		p := &d.dense[fen-d.min]
		if *p == (decimal.Decimal{}) { // Yuan never returns the zero struct
			*p = Yuan(fen)
		}
		return *p
	}
	a, ok := d.cache[fen]
	if !ok {
		a = Yuan(fen)
		if len(d.cache) < 1<<15 {
			d.cache[fen] = a
		}
	}
	return a
}

func checkHousehold(h Household) error {
	id := string(h.ID)
	if h.ID == "" {
		return &InputError{Field: "id", Reason: "empty household id"}
	}
	if err := checkPrecision(h.Area); err != nil {
		return &InputError{ID: id, Field: "area", Reason: err.Error()}
	}
	if h.Area.IsNegative() {
		return &InputError{ID: id, Field: "area", Reason: "must not be negative"}
	}
	if h.Cap != nil {
		if err := checkPrecision(*h.Cap); err != nil {
			return &InputError{ID: id, Field: "cap", Reason: err.Error()}
		}
		if h.Cap.IsNegative() || !isFen(*h.Cap) {
			return &InputError{ID: id, Field: "cap", Reason: "must be a non-negative whole number of fen"}
		}
	}
	return nil
}

var one = decimal.NewFromInt(1)

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

var ten = big.NewInt(10)

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

const (
	noMark = iota
	capHit
	roundedUp
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
