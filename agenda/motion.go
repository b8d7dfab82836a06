package agenda

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/vote"
)

// MotionID identifies a motion within its meeting.
type MotionID string

// Method is how a motion is voted.
type Method string

// Voting methods for motions.
const (
	// YesNo: each representative present votes yes, no or abstains; the
	// motion passes when the yes votes meet the kind's Approval ratio of the
	// representatives present.
	YesNo Method = "yes-no"
	// LimitedApproval: each representative approves at most Votes options,
	// at most once each (Shuangjing 2021: 5 votes among 6 projects); an option
	// passes when its support meets the Approval ratio of the representatives
	// present, and the Priorities most supported passing options are chosen.
	LimitedApproval Method = "limited-approval"
)

// Ballot is one representative's vote on a motion: an answer (vote.Yes,
// vote.No, vote.Abstain) on a yes/no motion, or the options approved on a
// limited-approval one.
type Ballot struct {
	Voter   grid.PersonID   `json:"voter"`
	Choice  vote.Choice     `json:"choice,omitempty"`  // YesNo
	Approve []vote.OptionID `json:"approve,omitempty"` // LimitedApproval
}

// Motion is a proposal put to the vote of a meeting's representatives.
type Motion struct {
	ID      MotionID      `json:"id"`
	Topic   TopicID       `json:"topic,omitempty"` // the topic it would resolve
	Text    string        `json:"text"`
	Method  Method        `json:"method"`
	Options []vote.Option `json:"options,omitempty"` // LimitedApproval alternatives
	// Votes is how many options each representative may approve; 0 means
	// all of them.
	Votes int `json:"votes,omitempty"`
	// Priorities is how many passing options, most supported first, are
	// chosen; 0 means all passing options.
	Priorities int `json:"priorities,omitempty"`
	// Approval overrides the meeting kind's approval ratio when non-zero.
	Approval vote.Ratio `json:"approval,omitzero"`

	Ballots []Ballot      `json:"ballots,omitempty"` // sorted by voter
	Result  *MotionResult `json:"result,omitempty"`  // set when the vote is closed
}

func (m Motion) clone() Motion {
	c := m
	c.Options = slices.Clone(m.Options)
	c.Ballots = make([]Ballot, len(m.Ballots))
	for i, b := range m.Ballots {
		c.Ballots[i] = b
		c.Ballots[i].Approve = slices.Clone(b.Approve)
	}
	if m.Ballots == nil {
		c.Ballots = nil
	}
	if m.Result != nil {
		r := m.Result.clone()
		c.Result = &r
	}
	return c
}

func (m Motion) validateNew() error {
	switch {
	case strings.TrimSpace(string(m.ID)) == "":
		return invalid("motion.id", "empty")
	case strings.TrimSpace(m.Text) == "":
		return invalid("motion.text", "empty")
	case m.Ballots != nil || m.Result != nil:
		return invalid("motion", "a new motion has no ballots and no result")
	}
	if m.Approval != (vote.Ratio{}) {
		if err := m.Approval.Validate(); err != nil {
			return invalid("motion.approval", "%v", err)
		}
	}
	switch m.Method {
	case YesNo:
		if len(m.Options) != 0 {
			return invalid("motion.options", "a yes/no motion has no options")
		}
	case LimitedApproval:
		if len(m.Options) < 2 {
			return invalid("motion.options", "a limited-approval motion needs at least 2 options")
		}
		seen := map[vote.OptionID]bool{}
		for _, o := range m.Options {
			if o.ID == "" || seen[o.ID] {
				return invalid("motion.options", "empty or duplicate option id %q", o.ID)
			}
			seen[o.ID] = true
		}
		if m.Votes < 0 || m.Votes > len(m.Options) {
			return invalid("motion.votes", "must be between 0 and %d, got %d", len(m.Options), m.Votes)
		}
		if m.Priorities < 0 || m.Priorities > len(m.Options) {
			return invalid("motion.priorities", "must be between 0 and %d, got %d", len(m.Options), m.Priorities)
		}
	default:
		return invalid("motion.method", "unknown method %q", m.Method)
	}
	return nil
}

// checkBallot validates b against the motion (not against attendance).
func (m Motion) checkBallot(b Ballot) error {
	switch m.Method {
	case YesNo:
		if len(b.Approve) != 0 {
			return invalid("ballot.approve", "a yes/no ballot approves no options")
		}
		switch b.Choice {
		case vote.Yes, vote.No, vote.Abstain:
			return nil
		}
		return invalid("ballot.choice", "unknown choice %q", b.Choice)
	case LimitedApproval:
		if b.Choice != "" {
			return invalid("ballot.choice", "a limited-approval ballot has no yes/no choice")
		}
		limit := m.Votes
		if limit == 0 {
			limit = len(m.Options)
		}
		if len(b.Approve) > limit {
			return invalid("ballot.approve", "%d approvals, at most %d allowed", len(b.Approve), limit)
		}
		seen := map[vote.OptionID]bool{}
		for _, id := range b.Approve {
			if seen[id] {
				return invalid("ballot.approve", "option %s approved twice", id)
			}
			seen[id] = true
			if !slices.ContainsFunc(m.Options, func(o vote.Option) bool { return o.ID == id }) {
				return invalid("ballot.approve", "unknown option %s", id)
			}
		}
		return nil
	}
	return invalid("motion.method", "unknown method %q", m.Method)
}

// QuorumResult explains whether a meeting reached its quorum.
type QuorumResult struct {
	Invited int64      `json:"invited"` // representatives invited
	Present int64      `json:"present"` // representatives present
	Rule    vote.Ratio `json:"rule"`
	Min     int64      `json:"min"` // smallest attendance that meets Rule
	Met     bool       `json:"met"`
}

// String explains the quorum, e.g. "quorum met: 40 of 46 representatives present, need > 1/2 (24)".
func (q QuorumResult) String() string {
	verdict := "quorum met"
	if !q.Met {
		verdict = "no quorum"
	}
	return fmt.Sprintf("%s: %d of %d representatives present, need %s (%d)", verdict, q.Present, q.Invited, q.Rule, q.Min)
}

// Quorum computes whether the representatives present meet rule.
func Quorum(rule vote.Ratio, invited, present int64) QuorumResult {
	return QuorumResult{Invited: invited, Present: present, Rule: rule,
		Min: rule.Min(invited), Met: rule.Met(present, invited)}
}

// MotionResult is the explained outcome of a motion's vote: the meeting's
// quorum, and the count by package vote (Vote) under the approval ratio
// applied to the representatives present.
type MotionResult struct {
	Motion MotionID     `json:"motion"`
	Method Method       `json:"method"`
	Quorum QuorumResult `json:"quorum"`
	// Base is the number of representatives present, the denominator of
	// the approval ratio.
	Base     int64      `json:"base"`
	Approval vote.Ratio `json:"approval"`
	Need     int64      `json:"need"` // smallest count that meets Approval out of Base
	// Vote is the count: for a yes/no motion one option per answer
	// (vote.Yes, vote.No, vote.Abstain); for limited approval one per
	// alternative, with its support, whether it passed and whether it was
	// chosen (Selected, most supported first), and the ties. Without
	// quorum nothing is selected.
	Vote vote.Result `json:"vote"`

	Passed bool   `json:"passed"`
	Reason string `json:"reason"`
}

// Votes returns the number of ballots that answered c (yes/no motions).
func (r MotionResult) Votes(c vote.Choice) int64 {
	o, _ := r.Vote.Option(vote.OptionID(c))
	return o.Votes
}

// Priorities returns the options chosen, most supported first.
func (r MotionResult) Priorities() []vote.OptionID { return r.Vote.Selected }

// Tied returns the passing options tied for the last priority place that
// were left out of Priorities and need a run-off.
func (r MotionResult) Tied() []vote.OptionID {
	var out []vote.OptionID
	for _, t := range r.Vote.Ties {
		if len(t.Chosen) == 0 {
			out = append(out, t.Among...)
		}
	}
	return out
}

// Ranked returns the options by support, most first (option order among
// equals).
func (r MotionResult) Ranked() []vote.OptionResult {
	out := slices.Clone(r.Vote.Options)
	slices.SortStableFunc(out, func(a, b vote.OptionResult) int { return cmp.Compare(b.Votes, a.Votes) })
	return out
}

func (r MotionResult) clone() MotionResult {
	c := r
	c.Vote = r.Vote.Clone()
	return c
}

// Tally counts a motion's ballots through package vote. invited is the
// number of representatives invited and present lists those present, who
// alone may vote; kind supplies the quorum (of invited representatives) and
// the default approval ratio (of representatives present, so staying silent
// counts like voting no). Without quorum nothing passes and Reason says
// why. Tally is pure: equal inputs give equal results whatever the ballot
// order.
func Tally(kind Kind, m Motion, invited int64, present []grid.PersonID) (MotionResult, error) {
	approval := kind.Approval
	if m.Approval != (vote.Ratio{}) {
		approval = m.Approval
	}
	n := int64(len(present))
	r := MotionResult{Motion: m.ID, Method: m.Method, Quorum: Quorum(kind.Quorum, invited, n),
		Base: n, Approval: approval, Need: approval.Min(n)}
	for _, b := range m.Ballots {
		if err := m.checkBallot(b); err != nil {
			return MotionResult{}, err
		}
	}
	poll := vote.Poll{ID: vote.PollID(m.ID), Title: m.Text, Options: m.Options}
	seen := make(map[grid.PersonID]bool, len(present))
	for _, p := range present {
		if !seen[p] {
			seen[p] = true
			poll.Voters = append(poll.Voters, vote.Voter{ID: vote.VoterID(p)})
		}
	}
	if int64(len(poll.Voters)) != n {
		return MotionResult{}, invalid("present", "a representative is listed twice")
	}
	threshold := &vote.Threshold{Ratio: approval, Base: vote.BaseEligible}
	ballots := make([]vote.Ballot, len(m.Ballots))
	for i, b := range m.Ballots {
		if !seen[b.Voter] {
			return MotionResult{}, invalid("ballot.voter", "%s is not a representative present", b.Voter)
		}
		ballots[i] = vote.Ballot{ID: vote.BallotID(b.Voter), Voter: vote.VoterID(b.Voter), Choice: b.Choice}
		for _, o := range b.Approve {
			ballots[i].Marks = append(ballots[i].Marks, vote.Mark{Option: o})
		}
	}
	switch m.Method {
	case YesNo:
		poll.Rule = vote.Rule{Method: vote.MethodMotion, Name: "motion", Threshold: threshold}
	case LimitedApproval:
		sel := m.Priorities
		if sel == 0 {
			sel = len(m.Options)
		}
		poll.Rule = vote.Rule{Method: vote.MethodApproval, Name: "limited approval", Votes: m.Votes, Threshold: threshold, Select: sel}
	default:
		return MotionResult{}, invalid("motion.method", "unknown method %q", m.Method)
	}
	if n == 0 {
		// Nobody present: nothing can pass, and vote needs voters.
		r.Vote = vote.Result{Poll: poll.ID, Rule: poll.Rule}
		for _, o := range poll.Options {
			r.Vote.Options = append(r.Vote.Options, vote.OptionResult{Option: o.ID})
		}
	} else {
		vr, err := vote.Tally(poll, ballots)
		if err != nil {
			return MotionResult{}, fmt.Errorf("agenda: motion %s: %w", m.ID, err)
		}
		if vr.Invalid > 0 {
			return MotionResult{}, invalid("motion.ballots", "%d invalid ballots: %s", vr.Invalid, vr.Rejected[0].Reason)
		}
		r.Vote = vr
	}
	switch m.Method {
	case YesNo:
		yes := r.Votes(vote.Yes)
		r.Passed = r.Vote.Adopted && n > 0
		verdict := "passed"
		if !r.Passed {
			verdict = "not passed"
		}
		r.Reason = fmt.Sprintf("%s: %d yes of %d present, need %s (%d)", verdict, yes, n, approval, r.Need)
	case LimitedApproval:
		prio, tied := len(r.Priorities()), len(r.Tied())
		r.Passed = prio > 0
		switch {
		case r.Passed && tied > 0:
			r.Reason = fmt.Sprintf("passed: %d chosen, %d tied for the last place need a run-off; each needs %s of %d present (%d)", prio, tied, approval, n, r.Need)
		case r.Passed:
			passed := 0
			for _, o := range r.Vote.Options {
				if o.Passed {
					passed++
				}
			}
			r.Reason = fmt.Sprintf("passed: %d of %d options reached %s of %d present (%d); %d chosen as priorities", passed, len(m.Options), approval, n, r.Need, prio)
		case tied > 0:
			r.Reason = fmt.Sprintf("not passed: %d options tied for the only place need a run-off", tied)
		default:
			r.Reason = fmt.Sprintf("not passed: no option reached %s of %d present (%d)", approval, n, r.Need)
		}
	}
	if !r.Quorum.Met {
		r.Passed = false
		r.Vote.Selected = nil
		for i := range r.Vote.Options {
			r.Vote.Options[i].Selected = false
		}
		r.Reason = r.Quorum.String() + "; no resolution can be adopted"
	}
	return r, nil
}
