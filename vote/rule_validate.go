package vote

import (
	"fmt"
	"math/big"
)

// Validate reports the first problem of r as a *ConfigError naming the
// field, or nil. It checks values (ratios, counts) and combinations (a
// field that does not apply to the method, a double majority weaker than
// the law allows for its matter).
func (r Rule) Validate() error {
	if err := r.validateCommon(); err != nil {
		return err
	}
	switch r.Method {
	case MethodApproval:
		return r.validateMarks(false)
	case MethodCumulative:
		return r.validateMarks(true)
	case MethodSatisfaction:
		return r.validateSatisfaction()
	case MethodMotion:
		return r.validateMotion()
	case MethodDoubleMajority:
		return r.validateDoubleMajority()
	case MethodElection:
		return r.validateElection()
	case "":
		return &ConfigError{Field: "method", Reason: "missing"}
	}
	return &ConfigError{Field: "method", Reason: fmt.Sprintf("unknown method %q", r.Method)}
}

func prefixed(prefix string, err error) error {
	if ce, ok := err.(*ConfigError); ok {
		return &ConfigError{Field: prefix + "." + ce.Field, Reason: ce.Reason}
	}
	return err
}

func (r Rule) validateCommon() error {
	if r.Quorum != nil {
		if err := r.Quorum.Validate(); err != nil {
			return prefixed("quorum", err)
		}
		if never(r.Quorum.Ratio) {
			return &ConfigError{Field: "quorum", Reason: fmt.Sprintf("%s can never be met", r.Quorum.Ratio)}
		}
		if r.Quorum.Base != BaseEligible {
			return &ConfigError{Field: "quorum.base", Reason: `a quorum is taken of the eligible voters: want "eligible"`}
		}
	}
	if r.Threshold != nil {
		if err := r.Threshold.Validate(); err != nil {
			return prefixed("threshold", err)
		}
	}
	if err := r.Tie.Validate(); err != nil {
		return prefixed("tie", err)
	}
	if ps := r.Posting; ps != nil && (ps.WithinDays < 0 || ps.Days < 0) {
		return &ConfigError{Field: "posting", Reason: "days must not be negative"}
	}
	switch {
	case r.Votes < 0:
		return &ConfigError{Field: "votes", Reason: "must not be negative"}
	case r.PerOption < 0:
		return &ConfigError{Field: "per_option", Reason: "must not be negative"}
	case r.Select < 0:
		return &ConfigError{Field: "select", Reason: "must not be negative"}
	case r.Seats < 0:
		return &ConfigError{Field: "seats", Reason: "must not be negative"}
	}
	return nil
}

// notFor reports the first field set that method m does not use.
func (r Rule) notFor(fields ...string) error {
	set := map[string]bool{
		"votes":        r.Votes != 0,
		"per_option":   r.PerOption != 0,
		"select":       r.Select != 0,
		"seats":        r.Seats != 0,
		"runoff":       r.Runoff != nil,
		"levels":       len(r.Levels) != 0,
		"satisfied":    len(r.Satisfied) != 0,
		"matter":       r.Matter != 0,
		"allow_change": r.AllowChange,
		"write_ins":    r.WriteIns,
		"tie":          r.Tie.Method != "",
		"competition":  r.Competition != nil,
	}
	for _, f := range fields {
		if set[f] {
			return &ConfigError{Field: f, Reason: fmt.Sprintf("does not apply to method %q", r.Method)}
		}
	}
	return nil
}

func (r Rule) validateMarks(cumulative bool) error {
	if err := r.notFor("seats", "runoff", "levels", "satisfied", "matter", "write_ins", "competition"); err != nil {
		return err
	}
	if cumulative {
		if r.Votes == 0 {
			return &ConfigError{Field: "votes", Reason: "cumulative voting needs the number of votes per ballot"}
		}
		if r.PerOption > r.Votes {
			return &ConfigError{Field: "per_option", Reason: fmt.Sprintf("%d is more than the %d votes of a ballot", r.PerOption, r.Votes)}
		}
	} else if r.PerOption > 1 {
		return &ConfigError{Field: "per_option", Reason: `approval allows one mark per option; use method "cumulative"`}
	}
	return nil
}

func (r Rule) validateSatisfaction() error {
	if err := r.notFor("votes", "per_option", "seats", "runoff", "matter", "write_ins", "competition"); err != nil {
		return err
	}
	if len(r.Levels) < 2 {
		return &ConfigError{Field: "levels", Reason: "a satisfaction vote needs at least two levels"}
	}
	seen := make(map[string]bool, len(r.Levels))
	for i, l := range r.Levels {
		if l == "" {
			return &ConfigError{Field: fmt.Sprintf("levels[%d]", i), Reason: "empty level"}
		}
		if seen[l] {
			return &ConfigError{Field: fmt.Sprintf("levels[%d]", i), Reason: fmt.Sprintf("duplicate level %q", l)}
		}
		seen[l] = true
	}
	if len(r.Satisfied) == 0 {
		return &ConfigError{Field: "satisfied", Reason: "name the levels that count as satisfied"}
	}
	counted := make(map[string]bool, len(r.Satisfied))
	for i, l := range r.Satisfied {
		if !seen[l] {
			return &ConfigError{Field: fmt.Sprintf("satisfied[%d]", i), Reason: fmt.Sprintf("%q is not one of the levels", l)}
		}
		if counted[l] {
			return &ConfigError{Field: fmt.Sprintf("satisfied[%d]", i), Reason: fmt.Sprintf("duplicate level %q", l)}
		}
		counted[l] = true
	}
	return nil
}

func (r Rule) validateMotion() error {
	if err := r.notFor("votes", "per_option", "select", "seats", "runoff", "levels", "satisfied", "matter", "tie", "write_ins", "competition"); err != nil {
		return err
	}
	if r.Threshold == nil {
		return &ConfigError{Field: "threshold", Reason: "a motion needs a pass threshold"}
	}
	return nil
}

func (r Rule) validateDoubleMajority() error {
	if err := r.notFor("votes", "per_option", "select", "seats", "runoff", "levels", "satisfied", "tie", "write_ins", "competition"); err != nil {
		return err
	}
	if r.Matter == 0 {
		return &ConfigError{Field: "matter", Reason: `a double majority must name its matter of Civil Code art. 278 ("other" for item 9)`}
	}
	if err := r.Matter.Validate(); err != nil {
		return prefixed("matter", err)
	}
	if r.Quorum == nil {
		return &ConfigError{Field: "quorum", Reason: "a double majority needs a participation quorum"}
	}
	if r.Threshold == nil {
		return &ConfigError{Field: "threshold", Reason: "a double majority needs an approval threshold"}
	}
	if r.Threshold.base() == BaseEligible {
		return &ConfigError{Field: "threshold.base", Reason: "art. 278 approval is taken of the participating owners: want \"cast\" or \"valid\""}
	}
	if never(r.Threshold.Ratio) {
		return &ConfigError{Field: "threshold", Reason: fmt.Sprintf("%s can never be met: no decision could be adopted", r.Threshold.Ratio)}
	}
	if r.Matter.Special() && r.Threshold.base() == BaseValid {
		return &ConfigError{Field: "threshold.base", Reason: fmt.Sprintf("matter %q needs 3/4 of the owners taking part: want \"cast\" (a \"valid\" base drops invalid ballots and weakens it)", r.Matter)}
	}
	q, a := r.Matter.Legal()
	if !atLeastAsStrict(r.Quorum.Ratio, q) {
		return &ConfigError{Field: "quorum", Reason: fmt.Sprintf("%s is weaker than the legal %s for matter %q", r.Quorum.Ratio, q, r.Matter)}
	}
	if !atLeastAsStrict(r.Threshold.Ratio, a) {
		return &ConfigError{Field: "threshold", Reason: fmt.Sprintf("%s is weaker than the legal %s for matter %q", r.Threshold.Ratio, a, r.Matter)}
	}
	return nil
}

// never reports whether no count can meet r: more than all of the base.
func never(r Ratio) bool { return r.Num == r.Den && !r.Inclusive }

func (r Rule) validateElection() error {
	if err := r.notFor("per_option", "select", "levels", "satisfied", "matter", "allow_change"); err != nil {
		return err
	}
	if r.Seats == 0 {
		return &ConfigError{Field: "seats", Reason: "an election needs the number of seats"}
	}
	if r.Votes != 0 && r.Votes != r.Seats {
		return &ConfigError{Field: "votes", Reason: "a ballot names at most as many candidates as there are seats: leave votes empty"}
	}
	if r.Threshold == nil {
		return &ConfigError{Field: "threshold", Reason: "an election needs a winning threshold"}
	}
	if c := r.Competition; c != nil {
		switch {
		case c.Min < 0:
			return &ConfigError{Field: "competition.min", Reason: "must not be negative"}
		case c.Max < 0 || c.Max > 0 && c.Max < c.Min:
			return &ConfigError{Field: "competition.max", Reason: fmt.Sprintf("must be 0 (no bound) or at least min (%d)", c.Min)}
		}
	}
	if r.Runoff != nil {
		if err := r.Runoff.Threshold.Validate(); err != nil {
			return prefixed("runoff.threshold", err)
		}
		if r.Runoff.Extra < 0 {
			return &ConfigError{Field: "runoff.extra", Reason: "must not be negative"}
		}
	}
	return nil
}

// atLeastAsStrict reports whether every count meeting r also meets min.
func atLeastAsStrict(r, min Ratio) bool {
	a := new(big.Int).Mul(big.NewInt(r.Num), big.NewInt(min.Den))
	b := new(big.Int).Mul(big.NewInt(min.Num), big.NewInt(r.Den))
	switch a.Cmp(b) {
	case 1:
		return true
	case 0:
		return min.Inclusive || !r.Inclusive
	}
	return false
}
