package ballotfile_test

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"github.com/gongzhi/gongzhi/vote/ballotfile"
	"github.com/gongzhi/gongzhi/vote/ranked"
)

// genElection draws an election with the constructs the formats carry:
// names in several scripts with spaces, parties, withdrawn candidates,
// equal ranks, empty ballots and large weights.
func genElection(t *rapid.T) ranked.Election {
	pool := []string{"Alice", "Bob Smith", "张三", "李 四", "Jérémie FONTAINE", "O'Neil", "A-B", "x", "Ward 6 (Lab)", "候选人#1"}
	names := rapid.SliceOfNDistinct(rapid.SampledFrom(pool), 1, 6, rapid.ID[string]).Draw(t, "names")
	n := len(names)
	e := ranked.Election{Candidates: names, Seats: rapid.IntRange(0, n).Draw(t, "seats"),
		Title: rapid.SampledFrom([]string{"", "Ward 3", "居委会选举 2026"}).Draw(t, "title")}
	if rapid.Bool().Draw(t, "parties") {
		e.Parties = rapid.SliceOfN(rapid.SampledFrom([]string{"", "Green", "Scottish National Party (SNP)", "无党派"}), n, n).Draw(t, "party")
	}
	withdrawn := make([]bool, n)
	for _, c := range rapid.SliceOfNDistinct(rapid.IntRange(0, n-1), 0, n-1, rapid.ID[int]).Draw(t, "withdrawn") {
		e.Withdrawn = append(e.Withdrawn, c)
		withdrawn[c] = true
	}
	for range rapid.IntRange(0, 12).Draw(t, "ballots") {
		b := ranked.Ballot{Weight: rapid.Int64Range(1, 1<<40).Draw(t, "weight")}
		for _, c := range rapid.Permutation(indices(n)).Draw(t, "ranking") {
			if !withdrawn[c] && rapid.Bool().Draw(t, "ranked") {
				b.Ranking = append(b.Ranking, c)
			}
		}
		if len(b.Ranking) > 1 && rapid.Bool().Draw(t, "equal") {
			b.Equal = make([]bool, len(b.Ranking))
			for i := 1; i < len(b.Equal); i++ {
				b.Equal[i] = rapid.Bool().Draw(t, "tie")
			}
			if !b.HasEqual() {
				b.Equal = nil
			}
		}
		e.Ballots = append(e.Ballots, b)
	}
	return e
}

// For every election a format can hold, write → read gives it back, and
// the counts agree.
func TestWriteReadProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		e := genElection(t)
		for _, f := range []ballotfile.Format{ballotfile.BLT, ballotfile.JSONL, ballotfile.CSV} {
			var buf bytes.Buffer
			err := ballotfile.Write(&buf, ballotfile.File{Format: f, Election: e}, f)
			if errors.Is(err, ballotfile.ErrCannotWrite) {
				if f != ballotfile.CSV {
					t.Fatalf("%s refused %+v: %v", f, e, err)
				}
				continue // equal ranks have no CSV spelling
			}
			if err != nil {
				t.Fatal(err)
			}
			got, err := ballotfile.Read(bytes.NewReader(buf.Bytes()), f, ballotfile.Options{})
			if err != nil {
				t.Fatalf("%s: reading back: %v\n%s", f, err, buf.String())
			}
			g := got.Election
			if want, have := ballotsOf(e), ballotsOf(g); !mapsEqual(want, have) {
				t.Fatalf("%s: ballots %v, read back %v\n%s", f, want, have, buf.String())
			}
			if f == ballotfile.CSV {
				continue
			}
			if g.Title != e.Title || g.Seats != e.Seats || !slices.Equal(g.Candidates, e.Candidates) || !slices.Equal(namesOf(g, g.Withdrawn), namesOf(e, e.Withdrawn)) {
				t.Fatalf("%s: election %+v, read back %+v", f, e, g)
			}
			if !partiesEqual(e.Parties, g.Parties) {
				t.Fatalf("%s: parties %q, read back %q", f, e.Parties, g.Parties)
			}
			if len(e.Candidates) > len(e.Withdrawn) {
				sameTally(t, e, g)
			}
		}
	})
}

func partiesEqual(a, b []string) bool {
	empty := func(p []string) bool { return !slices.ContainsFunc(p, func(s string) bool { return s != "" }) }
	if empty(a) || empty(b) {
		return empty(a) && empty(b)
	}
	return slices.Equal(a, b)
}

func mapsEqual(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func indices(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}
