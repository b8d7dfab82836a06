package ballotfile

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"github.com/gongzhi/gongzhi/vote/ranked"
)

// maxLine bounds one input line (ballot files never come close).
const maxLine = 16 << 20

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
// ignored. Withdrawn candidates are removed from every ballot. Equal
// rankings ("2=3") are rejected. Errors are *ParseError naming the line.
func ReadBLT(r io.Reader) (ranked.Election, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	line := 0
	next := func() (string, bool) {
		for sc.Scan() {
			line++
			s := strings.TrimSpace(sc.Text())
			if line == 1 {
				s = strings.TrimPrefix(s, "\uFEFF")
			}
			if s == "" || strings.HasPrefix(s, "#") {
				continue
			}
			return s, true
		}
		return "", false
	}
	var e ranked.Election
	head, ok := next()
	if !ok {
		return e, readErr("blt", sc.Err(), line, "empty file: expected \"<candidates> <seats>\"")
	}
	f := strings.Fields(head)
	if len(f) != 2 {
		return e, perr("blt", line, "expected \"<candidates> <seats>\", got %q", clip(head))
	}
	nc, err1 := strconv.Atoi(f[0])
	ns, err2 := strconv.Atoi(f[1])
	if err1 != nil || err2 != nil || nc <= 0 || ns < 0 || nc > 1<<16 {
		return e, perr("blt", line, "bad candidate or seat count %q", clip(head))
	}
	e.Seats = ns
	withdrawn := make([]bool, nc)
	anyWithdrawn := false
	s, ok := next()
	if ok && strings.HasPrefix(s, "-") {
		for _, w := range strings.Fields(s) {
			k, err := strconv.Atoi(w)
			if err != nil || k >= 0 || -k > nc {
				return e, perr("blt", line, "bad withdrawn candidate %q", w)
			}
			withdrawn[-k-1] = true
			anyWithdrawn = true
		}
		s, ok = next()
	}
	mark := make([]int, nc)
	nb := 0
	for ; ok; s, ok = next() {
		if s == "0" {
			break
		}
		if strings.HasPrefix(s, "(") {
			end := strings.IndexByte(s, ')')
			if end < 0 {
				return e, perr("blt", line, "unclosed ballot id")
			}
			s = strings.TrimSpace(s[end+1:])
		}
		nb++
		b, err := parseBLTBallot(s, nc, mark, nb)
		if err != "" {
			return e, perr("blt", line, "%s", err)
		}
		if anyWithdrawn {
			b.Ranking = dropWithdrawn(b.Ranking, withdrawn)
		}
		e.Ballots = append(e.Ballots, b)
	}
	if !ok {
		return e, readErr("blt", sc.Err(), line, "missing the \"0\" line that ends the ballots")
	}
	e.Candidates = make([]string, 0, nc)
	for i := 0; i < nc; i++ {
		s, ok = next()
		if !ok {
			return e, readErr("blt", sc.Err(), line, "expected %d candidate names, found %d", nc, i)
		}
		name, good := unquote(s)
		if !good {
			return e, perr("blt", line, "candidate name must be quoted, got %q", clip(s))
		}
		e.Candidates = append(e.Candidates, name)
	}
	if s, ok = next(); ok {
		t, good := unquote(s)
		if !good {
			return e, perr("blt", line, "title must be quoted, got %q", clip(s))
		}
		e.Title = t
	}
	if err := sc.Err(); err != nil {
		return e, perr("blt", line+1, "%v", err)
	}
	if err := e.Validate(); err != nil {
		return e, perr("blt", 0, "%v", err)
	}
	return e, nil
}

func parseBLTBallot(s string, nc int, mark []int, nb int) (ranked.Ballot, string) {
	var b ranked.Ballot
	fields := strings.Fields(s)
	if len(fields) < 2 || fields[len(fields)-1] != "0" {
		return b, "ballot must be \"<weight> <preferences...> 0\""
	}
	w, err := strconv.ParseInt(fields[0], 10, 64)
	if err != nil || w <= 0 || w > 1<<40 {
		return b, "bad ballot weight " + strconv.Quote(clip(fields[0]))
	}
	b.Weight = w
	b.Ranking = make([]int, 0, len(fields)-2)
	for _, p := range fields[1 : len(fields)-1] {
		if strings.ContainsAny(p, "=-") {
			return b, "equal or negative ranking " + strconv.Quote(clip(p)) + " is not supported"
		}
		k, err := strconv.Atoi(p)
		if err != nil || k < 1 || k > nc {
			return b, "unknown candidate number " + strconv.Quote(clip(p))
		}
		if mark[k-1] == nb {
			return b, "candidate " + p + " ranked twice"
		}
		mark[k-1] = nb
		b.Ranking = append(b.Ranking, k-1)
	}
	return b, ""
}

func dropWithdrawn(r []int, withdrawn []bool) []int {
	out := r[:0]
	for _, c := range r {
		if !withdrawn[c] {
			out = append(out, c)
		}
	}
	return out
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
