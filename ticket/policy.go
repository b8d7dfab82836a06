package ticket

import (
	"errors"
	"fmt"

	"github.com/gongzhi/gongzhi/calendar"
)

// ErrNoRule is returned when no rule of an SLA policy matches a ticket's
// category and urgency. Art. 13 requires every dispatch to carry a
// deadline, so a ticket without a matching rule is not accepted.
var ErrNoRule = errors.New("ticket: no SLA rule matches")

// Policy is a set of SLA rules: the time limits of a jurisdiction. The
// Beijing regulation fixes no day counts (art. 13 only requires every
// dispatch to carry a deadline), so limits are data.
type Policy struct {
	Name string `json:"name"`
	// Source cites the text the limits come from.
	Source string `json:"source"`
	// Illustrative marks figures that are commonly quoted but not verified
	// in an official text.
	Illustrative bool `json:"illustrative,omitempty"`
	// Warn is the share of a clock's budget after which it is in the
	// Warning phase. Zero means no warnings.
	Warn Fraction `json:"warn,omitzero"`
	// Rules are tried in order; the first whose category and urgency match
	// the ticket applies. Put specific rules before general ones.
	Rules []Rule `json:"rules"`
	// Citations label fields one by one with their source, or as
	// illustrative (Uncited lists the fields without one). Optional for a
	// district's own policy; every preset cites every figure.
	Citations []Citation `json:"citations,omitempty"`
}

// ruleLimits lists a rule's limits with their JSON names.
func ruleLimits(r Rule) []struct {
	name string
	l    calendar.Period
} {
	return []struct {
		name string
		l    calendar.Period
	}{{"dispatch", r.Dispatch}, {"objection", r.Objection}, {"response", r.Response},
		{"first_contact", r.FirstContact}, {"resolution", r.Resolution}, {"co_report", r.CoReport},
		{"max_extension", r.MaxExtension}}
}

// Rule is one SLA rule. A zero calendar.Period means that clock is not run.
type Rule struct {
	Name string `json:"name"`
	// Category matches that category and all its descendants; empty
	// matches every category.
	Category CategoryID `json:"category,omitempty"`
	// Urgency matches that urgency only; empty matches every urgency.
	Urgency Urgency `json:"urgency,omitempty"`
	// RoundTheClock measures working units on the round-the-clock calendar
	// (utilities, art. 19).
	RoundTheClock bool `json:"round_the_clock,omitempty"`

	Dispatch     calendar.Period `json:"dispatch,omitzero"`      // intake to dispatch
	Objection    calendar.Period `json:"objection,omitzero"`     // window to object to a dispatch
	Response     calendar.Period `json:"response,omitzero"`      // dispatch to acceptance
	FirstContact calendar.Period `json:"first_contact,omitzero"` // dispatch to first contact
	Resolution   calendar.Period `json:"resolution"`             // dispatch to resolution (required)
	CoReport     calendar.Period `json:"co_report,omitzero"`     // default deadline for co-units and summoned departments

	// MaxExtensions is how many extensions may be approved (0: none).
	MaxExtensions int `json:"max_extensions,omitempty"`
	// MaxExtension is the longest single extension.
	MaxExtension calendar.Period `json:"max_extension,omitzero"`
	// Pauses limits pauses of the resolution clock (reasons, count,
	// lengths, approval). Nil (or a zero PauseRule) allows no pause. A
	// pointer keeps Rule, which every ticket carries, small.
	Pauses *PauseRule `json:"pauses,omitempty"`
}

// Validate checks the policy and names the first bad field. cats may be
// nil, in which case rule categories are not checked against a tree.
func (p Policy) Validate(cats *Categories) error {
	if p.Name == "" {
		return &ConfigError{Field: "name", Reason: "empty"}
	}
	if !p.Warn.IsZero() {
		if err := p.Warn.Validate(); err != nil {
			return prefix("warn", err)
		}
	}
	if len(p.Rules) == 0 {
		return &ConfigError{Field: "rules", Reason: "no rules"}
	}
	for i, r := range p.Rules {
		f := fmt.Sprintf("rules[%d]", i)
		if !r.Urgency.Valid() {
			return &ConfigError{Field: f + ".urgency", Reason: fmt.Sprintf("unknown urgency %q", r.Urgency)}
		}
		if r.Category != "" && cats != nil && !cats.Has(r.Category) {
			return &ConfigError{Field: f + ".category", Reason: fmt.Sprintf("unknown category %q", r.Category)}
		}
		if noLimit(r.Resolution) {
			return &ConfigError{Field: f + ".resolution", Reason: "required: every dispatch carries a deadline (art. 13)"}
		}
		for _, nl := range ruleLimits(r) {
			if noLimit(nl.l) {
				continue
			}
			if err := nl.l.Validate(); err != nil {
				return &ConfigError{Field: f + "." + nl.name, Reason: err.Error()}
			}
		}
		if r.MaxExtensions < 0 {
			return &ConfigError{Field: f + ".max_extensions", Reason: "negative"}
		}
		if r.MaxExtensions > 0 && noLimit(r.MaxExtension) {
			return &ConfigError{Field: f + ".max_extension", Reason: "required when max_extensions > 0"}
		}
		if err := r.Pauses.validate(f + ".pauses"); err != nil {
			return err
		}
	}
	return p.validateCitations()
}

func prefix(field string, err error) error {
	var ce *ConfigError
	if errors.As(err, &ce) {
		return &ConfigError{Field: field + "." + ce.Field, Reason: ce.Reason}
	}
	return &ConfigError{Field: field, Reason: err.Error()}
}

// LoadPolicy decodes a JSON policy, rejecting unknown fields, and validates
// it (categories may be nil).
func LoadPolicy(data []byte, cats *Categories) (Policy, error) {
	var p Policy
	if err := decodeStrict(data, &p); err != nil {
		return Policy{}, &ConfigError{Field: "policy", Reason: err.Error()}
	}
	if err := p.Validate(cats); err != nil {
		return Policy{}, err
	}
	// Empty lists read as absent, so that a policy printed back to JSON
	// (where they are omitted) loads as the same value.
	if len(p.Citations) == 0 {
		p.Citations = nil
	}
	for i := range p.Rules {
		if r := p.Rules[i].Pauses; r != nil && len(r.Reasons) == 0 {
			r.Reasons = nil
		}
	}
	return p, nil
}

// Match returns the first rule matching category and urgency, or ErrNoRule.
func (p Policy) Match(cats *Categories, category CategoryID, urgency Urgency) (Rule, error) {
	u := urgency.norm()
	for _, r := range p.Rules {
		if r.Urgency != "" && r.Urgency.norm() != u {
			continue
		}
		if r.Category != "" {
			if cats != nil {
				if !cats.Within(category, r.Category) {
					continue
				}
			} else if r.Category != category {
				continue
			}
		}
		return r, nil
	}
	return Rule{}, fmt.Errorf("policy %q, category %q, urgency %q: %w", p.Name, category, u, ErrNoRule)
}
