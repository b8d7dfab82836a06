package ticket

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gongzhi/gongzhi/grid"
)

// Options configures a Service. The zero Options is valid: no categories
// tree (any category), an empty policy (so intake fails until one is set),
// no routing, no directory, and time.Now as the clock.
type Options struct {
	// Now is the service's clock. The service stamps every intake and
	// event with it and checks authority at that instant; callers never
	// supply the time of a live event (history enters through
	// Service.Import). Nil means time.Now; inject a clock for
	// deterministic replays.
	Now func() time.Time
	// Config holds the category tree, SLA policy and calendars.
	Config Config
	// Routing, with Places, lets Service.Route and Service.Dispatch pick
	// the handling unit. Nil Routing disables them.
	Routing *Routing
	// Places gives the grid as it stood at an instant, for routing and
	// node scorecards (a *grid.Service or *grid.Tree); nil when no rule
	// needs it.
	Places Views
	// Directory authorizes the people behind actors; nil trusts the
	// caller's authentication (the pure core still enforces roles and the
	// assigned unit).
	Directory Directory
	// Notify, if set, is called after each stored event that notifies
	// parties (Event.Notified), e.g. to text the resident.
	Notify func(ctx context.Context, t Ticket, e Event)
	// Retries is how many times an event is re-applied to a fresh copy
	// after a version conflict; 0 means 3.
	Retries int
}

// Service runs the ticket workflow over a Store: intake, routing, events,
// merges and status sweeps. It is safe for concurrent use if the Store is.
type Service struct {
	store Store
	opts  Options
}

// NewService returns a Service over s. A nil opts means the zero Options.
func NewService(s Store, opts *Options) *Service {
	sv := &Service{store: s}
	if opts != nil {
		sv.opts = *opts
	}
	if sv.opts.Now == nil {
		sv.opts.Now = time.Now
	}
	if sv.opts.Retries <= 0 {
		sv.opts.Retries = 3
	}
	return sv
}

// clock reads the service's clock.
func (s *Service) clock() (time.Time, error) {
	t := s.opts.Now()
	if t.IsZero() {
		return time.Time{}, &InputError{Field: "at", Reason: "the clock returned the zero time"}
	}
	return inCalendarZone(s.opts.Config.Calendars, t), nil // rebase.go
}

// now returns t for a read-only query at an instant the caller chose, or
// the service's clock when t is zero.
func (s *Service) now(t time.Time) (time.Time, error) {
	if !t.IsZero() {
		return t, nil
	}
	return s.clock()
}

// stamp returns the service's clock for a live event, refusing an instant
// set by the caller: a live event happens now, and back- or forward-dated
// events would be authorized at a time of the caller's choosing.
func (s *Service) stamp(given time.Time) (time.Time, error) {
	if !given.IsZero() {
		return time.Time{}, &InputError{Field: "at", Reason: "set by the service's clock; leave it zero (history enters through Service.Import)"}
	}
	return s.clock()
}

// Intake opens a ticket received now: the service stamps in.At with its
// clock, replacing whatever the channel supplied (ScanIntake needs an
// instant to verify the code; it is not the receipt time). Intake is
// idempotent by in.ID: a retry with the same content returns the stored
// ticket (whatever happened to it since) and created == false; a different
// intake under the same ID fails with ErrDuplicateKey.
func (s *Service) Intake(ctx context.Context, in Intake) (t Ticket, created bool, err error) {
	if in.At, err = s.clock(); err != nil {
		return Ticket{}, false, err
	}
	// Staff roles are checked; a unit actor (a grid worker filing a patrol
	// ticket) acts before any unit is assigned, so only its role is known.
	if s.opts.Directory != nil && in.By != (Actor{}) && in.By.Role != UnitRole {
		if err := s.opts.Directory.Authorize(ctx, in.By, Unit{}, in.At); err != nil {
			return Ticket{}, false, err
		}
	}
	t, err = NewTicket(s.opts.Config, in)
	if err != nil {
		return Ticket{}, false, err
	}
	return s.store.CreateTicket(ctx, t)
}

// Get returns ticket id as viewer may see it (contact masked for roles that
// do not need it).
func (s *Service) Get(ctx context.Context, id ID, viewer Role) (Ticket, error) {
	t, err := s.store.Ticket(ctx, id)
	if err != nil {
		return Ticket{}, err
	}
	return t.View(viewer), nil
}

// authorize checks the person behind e.Actor with the Directory.
func (s *Service) authorize(ctx context.Context, t Ticket, e Event) error {
	if s.opts.Directory == nil {
		return nil
	}
	var u Unit
	if e.Actor.Role == UnitRole {
		switch {
		case e.Actor.Unit == t.Lead.ID:
			u = t.Lead
		case t.party(e.Actor.Unit) >= 0:
			u = t.Parties[t.party(e.Actor.Unit)].Unit
		default:
			return &AuthError{Ticket: t.ID, Actor: e.Actor, Event: e.Kind, Reason: "unit not on the ticket"}
		}
	}
	if err := s.opts.Directory.Authorize(ctx, e.Actor, u, e.At); err != nil {
		var ae *AuthError
		if errors.As(err, &ae) {
			c := *ae
			c.Ticket, c.Event = t.ID, e.Kind
			return &c
		}
		return err
	}
	return nil
}

// Act applies event e to ticket id and stores the result, retrying on
// version conflicts against the fresh ticket. The service stamps e.At with
// its clock and checks the actor's authority at that instant; a non-zero
// e.At from the caller is refused with a *InputError (replay history
// with Service.Import).
func (s *Service) Act(ctx context.Context, id ID, e Event) (Ticket, error) {
	var err error
	if e.At, err = s.stamp(e.At); err != nil {
		return Ticket{}, err
	}
	return s.act(ctx, id, e)
}

// act applies e, already stamped, to ticket id.
func (s *Service) act(ctx context.Context, id ID, e Event) (Ticket, error) {
	for attempt := 0; ; attempt++ {
		t, err := s.store.Ticket(ctx, id)
		if err != nil {
			return Ticket{}, err
		}
		if err := s.authorize(ctx, t, e); err != nil {
			return Ticket{}, err
		}
		n, err := Apply(s.opts.Config, t, e)
		if err != nil {
			return Ticket{}, err
		}
		out, err := s.store.UpdateTickets(ctx, n)
		if errors.Is(err, ErrConflict) && attempt < s.opts.Retries {
			continue
		}
		if err != nil {
			return Ticket{}, err
		}
		s.notify(ctx, out[0])
		return out[0], nil
	}
}

func (s *Service) notify(ctx context.Context, t Ticket) {
	if s.opts.Notify == nil || len(t.History) == 0 {
		return
	}
	if e := t.History[len(t.History)-1]; len(e.Notified) > 0 {
		s.opts.Notify(ctx, t, e)
	}
}

// Route returns the routing decision for ticket id at Now (or at, if not
// zero), without changing anything.
func (s *Service) Route(ctx context.Context, id ID, at time.Time) (Decision, error) {
	if s.opts.Routing == nil {
		return Decision{}, fmt.Errorf("ticket: no routing configured: %w", ErrNoRoute)
	}
	var err error
	if at, err = s.now(at); err != nil {
		return Decision{}, err
	}
	t, err := s.store.Ticket(ctx, id)
	if err != nil {
		return Decision{}, err
	}
	var places Places
	if s.opts.Places != nil {
		v, err := s.opts.Places.View(ctx, at)
		if err != nil {
			return Decision{}, err
		}
		places = v
	}
	return s.opts.Routing.Route(s.opts.Config.Categories, places, t)
}

// Dispatch routes ticket id now and dispatches it to the chosen unit in
// one step, on behalf of actor (a hotline operator).
func (s *Service) Dispatch(ctx context.Context, id ID, actor Actor) (Ticket, Decision, error) {
	at, err := s.clock()
	if err != nil {
		return Ticket{}, Decision{}, err
	}
	d, err := s.Route(ctx, id, at)
	if err != nil {
		return Ticket{}, Decision{}, err
	}
	t, err := s.act(ctx, id, Event{Kind: EvDispatch, At: at, Actor: actor, Unit: d.Unit, Note: "routed by " + d.Name})
	return t, d, err
}

// Merge merges ticket dup into primary now, writing both atomically. Like
// Act, it stamps e.At with the service's clock and refuses a caller's.
func (s *Service) Merge(ctx context.Context, dup, primary ID, e Event) (Ticket, Ticket, error) {
	var err error
	if e.At, err = s.stamp(e.At); err != nil {
		return Ticket{}, Ticket{}, err
	}
	for attempt := 0; ; attempt++ {
		d, err := s.store.Ticket(ctx, dup)
		if err != nil {
			return Ticket{}, Ticket{}, err
		}
		p, err := s.store.Ticket(ctx, primary)
		if err != nil {
			return Ticket{}, Ticket{}, err
		}
		e.Kind = EvMerge
		if err := s.authorize(ctx, d, e); err != nil {
			return Ticket{}, Ticket{}, err
		}
		nd, np, err := Merge(s.opts.Config, d, p, e)
		if err != nil {
			return Ticket{}, Ticket{}, err
		}
		out, err := s.store.UpdateTickets(ctx, nd, np)
		if errors.Is(err, ErrConflict) && attempt < s.opts.Retries {
			continue
		}
		if err != nil {
			return Ticket{}, Ticket{}, err
		}
		s.notify(ctx, out[0])
		return out[0], out[1], nil
	}
}

// Sweep returns the status of every open ticket that has a breached or
// warning clock at Now (or at, if not zero), in ID order.
func (s *Service) Sweep(ctx context.Context, at time.Time) ([]Status, error) {
	var err error
	if at, err = s.now(at); err != nil {
		return nil, err
	}
	var out []Status
	for t, err := range s.store.Tickets(ctx, Filter{Open: true}) {
		if err != nil {
			return nil, err
		}
		if w := Worst(&t, at); w == Breached || w == Warning {
			out = append(out, StatusAt(t, at))
		}
	}
	return out, nil
}

// Scorecards computes the three rates and the composite per lead unit over
// the tickets f selects, plus the total under the empty UnitID, as of the
// service's clock (overdue tickets count, see FactAt).
func (s *Service) Scorecards(ctx context.Context, f Filter, w Weights) (map[UnitID]Scorecard, error) {
	if err := w.Validate(); err != nil {
		return nil, err
	}
	now, err := s.clock()
	if err != nil {
		return nil, err
	}
	total := new(Tally)
	per := map[UnitID]*Tally{}
	for t, err := range s.store.Tickets(ctx, f) {
		if err != nil {
			return nil, err
		}
		fact := FactAt(t, now)
		a := per[fact.Unit]
		if a == nil {
			a = new(Tally)
			per[fact.Unit] = a
		}
		a.Add(&fact)
		total.Add(&fact)
	}
	out := make(map[UnitID]Scorecard, len(per)+1)
	for u, a := range per {
		if u != "" {
			out[u] = a.Score(w)
		}
	}
	out[""] = total.Score(w)
	return out, nil
}

// NodeScorecards computes the scorecard of every grid node over the
// tickets f selects, each node covering its whole subtree as the grid is
// at instant at (Now if zero). It needs Options.Places.
func (s *Service) NodeScorecards(ctx context.Context, f Filter, w Weights, at time.Time) (map[grid.ID]Scorecard, error) {
	if err := w.Validate(); err != nil {
		return nil, err
	}
	if s.opts.Places == nil {
		return nil, &ConfigError{Field: "places", Reason: "no grid configured"}
	}
	var err error
	if at, err = s.now(at); err != nil {
		return nil, err
	}
	var facts []Fact
	for t, err := range s.store.Tickets(ctx, f) {
		if err != nil {
			return nil, err
		}
		facts = append(facts, FactAt(t, at))
	}
	seq := func(yield func(Fact) bool) {
		for _, f := range facts {
			if !yield(f) {
				return
			}
		}
	}
	out := map[grid.ID]Scorecard{}
	view, err := s.opts.Places.View(ctx, at)
	if err != nil {
		return nil, err
	}
	for id, a := range RollUp(seq, view) {
		out[id] = a.Score(w)
	}
	return out, nil
}
