package report

import (
	"fmt"
	"strings"
)

// bidiControls are the explicit direction formatting characters of Unicode
// (embeddings, overrides and isolates, U+202A-U+202E and U+2066-U+2069). In
// a name they reverse or reorder the text after it on the same line: a
// candidate named "赵六" + U+202E showed "当选：赵六（1/3 名）" as "当选：赵六（名 3/1）"
// (the Trojan Source attack, CVE-2021-42574). No name needs them; the
// right-to-left letters of Uyghur or Arabic names order themselves.
var bidiControls = func() *strings.Replacer {
	var pairs []string
	for _, r := range []rune{0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069} {
		pairs = append(pairs, string(r), fmt.Sprintf("[U+%04X]", r))
	}
	return strings.NewReplacer(pairs...)
}()

// visible shows each direction formatting character of s as its code point
// ("[U+202E]"), so that the text around it reads as written.
func visible(s string) string {
	if !strings.ContainsAny(s, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069") {
		return s
	}
	return bidiControls.Replace(s)
}

// visibleSummary applies visible to every text of s.
func visibleSummary(s Summary) Summary {
	s.Title = visible(s.Title)
	for i := range s.Facts {
		s.Facts[i].Label, s.Facts[i].Value = visible(s.Facts[i].Label), visible(s.Facts[i].Value)
	}
	for i := range s.Tables {
		t := &s.Tables[i]
		t.Caption = visible(t.Caption)
		for j := range t.Header {
			t.Header[j] = visible(t.Header[j])
		}
		for _, row := range t.Rows {
			for j := range row {
				row[j] = visible(row[j])
			}
		}
	}
	for i := range s.Outcome {
		s.Outcome[i] = visible(s.Outcome[i])
	}
	for i := range s.Notes {
		s.Notes[i] = visible(s.Notes[i])
	}
	return s
}
