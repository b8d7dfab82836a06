package project

import (
	"cmp"
	"fmt"
	"math/bits"
	"slices"
	"strings"

	"github.com/gongzhi/gongzhi/grid"
	"github.com/shopspring/decimal"
)

// Selection says how a yearly plan orders its candidates.
type Selection string

// Selections of PlanRule. Manual choices (Candidate.Pin and Exclude) apply
// under every selection.
const (
	// ByVote ranks candidates whose vote passed: priorities first, then
	// by support rate, support, lower cost, older pool year, id. It is
	// the zero value.
	ByVote Selection = "vote"
	// ByRanking takes the order of PlanRule.Ranking, for example the
	// winners of a participatory-budgeting rule (vote/pb: greedy or the
	// Method of Equal Shares) in the order they were chosen.
	ByRanking Selection = "ranking"
	// ManualOnly plans only the pinned candidates.
	ManualOnly Selection = "manual"
)

// Cap limits the money and/or the number of projects planned for the
// candidates it matches: those located at Grid or under it (with Places),
// and of Category when it is set.
type Cap struct {
	Grid     grid.ID          `json:"grid,omitempty"`
	Category string           `json:"category,omitempty"`
	Budget   *decimal.Decimal `json:"budget,omitempty"`
	Count    int              `json:"count,omitempty"` // 0 = no limit
}

// PlanRule is the configuration of a yearly plan (年度实事项目计划).
type PlanRule struct {
	Year int `json:"year"`
	// Budget is the total money available, in yuan; the plan never
	// exceeds it.
	Budget decimal.Decimal `json:"budget"`
	// Max is the largest number of projects in the plan; 0 means no
	// limit.
	Max int `json:"max,omitempty"`
	// Target is the number of projects committed to for the year (Tongzhou
	// commits to 100 micro-projects a year): a commitment, not a ceiling.
	// The plan reports how far it falls short (Plan.Shortfall); 0 means
	// no commitment.
	Target int `json:"target,omitempty"`
	// Caps limits grid nodes or categories further.
	Caps      []Cap     `json:"caps,omitempty"`
	Selection Selection `json:"selection,omitempty"`
	// Ranking is the order of project ids for ByRanking.
	Ranking []ID `json:"ranking,omitempty"`
	// AllowUnvoted lets ByVote consider, after every passed project,
	// candidates that were never voted on (oldest pool year first, then
	// lower cost). Candidates whose vote failed are never considered.
	AllowUnvoted bool `json:"allow_unvoted,omitempty"`
}

// Validate reports the first invalid field of r as a *ConfigError.
func (r PlanRule) Validate() error {
	if r.Year <= 0 {
		return &ConfigError{Field: "year", Reason: "must be positive"}
	}
	if err := checkMoney(r.Budget); err != nil {
		return &ConfigError{Field: "budget", Reason: err.Error()}
	}
	if r.Max < 0 {
		return &ConfigError{Field: "max", Reason: "must not be negative"}
	}
	if r.Target < 0 {
		return &ConfigError{Field: "target", Reason: "must not be negative"}
	}
	if r.Max > 0 && r.Target > r.Max {
		return &ConfigError{Field: "target", Reason: fmt.Sprintf("a commitment of %d projects can never be met under a maximum of %d", r.Target, r.Max)}
	}
	switch r.Selection {
	case "", ByVote, ManualOnly:
		if len(r.Ranking) > 0 {
			return &ConfigError{Field: "ranking", Reason: "only used by selection \"ranking\""}
		}
	case ByRanking:
		seen := map[ID]bool{}
		for i, id := range r.Ranking {
			if seen[id] {
				return &ConfigError{Field: fmt.Sprintf("ranking[%d]", i), Reason: fmt.Sprintf("%s listed twice", id)}
			}
			seen[id] = true
		}
	default:
		return &ConfigError{Field: "selection", Reason: fmt.Sprintf("unknown selection %q", r.Selection)}
	}
	for i, c := range r.Caps {
		f := fmt.Sprintf("caps[%d]", i)
		if c.Budget == nil && c.Count == 0 {
			return &ConfigError{Field: f, Reason: "a cap needs a budget or a count"}
		}
		if c.Count < 0 {
			return &ConfigError{Field: f + ".count", Reason: "must not be negative"}
		}
		if c.Budget != nil {
			if err := checkMoney(*c.Budget); err != nil {
				return &ConfigError{Field: f + ".budget", Reason: err.Error()}
			}
		}
	}
	return nil
}

func checkMoney(d decimal.Decimal) error {
	if err := checkPrecision(d); err != nil {
		return err
	}
	if d.IsNegative() || !isFen(d) {
		return fmt.Errorf("must be a non-negative whole number of fen, got %s", d)
	}
	return nil
}

// Candidate is a pool project as the plan sees it.
type Candidate struct {
	Project  ID              `json:"project"`
	Grid     grid.ID         `json:"grid,omitempty"`
	Category string          `json:"category,omitempty"`
	Cost     decimal.Decimal `json:"cost"`
	Year     int             `json:"year,omitempty"` // pool year; older first on ties
	Vote     *VoteOutcome    `json:"vote,omitempty"`
	// Pin, when set, is the recorded reason for a manual choice to
	// include the project; pinned candidates are considered first.
	Pin string `json:"pin,omitempty"`
	// Exclude, when set, is the recorded reason for a manual choice to
	// leave the project out.
	Exclude string `json:"exclude,omitempty"`
}

// CandidateOf returns the plan candidate for a pool project.
func CandidateOf(p Project) Candidate {
	c := Candidate{Project: p.ID, Grid: p.Grid, Category: p.Category, Cost: p.Cost, Year: p.Year}
	if p.Vote != nil {
		v := *p.Vote
		c.Vote = &v
	}
	return c
}

// Decision says whether one candidate is in the plan, and why.
type Decision struct {
	Project ID              `json:"project"`
	In      bool            `json:"in"`
	Rank    int             `json:"rank,omitempty"` // 1-based order of consideration; 0 if never considered
	Cost    decimal.Decimal `json:"cost"`
	Reason  string          `json:"reason"`
}

// Plan is the explained result of Choose.
type Plan struct {
	Rule PlanRule `json:"rule"`
	// Selected lists the planned projects in order of consideration.
	Selected []ID `json:"selected"`
	// Decisions has one entry per candidate: first those considered, in
	// order, then the others by id.
	Decisions []Decision      `json:"decisions"`
	Total     decimal.Decimal `json:"total"`     // cost of the selected projects
	Remaining decimal.Decimal `json:"remaining"` // Budget - Total
	// Shortfall is how many projects the plan lacks to meet Rule.Target
	// (0 when met or when there is no target).
	Shortfall int `json:"shortfall,omitempty"`
}

// Decision returns the decision about project id.
func (p Plan) Decision(id ID) (Decision, bool) {
	for _, d := range p.Decisions {
		if d.Project == id {
			return d, true
		}
	}
	return Decision{}, false
}

// Out returns the candidates left out of the plan, in decision order:
// the projects to roll into next year's pool.
func (p Plan) Out() []ID {
	var out []ID
	for _, d := range p.Decisions {
		if !d.In {
			out = append(out, d.Project)
		}
	}
	return out
}

// Explain renders the plan for people: totals, then one line per
// candidate.
func (p Plan) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "plan %d: %d projects, %s of %s yuan (%s left)", p.Rule.Year, len(p.Selected), p.Total.StringFixed(2), p.Rule.Budget.StringFixed(2), p.Remaining.StringFixed(2))
	if p.Rule.Max > 0 {
		fmt.Fprintf(&b, ", at most %d", p.Rule.Max)
	}
	switch {
	case p.Rule.Target > 0 && p.Shortfall > 0:
		fmt.Fprintf(&b, "; target %d: %d short", p.Rule.Target, p.Shortfall)
	case p.Rule.Target > 0:
		fmt.Fprintf(&b, "; target %d met", p.Rule.Target)
	}
	b.WriteString("\n")
	for _, d := range p.Decisions {
		mark := "out"
		if d.In {
			mark = "in "
		}
		fmt.Fprintf(&b, "  %s %-12s %12s  %s\n", mark, d.Project, d.Cost.StringFixed(2), d.Reason)
	}
	return b.String()
}

type planCand struct {
	Candidate
	fen int64
}

// Choose draws up a yearly plan: it considers candidates in the order of
// the rule's Selection (pinned ones first, excluded ones never) and takes
// each one that still fits the budget, the target count and every cap it
// falls under. Every candidate gets a Decision with the reason it is in or
// out. The plan never exceeds a cap. places may be nil, in which case a cap
// on a grid node matches only candidates located exactly there.
//
// Choose is pure and deterministic; the order of cands does not matter.
// A bad rule is a *ConfigError, bad candidates an *InputError.
func Choose(rule PlanRule, cands []Candidate, places Places) (Plan, error) {
	if err := rule.Validate(); err != nil {
		return Plan{}, err
	}
	cs := make([]planCand, len(cands))
	seen := make(map[ID]bool, len(cands))
	for i, c := range cands {
		bad := func(field, reason string) error {
			return &InputError{ID: string(c.Project), Field: field, Reason: reason}
		}
		if c.Project == "" {
			return Plan{}, bad("project", "empty project id")
		}
		if seen[c.Project] {
			return Plan{}, bad("project", "duplicate candidate")
		}
		seen[c.Project] = true
		if err := checkMoney(c.Cost); err != nil {
			return Plan{}, bad("cost", err.Error())
		}
		if c.Pin != "" && c.Exclude != "" {
			return Plan{}, bad("pin", "both pinned and excluded")
		}
		if v := c.Vote; v != nil && (v.Base <= 0 || v.Support < 0 || v.Support > v.Base) {
			return Plan{}, bad("vote", fmt.Sprintf("impossible outcome %d of %d", v.Support, v.Base))
		}
		cs[i] = planCand{Candidate: c, fen: Fen(c.Cost)}
	}
	slices.SortFunc(cs, func(a, b planCand) int { return cmp.Compare(a.Project, b.Project) })

	var order []int // indices into cs, in consideration order
	reasons := map[int]string{}
	var pinned []int
	for i, c := range cs {
		switch {
		case c.Exclude != "":
			reasons[i] = "excluded by manual choice: " + c.Exclude
		case c.Pin != "":
			pinned = append(pinned, i)
		}
	}
	order = append(order, pinned...)
	var ranked []int
	switch rule.Selection {
	case "", ByVote:
		var unvoted []int
		for i, c := range cs {
			if c.Exclude != "" || c.Pin != "" {
				continue
			}
			switch v := c.Vote; {
			case v == nil && rule.AllowUnvoted:
				unvoted = append(unvoted, i)
			case v == nil:
				reasons[i] = "not voted on"
			case !v.Passed:
				reasons[i] = fmt.Sprintf("vote failed: %d of %d, needs %s", v.Support, v.Base, v.Threshold)
			default:
				ranked = append(ranked, i)
			}
		}
		slices.SortFunc(ranked, func(a, b int) int { return compareVoted(cs[a], cs[b]) })
		slices.SortFunc(unvoted, func(a, b int) int {
			x, y := cs[a], cs[b]
			return cmp.Or(cmp.Compare(x.Year, y.Year), cmp.Compare(x.fen, y.fen), cmp.Compare(x.Project, y.Project))
		})
		ranked = append(ranked, unvoted...)
	case ByRanking:
		pos := make(map[ID]int, len(rule.Ranking))
		for i, id := range rule.Ranking {
			pos[id] = i
		}
		for i, c := range cs {
			if c.Exclude != "" || c.Pin != "" {
				continue
			}
			if _, ok := pos[c.Project]; ok {
				ranked = append(ranked, i)
			} else {
				reasons[i] = "not in the ranking"
			}
		}
		slices.SortFunc(ranked, func(a, b int) int { return cmp.Compare(pos[cs[a].Project], pos[cs[b].Project]) })
	case ManualOnly:
		for i, c := range cs {
			if c.Exclude == "" && c.Pin == "" {
				reasons[i] = "not chosen manually"
			}
		}
	}
	order = append(order, ranked...)

	// Greedy fill under the caps.
	budget := Fen(rule.Budget)
	var spent int64
	count := 0
	capSpent := make([]int64, len(rule.Caps))
	capCount := make([]int, len(rule.Caps))
	capFen := make([]int64, len(rule.Caps))
	for k, c := range rule.Caps {
		capFen[k] = -1
		if c.Budget != nil {
			capFen[k] = Fen(*c.Budget)
		}
	}
	plan := Plan{Rule: rule}
	considered := make([]bool, len(cs))
	var matches []int
	for rank, i := range order {
		c := cs[i]
		considered[i] = true
		dec := Decision{Project: c.Project, Rank: rank + 1, Cost: c.Cost}
		why := ""
		if c.Pin != "" {
			why = "pinned by manual choice: " + c.Pin
		} else {
			why = whyRanked(rule, c.Candidate)
		}
		matches = matchCaps(rule.Caps, c.Candidate, places, matches[:0])
		switch {
		case rule.Max > 0 && count >= rule.Max:
			dec.Reason = fmt.Sprintf("%s; out: the maximum of %d projects is reached", why, rule.Max)
		case c.fen > budget-spent:
			dec.Reason = fmt.Sprintf("%s; out: costs %s, only %s of the budget left", why, c.Cost.StringFixed(2), Yuan(budget-spent).StringFixed(2))
		default:
			for _, k := range matches {
				cp := rule.Caps[k]
				if cp.Count > 0 && capCount[k] >= cp.Count {
					dec.Reason = fmt.Sprintf("%s; out: %s count cap of %d reached", why, capName(cp), cp.Count)
					break
				}
				if capFen[k] >= 0 && c.fen > capFen[k]-capSpent[k] {
					dec.Reason = fmt.Sprintf("%s; out: %s budget cap leaves only %s", why, capName(cp), Yuan(capFen[k]-capSpent[k]).StringFixed(2))
					break
				}
			}
			if dec.Reason != "" {
				break
			}
			dec.In = true
			dec.Reason = why
			spent += c.fen
			count++
			for _, k := range matches {
				capSpent[k] += c.fen
				capCount[k]++
			}
			plan.Selected = append(plan.Selected, c.Project)
		}
		plan.Decisions = append(plan.Decisions, dec)
	}
	for i, c := range cs {
		if !considered[i] {
			plan.Decisions = append(plan.Decisions, Decision{Project: c.Project, Cost: c.Cost, Reason: reasons[i]})
		}
	}
	plan.Total = Yuan(spent)
	plan.Remaining = Yuan(budget - spent)
	plan.Shortfall = max(0, rule.Target-len(plan.Selected))
	return plan, nil
}

// compareVoted orders passed candidates: priorities first, higher support
// rate (exact cross-multiplication), more support, lower cost, older pool
// year, id.
func compareVoted(a, b planCand) int {
	if a.Vote.Priority != b.Vote.Priority {
		if a.Vote.Priority {
			return -1
		}
		return 1
	}
	// rate a > rate b  <=>  Sa*Bb > Sb*Ba (counts are validated >= 0).
	if c := cmpMul(b.Vote.Support, a.Vote.Base, a.Vote.Support, b.Vote.Base); c != 0 {
		return c
	}
	return cmp.Or(cmp.Compare(b.Vote.Support, a.Vote.Support), cmp.Compare(a.fen, b.fen), cmp.Compare(a.Year, b.Year), cmp.Compare(a.Project, b.Project))
}

// cmpMul compares x1*y1 with x2*y2 exactly for non-negative int64s.
func cmpMul(x1, y1, x2, y2 int64) int {
	h1, l1 := bits.Mul64(uint64(x1), uint64(y1))
	h2, l2 := bits.Mul64(uint64(x2), uint64(y2))
	return cmp.Or(cmp.Compare(h1, h2), cmp.Compare(l1, l2))
}

func whyRanked(rule PlanRule, c Candidate) string {
	switch {
	case rule.Selection == ByRanking:
		return "ranked by the rule's ranking"
	case c.Vote == nil:
		return fmt.Sprintf("not voted on, pool year %d", c.Year)
	case c.Vote.Priority:
		return fmt.Sprintf("priority; support %d of %d", c.Vote.Support, c.Vote.Base)
	}
	return fmt.Sprintf("support %d of %d", c.Vote.Support, c.Vote.Base)
}

func matchCaps(caps []Cap, c Candidate, places Places, out []int) []int {
	var anc []grid.ID
	ancDone := false
	for k, cp := range caps {
		if cp.Category != "" && cp.Category != c.Category {
			continue
		}
		if cp.Grid != "" && cp.Grid != c.Grid {
			if places == nil || c.Grid == "" {
				continue
			}
			if !ancDone {
				anc, ancDone = slices.Collect(places.Ancestors(c.Grid)), true
			}
			if !slices.Contains(anc, cp.Grid) {
				continue
			}
		}
		out = append(out, k)
	}
	return out
}

func capName(c Cap) string {
	var parts []string
	if c.Grid != "" {
		parts = append(parts, "grid "+string(c.Grid))
	}
	if c.Category != "" {
		parts = append(parts, "category "+c.Category)
	}
	if len(parts) == 0 {
		return "overall"
	}
	return strings.Join(parts, ", ")
}
