package ticket_test

import (
	"slices"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// machinePolicy runs every clock kind, with working and natural units.
func machinePolicy() ticket.Policy {
	return ticket.Policy{Name: "machine", Warn: ticket.Fraction{Num: 4, Den: 5}, Rules: []ticket.Rule{{
		Name:          "all",
		Dispatch:      calendar.Period{N: 1, Unit: calendar.NaturalDays},
		Objection:     calendar.Period{N: 2, Unit: calendar.WorkingDays},
		Response:      calendar.Period{N: 1, Unit: calendar.WorkingDays},
		FirstContact:  calendar.Period{N: 4, Unit: calendar.WorkingHours},
		Resolution:    calendar.Period{N: 5, Unit: calendar.WorkingDays},
		MaxExtensions: 2,
		MaxExtension:  calendar.Period{N: 10, Unit: calendar.WorkingDays},
		Pauses: &ticket.PauseRule{Reasons: []ticket.PauseReason{"awaiting_requester", "inspection"}, Max: 3,
			Longest: calendar.Period{N: 5, Unit: calendar.WorkingDays}, Total: calendar.Period{N: 8, Unit: calendar.WorkingDays},
			Approval: calendar.Period{N: 2, Unit: calendar.WorkingDays}},
	}}}
}

// model is the reference: the state, the lead, and the resolution clock
// recomputed from first principles (working time minus pauses).
type model struct {
	state      ticket.State
	lead       ticket.UnitID
	dispatchAt time.Time
	pending    bool
	extensions int
	rating     *ticket.Rating
	// resolution clock
	resStart   time.Time
	resPauses  []ticket.Interval
	resPaused  time.Time // zero when running
	resUntil   time.Time // when the current pause ends by itself
	resStopped time.Time
	extended   bool
	objected   bool
	// pauses
	pauses       int // taken
	pauseUsed    int // working days requested by the pauses taken
	pausePending int // working days of a pending request, 0 if none
}

// endPause closes the model's current pause at now (or at its own end).
func (m *model) endPause(now time.Time) {
	if m.resPaused.IsZero() {
		return
	}
	end := now
	if m.resUntil.Before(now) {
		end = m.resUntil
	}
	m.resPauses = append(m.resPauses, ticket.Interval{From: m.resPaused, To: end})
	m.resPaused, m.resUntil = time.Time{}, time.Time{}
}

// toward is the event a directed walk takes next: it goes through every
// state of the lifecycle in order (objection, rejected review, pause and
// resume included), or straight to disposed, so that short runs (go test
// -short) reach them all.
func toward(m *model, dispose bool) ticket.EventKind {
	switch m.state {
	case ticket.Received:
		if dispose {
			return ticket.EvDispose
		}
		return ticket.EvDispatch
	case ticket.Dispatched:
		if !m.objected {
			return ticket.EvObject
		}
		return ticket.EvAccept
	case ticket.Objected:
		return ticket.EvReview
	case ticket.Accepted:
		return ticket.EvStart
	case ticket.InProgress:
		if m.pausePending > 0 {
			return ticket.EvDecidePause
		}
		if m.pauses == 0 {
			return ticket.EvPause
		}
		return ticket.EvResolve
	case ticket.Paused:
		return ticket.EvResume
	case ticket.Resolved:
		return ticket.EvCallback
	}
	return ticket.EvClose
}

var allowed = map[ticket.EventKind][]ticket.State{
	ticket.EvDispatch:         {ticket.Received},
	ticket.EvDispose:          {ticket.Received},
	ticket.EvAccept:           {ticket.Dispatched},
	ticket.EvObject:           {ticket.Dispatched},
	ticket.EvReview:           {ticket.Objected},
	ticket.EvContact:          {ticket.Accepted, ticket.InProgress, ticket.Paused},
	ticket.EvStart:            {ticket.Accepted},
	ticket.EvPause:            {ticket.InProgress},
	ticket.EvDecidePause:      {ticket.InProgress},
	ticket.EvResume:           {ticket.Paused},
	ticket.EvRequestExtension: {ticket.Accepted, ticket.InProgress, ticket.Paused},
	ticket.EvDecideExtension:  {ticket.Accepted, ticket.InProgress, ticket.Paused},
	ticket.EvEscalate:         {ticket.Accepted, ticket.InProgress, ticket.Paused},
	ticket.EvResolve:          {ticket.InProgress},
	ticket.EvCallback:         {ticket.Resolved, ticket.Dispatched, ticket.Objected, ticket.Accepted, ticket.InProgress, ticket.Paused},
	ticket.EvClose:            {ticket.CalledBack},
	ticket.EvReopen:           {ticket.CalledBack},
}

// levelRank orders the test units community < street < water department,
// by the level of the unit with that ID.
func levelRank(x any) int {
	var l ticket.Level
	switch v := x.(type) {
	case ticket.Level:
		l = v
	case ticket.UnitID:
		for _, u := range []ticket.Unit{community, street, waterDept} {
			if u.ID == v {
				l = u.Level
			}
		}
	}
	for i, lv := range ticket.Levels() {
		if lv == l {
			return i
		}
	}
	return -1
}

func TestStateMachineAgainstModel(t *testing.T) {
	cal := calendar.China()
	cfg := ticket.Config{Policy: machinePolicy(), Calendars: ticket.Calendars{Working: cal}}
	units := []ticket.Unit{community, street, waterDept}
	kinds := make([]ticket.EventKind, 0, len(allowed))
	for k := range allowed {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	workingBetween := func(a, b time.Time) time.Duration {
		d, err := cal.WorkingTimeBetween(a, b)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	wdBudget := func(from time.Time, n int) time.Duration {
		end, err := cal.AddWorkingDays(from, n)
		if err != nil {
			t.Fatal(err)
		}
		return workingBetween(from, end)
	}

	reached := map[ticket.State]bool{}
	defer func() {
		if testing.Short() {
			return // too few runs to be sure of a directed run of each kind; each directed run checks its own path
		}
		for _, s := range []ticket.State{ticket.Objected, ticket.Paused, ticket.Resolved, ticket.CalledBack, ticket.Closed, ticket.Disposed} {
			if !reached[s] {
				t.Errorf("the random walk never reached %s: the generator is too weak", s)
			}
		}
	}()
	rapid.Check(t, func(rt *rapid.T) {
		now := at("2025-01-02 08:00").Add(time.Duration(rapid.IntRange(0, 300*24).Draw(rt, "start")) * time.Hour)
		tk, err := ticket.NewTicket(cfg, ticket.Intake{ID: "T", Channel: ticket.Hotline, Kind: ticket.Help,
			Category: "x", Text: "help", At: now})
		if err != nil {
			rt.Fatal(err)
		}
		m := model{state: ticket.Received}
		lastElapsed := map[ticket.ClockKind]time.Duration{}

		// A third of the runs wander; the others are directed through the
		// whole lifecycle or to disposal, and must visit every state on the
		// way (checked after the walk): reachability does not depend on
		// luck, even with the 20 runs of go test -short.
		mode := rapid.IntRange(0, 2).Draw(rt, "mode")
		directed, dispose := mode > 0, mode == 2
		steps := rapid.IntRange(1, 25).Draw(rt, "steps")
		if directed {
			steps = 12
		}
		visited := map[ticket.State]bool{}
		for range steps {
			gap := rapid.IntRange(0, 2*24*60).Draw(rt, "gap_min")
			if directed {
				gap %= 120
			}
			now = now.Add(time.Duration(gap) * time.Minute)
			// Mostly pick an event the state allows, by the right actor, so
			// that runs get deep into the lifecycle; sometimes anything.
			var fitting []ticket.EventKind
			for _, k := range kinds {
				if slices.Contains(allowed[k], m.state) {
					fitting = append(fitting, k)
				}
			}
			kind := rapid.SampledFrom(kinds).Draw(rt, "kind")
			if len(fitting) > 0 && rapid.IntRange(0, 9).Draw(rt, "fit") < 8 {
				kind = rapid.SampledFrom(fitting).Draw(rt, "fitting_kind")
			}
			if directed {
				kind = toward(&m, dispose)
			}
			who := rapid.IntRange(0, 4).Draw(rt, "who")
			if directed || rapid.IntRange(0, 9).Draw(rt, "right_actor") < 8 {
				switch kind {
				case ticket.EvDispatch, ticket.EvDispose, ticket.EvDecideExtension, ticket.EvDecidePause, ticket.EvCallback, ticket.EvClose, ticket.EvReopen:
					who = 0
				case ticket.EvReview:
					who = 1
				default:
					who = 3
				}
			}
			var actor ticket.Actor
			switch who {
			case 0:
				actor = hotline
			case 1:
				actor = supervisor
			case 2:
				actor = resident
			case 3:
				actor = member(ticket.Unit{ID: m.lead})
				if m.lead == "" {
					actor = member(community)
				}
			case 4:
				actor = member(units[rapid.IntRange(0, 2).Draw(rt, "stranger")])
			}
			e := ticket.Event{Kind: kind, At: now, Actor: actor, Note: "n"}
			isLead := actor.Role == ticket.UnitRole && m.lead != "" && actor.Unit == m.lead
			ok := slices.Contains(allowed[kind], m.state)
			switch kind {
			case ticket.EvDispatch:
				e.Unit = units[rapid.IntRange(0, 2).Draw(rt, "unit")]
				ok = ok && actor.Role == ticket.HotlineRole
			case ticket.EvDispose:
				e.Outcome = ticket.OutOfScope
				ok = ok && actor.Role == ticket.HotlineRole
			case ticket.EvReview:
				e.Approve = rapid.Bool().Draw(rt, "approve") && !directed
				e.Unit = units[rapid.IntRange(0, 2).Draw(rt, "unit")]
				ok = ok && actor.Role == ticket.SupervisorRole && (!e.Approve || e.Unit.ID != m.lead)
			case ticket.EvObject:
				ok = ok && isLead && !m.objected && workingBetween(m.dispatchAt, now) <= wdBudget(m.dispatchAt, 2)
			case ticket.EvResume:
				ok = ok && (isLead || actor.Role == ticket.SupervisorRole)
			case ticket.EvPause:
				e.Reason = rapid.SampledFrom([]ticket.PauseReason{"awaiting_requester", "inspection", "bogus"}).Draw(rt, "reason")
				e.Limit = calendar.Period{N: rapid.IntRange(1, 6).Draw(rt, "pause_days"), Unit: calendar.WorkingDays}
				if directed {
					e.Reason, e.Limit.N = "inspection", 1
				}
				ok = ok && isLead && e.Reason != "bogus" && m.pausePending == 0 && e.Limit.N <= 5 &&
					m.pauses < 3 && m.pauseUsed+e.Limit.N <= 8
			case ticket.EvDecidePause:
				e.Approve = rapid.Bool().Draw(rt, "approve_pause")
				ok = ok && actor.Role == ticket.HotlineRole && m.pausePending > 0
			case ticket.EvRequestExtension:
				e.Limit = calendar.Period{N: rapid.IntRange(1, 12).Draw(rt, "ext"), Unit: calendar.WorkingDays}
				ok = ok && isLead && !m.pending && m.extensions < 2 && e.Limit.N <= 10
			case ticket.EvEscalate:
				e.Unit = units[rapid.IntRange(0, 2).Draw(rt, "unit")]
				ok = ok && isLead && levelRank(e.Unit.Level) > levelRank(m.lead)
			case ticket.EvDecideExtension:
				e.Approve = rapid.Bool().Draw(rt, "approve")
				ok = actor.Role == ticket.HotlineRole && m.pending
			case ticket.EvCallback:
				e.Rating = &ticket.Rating{Solved: rapid.Bool().Draw(rt, "solved"),
					Satisfaction: rapid.SampledFrom([]ticket.Satisfaction{ticket.Satisfied, ticket.BasicSatisfied, ticket.Dissatisfied}).Draw(rt, "sat")}
				ok = ok && actor.Role == ticket.HotlineRole
				if m.state != ticket.Resolved { // art. 23: due at expiry, resolved or not
					c, running := tk.Clock(ticket.ResolutionClock)
					ok = ok && running && !now.Before(c.Due) && (c.Running || !c.PausedUntil.IsZero())
				}
			case ticket.EvClose:
				ok = ok && actor.Role == ticket.HotlineRole
			case ticket.EvReopen:
				ok = ok && actor.Role == ticket.HotlineRole && m.rating != nil &&
					(!m.rating.Solved || m.rating.Satisfaction == ticket.Dissatisfied)
			default:
				ok = ok && isLead
			}
			if m.state.Terminal() {
				ok = false
			}

			before := tk
			next, err := ticket.Apply(cfg, tk, e)
			if (err == nil) != ok {
				rt.Fatalf("%s by %s/%s in %s: err %v, model allows %v", kind, actor.Role, actor.Unit, m.state, err, ok)
			}
			if d := cmp.Diff(before, tk); d != "" {
				rt.Fatalf("Apply modified its argument:\n%s", d)
			}
			if err != nil {
				continue
			}
			tk = next

			// Advance the model.
			switch kind {
			case ticket.EvDispatch:
				m.state, m.lead, m.dispatchAt, m.objected = ticket.Dispatched, e.Unit.ID, now, false
				m.resStart, m.resPauses, m.resPaused, m.resStopped, m.extended = now, nil, time.Time{}, time.Time{}, false
			case ticket.EvDispose:
				m.state = ticket.Disposed
			case ticket.EvAccept:
				m.state = ticket.Accepted
			case ticket.EvObject:
				m.state, m.objected = ticket.Objected, true
			case ticket.EvReview:
				m.state = ticket.Dispatched
				if e.Approve {
					m.lead, m.dispatchAt, m.objected = e.Unit.ID, now, false
					m.resStart, m.resPauses, m.resPaused, m.resStopped, m.extended = now, nil, time.Time{}, time.Time{}, false
				}
			case ticket.EvContact, ticket.EvStart:
				if m.state == ticket.Accepted {
					m.state = ticket.InProgress
				}
			case ticket.EvPause, ticket.EvDecidePause:
				n := e.Limit.N
				if kind == ticket.EvDecidePause {
					n, m.pausePending = m.pausePending, 0
					if !e.Approve {
						break
					}
				} else if n > 2 { // longer than the approval threshold: pending
					m.pausePending = n
					break
				}
				until, err := cal.AddWorkingDays(now, n)
				if err != nil {
					rt.Fatal(err)
				}
				m.state, m.resPaused, m.resUntil = ticket.Paused, now, until
				m.pauses++
				m.pauseUsed += n
			case ticket.EvResume:
				m.state = ticket.InProgress
				m.endPause(now)
			case ticket.EvRequestExtension:
				m.pending = true
			case ticket.EvDecideExtension:
				m.pending = false
				if e.Approve {
					m.extensions++
					m.extended = true
				}
			case ticket.EvEscalate:
				m.state, m.lead, m.pending, m.objected = ticket.Dispatched, e.Unit.ID, false, true // no objection to an escalation
				m.pausePending = 0
				m.endPause(now)
			case ticket.EvResolve:
				m.state, m.resStopped, m.pending, m.pausePending = ticket.Resolved, now, false, 0
			case ticket.EvCallback:
				if m.state != ticket.Resolved {
					m.endPause(now)
					m.resStopped, m.pending, m.pausePending = now, false, 0
				}
				m.state, m.rating = ticket.CalledBack, e.Rating
			case ticket.EvClose:
				m.state = ticket.Closed
			case ticket.EvReopen:
				m.state, m.rating = ticket.InProgress, nil
				m.resStart, m.resPauses, m.resPaused, m.resStopped, m.extended = now, nil, time.Time{}, time.Time{}, false
			}
			reached[m.state] = true
			visited[m.state] = true
			if tk.State != m.state || tk.Lead.ID != m.lead {
				rt.Fatalf("after %s: ticket %s/%s, model %s/%s", kind, tk.State, tk.Lead.ID, m.state, m.lead)
			}

			// Clocks: never backwards; breach iff elapsed exceeds the budget;
			// the resolution clock's elapsed equals the model's.
			for _, probe := range []time.Time{now, now.Add(time.Duration(rapid.IntRange(0, 20*24).Draw(rt, "probe_h")) * time.Hour)} {
				for _, c := range tk.Clocks {
					el, err := c.Elapsed(cfg.Calendars, probe)
					if err != nil {
						rt.Fatal(err)
					}
					if probe.Equal(now) {
						if el < lastElapsed[c.Kind] && c.Start.Before(now) {
							rt.Fatalf("%s clock ran backwards: %s then %s", c.Kind, lastElapsed[c.Kind], el)
						}
						lastElapsed[c.Kind] = el
					}
					if got, want := c.Overdue(probe), el > c.Budget; got != want {
						rt.Fatalf("%s clock at %s: overdue %v but elapsed %s vs budget %s (phase %s)",
							c.Kind, probe, got, el, c.Budget, c.Phase(probe))
					}
				}
				if c, ok := tk.Clock(ticket.ResolutionClock); ok && !m.resStart.IsZero() {
					end := probe
					if !m.resStopped.IsZero() {
						end = m.resStopped
					}
					want := workingBetween(m.resStart, end)
					for _, p := range m.resPauses {
						want -= workingBetween(p.From, p.To)
					}
					if !m.resPaused.IsZero() { // the current pause, up to its own end
						pe := end
						if m.resUntil.Before(pe) {
							pe = m.resUntil
						}
						want -= workingBetween(m.resPaused, pe)
					}
					got, _ := c.Elapsed(cfg.Calendars, probe)
					if got != want {
						rt.Fatalf("resolution elapsed %s, model %s", got, want)
					}
					if !m.extended && c.Budget != wdBudget(m.resStart, 5) {
						rt.Fatalf("resolution budget %s, model %s", c.Budget, wdBudget(m.resStart, 5))
					}
				}
			}
			// Reset the monotonicity memory for restarted clocks.
			for _, c := range tk.Clocks {
				if c.Start.Equal(now) {
					lastElapsed[c.Kind] = 0
				}
			}
		}
		if directed {
			path := []ticket.State{ticket.Dispatched, ticket.Objected, ticket.Accepted, ticket.InProgress,
				ticket.Paused, ticket.Resolved, ticket.CalledBack, ticket.Closed}
			if dispose {
				path = []ticket.State{ticket.Disposed}
			}
			for _, st := range path {
				if !visited[st] {
					rt.Fatalf("the directed walk never reached %s (ended in %s)", st, m.state)
				}
			}
		}
	})
}
