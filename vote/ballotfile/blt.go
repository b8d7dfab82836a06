package ballotfile

import (
	"bufio"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/gongzhi/gongzhi/vote/ranked"
)

// maxLine bounds one input line (ballot files never come close).
const maxLine = 16 << 20

// maxWeight bounds the weight of one BLT or CSV ballot line, and
// maxCandidates the candidates of a BLT file.
const (
	maxWeight     = 1 << 40
	maxCandidates = 1 << 16
)

// ReadBLT decodes a BLT ballot file (the OpenSTV / ERS / Hill format):
//
//	4 2            number of candidates, number of seats
//	-3             optional: withdrawn candidates, negative numbers
//	12 1 2 0       weight, preferences (1-based candidate numbers), 0
//	0              end of ballots
//	"Alice"        one quoted name per candidate
//	"Election"     title
//
// A ballot line may start with an id in parentheses, "(b7) 1 2 3 0", which is
// ignored. Withdrawn candidates are listed in Election.Withdrawn and left
// out of every ranking.
//
// ReadBLT is tolerant of what published files contain (see Construct): a
// byte-order mark, CRLF, blank lines, "#" comments (whole lines, or after
// the data as OpenSTV writes them), OpenSTV's skipped rank "-", a ballot
// line without its closing 0 (OpenTally), names and title
// without quotes (the Scottish council files), a name and party in
// spreadsheet doubled quotes (`"Neil ALEXANDER ""Scottish Liberal
// Democrats"""` is the name "Neil ALEXANDER" with that party, in
// Election.Parties), and equal rankings "2=3" (kept in Ballot.Equal). It
// refuses, naming the line, anything after the title (an extra name line
// or trailing garbage). Errors are *ParseError. Use Read for strict mode
// and the other equal-rank rules.
func ReadBLT(r io.Reader) (ranked.Election, error) {
	var dev deviations
	return readBLT(r, Options{}, &dev)
}

// bltLines yields the meaningful lines of a BLT file, noting the tolerated
// constructs.
type bltLines struct {
	sc   *bufio.Scanner
	dev  *deviations
	line int
	crlf bool
}

func (l *bltLines) next() (string, bool) {
	for l.sc.Scan() {
		l.line++
		s := l.sc.Text()
		if l.line == 1 && strings.HasPrefix(s, "\uFEFF") {
			s = s[3:]
			l.dev.note(BOM, 1, "")
		}
		if l.crlf {
			l.dev.note(CRLF, l.line, "")
			l.crlf = false
		}
		s = strings.TrimSpace(s)
		switch {
		case s == "":
			l.dev.note(BlankLine, l.line, "")
			continue
		case strings.HasPrefix(s, "#"):
			l.dev.note(CommentLine, l.line, s)
			continue
		}
		if i := commentStart(s); i > 0 {
			l.dev.note(TrailingComment, l.line, s[i:])
			s = strings.TrimSpace(s[:i])
		}
		return s, true
	}
	return "", false
}

// commentStart returns where an OpenSTV comment ("# to end of line")
// starts in s: a "#" outside quotes after a space; or -1.
func commentStart(s string) int {
	if !strings.Contains(s, "#") {
		return -1
	}
	quoted := false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '"':
			quoted = !quoted
		case s[i] == '#' && !quoted && i > 0 && (s[i-1] == ' ' || s[i-1] == '\t'):
			return i
		}
	}
	return -1
}

// split is bufio.ScanLines that remembers a dropped carriage return.
func (l *bltLines) split(data []byte, atEOF bool) (int, []byte, error) {
	adv, tok, err := bufio.ScanLines(data, atEOF)
	if tok != nil && adv > len(tok) && adv >= 2 && data[adv-1] == '\n' && data[adv-2] == '\r' {
		l.crlf = true
	}
	return adv, tok, err
}

func readBLT(r io.Reader, opts Options, dev *deviations) (ranked.Election, error) {
	e, err := decodeBLT(r, opts, dev)
	if err != nil {
		return ranked.Election{}, err
	}
	return e, nil
}

func decodeBLT(r io.Reader, opts Options, dev *deviations) (ranked.Election, error) {
	l := &bltLines{dev: dev}
	l.sc = bufio.NewScanner(r)
	l.sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	l.sc.Split(l.split)
	var e ranked.Election
	head, ok := l.next()
	if !ok {
		return e, readErr("blt", l.sc.Err(), l.line, "empty file: expected \"<candidates> <seats>\"")
	}
	f := strings.Fields(head)
	if len(f) != 2 {
		return e, perr("blt", l.line, "expected \"<candidates> <seats>\", got %q", clip(head))
	}
	nc, err1 := strconv.Atoi(f[0])
	ns, err2 := strconv.Atoi(f[1])
	if err1 != nil || err2 != nil || nc <= 0 || ns < 0 || nc > maxCandidates {
		return e, perr("blt", l.line, "bad candidate or seat count %q", clip(head))
	}
	e.Seats = ns
	withdrawn := make([]bool, nc)
	anyWithdrawn := false
	s, ok := l.next()
	if ok && strings.HasPrefix(s, "-") {
		for _, w := range strings.Fields(s) {
			k, err := strconv.Atoi(w)
			if err != nil || k >= 0 || -k > nc {
				return e, perr("blt", l.line, "bad withdrawn candidate %q", w)
			}
			if !withdrawn[-k-1] {
				e.Withdrawn = append(e.Withdrawn, -k-1)
			}
			withdrawn[-k-1] = true
			anyWithdrawn = true
		}
		s, ok = l.next()
	}
	mark := make([]int, nc)
	nb := 0
	rule := opts.EqualRanks
	for ; ok; s, ok = l.next() {
		if s == "0" {
			break
		}
		if strings.HasPrefix(s, "(") {
			end := strings.IndexByte(s, ')')
			if end < 0 {
				return e, perr("blt", l.line, "unclosed ballot id")
			}
			s = strings.TrimSpace(s[end+1:])
		}
		nb++
		b, msg := parseBLTBallot(s, nc, mark, nb, rule, dev, l.line)
		if msg != "" {
			pe := &ParseError{Format: "blt", Line: l.line, Msg: msg}
			if strings.HasPrefix(msg, "equal ranking") {
				pe.Flag = "--equal-ranks=keep or --equal-ranks=truncate"
			}
			return e, pe
		}
		if strings.Contains(s, "=") {
			dev.note(EqualRanks, l.line, s)
		}
		if anyWithdrawn {
			b = dropWithdrawn(b, withdrawn)
		}
		e.Ballots = append(e.Ballots, b)
	}
	if !ok {
		return e, readErr("blt", l.sc.Err(), l.line, "missing the \"0\" line that ends the ballots")
	}
	e.Candidates = make([]string, 0, nc)
	var parties []string
	for i := 0; i < nc; i++ {
		s, ok = l.next()
		if !ok {
			return e, readErr("blt", l.sc.Err(), l.line, "expected %d candidate names, found %d", nc, i)
		}
		name, party, c := bltName(s)
		if c != "" {
			dev.note(c, l.line, s)
		}
		if party != "" && parties == nil {
			parties = make([]string, nc)
		}
		if parties != nil {
			parties[i] = party
		}
		e.Candidates = append(e.Candidates, name)
	}
	e.Parties = parties
	if s, ok = l.next(); ok {
		t, good := unquote(s)
		if !good {
			dev.note(UnquotedTitle, l.line, s)
			t = s
		}
		e.Title = t
		if s, ok = l.next(); ok {
			return e, perr("blt", l.line, "unexpected line %q after the title: the header says %d candidates (an extra name line, or trailing text?)", clip(s), nc)
		}
	}
	if err := l.sc.Err(); err != nil {
		return e, perr("blt", l.line+1, "%v", err)
	}
	if err := e.Validate(); err != nil {
		return e, perr("blt", 0, "%v", err)
	}
	return e, nil
}

// bltName reads a candidate name line: "Name", Name, or a name and party
// as spreadsheets export them. It returns the construct tolerated, if any.
func bltName(s string) (name, party string, c Construct) {
	inner, quoted := unquote(s)
	if !quoted {
		return s, "", UnquotedName
	}
	if !strings.Contains(inner, `"`) {
		return inner, "", ""
	}
	// Doubled quotes: `"Neil ALEXANDER ""Lib Dem"""` holds
	// `Neil ALEXANDER "Lib Dem"`, and `"""Kate CAMPBELL"" ""Con"""` holds
	// `"Kate CAMPBELL" "Con"`.
	if !strings.Contains(inner, `""`) {
		return inner, "", ""
	}
	text := strings.ReplaceAll(inner, `""`, `"`)
	var parts []string
	rest := strings.TrimSpace(text)
	for rest != "" {
		if rest[0] == '"' {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				return inner, "", ""
			}
			parts = append(parts, rest[1:end+1])
			rest = strings.TrimSpace(rest[end+2:])
			continue
		}
		end := strings.IndexByte(rest, '"')
		if end < 0 {
			end = len(rest)
		}
		parts = append(parts, strings.TrimSpace(rest[:end]))
		rest = rest[end:]
	}
	if len(parts) != 2 || parts[0] == "" {
		return inner, "", ""
	}
	return parts[0], parts[1], SpreadsheetQuotes
}

func parseBLTBallot(s string, nc int, mark []int, nb int, rule EqualRankRule, dev *deviations, line int) (ranked.Ballot, string) {
	var b ranked.Ballot
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return b, "ballot must be \"<weight> <preferences...> 0\""
	}
	if fields[len(fields)-1] != "0" {
		// OpenTally and HWW make the final 0 optional on a line of its own.
		dev.note(BallotWithoutZero, line, s)
		fields = append(fields, "0")
	}
	if len(fields) < 2 {
		return b, "ballot must be \"<weight> <preferences...> 0\""
	}
	w, err := strconv.ParseInt(fields[0], 10, 64)
	if err != nil || w <= 0 || w > maxWeight {
		return b, "bad ballot weight " + strconv.Quote(clip(fields[0]))
	}
	b.Weight = w
	b.Ranking = make([]int, 0, len(fields)-2)
	for _, p := range fields[1 : len(fields)-1] {
		if p == "-" {
			// OpenSTV's skipped rank: the ballot goes on to the next one.
			dev.note(SkippedRank, line, s)
			continue
		}
		if strings.Contains(p, "=") {
			if rule == RefuseEqualRanks {
				return b, "equal ranking " + strconv.Quote(clip(p))
			}
			if rule == TruncateAtEqualRanks {
				return b, ""
			}
			if b.Equal == nil {
				b.Equal = make([]bool, len(b.Ranking), len(fields)-2)
			}
			for j, q := range strings.Split(p, "=") {
				k, msg := bltCandidate(q, nc, mark, nb)
				if msg != "" {
					return b, msg
				}
				b.Ranking = append(b.Ranking, k)
				b.Equal = append(b.Equal, j > 0)
			}
			continue
		}
		k, msg := bltCandidate(p, nc, mark, nb)
		if msg != "" {
			return b, msg
		}
		b.Ranking = append(b.Ranking, k)
		if b.Equal != nil {
			b.Equal = append(b.Equal, false)
		}
	}
	return b, ""
}

// bltCandidate reads a 1-based candidate number of ballot nb.
func bltCandidate(p string, nc int, mark []int, nb int) (int, string) {
	if strings.HasPrefix(p, "-") {
		return 0, "negative ranking " + strconv.Quote(clip(p)) + " is not supported"
	}
	k, err := strconv.Atoi(p)
	if err != nil || k < 1 || k > nc {
		return 0, "unknown candidate number " + strconv.Quote(clip(p))
	}
	if mark[k-1] == nb {
		return 0, "candidate " + p + " ranked twice"
	}
	mark[k-1] = nb
	return k - 1, ""
}

// dropWithdrawn leaves the withdrawn candidates out of b's ranking; the
// others keep their equal-rank groups.
func dropWithdrawn(b ranked.Ballot, withdrawn []bool) ranked.Ballot {
	r := b.Ranking[:0]
	var eq []bool
	if b.Equal != nil {
		eq = b.Equal[:0]
	}
	group, last := -1, -1
	for i, c := range b.Ranking {
		if b.Equal == nil || !b.Equal[i] {
			group++
		}
		if withdrawn[c] {
			continue
		}
		if b.Equal != nil {
			eq = append(eq, len(r) > 0 && group == last)
		}
		last = group
		r = append(r, c)
	}
	b.Ranking = r
	if !slices.Contains(eq, true) {
		eq = nil
	}
	b.Equal = eq
	return b
}

func unquote(s string) (string, bool) {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return s[1 : len(s)-1], true
	}
	return "", false
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

func readErr(format string, err error, line int, msg string, args ...any) error {
	if err != nil {
		return perr(format, line+1, "%v", err)
	}
	return perr(format, line, msg, args...)
}
