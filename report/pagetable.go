package report

import (
	"strings"
	"unicode/utf8"
)

// maxFracBox is the widest fraction (point included) laid out in a box;
// wider ones are left as text.
const maxFracBox = 12

// maxShort is the longest text cell (in characters) kept on one line.
const maxShort = 4

// pageTable is a Table laid out for the page. In a numbers column that
// holds decimals or round marks, each number is split into boxes: the
// integer part, the fraction in a box as wide as the column's widest
// fraction (in ch, the width of a digit in tabular figures), and the mark
// in a box of its own, so that the points line up whatever the font
// (1204 under 757.70123, 89.4 under 766.15).
type pageTable struct {
	Caption string
	Header  []string
	Right   []bool
	Rows    [][]pageCell
}

// pageCell is one cell of a pageTable: Text, or the boxes of a number.
type pageCell struct {
	Text  string
	Right bool
	Boxed bool
	Int   string
	Frac  string
	FracW int    // width of the fraction box in ch; 0 means no box
	Mark  string // "✔", "✘" or ""
	Marks bool   // the column has marks: every number has a mark box
	// Short is a text of a few characters ("未当选", "通过"): kept on one
	// line, where a table squeezed by a long name broke it as 未当/选.
	Short bool
}

func layoutTables(ts []Table) []pageTable {
	out := make([]pageTable, 0, len(ts))
	for _, t := range ts {
		pt := pageTable{Caption: t.Caption, Header: t.Header, Right: make([]bool, len(t.Header))}
		fracW := make([]int, len(t.Header))
		marks := make([]bool, len(t.Header))
		for i := range t.Header {
			pt.Right[i] = t.IsRight(i)
		}
		for _, r := range t.Rows {
			for i, c := range r {
				if i >= len(pt.Right) || !pt.Right[i] {
					continue
				}
				if _, f, m, ok := numberParts(c); ok {
					fracW[i] = max(fracW[i], len(f))
					marks[i] = marks[i] || m != ""
				}
			}
		}
		for _, r := range t.Rows {
			row := make([]pageCell, len(r))
			for i, c := range r {
				row[i] = pageCell{Text: c}
				if i >= len(pt.Right) || !pt.Right[i] {
					row[i].Short = utf8.RuneCountInString(c) <= maxShort
					continue
				}
				row[i].Right = true
				n, f, m, ok := numberParts(c)
				if !ok || (fracW[i] == 0 && !marks[i]) || fracW[i] > maxFracBox {
					continue
				}
				row[i] = pageCell{Right: true, Boxed: true, Int: n, Frac: f, FracW: fracW[i], Mark: m, Marks: marks[i]}
			}
			pt.Rows = append(pt.Rows, row)
		}
		out = append(out, pt)
	}
	return out
}

// numberParts splits a numbers cell holding a plain decimal ("757.70123",
// "1,204", "-2.5"), perhaps followed by a round's mark (" ✔", " ✘"), into
// the integer part, the fraction with its point ("" if none) and the mark;
// ok is false for any other cell ("80.43 % (37/46)", "–").
func numberParts(c string) (num, frac, mark string, ok bool) {
	body := c
	for _, m := range []string{"✔", "✘"} {
		if b, cut := strings.CutSuffix(c, " "+m); cut {
			body, mark = b, m
		}
	}
	num, frac, hasPoint := strings.Cut(body, ".")
	if hasPoint {
		if !digitsOnly(frac, false) {
			return "", "", "", false
		}
		frac = "." + frac
	}
	if !digitsOnly(strings.TrimPrefix(num, "-"), true) {
		return "", "", "", false
	}
	return num, frac, mark, true
}

// digitsOnly reports whether s is a non-empty run of ASCII digits (and
// thousands commas if commas).
func digitsOnly(s string, commas bool) bool {
	for _, r := range s {
		if (r < '0' || r > '9') && !(commas && r == ',') {
			return false
		}
	}
	return s != ""
}
