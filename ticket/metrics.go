package ticket

import (
	"fmt"
	"iter"
	"math/big"
	"sort"
	"time"

	"github.com/gongzhi/gongzhi/grid"
	"github.com/shopspring/decimal"
)

// Fact is what the metrics need from one ticket: a compact, flat record
// (FactOf derives it) so that tens of millions can be streamed.
type Fact struct {
	Ticket   ID         `json:"ticket"`
	Channel  Channel    `json:"channel"`
	Category CategoryID `json:"category"`
	Node     grid.ID    `json:"node,omitempty"` // the ticket's location
	Unit     UnitID     `json:"unit,omitempty"` // the lead unit ("" if never dispatched)
	Level    Level      `json:"level,omitempty"`
	At       time.Time  `json:"at"` // received
	// Dispatched: the ticket went to a unit and was not merged away
	// (disposed and merged tickets do not count towards the three rates).
	Dispatched bool `json:"dispatched"`
	// Responded: the requester was contacted (first contact, or acceptance
	// when no first-contact limit runs) within the limit.
	Responded bool `json:"responded"`
	// Resolved: the unit reported a resolution; ResolvedLevel is its level.
	Resolved      bool  `json:"resolved"`
	ResolvedLevel Level `json:"resolved_level,omitempty"`
	// Rated: the callback recorded a rating; Solved and Satisfaction are its
	// content.
	Rated        bool         `json:"rated"`
	Solved       bool         `json:"solved"`
	Satisfaction Satisfaction `json:"satisfaction,omitempty"`
	// Overdue: not resolved, not rated, and its resolution time limit had
	// expired at the instant the fact was taken. Its callback was due (art.
	// 23); by default it counts in the resolution and satisfaction
	// denominators as neither solved nor satisfied.
	Overdue bool `json:"overdue,omitempty"`
}

// FactOf derives the metric fact of t as of its last event (t.Updated).
// Use FactAt for the standing at another instant: a ticket left untouched
// after its limit expired is Overdue only in a fact taken after expiry.
func FactOf(t Ticket) Fact { return FactAt(t, t.Updated) }

// FactAt derives the metric fact of t as of now. The response rule: if a
// first-contact clock ran, the first contact must have met it; else if a
// response clock ran, acceptance must have met it; else any contact or
// acceptance counts.
func FactAt(t Ticket, now time.Time) Fact {
	f := Fact{Ticket: t.ID, Channel: t.Channel, Category: t.Category, Node: t.Location, Unit: t.Lead.ID,
		Level: t.Lead.Level, At: t.ReceivedAt, Dispatched: t.Dispatches > 0 && t.State != Merged}
	if fc, ok := t.Clock(FirstContactClock); ok {
		f.Responded = !t.FirstContactAt.IsZero() && fc.Phase(t.FirstContactAt) == Met
	} else if rc, ok := t.Clock(ResponseClock); ok {
		f.Responded = !t.AcceptedAt.IsZero() && rc.Phase(t.AcceptedAt) == Met
	} else {
		f.Responded = !t.FirstContactAt.IsZero() || !t.AcceptedAt.IsZero()
	}
	if !t.ResolvedAt.IsZero() {
		f.Resolved, f.ResolvedLevel = true, t.ResolvedBy.Level
	}
	if t.Rating != nil {
		f.Rated, f.Solved, f.Satisfaction = true, t.Rating.Solved, t.Rating.Satisfaction
	}
	f.Overdue = f.Dispatched && !f.Resolved && !f.Rated && t.expired(now)
	return f
}

// levelIndex returns the index of l in Levels(), or -1.
func levelIndex(l Level) int {
	switch l {
	case BuildingLevel:
		return 0
	case GridLevel:
		return 1
	case CommunityLevel:
		return 2
	case SubdistrictLevel:
		return 3
	case DistrictLevel:
		return 4
	case DepartmentLevel:
		return 5
	}
	return -1
}

// Tally holds the counts behind the three rates. Tallies add: the tally of
// a set of tickets is the sum of the tallies of any partition of it.
type Tally struct {
	Tickets    int64 `json:"tickets"`
	Dispatched int64 `json:"dispatched"`
	Responded  int64 `json:"responded"`
	Resolved   int64 `json:"resolved"`
	Rated      int64 `json:"rated"`
	Solved     int64 `json:"solved"`
	Satisfied  int64 `json:"satisfied"`
	Basic      int64 `json:"basic_satisfied"`
	// Overdue counts dispatched tickets neither resolved nor rated whose
	// resolution limit had expired (Fact.Overdue).
	Overdue int64 `json:"overdue"`
	// ByLevel counts resolved tickets by the level that resolved them, in
	// the order of Levels().
	ByLevel [6]int64 `json:"by_level"`
}

// Add counts one fact.
func (a *Tally) Add(f *Fact) {
	a.Tickets++
	if !f.Dispatched {
		return
	}
	a.Dispatched++
	if f.Responded {
		a.Responded++
	}
	if f.Resolved {
		a.Resolved++
		if i := levelIndex(f.ResolvedLevel); i >= 0 {
			a.ByLevel[i]++
		}
	}
	if f.Overdue && !f.Rated && !f.Resolved {
		a.Overdue++
	}
	if f.Rated {
		a.Rated++
		if f.Solved {
			a.Solved++
		}
		switch f.Satisfaction {
		case Satisfied:
			a.Satisfied++
		case BasicSatisfied:
			a.Basic++
		}
	}
}

// Merge adds b into a.
func (a *Tally) Merge(b *Tally) {
	a.Tickets += b.Tickets
	a.Dispatched += b.Dispatched
	a.Responded += b.Responded
	a.Resolved += b.Resolved
	a.Rated += b.Rated
	a.Solved += b.Solved
	a.Satisfied += b.Satisfied
	a.Basic += b.Basic
	a.Overdue += b.Overdue
	for i := range a.ByLevel {
		a.ByLevel[i] += b.ByLevel[i]
	}
}

// Weights are the weights of the three rates in a composite score. Any
// non-negative integers with a positive sum; the score is
// (wR*response + wS*resolution + wT*satisfaction) / (wR + wS + wT).
type Weights struct {
	Name   string `json:"name"`
	Source string `json:"source"`
	// StrictSatisfaction counts only "satisfied" (满意) as satisfied. By
	// default "basically satisfied" (基本满意) counts too, a common practice
	// that no text found for Beijing states: the scorecard labels it.
	StrictSatisfaction bool `json:"strict_satisfaction,omitempty"`
	// RatedOnly selects the old definition of the resolution and
	// satisfaction rates: only tickets called back count. By default
	// overdue tickets that were never rated (Tally.Overdue) count too, as
	// neither solved nor satisfied, so that a unit that leaves tickets
	// unresolved past their limit is not rated on its resolved ones alone.
	RatedOnly    bool  `json:"rated_only,omitempty"`
	Response     int64 `json:"response"`
	Resolution   int64 `json:"resolution"`
	Satisfaction int64 `json:"satisfaction"`
}

// Validate checks the weights.
func (w Weights) Validate() error {
	switch {
	case w.Response < 0:
		return &ConfigError{Field: "response", Reason: "negative"}
	case w.Resolution < 0:
		return &ConfigError{Field: "resolution", Reason: "negative"}
	case w.Satisfaction < 0:
		return &ConfigError{Field: "satisfaction", Reason: "negative"}
	case w.Response > 1_000_000 || w.Resolution > 1_000_000 || w.Satisfaction > 1_000_000:
		return &ConfigError{Field: "weights", Reason: "each at most 1000000"}
	case w.Response+w.Resolution+w.Satisfaction == 0:
		return &ConfigError{Field: "weights", Reason: "all zero"}
	}
	return nil
}

// definition labels the formulas Score applies under w.
func (w Weights) definition() Definition {
	d := Definition{
		Response: "requester contacted (or ticket accepted) within its limit / dispatched",
		Source: "working definitions, not the regulation's text: 北京市接诉即办工作条例 art. 32 names the three rates " +
			"but gives no formulas",
	}
	base := "(called back + overdue never called back)"
	if w.RatedOnly {
		base = "called back (old definition: overdue tickets never called back are left out)"
	}
	d.Resolution = "called back and solved / " + base
	if w.StrictSatisfaction {
		d.Satisfaction = "satisfied (满意) / " + base
	} else {
		d.Satisfaction = "satisfied or basically satisfied (满意+基本满意; counting 基本满意 is unsourced practice) / " + base
	}
	return d
}

// Jungar weighs response 30%, resolution 35% and satisfaction 35%. The
// Beijing regulation (art. 32) centres assessment on the three rates but
// publishes no weights; these are the ones found in a published county
// scheme, used here as a named example.
//
// Source: 准格尔旗 (Jungar Banner, Inner Mongolia) 12345 assessment scheme,
// as reported on caprane.cn (secondary source).
func Jungar() Weights {
	return Weights{Name: "jungar-30-35-35", Source: "准格尔旗 12345 考核 (secondary report)",
		Response: 30, Resolution: 35, Satisfaction: 35}
}

// EqualThirds weighs the three rates equally: the neutral choice when no
// official weights exist (北京市接诉即办工作条例 art. 32 names the rates,
// not their weights).
func EqualThirds() Weights {
	return Weights{Name: "equal-thirds", Source: "北京市接诉即办工作条例 art. 32 (no weights given)",
		Response: 1, Resolution: 1, Satisfaction: 1}
}

// Definition labels how a scorecard's rates were computed. Art. 32 of the
// Beijing regulation names the three rates (响应率, 解决率, 满意率) but gives
// no formulas: the formulas are this package's working definitions (the
// commonly used ones), not the regulation's text.
type Definition struct {
	Response     string `json:"response"`
	Resolution   string `json:"resolution"`
	Satisfaction string `json:"satisfaction"`
	// Source says where the definitions come from.
	Source string `json:"source"`
}

// Scorecard is the three rates of a tally and their composite.
type Scorecard struct {
	Tickets      int64 `json:"tickets"`
	Response     Rate  `json:"response"`     // responded / dispatched
	Resolution   Rate  `json:"resolution"`   // solved / (rated + overdue); solved / rated under RatedOnly
	Satisfaction Rate  `json:"satisfaction"` // satisfied / (rated + overdue); satisfied / rated under RatedOnly
	// Definition labels the formulas used; RatedOnly marks the old
	// resolution and satisfaction base (Weights.RatedOnly).
	Definition Definition `json:"definition"`
	RatedOnly  bool       `json:"rated_only,omitempty"`
	// Composite is the weighted score in percent, rounded to 4 places; an
	// undefined rate is left out and the other weights renormalised.
	// CompositeExact gives the exact value.
	Composite decimal.Decimal `json:"composite"`
	Weights   string          `json:"weights"`
	// ResolvedAt is the share of resolved tickets resolved at each level,
	// in the order of Levels() (levels with none are omitted).
	ResolvedAt map[Level]Rate `json:"resolved_at,omitempty"`
	// Exact is the composite as an exact fraction of 1 ("193/200"), empty
	// when no rate is defined.
	Exact string `json:"composite_exact,omitempty"`
}

// Score returns the scorecard of a with weights w.
func (a Tally) Score(w Weights) Scorecard {
	base := a.Rated + a.Overdue
	if w.RatedOnly {
		base = a.Rated
	}
	s := Scorecard{Tickets: a.Tickets, Weights: w.Name,
		Response:   Rate{a.Responded, a.Dispatched},
		Resolution: Rate{a.Solved, base},
		Definition: w.definition(),
		RatedOnly:  w.RatedOnly,
	}
	sat := a.Satisfied
	if !w.StrictSatisfaction {
		sat += a.Basic
	}
	s.Satisfaction = Rate{sat, base}
	sum, wsum := new(big.Rat), int64(0)
	for _, p := range []struct {
		r Rate
		w int64
	}{{s.Response, w.Response}, {s.Resolution, w.Resolution}, {s.Satisfaction, w.Satisfaction}} {
		if !p.r.Defined() || p.w == 0 {
			continue
		}
		sum.Add(sum, new(big.Rat).Mul(p.r.Rat(), new(big.Rat).SetInt64(p.w)))
		wsum += p.w
	}
	if wsum > 0 {
		sum.Quo(sum, new(big.Rat).SetInt64(wsum))
		s.Exact = sum.RatString()
		num := decimal.NewFromBigInt(new(big.Int).Mul(sum.Num(), big.NewInt(100)), 0)
		s.Composite = num.DivRound(decimal.NewFromBigInt(sum.Denom(), 0), 4)
	}
	if a.Resolved > 0 {
		s.ResolvedAt = map[Level]Rate{}
		for i, l := range Levels() {
			if a.ByLevel[i] > 0 {
				s.ResolvedAt[l] = Rate{a.ByLevel[i], a.Resolved}
			}
		}
	}
	return s
}

// CompositeExact returns the exact composite as a fraction of 1 (nil when
// no rate is defined).
func (s Scorecard) CompositeExact() *big.Rat {
	r, ok := new(big.Rat).SetString(s.Exact)
	if !ok {
		return nil
	}
	return r
}

// Explain renders the scorecard for people.
func (s Scorecard) Explain() string {
	out := fmt.Sprintf("tickets %d; response %s; resolution %s; satisfaction %s; composite %s (%s)",
		s.Tickets, s.Response, s.Resolution, s.Satisfaction, s.Composite.StringFixed(2), s.Weights)
	if s.RatedOnly {
		out += " [rated-only rates]"
	}
	for _, l := range Levels() {
		if r, ok := s.ResolvedAt[l]; ok {
			out += fmt.Sprintf("; %s %s", l, r)
		}
	}
	return out
}

// TallyBy groups facts by key and tallies each group.
func TallyBy[K comparable](facts iter.Seq[Fact], key func(*Fact) K) map[K]*Tally {
	out := map[K]*Tally{}
	for f := range facts {
		k := key(&f)
		a := out[k]
		if a == nil {
			a = new(Tally)
			out[k] = a
		}
		a.Add(&f)
	}
	return out
}

// ByUnit tallies facts per lead unit.
func ByUnit(facts iter.Seq[Fact]) map[UnitID]*Tally {
	return TallyBy(facts, func(f *Fact) UnitID { return f.Unit })
}

// Granularity is the length of a metric period.
type Granularity string

// Period lengths.
const (
	Daily   Granularity = "day"
	Monthly Granularity = "month"
	Yearly  Granularity = "year"
)

// PeriodKey returns the period of t in loc as "2024", "2024-03" or
// "2024-03-05". A nil loc means UTC.
func PeriodKey(t time.Time, g Granularity, loc *time.Location) string {
	if loc != nil {
		t = t.In(loc)
	}
	switch g {
	case Yearly:
		return t.Format("2006")
	case Daily:
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01")
}

// ByPeriod tallies facts per period of receipt.
func ByPeriod(facts iter.Seq[Fact], g Granularity, loc *time.Location) map[string]*Tally {
	return TallyBy(facts, func(f *Fact) string { return PeriodKey(f.At, g, loc) })
}

// RollUp tallies facts per location and rolls the tallies up the grid: the
// tally of a node covers its whole subtree in places (the grid at one
// instant). Facts without a
// location are counted under the empty ID only. A parent lookup that
// fails (a node unknown to places) makes the node a root of the roll-up.
//
// It calls places.Parent once per distinct node, so a million-node grid
// costs a million lookups however many facts there are.
func RollUp(facts iter.Seq[Fact], places Places) map[grid.ID]*Tally {
	own := TallyBy(facts, func(f *Fact) grid.ID { return f.Node })
	type info struct {
		parent grid.ID
		depth  int
	}
	infos := make(map[grid.ID]*info, len(own)*2)
	var walk func(id grid.ID) *info
	walk = func(id grid.ID) *info {
		if in, ok := infos[id]; ok {
			return in
		}
		in := &info{depth: 0}
		infos[id] = in // guards against cycles in a faulty Places
		if id != "" && places != nil {
			if p, ok := places.Parent(id); ok && p != "" {
				in.parent = p
				in.depth = walk(p).depth + 1
			}
		}
		return in
	}
	out := make(map[grid.ID]*Tally, len(own)*2)
	for id, a := range own {
		walk(id)
		c := *a
		out[id] = &c
	}
	// Add every node's subtree total to its parent, deepest first.
	byDepth := map[int][]grid.ID{}
	maxDepth := 0
	for id, in := range infos {
		byDepth[in.depth] = append(byDepth[in.depth], id)
		maxDepth = max(maxDepth, in.depth)
	}
	for d := maxDepth; d > 0; d-- {
		ids := byDepth[d]
		sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] }) // deterministic
		for _, id := range ids {
			a := out[id]
			if a == nil {
				continue
			}
			p := infos[id].parent
			pa := out[p]
			if pa == nil {
				pa = new(Tally)
				out[p] = pa
			}
			pa.Merge(a)
		}
	}
	return out
}

// Point is the volume of one period and channel.
type Point struct {
	Period  string  `json:"period"`
	Channel Channel `json:"channel"`
	Count   int64   `json:"count"`
}

// Volume counts tickets per period and channel, sorted by period then
// channel order (the volume trend reported by 天宫院中里社区, Daxing: hotline
// tickets falling from 490 to 196 as building codes took over).
func Volume(facts iter.Seq[Fact], g Granularity, loc *time.Location) []Point {
	type key struct {
		p string
		c Channel
	}
	counts := map[key]int64{}
	for f := range facts {
		counts[key{PeriodKey(f.At, g, loc), f.Channel}]++
	}
	order := map[Channel]int{}
	for i, c := range Channels() {
		order[c] = i
	}
	out := make([]Point, 0, len(counts))
	for k, n := range counts {
		out = append(out, Point{Period: k.p, Channel: k.c, Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Period != out[j].Period {
			return out[i].Period < out[j].Period
		}
		return order[out[i].Channel] < order[out[j].Channel]
	})
	return out
}

// Change is the relative change from one count to another as an exact
// rate, (to - from) / from: 490 -> 196 gives -294/490 (-60%). Undefined
// when from is 0.
func Change(from, to int64) Rate {
	if from == 0 {
		return Rate{}
	}
	return Rate{Num: to - from, Den: from}
}

// Facts adapts a slice of tickets to the fact stream the metrics read.
func Facts(ts []Ticket) iter.Seq[Fact] {
	return func(yield func(Fact) bool) {
		for i := range ts {
			if !yield(FactOf(ts[i])) {
				return
			}
		}
	}
}
