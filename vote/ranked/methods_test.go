package ranked_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/gongzhi/gongzhi/vote"
	"github.com/gongzhi/gongzhi/vote/ranked"
)

// Wikipedia's Schulze example: 45 voters, 5 candidates, winner E, ranking
// E > A > C > B > D.
func schulzeExample() ranked.Election {
	const A, B, C, D, E = 0, 1, 2, 3, 4
	return ranked.Election{Candidates: []string{"A", "B", "C", "D", "E"}, Ballots: []ranked.Ballot{
		{Weight: 5, Ranking: []int{A, C, B, E, D}},
		{Weight: 5, Ranking: []int{A, D, E, C, B}},
		{Weight: 8, Ranking: []int{B, E, D, A, C}},
		{Weight: 3, Ranking: []int{C, A, B, E, D}},
		{Weight: 7, Ranking: []int{C, A, E, B, D}},
		{Weight: 2, Ranking: []int{C, B, A, D, E}},
		{Weight: 7, Ranking: []int{D, C, E, B, A}},
		{Weight: 8, Ranking: []int{E, B, A, D, C}},
	}}
}

func TestSchulze(t *testing.T) {
	res, err := ranked.Tally(ranked.Rule{Method: ranked.Schulze}, schulzeExample())
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"E", "A", "C", "B", "D"}; !slices.Equal(res.Ranking, want) {
		t.Errorf("ranking %q, want %q", res.Ranking, want)
	}
	if res.Pairwise.Wins[0][1] != 20 || res.Pairwise.Wins[1][0] != 25 {
		t.Errorf("d[A,B]=%d d[B,A]=%d, want 20 and 25", res.Pairwise.Wins[0][1], res.Pairwise.Wins[1][0])
	}
	// No Condorcet winner in this profile.
	c, _ := ranked.Tally(ranked.Rule{Method: ranked.Condorcet}, schulzeExample())
	if len(c.Winners) != 0 {
		t.Errorf("condorcet winner %q, want none", c.Winners)
	}
}

func TestCopelandAndCondorcet(t *testing.T) {
	// Tennessee capital example: Nashville is the Condorcet winner.
	e := ranked.Election{Candidates: []string{"Memphis", "Nashville", "Chattanooga", "Knoxville"}, Ballots: []ranked.Ballot{
		{Weight: 42, Ranking: []int{0, 1, 2, 3}},
		{Weight: 26, Ranking: []int{1, 2, 3, 0}},
		{Weight: 15, Ranking: []int{2, 3, 1, 0}},
		{Weight: 17, Ranking: []int{3, 2, 1, 0}},
	}}
	for _, m := range []ranked.Method{ranked.Condorcet, ranked.Copeland, ranked.Schulze} {
		res, err := ranked.Tally(ranked.Rule{Method: m}, e)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(res.Winners, []string{"Nashville"}) {
			t.Errorf("%s: winners %q", m, res.Winners)
		}
	}
	res, _ := ranked.Tally(ranked.Rule{Method: ranked.Copeland}, e)
	if !res.Scores["Chattanooga"].Equal(decimal.NewFromInt(2)) {
		t.Errorf("Chattanooga Copeland score %s, want 2", res.Scores["Chattanooga"])
	}
	// IRV elects Knoxville here: the classic example where IRV and
	// Condorcet differ.
	irv, _ := ranked.Tally(ranked.Rule{Method: ranked.IRV}, e)
	if !slices.Equal(irv.Winners, []string{"Knoxville"}) {
		t.Errorf("irv winners %q, want Knoxville", irv.Winners)
	}
}

func TestBordaVariants(t *testing.T) {
	// Three candidates; one ballot ranks only A.
	e := ranked.Election{Candidates: []string{"A", "B", "C"}, Ballots: []ranked.Ballot{
		{Weight: 1, Ranking: []int{0}},
		{Weight: 1, Ranking: []int{1, 2, 0}},
	}}
	for _, tc := range []struct {
		v    ranked.BordaVariant
		want map[string]string
	}{
		{ranked.BordaZero, map[string]string{"A": "2", "B": "2", "C": "1"}},
		{ranked.BordaAverage, map[string]string{"A": "2", "B": "2.5", "C": "1.5"}},
		{ranked.BordaModified, map[string]string{"A": "2", "B": "3", "C": "2"}},
	} {
		res, err := ranked.Tally(ranked.Rule{Method: ranked.Borda, Borda: tc.v}, e)
		if err != nil {
			t.Fatal(err)
		}
		for c, w := range tc.want {
			if !res.Scores[c].Equal(decimal.RequireFromString(w)) {
				t.Errorf("%s: %s has %s, want %s", tc.v, c, res.Scores[c], w)
			}
		}
	}
}

func TestScore(t *testing.T) {
	e := ranked.Election{Candidates: []string{"A", "B"}, Ballots: []ranked.Ballot{
		{Weight: 2, Scores: []int64{5, 1}},
		{Weight: 3, Scores: []int64{0, 4}},
	}}
	res, err := ranked.Tally(ranked.Rule{Method: ranked.Score, MaxScore: 5}, e)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Winners, []string{"B"}) || !res.Scores["B"].Equal(decimal.NewFromInt(14)) {
		t.Errorf("got %q %v", res.Winners, res.Scores)
	}
	e.Ballots[0].Scores[0] = 6
	_, err = ranked.Tally(ranked.Rule{Method: ranked.Score, MaxScore: 5}, e)
	var be *ranked.BallotError
	if !errors.As(err, &be) || be.Index != 0 {
		t.Errorf("got %v, want a BallotError for ballot 0", err)
	}
}

func TestParseRuleNamesTheField(t *testing.T) {
	for _, tc := range []struct{ json, field string }{
		{`{"method":"irv","seats":2}`, "seats"},
		{`{"method":"stv","transfer":"gregory"}`, "transfer"},
		{`{"method":"stv","decimals":12}`, "decimals"},
		{`{"method":"stv","quorum":"droop"}`, "quorum"},
		{`{"method":"stv","seats":"three"}`, "seats"},
		{`{"method":"plurality"}`, "method"},
		{`{}`, "method"},
		{`{"method":"score"}`, "max_score"},
		{`{"method":"irv","borda":"average"}`, "borda"},
		{`{"method":"irv","eliminate_first":["a","a"]}`, "eliminate_first[1]"},
		{`{"method":"irv"} {}`, "(document)"},
		{`{"method":`, "(document)"},
	} {
		_, err := ranked.ParseRule([]byte(tc.json))
		var ce *vote.ConfigError
		if !errors.As(err, &ce) || !errors.Is(err, vote.ErrInvalidConfig) || ce.Field != tc.field {
			t.Errorf("%s: got %v, want a ConfigError on %q", tc.json, err, tc.field)
		}
	}
	r, err := ranked.ParseRule([]byte(`{"method":"stv","seats":3,"decimals":4,"round_surplus_fraction":true,"surplus_order":"all_together","final_surplus_round":true,"eliminate_first":["Undeclared Write-ins"],"tie_break":"lot"}`))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.EliminateFirst, ranked.MinneapolisSTV(3).EliminateFirst) || r.Decimals != 4 {
		t.Errorf("got %+v", r)
	}
}

func TestInvalidElection(t *testing.T) {
	for _, e := range []ranked.Election{
		{},
		{Candidates: []string{"A", "A"}},
		{Candidates: []string{"A"}, Ballots: []ranked.Ballot{{Weight: 0, Ranking: []int{0}}}},
		{Candidates: []string{"A"}, Ballots: []ranked.Ballot{{Weight: 1, Ranking: []int{0, 0}}}},
		{Candidates: []string{"A"}, Ballots: []ranked.Ballot{{Weight: 1, Ranking: []int{1}}}},
	} {
		if _, err := ranked.Tally(ranked.Rule{Method: ranked.IRV}, e); err == nil {
			t.Errorf("%+v accepted", e)
		}
	}
	_, err := ranked.Tally(ranked.Rule{Method: ranked.STV, Seats: 3}, ranked.Election{Candidates: []string{"A", "B"}})
	if !errors.Is(err, ranked.ErrInvalidElection) {
		t.Errorf("3 seats for 2 candidates: %v", err)
	}
}
