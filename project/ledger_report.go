package project

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/gongzhi/gongzhi/grid"
	"github.com/shopspring/decimal"
)

// Balance is a set of budget figures in yuan, to the fen. Unallocated is
// only meaningful for sources.
type Balance struct {
	Cap         decimal.Decimal `json:"cap"`
	Allocated   decimal.Decimal `json:"allocated"`
	Spent       decimal.Decimal `json:"spent"`
	Unspent     decimal.Decimal `json:"unspent"`     // Allocated - Spent
	Unallocated decimal.Decimal `json:"unallocated"` // Cap - Allocated
}

func balance(cap, allocated, spent int64) Balance {
	return Balance{Cap: Yuan(cap), Allocated: Yuan(allocated), Spent: Yuan(spent), Unspent: Yuan(allocated - spent), Unallocated: Yuan(cap - allocated)}
}

// SourceLine is a source's row of a Report.
type SourceLine struct {
	Source SourceID   `json:"source"`
	Kind   SourceKind `json:"kind"`
	Name   string     `json:"name,omitempty"`
	Grid   grid.ID    `json:"grid,omitempty"`
	Balance
}

// ProjectLine is a project's row of a Report, with one Allocation per
// source that funds it.
type ProjectLine struct {
	Project     ID               `json:"project"`
	Allocated   decimal.Decimal  `json:"allocated"`
	Spent       decimal.Decimal  `json:"spent"`
	Unspent     decimal.Decimal  `json:"unspent"`
	Allocations []AllocationLine `json:"allocations"`
}

// AllocationLine is one project's allocation from one source.
type AllocationLine struct {
	Source    SourceID        `json:"source"`
	Allocated decimal.Decimal `json:"allocated"`
	Spent     decimal.Decimal `json:"spent"`
	Changes   int             `json:"changes"` // recorded change_allocation entries
}

// Report is the budget by source and by project, with totals. Rows are
// sorted by id. Totals equal the sums of the rows exactly.
type Report struct {
	Sources  []SourceLine  `json:"sources"`
	Projects []ProjectLine `json:"projects"`
	Total    Balance       `json:"total"`
}

// Report summarises the ledger.
func (l *Ledger) Report() Report {
	var r Report
	var capT, allocT, spentT int64
	for _, s := range l.sources {
		r.Sources = append(r.Sources, SourceLine{Source: s.id, Kind: s.kind, Name: s.name, Grid: s.grid, Balance: balance(s.cap, s.allocated, s.spent)})
		capT += s.cap
		allocT += s.allocated
		spentT += s.spent
	}
	slices.SortFunc(r.Sources, func(a, b SourceLine) int { return cmp.Compare(a.Source, b.Source) })
	byProject := map[ID][]allocKey{}
	for k := range l.allocs {
		byProject[k.project] = append(byProject[k.project], k)
	}
	for p, keys := range byProject {
		slices.SortFunc(keys, func(a, b allocKey) int { return cmp.Compare(a.source, b.source) })
		line := ProjectLine{Project: p}
		var a, s int64
		for _, k := range keys {
			st := l.allocs[k]
			a += st.allocated
			s += st.spent
			line.Allocations = append(line.Allocations, AllocationLine{Source: k.source, Allocated: Yuan(st.allocated), Spent: Yuan(st.spent), Changes: st.changes})
		}
		line.Allocated, line.Spent, line.Unspent = Yuan(a), Yuan(s), Yuan(a-s)
		r.Projects = append(r.Projects, line)
	}
	slices.SortFunc(r.Projects, func(a, b ProjectLine) int { return cmp.Compare(a.Project, b.Project) })
	r.Total = balance(capT, allocT, spentT)
	return r
}

// Project returns the allocated and spent totals of one project, in yuan.
func (l *Ledger) Project(id ID) (allocated, spent decimal.Decimal) {
	var a, s int64
	for k, st := range l.allocs {
		if k.project == id {
			a += st.allocated
			s += st.spent
		}
	}
	return Yuan(a), Yuan(s)
}

// GridLine is the budget of the projects located at or under a grid node.
type GridLine struct {
	Grid      grid.ID         `json:"grid"`
	Projects  int             `json:"projects"`
	Allocated decimal.Decimal `json:"allocated"`
	Spent     decimal.Decimal `json:"spent"`
}

// ByGrid rolls allocations and spending up the grid: every project counts
// for its own node and for each ancestor places gives (places may be nil
// for no roll-up). where maps a project to its grid node; projects it does not
// know are reported under the empty grid.ID. Rows are sorted by grid id.
func (l *Ledger) ByGrid(where func(ID) grid.ID, places Places) []GridLine {
	type acc struct {
		projects map[ID]bool
		a, s     int64
	}
	nodes := map[grid.ID]*acc{}
	for k, st := range l.allocs {
		g := where(k.project)
		chain := []grid.ID{g}
		if places != nil && g != "" {
			chain = slices.AppendSeq(chain, places.Ancestors(g))
		}
		for _, n := range chain {
			x := nodes[n]
			if x == nil {
				x = &acc{projects: map[ID]bool{}}
				nodes[n] = x
			}
			x.projects[k.project] = true
			x.a += st.allocated
			x.s += st.spent
		}
	}
	out := make([]GridLine, 0, len(nodes))
	for g, x := range nodes {
		out = append(out, GridLine{Grid: g, Projects: len(x.projects), Allocated: Yuan(x.a), Spent: Yuan(x.s)})
	}
	slices.SortFunc(out, func(a, b GridLine) int { return cmp.Compare(a.Grid, b.Grid) })
	return out
}

// Explain renders the report for people: one line per source, one per
// project, then the totals.
func (r Report) Explain() string {
	var b strings.Builder
	row := func(name string, bal Balance) {
		fmt.Fprintf(&b, "  %-20s cap %14s  allocated %14s  spent %14s  unallocated %14s\n", name,
			bal.Cap.StringFixed(2), bal.Allocated.StringFixed(2), bal.Spent.StringFixed(2), bal.Unallocated.StringFixed(2))
	}
	b.WriteString("sources\n")
	for _, s := range r.Sources {
		row(string(s.Source)+" ("+string(s.Kind)+")", s.Balance)
	}
	b.WriteString("projects\n")
	for _, p := range r.Projects {
		fmt.Fprintf(&b, "  %-20s allocated %14s  spent %14s  unspent %14s", p.Project, p.Allocated.StringFixed(2), p.Spent.StringFixed(2), p.Unspent.StringFixed(2))
		changes := 0
		for _, a := range p.Allocations {
			changes += a.Changes
		}
		if changes > 0 {
			fmt.Fprintf(&b, "  (%d recorded changes)", changes)
		}
		b.WriteString("\n")
	}
	b.WriteString("total\n")
	row("", r.Total)
	return b.String()
}
