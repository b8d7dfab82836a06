package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/gongzhi/gongzhi/catalog"
	"github.com/gongzhi/gongzhi/report"
)

// cmdPresets lists the presets, or shows one with "presets show NAME".
func cmdPresets(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "show" {
		return cmdPresetShow(args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("presets", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the presets with their descriptions as JSON")
	kind := fs.String("kind", "", "only presets of this kind: vote, ranked, pb, sla, sharing or obligation")
	lang := fs.String("lang", "zh", "language of the listing: zh or en")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	l, err := report.ParseLang(*lang)
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: --lang: %v\n", err)
		return exitUsage
	}
	list := catalog.All()
	if *kind != "" {
		k, err := catalog.ParseKind(*kind)
		if err != nil {
			fmt.Fprintf(stderr, "gongzhi: --kind: %v\n", err)
			return exitUsage
		}
		list = catalog.OfKind(k)
	}
	if *asJSON {
		return printJSON(stdout, stderr, list)
	}
	rows := make([][]string, 0, len(list))
	for _, e := range list {
		rows = append(rows, []string{e.Name, string(e.Kind), l.T(string(e.Label)), e.TitleZH, e.Title, e.Source})
	}
	header := []string{l.T("col.name"), l.T("col.kind"), l.T("col.label"), l.T("col.titlezh"), l.T("col.titleen"), l.T("col.source")}
	if err := writeTable(stdout, header, rows); err != nil {
		return exitFailure
	}
	fmt.Fprintln(stdout)
	fmt.Fprintln(stdout, l.T("presets.use"))
	return exitOK
}

// cmdPresetShow prints one preset's description and its rule as JSON.
func cmdPresetShow(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("presets show", flag.ContinueOnError)
	fs.SetOutput(stderr)
	seats := fs.Int("seats", 0, "seats for presets that elect several members (default 5 for committee elections)")
	asJSON := fs.Bool("json", false, "print only the rule as JSON")
	lang := fs.String("lang", "zh", "language of the headings: zh or en")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	l, err := report.ParseLang(*lang)
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: --lang: %v\n", err)
		return exitUsage
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "usage: gongzhi presets show NAME [--seats N] [--json]")
		return exitUsage
	}
	e, ok := catalog.Find(pos[0])
	if !ok {
		fmt.Fprintf(stderr, "gongzhi: no preset %q (run \"gongzhi presets\" for the names)\n", pos[0])
		return exitUsage
	}
	n := *seats
	if e.Seats && n <= 0 {
		n = 5 // a residents' committee has 5 to 9 members (Organic Law art. 7)
	}
	if *asJSON {
		return printJSON(stdout, stderr, e.Config(n))
	}
	rows := [][]string{
		{l.T("show.name"), e.Name},
		{l.T("show.kind"), string(e.Kind)},
		{l.T("show.title"), e.TitleZH},
		{l.T("show.titleen"), e.Title},
		{l.T("show.summary"), l.Title(e.SummaryZH, e.Summary)},
		{l.T("show.source"), e.Source},
		{l.T("show.label"), l.T(string(e.Label))},
	}
	for _, r := range rows {
		fmt.Fprintf(stdout, "%s: %s\n", r[0], r[1])
	}
	fmt.Fprintf(stdout, "%s:\n", l.T("show.rule"))
	return printJSON(stdout, stderr, e.Config(n))
}

// printJSON writes v as indented JSON with names as written.
func printJSON(stdout, stderr io.Writer, v any) int {
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(stderr, "gongzhi: %v\n", err)
		return exitFailure
	}
	return exitOK
}
