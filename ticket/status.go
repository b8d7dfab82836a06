package ticket

import (
	"fmt"
	"strings"
	"time"
)

// ClockStatus is one clock's standing at an instant.
type ClockStatus struct {
	Kind  ClockKind `json:"kind"`
	Unit  UnitID    `json:"unit,omitempty"` // for report clocks: the party
	Phase Phase     `json:"phase"`
	Due   time.Time `json:"due,omitzero"`
	// Provisional is set when Due rests on a year without a loaded holiday
	// notice, and ProvisionalReason says why.
	Provisional       bool   `json:"provisional,omitempty"`
	ProvisionalReason string `json:"provisional_reason,omitempty"`
}

// Status is a ticket's SLA standing at an instant: the phase of every
// clock, and the parties that have not reported.
type Status struct {
	Ticket   ID            `json:"ticket"`
	State    State         `json:"state"`
	At       time.Time     `json:"at"`
	Clocks   []ClockStatus `json:"clocks"`
	Breached []ClockStatus `json:"breached,omitempty"` // clocks over their limit (running or stopped late)
	Warning  []ClockStatus `json:"warning,omitempty"`
	// Reported and NotReported list co-units and summoned departments as
	// at At, from their dates: a party added after At (its report clock
	// starting later) is in neither, and one that reported after At is
	// not reported yet.
	Reported    []UnitID `json:"reported,omitempty"`
	NotReported []UnitID `json:"not_reported,omitempty"`
	// Pauses lists every pause of the resolution clock, and PendingPause a
	// request awaiting approval: the time the clock did not count.
	Pauses       []Pause `json:"pauses,omitempty"`
	PendingPause *Pause  `json:"pending_pause,omitempty"`
}

// StatusAt returns the SLA status of t at now. It does no calendar
// arithmetic (clocks carry precomputed instants), so it is cheap enough to
// run over every open ticket. Who had reported is told from the parties'
// dates (Status.Reported), so a past instant gets the parties as they
// stood then, also from a ticket that has moved on since.
func StatusAt(t Ticket, now time.Time) Status {
	s := Status{Ticket: t.ID, State: t.State, At: now, Pauses: t.Pauses, PendingPause: t.PendingPause}
	add := func(c *Clock, u UnitID) {
		cs := ClockStatus{Kind: c.Kind, Unit: u, Phase: c.phase(now), Due: c.Due}
		if c.Provisional != nil {
			cs.Provisional, cs.ProvisionalReason = true, c.Provisional.Reason
		}
		s.Clocks = append(s.Clocks, cs)
		switch {
		case c.overdue(now):
			s.Breached = append(s.Breached, cs)
		case cs.Phase == Warning:
			s.Warning = append(s.Warning, cs)
		}
	}
	for i := range t.Clocks {
		add(&t.Clocks[i], "")
	}
	for i := range t.Parties {
		p := &t.Parties[i]
		add(&p.Clock, p.Unit.ID)
		switch {
		case p.Clock.Start.After(now): // added later
		case p.Reported() && !p.ReportedAt.After(now):
			s.Reported = append(s.Reported, p.Unit.ID)
		default:
			s.NotReported = append(s.NotReported, p.Unit.ID)
		}
	}
	return s
}

// Worst returns the most severe phase of t's open clocks at now: Breached
// (including a clock paused after it ran over), Warning, OnTrack, or ""
// when no clock is open. Stopped clocks are ignored. It allocates nothing
// and stops at the first breached clock.
func Worst(t *Ticket, now time.Time) Phase {
	worst := sevNone
	for i := range t.Clocks {
		if worst = max(worst, t.Clocks[i].severity(now)); worst == sevBreached {
			return Breached
		}
	}
	for i := range t.Parties {
		if worst = max(worst, t.Parties[i].Clock.severity(now)); worst == sevBreached {
			return Breached
		}
	}
	switch worst {
	case sevWarning:
		return Warning
	case sevOnTrack:
		return OnTrack
	}
	return ""
}

// Severities of an open clock, in the order Worst ranks them.
const (
	sevNone     int8 = iota // stopped, or paused within its budget
	sevOnTrack              // OnTrack
	sevWarning              // Warning
	sevBreached             // Breached, or paused after running over
)

// severity is Worst's rank of the clock at now: the phase, with stopped
// clocks ignored and a paused clock that ran over counted as breached. It
// is phase without the strings, so that the sweep over every open ticket
// stays a few comparisons per clock.
func (c *Clock) severity(now time.Time) int8 {
	switch {
	case !c.Stopped.IsZero():
		return sevNone
	case !c.Running && (c.PausedUntil.IsZero() || now.Before(c.PausedUntil)):
		if c.Spent > c.Budget {
			return sevBreached
		}
		return sevNone
	case c.Spent > c.Budget || now.After(c.BreachAfter):
		return sevBreached
	case !c.WarnAt.IsZero() && !now.Before(c.WarnAt):
		return sevWarning
	}
	return sevOnTrack
}

// Explain renders the status for people.
func (s Status) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "ticket %s (%s) at %s\n", s.Ticket, s.State, s.At.Format("2006-01-02 15:04"))
	for _, c := range s.Clocks {
		name := string(c.Kind)
		if c.Unit != "" {
			name += " " + string(c.Unit)
		}
		due := ""
		if !c.Due.IsZero() {
			due = ", due " + c.Due.Format("2006-01-02 15:04")
		}
		if c.Provisional {
			due += " (provisional)"
		}
		fmt.Fprintf(&b, "  %-22s %s%s\n", name, c.Phase, due)
	}
	if len(s.NotReported) > 0 || len(s.Reported) > 0 {
		fmt.Fprintf(&b, "  reported: %v; not reported: %v\n", s.Reported, s.NotReported)
	}
	for i, p := range s.Pauses {
		if p.Ended.IsZero() && !p.Until.IsZero() && !s.At.Before(p.Until) {
			p.Ended = p.Until // ended by itself
		}
		fmt.Fprintf(&b, "  pause %d: %s\n", i+1, p)
	}
	if s.PendingPause != nil {
		fmt.Fprintf(&b, "  pause requested, awaiting approval: %s\n", *s.PendingPause)
	}
	return b.String()
}
