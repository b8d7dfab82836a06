package agenda

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

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
	// at most once each (scenario 1: 5 votes among 6 projects); an option
	// passes when its support meets the Approval ratio of the representatives
	// present, and the Priorities most supported passing options are chosen.
	LimitedApproval Method = "limited-approval"
)

// Choice is a yes/no/abstain vote.
type Choice string

// Choices of a yes/no motion.
const (
	Yes     Choice = "yes"
	No      Choice = "no"
	Abstain Choice = "abstain"
)

// Option is one alternative of a limited-approval motion.
type Option struct {
	ID    OptionID `json:"id"`
	Title string   `json:"title"`
}

// Ballot is one representative's vote on a motion.
type Ballot struct {
	Voter   PersonID   `json:"voter"`
	Choice  Choice     `json:"choice,omitempty"`  // YesNo
	Approve []OptionID `json:"approve,omitempty"` // LimitedApproval
}

// Motion is a proposal put to the vote of a meeting's representatives.
type Motion struct {
	ID      MotionID `json:"id"`
	Topic   TopicID  `json:"topic,omitempty"` // the topic it would resolve
	Text    string   `json:"text"`
	Method  Method   `json:"method"`
	Options []Option `json:"options,omitempty"` // LimitedApproval alternatives
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
		seen := map[OptionID]bool{}
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
		case Yes, No, Abstain:
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
		seen := map[OptionID]bool{}
		for _, id := range b.Approve {
			if seen[id] {
				return invalid("ballot.approve", "option %s approved twice", id)
			}
			seen[id] = true
			if !slices.ContainsFunc(m.Options, func(o Option) bool { return o.ID == id }) {
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

// OptionResult is one alternative's count in a limited-approval motion.
type OptionResult struct {
	ID       OptionID `json:"id"`
	Title    string   `json:"title"`
	Support  int64    `json:"support"`
	Passed   bool     `json:"passed"`   // support meets the approval ratio
	Priority bool     `json:"priority"` // among the chosen
}

// MotionResult is the explained outcome of a motion's vote.
type MotionResult struct {
	Motion MotionID     `json:"motion"`
	Method Method       `json:"method"`
	Quorum QuorumResult `json:"quorum"`
	// Base is the number of representatives present, the denominator of
	// the approval ratio.
	Base     int64      `json:"base"`
	Approval vote.Ratio `json:"approval"`
	Need     int64      `json:"need"` // smallest count that meets Approval out of Base
	Cast     int64      `json:"cast"` // ballots cast

	Yes     int64 `json:"yes,omitempty"`
	No      int64 `json:"no,omitempty"`
	Abstain int64 `json:"abstain,omitempty"`

	Options    []OptionResult `json:"options,omitempty"`    // by support, then option order
	Priorities []OptionID     `json:"priorities,omitempty"` // chosen, most supported first
	// Tied lists passing options tied for the last priority place; they are
	// left out of Priorities and need a run-off.
	Tied []OptionID `json:"tied,omitempty"`

	Passed bool   `json:"passed"`
	Reason string `json:"reason"`
}

func (r MotionResult) clone() MotionResult {
	c := r
	c.Options = slices.Clone(r.Options)
	c.Priorities = slices.Clone(r.Priorities)
	c.Tied = slices.Clone(r.Tied)
	return c
}

// Tally counts a motion's ballots through package vote. invited is the
// number of representatives invited and present lists those present, who
// alone may vote; kind supplies the quorum (of invited representatives) and
// the default approval ratio (of representatives present, so staying silent
// counts like voting no). Without quorum nothing passes and Reason says
// why. Tally is pure: equal inputs give equal results whatever the ballot
// order.
func Tally(kind Kind, m Motion, invited int64, present []PersonID) (MotionResult, error) {
	approval := kind.Approval
	if m.Approval != (vote.Ratio{}) {
		approval = m.Approval
	}
	n := int64(len(present))
	r := MotionResult{Motion: m.ID, Method: m.Method, Quorum: Quorum(kind.Quorum, invited, n),
		Base: n, Approval: approval, Need: approval.Min(n), Cast: int64(len(m.Ballots))}
	for _, b := range m.Ballots {
		if err := m.checkBallot(b); err != nil {
			return MotionResult{}, err
		}
	}
	poll := vote.Poll{ID: vote.PollID(m.ID), Title: m.Text}
	seen := make(map[PersonID]bool, len(present))
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
	var err error
	ballots := make([]vote.Ballot, len(m.Ballots))
	for i, b := range m.Ballots {
		if !seen[b.Voter] {
			return MotionResult{}, invalid("ballot.voter", "%s is not a representative present", b.Voter)
		}
		ballots[i] = vote.Ballot{ID: vote.BallotID(b.Voter), Voter: vote.VoterID(b.Voter), Choice: vote.Choice(b.Choice)}
		for _, o := range b.Approve {
			ballots[i].Marks = append(ballots[i].Marks, vote.Mark{Option: vote.OptionID(o)})
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
		for _, o := range m.Options {
			poll.Options = append(poll.Options, vote.Option{ID: vote.OptionID(o.ID), Name: o.Title})
		}
	default:
		return MotionResult{}, invalid("motion.method", "unknown method %q", m.Method)
	}
	var vr vote.Result
	if n == 0 {
		// Nobody present: nothing can pass, and vote needs voters.
		for _, o := range poll.Options {
			vr.Options = append(vr.Options, vote.OptionResult{Option: o.ID})
		}
	} else if vr, err = vote.Tally(poll, ballots); err != nil {
		return MotionResult{}, fmt.Errorf("agenda: motion %s: %w", m.ID, err)
	}
	if vr.Invalid > 0 {
		return MotionResult{}, invalid("motion.ballots", "%d invalid ballots: %s", vr.Invalid, vr.Rejected[0].Reason)
	}
	switch m.Method {
	case YesNo:
		for _, o := range vr.Options {
			switch Choice(o.Option) {
			case Yes:
				r.Yes = o.Votes
			case No:
				r.No = o.Votes
			case Abstain:
				r.Abstain = o.Votes
			}
		}
		r.Passed = vr.Adopted && n > 0
		verdict := "passed"
		if !r.Passed {
			verdict = "not passed"
		}
		r.Reason = fmt.Sprintf("%s: %d yes of %d present, need %s (%d)", verdict, r.Yes, n, approval, r.Need)
	case LimitedApproval:
		title := map[vote.OptionID]string{}
		for _, o := range m.Options {
			title[vote.OptionID(o.ID)] = o.Title
		}
		for _, o := range vr.Options {
			r.Options = append(r.Options, OptionResult{ID: OptionID(o.Option), Title: title[o.Option], Support: o.Votes,
				Passed: o.Passed, Priority: o.Selected})
		}
		slices.SortStableFunc(r.Options, func(a, b OptionResult) int { return cmp.Compare(b.Support, a.Support) })
		for _, id := range vr.Selected {
			r.Priorities = append(r.Priorities, OptionID(id))
		}
		for _, t := range vr.Ties {
			if len(t.Chosen) == 0 {
				for _, id := range t.Among {
					r.Tied = append(r.Tied, OptionID(id))
				}
			}
		}
		r.Passed = len(r.Priorities) > 0
		switch {
		case r.Passed && len(r.Tied) > 0:
			r.Reason = fmt.Sprintf("passed: %d chosen, %d tied for the last place need a run-off; each needs %s of %d present (%d)", len(r.Priorities), len(r.Tied), approval, n, r.Need)
		case r.Passed:
			passed := 0
			for _, o := range r.Options {
				if o.Passed {
					passed++
				}
			}
			r.Reason = fmt.Sprintf("passed: %d of %d options reached %s of %d present (%d); %d chosen as priorities", passed, len(m.Options), approval, n, r.Need, len(r.Priorities))
		case len(r.Tied) > 0:
			r.Reason = fmt.Sprintf("not passed: %d options tied for the only place need a run-off", len(r.Tied))
		default:
			r.Reason = fmt.Sprintf("not passed: no option reached %s of %d present (%d)", approval, n, r.Need)
		}
	}
	if !r.Quorum.Met {
		r.Passed = false
		r.Priorities = nil
		for i := range r.Options {
			r.Options[i].Priority = false
		}
		r.Reason = r.Quorum.String() + "; no resolution can be adopted"
	}
	return r, nil
}

// OptionID identifies an alternative of a limited-approval motion.
type OptionID string
