package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/gongzhi/gongzhi/catalog"
	"github.com/gongzhi/gongzhi/sheet"
	"github.com/gongzhi/gongzhi/vote"
	"github.com/gongzhi/gongzhi/vote/ballotfile"
)

// tallyFlags are the options of tally (and of report, which counts the
// same way).
type tallyFlags struct {
	rule      string
	format    string
	asJSON    bool
	explain   bool
	seats     int
	read      readFlags // files.go
	out       string
	outFormat string
	poll      string
	progress  bool
	lang      string
	// tally sheets
	skipBad   bool
	eligible  int
	roll      string
	cast      int
	layout    string
	worksheet string
	timeout   time.Duration
}

// parseInterleaved parses flags given before or after the positional
// arguments.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// countFlags registers the flags that say how to read and count ballots.
func countFlags(fs *flag.FlagSet, f *tallyFlags, tty bool) {
	fs.StringVar(&f.rule, "rule", "", "rule config file (JSON with a \"method\" field) or preset name (see gongzhi presets)")
	fs.StringVar(&f.format, "format", "", "ballot file format: blt, pb, csv or jsonl (default: from the extension)")
	fs.IntVar(&f.seats, "seats", 0, "number of seats for elections, STV and multi-winner rules (default: the ballot file's)")
	f.read.add(fs) // files.go
	fs.StringVar(&f.poll, "poll", "", "vote package rules: poll JSON with the options and voters (default: options as they appear)")
	fs.DurationVar(&f.timeout, "timeout", 0, "stop the count after this long, e.g. 30s or 5m (default: no limit)")
	fs.BoolVar(&f.progress, "progress", tty, "show reading progress on stderr (default: when stderr is a terminal)")
	fs.StringVar(&f.lang, "lang", "", "language of the output: zh or en (default: zh for community-vote rules, en otherwise)")
	fs.BoolVar(&f.skipBad, "skip-bad-rows", false, "tally sheets: count the readable rows and list the bad ones (default: count nothing until the sheet is clean)")
	fs.IntVar(&f.eligible, "eligible", 0, "tally sheets: number of registered voters (elections, votes with a quorum)")
	fs.StringVar(&f.roll, "roll", "", "tally sheets: file with the registered voters, one name per line (first column of a CSV)")
	fs.IntVar(&f.cast, "cast", 0, "tally sheets of totals: ballots cast (default: the sheet's 投票人数 / ballots cast row)")
	fs.StringVar(&f.layout, "layout", "", "tally sheets: ballots, counts or households (default: from the rule and the header)")
	fs.StringVar(&f.worksheet, "sheet", "", ".xlsx tally sheets: the worksheet to read (default: the only one holding data)")
}

func cmdTally(args []string, stdout, stderr io.Writer, tty bool) int {
	var f tallyFlags
	fs := flag.NewFlagSet("tally", flag.ContinueOnError)
	fs.SetOutput(stderr)
	countFlags(fs, &f, tty)
	fs.BoolVar(&f.asJSON, "json", false, "print the result as JSON (fields winners and rounds, and the full reasoning)")
	fs.BoolVar(&f.explain, "explain", false, "after the tables, explain the count step by step")
	fs.StringVar(&f.out, "out", "", "also write the result to this file: .json the RCTab summary (charts in RCVis), .csv the round table, .pb the pabulib file with the selected column")
	fs.StringVar(&f.outFormat, "out-format", "", "the export of --out: rctab, rounds or pb (default: from its extension)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if len(pos) != 1 || f.rule == "" {
		fmt.Fprintln(stderr, "usage: gongzhi tally --rule RULE.json|PRESET [options] BALLOTS")
		return exitUsage
	}
	out, code := countFile(f, pos[0], stderr)
	if code != exitOK {
		return code
	}
	if f.out != "" {
		// The rule was loaded by countFile already; export is in files.go.
		rule, _ := loadRule(f.rule, f.seats)
		if code := export(f.out, f.outFormat, out, rule.Ranked, stdout, stderr); code != exitOK {
			return code
		}
	}
	if f.asJSON {
		return printJSON(stdout, stderr, out)
	}
	lang, code := outputLang(f.lang, out, stderr)
	if code != exitOK {
		return code
	}
	if err := writeText(stdout, out, lang); err != nil {
		fmt.Fprintf(stderr, "gongzhi: %v\n", err)
		return exitFailure
	}
	if f.explain {
		fmt.Fprintf(stdout, "\n%s\n%s", lang.T("explain"), out.Explain())
	}
	return exitOK
}

// countFile loads the rule, reads the ballot file or tally sheet at path
// and counts it. On failure it has reported the error and returns its exit
// code.
func countFile(f tallyFlags, path string, stderr io.Writer) (catalog.Outcome, int) {
	rule, err := loadRule(f.rule, f.seats)
	if errors.Is(err, errNoRule) || errors.Is(err, catalog.ErrUnknown) || errors.Is(err, catalog.ErrSeats) {
		fmt.Fprintf(stderr, "gongzhi: --rule: %v\n", err)
		return catalog.Outcome{}, exitUsage
	}
	if err != nil {
		return catalog.Outcome{}, ruleError(stderr, f.rule, err)
	}
	sheetFile := rule.Kind == catalog.KindVote && f.format == "" && isSheet(path)
	format := ballotfile.Format("")
	if !sheetFile {
		if f.format != "" {
			format, err = ballotfile.ParseFormat(f.format)
		} else {
			format, err = ballotfile.FormatOf(path)
		}
		if err != nil {
			fmt.Fprintf(stderr, "gongzhi: %v\n", err)
			return catalog.Outcome{}, exitUsage
		}
	}
	opts, err := f.read.options(f.seats)
	if err == nil && f.out != "" {
		_, err = outKind(f.out, f.outFormat, format == ballotfile.PB)
	}
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: %v\n", err)
		return catalog.Outcome{}, exitUsage
	}
	var poll *vote.Poll
	if f.poll != "" {
		if rule.Kind != catalog.KindVote {
			fmt.Fprintf(stderr, "gongzhi: --poll is for the community-vote rules; %s is a %s rule\n", f.rule, rule.Kind)
			return catalog.Outcome{}, exitUsage
		}
		p, code := readPoll(f.poll, rule.Vote, stderr)
		if code != exitOK {
			return catalog.Outcome{}, code
		}
		poll = &p
	}
	file, err := os.Open(path)
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: cannot open the ballot file: %v\n", err)
		return catalog.Outcome{}, exitInput
	}
	defer file.Close()
	var r io.Reader = file
	if f.progress {
		if st, err := file.Stat(); err == nil {
			r = &progressReader{r: file, w: stderr, name: path, total: st.Size()}
		}
	}
	if sheetFile {
		return countSheet(f, rule, poll, r, path, stderr)
	}
	if r, err = ballotText(r); err != nil {
		return catalog.Outcome{}, inputError(stderr, path, err)
	}
	in := catalog.Input{Format: format, Poll: poll, CVR: opts.CVR, Read: opts}
	ctx := context.Background()
	if f.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, f.timeout)
		defer cancel()
	}
	out, err := catalog.Count(ctx, rule, in, r)
	noteDeviations(stderr, path, out, err) // files.go
	if errors.Is(err, context.DeadlineExceeded) {
		fmt.Fprintf(stderr, "gongzhi: the count of %s did not finish within --timeout %s\n", path, f.timeout)
		return catalog.Outcome{}, exitCount
	}
	if err != nil {
		return catalog.Outcome{}, countError(stderr, f.rule, path, err)
	}
	return out, exitOK
}

// countSheet reads a tally sheet (CSV in UTF-8 or GBK, or .xlsx) and
// counts it under a community-vote rule.
func countSheet(f tallyFlags, rule catalog.Rule, poll *vote.Poll, r io.Reader, path string, stderr io.Writer) (catalog.Outcome, int) {
	rows, _, err := readSheet(r, path, f.worksheet)
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: %s: %v\n", path, err)
		return catalog.Outcome{}, exitInput
	}
	opts := sheet.Options{Eligible: f.eligible, Cast: f.cast, SkipBadRows: f.skipBad, Layout: sheet.Layout(f.layout)}
	switch opts.Layout {
	case "", sheet.Ballots, sheet.Counts, sheet.Households:
	default:
		fmt.Fprintf(stderr, "gongzhi: --layout must be ballots, counts or households, got %q\n", f.layout)
		return catalog.Outcome{}, exitUsage
	}
	if poll != nil {
		opts.Options = poll.Options
		opts.PollID = poll.ID
		for _, v := range poll.Voters {
			opts.Roll = append(opts.Roll, string(v.ID))
		}
	}
	if f.roll != "" {
		names, code := readRoll(f.roll, f.worksheet, stderr)
		if code != exitOK {
			return catalog.Outcome{}, code
		}
		opts.Roll = names
	}
	out, err := catalog.CountSheet(rule, rows, opts)
	var se *sheet.Error
	var he *sheet.HeaderError
	switch {
	case errors.As(err, &se):
		fmt.Fprintf(stderr, "gongzhi: %s: %d bad row(s); nothing was counted:\n", path, len(se.Rows))
		for _, row := range se.Rows {
			fmt.Fprintf(stderr, "  %s:%v\n", path, row.Error())
		}
		fmt.Fprintln(stderr, "Fix those rows, or count the rest with --skip-bad-rows.")
		return catalog.Outcome{}, exitInput
	case errors.As(err, &he):
		fmt.Fprintf(stderr, "gongzhi: %s: %s\n", path, strings.TrimPrefix(he.Error(), "sheet: "))
		return catalog.Outcome{}, exitInput
	case err != nil:
		return catalog.Outcome{}, countError(stderr, f.rule, path, err)
	}
	for _, row := range out.Sheet.Skipped {
		fmt.Fprintf(stderr, "gongzhi: %s: skipped %v\n", path, row.Error())
	}
	return out, exitOK
}

// readRoll reads the registered voters: the first cell of every non-empty
// line (a header named 姓名/选民/name/voter is skipped).
func readRoll(path, worksheet string, stderr io.Writer) ([]string, int) {
	file, err := os.Open(path)
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: cannot read the roll: %v\n", err)
		return nil, exitInput
	}
	defer file.Close()
	rows, _, err := readSheet(file, path, worksheet)
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: %s: %v\n", path, err)
		return nil, exitInput
	}
	var names []string
	for i, row := range rows {
		if len(row) == 0 || strings.TrimSpace(row[0]) == "" {
			continue
		}
		n := strings.TrimSpace(row[0])
		if i == 0 && (n == "姓名" || n == "选民" || n == "选民姓名" || strings.EqualFold(n, "name") || strings.EqualFold(n, "voter")) {
			continue
		}
		names = append(names, n)
	}
	return names, exitOK
}

// readPoll reads the --poll file strictly: the options (with names) and
// voters of a poll counted under rule.
func readPoll(path string, rule vote.Rule, stderr io.Writer) (vote.Poll, int) {
	data, err := readFileMax(path, maxConfigBytes)
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: cannot read the poll: %v\n", err)
		return vote.Poll{}, exitInput
	}
	p, err := vote.ParsePollWithRule(data, rule)
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: %s: %v\n", path, err)
		return vote.Poll{}, exitInput
	}
	return p, exitOK
}

// countError maps a counting error to its message and exit code.
func countError(stderr io.Writer, ruleName, path string, err error) int {
	var pe *ballotfile.ParseError
	var de *ballotfile.DeviationError
	var ce *vote.ConfigError
	switch {
	case errors.Is(err, catalog.ErrNoBallots):
		fmt.Fprintf(stderr, "gongzhi: %s holds no ballots: nothing was counted and no result is announced\n", path)
		return exitCount
	case errors.Is(err, catalog.ErrMismatch):
		fmt.Fprintf(stderr, "gongzhi: %s: %v\n", path, err)
		return exitCount
	case errors.As(err, &pe), errors.As(err, &de):
		return inputError(stderr, path, err)
	case errors.As(err, &ce):
		return ruleError(stderr, ruleName, err)
	}
	fmt.Fprintf(stderr, "gongzhi: cannot count %s: %v\n", path, err)
	return exitCount
}

func inputError(stderr io.Writer, path string, err error) int {
	var pe *ballotfile.ParseError
	var de *ballotfile.DeviationError
	if errors.As(err, &de) {
		fmt.Fprintf(stderr, "gongzhi: %s: %v\n", path, err)
		return exitInput
	}
	if errors.As(err, &pe) && pe.Flag != "" {
		pe.Msg += " (accepted with " + pe.Flag + ")"
	}
	if errors.As(err, &pe) && pe.Line > 0 {
		fmt.Fprintf(stderr, "gongzhi: %s:%d: %s\n", path, pe.Line, pe.Msg)
		fmt.Fprintf(stderr, "Check line %d of the ballot file.\n", pe.Line)
		return exitInput
	}
	if errors.As(err, &pe) {
		fmt.Fprintf(stderr, "gongzhi: %s: %s\n", path, pe.Msg)
		return exitInput
	}
	fmt.Fprintf(stderr, "gongzhi: %s: %v\n", path, err)
	return exitInput
}
