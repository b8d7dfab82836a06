package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/gongzhi/gongzhi/vote"
	"github.com/gongzhi/gongzhi/vote/ballotfile"
	"github.com/gongzhi/gongzhi/vote/pb"
	"github.com/gongzhi/gongzhi/vote/ranked"
)

type tallyFlags struct {
	rule      string
	format    string
	asJSON    bool
	seats     int
	overvote  string
	maxSkips  int
	exhaustOn bool
	poll      string
	progress  bool
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

func cmdTally(args []string, stdout, stderr io.Writer, tty bool) int {
	var f tallyFlags
	fs := flag.NewFlagSet("tally", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.rule, "rule", "", "rule config file (JSON with a \"method\" field) or preset name (see gongzhi presets)")
	fs.StringVar(&f.format, "format", "", "ballot file format: blt, pb, csv or jsonl (default: from the extension)")
	fs.BoolVar(&f.asJSON, "json", false, "print the result as JSON (fields winners and rounds, and the full reasoning)")
	fs.IntVar(&f.seats, "seats", 0, "number of seats for STV and multi-winner rules (default: the ballot file's)")
	fs.StringVar(&f.overvote, "overvote", "exhaust", "CSV cast-vote records: what an overvoted rank does, exhaust or skip")
	fs.IntVar(&f.maxSkips, "max-skips", 0, "CSV cast-vote records: consecutive skipped ranks allowed before the ballot exhausts (0: no limit)")
	fs.BoolVar(&f.exhaustOn, "exhaust-on-duplicate", false, "CSV cast-vote records: a candidate ranked twice exhausts the ballot (default: skip the repeat)")
	fs.StringVar(&f.poll, "poll", "", "vote package rules: poll JSON with the options and voters (default: options as they appear)")
	fs.DurationVar(&f.timeout, "timeout", 0, "stop the count after this long, e.g. 30s or 5m (default: no limit)")
	fs.BoolVar(&f.progress, "progress", tty, "show reading progress on stderr (default: when stderr is a terminal)")
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
	path := pos[0]
	rule, err := loadRule(f.rule, f.seats)
	if errors.Is(err, errNoRule) {
		fmt.Fprintf(stderr, "gongzhi: --rule: %v\n", err)
		return exitUsage
	}
	if err != nil {
		return ruleError(stderr, f.rule, err)
	}
	format := ballotfile.Format("")
	if f.format != "" {
		format, err = ballotfile.ParseFormat(f.format)
	} else {
		format, err = ballotfile.FormatOf(path)
	}
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: %v\n", err)
		return exitUsage
	}
	if f.overvote != "exhaust" && f.overvote != "skip" {
		fmt.Fprintf(stderr, "gongzhi: --overvote must be exhaust or skip, got %q\n", f.overvote)
		return exitUsage
	}
	file, err := os.Open(path)
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: cannot open the ballot file: %v\n", err)
		return exitInput
	}
	defer file.Close()
	var r io.Reader = file
	if f.progress {
		if st, err := file.Stat(); err == nil {
			r = &progressReader{r: file, w: stderr, name: path, total: st.Size()}
		}
	}
	ctx := context.Background()
	if f.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, f.timeout)
		defer cancel()
	}
	out, code := count(ctx, rule, format, r, path, f, stderr)
	if code != exitOK {
		return code
	}
	if f.asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false) // names in any script round-trip as written
		enc.SetIndent("", "  ")
		if err := enc.Encode(out.json); err != nil {
			fmt.Fprintf(stderr, "gongzhi: %v\n", err)
			return exitFailure
		}
		return exitOK
	}
	fmt.Fprint(stdout, out.text)
	return exitOK
}

type output struct {
	json any
	text string
}

func inputError(stderr io.Writer, path string, err error) int {
	var pe *ballotfile.ParseError
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

// countError reports an error of the count itself; a count stopped by
// --timeout says so.
func countError(stderr io.Writer, path string, f tallyFlags, err error) int {
	if errors.Is(err, context.DeadlineExceeded) {
		fmt.Fprintf(stderr, "gongzhi: the count of %s did not finish within --timeout %s\n", path, f.timeout)
		return exitCount
	}
	fmt.Fprintf(stderr, "gongzhi: cannot count %s: %v\n", path, err)
	return exitCount
}

func count(ctx context.Context, rule loadedRule, format ballotfile.Format, r io.Reader, path string, f tallyFlags, stderr io.Writer) (output, int) {
	switch {
	case rule.kind == kindPB && format != ballotfile.PB:
		fmt.Fprintf(stderr, "gongzhi: rule %s counts participatory budgets; %s is not a .pb file\n", rule.method(), path)
		return output{}, exitCount
	case rule.kind != kindPB && format == ballotfile.PB:
		fmt.Fprintf(stderr, "gongzhi: %s is a participatory budget; count it with --rule greedy or --rule mes, not %s\n", path, rule.method())
		return output{}, exitCount
	case rule.kind == kindVote && format != ballotfile.JSONL:
		fmt.Fprintf(stderr, "gongzhi: rule %s reads JSON Lines ballots ({\"marks\":[...]}); %s is %s\n", rule.method(), path, format)
		return output{}, exitCount
	}
	switch rule.kind {
	case kindPB:
		in, err := ballotfile.ReadPB(r)
		if err != nil {
			return output{}, inputError(stderr, path, err)
		}
		res, err := pb.TallyContext(ctx, rule.pb, in)
		if err != nil {
			return output{}, countError(stderr, path, f, err)
		}
		return output{json: res, text: res.Explain()}, exitOK
	case kindVote:
		return countVote(rule, r, path, f, stderr)
	}
	var e ranked.Election
	var err error
	switch format {
	case ballotfile.BLT:
		e, err = ballotfile.ReadBLT(r)
	case ballotfile.CSV:
		e, err = ballotfile.ReadCVR(r, ballotfile.CVROptions{Seats: f.seats, Overvote: ballotfile.OvervoteRule(f.overvote),
			MaxSkips: f.maxSkips, ExhaustOnDuplicate: f.exhaustOn})
	case ballotfile.JSONL:
		e, err = ballotfile.ReadJSONL(r, nil)
	}
	if err != nil {
		return output{}, inputError(stderr, path, err)
	}
	res, err := ranked.TallyContext(ctx, rule.ranked, e, ranked.Limits{})
	if err != nil {
		var ce *vote.ConfigError
		if errors.As(err, &ce) {
			return output{}, ruleError(stderr, f.rule, err)
		}
		return output{}, countError(stderr, path, f, err)
	}
	return output{json: res, text: res.Explain()}, exitOK
}

// voteOutput is the JSON shape for the vote package's rules: winners and
// rounds like the other methods, and the full result.
type voteOutput struct {
	Winners []vote.OptionID `json:"winners"`
	Rounds  []any           `json:"rounds"`
	Result  vote.Result     `json:"result"`
}

// countVote counts JSON Lines ballots of the vote package (one
// vote.Ballot per line) under a vote.Rule.
func countVote(rule loadedRule, r io.Reader, path string, f tallyFlags, stderr io.Writer) (output, int) {
	poll := vote.Poll{ID: "cli"}
	if f.poll != "" {
		data, err := os.ReadFile(f.poll)
		if err != nil {
			fmt.Fprintf(stderr, "gongzhi: cannot read the poll: %v\n", err)
			return output{}, exitInput
		}
		poll, err = vote.ParsePollWithRule(data, rule.vote)
		if err != nil {
			fmt.Fprintf(stderr, "gongzhi: %s: %v\n", f.poll, err)
			return output{}, exitInput
		}
	}
	poll.Rule = rule.vote
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	var ballots []vote.Ballot
	seen := map[vote.OptionID]bool{}
	for _, o := range poll.Options {
		seen[o.ID] = true
	}
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\uFEFF"))
		if s == "" {
			continue
		}
		b, err := vote.DecodeBallot([]byte(s))
		if err != nil {
			fmt.Fprintf(stderr, "gongzhi: %s:%d: %v\nCheck line %d of the ballot file.\n", path, line, err, line)
			return output{}, exitInput
		}
		if f.poll == "" {
			for _, m := range b.Marks {
				if !seen[m.Option] {
					seen[m.Option] = true
					poll.Options = append(poll.Options, vote.Option{ID: m.Option})
				}
			}
		}
		ballots = append(ballots, b)
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintf(stderr, "gongzhi: %s:%d: %v\n", path, line+1, err)
		return output{}, exitInput
	}
	res, err := vote.Tally(poll, ballots)
	if err != nil {
		var ce *vote.ConfigError
		if errors.As(err, &ce) {
			return output{}, ruleError(stderr, f.rule, err)
		}
		fmt.Fprintf(stderr, "gongzhi: cannot count %s: %v\n", path, err)
		return output{}, exitCount
	}
	winners := res.Selected
	if winners == nil {
		winners = []vote.OptionID{}
	}
	return output{json: voteOutput{Winners: winners, Rounds: []any{}, Result: res}, text: res.Explain()}, exitOK
}
