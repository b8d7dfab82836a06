package main

import (
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
)

// writeTable prints rows under a header, each column padded to its widest
// cell by display width (a Chinese character is two columns), two spaces
// apart. right marks the columns aligned right (numbers).
func writeTable(w io.Writer, header []string, rows [][]string, right ...int) error {
	cond := widthCondition()
	widths := make([]int, len(header))
	all := append([][]string{header}, rows...)
	for _, r := range all {
		for i, c := range r {
			if i < len(widths) {
				widths[i] = max(widths[i], cond.StringWidth(c))
			}
		}
	}
	isRight := make([]bool, len(header))
	for _, i := range right {
		if i < len(isRight) {
			isRight[i] = true
		}
	}
	var sb strings.Builder
	for _, r := range all {
		var line strings.Builder
		for i := range widths {
			c := ""
			if i < len(r) {
				c = r[i]
			}
			pad := strings.Repeat(" ", widths[i]-cond.StringWidth(c))
			if i > 0 {
				line.WriteString("  ")
			}
			if isRight[i] {
				line.WriteString(pad + c)
			} else {
				line.WriteString(c + pad)
			}
		}
		sb.WriteString(strings.TrimRight(line.String(), " "))
		sb.WriteByte('\n')
	}
	_, err := io.WriteString(w, sb.String())
	return err
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
