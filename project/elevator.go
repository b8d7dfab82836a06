package project

import (
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/gongzhi/gongzhi/vote"
	"github.com/shopspring/decimal"
)

// GroupSize is the size of the owner group that represents a building in
// a lift retrofit or replacement (怡海花园社区, 新村街道, Fengtai: a 3-person owner group per
// building).
const GroupSize = 3

// LiftWork says what the owners decide about a lift.
type LiftWork string

// Kinds of lift work.
const (
	// Replacement replaces worn lifts (电梯更新). Paid from the building
	// maintenance fund (and public subsidies) it is the use of the fund,
	// art. 278 item 5, an ordinary matter; if the owners also pay a new
	// contribution (an OwnerFunds line) it raises funds, item 6.
	Replacement LiftWork = "replacement"
	// Retrofit adds a lift where there was none (加装电梯): a rebuilding of
	// common parts, art. 278 item 7, whatever pays for it.
	Retrofit LiftWork = "retrofit"
)

// FilingTarget is whom an owners' lift decision is filed with.
type FilingTarget string

// Filing targets.
const (
	// FiledWithOwnersCommittee: the owners' committee reviews and files it
	// (报业委会审核备案), as 怡海花园社区 (新村街道, Fengtai) reports.
	FiledWithOwnersCommittee FilingTarget = "owners-committee"
	// FiledWithSubdistrict: the subdistrict office files it.
	FiledWithSubdistrict FilingTarget = "subdistrict"
	// FiledWithHousingAuthority: the district housing authority files it.
	FiledWithHousingAuthority FilingTarget = "housing-authority"
)

func (f FilingTarget) label() string {
	switch f {
	case FiledWithOwnersCommittee:
		return "the owners' committee"
	case FiledWithSubdistrict:
		return "the subdistrict office"
	case FiledWithHousingAuthority:
		return "the district housing authority"
	}
	return ""
}

// ElevatorDecision is the owners' decision on a lift replacement or
// retrofit (as reported by 怡海花园社区, 新村街道, Fengtai): the owners'
// committee, the property company and resident representatives agree a
// funding method and per-floor cost-sharing ratios, the owners adopt them
// by the double majority of Civil Code art. 278 that the matter needs
// (Matter), a 3-person owner group represents the building, and the
// decision is filed (with FiledWith).
type ElevatorDecision struct {
	// Work is what is decided; empty means Retrofit.
	Work LiftWork `json:"work,omitempty"`
	// Result is the tallied owners' vote: a double majority at least as
	// strict as art. 278 requires for Matter (vote.OwnersDecision).
	Result vote.Result `json:"result"`
	// Group is the building's owner group (GroupSize distinct people).
	Group []string `json:"group"`
	// Funding must add up exactly to the project's cost. The OwnerFunds
	// line (if any) is split among households by Sharing.
	Funding []Funding   `json:"funding"`
	Sharing SharingRule `json:"sharing"`
	// FiledWith, FiledAt and FilingRef record the filing: with whom,
	// when, under which reference.
	FiledWith FilingTarget `json:"filed_with"`
	FiledAt   time.Time    `json:"filed_at"`
	FilingRef string       `json:"filing_ref"`
}

// Matter classifies the decision by the matter of Civil Code art. 278 it
// really is: a retrofit rebuilds common parts (item 7); a replacement of
// worn lifts uses the maintenance fund (item 5, ordinary), unless the
// owners also pay a new contribution (an OwnerFunds line), which raises
// funds (item 6).
func (d ElevatorDecision) Matter() vote.Matter {
	switch d.Work {
	case Replacement:
		if d.OwnersPart().IsPositive() {
			return vote.MatterRaiseFund
		}
		return vote.MatterUseFund
	default:
		return vote.MatterRebuild
	}
}

// OwnersPart returns the total of the OwnerFunds funding lines.
func (d ElevatorDecision) OwnersPart() decimal.Decimal {
	sum := decimal.Zero
	for _, f := range d.Funding {
		if f.Kind == OwnerFunds {
			sum = sum.Add(f.Amount)
		}
	}
	return sum
}

// DecideElevator records an owners' lift decision on p and returns the
// updated project: the owner group becomes its Representatives, the
// sharing rule its Sharing, the vote its Vote, and the vote and filing are
// added to its Evidence. It refuses (with an *InputError, changing
// nothing) a vote that is not a double majority at least as strict as
// art. 278 requires for d.Matter(), a vote that was not adopted, a group that is not GroupSize distinct names, a
// funding plan that does not add up to p.Cost to the fen, an invalid
// sharing rule, a missing filing, or a project already under way.
func DecideElevator(p Project, d ElevatorDecision) (Project, error) {
	bad := func(field, reason string) error { return &InputError{ID: string(p.ID), Field: field, Reason: reason} }
	switch p.Status {
	case Proposed, Screened, Shortlisted, Voted, Planned, Deferred:
	default:
		return p, bad("status", fmt.Sprintf("the owners' decision must come before the works; project is %s", p.Status))
	}
	switch d.Work {
	case "", Replacement, Retrofit:
	default:
		return p, bad("work", fmt.Sprintf("unknown lift work %q", d.Work))
	}
	m := d.Matter()
	r := d.Result.Rule
	if r.Method != vote.MethodDoubleMajority {
		return p, bad("result", fmt.Sprintf("a lift decision needs the owners' double majority (Civil Code art. 278 item %d)", int(m)))
	}
	if !d.Result.Adopted {
		return p, bad("result", "the owners did not adopt the decision")
	}
	q, a := m.Legal()
	if r.Quorum == nil || r.Threshold == nil || !atLeastAsStrict(r.Quorum.Ratio, q) || !atLeastAsStrict(r.Threshold.Ratio, a) {
		return p, bad("result", fmt.Sprintf("the vote's thresholds are below those of art. 278 item %d (%s): quorum %s, approval %s", int(m), m, q, a))
	}
	if len(d.Group) != GroupSize {
		return p, bad("group", fmt.Sprintf("the owner group needs %d people, got %d", GroupSize, len(d.Group)))
	}
	for i, g := range d.Group {
		if strings.TrimSpace(g) == "" || slices.Index(d.Group, g) != i {
			return p, bad("group", "owner group members must be named and distinct")
		}
	}
	total := decimal.Zero
	for i, f := range d.Funding {
		if !f.Kind.valid() {
			return p, bad(fmt.Sprintf("funding[%d].kind", i), fmt.Sprintf("unknown source kind %q", f.Kind))
		}
		if err := checkMoney(f.Amount); err != nil {
			return p, bad(fmt.Sprintf("funding[%d].amount", i), err.Error())
		}
		total = total.Add(f.Amount)
	}
	if !total.Equal(p.Cost) {
		return p, bad("funding", fmt.Sprintf("funding adds up to %s, the cost is %s", total.StringFixed(2), p.Cost.StringFixed(2)))
	}
	if err := d.Sharing.Validate(); err != nil {
		return p, err
	}
	if d.FiledWith.label() == "" {
		return p, bad("filed_with", fmt.Sprintf("unknown filing target %q", d.FiledWith))
	}
	if d.FiledAt.IsZero() || d.FilingRef == "" {
		return p, bad("filing", "the decision must be filed (time and reference)")
	}
	out, err := OutcomeFrom(d.Result, "")
	if err != nil {
		return p, err
	}
	nq := p.Clone()
	nq.Representatives = slices.Clone(d.Group)
	rule := cloneRule(d.Sharing)
	nq.Sharing = &rule
	nq.Vote = &out
	nq.Evidence = append(nq.Evidence,
		fmt.Sprintf("owners' vote %s adopted as art. 278 item %d (%s): %d of %d owners (%s)", d.Result.Poll, int(m), m, out.Support, out.Base, out.Threshold),
		fmt.Sprintf("filed %s with %s on %s", d.FilingRef, d.FiledWith.label(), d.FiledAt.Format(time.DateOnly)))
	return nq, nil
}

// atLeastAsStrict reports whether threshold r is at least as demanding
// as min: r > min, or equal with r inclusive only if min is.
func atLeastAsStrict(r, min vote.Ratio) bool {
	// Compare r.Num/r.Den with min.Num/min.Den exactly.
	lhs := new(big.Int).Mul(big.NewInt(r.Num), big.NewInt(min.Den))
	rhs := new(big.Int).Mul(big.NewInt(min.Num), big.NewInt(r.Den))
	if c := lhs.Cmp(rhs); c != 0 {
		return c > 0
	}
	return !r.Inclusive || min.Inclusive
}

// Bill splits the owners' part of an elevator decision among households
// with the decision's sharing rule: the per-household bill.
func (d ElevatorDecision) Bill(households []Household) (Sharing, error) {
	return Split(d.Sharing, d.OwnersPart(), households)
}
