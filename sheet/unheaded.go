package sheet

import "slices"

// unheaded records as bad each row with a value in a column the header
// does not name (past the header's last cell, or under an empty one): the
// layouts read only named columns, so the value would be dropped without a
// word, as a count written with its thousands separator but no quotes
// (甲,1,234 counted 1) or a mark right of the last option. In the rows
// returned such a row is empty, so that no layout counts it.
func (r *reader) unheaded(rows [][]string) [][]string {
	named := make([]bool, len(rows[0]))
	for _, c := range r.h.cols {
		named[c.index] = true
	}
	out := rows
	for i := 1; i < len(rows); i++ {
		for k, c := range rows[i] {
			if (k < len(named) && named[k]) || clean(c) == "" {
				continue
			}
			v, col := clean(c), columnLetters(k)
			r.failCode(i+1, "", RowUnheadedCell, []string{col, v},
				"%q in column %s, which has no header: head the column (备注 for remarks) or clear the cell", v, col)
			if len(out) > 0 && &out[0] == &rows[0] {
				out = slices.Clone(rows)
			}
			out[i] = nil
			break
		}
	}
	return out
}

// columnLetters names a 0-based column as a spreadsheet does: A, B, ...
// Z, AA, AB, ...
func columnLetters(k int) string {
	s := ""
	for k++; k > 0; k = (k - 1) / 26 {
		s = string(rune('A'+(k-1)%26)) + s
	}
	return s
}

// sortBad orders the bad rows by row number, keeping the order of a row's
// own faults.
func (r *reader) sortBad() {
	slices.SortStableFunc(r.bad, func(a, b RowError) int { return a.Row - b.Row })
}
