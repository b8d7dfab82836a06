package ranked_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/gongzhi/gongzhi/vote/ranked"
)

// TestWithdrawnNeverElected: C is withdrawn (a BLT "-3" line). The readers
// leave C off every ballot, so under Borda's average variant C collected
// the average of the unused positions from every ballot and won; STV with
// 2 seats filled the last seat with C at zero votes.
func TestWithdrawnNeverElected(t *testing.T) {
	e := ranked.Election{Candidates: []string{"A", "B", "C"}, Withdrawn: []int{2}, Ballots: []ranked.Ballot{
		{Weight: 3, Ranking: []int{0}},
		{Weight: 2, Ranking: []int{1}},
	}}
	for _, r := range allRules(2) {
		if r.Method == ranked.Score {
			continue
		}
		res, err := ranked.Tally(r, e)
		if err != nil {
			t.Fatalf("%+v: %v", r, err)
		}
		if slices.Contains(res.Winners, "C") || slices.Contains(res.Ranking, "C") {
			t.Errorf("%s: withdrawn C in winners %q / ranking %q", r.Method, res.Winners, res.Ranking)
		}
		if !slices.Equal(res.Withdrawn, []string{"C"}) {
			t.Errorf("%s: Withdrawn = %q", r.Method, res.Withdrawn)
		}
		if !strings.Contains(res.Explain(), "Withdrawn: C") {
			t.Errorf("%s: Explain does not name the withdrawn candidate", r.Method)
		}
	}
	// A withdrawn candidate still on the ballots (an Election built by
	// hand) is skipped like an excluded one.
	e.Ballots = append(e.Ballots, ranked.Ballot{Weight: 10, Ranking: []int{2, 1}, Scores: []int64{0, 1, 9}})
	e.Ballots[0].Scores, e.Ballots[1].Scores = []int64{1, 0, 0}, []int64{0, 1, 0}
	for _, r := range allRules(1) {
		res, err := ranked.Tally(r, e)
		if err != nil {
			t.Fatalf("%+v: %v", r, err)
		}
		if r.Method != ranked.Condorcet && (len(res.Winners) != 1 || res.Winners[0] != "B") {
			t.Errorf("%s elects %q; B has 12 of 15 once C is out", r.Method, res.Winners)
		}
	}
}

// TestNothingToDecide: every candidate withdrawn, or no ballot at all, is
// refused by every method instead of being decided by lot; so are more
// seats than eligible candidates.
func TestNothingToDecide(t *testing.T) {
	allOut := ranked.Election{Candidates: []string{"A", "B"}, Withdrawn: []int{0, 1}, Ballots: []ranked.Ballot{{Weight: 1, Ranking: []int{}}}}
	noBallots := ranked.Election{Candidates: []string{"A", "B"}}
	onlyEmpty := ranked.Election{Candidates: []string{"A", "B", "C"}, Withdrawn: []int{2}, Ballots: []ranked.Ballot{{Weight: 4, Ranking: []int{2}}}}
	for _, r := range allRules(1) {
		if _, err := ranked.Tally(r, allOut); !errors.Is(err, ranked.ErrNoCandidates) || !errors.Is(err, ranked.ErrInvalidElection) {
			t.Errorf("%s, all withdrawn: %v, want ErrNoCandidates", r.Method, err)
		}
		for name, e := range map[string]ranked.Election{"no ballots": noBallots, "only for withdrawn": onlyEmpty} {
			if _, err := ranked.Tally(r, e); !errors.Is(err, ranked.ErrNoBallots) {
				t.Errorf("%s, %s: %v, want ErrNoBallots", r.Method, name, err)
			}
		}
	}
	two := ranked.Election{Candidates: []string{"A", "B", "C"}, Withdrawn: []int{1}, Ballots: []ranked.Ballot{{Weight: 1, Ranking: []int{0, 2}, Scores: []int64{1, 0, 1}}}}
	for _, r := range allRules(3) {
		if r.Method == ranked.IRV || r.Method == ranked.Condorcet {
			continue
		}
		if _, err := ranked.Tally(r, two); !errors.Is(err, ranked.ErrInvalidElection) {
			t.Errorf("%s: 3 seats for 2 eligible candidates: %v, want ErrInvalidElection", r.Method, err)
		}
	}
}

// TestPropWithdrawnIsRemoved: counting with some candidates withdrawn is
// counting the election without them, and never elects one of them.
func TestPropWithdrawnIsRemoved(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		e := genElection(6).Draw(t, "election")
		n := len(e.Candidates)
		for i := range e.Ballots {
			e.Ballots[i].Scores = rapid.SliceOfN(rapid.Int64Range(0, 5), n, n).Draw(t, "scores")
		}
		out := rapid.SliceOfNDistinct(rapid.IntRange(0, n-1), 1, n-1, rapid.ID).Draw(t, "withdrawn")
		e.Withdrawn = out
		// The same election as a reader would give it: the withdrawn
		// candidates removed from the candidate list.
		var keep []int
		for c := range n {
			if !slices.Contains(out, c) {
				keep = append(keep, c)
			}
		}
		reduced := ranked.Election{}
		for _, c := range keep {
			reduced.Candidates = append(reduced.Candidates, e.Candidates[c])
		}
		for _, b := range e.Ballots {
			nb := ranked.Ballot{Weight: b.Weight, Ranking: []int{}}
			for _, c := range b.Ranking {
				if i := slices.Index(keep, c); i >= 0 {
					nb.Ranking = append(nb.Ranking, i)
				}
			}
			for _, c := range keep {
				nb.Scores = append(nb.Scores, b.Scores[c])
			}
			reduced.Ballots = append(reduced.Ballots, nb)
		}
		seats := rapid.IntRange(1, len(keep)).Draw(t, "seats")
		for _, r := range allRules(seats) {
			if r.Method == ranked.Score {
				r.MaxScore = 5
			}
			got, err1 := ranked.Tally(r, e)
			want, err2 := ranked.Tally(r, reduced)
			if (err1 == nil) != (err2 == nil) || (err1 != nil && err1.Error() != err2.Error()) {
				t.Fatalf("%+v: errors differ: %v / %v", r, err1, err2)
			}
			if err1 != nil {
				continue
			}
			for _, w := range got.Winners {
				if i := slices.Index(e.Candidates, w); slices.Contains(out, i) {
					t.Fatalf("%s elects withdrawn %s", r.Method, w)
				}
			}
			got.Withdrawn = nil
			if d := cmp.Diff(want, got); d != "" {
				t.Fatalf("%+v: (-without them +withdrawn)\n%s", r, d)
			}
		}
	})
}

// TestWithdrawnEqualRanks: removing a withdrawn candidate from "C=A=B"
// leaves "A=B", and from "A=C>B" leaves "A>B".
func TestWithdrawnEqualRanks(t *testing.T) {
	const A, B, C = 0, 1, 2
	e := ranked.Election{Candidates: []string{"A", "B", "C"}, Withdrawn: []int{C}, Ballots: []ranked.Ballot{
		{Weight: 1, Ranking: []int{C, A, B}, Equal: []bool{false, true, true}},
		{Weight: 2, Ranking: []int{A, C, B}, Equal: []bool{false, true, false}},
	}}
	res, err := ranked.Tally(ranked.Rule{Method: ranked.Schulze}, e)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]int64{{0, 2}, {0, 0}}
	if d := cmp.Diff(want, res.Pairwise.Wins); d != "" {
		t.Errorf("wins (-want +got)\n%s", d)
	}
}
