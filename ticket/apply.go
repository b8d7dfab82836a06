package ticket

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/grid"
)

// Apply performs event e on ticket t and returns the new ticket. It is a
// pure function: t is not modified, and on error nothing changes. Errors
// are *InputError (malformed event, time running backwards),
// *TransitionError (not allowed in this state), *AuthError (wrong role or
// not the assigned unit) and *LimitError (beyond the SLA policy).
//
// Apply does not handle EvMerge, which changes two tickets: use Merge.
func Apply(cfg Config, t Ticket, e Event) (Ticket, error) {
	if err := precheck(t, e); err != nil {
		return Ticket{}, err
	}
	if e.Kind == EvMerge {
		return Ticket{}, &TransitionError{Ticket: t.ID, From: t.State, Event: e.Kind, Reason: "use Merge"}
	}
	n := t.clone()
	e = e.clone()
	e.Notified = nil
	if err := apply(cfg, &n, &e); err != nil {
		return Ticket{}, err
	}
	n.Updated = e.At
	n.History = append(n.History, e)
	return n, nil
}

func precheck(t Ticket, e Event) error {
	switch {
	case !e.Kind.Valid():
		return &InputError{Field: "kind", Reason: fmt.Sprintf("unknown event kind %q", e.Kind)}
	case e.At.IsZero():
		return &InputError{Field: "at", Reason: "zero time"}
	case e.At.Before(t.Updated):
		return &InputError{Field: "at", Reason: fmt.Sprintf("%s is before the ticket's last event at %s",
			e.At.Format(time.RFC3339), t.Updated.Format(time.RFC3339))}
	case !e.Actor.Role.Valid():
		return &InputError{Field: "actor.role", Reason: fmt.Sprintf("unknown role %q", e.Actor.Role)}
	case e.Actor.Role == UnitRole && e.Actor.Unit == "":
		return &InputError{Field: "actor.unit", Reason: "empty for a unit actor"}
	case t.State.Terminal():
		return &TransitionError{Ticket: t.ID, From: t.State, Event: e.Kind, Reason: "ticket is " + string(t.State)}
	}
	return nil
}

func illegal(t *Ticket, e *Event, reason string) error {
	return &TransitionError{Ticket: t.ID, From: t.State, Event: e.Kind, Reason: reason}
}

func inState(t *Ticket, e *Event, states ...State) error {
	if slices.Contains(states, t.State) {
		return nil
	}
	return illegal(t, e, "")
}

func needRole(t *Ticket, e *Event, roles ...Role) error {
	if slices.Contains(roles, e.Actor.Role) {
		return nil
	}
	return &AuthError{Ticket: t.ID, Actor: e.Actor, Event: e.Kind, Reason: fmt.Sprintf("role %s required", roles[0])}
}

// needLead checks that the actor acts for the assigned unit.
func needLead(t *Ticket, e *Event) error {
	if e.Actor.Role != UnitRole {
		return &AuthError{Ticket: t.ID, Actor: e.Actor, Event: e.Kind, Reason: "role unit required"}
	}
	if e.Actor.Unit != t.Lead.ID {
		return &AuthError{Ticket: t.ID, Actor: e.Actor, Event: e.Kind, Reason: fmt.Sprintf("not the assigned unit %s", t.Lead.ID)}
	}
	return nil
}

// firstErr returns the first non-nil error of a chain of guards, in order.
// The guards are pure checks, so evaluating all of them changes nothing.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func needNote(e *Event) error {
	if e.Note == "" {
		return &InputError{Field: "note", Reason: "required for " + string(e.Kind)}
	}
	return nil
}

func (t *Ticket) clock(kind ClockKind) *Clock {
	for i := range t.Clocks {
		if t.Clocks[i].Kind == kind {
			return &t.Clocks[i]
		}
	}
	return nil
}

func stopClock(cfg Config, t *Ticket, kind ClockKind, at time.Time) error {
	if c := t.clock(kind); c != nil {
		return c.stop(cfg.Calendars, at)
	}
	return nil
}

// startClocks (re)starts the clocks that run from a dispatch.
func startClocks(cfg Config, t *Ticket, at time.Time, kinds ...ClockKind) error {
	for _, k := range kinds {
		var l calendar.Period
		switch k {
		case ObjectionClock:
			l = t.SLA.Objection
		case ResponseClock:
			l = t.SLA.Response
		case FirstContactClock:
			if !t.FirstContactAt.IsZero() {
				continue
			}
			l = t.SLA.FirstContact
		case ResolutionClock:
			l = t.SLA.Resolution
		}
		if noLimit(l) {
			continue
		}
		c, err := StartClock(cfg.Calendars, k, l, t.SLA.RoundTheClock, cfg.Policy.Warn, at)
		if err != nil {
			return err
		}
		if old := t.clock(k); old != nil {
			*old = c
		} else {
			t.Clocks = append(t.Clocks, c)
		}
	}
	return nil
}

func dispatchTo(cfg Config, t *Ticket, e *Event, u Unit) error {
	t.Lead = u
	t.Dispatches++
	t.State = Dispatched
	t.AcceptedAt = time.Time{}
	if err := stopClock(cfg, t, DispatchClock, e.At); err != nil {
		return err
	}
	if err := startClocks(cfg, t, e.At, ObjectionClock, ResponseClock, FirstContactClock, ResolutionClock); err != nil {
		return err
	}
	e.Notified = []Party{ToUnit}
	if u.Level == SubdistrictLevel {
		e.Notified = append(e.Notified, ToDistrict) // art. 12: the district supervises
	}
	return nil
}

func apply(cfg Config, t *Ticket, e *Event) error {
	switch e.Kind {
	case EvDispatch:
		if err := firstErr(needRole(t, e, HotlineRole), inState(t, e, Received)); err != nil {
			return err
		}
		if err := e.Unit.validate("unit"); err != nil {
			return err
		}
		return dispatchTo(cfg, t, e, e.Unit)

	case EvDispose:
		if err := firstErr(needRole(t, e, HotlineRole), inState(t, e, Received)); err != nil {
			return err
		}
		if !e.Outcome.Valid() {
			return &InputError{Field: "outcome", Reason: fmt.Sprintf("unknown outcome %q", e.Outcome)}
		}
		if e.Outcome == AnsweredOnSpot && t.Kind != Consultation {
			return illegal(t, e, "only consultations are answered on the spot (art. 11); other kinds are dispatched")
		}
		if e.Outcome == TransferredEmergency && !e.Line.Valid() {
			return &InputError{Field: "line", Reason: fmt.Sprintf("unknown emergency line %q", e.Line)}
		}
		if e.Outcome != TransferredEmergency && e.Line != "" {
			return &InputError{Field: "line", Reason: "only for outcome transferred"}
		}
		if err := stopClock(cfg, t, DispatchClock, e.At); err != nil {
			return err
		}
		t.State, t.Outcome, t.Line, t.ClosedAt = Disposed, e.Outcome, e.Line, e.At
		e.Notified = []Party{ToResident}
		return nil

	case EvAccept:
		if err := firstErr(needLead(t, e), inState(t, e, Dispatched)); err != nil {
			return err
		}
		if err := stopClock(cfg, t, ResponseClock, e.At); err != nil {
			return err
		}
		if err := stopClock(cfg, t, ObjectionClock, e.At); err != nil {
			return err
		}
		t.State, t.AcceptedAt = Accepted, e.At
		return nil

	case EvObject:
		if err := firstErr(needLead(t, e), inState(t, e, Dispatched), needNote(e)); err != nil {
			return err
		}
		if reason := t.objectionBlocked(); reason != "" {
			return illegal(t, e, reason)
		}
		if c := t.clock(ObjectionClock); c != nil {
			if c.overdue(e.At) {
				return &LimitError{Ticket: t.ID, What: "objection window", Limit: c.Limit.String(),
					Got: "objection at " + e.At.Format(time.RFC3339)}
			}
			if err := c.stop(cfg.Calendars, e.At); err != nil {
				return err
			}
		}
		t.State = Objected
		t.Objection = &Objection{Unit: t.Lead.ID, Reason: e.Note, At: e.At}
		e.Notified = []Party{ToHotline}
		return nil

	case EvReview:
		if err := firstErr(needRole(t, e, SupervisorRole), inState(t, e, Objected)); err != nil {
			return err
		}
		t.Objection = nil
		if !e.Approve { // objection rejected: the same unit must handle it
			t.State = Dispatched
			e.Notified = []Party{ToUnit}
			return nil
		}
		if err := e.Unit.validate("unit"); err != nil {
			return err
		}
		if e.Unit.ID == t.Lead.ID {
			return &InputError{Field: "unit", Reason: "an upheld objection re-dispatches to another unit"}
		}
		return dispatchTo(cfg, t, e, e.Unit)

	case EvContact:
		if err := firstErr(needLead(t, e), inState(t, e, Accepted, InProgress, Paused)); err != nil {
			return err
		}
		if t.FirstContactAt.IsZero() {
			t.FirstContactAt = e.At
			if err := stopClock(cfg, t, FirstContactClock, e.At); err != nil {
				return err
			}
		}
		if t.State == Accepted {
			t.State = InProgress
		}
		return nil

	case EvStart:
		if err := firstErr(needLead(t, e), inState(t, e, Accepted)); err != nil {
			return err
		}
		t.State = InProgress
		return nil

	case EvProgress:
		if err := firstErr(needNote(e), inState(t, e, Dispatched, Objected, Accepted, InProgress, Paused, Resolved, CalledBack)); err != nil {
			return err
		}
		if e.Actor.Role == HotlineRole {
			return nil
		}
		if e.Actor.Role == UnitRole && (e.Actor.Unit == t.Lead.ID || t.party(e.Actor.Unit) >= 0) {
			e.Notified = []Party{ToResident}
			return nil
		}
		return &AuthError{Ticket: t.ID, Actor: e.Actor, Event: e.Kind, Reason: "neither the assigned unit, a party nor the hotline"}

	case EvPause:
		if err := firstErr(needLead(t, e), inState(t, e, InProgress), needNote(e)); err != nil {
			return err
		}
		return requestPause(cfg, t, e)

	case EvDecidePause:
		return decidePause(cfg, t, e)

	case EvResume:
		// Only the unit whose clock it is, or the supervising service
		// department, restarts the clock: a resident (or anyone else)
		// resuming someone else's pause would restart the unit's clock.
		if e.Actor.Role != SupervisorRole {
			if err := needLead(t, e); err != nil {
				return err
			}
		}
		if err := inState(t, e, Paused); err != nil {
			return err
		}
		if c := t.clock(ResolutionClock); c != nil {
			if err := c.resume(cfg.Calendars, e.At); err != nil {
				return err
			}
		}
		t.endPause(e.At)
		t.State, t.PausedFrom = InProgress, ""
		return nil

	case EvRequestExtension:
		if err := firstErr(needLead(t, e), inState(t, e, Accepted, InProgress, Paused), needNote(e)); err != nil {
			return err
		}
		if t.Pending != nil {
			return illegal(t, e, "an extension request is already pending")
		}
		if err := e.Limit.Validate(); err != nil {
			return prefixV("limit", err)
		}
		if len(t.Extensions) >= t.SLA.MaxExtensions {
			return &LimitError{Ticket: t.ID, What: "extension count", Limit: fmt.Sprint(t.SLA.MaxExtensions),
				Got: fmt.Sprint(len(t.Extensions) + 1)}
		}
		if e.Limit.Unit != t.SLA.MaxExtension.Unit || e.Limit.N > t.SLA.MaxExtension.N {
			return &LimitError{Ticket: t.ID, What: "extension length", Limit: t.SLA.MaxExtension.String(), Got: e.Limit.String()}
		}
		t.Pending = &ExtensionRequest{Limit: e.Limit, Reason: e.Note, At: e.At, By: t.Lead.ID}
		e.Notified = []Party{ToHotline}
		return nil

	case EvDecideExtension:
		if err := needRole(t, e, HotlineRole); err != nil {
			return err
		}
		if t.Pending == nil {
			return illegal(t, e, "no extension request is pending")
		}
		req := *t.Pending
		t.Pending = nil
		if !e.Approve {
			e.Notified = []Party{ToUnit}
			return nil
		}
		if c := t.clock(ResolutionClock); c != nil {
			if err := c.extend(cfg.Calendars, req.Limit, e.At); err != nil {
				return err
			}
		}
		t.Extensions = append(t.Extensions, req)
		e.Limit = req.Limit
		e.Notified = []Party{ToUnit, ToResident, ToHotline} // art. 15: explain to the requester, notify the hotline
		return nil

	case EvAddCoUnit:
		if err := firstErr(needLead(t, e), inState(t, e, Accepted, InProgress, Paused)); err != nil {
			return err
		}
		return t.addParty(cfg, e, Summon{Unit: e.Unit, Limit: e.Limit}, false, "unit")

	case EvSummon:
		if err := needLead(t, e); err != nil {
			return err
		}
		if !grid.MaySummon(string(t.Lead.Level)) {
			return &AuthError{Ticket: t.ID, Actor: e.Actor, Event: e.Kind, Reason: "only a subdistrict or township summons departments (art. 16)"}
		}
		if err := inState(t, e, Accepted, InProgress, Paused); err != nil {
			return err
		}
		if len(e.Summons) == 0 {
			return &InputError{Field: "summons", Reason: "empty"}
		}
		for i, s := range e.Summons {
			if err := t.addParty(cfg, e, s, true, fmt.Sprintf("summons[%d].unit", i)); err != nil {
				return err
			}
		}
		return nil

	case EvReport:
		if e.Actor.Role != UnitRole {
			return &AuthError{Ticket: t.ID, Actor: e.Actor, Event: e.Kind, Reason: "role unit required"}
		}
		i := t.party(e.Actor.Unit)
		if i < 0 {
			return &AuthError{Ticket: t.ID, Actor: e.Actor, Event: e.Kind, Reason: "not a co-unit or summoned department of this ticket"}
		}
		if err := needNote(e); err != nil {
			return err
		}
		p := &t.Parties[i]
		if p.Reported() {
			return illegal(t, e, fmt.Sprintf("%s already reported", p.Unit.ID))
		}
		if err := p.Clock.stop(cfg.Calendars, e.At); err != nil {
			return err
		}
		p.ReportedAt, p.Report = e.At, e.Note
		e.Notified = []Party{ToUnit}
		return nil

	case EvEscalate:
		if err := firstErr(needLead(t, e), inState(t, e, Accepted, InProgress, Paused), needNote(e)); err != nil {
			return err
		}
		if err := e.Unit.validate("unit"); err != nil {
			return err
		}
		if levelIndex(e.Unit.Level) <= levelIndex(t.Lead.Level) {
			return &InputError{Field: "unit.level", Reason: fmt.Sprintf("escalation goes up: %s is not above %s", e.Unit.Level, t.Lead.Level)}
		}
		// The requester's wait goes on: the resolution clock keeps running
		// (resumed if paused); the new unit must accept within the response limit.
		if c := t.clock(ResolutionClock); c != nil && c.Paused() {
			if err := c.resume(cfg.Calendars, e.At); err != nil {
				return err
			}
		}
		t.endPause(e.At)
		if err := startClocks(cfg, t, e.At, ResponseClock); err != nil {
			return err
		}
		t.Lead, t.State, t.PausedFrom, t.Pending, t.PendingPause, t.AcceptedAt = e.Unit, Dispatched, "", nil, nil, time.Time{}
		t.Escalations++
		e.Notified = []Party{ToUnit, ToHotline}
		return nil

	case EvResolve:
		if err := firstErr(needLead(t, e), inState(t, e, InProgress), needNote(e)); err != nil {
			return err
		}
		if err := stopClock(cfg, t, ResolutionClock, e.At); err != nil {
			return err
		}
		if err := stopClock(cfg, t, FirstContactClock, e.At); err != nil {
			return err
		}
		t.State, t.ResolvedAt, t.ResolvedBy, t.Pending, t.PendingPause = Resolved, e.At, t.Lead, nil, nil
		e.Notified = []Party{ToResident, ToHotline} // art. 15: report the result to both
		return nil

	case EvCallback:
		return callBack(cfg, t, e)

	case EvClose:
		if err := firstErr(needRole(t, e, HotlineRole), inState(t, e, CalledBack)); err != nil {
			return err
		}
		t.State, t.ClosedAt = Closed, e.At
		return nil

	case EvReopen:
		if err := firstErr(needRole(t, e, HotlineRole), inState(t, e, CalledBack)); err != nil {
			return err
		}
		if t.Rating != nil && t.Rating.Solved && t.Rating.Satisfaction != Dissatisfied {
			return illegal(t, e, "the requester is satisfied and the matter solved")
		}
		t.Reopens++
		t.State, t.Rating, t.ResolvedAt, t.ResolvedBy = InProgress, nil, time.Time{}, Unit{}
		if err := startClocks(cfg, t, e.At, ResolutionClock); err != nil {
			return err
		}
		e.Notified = []Party{ToUnit}
		return nil
	}
	return illegal(t, e, "")
}

func prefixV(field string, err error) error {
	if ce, ok := err.(*ConfigError); ok {
		return &InputError{Field: field + "." + ce.Field, Reason: ce.Reason}
	}
	var pe *calendar.PeriodError
	if errors.As(err, &pe) {
		return &InputError{Field: field, Reason: pe.Error()}
	}
	return fmt.Errorf("ticket: %s: %w", field, err)
}

// objectionBlocked says why the lead may not object now, or "": one
// objection per dispatch, and none to an escalation (the higher unit must
// take it, art. 20).
func (t *Ticket) objectionBlocked() string {
	for i := len(t.History) - 1; i >= 0; i-- {
		switch e := t.History[i]; {
		case e.Kind == EvObject:
			return "this dispatch was already objected to and the objection rejected"
		case e.Kind == EvEscalate:
			return "an escalated ticket cannot be objected to"
		case e.Kind == EvDispatch, e.Kind == EvReview && e.Approve:
			return ""
		}
	}
	return ""
}

func (t *Ticket) party(u UnitID) int {
	for i, p := range t.Parties {
		if p.Unit.ID == u {
			return i
		}
	}
	return -1
}

func (t *Ticket) addParty(cfg Config, e *Event, s Summon, summoned bool, field string) error {
	if err := s.Unit.validate(field); err != nil {
		return err
	}
	if s.Unit.ID == t.Lead.ID || t.party(s.Unit.ID) >= 0 {
		return &InputError{Field: field + ".id", Reason: fmt.Sprintf("%s already handles this ticket", s.Unit.ID)}
	}
	l := s.Limit
	if noLimit(l) {
		l = t.SLA.CoReport
	}
	if noLimit(l) {
		return &InputError{Field: "limit", Reason: "no report deadline given and the SLA rule has no co_report limit"}
	}
	c, err := StartClock(cfg.Calendars, ReportClock, l, t.SLA.RoundTheClock, cfg.Policy.Warn, e.At)
	if err != nil {
		return prefixV("limit", err)
	}
	t.Parties = append(t.Parties, Participant{Unit: s.Unit, Summoned: summoned, By: t.Lead.ID, Clock: c})
	e.Notified = append(e.Notified, Party("unit:"+string(s.Unit.ID)))
	return nil
}

// Merge merges the duplicate dup into primary (a repeat request about the
// same matter). dup ends in state Merged with its clocks stopped; primary
// records it in MergedFrom. Both tickets must be open, distinct, and the
// actor must be the hotline. Neither argument is modified.
func Merge(cfg Config, dup, primary Ticket, e Event) (Ticket, Ticket, error) {
	e.Kind = EvMerge
	e.Into = primary.ID
	if err := precheck(dup, e); err != nil {
		return Ticket{}, Ticket{}, err
	}
	if primary.State.Terminal() {
		return Ticket{}, Ticket{}, &TransitionError{Ticket: primary.ID, From: primary.State, Event: EvMerge, Reason: "primary ticket is " + string(primary.State)}
	}
	if dup.ID == primary.ID {
		return Ticket{}, Ticket{}, &InputError{Field: "into", Reason: "a ticket cannot be merged into itself"}
	}
	if e.At.Before(primary.Updated) {
		return Ticket{}, Ticket{}, &InputError{Field: "at", Reason: "before the primary ticket's last event"}
	}
	d := dup.clone()
	if err := needRole(&d, &e, HotlineRole); err != nil {
		return Ticket{}, Ticket{}, err
	}
	for i := range d.Clocks {
		if err := d.Clocks[i].stop(cfg.Calendars, e.At); err != nil {
			return Ticket{}, Ticket{}, err
		}
	}
	d.endPause(e.At)
	e = e.clone()
	e.Notified = []Party{ToResident}
	d.State, d.MergedInto, d.ClosedAt, d.Updated = Merged, primary.ID, e.At, e.At
	d.History = append(d.History, e)

	p := primary.clone()
	pe := Event{Kind: EvMerge, At: e.At, Actor: e.Actor, Into: primary.ID, Note: "merged " + string(dup.ID)}
	p.MergedFrom = append(p.MergedFrom, dup.ID)
	p.Updated = e.At
	p.History = append(p.History, pe)
	return d, p, nil
}
