package main

import (
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
)

// writeTable prints rows under a header, each column padded to its widest
// cell by display width (a Chinese character is two columns), two spaces
// apart. right marks the columns aligned right (numbers); in those, a
// round's mark (" ✔", " ✘") hangs to the right of the number, so that the
// numbers of a column stay aligned on their last digit.
func writeTable(w io.Writer, header []string, rows [][]string, right ...int) error {
	cond := widthCondition()
	isRight := make([]bool, len(header))
	for _, i := range right {
		if i < len(isRight) {
			isRight[i] = true
		}
	}
	widths := make([]int, len(header))
	marks := make([]int, len(header)) // widest hanging mark of a right column
	all := append([][]string{header}, rows...)
	for n, r := range all {
		for i, c := range r {
			if i >= len(widths) {
				continue
			}
			if isRight[i] && n > 0 {
				body, mark := hangingMark(c)
				marks[i] = max(marks[i], cond.StringWidth(mark))
				widths[i] = max(widths[i], cond.StringWidth(body))
			} else if !isRight[i] {
				widths[i] = max(widths[i], cond.StringWidth(c))
			}
		}
	}
	for i := range widths {
		if isRight[i] {
			widths[i] = max(widths[i]+marks[i], cond.StringWidth(header[i]))
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
				bw, mw := cond.StringWidth(body), cond.StringWidth(mark)
				line.WriteString(strings.Repeat(" ", widths[i]-marks[i]-bw) + body + mark + strings.Repeat(" ", marks[i]-mw))
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
