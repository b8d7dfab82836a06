package vote

import (
	"fmt"
	"sync"
)

// linearLookup is the option count up to which ids are found by a linear
// scan (faster than a map for the few options of a real ballot).
const linearLookup = 12

// counter is a poll compiled for checking and counting ballots.
type counter struct {
	poll      Poll
	rule      Rule
	opts      []OptionID
	index     map[OptionID]int // nil when len(opts) <= linearLookup
	roll      *rollIndex       // nil without an eligibility list
	levels    map[string]int
	satisfied []bool // by level index
	budget    int    // most marks per ballot, 0 = unlimited
	perOption int    // most marks per option per ballot

	// per-ballot scratch
	gen   uint64
	stamp []uint64 // stamp[i] == gen: option i marked in this ballot
	used  []int    // marks given to option i in this ballot
	idx   []int    // option index of each mark
	cnt   []int    // count (or level index) of each mark

	pool *sync.Pool // forks with their own scratch, for concurrent casts
}

func newCounter(p Poll) (*counter, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	r := p.Rule
	c := &counter{poll: p, rule: r, perOption: 1, pool: new(sync.Pool)}
	c.opts = make([]OptionID, len(p.Options))
	for i, o := range p.Options {
		c.opts[i] = o.ID
	}
	if len(c.opts) > linearLookup {
		c.index = make(map[OptionID]int, len(c.opts))
		for i, o := range c.opts {
			c.index[o] = i
		}
	}
	if len(p.Voters) > 0 {
		if c.roll, _ = newRollIndex(p.Voters); c.roll == nil {
			return nil, &PollError{Poll: p.ID, Field: "voters", Reason: fmt.Sprintf("%d voters: too many to index", len(p.Voters))}
		}
	}
	switch r.Method {
	case MethodApproval:
		c.budget = r.Votes
	case MethodCumulative:
		c.budget = r.Votes
		c.perOption = max(r.PerOption, 1)
	case MethodElection:
		c.budget = r.Seats
	case MethodSatisfaction:
		c.levels = make(map[string]int, len(r.Levels))
		for i, l := range r.Levels {
			c.levels[l] = i
		}
		c.satisfied = make([]bool, len(r.Levels))
		for _, l := range r.Satisfied {
			c.satisfied[c.levels[l]] = true
		}
	}
	c.stamp = make([]uint64, len(c.opts))
	c.used = make([]int, len(c.opts))
	return c, nil
}

// lookup returns the index of option id, or -1.
func (c *counter) lookup(id OptionID) int { return c.lookupFrom(id, 0) }

// lookupFrom is lookup trying index hint first: ballots usually list
// options in the poll's order, so the next mark is most often the option
// after the previous one.
func (c *counter) lookupFrom(id OptionID, hint int) int {
	if c.index != nil {
		if i, ok := c.index[id]; ok {
			return i
		}
		return -1
	}
	if hint < len(c.opts) && c.opts[hint] == id {
		return hint
	}
	for i, o := range c.opts {
		if o == id {
			return i
		}
	}
	return -1
}

// checkVoter reports whether b's voter may vote in the poll.
func (c *counter) checkVoter(b *Ballot) error {
	if b.Voter == "" {
		if c.rule.Method == MethodDoubleMajority {
			return &BallotError{Ballot: b.ID, Reason: "an owners' ballot must name its owner"}
		}
		return nil
	}
	if c.roll != nil {
		if _, ok := c.roll.position(b.Voter); !ok {
			return fmt.Errorf("%w: %q in poll %s", ErrNotEligible, b.Voter, c.poll.ID)
		}
	}
	return nil
}

// checkBallot is Poll.CheckBallot on a compiled poll.
func (c *counter) checkBallot(b Ballot) error {
	if err := c.checkVoter(&b); err != nil {
		return err
	}
	if r := c.checkContent(&b); r != nil {
		return &BallotError{Ballot: b.ID, Option: r.Option, Code: r.Code, Reason: r.Reason}
	}
	return nil
}

// checkContent validates b's marks or choice and, for mark methods, leaves
// the option index and count of each mark in c.idx and c.cnt.
func (c *counter) checkContent(b *Ballot) *Rejection {
	switch c.rule.Method {
	case MethodMotion, MethodDoubleMajority:
		if len(b.Marks) != 0 {
			return reject(b.ID, "", RejectMarksOnMotion, 0, "")
		}
		switch b.Choice {
		case Yes, No, Abstain:
			return nil
		case "":
			return reject(b.ID, "", RejectNoChoice, 0, "")
		}
		return reject(b.ID, "", RejectUnknownChoice, 0, string(b.Choice))
	case MethodSatisfaction:
		return c.checkLevels(b)
	}
	return c.checkMarks(b, nil)
}

// addWriteIn adds a write-in candidate to the options being counted and
// returns its index.
func (c *counter) addWriteIn(id OptionID) int {
	c.opts = append(c.opts, id)
	c.stamp = append(c.stamp, 0)
	c.used = append(c.used, 0)
	i := len(c.opts) - 1
	switch {
	case c.index != nil:
		c.index[id] = i
	case len(c.opts) > linearLookup:
		c.index = make(map[OptionID]int, 2*len(c.opts))
		for j, o := range c.opts {
			c.index[o] = j
		}
	}
	return i
}

func (c *counter) nextGen() {
	c.gen++
	c.idx = c.idx[:0]
	c.cnt = c.cnt[:0]
}

// checkMarks validates the marks of b. With t nil it only checks;
// otherwise it adds the marks to t.votes as it goes and takes them back
// out if the ballot turns out invalid (one pass for the common, valid
// case). Where the rule allows write-ins, an unknown name is a write-in
// candidate, added to the count when t is not nil.
func (c *counter) checkMarks(b *Ballot, t *tally) *Rejection {
	if b.Choice != "" {
		return reject(b.ID, "", RejectChoiceOnMarks, 0, "")
	}
	c.nextGen()
	total, hint := 0, 0
	for k, m := range b.Marks {
		i := c.lookupFrom(m.Option, hint)
		if i < 0 {
			if !c.rule.WriteIns || m.Option == "" {
				c.unmark(b.Marks[:k], t)
				return reject(b.ID, m.Option, RejectUnknownOption, 0, "")
			}
			if t == nil {
				// Checking only: a write-in may appear once per ballot.
				for _, prev := range b.Marks[:k] {
					if prev.Option == m.Option {
						return reject(b.ID, m.Option, RejectRepeatedVote, 0, "")
					}
				}
				if m.Count > 1 || m.Count < 0 || m.Level != "" {
					return reject(b.ID, m.Option, RejectWriteInCount, 0, "")
				}
				total++
				if total > c.budget {
					return reject(b.ID, "", RejectTooManyCandidates, c.budget, "")
				}
				continue
			}
			i = c.addWriteIn(m.Option)
			t.votes = append(t.votes, 0)
		}
		hint = i + 1
		n := m.Count
		if n == 0 {
			n = 1
		} else if n < 0 {
			c.unmark(b.Marks[:k], t)
			return reject(b.ID, m.Option, RejectNegativeCount, 0, "")
		}
		if m.Level != "" {
			c.unmark(b.Marks[:k], t)
			return reject(b.ID, m.Option, RejectLevelOnMarks, 0, "")
		}
		if c.stamp[i] != c.gen {
			c.stamp[i] = c.gen
			c.used[i] = 0
		}
		c.used[i] += n
		if c.used[i] > c.perOption {
			c.unmark(b.Marks[:k], t)
			if c.perOption == 1 {
				return reject(b.ID, m.Option, RejectRepeatedVote, 0, "")
			}
			return reject(b.ID, m.Option, RejectOptionVotes, c.perOption, "")
		}
		total += n
		if c.budget > 0 && total > c.budget {
			c.unmark(b.Marks[:k], t)
			if c.rule.Method == MethodElection {
				return reject(b.ID, "", RejectTooManyCandidates, c.budget, "")
			}
			return reject(b.ID, "", RejectTooManyVotes, c.budget, "")
		}
		if t != nil {
			t.votes[i] += int64(n)
		} else {
			c.idx = append(c.idx, i)
			c.cnt = append(c.cnt, n)
		}
	}
	return nil
}

// unmark takes marks, already added to t.votes and all valid, back out.
func (c *counter) unmark(marks []Mark, t *tally) {
	if t == nil {
		return
	}
	for _, m := range marks {
		t.votes[c.lookup(m.Option)] -= int64(max(m.Count, 1))
	}
}

func (c *counter) checkLevels(b *Ballot) *Rejection {
	if b.Choice != "" {
		return reject(b.ID, "", RejectChoiceOnSatisfaction, 0, "")
	}
	c.nextGen()
	for _, m := range b.Marks {
		i := c.lookup(m.Option)
		if i < 0 {
			return reject(b.ID, m.Option, RejectUnknownOption, 0, "")
		}
		if m.Count > 1 || m.Count < 0 {
			return reject(b.ID, m.Option, RejectCountOnLevel, 0, "")
		}
		l, ok := c.levels[m.Level]
		if !ok {
			return reject(b.ID, m.Option, RejectUnknownLevel, 0, m.Level)
		}
		if c.stamp[i] == c.gen {
			return reject(b.ID, m.Option, RejectRepeatedAnswer, 0, "")
		}
		c.stamp[i] = c.gen
		c.idx = append(c.idx, i)
		c.cnt = append(c.cnt, l)
	}
	return nil
}
