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
	// Sources labels fields by their JSON name ("meetings", "solved",
	// "kinds", "quorate") with the text they come from, or says that a
	// field is illustrative (an addition of this package). Presets label
	// every field they set; it is optional in a district's own config.
	Sources map[string]string `json:"sources,omitempty"`
}

// Chaoyang returns the yearly quota of Beijing's Chaoyang district: each
// community organises at least 12 deliberations a year (每个社区每年组织议事协商
// 不少于12次) and strives to solve at least 3 problems through them
// (力争解决不少于3件; a target, checked here as a minimum). Both figures are
// in the Chaoyang report. Counting only meetings that reached quorum
// (Quorate) is an addition of this package, not in the report: it is
// labelled in Sources.
//
// Source: the Chaoyang district report on community deliberation (党政群共商
// 共治, 居民议事厅).
func Chaoyang() Obligations {
	const report = "Chaoyang district report on community deliberation (党政群共商共治)"
	return Obligations{Meetings: 12, Solved: 3, Quorate: true, Sources: map[string]string{
		"meetings": report + ": 每个社区每年组织议事协商不少于12次 (at least 12 a year, inclusive)",
		"solved":   report + ": 力争解决不少于3件 (a target of at least 3, checked as a minimum)",
		"quorate":  "illustrative: this package's addition (only quorate meetings count); not in the report",
	}}
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
	for k, v := range o.Sources {
		switch k {
		case "meetings", "solved", "kinds", "quorate":
		default:
			return &ConfigError{Field: "sources." + k, Reason: "not a field of the obligations"}
		}
		if strings.TrimSpace(v) == "" {
			return &ConfigError{Field: "sources." + k, Reason: "empty"}
		}
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
