package project

import (
	"fmt"
	"time"
)

// Step asks the lifecycle to move a project to another status. Which
// fields are needed depends on the target:
//
//   - Cancelled and Deferred need a Reason (a failed screening is a step
//     from Proposed to Cancelled with the reason).
//   - Voted needs Vote.
//   - Planned needs Year; from any status but Voted it is a choice made
//     without (or apart from) a vote and needs a Reason too, such as the
//     plan's decision.
//   - Accepted needs a passed Acceptance; a failed Acceptance from
//     Completed moves the project back to InProgress (rectification) and
//     must list findings.
//   - Reviewed needs Review.
//   - Deferred may set Year, the pool year the project rolls into.
type Step struct {
	To         Status       `json:"to"`
	At         time.Time    `json:"at"`
	By         string       `json:"by,omitempty"`
	Reason     string       `json:"reason,omitempty"`
	Year       int          `json:"year,omitempty"`
	Vote       *VoteOutcome `json:"vote,omitempty"`
	Acceptance *Acceptance  `json:"acceptance,omitempty"`
	Review     *Review      `json:"review,omitempty"`
}

// Advance applies one lifecycle step to p and returns the new project. It
// is pure: p is not modified, and on error nothing changes. Refused steps
// return a *TransitionError (errors.Is(err, ErrIllegalTransition)).
func Advance(p Project, s Step) (Project, error) {
	bad := func(reason string) error {
		return &TransitionError{Project: p.ID, From: p.Status, To: s.To, Reason: reason}
	}
	if !s.To.valid() {
		return p, bad("unknown status")
	}
	if !CanMove(p.Status, s.To) {
		return p, bad("not a lifecycle step")
	}
	if s.At.IsZero() {
		return p, bad("step has no time")
	}
	if n := len(p.History); n > 0 && s.At.Before(p.History[n-1].At) {
		return p, bad("step is earlier than the previous one")
	}
	q := p.Clone()
	switch s.To {
	case Cancelled, Deferred:
		if s.Reason == "" {
			return p, bad("a reason is required")
		}
		if s.To == Deferred && s.Year != 0 {
			if s.Year < p.Year {
				return p, bad(fmt.Sprintf("cannot roll back from year %d to %d", p.Year, s.Year))
			}
			q.Year = s.Year
		}
		if s.To == Deferred {
			q.PlanYear = 0
		}
	case Voted:
		v := s.Vote
		if v == nil {
			return p, bad("the vote outcome is required")
		}
		if v.Base <= 0 || v.Support < 0 || v.Support > v.Base {
			return p, bad(fmt.Sprintf("vote outcome %d of %d is impossible", v.Support, v.Base))
		}
		vv := *v
		q.Vote = &vv
	case Planned:
		if s.Year <= 0 {
			return p, bad("the plan year is required")
		}
		if p.Status != Voted && s.Reason == "" {
			return p, bad("planning without a vote is a manual choice and needs a reason")
		}
		q.PlanYear = s.Year
	case Accepted:
		a := s.Acceptance
		if a == nil || !a.Passed || len(a.By) == 0 {
			return p, bad("a passed acceptance signed by someone is required")
		}
		q.Acceptances = append(q.Acceptances, cloneAcceptance(*a, s.At))
	case InProgress:
		if p.Status == Completed {
			a := s.Acceptance
			if a == nil || a.Passed || len(a.Findings) == 0 || len(a.By) == 0 {
				return p, bad("rectification needs a failed acceptance with findings")
			}
			q.Acceptances = append(q.Acceptances, cloneAcceptance(*a, s.At))
		}
	case Reviewed:
		r := s.Review
		if r == nil || r.Base <= 0 || r.Satisfied < 0 || r.Satisfied > r.Base {
			return p, bad("a satisfaction review with a valid count is required")
		}
		rr := *r
		q.Review = &rr
	}
	q.Status = s.To
	q.History = append(q.History, Event{From: p.Status, To: s.To, At: s.At, By: s.By, Reason: s.Reason})
	return q, nil
}

func cloneAcceptance(a Acceptance, at time.Time) Acceptance {
	a.By = append([]string(nil), a.By...)
	a.Findings = append([]string(nil), a.Findings...)
	if a.At.IsZero() {
		a.At = at
	}
	return a
}

// Roll moves a pool project that was not chosen into pool year year
// (滚动实施). A project in Screened, Shortlisted or Voted is deferred; one
// already Deferred keeps its status and records the roll in its history.
// Projects outside the pool, or a year earlier than their pool year,
// return a *TransitionError.
func Roll(p Project, year int, at time.Time, reason string) (Project, error) {
	if reason == "" {
		reason = fmt.Sprintf("not chosen; rolled to %d", year)
	}
	if !p.Status.InPool() {
		return p, &TransitionError{Project: p.ID, From: p.Status, To: Deferred, Reason: "only pool projects roll over"}
	}
	if year < p.Year {
		return p, &TransitionError{Project: p.ID, From: p.Status, To: Deferred, Reason: fmt.Sprintf("cannot roll back from year %d to %d", p.Year, year)}
	}
	if p.Status != Deferred {
		return Advance(p, Step{To: Deferred, At: at, Reason: reason, Year: year})
	}
	if at.IsZero() {
		return p, &TransitionError{Project: p.ID, From: p.Status, To: Deferred, Reason: "step has no time"}
	}
	if n := len(p.History); n > 0 && at.Before(p.History[n-1].At) {
		return p, &TransitionError{Project: p.ID, From: p.Status, To: Deferred, Reason: "step is earlier than the previous one"}
	}
	q := p.Clone()
	q.Year = year
	q.History = append(q.History, Event{From: Deferred, To: Deferred, At: at, Reason: reason})
	return q, nil
}
