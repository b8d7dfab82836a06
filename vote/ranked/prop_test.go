package ranked_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/gongzhi/gongzhi/vote/ranked"
)

// genElection draws an election with 2..maxC candidates and up to 30
// ballot groups of random (possibly truncated) rankings.
func genElection(maxC int) *rapid.Generator[ranked.Election] {
	return rapid.Custom(func(t *rapid.T) ranked.Election {
		n := rapid.IntRange(2, maxC).Draw(t, "candidates")
		e := ranked.Election{}
		for i := range n {
			e.Candidates = append(e.Candidates, string(rune('A'+i)))
		}
		groups := rapid.IntRange(1, 30).Draw(t, "groups")
		for range groups {
			perm := rapid.Permutation(seq(n)).Draw(t, "ranking")
			k := rapid.IntRange(min(1, len(e.Ballots)^1), n).Draw(t, "length") // the first ballot ranks someone
			e.Ballots = append(e.Ballots, ranked.Ballot{Weight: rapid.Int64Range(1, 20).Draw(t, "weight"), Ranking: perm[:k]})
		}
		return e
	})
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

func TestPropIRVElectsMajorityWinner(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		e := genElection(6).Draw(t, "election")
		var total, first int64
		for _, b := range e.Ballots {
			total += b.Weight
			if len(b.Ranking) > 0 && b.Ranking[0] == 0 {
				first += b.Weight
			}
		}
		// Add ballots ranking A first until A has a strict majority.
		if extra := total - 2*first + 1; extra > 0 {
			e.Ballots = append(e.Ballots, ranked.Ballot{Weight: extra, Ranking: []int{0}})
		}
		for _, r := range []ranked.Rule{{Method: ranked.IRV}, ranked.MinneapolisIRV()} {
			res, err := ranked.Tally(r, e)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(res.Winners, []string{"A"}) || len(res.Rounds) != 1 {
				t.Fatalf("majority winner A: got %q in %d rounds", res.Winners, len(res.Rounds))
			}
		}
	})
}

func TestPropCondorcetConsistency(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		e := genElection(6).Draw(t, "election")
		p := ranked.PairwiseMatrix(e)
		cw := p.CondorcetWinner()
		for _, m := range []ranked.Method{ranked.Schulze, ranked.Copeland, ranked.Condorcet} {
			res, err := ranked.Tally(ranked.Rule{Method: m}, e)
			if err != nil {
				t.Fatal(err)
			}
			if cw >= 0 && (len(res.Winners) == 0 || res.Winners[0] != e.Candidates[cw]) {
				t.Fatalf("%s elects %q, Condorcet winner is %s", m, res.Winners, e.Candidates[cw])
			}
			if m == ranked.Condorcet && cw < 0 && len(res.Winners) != 0 {
				t.Fatalf("condorcet elects %q without a Condorcet winner", res.Winners)
			}
		}
	})
}

func TestPropSTVSeatsAndQuota(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		e := genElection(7).Draw(t, "election")
		seats := rapid.IntRange(1, len(e.Candidates)).Draw(t, "seats")
		rules := []ranked.Rule{ranked.ScottishSTV(seats), ranked.MinneapolisSTV(seats), ranked.MeekSTV(seats),
			{Method: ranked.STV, Seats: seats, BatchElimination: true, QuotaEachRound: true, Quota: ranked.Hare}}
		for _, r := range rules {
			res, err := ranked.Tally(r, e)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Winners) != seats {
				t.Fatalf("%+v: %d winners for %d seats", r, len(res.Winners), seats)
			}
			if len(slices.Compact(sortedCopy(res.Winners))) != seats {
				t.Fatalf("a candidate elected twice: %q", res.Winners)
			}
			total := decimal.NewFromInt(e.TotalWeight())
			for i, rd := range res.Rounds {
				for _, w := range rd.Elected {
					// Below the quota only when filling the last seats.
					last := i == len(res.Rounds)-1 || (r.FinalSurplusRound && i == len(res.Rounds)-2)
					if rd.Tally[w].LessThan(rd.Threshold) && !last {
						t.Fatalf("round %d: %s elected with %s < quota %s", rd.Number, w, rd.Tally[w], rd.Threshold)
					}
				}
				if r.Transfer == ranked.Meek {
					continue
				}
				// Conservation: every vote is with a candidate, exhausted or
				// lost to truncation.
				sum := rd.Exhausted.Add(rd.Lost)
				for _, v := range rd.Tally {
					sum = sum.Add(v)
				}
				if !sum.Equal(total) {
					t.Fatalf("round %d: %s votes accounted for, %s cast", rd.Number, sum, total)
				}
			}
		}
	})
}

func sortedCopy(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }

func TestPropBallotOrderNeverMatters(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		e := genElection(6).Draw(t, "election")
		shuffled := e
		shuffled.Ballots = rapid.Permutation(e.Ballots).Draw(t, "order")
		seats := rapid.IntRange(1, len(e.Candidates)).Draw(t, "seats")
		for _, r := range []ranked.Rule{{Method: ranked.IRV, TieBreak: ranked.Lot, Seed: 7}, ranked.MinneapolisIRV(),
			ranked.ScottishSTV(seats), ranked.MeekSTV(seats), {Method: ranked.Schulze, Seats: seats},
			{Method: ranked.Borda, Borda: ranked.BordaAverage}} {
			a, err1 := ranked.Tally(r, e)
			b, err2 := ranked.Tally(r, shuffled)
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			ja, _ := json.Marshal(a)
			jb, _ := json.Marshal(b)
			if string(ja) != string(jb) {
				t.Fatalf("%s: result depends on ballot order\n%s\n%s", r.Method, ja, jb)
			}
		}
	})
}
