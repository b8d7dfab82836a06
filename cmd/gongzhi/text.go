package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/gongzhi/gongzhi/catalog"
	"github.com/gongzhi/gongzhi/report"
)

// outputLang picks the language of the output: --lang, else Chinese for
// the community-vote rules and English for the others.
func outputLang(flagValue string, out catalog.Outcome, stderr io.Writer) (report.Lang, int) {
	if flagValue == "" {
		if out.Kind == catalog.KindVote {
			return report.Chinese, exitOK
		}
		return report.English, exitOK
	}
	l, err := report.ParseLang(flagValue)
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: --lang: %v\n", err)
		return "", exitUsage
	}
	return l, exitOK
}

// writeText prints a result's summary: the title, the facts, each table
// aligned by display width, the outcome and the notes.
func writeText(w io.Writer, out catalog.Outcome, lang report.Lang) error {
	s := report.Summarize(out, lang)
	var sb strings.Builder
	sb.WriteString(s.Title + "\n")
	sb.WriteString(strings.Repeat("=", min(displayWidth(s.Title), 72)) + "\n")
	width := 0
	for _, f := range s.Facts {
		width = max(width, displayWidth(f.Label))
	}
	for _, f := range s.Facts {
		sb.WriteString(f.Label + strings.Repeat(" ", width-displayWidth(f.Label)) + "  " + f.Value + "\n")
	}
	if _, err := io.WriteString(w, sb.String()); err != nil {
		return err
	}
	for _, t := range s.Tables {
		fmt.Fprintln(w)
		if t.Caption != "" {
			fmt.Fprintln(w, t.Caption)
		}
		if err := writeTable(w, t.Header, t.Rows, t.Right...); err != nil {
			return err
		}
	}
	fmt.Fprintln(w)
	for _, o := range s.Outcome {
		fmt.Fprintln(w, o)
	}
	for _, n := range s.Notes {
		fmt.Fprintln(w, n)
	}
	return nil
}
