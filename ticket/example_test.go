package ticket_test

import (
	"context"
	"fmt"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/ticket"
)

func exampleConfig(p ticket.Policy) ticket.Config {
	cats, _ := ticket.NewCategories(ticket.CommunityCategories())
	return ticket.Config{Categories: cats, Policy: p,
		Calendars: ticket.Calendars{Working: calendar.China(), RoundTheClock: calendar.RoundTheClock()}}
}

func ExampleApply() {
	cfg := exampleConfig(ticket.Shandong())
	tk, _ := ticket.NewTicket(cfg, ticket.Intake{ID: "12345-0001", Channel: ticket.Hotline, Kind: ticket.Complaint,
		Category: "housing.property", Location: "b1", Text: "lift out of order",
		Contact: ticket.Contact{Name: "张三", Phone: "13812345678"}, At: at("2025-09-29 16:00")})
	op := ticket.Actor{ID: "op1", Role: ticket.HotlineRole}
	c1 := ticket.Actor{ID: "li", Role: ticket.UnitRole, Unit: "c1"}
	for _, e := range []ticket.Event{
		{Kind: ticket.EvDispatch, At: at("2025-09-29 16:05"), Actor: op, Unit: ticket.Unit{ID: "c1", Level: ticket.CommunityLevel}},
		{Kind: ticket.EvAccept, At: at("2025-09-29 16:30"), Actor: c1},
		{Kind: ticket.EvContact, At: at("2025-09-29 16:40"), Actor: c1},
	} {
		tk, _ = ticket.Apply(cfg, tk, e)
	}
	c, _ := tk.Clock(ticket.ResolutionClock)
	// 5 working days, the day of dispatch not counted: Sept 30, then the
	// National Day holiday (Oct 1-8, 2025) does not count, Oct 9, 10, the
	// make-up working Saturday Oct 11, and Monday Oct 13.
	fmt.Println(tk.State, "due", c.Due.Format("2006-01-02 15:04"))
	_, err := ticket.Apply(cfg, tk, ticket.Event{Kind: ticket.EvResolve, At: at("2025-09-30 10:00"),
		Actor: ticket.Actor{ID: "x", Role: ticket.UnitRole, Unit: "c2"}, Note: "done"})
	fmt.Println(err)
	// Output:
	// in_progress due 2025-10-13 17:30
	// ticket: 12345-0001: x (unit/c2) may not resolve: not the assigned unit c1
}

func ExampleNationalPetition() {
	cfg := exampleConfig(ticket.NationalPetition())
	tk, _ := ticket.NewTicket(cfg, ticket.Intake{ID: "p1", Channel: ticket.WalkIn, Kind: ticket.Complaint,
		Category: "other", Text: "petition", At: at("2025-01-20 10:00")})
	c, _ := tk.Clock(ticket.DispatchClock)
	// Route within 15 days; the last day falls in the Spring Festival
	// holiday, so the period ends on the next working day (Civil Code art. 203).
	fmt.Println(c.Limit, "ends", c.Due.Format("2006-01-02 15:04"))
	// Output: 15 days ends 2025-02-06 00:00
}

func ExampleBeijingIllustrative() {
	p := ticket.BeijingIllustrative()
	fmt.Println(p.Illustrative, p.Uncited())
	for _, field := range []string{"rules[0].first_contact", "rules[0].resolution", "rules[1].round_the_clock", "rules[3].resolution", "rules[3].response"} {
		c, _ := p.Cite(field)
		fmt.Printf("%-24s %s\n", field, c.Grade)
	}
	// Output:
	// true []
	// rules[0].first_contact   unverified
	// rules[0].resolution      illustrative
	// rules[1].round_the_clock verified
	// rules[3].resolution      unverified
	// rules[3].response        illustrative
}

func ExampleStatusAt() {
	cfg := exampleConfig(ticket.BeijingIllustrative())
	tk, _ := ticket.NewTicket(cfg, ticket.Intake{ID: "w1", Channel: ticket.GroupChat, Kind: ticket.Help,
		Category: "utilities.water", Urgency: ticket.Utilities, Location: "b4", Text: "no water", At: at("2025-01-04 20:30")})
	tk, _ = ticket.Apply(cfg, tk, ticket.Event{Kind: ticket.EvDispatch, At: at("2025-01-04 20:35"),
		Actor: ticket.Actor{ID: "op", Role: ticket.HotlineRole}, Unit: ticket.Unit{ID: "water", Level: ticket.DepartmentLevel}})
	for _, now := range []string{"2025-01-04 21:00", "2025-01-04 22:20", "2025-01-04 22:40"} {
		fmt.Print(ticket.StatusAt(tk, at(now)).Explain())
	}
	// Output:
	// ticket w1 (dispatched) at 2025-01-04 21:00
	//   response               on_track, due 2025-01-04 22:35
	//   resolution             on_track, due 2025-01-05 20:35
	// ticket w1 (dispatched) at 2025-01-04 22:20
	//   response               warning, due 2025-01-04 22:35
	//   resolution             on_track, due 2025-01-05 20:35
	// ticket w1 (dispatched) at 2025-01-04 22:40
	//   response               breached, due 2025-01-04 22:35
	//   resolution             on_track, due 2025-01-05 20:35
}

func ExampleSmallMattersInBuilding() {
	tree := smallGrid()
	cats, _ := ticket.NewCategories(ticket.CommunityCategories())
	r := ticket.SmallMattersInBuilding()
	for _, cat := range []ticket.CategoryID{"housing.hallway", "housing.elevator", "services.elderly"} {
		d, _ := r.Route(cats, tree.At(gridStart.Add(time.Hour)), ticket.Ticket{Kind: ticket.Complaint, Category: cat, Location: "b1"})
		fmt.Println(cat, "->", d.Unit.ID)
	}
	// Output:
	// housing.hallway -> building:b1
	// housing.elevator -> community:c1
	// services.elderly -> grid:g1
}

func ExampleTally_Score() {
	var a ticket.Tally
	add := func(n int, f ticket.Fact) {
		for range n {
			a.Add(&f)
		}
	}
	add(90, ticket.Fact{Dispatched: true, Responded: true, Resolved: true, ResolvedLevel: ticket.BuildingLevel,
		Rated: true, Solved: true, Satisfaction: ticket.Satisfied})
	add(6, ticket.Fact{Dispatched: true, Responded: true, Resolved: true, ResolvedLevel: ticket.CommunityLevel,
		Rated: true, Solved: true, Satisfaction: ticket.BasicSatisfied})
	add(4, ticket.Fact{Dispatched: true, Resolved: true, ResolvedLevel: ticket.CommunityLevel,
		Rated: true, Satisfaction: ticket.Dissatisfied})
	s := a.Score(ticket.Jungar())
	fmt.Println(s.Explain())
	fmt.Println(s.Exact)
	// Output:
	// tickets 100; response 96/100 (96.00%); resolution 96/100 (96.00%); satisfaction 96/100 (96.00%); composite 96.00 (jungar-30-35-35); building 90/100 (90.00%); community 10/100 (10.00%)
	// 24/25
}

func ExampleService() {
	ctx := context.Background()
	now := at("2025-04-07 09:00")
	cats, _ := ticket.NewCategories(ticket.CommunityCategories())
	routing := ticket.SmallMattersInBuilding()
	svc := ticket.NewService(ticket.NewMemStore(), &ticket.Options{
		Now:     func() time.Time { return now },
		Config:  ticket.Config{Categories: cats, Policy: ticket.BeijingIllustrative(), Calendars: ticket.Calendars{Working: calendar.China()}},
		Routing: &routing,
		Places:  smallGrid(),
		Notify: func(_ context.Context, t ticket.Ticket, e ticket.Event) {
			fmt.Println("notify", e.Notified, "of", e.Kind)
		},
	})
	in := ticket.Intake{ID: "chat-7", Channel: ticket.GroupChat, Kind: ticket.Complaint, Category: "housing.hallway",
		Location: "b2", Text: "boxes in the stairwell"}
	svc.Intake(ctx, in)
	_, created, _ := svc.Intake(ctx, in) // retried by the chat bot
	fmt.Println("created again:", created)
	tk, d, _ := svc.Dispatch(ctx, "chat-7", ticket.Actor{ID: "op", Role: ticket.HotlineRole})
	fmt.Println(d.Name, "->", tk.Lead.ID)
	// Output:
	// created again: false
	// notify [unit] of dispatch
	// hallway in the building -> building:b2
}
