package ticket

import (
	"fmt"
	"slices"
)

// Grade says how well a preset figure is sourced.
type Grade string

// Grades, from best to worst.
const (
	// Verified figures were read in the primary text (law, regulation).
	Verified Grade = "verified"
	// Secondary figures come from one secondary report of the text.
	Secondary Grade = "secondary"
	// Unverified figures are commonly quoted, but no official text with
	// them was found.
	Unverified Grade = "unverified"
	// Illustrative figures are this package's own choice, with no source:
	// a placeholder to replace with the district's own.
	Illustrative Grade = "illustrative"
)

// Valid reports whether g is a defined grade.
func (g Grade) Valid() bool {
	return g == Verified || g == Secondary || g == Unverified || g == Illustrative
}

// Citation says where one field of a policy comes from, so that what a
// preset adds to its source is visible field by field.
type Citation struct {
	// Field is the field's JSON path: "warn", "rules[0].resolution",
	// "rules[2].pauses".
	Field string `json:"field"`
	Grade Grade  `json:"grade"`
	// Source names the text (article, page) and, where it matters, how the
	// figure was read from it; empty only for illustrative figures.
	Source string `json:"source,omitempty"`
}

// citedFields lists the JSON paths of the fields of p that carry a figure
// or a rule a citation may label: the warning point and, per rule, every
// limit that is set, round_the_clock, max_extensions and pauses.
func citedFields(p Policy) []string {
	var out []string
	if !p.Warn.IsZero() {
		out = append(out, "warn")
	}
	for i, r := range p.Rules {
		f := fmt.Sprintf("rules[%d].", i)
		if r.RoundTheClock {
			out = append(out, f+"round_the_clock")
		}
		for _, nl := range ruleLimits(r) {
			if !noLimit(nl.l) {
				out = append(out, f+nl.name)
			}
		}
		if r.MaxExtensions > 0 {
			out = append(out, f+"max_extensions")
		}
		if !r.Pauses.IsZero() {
			out = append(out, f+"pauses")
		}
	}
	return out
}

// Uncited returns the fields of p that carry a figure but no citation, in
// field order. Every preset of this package has none.
func (p Policy) Uncited() []string {
	var out []string
	for _, f := range citedFields(p) {
		if _, ok := p.Cite(f); !ok {
			out = append(out, f)
		}
	}
	return out
}

// Cite returns the citation of field (a JSON path such as
// "rules[0].resolution").
func (p Policy) Cite(field string) (Citation, bool) {
	for _, c := range p.Citations {
		if c.Field == field {
			return c, true
		}
	}
	return Citation{}, false
}

// validateCitations checks that every citation names a field of p that is
// set, once, with a defined grade and, unless illustrative, a source.
func (p Policy) validateCitations() error {
	fields := citedFields(p)
	for i, c := range p.Citations {
		f := fmt.Sprintf("citations[%d]", i)
		switch {
		case !slices.Contains(fields, c.Field):
			return &ConfigError{Field: f + ".field", Reason: fmt.Sprintf("%q is not a set field of the policy", c.Field)}
		case slices.ContainsFunc(p.Citations[:i], func(o Citation) bool { return o.Field == c.Field }):
			return &ConfigError{Field: f + ".field", Reason: fmt.Sprintf("%q cited twice", c.Field)}
		case !c.Grade.Valid():
			return &ConfigError{Field: f + ".grade", Reason: fmt.Sprintf("unknown grade %q", c.Grade)}
		case c.Grade != Illustrative && c.Source == "":
			return &ConfigError{Field: f + ".source", Reason: "required unless the grade is illustrative"}
		}
	}
	return nil
}
