package ballotfile_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"

	"github.com/gongzhi/gongzhi/vote/ballotfile"
	"github.com/gongzhi/gongzhi/vote/pb"
	"github.com/gongzhi/gongzhi/vote/ranked"
)

// readFile decodes data under a byte budget: a decoder must work in memory
// proportional to its input (issue 14, item 18).
func readFile(t *testing.T, data []byte, f ballotfile.Format, opts ballotfile.Options) (ballotfile.File, error) {
	t.Helper()
	var (
		file ballotfile.File
		err  error
	)
	used := allocated(func() { file, err = ballotfile.Read(bytes.NewReader(data), f, opts) })
	if limit := uint64(2<<20 + 512*len(data)); used > limit {
		t.Fatalf("decoding %d bytes of %s allocated %d bytes, over the budget of %d", len(data), f, used, limit)
	}
	return file, err
}

// ballotsOf renders the ballots of e by candidate name, equal ranks as
// "=", merged by content, so that files with the same ballots compare
// equal whatever their candidate order or line grouping.
func ballotsOf(e ranked.Election) map[string]int64 {
	m := map[string]int64{}
	for _, b := range e.Ballots {
		var k strings.Builder
		for i, c := range b.Ranking {
			if i > 0 {
				if b.Equal != nil && b.Equal[i] {
					k.WriteString(" = ")
				} else {
					k.WriteString(" > ")
				}
			}
			k.WriteString(e.Candidates[c])
		}
		if b.Scores != nil {
			var s []string
			for i := range b.Scores {
				c, v := b.Score(i)
				if v != 0 {
					s = append(s, fmt.Sprintf("%s:%d", e.Candidates[c], v))
				}
			}
			slices.Sort(s)
			k.WriteString(" scores " + strings.Join(s, ","))
		}
		m[k.String()] += b.Weight
	}
	return m
}

// namesOf returns the names of candidates at idx.
func namesOf(e ranked.Election, idx []int) []string {
	var out []string
	for _, i := range idx {
		out = append(out, e.Candidates[i])
	}
	slices.Sort(out)
	return out
}

// fataler is what the checks need of *testing.T and *rapid.T.
type fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}

// sameTally fails unless both elections count the same under a method
// that can count them.
func sameTally(t fataler, a, b ranked.Election) {
	t.Helper()
	method := ranked.IRV
	for _, bl := range a.Ballots {
		if bl.HasEqual() || bl.Scores != nil {
			method = ranked.Schulze
		}
	}
	ra, ea := ranked.Tally(ranked.Rule{Method: method}, a)
	rb, eb := ranked.Tally(ranked.Rule{Method: method}, b)
	if (ea == nil) != (eb == nil) {
		t.Fatalf("tally: %v, after the round trip %v", ea, eb)
	}
	if ea == nil && !slices.Equal(ra.Winners, rb.Winners) {
		t.Fatalf("tally: winners %q, after the round trip %q", ra.Winners, rb.Winners)
	}
}

// roundTrip checks that what Read accepts, Write writes (or refuses with
// ErrCannotWrite) so that Read gives the same ballots back and the counts
// agree.
func roundTrip(t *testing.T, data []byte, f ballotfile.Format) {
	t.Helper()
	in, err := readFile(t, data, f, ballotfile.Options{})
	if err != nil {
		var pe *ballotfile.ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("error %v (%T) is not a *ParseError", err, err)
		}
		return
	}
	var buf bytes.Buffer
	if err := ballotfile.Write(&buf, in, f); err != nil {
		if !errors.Is(err, ballotfile.ErrCannotWrite) {
			t.Fatalf("write: %v does not wrap ErrCannotWrite", err)
		}
		return
	}
	out, err := ballotfile.Read(bytes.NewReader(buf.Bytes()), f, ballotfile.Options{})
	if err != nil {
		t.Fatalf("reading back what was written: %v\n%s", err, clipText(buf.String()))
	}
	// The writers write the format as specified, except for what has no
	// standard spelling: equal ranks and a party beside a BLT name.
	for _, d := range out.Deviations {
		if d.Construct != ballotfile.EqualRanks && d.Construct != ballotfile.SpreadsheetQuotes {
			t.Fatalf("the writer wrote a deviation: %v\n%s", d, clipText(buf.String()))
		}
	}
	if f == ballotfile.PB {
		samePBInstance(t, in.Instance, out.Instance)
		return
	}
	a, b := in.Election, out.Election
	if d := cmp.Diff(ballotsOf(a), ballotsOf(b)); d != "" {
		t.Fatalf("ballots differ after the round trip (-read +written and read)\n%s\n%s", d, clipText(buf.String()))
	}
	if f != ballotfile.CSV {
		if d := cmp.Diff([]any{a.Title, a.Seats, a.Candidates, namesOf(a, a.Withdrawn), a.Parties},
			[]any{b.Title, b.Seats, b.Candidates, namesOf(b, b.Withdrawn), b.Parties}, cmpopts.EquateEmpty()); d != "" {
			t.Fatalf("election differs after the round trip (-read +written and read)\n%s", d)
		}
		sameTally(t, a, b)
	}
}

func samePBInstance(t *testing.T, a, b pb.Instance) {
	t.Helper()
	opts := []cmp.Option{cmp.Comparer(func(x, y decimal.Decimal) bool { return x.Equal(y) }), cmpopts.EquateEmpty(),
		cmpopts.IgnoreFields(pb.Instance{}, "Meta", "Ballots")}
	if d := cmp.Diff(a, b, opts...); d != "" {
		t.Fatalf("instance differs after the round trip (-read +written and read)\n%s", d)
	}
	if len(a.Ballots) != len(b.Ballots) {
		t.Fatalf("%d ballots, after the round trip %d", len(a.Ballots), len(b.Ballots))
	}
	for i, x := range a.Ballots {
		y := b.Ballots[i]
		if x.Voter != y.Voter || !slices.Equal(x.Projects, y.Projects) || !slices.Equal(x.Points, y.Points) {
			t.Fatalf("ballot %d: %+v, after the round trip %+v", i, x, y)
		}
	}
	for k, v := range a.Meta {
		if k != "budget" && k != "num_votes" && k != "num_projects" && k != "vote_type" && k != "" && b.Meta[k] != v {
			t.Fatalf("META %q: %q, after the round trip %q", k, v, b.Meta[k])
		}
	}
	ra, ea := pb.Tally(pb.GreedyByVotes(), a)
	rb, eb := pb.Tally(pb.GreedyByVotes(), b)
	if (ea == nil) != (eb == nil) || ea == nil && !slices.Equal(ra.Winners, rb.Winners) {
		t.Fatalf("greedy: %v %v, after the round trip %v %v", ra.Winners, ea, rb.Winners, eb)
	}
}

func clipText(s string) string {
	if len(s) > 600 {
		return s[:600] + "..."
	}
	return s
}

// Every published file in the test data survives write → read.
func TestRoundTripPublishedFiles(t *testing.T) {
	files, _ := filepath.Glob("../testdata/elections/*/*")
	files = append(files, must(filepath.Glob("testdata/real/*"))...)
	n := 0
	for _, path := range files {
		f, err := ballotfile.FormatOf(path)
		if err != nil {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(path), func(t *testing.T) {
			if _, err := ballotfile.Read(bytes.NewReader(data), f, ballotfile.Options{}); err != nil {
				t.Fatalf("published file refused: %v", err)
			}
			roundTrip(t, data, f)
		})
		n++
	}
	if n < 8 {
		t.Fatalf("only %d published files found", n)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
