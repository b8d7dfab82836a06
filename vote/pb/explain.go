package pb

import (
	"fmt"
	"strings"
	"text/tabwriter"
)

// Explain renders the result for people: what was selected and, round by
// round, each project considered, its score or MES price, and the budget
// left; for MES, who paid what.
func (r Result) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Method: %s, budget %s, %d voters\n", r.Method, r.Budget, r.Voters)
	if r.Share != "" {
		fmt.Fprintf(&b, "Share per voter: %s", r.Share)
		if r.Steps > 0 {
			fmt.Fprintf(&b, " (after %d Add1 increases)", r.Steps)
		}
		if r.Search == Bisect {
			b.WriteString(", found by bisection")
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "Selected (%d): %s\n", len(r.Winners), strings.Join(r.Winners, ", "))
	fmt.Fprintf(&b, "Cost: %s, left: %s\n\n", r.Cost, r.Budget.Sub(r.Cost))
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Round\tProject\tPhase\tVotes/score\tCost\tSelected\tLeft\tReason")
	for _, rd := range r.Rounds {
		sel := "no"
		if rd.Selected {
			sel = "yes"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", rd.Number, rd.Project, rd.Phase, rd.Score, rd.Cost, sel, rd.Left, rd.Reason)
	}
	tw.Flush()
	for _, rd := range r.Rounds {
		if len(rd.Payments) == 0 {
			continue
		}
		fmt.Fprintf(&b, "Round %d (%s) payments:", rd.Number, rd.Project)
		for i, p := range rd.Payments {
			if i == 5 {
				fmt.Fprintf(&b, " ... %d more groups", len(rd.Payments)-5)
				break
			}
			fmt.Fprintf(&b, " %d voter(s) paid %s each, %s left;", p.Voters, p.Paid, p.Left)
		}
		b.WriteString("\n")
	}
	if len(r.Budgets) > 0 {
		b.WriteString("Money left with the voters:")
		for i, g := range r.Budgets {
			if i == 5 {
				fmt.Fprintf(&b, " ... %d more groups", len(r.Budgets)-5)
				break
			}
			fmt.Fprintf(&b, " %d voter(s) %s each;", len(g.Voters), g.Left)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// String is Explain.
func (r Result) String() string { return r.Explain() }
