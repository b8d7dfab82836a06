package project

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/gongzhi/gongzhi/grid"
)

// projectColumns are the columns ReadProjects understands.
var projectColumns = []string{"id", "title", "grid", "category", "cost", "origin", "ref", "proposer", "year", "evidence"}

// ReadProjects reads pool candidates from CSV with a header row, as a
// district keeps them in a spreadsheet. Columns id, title, cost, origin
// and year are required; grid, category, ref, proposer and evidence
// (several items separated by ";") are optional; the order is free.
// Every project is validated as Propose would (status Proposed). Unknown
// columns, malformed numbers, duplicate ids and invalid projects are
// *InputError values naming the line. Costs are decimal strings in yuan
// (no exponents), never floats.
//
//	id,title,grid,category,cost,origin,ref,year
//	mp-001,楼道照明改造,sub-1/com-2,safety,86000,ticket,T-2026-331,2027
func ReadProjects(r io.Reader) ([]Project, error) {
	var ps []Project
	seen := map[ID]bool{}
	err := readTable(r, projectColumns, []string{"id", "title", "cost", "origin", "year"}, func(line int, get func(string) string) error {
		bad := func(field, reason string) error {
			return &InputError{ID: get("id"), Field: fmt.Sprintf("line %d: %s", line, field), Reason: reason}
		}
		p := Project{
			ID: ID(get("id")), Title: get("title"), Grid: grid.ID(get("grid")), Category: get("category"),
			Origin: Origin(get("origin")), Ref: get("ref"), Proposer: get("proposer"), Status: Proposed,
		}
		for _, e := range strings.Split(get("evidence"), ";") {
			if e = strings.TrimSpace(e); e != "" {
				p.Evidence = append(p.Evidence, e)
			}
		}
		cost, err := parseAmount(get("cost"))
		if err != nil {
			return bad("cost", err.Error())
		}
		p.Cost = cost
		y, err := strconv.Atoi(get("year"))
		if err != nil || y < 1 || y > 9999 {
			return bad("year", fmt.Sprintf("not a year: %q", get("year")))
		}
		p.Year = y
		if err := p.Validate(); err != nil {
			if ie, ok := err.(*InputError); ok {
				return bad(ie.Field, ie.Reason)
			}
			return err
		}
		if seen[p.ID] {
			return bad("id", "duplicate project")
		}
		seen[p.ID] = true
		ps = append(ps, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ps, nil
}
