package ticket

import (
	"fmt"
	"slices"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
)

// PauseReason names why a unit pauses a ticket's resolution clock. The
// reasons a unit may give are configured per SLA rule (PauseRule.Reasons).
type PauseReason string

// PauseRule limits the pauses of a ticket's resolution clock: why, how
// often, how long, and which need approval. Without limits, fourteen
// 30-day pauses would keep a 14-month-old ticket "on track".
//
// The zero PauseRule allows no pause: a policy lists the reasons it
// accepts. Every pause states its length; it ends by itself when that
// length has passed (the clock runs again even if nobody resumes), and it
// counts toward the caps with its requested length even if resumed early.
type PauseRule struct {
	// Reasons lists the reasons a unit may give. Empty: no pauses.
	Reasons []PauseReason `json:"reasons,omitempty"`
	// Max is how many pauses a ticket may have in all (at least 1 when
	// Reasons is set).
	Max int `json:"max,omitempty"`
	// Longest is the longest single pause (required when Reasons is set).
	// Every pause is requested in its unit.
	Longest calendar.Period `json:"longest,omitzero"`
	// Total caps the sum of the requested lengths of all pauses, in
	// Longest's unit. Zero: Max times Longest.
	Total calendar.Period `json:"total,omitzero"`
	// Approval is the longest pause a unit takes on its own; a longer one
	// needs the hotline's approval (EvDecidePause), as an extension does.
	// In Longest's unit. Zero: every pause needs approval.
	Approval calendar.Period `json:"approval,omitzero"`
}

// IsZero reports whether r allows no pause (true for a nil rule).
func (r *PauseRule) IsZero() bool {
	return r == nil || len(r.Reasons) == 0 && r.Max == 0 && noLimit(r.Longest) && noLimit(r.Total) && noLimit(r.Approval)
}

// Allows reports whether reason is one of the configured reasons.
func (r PauseRule) Allows(reason PauseReason) bool { return slices.Contains(r.Reasons, reason) }

func (r PauseRule) total() int {
	if noLimit(r.Total) {
		return r.Max * r.Longest.N
	}
	return r.Total.N
}

// validate checks r (nil is valid); field is its JSON path.
func (r *PauseRule) validate(field string) error {
	if r == nil {
		return nil
	}
	if len(r.Reasons) == 0 {
		if !r.IsZero() {
			return &ConfigError{Field: field + ".reasons", Reason: "required when any pause limit is set"}
		}
		return nil
	}
	for i, reason := range r.Reasons {
		if reason == "" {
			return &ConfigError{Field: fmt.Sprintf("%s.reasons[%d]", field, i), Reason: "empty"}
		}
		if slices.Contains(r.Reasons[:i], reason) {
			return &ConfigError{Field: fmt.Sprintf("%s.reasons[%d]", field, i), Reason: fmt.Sprintf("duplicate %q", reason)}
		}
	}
	if r.Max < 1 {
		return &ConfigError{Field: field + ".max", Reason: "at least 1 when reasons are set"}
	}
	if r.Max > 1000 {
		return &ConfigError{Field: field + ".max", Reason: "at most 1000"}
	}
	if noLimit(r.Longest) {
		return &ConfigError{Field: field + ".longest", Reason: "required when reasons are set"}
	}
	if err := r.Longest.Validate(); err != nil {
		return &ConfigError{Field: field + ".longest", Reason: err.Error()}
	}
	for _, p := range []struct {
		name string
		l    calendar.Period
	}{{"total", r.Total}, {"approval", r.Approval}} {
		if noLimit(p.l) {
			continue
		}
		if err := p.l.Validate(); err != nil {
			return &ConfigError{Field: field + "." + p.name, Reason: err.Error()}
		}
		if p.l.Unit != r.Longest.Unit {
			return &ConfigError{Field: field + "." + p.name + ".unit", Reason: fmt.Sprintf("must be %s, the unit of longest", r.Longest.Unit)}
		}
	}
	if !noLimit(r.Total) && r.Total.N < r.Longest.N {
		return &ConfigError{Field: field + ".total", Reason: "shorter than longest"}
	}
	if int64(r.Max)*int64(r.Longest.N) > 1<<31 {
		return &ConfigError{Field: field + ".max", Reason: "max times longest is too large"}
	}
	return nil
}

// Pause is one pause of a ticket's resolution clock, from its request to
// its end. Ticket.Pauses lists every pause taken; Ticket.PendingPause is a
// request awaiting the hotline's approval.
type Pause struct {
	Reason      PauseReason     `json:"reason"`
	Note        string          `json:"note"`
	Limit       calendar.Period `json:"limit"` // the requested length
	By          UnitID          `json:"by"`
	RequestedAt time.Time       `json:"requested_at"`
	// Approved: the pause was longer than PauseRule.Approval and the
	// hotline approved it.
	Approved bool `json:"approved,omitempty"`
	// From is when the clock stopped (the request, or the approval);
	// Until is when the pause ends by itself.
	From  time.Time `json:"from,omitzero"`
	Until time.Time `json:"until,omitzero"`
	// Ended is when the pause ended: resumed, escalated or merged before
	// Until, or Until itself. Zero while it lasts.
	Ended time.Time `json:"ended,omitzero"`
}

// End returns when the pause ends or ended as seen at now: Ended if set,
// else Until if it has passed, else the zero time (still paused).
func (p Pause) End(now time.Time) time.Time {
	switch {
	case !p.Ended.IsZero():
		return p.Ended
	case !p.Until.IsZero() && !now.Before(p.Until):
		return p.Until
	}
	return time.Time{}
}

// String renders the pause for people.
func (p Pause) String() string {
	s := fmt.Sprintf("%s (%s", p.Reason, p.Limit)
	if p.Approved {
		s += ", approved"
	}
	s += ")"
	if !p.From.IsZero() {
		s += " from " + p.From.Format("2006-01-02 15:04")
		if !p.Ended.IsZero() {
			s += " to " + p.Ended.Format("2006-01-02 15:04")
		} else {
			s += ", ends by " + p.Until.Format("2006-01-02 15:04")
		}
	}
	if p.Note != "" {
		s += ": " + p.Note
	}
	return s
}

// pauseEnd returns the instant l after from on cal.
func pauseEnd(cal Calendar, l calendar.Period, from time.Time) (time.Time, error) {
	switch l.Unit {
	case calendar.Hours:
		return from.Add(time.Duration(l.N) * time.Hour), nil
	case calendar.Minutes:
		return from.Add(time.Duration(l.N) * time.Minute), nil
	case calendar.NaturalDays:
		return cal.AddNaturalDays(from, l.N)
	case calendar.Months:
		return cal.AddMonths(from, l.N)
	case calendar.WorkingDays:
		return cal.AddWorkingDays(from, l.N)
	case calendar.WorkingHours:
		return cal.AddWorkingHours(from, time.Duration(l.N)*time.Hour)
	case calendar.WorkingMinutes:
		return cal.AddWorkingHours(from, time.Duration(l.N)*time.Minute)
	}
	return time.Time{}, fmt.Errorf("unknown unit %q", l.Unit)
}

// requestPause checks a pause request against the rule and either starts
// the pause or, if it is longer than the rule lets a unit decide alone,
// records it as pending for the hotline.
func requestPause(cfg Config, t *Ticket, e *Event) error {
	r := t.SLA.Pauses
	if r.IsZero() {
		return &LimitError{Ticket: t.ID, What: "pause", Limit: "none allowed by SLA rule " + t.SLA.Name, Got: "a pause"}
	}
	if !r.Allows(e.Reason) {
		return &InputError{Field: "reason", Reason: fmt.Sprintf("%q is not a configured pause reason %v", e.Reason, r.Reasons)}
	}
	if t.PendingPause != nil {
		return illegal(t, e, "a pause request is pending")
	}
	if err := e.Limit.Validate(); err != nil {
		return prefixV("limit", err)
	}
	if e.Limit.Unit != r.Longest.Unit || e.Limit.N > r.Longest.N {
		return &LimitError{Ticket: t.ID, What: "pause length", Limit: r.Longest.String(), Got: e.Limit.String()}
	}
	if len(t.Pauses) >= r.Max {
		return &LimitError{Ticket: t.ID, What: "pause count", Limit: fmt.Sprint(r.Max), Got: fmt.Sprint(len(t.Pauses) + 1)}
	}
	used := 0
	for _, p := range t.Pauses {
		used += p.Limit.N
	}
	if used+e.Limit.N > r.total() {
		return &LimitError{Ticket: t.ID, What: "total pause length",
			Limit: calendar.Period{N: r.total(), Unit: r.Longest.Unit}.String(),
			Got:   calendar.Period{N: used + e.Limit.N, Unit: r.Longest.Unit}.String()}
	}
	p := Pause{Reason: e.Reason, Note: e.Note, Limit: e.Limit, By: t.Lead.ID, RequestedAt: e.At}
	if noLimit(r.Approval) || e.Limit.N > r.Approval.N {
		t.PendingPause = &p
		e.Notified = []Party{ToHotline}
		return nil
	}
	return startPause(cfg, t, e, p)
}

// decidePause approves or denies the pending pause request.
func decidePause(cfg Config, t *Ticket, e *Event) error {
	if err := firstErr(needRole(t, e, HotlineRole), inState(t, e, InProgress)); err != nil {
		return err
	}
	if t.PendingPause == nil {
		return illegal(t, e, "no pause request is pending")
	}
	p := *t.PendingPause
	t.PendingPause = nil
	e.Reason, e.Limit = p.Reason, p.Limit
	if !e.Approve {
		e.Notified = []Party{ToUnit}
		return nil
	}
	p.Approved = true
	if err := startPause(cfg, t, e, p); err != nil {
		return err
	}
	e.Notified = []Party{ToUnit, ToResident}
	return nil
}

// startPause stops the resolution clock at e.At until the pause's end.
func startPause(cfg Config, t *Ticket, e *Event, p Pause) error {
	c := t.clock(ResolutionClock)
	if c == nil {
		return illegal(t, e, "no resolution clock runs")
	}
	until, err := pauseEnd(cfg.Calendars.pick(c.RoundTheClock), p.Limit, e.At)
	if err != nil {
		return fmt.Errorf("ticket: pause: %w", err)
	}
	if err := c.pause(cfg.Calendars, e.At, until); err != nil {
		return err
	}
	p.From, p.Until = e.At, until
	t.Pauses = append(t.Pauses, p)
	t.State, t.PausedFrom = Paused, InProgress
	e.Notified = []Party{ToResident}
	return nil
}

// endPause records the end of the current pause at at (or at its own end,
// if that came first).
func (t *Ticket) endPause(at time.Time) {
	if n := len(t.Pauses); n > 0 && t.Pauses[n-1].Ended.IsZero() && !t.Pauses[n-1].From.IsZero() {
		p := &t.Pauses[n-1]
		p.Ended = at
		if !p.Until.IsZero() && p.Until.Before(at) {
			p.Ended = p.Until
		}
	}
}
