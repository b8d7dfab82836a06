package agenda

import (
	"fmt"
	"io"
	"strings"
)

// Obligations is a district's yearly deliberation quota per community, for
// example Chaoyang's at least 12 deliberations and at least 3 governance
// problems solved through them each year. Obligations unmarshal from JSON
// (see LoadObligations).
type Obligations struct {
	// Meetings is the minimum number of meetings each community holds a year.
	Meetings int `json:"meetings"`
	// Solved is the minimum number of topics each community closes as solved
	// (residents satisfied) a year.
	Solved int `json:"solved"`
	// Kinds lists the meeting kinds that count; empty means every kind.
	Kinds []string `json:"kinds,omitempty"`
	// Quorate says that only meetings that reached quorum count.
	Quorate bool `json:"quorate,omitempty"`
}

// Chaoyang returns the yearly quota reported for Beijing's Chaoyang district
// (朝阳区 report on community deliberation: 每个社区每年组织议事协商不少于12次,
// 力争解决不少于3件): each community holds at least 12 deliberations a year and
// resolves at least 3 governance problems through them. Only meetings that
// reached quorum count.
//
// Source: public reports on Chaoyang's 党政群共商共治 and community
// deliberation rules (see testdata/SOURCES.md); the primary text was not
// found, so treat the figures as an overridable default.
func Chaoyang() Obligations {
	return Obligations{Meetings: 12, Solved: 3, Quorate: true}
}

// counts reports whether a meeting of the given kind counts.
func (o Obligations) counts(kind string, quorate bool) bool {
	if o.Quorate && !quorate {
		return false
	}
	if len(o.Kinds) == 0 {
		return true
	}
	for _, k := range o.Kinds {
		if k == kind {
			return true
		}
	}
	return false
}

// Validate reports the first invalid field of o as a *ConfigError.
func (o Obligations) Validate() error {
	if o.Meetings < 0 || o.Meetings > maxDays {
		return &ConfigError{Field: "meetings", Reason: fmt.Sprintf("must be between 0 and %d, got %d", maxDays, o.Meetings)}
	}
	if o.Solved < 0 || o.Solved > 10000 {
		return &ConfigError{Field: "solved", Reason: fmt.Sprintf("must be between 0 and 10000, got %d", o.Solved)}
	}
	if o.Meetings == 0 && o.Solved == 0 {
		return &ConfigError{Field: "meetings", Reason: "an obligation with no meetings and no solved topics requires nothing"}
	}
	seen := map[string]bool{}
	for i, k := range o.Kinds {
		f := fmt.Sprintf("kinds[%d]", i)
		if strings.TrimSpace(k) == "" {
			return &ConfigError{Field: f, Reason: "empty kind"}
		}
		if seen[k] {
			return &ConfigError{Field: f, Reason: fmt.Sprintf("duplicate kind %q", k)}
		}
		seen[k] = true
	}
	return nil
}

// ValidateWith checks o and that every kind it names exists in p.
func (o Obligations) ValidateWith(p Policy) error {
	if err := o.Validate(); err != nil {
		return err
	}
	for i, k := range o.Kinds {
		if _, ok := p.Kind(k); !ok {
			return &ConfigError{Field: fmt.Sprintf("kinds[%d]", i), Reason: fmt.Sprintf("no meeting kind %q in the policy", k)}
		}
	}
	return nil
}

// LoadObligations decodes a JSON obligations config, rejecting unknown
// fields, trailing data and invalid values with a *ConfigError naming the
// field.
func LoadObligations(r io.Reader) (Obligations, error) {
	var o Obligations
	if err := decodeStrict(r, &o); err != nil {
		return Obligations{}, err
	}
	if err := o.Validate(); err != nil {
		return Obligations{}, err
	}
	if len(o.Kinds) == 0 {
		o.Kinds = nil // "kinds": [] means every kind, as an absent field does
	}
	return o, nil
}
