package ranked_test

import (
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
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

// fuzzElection builds a small election from fuzz bytes: up to 5
// candidates, some withdrawn, ballots with weights from a set that
// includes the int64 extremes, rankings, equal-rank marks and scores.
func fuzzElection(data []byte) ranked.Election {
	next := func() int {
		if len(data) == 0 {
			return 0
		}
		b := data[0]
		data = data[1:]
		return int(b)
	}
	n := 1 + next()%5
	e := ranked.Election{Candidates: []string{"A", "B", "C", "D", "E"}[:n]}
	wmask := next()
	for c := range n {
		if wmask&(1<<c) != 0 {
			e.Withdrawn = append(e.Withdrawn, c)
		}
	}
	weights := []int64{1, 2, 3, 1 << 40, 1 << 62, math.MaxInt64 / 2, math.MaxInt64 / 3, 5e18, math.MaxInt64}
	for len(data) > 0 && len(e.Ballots) < 12 {
		b := ranked.Ballot{Weight: weights[next()%len(weights)]}
		k, mask := next()%(n+1), next()
		b.Ranking = rand.New(rand.NewPCG(uint64(next()), 0)).Perm(n)[:k]
		if mask&1 != 0 && k > 1 {
			b.Equal = make([]bool, k)
			for i := 1; i < k; i++ {
				b.Equal[i] = mask&(1<<i) != 0
			}
		}
		for range n {
			b.Scores = append(b.Scores, int64(next()%4)*(math.MaxInt64/3))
		}
		e.Ballots = append(e.Ballots, b)
	}
	return e
}

// FuzzTally: every method either counts or refuses with a typed error;
// a count never elects a withdrawn candidate, reports the ballots and the
// Borda and score points that a math/big recount gives, and elects a
// candidate with the most points.
func FuzzTally(f *testing.F) {
	f.Add([]byte{2, 0, 7, 2, 0, 1, 0, 3, 0, 1, 2, 0, 0, 0})          // 5e18 A>B, 1 B>A
	f.Add([]byte{3, 4, 0, 2, 0, 1, 2, 1, 1, 0, 5, 0, 0, 1, 0, 0, 0}) // C withdrawn
	f.Add([]byte{3, 7, 0, 1, 0, 0})                                  // all withdrawn
	f.Add([]byte{4, 0, 8, 4, 3, 9, 1, 2, 3, 0, 8, 4, 0, 2, 3, 1, 2, 3})
	f.Fuzz(func(t *testing.T, data []byte) {
		e := fuzzElection(data)
		total := new(big.Int)
		for _, b := range e.Ballots {
			total.Add(total, big.NewInt(b.Weight))
		}
		for _, r := range []ranked.Rule{
			{Method: ranked.IRV}, ranked.MinneapolisIRV(), ranked.ScottishSTV(2), ranked.MinneapolisSTV(2), ranked.MeekSTV(2),
			{Method: ranked.Condorcet}, {Method: ranked.Schulze, Seats: 2}, {Method: ranked.Copeland},
			{Method: ranked.Borda}, {Method: ranked.Borda, Borda: ranked.BordaAverage}, {Method: ranked.Borda, Borda: ranked.BordaModified, Seats: 2},
			{Method: ranked.Score, MaxScore: math.MaxInt64},
		} {
			res, err := ranked.Tally(r, e)
			if err != nil {
				if !errors.Is(err, ranked.ErrInvalidElection) && !errors.Is(err, ranked.ErrInvalidBallot) {
					t.Fatalf("%s: untyped error %v", r.Method, err)
				}
				continue
			}
			if !total.IsInt64() || res.Ballots != total.Int64() {
				t.Fatalf("%s: %d ballots, math/big %s", r.Method, res.Ballots, total)
			}
			for _, w := range res.Winners {
				if slices.Contains(e.Withdrawn, slices.Index(e.Candidates, w)) {
					t.Fatalf("%s elects withdrawn %s", r.Method, w)
				}
			}
			if r.Method != ranked.Borda && r.Method != ranked.Score {
				continue
			}
			want := recount(e, r)
			for c, v := range res.Scores {
				if v.Rat().Cmp(want[c]) != 0 {
					t.Fatalf("%s %s: %s has %s, math/big %s", r.Method, r.Borda, c, v, want[c].RatString())
				}
				if want[c].Cmp(want[res.Winners[0]]) > 0 {
					t.Fatalf("%s elects %s (%s) over %s (%s)", r.Method, res.Winners[0], want[res.Winners[0]].RatString(), c, want[c].RatString())
				}
			}
		}
	})
}

// recount counts Borda or score points in math/big over the eligible
// candidates.
func recount(e ranked.Election, r ranked.Rule) map[string]*big.Rat {
	var keep []int
	for c := range e.Candidates {
		if !slices.Contains(e.Withdrawn, c) {
			keep = append(keep, c)
		}
	}
	n := int64(len(keep))
	out := map[string]*big.Rat{}
	for _, c := range keep {
		out[e.Candidates[c]] = new(big.Rat)
	}
	for _, b := range e.Ballots {
		w := new(big.Rat).SetInt64(b.Weight)
		add := func(c int, p *big.Rat) {
			x := out[e.Candidates[c]]
			x.Add(x, new(big.Rat).Mul(w, p))
		}
		if r.Method == ranked.Score {
			for _, c := range keep {
				add(c, new(big.Rat).SetInt64(b.Scores[c]))
			}
			continue
		}
		var rk []int
		for _, c := range b.Ranking {
			if slices.Contains(keep, c) {
				rk = append(rk, c)
			}
		}
		k := int64(len(rk))
		for p, c := range rk {
			if r.Borda == ranked.BordaModified {
				add(c, big.NewRat(k-int64(p), 1))
			} else {
				add(c, big.NewRat(n-1-int64(p), 1))
			}
		}
		if r.Borda == ranked.BordaAverage && k < n {
			for _, c := range keep {
				if !slices.Contains(rk, c) {
					add(c, big.NewRat(n-k-1, 2))
				}
			}
		}
	}
	return out
}
