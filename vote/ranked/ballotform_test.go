package ranked_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/gongzhi/gongzhi/vote/ranked"
)

// A ballot "A=B>C" counts as no preference between A and B in the pairwise
// methods, and as a preference for both over C.
func TestEqualRanksPairwise(t *testing.T) {
	const A, B, C = 0, 1, 2
	e := ranked.Election{Candidates: []string{"A", "B", "C"}, Ballots: []ranked.Ballot{
		{Weight: 3, Ranking: []int{A, B, C}, Equal: []bool{false, true, false}},
		{Weight: 2, Ranking: []int{B, C, A}},
		{Weight: 1, Ranking: []int{C, A, B}, Equal: []bool{false, true, true}}, // C=A=B
	}}
	p := ranked.PairwiseMatrix(e)
	want := [][]int64{
		{0, 0, 3}, // A over B: none (tied on 3 and 1 ballots); A over C: 3
		{2, 0, 5}, // B over A: 2; B over C: 3 + 2
		{2, 0, 0}, // C over A: 2; C over B: none (all three tied on the last)
	}
	if d := cmp.Diff(want, p.Wins); d != "" {
		t.Errorf("wins (-want +got)\n%s", d)
	}
	for _, m := range []ranked.Method{ranked.IRV, ranked.STV, ranked.Borda} {
		_, err := ranked.Tally(ranked.Rule{Method: m, Seats: 1}, e)
		var be *ranked.BallotError
		if !errors.As(err, &be) || be.Index != 0 {
			t.Errorf("%s: got %v, want a BallotError for ballot 0", m, err)
		}
	}
	e.Ballots[0].Equal = []bool{true, false, false}
	if err := e.Validate(); err == nil {
		t.Error("Equal[0] true accepted")
	}
}

// Sparse scores count exactly as the same scores written densely.
func TestSparseScoresEqualDense(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 6).Draw(t, "n")
		var names []string
		for i := range n {
			names = append(names, string(rune('A'+i)))
		}
		dense := ranked.Election{Candidates: names}
		sparse := ranked.Election{Candidates: names}
		for range rapid.IntRange(1, 8).Draw(t, "ballots") {
			w := rapid.Int64Range(1, 5).Draw(t, "w")
			scores := rapid.SliceOfN(rapid.Int64Range(0, 3), n, n).Draw(t, "scores")
			dense.Ballots = append(dense.Ballots, ranked.Ballot{Weight: w, Scores: scores})
			sb := ranked.Ballot{Weight: w, Scores: []int64{}, Scored: []int{}}
			for _, c := range rapid.Permutation(indices(n)).Draw(t, "order") {
				if scores[c] != 0 {
					sb.Scores, sb.Scored = append(sb.Scores, scores[c]), append(sb.Scored, c)
				}
			}
			sparse.Ballots = append(sparse.Ballots, sb)
		}
		r := ranked.Rule{Method: ranked.Score, MaxScore: 3, Seats: 1}
		a, err1 := ranked.Tally(r, dense)
		b, err2 := ranked.Tally(r, sparse)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if d := cmp.Diff(a, b); d != "" {
			t.Fatalf("(-dense +sparse)\n%s", d)
		}
	})
	bad := ranked.Election{Candidates: []string{"A", "B"}, Ballots: []ranked.Ballot{{Weight: 1, Scores: []int64{1, 2}, Scored: []int{1, 1}}}}
	if err := bad.Validate(); err == nil {
		t.Error("a candidate scored twice accepted")
	}
}

func indices(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

func TestValidateWithdrawnAndParties(t *testing.T) {
	for name, e := range map[string]ranked.Election{
		"withdrawn out of range": {Candidates: []string{"A", "B"}, Withdrawn: []int{2}},
		"withdrawn twice":        {Candidates: []string{"A", "B"}, Withdrawn: []int{1, 1}},
		"parties short":          {Candidates: []string{"A", "B"}, Parties: []string{"X"}},
	} {
		if err := e.Validate(); !errors.Is(err, ranked.ErrInvalidElection) {
			t.Errorf("%s: got %v, want ErrInvalidElection", name, err)
		}
	}
	ok := ranked.Election{Candidates: []string{"A", "B"}, Withdrawn: []int{1}, Parties: []string{"X", ""}}
	if err := ok.Validate(); err != nil {
		t.Error(err)
	}
}
