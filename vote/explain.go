package vote

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Explain renders the result for people: the rule, the counts, each
// threshold with its numbers, the outcome, ties, revotes and runoffs.
// Equal results give identical text.
func (r Result) Explain() string {
	var sb strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&sb, format+"\n", a...) }
	name := r.Rule.Name
	if name == "" {
		name = string(r.Rule.Method)
	}
	if r.Poll != "" {
		p("Poll %s: %s", r.Poll, name)
	} else {
		p("%s", name)
	}
	if r.Rule.Source != "" {
		p("Source: %s", r.Rule.Source)
	}
	p("Ballots: %d cast, %d valid, %d invalid; %d eligible", r.Cast, r.Valid, r.Invalid, r.Eligible)
	for _, rej := range r.Rejected {
		what := "  invalid ballot"
		if rej.Ballot != "" {
			what += " " + string(rej.Ballot)
		}
		if rej.Option != "" {
			what += " (" + string(rej.Option) + ")"
		}
		p("%s: %s", what, rej.Reason)
	}
	if !r.EligibleWeight.IsZero() {
		p("Area: %s of %s taking part", r.CastWeight, r.EligibleWeight)
	}
	for _, o := range r.Options {
		line := fmt.Sprintf("  %-12s %6d", o.Option, o.Votes)
		if !o.Weight.IsZero() {
			line += "  area " + o.Weight.String()
		}
		if o.Levels != nil {
			line += fmt.Sprintf("  levels %v, satisfied %d (%s)", o.Levels, o.Satisfied,
				percent(decimal.NewFromInt(o.Satisfied), decimal.NewFromInt(o.Votes)))
		}
		if o.WriteIn {
			line += "  write-in"
		}
		if o.Selected {
			line += "  selected"
		} else if o.Passed {
			line += "  passed"
		}
		p("%s", strings.TrimRight(line, " "))
	}
	if r.Levels != nil {
		var all, sat int64
		for _, o := range r.Options {
			all += o.Votes
			sat += o.Satisfied
		}
		p("Overall: %v by level; %d of %d answers satisfied (%s)", r.Levels, sat, all,
			percent(decimal.NewFromInt(sat), decimal.NewFromInt(all)))
	}
	for _, c := range r.Checks {
		what := c.Name
		if c.Option != "" {
			what += " " + string(c.Option)
		}
		p("Check %s: %s of %s (%s) %s %s: %s", what, c.Count, c.Base, c.Of, percent(c.Count, c.Base), c.Ratio, metWord(c.Met))
	}
	for _, t := range r.Ties {
		switch {
		case t.Resolved() && t.Method == TieLot:
			p("Tie (%s) at %d among %v for %d place(s): lot with seed %d chose %v", t.Stage, t.Votes, t.Among, t.Places, t.Seed, t.Chosen)
		case t.Resolved():
			p("Tie (%s) at %d among %v for %d place(s): declared order chose %v", t.Stage, t.Votes, t.Among, t.Places, t.Chosen)
		default:
			p("Tie (%s) at %d among %v for %d place(s): not broken", t.Stage, t.Votes, t.Among, t.Places)
		}
	}
	switch {
	case r.Void:
		p("Outcome: void (%s)", r.VoidReason)
	case r.Rule.Method == MethodMotion || r.Rule.Method == MethodDoubleMajority:
		if r.Adopted {
			p("Outcome: adopted")
		} else {
			p("Outcome: not adopted")
		}
	case r.Rule.Method == MethodElection:
		p("Outcome: elected %v", r.Selected)
	case r.Rule.Select > 0:
		p("Outcome: passed %v; selected %v", r.Passed, r.Selected)
	default:
		p("Outcome: passed %v", r.Passed)
	}
	if len(r.Revote) > 0 {
		p("Revote needed among %v", r.Revote)
	}
	if r.Runoff != nil {
		p("Runoff for %d seat(s) among %v; a winner needs %s", r.Runoff.Seats, r.Runoff.Candidates, r.Runoff.Rule.Threshold)
	}
	if r.Digest != "" {
		p("Digest: %s", r.Digest)
	}
	return sb.String()
}

// percent renders count/base as a percentage with two decimals, for
// display only (decisions use the exact Check.Met).
func percent(count, base decimal.Decimal) string {
	if !base.IsPositive() {
		return "-"
	}
	return count.Mul(decimal.NewFromInt(100)).Div(base).StringFixed(2) + "%"
}
