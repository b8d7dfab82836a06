package ticket_test

import (
	"context"
	"fmt"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/ticket"
)

// A pause needs a reason from the rule's list and a length; a long one
// waits for the hotline's approval, and it ends by itself.
func ExamplePauseRule() {
	cfg := exampleConfig(ticket.BeijingIllustrative()) // ordinary rule: pauses up to 5 working days, over 2 approved
	op := ticket.Actor{ID: "op1", Role: ticket.HotlineRole}
	c1 := ticket.Actor{ID: "li", Role: ticket.UnitRole, Unit: "c1"}
	tk, _ := ticket.NewTicket(cfg, ticket.Intake{ID: "p-1", Channel: ticket.Hotline, Kind: ticket.Complaint,
		Category: "housing.property", Text: "damp wall", At: at("2025-03-03 09:00")})
	for _, e := range []ticket.Event{
		{Kind: ticket.EvDispatch, At: at("2025-03-03 09:05"), Actor: op, Unit: ticket.Unit{ID: "c1", Level: ticket.CommunityLevel}},
		{Kind: ticket.EvAccept, At: at("2025-03-03 09:30"), Actor: c1},
		{Kind: ticket.EvStart, At: at("2025-03-03 09:30"), Actor: c1},
		{Kind: ticket.EvPause, At: at("2025-03-04 10:00"), Actor: c1, Reason: "third_party_inspection",
			Limit: calendar.Period{N: 4, Unit: calendar.WorkingDays}, Note: "moisture survey booked"},
	} {
		tk, _ = ticket.Apply(cfg, tk, e)
	}
	fmt.Println(tk.State, "pending approval:", tk.PendingPause != nil)
	tk, _ = ticket.Apply(cfg, tk, ticket.Event{Kind: ticket.EvDecidePause, At: at("2025-03-04 11:00"), Actor: op, Approve: true})
	_, err := ticket.Apply(cfg, tk, ticket.Event{Kind: ticket.EvResume, At: at("2025-03-05 09:00"),
		Actor: ticket.Actor{ID: "res", Role: ticket.ResidentRole}})
	fmt.Println(err)
	fmt.Print(ticket.StatusAt(tk, at("2025-03-12 09:00")).Explain())
	// Output:
	// in_progress pending approval: true
	// ticket: p-1: res (resident/) may not resume: role unit required
	// ticket p-1 (paused) at 2025-03-12 09:00
	//   response               met, due 2025-03-04 17:30
	//   resolution             on_track, due 2025-03-17 06:30
	//   pause 1: third_party_inspection (4 working days, approved) from 2025-03-04 11:00 to 2025-03-10 17:30: moisture survey booked
}

// The hotline calls back when the limit expires, whether or not the unit
// reported the ticket resolved (art. 23); the rates then count it.
func ExampleTicket_CallbackDue() {
	cfg := exampleConfig(ticket.Shandong())
	op := ticket.Actor{ID: "op1", Role: ticket.HotlineRole}
	tk, _ := ticket.NewTicket(cfg, ticket.Intake{ID: "cb-1", Channel: ticket.Hotline, Kind: ticket.Complaint,
		Category: "housing.property", Text: "lift out of order", At: at("2025-03-03 09:00")})
	tk, _ = ticket.Apply(cfg, tk, ticket.Event{Kind: ticket.EvDispatch, At: at("2025-03-03 09:05"), Actor: op,
		Unit: ticket.Unit{ID: "c1", Level: ticket.CommunityLevel}})
	due, _ := tk.CallbackDue()
	fmt.Println("callback due", due.Format("2006-01-02 15:04"))
	f := ticket.FactAt(tk, due)
	var a ticket.Tally
	a.Add(&f)
	fmt.Println("overdue, never called back:", a.Overdue, "resolution", a.Score(ticket.EqualThirds()).Resolution)
	tk, _ = ticket.Apply(cfg, tk, ticket.Event{Kind: ticket.EvCallback, At: due, Actor: op,
		Rating: &ticket.Rating{Solved: false, Satisfaction: ticket.Dissatisfied}})
	fmt.Println(tk.State)
	// Output:
	// callback due 2025-03-10 17:30
	// overdue, never called back: 1 resolution 0/1 (0.00%)
	// called_back
}

// History from another system enters through Service.Import, which checks
// each event against the service's clock and the order of events; live
// events are stamped by the service.
func ExampleService_Import() {
	ctx := context.Background()
	now := at("2025-03-10 09:00")
	svc := ticket.NewService(ticket.NewMemStore(), &ticket.Options{Now: func() time.Time { return now },
		Config: exampleConfig(ticket.Shandong())})
	op := ticket.Actor{ID: "op1", Role: ticket.HotlineRole}
	rec := ticket.Record{
		Intake: ticket.Intake{ID: "old-1", Channel: ticket.Hotline, Kind: ticket.Complaint, Category: "housing.property",
			Text: "lift out of order", At: at("2025-03-03 09:00"), By: op},
		Events: []ticket.Event{{Kind: ticket.EvDispatch, At: at("2025-03-03 09:05"), Actor: op,
			Unit: ticket.Unit{ID: "c1", Level: ticket.CommunityLevel}}},
	}
	ts, err := svc.Import(ctx, []ticket.Record{rec})
	fmt.Println(ts[0].State, err)
	_, err = svc.Act(ctx, "old-1", ticket.Event{Kind: ticket.EvAccept, At: at("2025-03-03 10:00"),
		Actor: ticket.Actor{ID: "li", Role: ticket.UnitRole, Unit: "c1"}})
	fmt.Println(err)
	// Output:
	// dispatched <nil>
	// ticket: invalid at: set by the service's clock; leave it zero (history enters through Service.Import)
}
