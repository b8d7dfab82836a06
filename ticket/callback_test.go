package ticket_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/ticket"
)

// Issue 18 item 3: art. 23 calls the requester back when the time limit
// expires, resolved or not. Before, a callback needed a resolution, so
// tickets a unit left unresolved were never rated.
func TestCallbackAtExpiry(t *testing.T) {
	cfg := shandongCfg(t)
	tk := inProgress(t, cfg) // dispatched 2025-03-03 09:00, 5 working days
	due, ok := tk.CallbackDue()
	if !ok || !due.Equal(mustClock(t, tk).Due) || !due.Equal(at("2025-03-10 17:30")) {
		t.Fatalf("callback due %s %v, want the resolution clock's due instant", due, ok)
	}
	rating := &ticket.Rating{Solved: false, Satisfaction: ticket.Dissatisfied}
	early := ticket.Event{Kind: ticket.EvCallback, At: due.Add(-time.Minute), Actor: hotline, Rating: rating}
	if _, err := ticket.Apply(cfg, tk, early); !errors.Is(err, ticket.ErrIllegalTransition) || !strings.Contains(err.Error(), "art. 23") {
		t.Fatalf("callback before expiry: %v", err)
	}
	cb := mustApply(t, cfg, tk, ticket.Event{Kind: ticket.EvCallback, At: due, Actor: hotline, Rating: rating})
	if cb.State != ticket.CalledBack || cb.Rating == nil || cb.Rating.Solved {
		t.Fatalf("callback at expiry: %s %+v", cb.State, cb.Rating)
	}
	if c := mustClock(t, cb); c.Stopped.IsZero() || ticket.Worst(&cb, due.Add(30*24*time.Hour)) != "" {
		t.Errorf("clocks still run after the callback at expiry: %+v", c)
	}
	if _, ok := cb.CallbackDue(); ok {
		t.Error("a called-back ticket owes no callback")
	}
	// The hotline then reopens it for more work, or closes it.
	if re := mustApply(t, cfg, cb, ticket.Event{Kind: ticket.EvReopen, At: due.Add(time.Hour), Actor: hotline}); re.State != ticket.InProgress {
		t.Errorf("reopen after the callback at expiry: %s", re.State)
	}
	// A paused ticket: the pause pushes the expiry back.
	paused := mustApply(t, cfg, tk, pauseEvent(at("2025-03-04 09:00"), member(community)))
	if d, _ := paused.CallbackDue(); !d.After(due) {
		t.Errorf("paused ticket's callback due %s, not after %s", d, due)
	}
	if _, err := ticket.Apply(cfg, paused, ticket.Event{Kind: ticket.EvCallback, At: due, Actor: hotline, Rating: rating}); !errors.Is(err, ticket.ErrIllegalTransition) {
		t.Errorf("callback at the unpaused due instant: %v", err)
	}
	// Only the hotline calls back; a received ticket has no limit running.
	if _, err := ticket.Apply(cfg, tk, ticket.Event{Kind: ticket.EvCallback, At: due, Actor: member(community), Rating: rating}); !errors.Is(err, ticket.ErrUnauthorized) {
		t.Errorf("callback by the unit: %v", err)
	}
}

// Issue 18 item 3: overdue unresolved tickets count in the resolution and
// satisfaction denominators; the old definition stays available, labelled.
func TestOverdueTicketsCountInRates(t *testing.T) {
	cfg := shandongCfg(t)
	c1 := member(community)
	resolved := inProgress(t, cfg)
	resolved = mustApply(t, cfg, resolved, ticket.Event{Kind: ticket.EvResolve, At: at("2025-03-04 09:00"), Actor: c1, Note: "done"})
	resolved = mustApply(t, cfg, resolved, ticket.Event{Kind: ticket.EvCallback, At: at("2025-03-04 10:00"), Actor: hotline,
		Rating: &ticket.Rating{Solved: true, Satisfaction: ticket.BasicSatisfied}})
	left := inProgress(t, cfg) // never resolved, never called back
	now := at("2025-03-12 09:00")

	var a ticket.Tally
	for _, tk := range []ticket.Ticket{resolved, left} {
		f := ticket.FactAt(tk, now)
		a.Add(&f)
	}
	if a.Overdue != 1 || a.Rated != 1 {
		t.Fatalf("tally %+v", a)
	}
	s := a.Score(ticket.EqualThirds())
	if s.Resolution.String() != "1/2 (50.00%)" || s.Satisfaction.String() != "1/2 (50.00%)" || s.RatedOnly {
		t.Errorf("rates with overdue tickets: %s", s.Explain())
	}
	for _, want := range []string{"not the regulation's text", "art. 32", "overdue never called back"} {
		if !strings.Contains(s.Definition.Source+s.Definition.Resolution, want) {
			t.Errorf("definition lacks %q: %+v", want, s.Definition)
		}
	}
	if !strings.Contains(s.Definition.Satisfaction, "基本满意") || !strings.Contains(s.Definition.Satisfaction, "unsourced") {
		t.Errorf("counting 基本满意 is not labelled: %q", s.Definition.Satisfaction)
	}
	old := ticket.EqualThirds()
	old.RatedOnly = true
	o := a.Score(old)
	if o.Resolution.String() != "1/1 (100.00%)" || !o.RatedOnly || !strings.Contains(o.Explain(), "[rated-only rates]") ||
		!strings.Contains(o.Definition.Resolution, "old definition") {
		t.Errorf("old definition: %s %+v", o.Explain(), o.Definition)
	}
	// Before expiry the open ticket is not overdue; FactOf takes the fact
	// as of the last event.
	if f := ticket.FactAt(left, at("2025-03-05 09:00")); f.Overdue {
		t.Error("overdue before expiry")
	}
	if f := ticket.FactOf(left); f.Overdue {
		t.Error("FactOf: overdue as of the last event")
	}
}

func TestServiceCallbacksDue(t *testing.T) {
	ctx := context.Background()
	now := at("2025-04-07 09:00")
	svc, _ := newService(t, &now)
	for _, id := range []ticket.ID{"a", "b", "c"} {
		if _, _, err := svc.Intake(ctx, ticket.Intake{ID: id, Channel: ticket.Hotline, Kind: ticket.Help,
			Category: "housing.hallway", Location: "b1", Text: "boxes"}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.Dispatch(ctx, id, hotline); err != nil {
			t.Fatal(err)
		}
	}
	steward := ticket.Actor{ID: "p-zhao", Role: ticket.UnitRole, Unit: "building:b1"}
	now = now.Add(time.Hour)
	for _, e := range []ticket.Event{{Kind: ticket.EvAccept, Actor: steward}, {Kind: ticket.EvStart, Actor: steward},
		{Kind: ticket.EvResolve, Actor: steward, Note: "moved"}} {
		if _, err := svc.Act(ctx, "a", e); err != nil {
			t.Fatal(err)
		}
	}
	got, err := svc.CallbacksDue(ctx, time.Time{})
	if err != nil || len(got) != 1 || got[0].Ticket != "a" || !got[0].Resolved {
		t.Fatalf("callbacks due now: %v %+v", err, got)
	}
	// Ordinary rule: 7 natural days. After that b and c are due unresolved.
	now = at("2025-04-15 09:00")
	got, _ = svc.CallbacksDue(ctx, time.Time{})
	if len(got) != 3 || got[1].Ticket != "b" || got[1].Resolved || got[2].Ticket != "c" {
		t.Fatalf("callbacks due after expiry: %+v", got)
	}
	if _, err := svc.Act(ctx, "b", ticket.Event{Kind: ticket.EvCallback, Actor: hotline,
		Rating: &ticket.Rating{Solved: false, Satisfaction: ticket.Dissatisfied}}); err != nil {
		t.Fatalf("callback at expiry through the service: %v", err)
	}
	cards, err := svc.Scorecards(ctx, ticket.Filter{}, ticket.EqualThirds())
	if err != nil {
		t.Fatal(err)
	}
	// a: resolved, not yet rated (not in the base); b: rated unsolved; c: overdue unrated.
	if r := cards["building:b1"].Resolution.String(); r != "0/2 (0.00%)" {
		t.Errorf("resolution %s, want 0/2", r)
	}
}
