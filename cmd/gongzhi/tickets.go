package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"
	"unicode/utf8"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/catalog"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/report"
	"github.com/gongzhi/gongzhi/ticket"
)

// cmdReportTickets writes a dashboard of exported tickets: the three rates
// per community and grid, SLA status, volume trend.
func cmdReportTickets(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("report tickets", flag.ContinueOnError)
	fs.SetOutput(stderr)
	outPath := fs.String("out", "", "write the page to this file (default: standard output)")
	policy := fs.String("policy", "beijing-illustrative", "SLA policy: a preset (gongzhi presets --kind sla) or a policy JSON file")
	cats := fs.String("categories", "", "category tree JSON (default: the package's community categories)")
	gridFile := fs.String("grid", "", "grid CSV (id, code, name, level, parent_id, parent_code, valid_from, valid_to) to roll up to communities and grids")
	at := fs.String("at", "", "the instant the dashboard stands at, 2006-01-02T15:04 (Beijing) or RFC 3339 (default: the last event in the export)")
	by := fs.String("by", "month", "period of the volume trend: day, month or year")
	weights := fs.String("weights", "equal-thirds", "weights of the composite: equal-thirds or jungar (30/35/35)")
	rtc := fs.Bool("round-the-clock", false, "count every time limit on the round-the-clock calendar (exports from years the working calendar does not cover)")
	title := fs.String("title", "", "the dashboard's title")
	lang := fs.String("lang", "zh", "language: zh or en")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "usage: gongzhi report tickets [options] EXPORT.jsonl")
		return exitUsage
	}
	l, err := report.ParseLang(*lang)
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: --lang: %v\n", err)
		return exitUsage
	}
	opts := report.TicketOptions{Lang: l, Title: *title, Trend: ticket.Granularity(*by), Location: calendar.China().Location()}
	switch opts.Trend {
	case ticket.Daily, ticket.Monthly, ticket.Yearly:
	default:
		fmt.Fprintf(stderr, "gongzhi: --by must be day, month or year, got %q\n", *by)
		return exitUsage
	}
	switch *weights {
	case "equal-thirds":
		opts.Weights = ticket.EqualThirds()
	case "jungar":
		opts.Weights = ticket.Jungar()
	default:
		fmt.Fprintf(stderr, "gongzhi: --weights must be equal-thirds or jungar, got %q\n", *weights)
		return exitUsage
	}
	cfg, code := ticketConfig(*cats, *policy, *rtc, stderr)
	if code != exitOK {
		return code
	}
	ts, code := readTickets(cfg, pos[0], stderr)
	if code != exitOK {
		return code
	}
	if *at != "" {
		if opts.At, err = parseInstant(*at, opts.Location); err != nil {
			fmt.Fprintf(stderr, "gongzhi: --at: %v\n", err)
			return exitUsage
		}
	} else {
		for _, t := range ts {
			if t.Updated.After(opts.At) {
				opts.At = t.Updated
			}
		}
	}
	if *gridFile != "" {
		v, code := readGridView(*gridFile, opts.At, stderr)
		if code != exitOK {
			return code
		}
		opts.View = v
	}
	page, err := report.TicketsPage(ts, opts)
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: %v\n", err)
		return exitFailure
	}
	return writeOut(*outPath, page, stdout, stderr)
}

// ticketConfig builds the replay configuration: categories, SLA policy and
// calendars.
func ticketConfig(catsFile, policy string, roundTheClock bool, stderr io.Writer) (ticket.Config, int) {
	var cats *ticket.Categories
	var err error
	if catsFile != "" {
		data, rerr := readFileMax(catsFile, maxConfigBytes)
		if rerr != nil {
			fmt.Fprintf(stderr, "gongzhi: %v\n", rerr)
			return ticket.Config{}, exitInput
		}
		cats, err = ticket.LoadCategories(data)
	} else {
		cats, err = ticket.NewCategories(ticket.CommunityCategories())
	}
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: categories: %v\n", err)
		return ticket.Config{}, exitRule
	}
	var p ticket.Policy
	if e, ok := catalog.Find(policy); ok && e.Kind == catalog.KindSLA {
		p = e.Config(0).(ticket.Policy)
	} else {
		data, rerr := readFileMax(policy, maxConfigBytes)
		if rerr != nil {
			fmt.Fprintf(stderr, "gongzhi: --policy: no SLA preset or file %q (gongzhi presets --kind sla)\n", policy)
			return ticket.Config{}, exitUsage
		}
		if p, err = ticket.LoadPolicy(data, cats); err != nil {
			return ticket.Config{}, ruleError(stderr, policy, err)
		}
	}
	cal := calendar.China()
	if roundTheClock {
		cal = calendar.RoundTheClock()
	}
	return ticket.Config{Categories: cats, Policy: p, Calendars: ticket.Calendars{Working: cal, RoundTheClock: calendar.RoundTheClock()}}, exitOK
}

// readTickets replays an export: ticket records (ticket.Export) as JSON
// Lines, one per line, or as one JSON array.
func readTickets(cfg ticket.Config, path string, stderr io.Writer) ([]ticket.Ticket, int) {
	data, err := readFileMax(path, maxExportBytes)
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: %v\n", err)
		return nil, exitInput
	}
	data = bytes.TrimPrefix(bytes.TrimSpace(data), []byte("\uFEFF"))
	if !bytes.HasPrefix(data, []byte("[")) {
		var arr bytes.Buffer
		arr.WriteByte('[')
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
		n, lines := 0, 0
		for sc.Scan() {
			lines++
			line := bytes.TrimSpace(sc.Bytes())
			if len(line) == 0 {
				continue
			}
			if !utf8.Valid(line) {
				fmt.Fprintf(stderr, "gongzhi: %s: line %d is not UTF-8 text; export or save the file as UTF-8\n", path, lines)
				return nil, exitInput
			}
			if n > 0 {
				arr.WriteByte(',')
			}
			arr.Write(line)
			n++
		}
		if err := sc.Err(); errors.Is(err, bufio.ErrTooLong) {
			fmt.Fprintf(stderr, "gongzhi: %s: line %d is longer than 16 MB; one ticket is one line of JSON\n", path, lines+1)
			return nil, exitInput
		} else if err != nil {
			fmt.Fprintf(stderr, "gongzhi: %s: %v\n", path, err)
			return nil, exitInput
		}
		arr.WriteByte(']')
		data = arr.Bytes()
	}
	ts, err := ticket.Import(cfg, data)
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: %s: %v\n", path, err)
		if errors.Is(err, calendar.ErrOutOfRange) {
			fmt.Fprintln(stderr, "The export has days the working calendar does not cover; try --round-the-clock.")
		}
		return nil, exitInput
	}
	return ts, exitOK
}

// readGridView loads a grid CSV in the default hierarchy and returns the
// grid as it stood at at.
func readGridView(path string, at time.Time, stderr io.Writer) (*grid.View, int) {
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: %v\n", err)
		return nil, exitInput
	}
	defer f.Close()
	h := grid.DefaultHierarchy()
	recs, err := grid.ReadCSV(f, h)
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: %s: %v\n", path, err)
		return nil, exitInput
	}
	tree, err := grid.Load(h, recs)
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: %s: %v\n", path, err)
		return nil, exitInput
	}
	v, err := tree.View(context.Background(), at)
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: %s: %v\n", path, err)
		return nil, exitInput
	}
	return v, exitOK
}
