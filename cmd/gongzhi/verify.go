package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/gongzhi/gongzhi/report"
)

// cmdVerify recounts a ballot list and checks it against a posted digest,
// and shows one ballot by its number with its check code.
func cmdVerify(args []string, stdout, stderr io.Writer, tty bool) int {
	var f tallyFlags
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	countFlags(fs, &f, tty)
	want := fs.String("digest", "", "the digest posted with the result (公示); the ballots must hash to it")
	ballot := fs.String("ballot", "", "show this ballot (by its number) with what it marked and its check code")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if len(pos) != 1 || f.rule == "" || (*want == "" && *ballot == "") {
		fmt.Fprintln(stderr, "usage: gongzhi verify --rule RULE [options] BALLOTS --digest HEX [--ballot NUMBER]")
		return exitUsage
	}
	out, code := countFile(f, pos[0], stderr)
	if code != exitOK {
		return code
	}
	lang, code := outputLang(f.lang, out, stderr)
	if code != exitOK {
		return code
	}
	if out.Vote == nil || out.Vote.Digest == "" {
		fmt.Fprintln(stderr, "gongzhi: these ballots have no digest: a digest needs vote ballots that each carry a number (not a sheet of totals)")
		return exitCount
	}
	if *ballot != "" {
		found := false
		for _, row := range report.BallotList(out, lang).Rows {
			if row[0] == *ballot {
				fmt.Fprintln(stdout, lang.T("verify.ballot", row[0], row[1], row[2]))
				found = true
			}
		}
		if !found {
			fmt.Fprintln(stdout, lang.T("verify.noballot", *ballot))
			return exitCount
		}
	}
	if *want != "" {
		if out.Vote.Digest != *want {
			fmt.Fprintln(stdout, lang.T("verify.mismatch", out.Vote.Digest, *want))
			return exitCount
		}
		fmt.Fprintln(stdout, lang.T("verify.match", out.Vote.Cast, out.Vote.Digest))
	}
	return exitOK
}
