package vote

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"sort"

	"github.com/shopspring/decimal"
)

// Tally counts ballots in poll p under p.Rule and explains the outcome.
// It is pure: no clock, no randomness beyond the seed in the rule, and the
// result does not depend on the order of the ballots.
//
// Ballots whose content breaks the rule (too many votes, two votes on one
// option where one is allowed, unknown options or levels, a missing
// choice) are counted as cast but invalid and listed in Result.Rejected.
// A ballot from a voter not on a non-empty eligibility list, a second
// ballot from the same voter, or an owners' ballot that names no owner is
// an error: such input is not a ballot box's content. Invalid polls return
// a *ConfigError or *PollError.
func Tally(p Poll, ballots []Ballot) (Result, error) {
	return TallySeq(p, FromSlice(ballots))
}

// TallySeq is Tally over a stream of ballots, such as Store.Ballots, so
// that millions of ballots need not sit in memory at once. Tally does not
// retain a ballot or its marks after the next one is requested, so the
// stream may reuse them. An error from the stream stops the tally and is
// returned wrapped.
func TallySeq(p Poll, ballots iter.Seq2[Ballot, error]) (Result, error) {
	c, err := newCounter(p)
	if err != nil {
		return Result{}, err
	}
	t := newTally(c)
	for b, err := range ballots {
		if err != nil {
			return Result{}, fmt.Errorf("vote: reading the ballots of poll %s: %w", p.ID, err)
		}
		if err := t.add(&b); err != nil {
			return Result{}, err
		}
	}
	return t.result(), nil
}

// choiceIndex orders the answers of a motion.
var choices = [...]Choice{Yes, No, Abstain}

func choiceIndex(ch Choice) int {
	switch ch {
	case Yes:
		return 0
	case No:
		return 1
	}
	return 2
}

type tally struct {
	c                    *counter
	cast, valid, invalid int64
	rejected             []Rejection
	votes                []int64   // by option, or by choice
	levels               [][]int64 // satisfaction: by option, by level
	weights              [3]decimal.Decimal
	castWeight, valWt    decimal.Decimal
	voted                []bool           // by voter index
	anon                 map[VoterID]bool // voters seen when there is no list
}

func newTally(c *counter) *tally {
	t := &tally{c: c}
	switch c.rule.Method {
	case MethodMotion, MethodDoubleMajority:
		t.votes = make([]int64, len(choices))
	case MethodSatisfaction:
		t.levels = make([][]int64, len(c.opts))
		for i := range t.levels {
			t.levels[i] = make([]int64, len(c.rule.Levels))
		}
		t.votes = make([]int64, len(c.opts))
	default:
		t.votes = make([]int64, len(c.opts))
	}
	if c.roll != nil {
		t.voted = make([]bool, c.roll.len())
	}
	return t
}

func (t *tally) add(b *Ballot) error {
	c := t.c
	vi := -1
	if b.Voter != "" {
		if c.roll != nil {
			i, ok := c.roll.position(b.Voter)
			if !ok {
				return fmt.Errorf("%w: %q in poll %s", ErrNotEligible, b.Voter, c.poll.ID)
			}
			if t.voted[i] {
				return fmt.Errorf("%w: %q has two ballots in poll %s", ErrAlreadyVoted, b.Voter, c.poll.ID)
			}
			t.voted[i] = true
			vi = i
		} else {
			if t.anon == nil {
				t.anon = make(map[VoterID]bool)
			}
			if t.anon[b.Voter] {
				return fmt.Errorf("%w: %q has two ballots in poll %s", ErrAlreadyVoted, b.Voter, c.poll.ID)
			}
			t.anon[b.Voter] = true
		}
	} else if c.rule.Method == MethodDoubleMajority {
		return &BallotError{Ballot: b.ID, Reason: "an owners' ballot must name its owner"}
	}
	t.cast++
	var w decimal.Decimal
	if c.rule.Method == MethodDoubleMajority {
		w = c.poll.Voters[vi].Weight
		t.castWeight = t.castWeight.Add(w)
	}
	var rej *Rejection
	switch c.rule.Method {
	case MethodApproval, MethodCumulative, MethodElection:
		rej = c.checkMarks(b, t) // counts valid ballots as it checks
	default:
		rej = c.checkContent(b)
	}
	if rej != nil {
		t.invalid++
		t.rejected = append(t.rejected, *rej)
		if len(t.rejected) >= 2*MaxRejected {
			t.rejected = firstRejections(t.rejected)
		}
		return nil
	}
	t.valid++
	switch c.rule.Method {
	case MethodMotion:
		t.votes[choiceIndex(b.Choice)]++
	case MethodDoubleMajority:
		ci := choiceIndex(b.Choice)
		t.votes[ci]++
		t.weights[ci] = t.weights[ci].Add(w)
		t.valWt = t.valWt.Add(w)
	case MethodSatisfaction:
		for k, i := range c.idx {
			l := c.cnt[k]
			t.levels[i][l]++
			if c.satisfied[l] {
				t.votes[i]++
			}
		}
	}
	return nil
}

// count returns the number that base b stands for.
func (t *tally) count(b Base) int64 {
	switch b {
	case BaseValid:
		return t.valid
	case BaseEligible:
		return int64(len(t.c.poll.Voters))
	}
	return t.cast
}

func (t *tally) weight(b Base) decimal.Decimal {
	switch b {
	case BaseValid:
		return t.valWt
	case BaseEligible:
		return t.eligibleWeight()
	}
	return t.castWeight
}

func (t *tally) eligibleWeight() decimal.Decimal {
	sum := decimal.Zero
	for _, v := range t.c.poll.Voters {
		sum = sum.Add(v.Weight)
	}
	return sum
}

func (t *tally) result() Result {
	c, r := t.c, t.c.rule
	res := Result{
		Poll: c.poll.ID, Rule: r,
		Eligible: int64(len(c.poll.Voters)), Cast: t.cast, Valid: t.valid, Invalid: t.invalid,
		Rejected: t.rejected, Checks: []Check{},
	}
	res.Rejected = firstRejections(res.Rejected)
	step := func(format string, a ...any) { res.Steps = append(res.Steps, fmt.Sprintf(format, a...)) }
	step("counted %d ballots: %d valid, %d invalid; %d eligible voters", t.cast, t.valid, t.invalid, res.Eligible)
	if r.Method == MethodDoubleMajority {
		res.EligibleWeight = t.eligibleWeight()
		res.CastWeight = t.castWeight
	}

	if res.Eligible > 0 && t.cast > res.Eligible {
		res.Void = true
		res.VoidReason = fmt.Sprintf("more ballots (%d) than eligible voters (%d)", t.cast, res.Eligible)
		step("void: %s", res.VoidReason)
	}
	if res.Voted = c.poll.Voted; res.Voted > 0 {
		step("%d people voted", res.Voted)
		if t.cast > res.Voted && !res.Void {
			res.Void = true
			res.VoidReason = fmt.Sprintf("more ballots (%d) than people who voted (%d)", t.cast, res.Voted)
			step("void: %s", res.VoidReason)
		}
	}
	if r.Quorum != nil {
		var qs []Check
		if r.Method == MethodDoubleMajority {
			qs = []Check{
				weightCheck("participation area", t.castWeight, res.EligibleWeight, BaseEligible, r.Quorum.Ratio),
				intCheck("participation owners", "", t.cast, res.Eligible, BaseEligible, r.Quorum.Ratio),
			}
		} else {
			qs = []Check{intCheck("quorum", "", t.cast, res.Eligible, BaseEligible, r.Quorum.Ratio)}
		}
		for _, q := range qs {
			res.Checks = append(res.Checks, q)
			step("%s: %s of %s %s: %s", q.Name, q.Count, q.Base, q.Ratio, metWord(q.Met))
			if !q.Met && !res.Void {
				res.Void = true
				res.VoidReason = q.Name + " not met"
			}
		}
	}

	switch r.Method {
	case MethodMotion, MethodDoubleMajority:
		t.decide(&res, step)
	case MethodElection:
		t.elect(&res, step)
	default:
		t.options(&res, step)
	}
	return res
}

func metWord(met bool) string {
	if met {
		return "met"
	}
	return "not met"
}

// order returns option indices sorted by votes, most first, ties in
// option order.
func order(votes []int64, among []int) []int {
	o := slices.Clone(among)
	slices.SortStableFunc(o, func(a, b int) int {
		switch {
		case votes[a] > votes[b]:
			return -1
		case votes[a] < votes[b]:
			return 1
		}
		return a - b
	})
	return o
}

func ranks(votes []int64) []int {
	// An option's rank is one more than the number of options with
	// strictly more votes: found by binary search in the sorted votes, so
	// that a poll of many options is ranked in n log n.
	sorted := slices.Sorted(slices.Values(votes))
	rk := make([]int, len(votes))
	for i, v := range votes {
		above := len(sorted) - sort.Search(len(sorted), func(k int) bool { return sorted[k] > v })
		rk[i] = 1 + above
	}
	return rk
}

// top picks places options from ranked (sorted by votes), breaking a tie
// for the last places with tb. It returns the chosen (in order) and the
// tie, if any.
func (t *tally) top(ranked []int, places int, stage string) ([]int, *Tie) {
	votes := t.votes
	if places <= 0 {
		return nil, nil
	}
	if len(ranked) <= places {
		return ranked, nil
	}
	v := votes[ranked[places-1]]
	if votes[ranked[places]] != v {
		return ranked[:places], nil
	}
	var above, group []int
	for _, i := range ranked {
		switch {
		case votes[i] > v:
			above = append(above, i)
		case votes[i] == v:
			group = append(group, i)
		}
	}
	ids := make([]OptionID, len(group))
	for k, i := range group {
		ids[k] = t.c.opts[i]
	}
	tie := t.c.rule.Tie.Break(stage, v, ids, places-len(above))
	chosen := slices.Clone(above)
	for _, id := range tie.Chosen {
		chosen = append(chosen, t.c.lookup(id))
	}
	return chosen, &tie
}

func (t *tally) ids(idx []int) []OptionID {
	if len(idx) == 0 {
		return nil
	}
	out := make([]OptionID, len(idx))
	for k, i := range idx {
		out[k] = t.c.opts[i]
	}
	return out
}

func tieStep(step func(string, ...any), tie *Tie) {
	if tie.Resolved() {
		step("tie at %d votes among %v for %d place(s): broken by %s -> %v", tie.Votes, tie.Among, tie.Places, tie.Method, tie.Chosen)
	} else {
		step("tie at %d votes among %v for %d place(s): not broken", tie.Votes, tie.Among, tie.Places)
	}
}

// options counts approval, cumulative and satisfaction polls.
func (t *tally) options(res *Result, step func(string, ...any)) {
	c, r := t.c, t.c.rule
	rk := ranks(t.votes)
	res.Options = make([]OptionResult, len(c.opts))
	var passed []int
	for i, id := range c.opts {
		o := OptionResult{Option: id, Votes: t.votes[i], Rank: rk[i], Passed: !res.Void}
		name := "support"
		if r.Method == MethodSatisfaction {
			o.Levels = t.levels[i]
			o.Satisfied = t.votes[i]
			o.Votes = 0
			for _, n := range t.levels[i] {
				o.Votes += n
			}
			name = "satisfaction"
		}
		if r.Threshold != nil {
			ch := intCheck(name, id, t.votes[i], t.count(r.Threshold.base()), r.Threshold.base(), r.Threshold.Ratio)
			res.Checks = append(res.Checks, ch)
			step("%s %s: %s of %s %s: %s", name, id, ch.Count, ch.Base, ch.Ratio, metWord(ch.Met))
			o.Passed = o.Passed && ch.Met
		}
		if o.Passed {
			passed = append(passed, i)
		}
		res.Options[i] = o
	}
	if r.Method == MethodSatisfaction {
		res.Levels = make([]int64, len(r.Levels))
		var sat int64
		for i := range c.opts {
			for l, n := range t.levels[i] {
				res.Levels[l] += n
			}
			sat += t.votes[i]
		}
		if r.Threshold != nil {
			base := t.count(r.Threshold.base()) * int64(len(c.opts))
			ch := intCheck("satisfaction", "", sat, base, r.Threshold.base(), r.Threshold.Ratio)
			res.Checks = append(res.Checks, ch)
			step("overall satisfaction: %s of %s answers %s: %s", ch.Count, ch.Base, ch.Ratio, metWord(ch.Met))
		}
	}
	ranked := order(t.votes, passed)
	res.Passed = t.ids(ranked)
	chosen, tie := t.top(ranked, r.Select, "select")
	if tie != nil {
		res.Ties = append(res.Ties, *tie)
		tieStep(step, tie)
	}
	res.Selected = t.ids(chosen)
	for _, i := range chosen {
		res.Options[i].Selected = true
	}
	step("passed %v; selected %v", res.Passed, res.Selected)
}

// decide counts motions and double majorities.
func (t *tally) decide(res *Result, step func(string, ...any)) {
	r := t.c.rule
	base := r.Threshold.base()
	rk := ranks(t.votes)
	res.Options = make([]OptionResult, len(choices))
	for i, ch := range choices {
		res.Options[i] = OptionResult{Option: OptionID(ch), Votes: t.votes[i], Rank: rk[i], Weight: t.weights[i]}
	}
	var checks []Check
	if r.Method == MethodDoubleMajority {
		checks = []Check{
			weightCheck("approval area", t.weights[0], t.weight(base), base, r.Threshold.Ratio),
			intCheck("approval owners", "", t.votes[0], t.count(base), base, r.Threshold.Ratio),
		}
	} else {
		checks = []Check{intCheck("approval", "", t.votes[0], t.count(base), base, r.Threshold.Ratio)}
	}
	adopted := !res.Void
	for _, ch := range checks {
		res.Checks = append(res.Checks, ch)
		step("%s: %s of %s %s: %s", ch.Name, ch.Count, ch.Base, ch.Ratio, metWord(ch.Met))
		adopted = adopted && ch.Met
	}
	res.Adopted = adopted
	res.Options[0].Passed = adopted
	if adopted {
		step("adopted")
	} else {
		step("not adopted")
	}
}

// firstRejections sorts rs by ballot id, option and reason and keeps the
// first MaxRejected, so the list does not depend on ballot order.
func firstRejections(rs []Rejection) []Rejection {
	slices.SortFunc(rs, func(a, b Rejection) int {
		return cmp.Or(cmp.Compare(a.Ballot, b.Ballot), cmp.Compare(a.Option, b.Option), cmp.Compare(a.Reason, b.Reason))
	})
	if len(rs) > MaxRejected {
		rs = rs[:MaxRejected]
	}
	return rs
}
