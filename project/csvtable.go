package project

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
)

// readTable reads a CSV table with a header row, as the importers of this
// package accept it. Header names are case-insensitive and may come in any
// order; each must be one of known, none may repeat, and every name in
// required must be present. For each data row, row is called with the row's
// line number and a getter that returns the trimmed cell of a column (""
// when the column is absent or the row is short); an error from row stops
// the reading and is returned as is. Header and CSV syntax errors are
// *InputError values.
func readTable(r io.Reader, known, required []string, row func(line int, get func(column string) string) error) error {
	cr := csv.NewReader(r)
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return &InputError{Field: "header", Reason: "missing CSV header: " + err.Error()}
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(strings.ToLower(h))
		if !slices.Contains(known, h) {
			return &InputError{Field: "header", Reason: fmt.Sprintf("unknown column %q", h)}
		}
		if _, dup := col[h]; dup {
			return &InputError{Field: "header", Reason: fmt.Sprintf("column %q twice", h)}
		}
		col[h] = i
	}
	for _, req := range required {
		if _, ok := col[req]; !ok {
			return &InputError{Field: "header", Reason: "no " + req + " column"}
		}
	}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return &InputError{Field: fmt.Sprintf("line %d", line), Reason: err.Error()}
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if err := row(line, get); err != nil {
			return err
		}
	}
}
