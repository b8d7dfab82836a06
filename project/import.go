package project

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
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
	cr := csv.NewReader(r)
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return nil, &InputError{Field: "header", Reason: "missing CSV header: " + err.Error()}
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(strings.ToLower(h))
		if !slices.Contains(projectColumns, h) {
			return nil, &InputError{Field: "header", Reason: fmt.Sprintf("unknown column %q", h)}
		}
		if _, dup := col[h]; dup {
			return nil, &InputError{Field: "header", Reason: fmt.Sprintf("column %q twice", h)}
		}
		col[h] = i
	}
	for _, req := range []string{"id", "title", "cost", "origin", "year"} {
		if _, ok := col[req]; !ok {
			return nil, &InputError{Field: "header", Reason: "no " + req + " column"}
		}
	}
	var ps []Project
	seen := map[ID]bool{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return ps, nil
		}
		if err != nil {
			return nil, &InputError{Field: fmt.Sprintf("line %d", line), Reason: err.Error()}
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
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
			return nil, bad("cost", err.Error())
		}
		p.Cost = cost
		y, err := strconv.Atoi(get("year"))
		if err != nil || y < 1 || y > 9999 {
			return nil, bad("year", fmt.Sprintf("not a year: %q", get("year")))
		}
		p.Year = y
		if err := p.Validate(); err != nil {
			if ie, ok := err.(*InputError); ok {
				return nil, bad(ie.Field, ie.Reason)
			}
			return nil, err
		}
		if seen[p.ID] {
			return nil, bad("id", "duplicate project")
		}
		seen[p.ID] = true
		ps = append(ps, p)
	}
}
