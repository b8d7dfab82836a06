package vote_test

import (
	"fmt"
	"math/big"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/gongzhi/gongzhi/vote"
)

func genRatio(t *rapid.T, label string) vote.Ratio {
	den := rapid.Int64Range(1, 12).Draw(t, label+".den")
	num := rapid.Int64Range(0, den).Draw(t, label+".num")
	return vote.Ratio{Num: num, Den: den, Inclusive: rapid.Bool().Draw(t, label+".inclusive")}
}

// genMarkPoll draws an approval or cumulative poll with a random budget,
// threshold, selection and tie rule.
func genMarkPoll(t *rapid.T) vote.Poll {
	n := rapid.IntRange(1, 7).Draw(t, "options")
	ids := make([]vote.OptionID, n)
	for i := range ids {
		ids[i] = vote.OptionID(fmt.Sprintf("o%d", i))
	}
	var r vote.Rule
	if rapid.Bool().Draw(t, "cumulative") {
		votes := rapid.IntRange(1, 6).Draw(t, "votes")
		r = vote.Cumulative(votes, rapid.IntRange(1, votes).Draw(t, "per_option"), 0)
	} else {
		r = vote.LimitedApproval(rapid.IntRange(0, n).Draw(t, "votes"), nil, 0)
	}
	if rapid.Bool().Draw(t, "has threshold") {
		base := rapid.SampledFrom([]vote.Base{vote.BaseCast, vote.BaseValid}).Draw(t, "base")
		r.Threshold = vote.Of(genRatio(t, "threshold"), base)
	}
	r.Select = rapid.IntRange(0, n).Draw(t, "select")
	switch rapid.IntRange(0, 2).Draw(t, "tie") {
	case 1:
		r.Tie = vote.TieBreak{Method: vote.TieLot, Seed: rapid.Uint64().Draw(t, "seed")}
	case 2:
		order := slices.Clone(ids)
		r.Tie = vote.TieBreak{Method: vote.TieOrder, Order: rapid.Permutation(order).Draw(t, "order")}
	}
	return vote.Poll{ID: "prop", Rule: r, Options: opts(ids...)}
}

// genBallots draws ballots for p, mostly valid, some not.
func genBallots(t *rapid.T, p vote.Poll) []vote.Ballot {
	n := rapid.IntRange(0, 40).Draw(t, "ballots")
	out := make([]vote.Ballot, n)
	for i := range out {
		b := vote.Ballot{ID: vote.BallotID(fmt.Sprintf("b%03d", i))}
		k := rapid.IntRange(0, 4).Draw(t, "marks")
		for range k {
			o := p.Options[rapid.IntRange(0, len(p.Options)-1).Draw(t, "option")].ID
			if rapid.IntRange(0, 20).Draw(t, "unknown") == 0 {
				o = "zz"
			}
			b.Marks = append(b.Marks, vote.Mark{Option: o, Count: rapid.IntRange(0, 2).Draw(t, "count")})
		}
		out[i] = b
	}
	return out
}

func TestPropOrderIndependence(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genMarkPoll(t)
		ballots := genBallots(t, p)
		want, err := vote.Tally(p, ballots)
		if err != nil {
			t.Fatal(err)
		}
		got, err := vote.Tally(p, rapid.Permutation(ballots).Draw(t, "permuted"))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got, decimalEqual); diff != "" {
			t.Fatalf("permuting ballots changed the result (-want +got):\n%s", diff)
		}
	})
}

func TestPropConservation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genMarkPoll(t)
		ballots := genBallots(t, p)
		res, err := vote.Tally(p, ballots)
		if err != nil {
			t.Fatal(err)
		}
		var marks int64
		for _, b := range ballots {
			if p.CheckBallot(b) != nil {
				continue
			}
			for _, m := range b.Marks {
				marks += int64(max(m.Count, 1))
			}
		}
		var sum int64
		for _, o := range res.Options {
			sum += o.Votes
		}
		if sum != marks {
			t.Fatalf("option votes sum to %d, valid ballots hold %d marks", sum, marks)
		}
		if res.Cast != int64(len(ballots)) || res.Valid+res.Invalid != res.Cast {
			t.Fatalf("cast %d valid %d invalid %d for %d ballots", res.Cast, res.Valid, res.Invalid, len(ballots))
		}
		if len(res.Selected) > p.Rule.Select {
			t.Fatalf("selected %d > %d", len(res.Selected), p.Rule.Select)
		}
		for _, s := range res.Selected {
			if !slices.Contains(res.Passed, s) {
				t.Fatalf("selected %s did not pass", s)
			}
		}
	})
}

// metModel is the exact rational comparison the Ratio must agree with.
func metModel(r vote.Ratio, count, base int64) bool {
	if base <= 0 {
		return false
	}
	c := big.NewRat(count, base).Cmp(big.NewRat(r.Num, r.Den))
	return c > 0 || (c == 0 && r.Inclusive)
}

func TestPropThresholdBoundary(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := genRatio(t, "ratio")
		n := rapid.Int64Range(1, 60).Draw(t, "n")
		base := rapid.SampledFrom([]vote.Base{vote.BaseCast, vote.BaseValid, vote.BaseEligible}).Draw(t, "base")
		min := r.Min(n)
		if min <= n && !r.Met(min, n) || min > 0 && r.Met(min-1, n) {
			t.Fatalf("Min(%d) = %d is not the boundary of %v", n, min, r)
		}
		// Through a tally: c of n ballots approve "x" at N-1, N and N+1.
		for _, c := range []int64{min - 1, min, min + 1} {
			if c < 0 || c > n {
				continue
			}
			rule := vote.LimitedApproval(1, vote.Of(r, base), 0)
			p := vote.Poll{ID: "b", Rule: rule, Options: opts("x"), Voters: voters(int(n))}
			ballots := concat(repeat(int(c), marks("x")), repeat(int(n-c), marks()))
			res, err := vote.Tally(p, ballots)
			if err != nil {
				t.Fatal(err)
			}
			x, _ := res.Option("x")
			if x.Passed != metModel(r, c, n) {
				t.Fatalf("%d of %d against %v: passed=%v, model says %v", c, n, r, x.Passed, !x.Passed)
			}
		}
	})
}

func TestPropApprovalNeverHurts(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genMarkPoll(t)
		if p.Rule.Method != vote.MethodApproval {
			p.Rule = vote.LimitedApproval(0, p.Rule.Threshold, p.Rule.Select)
		}
		p.Rule.Votes = 0
		ballots := genBallots(t, p)
		x := p.Options[rapid.IntRange(0, len(p.Options)-1).Draw(t, "x")].ID
		// Add a mark for x on a valid ballot that lacks it.
		var at = -1
		for i, b := range ballots {
			if p.CheckBallot(b) == nil && !slices.ContainsFunc(b.Marks, func(m vote.Mark) bool { return m.Option == x }) {
				at = i
				break
			}
		}
		more := slices.Clone(ballots)
		if at < 0 {
			more = append(more, marks())
			at = len(more) - 1
		}
		more[at].Marks = append(slices.Clone(more[at].Marks), vote.Mark{Option: x})
		before, err := vote.Tally(p, ballots)
		if err != nil {
			t.Fatal(err)
		}
		after, err := vote.Tally(p, more)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := before.Option(x)
		a, _ := after.Option(x)
		if a.Votes != b.Votes+1 || (b.Passed && !a.Passed) || (b.Selected && !a.Selected) || a.Rank > b.Rank {
			t.Fatalf("an approval for %s hurt it: before %+v after %+v", x, b, a)
		}
	})
}

// doubleMajorityModel decides an owners' vote from first principles with
// rationals.
func doubleMajorityModel(r vote.Rule, vs []vote.Voter, choices map[vote.VoterID]vote.Choice) (void, adopted bool) {
	total, part, yes := new(big.Rat), new(big.Rat), new(big.Rat)
	var heads, yesHeads int64
	for _, v := range vs {
		a := v.Weight.Rat()
		total.Add(total, a)
		c, ok := choices[v.ID]
		if !ok {
			continue
		}
		heads++
		part.Add(part, a)
		if c == vote.Yes {
			yesHeads++
			yes.Add(yes, a)
		}
	}
	meets := func(x, of *big.Rat, q vote.Ratio) bool {
		if of.Sign() <= 0 {
			return false
		}
		c := new(big.Rat).Quo(x, of).Cmp(big.NewRat(q.Num, q.Den))
		return c > 0 || c == 0 && q.Inclusive
	}
	n := big.NewRat(int64(len(vs)), 1)
	if !meets(part, total, r.Quorum.Ratio) || !meets(big.NewRat(heads, 1), n, r.Quorum.Ratio) {
		return true, false
	}
	return false, meets(yes, part, r.Threshold.Ratio) && meets(big.NewRat(yesHeads, 1), big.NewRat(heads, 1), r.Threshold.Ratio)
}

func TestPropDoubleMajorityModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := vote.Matter(rapid.IntRange(1, 9).Draw(t, "matter"))
		rule := vote.OwnersDecision(m)
		n := rapid.IntRange(1, 12).Draw(t, "owners")
		vs := make([]vote.Voter, n)
		for i := range vs {
			cents := rapid.Int64Range(1, 30000).Draw(t, "area")
			vs[i] = vote.Voter{ID: vote.VoterID(fmt.Sprintf("o%02d", i)), Weight: decimal.New(cents, -2)}
		}
		choices := map[vote.VoterID]vote.Choice{}
		var ballots []vote.Ballot
		for _, v := range vs {
			c := rapid.SampledFrom([]vote.Choice{vote.Yes, vote.No, vote.Abstain, ""}).Draw(t, "choice")
			if c == "" {
				continue
			}
			choices[v.ID] = c
			ballots = append(ballots, vote.Ballot{Voter: v.ID, Choice: c})
		}
		res, err := vote.Tally(vote.Poll{ID: "dm", Rule: rule, Voters: vs}, ballots)
		if err != nil {
			t.Fatal(err)
		}
		void, adopted := doubleMajorityModel(rule, vs, choices)
		if res.Void != void || res.Adopted != adopted {
			t.Fatalf("tally void=%v adopted=%v, model void=%v adopted=%v\n%s", res.Void, res.Adopted, void, adopted, res.Explain())
		}
	})
}

func TestPropElection(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		seats := rapid.IntRange(1, 4).Draw(t, "seats")
		nc := seats + rapid.IntRange(1, 3).Draw(t, "extra") // 差额: more candidates than seats
		ids := make([]vote.OptionID, nc)
		for i := range ids {
			ids[i] = vote.OptionID(fmt.Sprintf("c%d", i))
		}
		eligible := rapid.IntRange(1, 30).Draw(t, "eligible")
		rule := vote.CommitteeElection(seats)
		rule.WriteIns = rapid.Bool().Draw(t, "write-ins")
		p := vote.Poll{ID: "el", Rule: rule, Options: opts(ids...), Voters: voters(eligible)}
		names := append(slices.Clone(ids), "w1", "w2") // write-ins
		nb := rapid.IntRange(0, eligible+2).Draw(t, "ballots")
		var ballots []vote.Ballot
		for range nb {
			ballots = append(ballots, marks(rapid.SliceOfNDistinct(rapid.SampledFrom(names), 0, seats+1, func(o vote.OptionID) vote.OptionID { return o }).Draw(t, "marks")...))
		}
		res, err := vote.Tally(p, ballots)
		if err != nil {
			t.Fatal(err)
		}
		perm, err := vote.Tally(p, rapid.Permutation(ballots).Draw(t, "permuted"))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(res, perm, decimalEqual); diff != "" {
			t.Fatalf("order changed the election (-want +got):\n%s", diff)
		}
		if (nb > eligible || 2*nb <= eligible) != res.Void {
			t.Fatalf("%d ballots of %d voters: void=%v", nb, eligible, res.Void)
		}
		open := seats - len(res.Selected)
		if len(res.Selected)+len(res.Revote) > seats+len(res.Revote) || open < 0 {
			t.Fatalf("elected %v for %d seats", res.Selected, seats)
		}
		var sum int64
		for _, o := range res.Options {
			sum += o.Votes
		}
		var valid int64
		for _, b := range ballots {
			if p.CheckBallot(b) == nil {
				valid += int64(len(b.Marks))
			}
		}
		if sum != valid {
			t.Fatalf("votes sum to %d, valid ballots carry %d marks", sum, valid)
		}
		for _, id := range res.Selected {
			o, _ := res.Option(id)
			if 2*o.Votes <= res.Cast {
				t.Fatalf("%s elected with %d of %d ballots", id, o.Votes, res.Cast)
			}
		}
		if res.Runoff != nil && (res.Void || res.Runoff.Seats > open) {
			t.Fatalf("runoff %+v with %d open seats", res.Runoff, open)
		}
		if !res.Void && res.Runoff == nil && len(res.Revote) == 0 && open > 0 && len(res.Selected)+len(res.Revote) < len(res.Options) {
			t.Fatalf("%d seats open and no runoff\n%s", open, res.Explain())
		}
	})
}

// TestPropOrderIndependenceAllMethods checks every method of fuzzPolls:
// random ballots (valid or not) in any order give the same result.
func TestPropOrderIndependenceAllMethods(t *testing.T) {
	polls := fuzzPolls()
	rapid.Check(t, func(t *rapid.T) {
		p := polls[rapid.IntRange(0, len(polls)-1).Draw(t, "poll")]
		var ballots []vote.Ballot
		if p.Rule.Method == vote.MethodMotion || p.Rule.Method == vote.MethodDoubleMajority {
			for _, v := range p.Voters {
				c := rapid.SampledFrom([]vote.Choice{vote.Yes, vote.No, vote.Abstain, "", "maybe"}).Draw(t, "choice")
				if c == "" {
					continue
				}
				ballots = append(ballots, vote.Ballot{ID: vote.BallotID(v.ID), Voter: v.ID, Choice: c})
			}
		} else {
			names := []vote.OptionID{"zz", "w1"}
			for _, o := range p.Options {
				names = append(names, o.ID)
			}
			for i := range rapid.IntRange(0, 12).Draw(t, "ballots") {
				b := vote.Ballot{ID: vote.BallotID(fmt.Sprintf("b%02d", i))}
				for range rapid.IntRange(0, 4).Draw(t, "marks") {
					m := vote.Mark{Option: rapid.SampledFrom(names).Draw(t, "option"), Count: rapid.IntRange(0, 2).Draw(t, "count")}
					if p.Rule.Method == vote.MethodSatisfaction {
						m.Count = 0
						m.Level = rapid.SampledFrom([]string{"satisfied", "basically-satisfied", "dissatisfied", "meh"}).Draw(t, "level")
					}
					b.Marks = append(b.Marks, m)
				}
				ballots = append(ballots, b)
			}
		}
		want, err := vote.Tally(p, ballots)
		if err != nil {
			t.Fatal(err)
		}
		got, err := vote.Tally(p, rapid.Permutation(ballots).Draw(t, "permuted"))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got, decimalEqual); diff != "" {
			t.Fatalf("poll %s: permuting ballots changed the result (-want +got):\n%s", p.ID, diff)
		}
	})
}
