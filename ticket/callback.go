package ticket

import (
	"context"
	"fmt"
	"time"
)

// Callbacks (回访). Art. 23 of the Beijing regulation has the hotline call
// the requester back when the time limit expires, to learn the outcome,
// whether or not the unit reported it resolved. A ticket the unit reports
// resolved may be called back at once (common practice); an unresolved one
// is called back when its resolution limit expires, so that tickets a unit
// leaves unresolved are rated too instead of dropping out of the rates.

// expired reports whether the ticket's resolution time limit has expired
// at now: the budget is used up (the clock reached its Due instant, pauses
// and approved extensions included).
func (t *Ticket) expired(now time.Time) bool {
	c := t.clock(ResolutionClock)
	if c == nil {
		return false
	}
	if c.Spent > c.Budget {
		return true
	}
	if !c.Stopped.IsZero() || c.pausedAt(now) || c.Due.IsZero() {
		return false
	}
	return !now.Before(c.Due)
}

// CallbackDue returns when the ticket's callback is due: when the unit
// reported it resolved, or else when its resolution limit expires (art.
// 23). ok is false when no callback is pending: not yet dispatched, already
// called back, ended, or the clock is paused with no end.
func (t Ticket) CallbackDue() (due time.Time, ok bool) {
	switch t.State {
	case Resolved:
		return t.ResolvedAt, true
	case Dispatched, Objected, Accepted, InProgress, Paused:
		c := t.clock(ResolutionClock)
		if c == nil || !c.Stopped.IsZero() || c.Due.IsZero() || (c.Paused() && c.PausedUntil.IsZero()) {
			return time.Time{}, false
		}
		return c.Due, true
	}
	return time.Time{}, false
}

// canCallBack says why the hotline may not call back now, or "".
func (t *Ticket) canCallBack(at time.Time) string {
	switch t.State {
	case Resolved:
		return ""
	case Dispatched, Objected, Accepted, InProgress, Paused:
		if t.expired(at) {
			return ""
		}
		if due, ok := t.CallbackDue(); ok {
			return "the callback is due when the unit reports the ticket resolved or its time limit expires (art. 23), at " +
				due.Format(time.RFC3339)
		}
		return "the callback is due when the unit reports the ticket resolved or its time limit expires (art. 23)"
	}
	return ""
}

// callBack records the requester's rating. An unresolved ticket called back
// at expiry stops its clocks: the outcome at the deadline is what is rated;
// the hotline then closes it or reopens it for more work.
func callBack(cfg Config, t *Ticket, e *Event) error {
	if err := firstErr(needRole(t, e, HotlineRole),
		inState(t, e, Resolved, Dispatched, Objected, Accepted, InProgress, Paused)); err != nil {
		return err
	}
	if reason := t.canCallBack(e.At); reason != "" {
		return illegal(t, e, reason)
	}
	if e.Rating == nil {
		return &InputError{Field: "rating", Reason: "required for callback"}
	}
	if !e.Rating.Satisfaction.Valid() {
		return &InputError{Field: "rating.satisfaction", Reason: fmt.Sprintf("unknown rating %q", e.Rating.Satisfaction)}
	}
	if t.State != Resolved {
		for i := range t.Clocks {
			if err := t.Clocks[i].stop(cfg.Calendars, e.At); err != nil {
				return err
			}
		}
		t.endPause(e.At)
		t.Objection, t.Pending, t.PendingPause, t.PausedFrom = nil, nil, nil, ""
	}
	r := *e.Rating
	t.State, t.Rating = CalledBack, &r
	return nil
}

// CallbackTask is a callback the hotline owes: the ticket, when it fell
// due, and whether the unit reported it resolved.
type CallbackTask struct {
	Ticket   ID        `json:"ticket"`
	Due      time.Time `json:"due"`
	Resolved bool      `json:"resolved"`
	Unit     UnitID    `json:"unit,omitempty"`
}

// CallbacksDue lists the callbacks due at at (the service's clock if zero):
// every open ticket resolved but not called back, and every unresolved one
// whose resolution limit has expired (art. 23), in ticket ID order.
func (s *Service) CallbacksDue(ctx context.Context, at time.Time) ([]CallbackTask, error) {
	var err error
	if at, err = s.now(at); err != nil {
		return nil, err
	}
	var out []CallbackTask
	for t, err := range s.store.Tickets(ctx, Filter{Open: true}) {
		if err != nil {
			return nil, err
		}
		if t.State != Resolved && !t.expired(at) {
			continue
		}
		if due, ok := t.CallbackDue(); ok && !at.Before(due) {
			out = append(out, CallbackTask{Ticket: t.ID, Due: due, Resolved: t.State == Resolved, Unit: t.Lead.ID})
		}
	}
	return out, nil
}
