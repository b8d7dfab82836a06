package main

import (
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
)

// writeTable prints rows under a header, each column padded to its widest
// cell by display width (a Chinese character is two columns), two spaces
// apart. right marks the columns aligned right (numbers). In those, the
// numbers line up on their decimal point (1204 above 757.70123, the
// integer part ending where the other's point is), and a round's mark
// (" ✔", " ✘") follows its number, padded so that the points stay aligned.
func writeTable(w io.Writer, header []string, rows [][]string, right ...int) error {
	cond := widthCondition()
	isRight := make([]bool, len(header))
	for _, i := range right {
		if i < len(isRight) {
			isRight[i] = true
		}
	}
	widths := make([]int, len(header))
	ints := make([]int, len(header))  // widest integer part (or whole non-number cell) of a right column
	fracs := make([]int, len(header)) // widest fraction, with its point
	marks := make([]int, len(header)) // widest hanging mark of a right column
	all := append([][]string{header}, rows...)
	for n, r := range all {
		for i, c := range r {
			if i >= len(widths) {
				continue
			}
			if isRight[i] && n > 0 {
				body, mark := hangingMark(c)
				ip, fp := splitDecimal(body)
				marks[i] = max(marks[i], cond.StringWidth(mark))
				ints[i] = max(ints[i], cond.StringWidth(ip))
				fracs[i] = max(fracs[i], cond.StringWidth(fp))
			} else if !isRight[i] {
				widths[i] = max(widths[i], cond.StringWidth(c))
			}
		}
	}
	for i := range widths {
		if isRight[i] {
			widths[i] = max(ints[i]+fracs[i]+marks[i], cond.StringWidth(header[i]))
		}
	}
	var sb strings.Builder
	for n, r := range all {
		var line strings.Builder
		for i := range widths {
			c := ""
			if i < len(r) {
				c = r[i]
			}
			if i > 0 {
				line.WriteString("  ")
			}
			switch {
			case isRight[i] && n > 0:
				body, mark := hangingMark(c)
				ip, fp := splitDecimal(body)
				iw, fw, mw := cond.StringWidth(ip), cond.StringWidth(fp), cond.StringWidth(mark)
				line.WriteString(strings.Repeat(" ", widths[i]-marks[i]-fracs[i]-iw) + ip + fp + mark + strings.Repeat(" ", fracs[i]-fw+marks[i]-mw))
			case isRight[i]:
				line.WriteString(strings.Repeat(" ", widths[i]-cond.StringWidth(c)) + c)
			default:
				line.WriteString(c + strings.Repeat(" ", widths[i]-cond.StringWidth(c)))
			}
		}
		sb.WriteString(strings.TrimRight(line.String(), " "))
		sb.WriteByte('\n')
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

// splitDecimal splits a plain decimal number ("757.70123", "-2.5",
// "1,204.5") into its integer part and its fraction with the point
// (".70123"); any other cell ("80.43 % (37/46)", "–") is all integer
// part, aligned by its right edge.
func splitDecimal(c string) (ip, fp string) {
	i := strings.IndexByte(c, '.')
	if i < 0 || !digits(strings.TrimPrefix(c[:i], "-"), true) || !digits(c[i+1:], false) {
		return c, ""
	}
	return c[:i], c[i:]
}

// digits reports whether s is a non-empty run of ASCII digits (with
// thousands commas if commas).
func digits(s string, commas bool) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && !(commas && r == ',') {
			return false
		}
	}
	return true
}

// hangingMark splits a cell of a numbers column into the number and a
// round's trailing mark (" ✔" elected, " ✘" eliminated), if any.
func hangingMark(c string) (body, mark string) {
	for _, m := range []string{" ✔", " ✘"} {
		if b, ok := strings.CutSuffix(c, m); ok {
			return b, m
		}
	}
	return c, ""
}

// widthCondition measures display width the same way whatever the
// locale: Chinese characters are two columns, ambiguous ones (°, ±) one.
func widthCondition() *runewidth.Condition {
	cond := runewidth.NewCondition()
	cond.EastAsianWidth = false
	return cond
}

// displayWidth is the width of s in terminal columns.
func displayWidth(s string) int { return widthCondition().StringWidth(s) }
