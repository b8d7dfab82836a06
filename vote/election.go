package vote

import (
	"cmp"
	"slices"
)

// elect counts a committee election: winners need the threshold, in
// order of votes up to the seats; a tie at the last seat calls for a
// revote; empty seats go to a runoff.
func (t *tally) elect(res *Result, step func(string, ...any)) {
	t.settleWriteIns(step)
	c, r := t.c, t.c.rule
	base := r.Threshold.base()
	rk := ranks(t.votes)
	res.Options = make([]OptionResult, len(c.opts))
	var qualified []int
	for i, id := range c.opts {
		ch := intCheck("seat", id, t.votes[i], t.count(base), base, r.Threshold.Ratio)
		res.Checks = append(res.Checks, ch)
		step("candidate %s: %s of %s %s: %s", id, ch.Count, ch.Base, ch.Ratio, metWord(ch.Met))
		ok := ch.Met && !res.Void
		res.Options[i] = OptionResult{Option: id, Votes: t.votes[i], Rank: rk[i], Passed: ok, WriteIn: i >= len(c.poll.Options)}
		if ok {
			qualified = append(qualified, i)
		}
	}
	if res.Void {
		step("election void: %s; nobody is elected", res.VoidReason)
		return
	}
	ranked := order(t.votes, qualified)
	res.Passed = t.ids(ranked)
	chosen, tie := t.top(ranked, r.Seats, "seats")
	open := r.Seats - len(chosen)
	excluded := make(map[int]bool)
	for _, i := range chosen {
		res.Options[i].Selected = true
		excluded[i] = true
	}
	if tie != nil {
		res.Ties = append(res.Ties, *tie)
		tieStep(step, tie)
		if !tie.Resolved() {
			res.Revote = tie.Among
			open -= tie.Places
			for _, id := range tie.Among {
				excluded[c.lookup(id)] = true
			}
			step("revote among %v for %d seat(s)", tie.Among, tie.Places)
		}
	}
	res.Selected = t.ids(chosen)
	step("elected %v; %d of %d seats empty", res.Selected, open, r.Seats)
	if open <= 0 || r.Runoff == nil {
		return
	}
	var rest []int
	for i := range c.opts {
		if !excluded[i] {
			rest = append(rest, i)
		}
	}
	rest = order(t.votes, rest)
	n := open + max(r.Runoff.Extra, 1) // Extra 0 means 1
	if n < len(rest) {
		last := t.votes[rest[n-1]]
		for n < len(rest) && t.votes[rest[n]] == last {
			n++
		}
		rest = rest[:n]
	}
	if len(rest) == 0 {
		step("no candidates left for a runoff")
		return
	}
	rr := r
	rr.Name = "runoff"
	if r.Name != "" {
		rr.Name = r.Name + " (runoff)"
	}
	rr.Seats = open
	rr.Threshold = &Threshold{Ratio: r.Runoff.Threshold.Ratio, Base: r.Runoff.Threshold.Base}
	rr.Runoff = nil
	rr.Competition = nil // the runoff takes its candidates from the first round (art. 30)
	rr.Tie.Order = slices.DeleteFunc(slices.Clone(rr.Tie.Order), func(o OptionID) bool {
		return !slices.Contains(t.ids(rest), o)
	})
	if rr.Tie.Method == TieOrder && len(rr.Tie.Order) == 0 {
		rr.Tie = TieBreak{}
	}
	if len(rr.Tie.Order) == 0 {
		rr.Tie.Order = nil
	}
	res.Runoff = &RunoffPlan{Seats: open, Candidates: t.ids(rest), Rule: rr}
	step("runoff for %d seat(s) among %v, winner needs %s", open, res.Runoff.Candidates, rr.Threshold)
}

// settleWriteIns orders the write-in candidates after the declared ones,
// by name (so the result does not depend on ballot order), and drops
// those left with no votes (seen only on invalid ballots).
func (t *tally) settleWriteIns(step func(string, ...any)) {
	c := t.c
	declared := len(c.poll.Options)
	if len(c.opts) == declared {
		return
	}
	type writeIn struct {
		id    OptionID
		votes int64
	}
	var ws []writeIn
	for i := declared; i < len(c.opts); i++ {
		if t.votes[i] > 0 {
			ws = append(ws, writeIn{c.opts[i], t.votes[i]})
		}
	}
	slices.SortFunc(ws, func(a, b writeIn) int { return cmp.Compare(a.id, b.id) })
	c.opts, t.votes = c.opts[:declared], t.votes[:declared]
	for _, w := range ws {
		c.opts = append(c.opts, w.id)
		t.votes = append(t.votes, w.votes)
	}
	c.index = nil
	if len(c.opts) > linearLookup {
		c.index = make(map[OptionID]int, len(c.opts))
		for i, o := range c.opts {
			c.index[o] = i
		}
	}
	if len(ws) > 0 {
		step("write-in candidates: %v", t.ids(seq(declared, len(c.opts))))
	}
}

func seq(from, to int) []int {
	out := make([]int, 0, to-from)
	for i := from; i < to; i++ {
		out = append(out, i)
	}
	return out
}
