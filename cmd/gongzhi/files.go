package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gongzhi/gongzhi/catalog"
	"github.com/gongzhi/gongzhi/vote/ballotfile"
	"github.com/gongzhi/gongzhi/vote/ranked"
)

// readFlags are the ballot-reading options shared by tally and convert.
type readFlags struct {
	strict       bool
	equalRanks   string
	overvote     string
	maxSkips     int
	exhaustOn    bool
	idColumn     string
	weightColumn string
	rankColumns  string
	overLabel    string
	skipLabel    string
	overDelim    string
}

// add registers the flags on fs.
func (rf *readFlags) add(fs *flag.FlagSet) {
	fs.BoolVar(&rf.strict, "strict", false, "refuse a ballot file that deviates from its format in any way (BOM, CRLF, unquoted BLT names, ...), naming each deviation")
	fs.StringVar(&rf.equalRanks, "equal-ranks", "keep", "BLT equal rankings \"2=3\": keep (pairwise methods count them), truncate (the ballot ends before them, as Scottish STV rules do) or refuse")
	fs.StringVar(&rf.overvote, "overvote", "exhaust", "CSV cast-vote records: what an overvoted rank does, exhaust or skip")
	fs.IntVar(&rf.maxSkips, "max-skips", 0, "CSV cast-vote records: consecutive skipped ranks allowed before the ballot exhausts (0: no limit)")
	fs.BoolVar(&rf.exhaustOn, "exhaust-on-duplicate", false, "CSV cast-vote records: a candidate ranked twice exhausts the ballot (default: skip the repeat)")
	fs.StringVar(&rf.idColumn, "id-column", "", "CSV cast-vote records: the header of the ballot id column (default: detected)")
	fs.StringVar(&rf.weightColumn, "weight-column", "", "CSV cast-vote records: the header of the weight column (default: detected)")
	fs.StringVar(&rf.overLabel, "overvote-label", "overvote", "CSV cast-vote records: the cell text of an overvoted rank")
	fs.StringVar(&rf.skipLabel, "undervote-label", "undervote", "CSV cast-vote records: the cell text of a skipped rank (an empty cell is one too)")
	fs.StringVar(&rf.overDelim, "overvote-delimiter", "|", "CSV cast-vote records: the separator of the candidates of an overvoted cell")
	fs.StringVar(&rf.rankColumns, "rank-columns", "", "CSV cast-vote records: the headers of the rank columns in order, separated by \"|\"; \"Mayor Choice*\" matches by prefix (default: detected)")
}

// options checks the flags and returns the reader options.
func (rf *readFlags) options(seats int) (ballotfile.Options, error) {
	opts := ballotfile.Options{Strict: rf.strict, EqualRanks: ballotfile.EqualRankRule(rf.equalRanks)}
	switch opts.EqualRanks {
	case ballotfile.KeepEqualRanks, ballotfile.TruncateAtEqualRanks, ballotfile.RefuseEqualRanks:
	default:
		return opts, fmt.Errorf("--equal-ranks must be keep, truncate or refuse, got %q", rf.equalRanks)
	}
	if rf.overvote != "exhaust" && rf.overvote != "skip" {
		return opts, fmt.Errorf("--overvote must be exhaust or skip, got %q", rf.overvote)
	}
	opts.CVR = ballotfile.CVROptions{Seats: seats, Overvote: ballotfile.OvervoteRule(rf.overvote), MaxSkips: rf.maxSkips,
		ExhaustOnDuplicate: rf.exhaustOn, IDColumn: rf.idColumn, WeightColumn: rf.weightColumn,
		OvervoteLabel: rf.overLabel, SkipLabel: rf.skipLabel, OvervoteDelimiter: rf.overDelim}
	if rf.rankColumns != "" {
		opts.CVR.RankColumns = strings.Split(rf.rankColumns, "|")
	}
	return opts, nil
}

// readBallots decodes a ballot file and tells the clerk on stderr what the
// tolerant reader accepted and which META keys pabulib does not document.
func readBallots(r io.Reader, format ballotfile.Format, opts ballotfile.Options, path string, stderr io.Writer) (ballotfile.File, int) {
	r, err := ballotText(r)
	if err != nil {
		return ballotfile.File{}, inputError(stderr, path, err)
	}
	f, err := ballotfile.Read(r, format, opts)
	if err != nil {
		return f, inputError(stderr, path, err)
	}
	out := catalog.Outcome{Deviations: f.Deviations}
	if f.IsPB() {
		out.Instance = &f.Instance
	}
	noteDeviations(stderr, path, out, nil)
	return f, exitOK
}

// formatArg returns the format given by a flag, or else the one of path's
// extension.
func formatArg(flagValue, path string) (ballotfile.Format, error) {
	if flagValue != "" {
		return ballotfile.ParseFormat(flagValue)
	}
	return ballotfile.FormatOf(path)
}

// cmdConvert converts a ballot file between formats.
func cmdConvert(args []string, stdout, stderr io.Writer) int {
	var rf readFlags
	var from, to string
	fs := flag.NewFlagSet("convert", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&from, "from", "", "input format: blt, pb, csv or jsonl (default: from IN's extension)")
	fs.StringVar(&to, "to", "", "output format: blt, pb, csv or jsonl (default: from OUT's extension)")
	seats := fs.Int("seats", 0, "CSV cast-vote records: the number of seats to record (a CSV file has none)")
	rf.add(fs)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if len(pos) != 2 {
		fmt.Fprintln(stderr, "usage: gongzhi convert [--from F] [--to F] [options] IN OUT   (OUT may be - for standard output, with --to)")
		return exitUsage
	}
	in, out := pos[0], pos[1]
	inFormat, err := formatArg(from, in)
	if err == nil && out == "-" && to == "" {
		err = errors.New("writing to standard output needs --to")
	}
	var outFormat ballotfile.Format
	if err == nil {
		outFormat, err = formatArg(to, out)
	}
	opts, oerr := rf.options(*seats)
	if err == nil {
		err = oerr
	}
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: %v\n", err)
		return exitUsage
	}
	r, err := os.Open(in)
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: cannot open the ballot file: %v\n", err)
		return exitInput
	}
	defer r.Close()
	f, code := readBallots(r, inFormat, opts, in, stderr)
	if code != exitOK {
		return code
	}
	if outFormat == ballotfile.BLT && !f.IsPB() && f.Election.Seats <= 0 {
		// A BLT header names the seats; other counting programs refuse 0.
		fmt.Fprintf(stderr, "gongzhi: %s records no number of seats, which a BLT file needs: give --seats N\n", in)
		return exitUsage
	}
	return writeTo(out, stdout, stderr, func(w io.Writer) error { return ballotfile.Write(w, f, outFormat) })
}

// writeTo writes through write to the file path, or to stdout for "-". A
// file is written beside its final name and renamed, so that a failed
// write never leaves half a file.
func writeTo(path string, stdout, stderr io.Writer, write func(io.Writer) error) int {
	if path == "-" {
		if err := write(stdout); err != nil {
			return writeError(stderr, path, err)
		}
		return exitOK
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: cannot write %s: %v\n", path, err)
		return exitFailure
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return writeError(stderr, path, err)
	}
	if err := tmp.Close(); err != nil {
		return writeError(stderr, path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return writeError(stderr, path, err)
	}
	return exitOK
}

func writeError(stderr io.Writer, path string, err error) int {
	fmt.Fprintf(stderr, "gongzhi: %s: %v\n", path, err)
	if errors.Is(err, ballotfile.ErrCannotWrite) {
		return exitInput
	}
	return exitFailure
}

// The exports of tally --out.
const (
	outRCTab  = "rctab"  // RCTab JSON summary of a ranked count
	outRounds = "rounds" // CSV round table of a ranked count
	outPB     = "pb"     // pabulib file with the selected column
)

// outKind returns the export for --out path, from --out-format or the
// extension: .json is the RCTab summary, .csv the round table, .pb the
// pabulib file with selected.
func outKind(path, flagValue string, isPB bool) (string, error) {
	kind := flagValue
	if kind == "" {
		switch strings.ToLower(filepath.Ext(path)) {
		case ".json":
			kind = outRCTab
		case ".csv":
			kind = outRounds
		case ".pb":
			kind = outPB
		default:
			return "", fmt.Errorf("cannot tell the export of --out %q from its extension; give --out-format rctab, rounds or pb", path)
		}
	}
	switch {
	case kind != outRCTab && kind != outRounds && kind != outPB:
		return "", fmt.Errorf("--out-format must be rctab, rounds or pb, got %q", kind)
	case isPB && kind != outPB:
		return "", fmt.Errorf("a participatory budget exports as pb (pabulib with the selected column), not %s", kind)
	case !isPB && kind == outPB:
		return "", fmt.Errorf("a ranked count exports as rctab or rounds, not pb")
	}
	return kind, nil
}

// export writes the result of tally to --out. An STV count's RCTab
// summary writes votes with the rule's decimal places, as RCTab does.
func export(path, flagValue string, out catalog.Outcome, rule ranked.Rule, stdout, stderr io.Writer) int {
	kind, err := outKind(path, flagValue, out.PB != nil)
	if err == nil && out.Ranked == nil && out.PB == nil {
		err = fmt.Errorf("--out exports ranked counts and participatory budgets, not %s results", out.Kind)
	}
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: %v\n", err)
		return exitUsage
	}
	return writeTo(path, stdout, stderr, func(w io.Writer) error {
		switch {
		case out.PB != nil:
			in, err := ballotfile.WithSelected(*out.Instance, out.PB.Winners)
			if err != nil {
				return err
			}
			return ballotfile.WritePB(w, in)
		case kind == outRounds:
			return ballotfile.WriteRoundsCSV(w, *out.Ranked)
		}
		cfg := ballotfile.RCTabConfig{Contest: out.Election.Title}
		if rule.Method == ranked.STV {
			cfg.Decimals = rule.Decimals
		}
		return ballotfile.WriteRCTabJSON(w, *out.Election, *out.Ranked, cfg)
	})
}

// noteDeviations tells the clerk what the tolerant reader accepted, which
// META keys pabulib does not document, and which flag counts equal ranks.
func noteDeviations(stderr io.Writer, path string, out catalog.Outcome, err error) {
	for _, d := range out.Deviations {
		fmt.Fprintf(stderr, "gongzhi: note: %s:%s (accepted; --strict refuses it)\n", path, strings.TrimPrefix(d.String(), "line "))
	}
	if out.Instance != nil {
		if info, err := out.Instance.Info(); err == nil && len(info.Unknown) > 0 {
			fmt.Fprintf(stderr, "gongzhi: note: %s: META keys the pabulib format does not document, kept: %s\n", path, strings.Join(info.Unknown, ", "))
		}
	}
	if err != nil && out.Election != nil {
		equalRanksHint(stderr, *out.Election, err)
	}
}

// equalRanksHint tells the clerk which flag counts a file whose equal
// rankings the method refused.
func equalRanksHint(stderr io.Writer, e ranked.Election, err error) {
	if !errors.Is(err, ranked.ErrInvalidBallot) {
		return
	}
	for _, b := range e.Ballots {
		if b.HasEqual() {
			fmt.Fprintln(stderr, "gongzhi: the file ranks candidates equal: count it with --equal-ranks=truncate (as Scottish STV rules do), or with --rule schulze or copeland")
			return
		}
	}
}
