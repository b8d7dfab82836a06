// Command gongzhi counts ballots for district staff: ranked elections
// (IRV, STV, Condorcet methods, Borda, score), participatory budgets
// (greedy, Method of Equal Shares) and the vote package's rules, with a
// round-by-round explanation a clerk can check by hand.
//
// Usage:
//
//	gongzhi tally --rule RULE.json|PRESET [--format blt|pb|csv|jsonl] [--json] [--strict] [--out FILE] BALLOTS
//	gongzhi convert [--from blt|pb|csv|jsonl] [--to blt|pb|csv|jsonl] IN OUT
//	gongzhi report --rule RULE.json|PRESET [options] BALLOTS [--notice] [--out FILE.html]
//	gongzhi verify --rule RULE.json|PRESET [options] BALLOTS --digest HEX [--ballot NUMBER]
//	gongzhi validate RULE.json
//	gongzhi presets [--kind vote|ranked|pb|sla|sharing|obligation] [--json] [--lang zh|en]
//	gongzhi presets show NAME [--seats N] [--json]
//	gongzhi calendar days|deadline|status [--calendar FILE] [--json]
//
// Exit codes: 0 done; 2 wrong command line; 3 invalid rule config (the
// message names the field); 4 ballot file unreadable or malformed (the
// message names the line); 5 the ballots cannot be counted under the rule;
// 1 anything else.
package main

import (
	"fmt"
	"io"
	"os"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
	exitRule    = 3
	exitInput   = 4
	exitCount   = 5
)

const usage = `gongzhi counts ballots and explains the result round by round.

Usage:
  gongzhi tally --rule RULE.json|PRESET [options] BALLOTS
  gongzhi convert [--from F] [--to F] IN OUT
  gongzhi report --rule RULE.json|PRESET [options] BALLOTS [--notice] [--out FILE.html]
  gongzhi report --result RESULT.json [--notice] [--out FILE.html]
  gongzhi report tickets [--grid GRID.csv] [--at T] [--by month] EXPORT.jsonl
  gongzhi verify --rule RULE [options] BALLOTS --digest HEX [--ballot NUMBER]
  gongzhi validate RULE.json
  gongzhi presets [--kind vote|ranked|pb|sla|sharing|obligation] [--json] [--lang zh|en]
  gongzhi presets show NAME [--seats N] [--json]
  gongzhi calendar days|deadline|status [--calendar FILE] [--json]

Ballot formats (from the extension, or --format): .blt (ranked), .pb
(participatory budget, pabulib), .csv (cast-vote records, one row per
ballot, a column per rank), .jsonl (one JSON ballot per line).

Run "gongzhi tally -h" for the options of tally.

Exit codes: 0 done, 2 wrong command line, 3 invalid rule, 4 bad ballot
file, 5 ballots cannot be counted under the rule, 1 other errors.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, isTerminal(os.Stderr)))
}

// run executes one command and returns the exit code.
func run(args []string, stdout, stderr io.Writer, tty bool) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "tally":
		return cmdTally(args[1:], stdout, stderr, tty)
	case "convert":
		return cmdConvert(args[1:], stdout, stderr) // files.go
	case "report":
		return cmdReport(args[1:], stdout, stderr, tty)
	case "verify":
		return cmdVerify(args[1:], stdout, stderr, tty)
	case "validate":
		return cmdValidate(args[1:], stdout, stderr)
	case "presets":
		return cmdPresets(args[1:], stdout, stderr)
	case "calendar":
		return cmdCalendar(args[1:], stdout, stderr) // calendar.go
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "gongzhi: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
