package project

// Status is a project's place in its lifecycle.
type Status string

// Lifecycle statuses, in their usual order.
const (
	// Proposed: entered into the pool (项目库) by a resident, a
	// deliberation resolution, a ticket hot spot or a department.
	Proposed Status = "proposed"
	// Screened: the feasibility check passed.
	Screened Status = "screened"
	// Shortlisted: put before residents for a vote.
	Shortlisted Status = "shortlisted"
	// Voted: the vote result is recorded (support, pass/fail, priority).
	Voted Status = "voted"
	// Planned: chosen for a year's plan with an approved budget.
	Planned Status = "planned"
	// InProgress: works under way; milestones and spending are recorded.
	InProgress Status = "in_progress"
	// Completed: the implementer reports the works finished.
	Completed Status = "completed"
	// Accepted: signed off (验收). A failed acceptance sends the project
	// back to InProgress for rectification instead.
	Accepted Status = "accepted"
	// Reviewed: residents' satisfaction vote recorded.
	Reviewed Status = "reviewed"
	// Closed: the file is closed. Terminal.
	Closed Status = "closed"
	// Deferred: back in the pool, to roll into a later year (滚动实施).
	Deferred Status = "deferred"
	// Cancelled: dropped, with a reason (including a failed screening).
	// Terminal.
	Cancelled Status = "cancelled"
)

// Statuses returns every status in lifecycle order.
func Statuses() []Status {
	return []Status{Proposed, Screened, Shortlisted, Voted, Planned, InProgress, Completed, Accepted, Reviewed, Closed, Deferred, Cancelled}
}

// transitions lists the statuses reachable in one step. It is a function,
// not a shared variable, so nobody can change the machine at run time.
func transitions(from Status) []Status {
	switch from {
	case Proposed:
		return []Status{Screened, Cancelled}
	case Screened:
		return []Status{Shortlisted, Planned, Deferred, Cancelled}
	case Shortlisted:
		return []Status{Voted, Planned, Deferred, Cancelled}
	case Voted:
		return []Status{Planned, Deferred, Cancelled}
	case Planned:
		return []Status{InProgress, Deferred, Cancelled}
	case InProgress:
		return []Status{Completed, Cancelled}
	case Completed:
		return []Status{Accepted, InProgress}
	case Accepted:
		return []Status{Reviewed}
	case Reviewed:
		return []Status{Closed}
	case Deferred:
		return []Status{Screened, Shortlisted, Planned, Cancelled}
	}
	return nil
}

// CanMove reports whether the lifecycle allows a step from one status to
// another (other conditions, such as a recorded reason, are checked by
// Advance).
func CanMove(from, to Status) bool {
	for _, s := range transitions(from) {
		if s == to {
			return true
		}
	}
	return false
}

// Next returns the statuses reachable from s in one step.
func (s Status) Next() []Status { return transitions(s) }

// Terminal reports whether no step leaves s.
func (s Status) Terminal() bool { return len(transitions(s)) == 0 }

// InPool reports whether a project in status s is a candidate for a
// yearly plan: not yet planned, not finished and not cancelled.
func (s Status) InPool() bool {
	switch s {
	case Screened, Shortlisted, Voted, Deferred:
		return true
	}
	return false
}

func (s Status) valid() bool {
	for _, x := range Statuses() {
		if x == s {
			return true
		}
	}
	return false
}
