package vote

import (
	"fmt"
	"time"
)

// State is the stage of a poll's life: draft, open, closed, tallied.
type State string

// The poll states, in the only order a poll moves through them.
const (
	StateDraft   State = "draft"   // being prepared; options and voters may change
	StateOpen    State = "open"    // accepting ballots
	StateClosed  State = "closed"  // no more ballots; the digest is fixed
	StateTallied State = "tallied" // the result is recorded
)

// Poll is a ballot box: what is voted on (Options), who may vote
// (Voters, with weights), how it is counted (Rule), when (Opens, Closes)
// and where it stands (State). It is plain data; a Service moves it through
// its states and a Store keeps it.
type Poll struct {
	ID      PollID   `json:"id"`
	Title   string   `json:"title,omitempty"`
	Rule    Rule     `json:"rule"`
	Options []Option `json:"options,omitempty"`
	// Voters is the eligibility list. An empty list means anyone may vote
	// and nobody is counted as eligible; rules with an eligible base, a
	// quorum, elections and double majorities need the list.
	Voters []Voter `json:"voters,omitempty"`
	// Secret keeps who voted apart from what they voted: the store holds
	// participation marks and anonymous ballots, never a link.
	Secret bool `json:"secret,omitempty"`
	// Opens and Closes bound the casting window; the zero time means no
	// bound on that side.
	Opens  time.Time `json:"opens,omitzero"`
	Closes time.Time `json:"closes,omitzero"`

	State State `json:"state"`
	// Version counts the stored revisions of the poll (optimistic
	// concurrency); 0 before it is first stored.
	Version int64 `json:"version"`
	// Voted is the number of people who voted (投票人数): the
	// participation marks, fixed by Service.Close, or the sign-in count of
	// a paper vote. A tally with more ballots than Voted is void (Beijing
	// village election measures art. 28). Zero means not known.
	Voted int64 `json:"voted,omitempty"`
	// Count and Digest are fixed when the poll closes: the number of
	// ballots and the audit digest of the canonical ballot list (see
	// Digest).
	Count  int64  `json:"count,omitempty"`
	Digest string `json:"digest,omitempty"`
	// Publicity records the posting of the result (公示): opened by
	// Service.Tally when the rule sets a Posting, then Service.Post and
	// Service.Object.
	Publicity *Publicity `json:"publicity,omitempty"`
	// Result is recorded when the poll is tallied.
	Result *Result `json:"result,omitempty"`
}

// usesOptions reports whether the rule's ballots mark options.
func (r Rule) usesOptions() bool {
	return r.Method != MethodMotion && r.Method != MethodDoubleMajority
}

// needsVoters reports whether counting needs the eligibility list.
func (r Rule) needsVoters() bool {
	if r.Method == MethodElection || r.Method == MethodDoubleMajority || r.Quorum != nil {
		return true
	}
	if r.Threshold != nil && r.Threshold.Base == BaseEligible {
		return true
	}
	return r.Runoff != nil && r.Runoff.Threshold.Base == BaseEligible
}

// Validate checks the poll definition: the rule, unique non-empty option
// and voter ids, options where the method needs them (and none for
// motions), voters with positive weights for a double majority, and
// combinations a secret poll cannot honour. Rule problems are
// *ConfigError (field prefixed "rule."), the rest *PollError.
func (p Poll) Validate() error {
	if p.ID == "" {
		return &PollError{Field: "id", Reason: "missing"}
	}
	if err := p.Rule.Validate(); err != nil {
		return prefixed("rule", err)
	}
	perr := func(field, format string, a ...any) error {
		return &PollError{Poll: p.ID, Field: field, Reason: fmt.Sprintf(format, a...)}
	}
	r := p.Rule
	if r.usesOptions() {
		if len(p.Options) == 0 {
			return perr("options", "method %q needs options", r.Method)
		}
	} else if len(p.Options) != 0 {
		return perr("options", "method %q has the fixed answers yes, no and abstain", r.Method)
	}
	seen := make(map[OptionID]bool, len(p.Options))
	for i, o := range p.Options {
		if o.ID == "" {
			return perr(fmt.Sprintf("options[%d].id", i), "missing")
		}
		if seen[o.ID] {
			return perr(fmt.Sprintf("options[%d].id", i), "duplicate option %q", o.ID)
		}
		seen[o.ID] = true
	}
	for i, o := range r.Tie.Order {
		if !seen[o] {
			return perr(fmt.Sprintf("rule.tie.order[%d]", i), "%q is not an option", o)
		}
	}
	if r.Method == MethodElection && len(p.Options) < r.Seats {
		return perr("options", "%d candidates for %d seats", len(p.Options), r.Seats)
	}
	if c := r.Competition; r.Method == MethodElection && c != nil {
		n, lo, hi := len(p.Options), r.Seats+c.Min, r.Seats+c.Max
		src := ""
		if c.Source != "" {
			src = " (" + c.Source + ")"
		}
		if n < lo || c.Max > 0 && n > hi {
			want := fmt.Sprintf("at least %d", lo)
			if c.Max > 0 {
				want = fmt.Sprintf("%d to %d", lo, hi)
			}
			return perr("options", "%d candidates for %d seats: a competitive election needs %s%s", n, r.Seats, want, src)
		}
	}
	if r.needsVoters() && len(p.Voters) == 0 {
		return perr("voters", "the rule counts eligible voters: give the eligibility list")
	}
	vseen := make(map[VoterID]bool, len(p.Voters))
	for i, v := range p.Voters {
		if v.ID == "" {
			return perr(fmt.Sprintf("voters[%d].id", i), "missing")
		}
		if vseen[v.ID] {
			return perr(fmt.Sprintf("voters[%d].id", i), "duplicate voter %q", v.ID)
		}
		vseen[v.ID] = true
		if r.Method == MethodDoubleMajority && !v.Weight.IsPositive() {
			return perr(fmt.Sprintf("voters[%d].weight", i), "an owner's exclusive area must be positive, got %s", v.Weight)
		}
		if v.Weight.IsNegative() {
			return perr(fmt.Sprintf("voters[%d].weight", i), "negative weight %s", v.Weight)
		}
	}
	if p.Secret {
		if r.Method == MethodDoubleMajority {
			return perr("secret", "a double majority weighs each ballot by its owner's area, so it cannot be secret")
		}
		if r.AllowChange {
			return perr("secret", "a secret ballot cannot be changed: nothing links it to its voter")
		}
	}
	if !p.Opens.IsZero() && !p.Closes.IsZero() && !p.Opens.Before(p.Closes) {
		return perr("closes", "must be after opens")
	}
	return nil
}

// CheckBallot reports whether b is a valid ballot in p: known options,
// within the rule's budget (votes per ballot, marks per option, seats),
// known levels, a valid choice, and an eligible voter when b names one.
// It returns a *BallotError (ErrInvalidBallot) for content problems and an
// error wrapping ErrNotEligible for an unknown voter. It does not know
// whether the voter already voted; the Store does.
func (p Poll) CheckBallot(b Ballot) error {
	c, err := newCounter(p)
	if err != nil {
		return err
	}
	return c.checkBallot(b)
}
