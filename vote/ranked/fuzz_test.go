package ranked_test

import (
	"errors"
	"testing"

	"github.com/gongzhi/gongzhi/vote"
	"github.com/gongzhi/gongzhi/vote/ranked"
)

// FuzzParseRule: any input either loads a rule that validates and counts a
// small election, or fails with a *vote.ConfigError.
func FuzzParseRule(f *testing.F) {
	f.Add([]byte(`{"method":"stv","seats":3,"decimals":4,"round_surplus_fraction":true,"surplus_order":"all_together"}`))
	f.Add([]byte(`{"method":"irv","batch_elimination":true,"eliminate_first":["C"],"tie_break":"lot","seed":9}`))
	f.Add([]byte(`{"method":"stv","transfer":"meek","quota":"droop_exact"}`))
	f.Add([]byte(`{"method":"borda","borda":"average"}`))
	f.Add([]byte(`{"method":"score","max_score":5}`))
	e := ranked.Election{Candidates: []string{"A", "B", "C"}, Ballots: []ranked.Ballot{
		{Weight: 3, Ranking: []int{0, 1}, Scores: []int64{1, 0, 0}},
		{Weight: 2, Ranking: []int{1, 2, 0}, Scores: []int64{0, 1, 0}},
		{Weight: 2, Ranking: []int{2}, Scores: []int64{0, 0, 1}},
	}}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ranked.ParseRule(data)
		if err != nil {
			var ce *vote.ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v (%T) is not a *vote.ConfigError", err, err)
			}
			return
		}
		if r.Seats > 3 {
			r.Seats = 3
		}
		if _, err := ranked.Tally(r, e); err != nil && !errors.Is(err, ranked.ErrInvalidBallot) {
			t.Fatalf("valid rule %+v does not count: %v", r, err)
		}
	})
}
