package ticket

import (
	"fmt"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
)

// ClockKind names what an SLA clock measures.
type ClockKind string

// Clock kinds. Each runs from the event in brackets to the one that stops
// it.
const (
	DispatchClock     ClockKind = "dispatch"      // intake -> dispatch (route within 15 days, 信访条例 art. 22)
	ObjectionClock    ClockKind = "objection"     // dispatch -> objection window closes (5 working days, 信访条例 art. 23 para. 3)
	ResponseClock     ClockKind = "response"      // dispatch -> accepted (签收)
	FirstContactClock ClockKind = "first_contact" // dispatch -> first contact with the requester (art. 15)
	ResolutionClock   ClockKind = "resolution"    // dispatch -> resolved; pauses and extensions apply
	ReportClock       ClockKind = "report"        // co-unit or summoned department: added -> reported
)

// Phase is where a clock stands at an instant.
type Phase string

// Clock phases.
const (
	OnTrack  Phase = "on_track" // running, before the warning point
	Warning  Phase = "warning"  // running, past the warning point, not yet breached
	Breached Phase = "breached" // running and the elapsed time exceeds the limit
	PausedPh Phase = "paused"   // stopped for now (waiting for the resident)
	Met      Phase = "met"      // stopped within the limit
	Late     Phase = "late"     // stopped after the limit was exceeded
)

// Interval is a closed period of time, e.g. a pause.
type Interval struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
}

// Clock is an SLA clock. Elapsed time is measured in working time of its
// calendar for working units, in natural time otherwise; pauses do not
// count. The clock is breached exactly when the elapsed time exceeds the
// budget (the limit plus approved extensions).
//
// Due, BreachAfter and WarnAt are precomputed at every event so that Phase
// is a comparison: the status of a million open tickets needs no calendar
// arithmetic.
type Clock struct {
	// The fields Phase reads come first and the flags share a word: a
	// sweep over a million open tickets is bound by memory bandwidth, so
	// everything it does not read (the provisional years, the history of
	// pauses and extensions) is kept behind pointers and slices at the end.
	Running bool `json:"running,omitempty"` // false when paused or stopped
	// RoundTheClock measures working units on the round-the-clock calendar.
	RoundTheClock bool          `json:"round_the_clock,omitempty"`
	Stopped       time.Time     `json:"stopped,omitzero"`
	Spent         time.Duration `json:"spent"`  // measured up to Since (running) or to the pause/stop
	Budget        time.Duration `json:"budget"` // limit + extensions, in the clock's measure
	BreachAfter   time.Time     `json:"breach_after,omitzero"`
	WarnAt        time.Time     `json:"warn_at,omitzero"`
	// PausedUntil is when the current pause ends by itself (zero: when
	// resumed). From then on the clock runs again, resumed or not.
	PausedUntil time.Time `json:"paused_until,omitzero"`
	Due         time.Time `json:"due,omitzero"` // earliest instant the budget is used up

	Kind       ClockKind         `json:"kind"`
	Limit      calendar.Period   `json:"limit"`
	Warn       Fraction          `json:"warn,omitzero"` // warn once this share of the budget is spent
	Start      time.Time         `json:"start"`
	Since      time.Time         `json:"since,omitzero"` // when the clock last started running (or, paused, will run again)
	PausedAt   time.Time         `json:"paused_at,omitzero"`
	Pauses     []Interval        `json:"pauses,omitempty"`
	Extensions []calendar.Period `json:"extensions,omitempty"`
	// Provisional is non-nil when Due rests on a year whose holiday notice
	// the calendar has not loaded (calendar.Config.Provisional): the days
	// from Start to Due include a year counted with statutory days only.
	// It lists those years and says why; Rebase recomputes the clock once
	// the notice is loaded. In JSON it is the fields provisional (true),
	// provisional_years and provisional_reason (see MarshalJSON).
	Provisional *calendar.Provisional `json:"-"`
}

// Calendars selects the calendar of a clock.
type Calendars struct {
	// Working is the working calendar (holidays, make-up days, hours). Nil
	// means Continuous: every instant counts.
	Working Calendar
	// RoundTheClock is used by rules marked round-the-clock (utilities,
	// art. 19). Nil means Continuous.
	RoundTheClock Calendar
}

func (cs Calendars) pick(roundTheClock bool) Calendar {
	if roundTheClock {
		if cs.RoundTheClock != nil {
			return cs.RoundTheClock
		}
		return Continuous{}
	}
	if cs.Working != nil {
		return cs.Working
	}
	return Continuous{}
}

// budget converts l into the clock measure starting at t.
func budget(cal Calendar, l calendar.Period, t time.Time) (time.Duration, error) {
	if err := l.Validate(); err != nil {
		return 0, err
	}
	var end time.Time
	var err error
	switch l.Unit {
	case calendar.Hours, calendar.WorkingHours:
		return time.Duration(l.N) * time.Hour, nil
	case calendar.Minutes, calendar.WorkingMinutes:
		return time.Duration(l.N) * time.Minute, nil
	case calendar.NaturalDays:
		end, err = cal.AddNaturalDays(t, l.N)
	case calendar.NaturalDaysToClose:
		end, err = addNaturalDaysToClose(cal, t, l.N)
	case calendar.Months:
		end, err = cal.AddMonths(t, l.N)
	case calendar.WorkingDays:
		if end, err = cal.AddWorkingDays(t, l.N); err != nil {
			return 0, err
		}
		return cal.WorkingTimeBetween(t, end)
	}
	if err != nil {
		return 0, err
	}
	return end.Sub(t), nil
}

func (c *Clock) working() bool { return workingUnit(c.Limit.Unit) }

// measure returns the clock-measured time in [a, b).
func (c *Clock) measure(cal Calendar, a, b time.Time) (time.Duration, error) {
	if !b.After(a) {
		return 0, nil
	}
	if c.working() {
		return cal.WorkingTimeBetween(a, b)
	}
	return b.Sub(a), nil
}

func (c *Clock) add(cal Calendar, t time.Time, d time.Duration) (time.Time, error) {
	if c.working() {
		return cal.AddWorkingHours(t, d)
	}
	return t.Add(d), nil
}

// addUnit returns the instant l after ref on cal.
func (c *Clock) addUnit(cal Calendar, l calendar.Period, ref time.Time) (time.Time, error) {
	switch l.Unit {
	case calendar.WorkingDays:
		return cal.AddWorkingDays(ref, l.N)
	case calendar.WorkingMinutes:
		return cal.AddWorkingHours(ref, time.Duration(l.N)*time.Minute)
	}
	return cal.AddWorkingHours(ref, time.Duration(l.N)*time.Hour)
}

// StartClock starts a clock of kind for limit at t. warn may be the zero
// Fraction (no warning).
func StartClock(cs Calendars, kind ClockKind, l calendar.Period, roundTheClock bool, warn Fraction, t time.Time) (Clock, error) {
	if err := l.Validate(); err != nil {
		return Clock{}, prefixV("limit", err)
	}
	c := Clock{Kind: kind, Limit: l, RoundTheClock: roundTheClock, Warn: warn, Start: t, Running: true, Since: t}
	cal := cs.pick(roundTheClock)
	b, err := budget(cal, l, t)
	if err != nil {
		return Clock{}, fmt.Errorf("ticket: %s clock: %w", kind, err)
	}
	c.Budget = b
	if err := c.recompute(cal); err != nil {
		return Clock{}, err
	}
	return c, nil
}

// recompute sets Due, BreachAfter and WarnAt of a running clock.
func (c *Clock) recompute(cal Calendar) error {
	remaining := c.Budget - c.Spent
	if remaining >= 0 {
		due, err := c.add(cal, c.Since, remaining)
		if err != nil {
			return fmt.Errorf("ticket: %s clock: %w", c.Kind, err)
		}
		c.Due = due
		c.BreachAfter = due
		if c.working() {
			if c.BreachAfter, err = cal.NextWorkingInstant(due); err != nil {
				return fmt.Errorf("ticket: %s clock: %w", c.Kind, err)
			}
		}
	} else {
		c.BreachAfter = c.Since
	}
	c.markProvisional(cal) // rebase.go
	c.WarnAt = time.Time{}
	if c.Warn.Den > 0 {
		w := time.Duration(c.Warn.ceilOf(int64(c.Budget)))
		at := c.Since
		if w > c.Spent {
			var err error
			if at, err = c.add(cal, c.Since, w-c.Spent); err != nil {
				return fmt.Errorf("ticket: %s clock: %w", c.Kind, err)
			}
		}
		c.WarnAt = at
	}
	return nil
}

// Paused reports whether the clock is in a pause (neither running nor
// stopped), including a pause whose PausedUntil has passed but that nobody
// has resumed yet.
func (c Clock) Paused() bool { return !c.Running && c.Stopped.IsZero() }

// pausedAt reports whether the clock is not counting at now because of a
// pause.
func (c *Clock) pausedAt(now time.Time) bool {
	return !c.Running && c.Stopped.IsZero() && (c.PausedUntil.IsZero() || now.Before(c.PausedUntil))
}

// pause stops the clock at t until until (zero: until resumed). A clock
// with an end to its pause precomputes its instants as if it resumed then.
func (c *Clock) pause(cs Calendars, t, until time.Time) error {
	if !c.Running {
		return nil
	}
	cal := cs.pick(c.RoundTheClock)
	d, err := c.measure(cal, c.Since, t)
	if err != nil {
		return fmt.Errorf("ticket: %s clock: %w", c.Kind, err)
	}
	c.Spent += d
	c.Running, c.PausedAt, c.PausedUntil = false, t, time.Time{}
	if !until.IsZero() && until.After(t) {
		c.PausedUntil, c.Since = until, until
		return c.recompute(cal)
	}
	return nil
}

// pauseEndBy returns the end of the current pause at t: t, or PausedUntil
// if it came first.
func (c *Clock) pauseEndBy(t time.Time) time.Time {
	if !c.PausedUntil.IsZero() && c.PausedUntil.Before(t) {
		return c.PausedUntil
	}
	return t
}

// resume restarts a paused clock at t (or notes that it restarted by
// itself at PausedUntil).
func (c *Clock) resume(cs Calendars, t time.Time) error {
	if !c.Paused() {
		return nil
	}
	end := c.pauseEndBy(t)
	c.Pauses = append(c.Pauses, Interval{From: c.PausedAt, To: end})
	c.Running, c.PausedAt, c.PausedUntil = true, time.Time{}, time.Time{}
	if end.Before(t) {
		return nil // running since end; Since and the instants are set
	}
	c.Since = t
	return c.recompute(cs.pick(c.RoundTheClock))
}

// stop ends the clock at t.
func (c *Clock) stop(cs Calendars, t time.Time) error {
	if c.Paused() && !c.PausedUntil.IsZero() && c.PausedUntil.Before(t) {
		if err := c.resume(cs, t); err != nil { // ran again from PausedUntil
			return err
		}
	}
	if c.Running {
		if err := c.pause(cs, t, time.Time{}); err != nil {
			return err
		}
		c.PausedAt = time.Time{}
	} else if c.Paused() {
		c.Pauses = append(c.Pauses, Interval{From: c.PausedAt, To: t})
		c.PausedAt, c.PausedUntil = time.Time{}, time.Time{}
	}
	if c.Stopped.IsZero() {
		c.Stopped = t
	}
	return nil
}

// extend adds l to the budget, measured from the current due instant (or
// from at if that is later or the clock is paused).
func (c *Clock) extend(cs Calendars, l calendar.Period, at time.Time) error {
	cal := cs.pick(c.RoundTheClock)
	ref := at
	if c.Running && c.Due.After(at) {
		ref = c.Due
	}
	from := ref
	if l.Unit == calendar.NaturalDays || l.Unit == calendar.NaturalDaysToClose || l.Unit == calendar.Months {
		// A natural-day period does not count its start day. The current
		// due instant is typically 24:00 (00:00 of the next day), so count
		// from the instant before it: 30 more days end 30 days later, not 31.
		from = ref.Add(-time.Nanosecond)
	}
	b, err := budget(cal, l, from)
	if err != nil {
		return fmt.Errorf("ticket: %s clock: %w", c.Kind, err)
	}
	b -= ref.Sub(from)
	if !c.working() && workingUnit(l.Unit) {
		// A working-time extension of a natural-time clock adds the wall
		// time it spans.
		end, err := c.addUnit(cal, l, ref)
		if err != nil {
			return fmt.Errorf("ticket: %s clock: %w", c.Kind, err)
		}
		b = end.Sub(ref)
	}
	c.Budget += b
	c.Extensions = append(c.Extensions, l)
	if c.Running || (c.Paused() && !c.PausedUntil.IsZero()) {
		return c.recompute(cal)
	}
	return nil
}

// Phase returns the clock's phase at now. It does no calendar arithmetic.
func (c Clock) Phase(now time.Time) Phase { return c.phase(now) }

func (c *Clock) phase(now time.Time) Phase {
	switch {
	case !c.Stopped.IsZero():
		if c.Spent > c.Budget {
			return Late
		}
		return Met
	case !c.Running && (c.PausedUntil.IsZero() || now.Before(c.PausedUntil)):
		return PausedPh
	case c.Spent > c.Budget || now.After(c.BreachAfter):
		return Breached
	case !c.WarnAt.IsZero() && !now.Before(c.WarnAt):
		return Warning
	}
	return OnTrack
}

// Overdue reports whether the elapsed time exceeds the budget at now (for a
// stopped clock: whether it stopped late; for a paused one: whether it was
// already over when paused).
func (c Clock) Overdue(now time.Time) bool { return c.overdue(now) }

func (c *Clock) overdue(now time.Time) bool {
	switch c.phase(now) {
	case Breached, Late:
		return true
	case PausedPh:
		return c.Spent > c.Budget
	}
	return false
}

// Elapsed returns the clock-measured time elapsed at now, pauses excluded.
func (c Clock) Elapsed(cs Calendars, now time.Time) (time.Duration, error) {
	if !c.Running && (!c.Stopped.IsZero() || c.pausedAt(now)) {
		return c.Spent, nil
	}
	d, err := c.measure(cs.pick(c.RoundTheClock), c.Since, now)
	if err != nil {
		return 0, fmt.Errorf("ticket: %s clock: %w", c.Kind, err)
	}
	return c.Spent + d, nil
}

func (c Clock) clone() Clock {
	c.Pauses = append([]Interval(nil), c.Pauses...)
	c.Extensions = append([]calendar.Period(nil), c.Extensions...)
	if c.Provisional != nil {
		p := c.Provisional.Clone()
		c.Provisional = &p
	}
	return c
}
