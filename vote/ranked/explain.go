package ranked

import (
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"
)

// Explain renders the result for people: the winners, then a table with a
// row per candidate and a column per round (IRV and STV), or the ranking
// with scores and the pairwise matrix (the other methods), then the ties.
func (r Result) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Method: %s, %d seat(s), %d ballots\n", r.Method, r.Seats, r.Ballots)
	if len(r.Withdrawn) > 0 {
		fmt.Fprintf(&b, "Withdrawn: %s\n", strings.Join(r.Withdrawn, ", "))
	}
	if len(r.Winners) == 0 {
		b.WriteString("Winners: none\n")
	} else {
		fmt.Fprintf(&b, "Winners: %s\n", strings.Join(r.Winners, ", "))
	}
	if len(r.Rounds) > 0 {
		b.WriteString("\n")
		r.roundTable(&b)
	}
	if len(r.Ranking) > 0 {
		b.WriteString("\nRanking:\n")
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		for i, c := range r.Ranking {
			fmt.Fprintf(tw, "%d.\t%s\t%s\n", i+1, c, r.Scores[c].String())
		}
		tw.Flush()
	}
	if p := r.Pairwise; p != nil && len(p.Candidates) <= 30 {
		b.WriteString("\nPairwise (row beats column):\n")
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		head := []string{""}
		for j := range p.Candidates {
			head = append(head, fmt.Sprint(j+1))
		}
		fmt.Fprintln(tw, strings.Join(head, "\t"))
		for i, c := range p.Candidates {
			cells := []string{fmt.Sprintf("%d %s", i+1, c)}
			for j := range p.Candidates {
				if i == j {
					cells = append(cells, "-")
				} else {
					cells = append(cells, fmt.Sprint(p.Wins[i][j]))
				}
			}
			fmt.Fprintln(tw, strings.Join(cells, "\t"))
		}
		tw.Flush()
	}
	for _, t := range r.Ties {
		if t.Order != nil {
			fmt.Fprintf(&b, "Tie (%s) among %d: ordered %s by %s", t.Purpose, len(t.Among), strings.Join(t.Order, ", "), t.By)
			if t.By == Lot {
				fmt.Fprintf(&b, " (seed %d)", t.Seed)
			}
			b.WriteString("\n")
			continue
		}
		fmt.Fprintf(&b, "Tie (%s, round %d) among %s: %s chosen by %s", t.Purpose, t.Round, strings.Join(t.Among, ", "), t.Chosen, t.By)
		if t.By == Lot {
			fmt.Fprintf(&b, " (seed %d)", t.Seed)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func (r Result) roundTable(b *strings.Builder) {
	// Candidates in order of their first-round tally, highest first.
	var names []string
	seen := map[string]bool{}
	for _, rd := range r.Rounds {
		for name := range rd.Tally {
			if !seen[name] {
				seen[name] = true
				names = append(names, name)
			}
		}
	}
	first := r.Rounds[0].Tally
	slices.SortStableFunc(names, func(a, c string) int {
		if x := first[c].Cmp(first[a]); x != 0 {
			return x
		}
		return strings.Compare(a, c)
	})
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	head := []string{"Candidate"}
	for _, rd := range r.Rounds {
		head = append(head, fmt.Sprintf("R%d", rd.Number))
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	row := func(label string, cell func(Round) string) {
		cells := []string{label}
		for _, rd := range r.Rounds {
			cells = append(cells, cell(rd))
		}
		fmt.Fprintln(tw, strings.TrimRight(strings.Join(cells, "\t"), "\t"))
	}
	for _, name := range names {
		row(name, func(rd Round) string {
			v, ok := rd.Tally[name]
			if !ok {
				return ""
			}
			s := v.String()
			switch {
			case slices.Contains(rd.Elected, name):
				s += " *"
			case slices.Contains(rd.Eliminated, name):
				s += " x"
			}
			return s
		})
	}
	row("Exhausted", func(rd Round) string { return rd.Exhausted.String() })
	if last := r.Rounds[len(r.Rounds)-1]; !last.Lost.IsZero() {
		row("Lost to rounding", func(rd Round) string { return rd.Lost.String() })
	}
	row("Threshold", func(rd Round) string { return rd.Threshold.String() })
	tw.Flush()
	b.WriteString("(* elected, x eliminated)\n")
	for _, rd := range r.Rounds {
		var acts []string
		if len(rd.Elected) > 0 {
			acts = append(acts, "elected "+strings.Join(rd.Elected, ", "))
		}
		if len(rd.Surplus) > 0 {
			acts = append(acts, "surplus of "+strings.Join(rd.Surplus, ", ")+" transferred next")
		}
		if len(rd.Eliminated) > 0 {
			acts = append(acts, "eliminated "+strings.Join(rd.Eliminated, ", "))
		}
		if len(acts) > 0 {
			fmt.Fprintf(b, "Round %d: %s\n", rd.Number, strings.Join(acts, "; "))
		}
	}
}

// String is Explain.
func (r Result) String() string { return r.Explain() }
