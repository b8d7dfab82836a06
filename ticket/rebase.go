package ticket

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
)

// provisionalCalendar is the optional capability of a Calendar to say
// which years it covers without a loaded holiday notice.
// *calendar.Calendar has it (calendar.Config.Provisional).
type provisionalCalendar interface {
	ProvisionalYears(a, b time.Time) []int
	IsProvisional(y int) bool
}

// inCalendarZone returns t in the zone of the working calendar, if it has
// one (*calendar.Calendar does), so that the instants a Service stamps read
// as the calendar's days, whatever the zone of its clock.
func inCalendarZone(cs Calendars, t time.Time) time.Time {
	if z, ok := cs.Working.(interface{ Location() *time.Location }); ok && z.Location() != nil {
		return t.In(z.Location())
	}
	return t
}

// markProvisional sets the clock's provisional fields from cal: a clock is
// provisional when a day from Start to Due lies in a year cal covers
// without a notice. A clock of plain hours or minutes without extensions
// does not depend on the calendar.
func (c *Clock) markProvisional(cal Calendar) {
	c.Provisional = nil
	pc, ok := cal.(provisionalCalendar)
	if !ok || c.Due.IsZero() {
		return
	}
	if (c.Limit.Unit == calendar.Hours || c.Limit.Unit == calendar.Minutes) && len(c.Extensions) == 0 {
		return
	}
	if ys := pc.ProvisionalYears(c.Start, c.Due); len(ys) > 0 {
		c.Provisional = &calendar.Provisional{Years: ys, Reason: calendar.ProvisionalReason(ys)}
	}
}

// Move is one deadline that Rebase moved (or, when Kept is set, would
// have moved to a time already past, and so kept).
type Move struct {
	Ticket ID        `json:"ticket"`
	Clock  ClockKind `json:"clock"`
	Unit   UnitID    `json:"unit,omitempty"` // for report clocks: the party
	From   time.Time `json:"from"`
	To     time.Time `json:"to"`
	Kept   bool      `json:"kept,omitempty"`
	// Reason names the notices whose loading moved it, e.g. "2028 notice
	// loaded".
	Reason string `json:"reason"`
}

// String renders the move as Rebase records it in the history, e.g.
// "resolution deadline moved from 2028-01-11 17:30 to 2028-01-13 17:30:
// 2028 notice loaded".
func (m Move) String() string {
	name := string(m.Clock)
	if m.Unit != "" {
		name += " " + string(m.Unit)
	}
	const f = "2006-01-02 15:04"
	if m.Kept {
		return fmt.Sprintf("%s deadline kept at %s (the new one, %s, has already passed): %s", name, m.From.Format(f), m.To.Format(f), m.Reason)
	}
	return fmt.Sprintf("%s deadline moved from %s to %s: %s", name, m.From.Format(f), m.To.Format(f), m.Reason)
}

// Rebase recomputes, with cfg's calendars, the deadlines of t that were
// computed provisionally (Clock.Provisional) for a year whose holiday
// notice cfg's calendar has since loaded (calendar.Calendar.Extend). It
// replays t's history under cfg, as Import does, and takes from the
// replay each clock that
//
//   - was provisional for a year that is no longer provisional,
//   - is running or paused (a stopped clock was met or missed: it stays),
//   - and whose deadline had not passed at at (a passed deadline stays).
//
// Each moved deadline is recorded as an EvRebase event at at whose note
// reads "resolution deadline moved from X to Y: 2028 notice loaded"; a
// deadline the new calendar would move to before at is kept, and that is
// recorded too. Clocks that did not move but are no longer provisional
// lose the flag silently. changed reports whether t was modified; a
// terminal ticket, or one without a provisional clock, is returned as is.
// A history that no longer replays under cfg is an error and t is
// returned unchanged.
func Rebase(cfg Config, t Ticket, at time.Time) (out Ticket, moves []Move, changed bool, err error) {
	if t.State.Terminal() || !t.hasProvisional() {
		return t, nil, false, nil
	}
	fresh, err := replay(cfg, []Record{Export(t)}, replayChecks{})
	if err != nil {
		return t, nil, false, fmt.Errorf("ticket: rebase %s: %w", t.ID, err)
	}
	n := t.clone()
	rebase := func(old *Clock, nw Clock, u UnitID) {
		if old.Provisional == nil || !old.Stopped.IsZero() || (old.Running && !old.Due.After(at)) || old.overdue(at) {
			return
		}
		loaded := loadedYears(cfg.Calendars.pick(old.RoundTheClock), old.Provisional.Years)
		if len(loaded) == 0 {
			return // still provisional for the same years
		}
		reason := calendar.LoadedReason(loaded)
		m := Move{Ticket: t.ID, Clock: old.Kind, Unit: u, From: old.Due, To: nw.Due, Reason: reason}
		switch {
		case nw.Due.Equal(old.Due) && nw.Budget == old.Budget:
			old.Provisional = nw.clone().Provisional
			changed = true
			return
		case nw.Running && !nw.Due.After(at):
			m.Kept = true
			old.Provisional = nw.clone().Provisional
		default:
			*old = nw.clone()
		}
		moves = append(moves, m)
		changed = true
	}
	for i := range n.Clocks {
		if c := fresh[0].clock(n.Clocks[i].Kind); c != nil {
			rebase(&n.Clocks[i], *c, "")
		}
	}
	for i := range n.Parties {
		if j := fresh[0].party(n.Parties[i].Unit.ID); j >= 0 {
			rebase(&n.Parties[i].Clock, fresh[0].Parties[j].Clock, n.Parties[i].Unit.ID)
		}
	}
	if !changed {
		return t, nil, false, nil
	}
	for _, m := range moves {
		n.History = append(n.History, Event{Kind: EvRebase, At: at, Note: m.String()})
	}
	if len(moves) > 0 && at.After(n.Updated) {
		n.Updated = at
	}
	return n, moves, true, nil
}

// hasProvisional reports whether a clock of t is provisional.
func (t *Ticket) hasProvisional() bool {
	for i := range t.Clocks {
		if t.Clocks[i].Provisional != nil {
			return true
		}
	}
	for i := range t.Parties {
		if t.Parties[i].Clock.Provisional != nil {
			return true
		}
	}
	return false
}

// loadedYears returns the years of ys that cal no longer covers
// provisionally: their notices have been loaded (or cal has no
// provisional years at all).
func loadedYears(cal Calendar, ys []int) []int {
	pc, ok := cal.(provisionalCalendar)
	if !ok {
		return slices.Clone(ys)
	}
	var out []int
	for _, y := range ys {
		if !pc.IsProvisional(y) {
			out = append(out, y)
		}
	}
	return out
}

// RebaseError reports a ticket that Service.Rebase could not rebase.
type RebaseError struct {
	Ticket ID
	Err    error
}

// Error names the ticket and the cause.
func (e *RebaseError) Error() string { return fmt.Sprintf("ticket: rebase %s: %v", e.Ticket, e.Err) }

// Unwrap returns the cause.
func (e *RebaseError) Unwrap() error { return e.Err }

// Rebase recomputes the provisional deadlines of every open ticket with
// the service's calendars, at the service's clock: run it with a Service
// built on the calendar extended with a newly loaded holiday notice. Each
// ticket is rebased and stored on its own (see the function Rebase);
// moves lists every deadline moved or kept. Tickets that fail are left
// unchanged and reported, joined, as *RebaseError values; the others are
// stored.
func (s *Service) Rebase(ctx context.Context) (moves []Move, err error) {
	at, err := s.clock()
	if err != nil {
		return nil, err
	}
	var ids []ID
	for t, err := range s.store.Tickets(ctx, Filter{Open: true}) {
		if err != nil {
			return nil, err
		}
		if t.hasProvisional() {
			ids = append(ids, t.ID)
		}
	}
	var errs []error
	for _, id := range ids {
		m, err := s.rebaseOne(ctx, id, at)
		if err != nil {
			if ctx.Err() != nil {
				return moves, errors.Join(append(errs, ctx.Err())...)
			}
			errs = append(errs, &RebaseError{Ticket: id, Err: err})
			continue
		}
		moves = append(moves, m...)
	}
	return moves, errors.Join(errs...)
}

// rebaseOne rebases ticket id at at, retrying on version conflicts.
func (s *Service) rebaseOne(ctx context.Context, id ID, at time.Time) ([]Move, error) {
	for attempt := 0; ; attempt++ {
		t, err := s.store.Ticket(ctx, id)
		if err != nil {
			return nil, err
		}
		n, moves, changed, err := Rebase(s.opts.Config, t, at)
		if err != nil || !changed {
			return nil, err
		}
		_, err = s.store.UpdateTickets(ctx, n)
		if errors.Is(err, ErrConflict) && attempt < s.opts.Retries {
			continue
		}
		if err != nil {
			return nil, err
		}
		return moves, nil
	}
}
