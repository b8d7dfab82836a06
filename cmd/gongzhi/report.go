package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/catalog"
	"github.com/gongzhi/gongzhi/report"
)

// cmdReport writes a result as a self-contained HTML page, or a publicity
// notice with --notice; "report tickets" writes a ticket dashboard.
func cmdReport(args []string, stdout, stderr io.Writer, tty bool) int {
	if len(args) > 0 && args[0] == "tickets" {
		return cmdReportTickets(args[1:], stdout, stderr)
	}
	var f tallyFlags
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	countFlags(fs, &f, tty)
	outPath := fs.String("out", "", "write the page to this file (default: standard output)")
	saved := fs.String("result", "", "report a result saved with gongzhi tally --json instead of counting ballots")
	notice := fs.Bool("notice", false, "write a publicity notice (公示): title, body, result, period, objections, ballot digest")
	issuer := fs.String("issuer", "", "notice: the body that posts it, e.g. 某某社区居民委员会")
	title := fs.String("title", "", "notice: its title (default: from the result)")
	body := fs.String("body", "", "notice: its text; paragraphs separated by blank lines (\\n\\n)")
	posted := fs.String("posted", "", "notice: when it is posted, 2006-01-02 (09:00 Beijing time) or RFC 3339")
	period := fs.String("period", "5 working days", "notice: how long it stays up, e.g. \"5 working days\" or \"7 days\", on China's working calendar")
	objections := fs.String("objections", "", "notice: where and how to object during the period")
	ballotList := fs.Bool("ballot-list", false, "notice: append the ballot list (number, marks, check code) so voters can find their ballot")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	var out catalog.Outcome
	switch {
	case *saved != "" && len(pos) == 0:
		data, err := readFileMax(*saved, maxResultBytes)
		if err != nil {
			fmt.Fprintf(stderr, "gongzhi: cannot read the result: %v\n", err)
			return exitInput
		}
		out, err = catalog.ParseOutcome(data)
		if err != nil {
			fmt.Fprintf(stderr, "gongzhi: %s: %v\n", *saved, err)
			return exitInput
		}
	case *saved == "" && len(pos) == 1 && f.rule != "":
		var code int
		out, code = countFile(f, pos[0], stderr)
		if code != exitOK {
			return code
		}
	default:
		fmt.Fprintln(stderr, "usage: gongzhi report --rule RULE [options] BALLOTS [--notice] [--out FILE.html]\n       gongzhi report --result RESULT.json [--notice] [--out FILE.html]\n       gongzhi report tickets [options] EXPORT.jsonl")
		return exitUsage
	}
	lang, code := outputLang(f.lang, out, stderr)
	if code != exitOK {
		return code
	}
	opts := report.PageOptions{Lang: lang}
	if *notice {
		n := &report.Notice{Issuer: *issuer, Title: *title, Objections: *objections, Calendar: calendar.China(), BallotList: *ballotList}
		for _, p := range strings.Split(strings.ReplaceAll(*body, `\n`, "\n"), "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				n.Body = append(n.Body, p)
			}
		}
		if *posted != "" {
			t, err := parsePosted(*posted, n.Calendar.Location())
			if err != nil {
				fmt.Fprintf(stderr, "gongzhi: --posted: %v\n", err)
				return exitUsage
			}
			p, err := calendar.ParsePeriod(*period)
			if err != nil {
				fmt.Fprintf(stderr, "gongzhi: --period: %v\n", err)
				return exitUsage
			}
			n.Posted, n.Period = t, p
		}
		opts.Notice = n
	}
	page, err := report.Page(out, opts)
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: %v\n", err)
		return exitFailure
	}
	return writeOut(*outPath, page, stdout, stderr)
}

// parsePosted reads the day a notice is posted (09:00 in loc unless a time
// is given) in the forms of parseWhen.
func parsePosted(s string, loc *time.Location) (time.Time, error) {
	return parseWhen(s, loc, 9)
}

// writeOut writes data to path, or to stdout when path is empty.
func writeOut(path string, data []byte, stdout, stderr io.Writer) int {
	if path == "" {
		if _, err := stdout.Write(data); err != nil {
			return exitFailure
		}
		return exitOK
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		fmt.Fprintf(stderr, "gongzhi: %v\n", err)
		return exitFailure
	}
	return exitOK
}
