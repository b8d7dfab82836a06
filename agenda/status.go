package agenda

import (
	"fmt"
	"slices"
)

// Stage is one of the five stages of community deliberation, 集·议·办·督·评.
type Stage int

// The five stages in order.
const (
	Collect    Stage = iota + 1 // 集: topics are raised and screened
	Deliberate                  // 议: topics are discussed and resolved in meetings
	Execute                     // 办: responsible units carry out the resolution
	Supervise                   // 督: the work is inspected and accepted (验收)
	Evaluate                    // 评: residents rate the outcome
)

var stageNames = [...]string{"", "collect", "deliberate", "execute", "supervise", "evaluate"}

// String returns the stage's English name.
func (s Stage) String() string {
	if s < Collect || s > Evaluate {
		return fmt.Sprintf("Stage(%d)", int(s))
	}
	return stageNames[s]
}

// Status is where a topic stands. Each status belongs to one Stage.
type Status int

// Topic statuses. Merged, Rejected, Referred and Solved are final.
const (
	Raised      Status = iota + 1 // raised, waiting to be screened
	Accepted                      // screened in, waiting for a meeting
	Merged                        // folded into another topic (final)
	Rejected                      // screened out with a reason (final)
	Referred                      // handed to another body (final)
	Scheduled                     // on a meeting's agenda
	Publicity                     // resolved; the resolution is posted (公示) and open to objections
	Executing                     // the resolution is in force; tasks are being carried out
	Supervising                   // execution reported complete; awaiting acceptance (验收)
	Evaluating                    // accepted; residents' satisfaction vote pending
	Solved                        // residents satisfied (final)
)

var statusNames = [...]string{"", "raised", "accepted", "merged", "rejected", "referred",
	"scheduled", "publicity", "executing", "supervising", "evaluating", "solved"}

// String returns the status name used in JSON.
func (s Status) String() string {
	if s < Raised || s > Solved {
		return fmt.Sprintf("Status(%d)", int(s))
	}
	return statusNames[s]
}

// MarshalText encodes the status as its name; the zero Status (no status
// yet) encodes as "".
func (s Status) MarshalText() ([]byte, error) {
	if s < 0 || s > Solved {
		return nil, fmt.Errorf("agenda: unknown status %d", int(s))
	}
	return []byte(statusNames[s]), nil
}

// UnmarshalText decodes a status name ("" is the zero Status).
func (s *Status) UnmarshalText(b []byte) error {
	i := slices.Index(statusNames[:], string(b))
	if i < 0 {
		return fmt.Errorf("%w: unknown status %q", ErrInvalid, b)
	}
	*s = Status(i)
	return nil
}

// Stage returns the stage the status belongs to.
func (s Status) Stage() Stage {
	switch s {
	case Raised, Accepted, Merged, Rejected, Referred:
		return Collect
	case Scheduled, Publicity:
		return Deliberate
	case Executing:
		return Execute
	case Supervising:
		return Supervise
	case Evaluating, Solved:
		return Evaluate
	}
	return 0
}

// Final reports whether no action can leave the status.
func (s Status) Final() bool {
	return s == Merged || s == Rejected || s == Referred || s == Solved
}

// Action is a step of the workflow that moves a topic between statuses.
type Action string

// Actions of the topic state machine.
const (
	ActAccept      Action = "accept"       // screening: accept (Raised -> Accepted)
	ActMerge       Action = "merge"        // screening: merge into another topic (Raised|Accepted -> Merged)
	ActReject      Action = "reject"       // screening: reject with a reason (Raised -> Rejected)
	ActRefer       Action = "refer"        // screening: refer elsewhere (Raised|Accepted -> Referred)
	ActSchedule    Action = "schedule"     // put on a meeting's agenda (Accepted -> Scheduled)
	ActUnschedule  Action = "unschedule"   // meeting closed without a resolution (Scheduled -> Accepted)
	ActResolve     Action = "resolve"      // a passed motion becomes a resolution (Scheduled -> Publicity)
	ActSendBack    Action = "send-back"    // objection upheld or residents dissatisfied (Publicity|Evaluating -> Accepted)
	ActTakeEffect  Action = "take-effect"  // publicity period over (Publicity -> Executing)
	ActComplete    Action = "complete"     // all tasks done (Executing -> Supervising)
	ActRejectWork  Action = "reject-work"  // acceptance failed (Supervising -> Executing)
	ActAcceptWork  Action = "accept-work"  // acceptance (验收) passed (Supervising -> Evaluating)
	ActCloseSolved Action = "close-solved" // satisfaction vote passed (Evaluating -> Solved)
)

// transition is the topic state machine: status -> action -> next status.
func transition(s Status, a Action) (Status, bool) {
	switch s {
	case Raised:
		switch a {
		case ActAccept:
			return Accepted, true
		case ActMerge:
			return Merged, true
		case ActReject:
			return Rejected, true
		case ActRefer:
			return Referred, true
		}
	case Accepted:
		switch a {
		case ActSchedule:
			return Scheduled, true
		case ActMerge:
			return Merged, true
		case ActRefer:
			return Referred, true
		}
	case Scheduled:
		switch a {
		case ActUnschedule:
			return Accepted, true
		case ActResolve:
			return Publicity, true
		}
	case Publicity:
		switch a {
		case ActSendBack:
			return Accepted, true
		case ActTakeEffect:
			return Executing, true
		}
	case Executing:
		if a == ActComplete {
			return Supervising, true
		}
	case Supervising:
		switch a {
		case ActRejectWork:
			return Executing, true
		case ActAcceptWork:
			return Evaluating, true
		}
	case Evaluating:
		switch a {
		case ActCloseSolved:
			return Solved, true
		case ActSendBack:
			return Accepted, true
		}
	}
	return s, false
}

// Next returns the status that action a leads to from s, or a
// *TransitionError wrapping ErrIllegalTransition. It is the whole topic state
// machine as a pure function.
func Next(s Status, a Action) (Status, error) {
	if to, ok := transition(s, a); ok {
		return to, nil
	}
	return s, &TransitionError{From: s, Action: a}
}

// Actions returns the actions allowed from s, sorted.
func Actions(s Status) []Action {
	var out []Action
	for _, a := range AllActions() {
		if _, ok := transition(s, a); ok {
			out = append(out, a)
		}
	}
	return out
}

// AllActions returns every action of the state machine, sorted.
func AllActions() []Action {
	return []Action{ActAccept, ActAcceptWork, ActCloseSolved, ActComplete, ActMerge, ActRefer,
		ActReject, ActRejectWork, ActResolve, ActSchedule, ActSendBack, ActTakeEffect, ActUnschedule}
}
