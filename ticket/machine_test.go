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
	resStopped time.Time
	extended   bool
	objected   bool
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
	ticket.EvResume:           {ticket.Paused},
	ticket.EvRequestExtension: {ticket.Accepted, ticket.InProgress, ticket.Paused},
	ticket.EvDecideExtension:  {ticket.Accepted, ticket.InProgress, ticket.Paused},
	ticket.EvEscalate:         {ticket.Accepted, ticket.InProgress, ticket.Paused},
	ticket.EvResolve:          {ticket.InProgress},
	ticket.EvCallback:         {ticket.Resolved},
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

		steps := rapid.IntRange(1, 25).Draw(rt, "steps")
		for range steps {
			now = now.Add(time.Duration(rapid.IntRange(0, 2*24*60).Draw(rt, "gap_min")) * time.Minute)
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
			who := rapid.IntRange(0, 4).Draw(rt, "who")
			if rapid.IntRange(0, 9).Draw(rt, "right_actor") < 8 {
				switch kind {
				case ticket.EvDispatch, ticket.EvDispose, ticket.EvDecideExtension, ticket.EvCallback, ticket.EvClose, ticket.EvReopen:
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
				e.Approve = rapid.Bool().Draw(rt, "approve")
				e.Unit = units[rapid.IntRange(0, 2).Draw(rt, "unit")]
				ok = ok && actor.Role == ticket.SupervisorRole && (!e.Approve || e.Unit.ID != m.lead)
			case ticket.EvObject:
				ok = ok && isLead && !m.objected && workingBetween(m.dispatchAt, now) <= wdBudget(m.dispatchAt, 2)
			case ticket.EvResume:
				ok = ok && (isLead || actor.Role == ticket.SupervisorRole)
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
			case ticket.EvPause:
				m.state, m.resPaused = ticket.Paused, now
			case ticket.EvResume:
				m.state = ticket.InProgress
				m.resPauses = append(m.resPauses, ticket.Interval{From: m.resPaused, To: now})
				m.resPaused = time.Time{}
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
				if !m.resPaused.IsZero() {
					m.resPauses = append(m.resPauses, ticket.Interval{From: m.resPaused, To: now})
					m.resPaused = time.Time{}
				}
			case ticket.EvResolve:
				m.state, m.resStopped, m.pending = ticket.Resolved, now, false
			case ticket.EvCallback:
				m.state, m.rating = ticket.CalledBack, e.Rating
			case ticket.EvClose:
				m.state = ticket.Closed
			case ticket.EvReopen:
				m.state, m.rating = ticket.InProgress, nil
				m.resStart, m.resPauses, m.resPaused, m.resStopped, m.extended = now, nil, time.Time{}, time.Time{}, false
			}
			reached[m.state] = true
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
					switch {
					case !m.resStopped.IsZero():
						end = m.resStopped
					case !m.resPaused.IsZero():
						end = m.resPaused
					}
					want := workingBetween(m.resStart, end)
					for _, p := range m.resPauses {
						want -= workingBetween(p.From, p.To)
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
	})
}
