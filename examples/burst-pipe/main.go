// Command burst-pipe replays the Fengtai 蒲黄榆社区 report of 2022-08-14: a pipe
// bursts at night. A resident reports it in the grid's group chat at
// 20:30; the grid worker shuts the main valve (40 households lose water);
// the community secretary dispatches a repair crew; updates are posted;
// service is restored at 02:00. The ticket carries the contact, the
// dispatch, the progress updates and the close, under the round-the-clock
// utilities rule (北京市接诉即办工作条例 art. 19).
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/examples/internal/storage"
	"github.com/gongzhi/gongzhi/ticket"
)

func main() {
	stores := storage.Open(context.Background()) // -db FILE.sqlite keeps the records in a file
	defer stores.Close()
	if err := run(stores); err != nil {
		fmt.Fprintln(os.Stderr, "burst-pipe:", err)
		os.Exit(1)
	}
}

func run(stores *storage.Stores) error {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		return err
	}
	day := func(hhmm string, plusDays int) time.Time {
		t, _ := time.ParseInLocation("2006-01-02 15:04", "2025-01-14 "+hhmm, loc)
		return t.AddDate(0, 0, plusDays)
	}
	cats, err := ticket.NewCategories(ticket.CommunityCategories())
	if err != nil {
		return err
	}
	now := day("20:30", 0)
	svc := ticket.NewService(stores.Ticket(), &ticket.Options{
		Now: func() time.Time { return now },
		Config: ticket.Config{Categories: cats, Policy: ticket.BeijingIllustrative(),
			Calendars: ticket.Calendars{Working: calendar.China(), RoundTheClock: calendar.RoundTheClock()}},
		Notify: func(_ context.Context, t ticket.Ticket, e ticket.Event) {
			fmt.Printf("        -> notify %v\n", e.Notified)
		},
	})
	ctx := context.Background()

	var (
		dispatcher = ticket.Actor{ID: "secretary-li", Role: ticket.HotlineRole} // community secretary dispatching
		community  = ticket.Unit{ID: "community:c1", Level: ticket.CommunityLevel, Node: "c1", Name: "社区甲"}
		worker     = ticket.Actor{ID: "grid-worker-wang", Role: ticket.UnitRole, Unit: community.ID}
		crew       = ticket.Unit{ID: "repair-crew", Level: ticket.DepartmentLevel, Name: "供水抢修队"}
		crewLead   = ticket.Actor{ID: "crew-zhao", Role: ticket.UnitRole, Unit: crew.ID}
	)

	fmt.Println("20:30 resident reports in the grid's group chat")
	tk, _, err := svc.Intake(ctx, ticket.Intake{ID: "chat-20250114-2030", Channel: ticket.GroupChat, Kind: ticket.Help,
		Category: "utilities.water", Urgency: ticket.Utilities, Location: "b3",
		Contact: ticket.Contact{Name: "陈阿姨", Phone: "13911112222", Address: "3号楼2单元"},
		Text:    "water pouring from a burst pipe in the basement of building 3",
		By:      ticket.Actor{ID: "resident-chen", Role: ticket.ResidentRole}})
	if err != nil {
		return err
	}
	fmt.Printf("      ticket %s, rule %q: response %s, resolution %s, round the clock %v\n",
		tk.ID, tk.SLA.Name, tk.SLA.Response, tk.SLA.Resolution, tk.SLA.RoundTheClock)

	steps := []struct {
		at   string
		days int
		say  string
		e    ticket.Event
	}{
		{"20:33", 0, "community secretary dispatches the community", ticket.Event{Kind: ticket.EvDispatch, Actor: dispatcher, Unit: community}},
		{"20:35", 0, "grid worker accepts", ticket.Event{Kind: ticket.EvAccept, Actor: worker}},
		{"20:36", 0, "grid worker calls the resident back", ticket.Event{Kind: ticket.EvContact, Actor: worker}},
		{"20:45", 0, "grid worker shuts the main valve", ticket.Event{Kind: ticket.EvProgress, Actor: worker,
			Note: "main valve shut; 40 households without water"}},
		{"20:50", 0, "secretary brings in the repair crew (co-unit, report within 6 hours)", ticket.Event{Kind: ticket.EvAddCoUnit, Actor: worker,
			Unit: crew, Limit: calendar.Period{N: 6, Unit: calendar.Hours}}},
		{"21:40", 0, "repair crew on site", ticket.Event{Kind: ticket.EvProgress, Actor: crewLead, Note: "crew on site, excavating"}},
		{"23:30", 0, "update posted to the group", ticket.Event{Kind: ticket.EvProgress, Actor: worker, Note: "new pipe section being fitted; water expected around 02:00"}},
		{"02:00", 1, "repair crew reports: water restored", ticket.Event{Kind: ticket.EvReport, Actor: crewLead, Note: "pipe replaced, pressure tested, water restored"}},
		{"02:05", 1, "community marks it resolved", ticket.Event{Kind: ticket.EvResolve, Actor: worker, Note: "water restored to all 40 households at 02:00"}},
		{"09:30", 1, "callback: the resident rates it", ticket.Event{Kind: ticket.EvCallback, Actor: dispatcher,
			Rating: &ticket.Rating{Solved: true, Satisfaction: ticket.Satisfied, Comment: "thank you for the night shift"}}},
		{"09:31", 1, "ticket closed", ticket.Event{Kind: ticket.EvClose, Actor: dispatcher}},
	}
	for _, s := range steps {
		now = day(s.at, s.days)
		fmt.Printf("%s %s\n", s.at, s.say)
		if tk, err = svc.Act(ctx, tk.ID, s.e); err != nil {
			return err
		}
		if s.at == "20:50" {
			st := ticket.StatusAt(tk, now)
			fmt.Printf("      not reported yet: %v\n", st.NotReported)
		}
	}

	fmt.Println()
	fmt.Print(ticket.StatusAt(tk, now).Explain())
	pub := tk.View(ticket.ObserverRole)
	fmt.Printf("public view of the contact: %s %s\n", pub.Contact.Name, pub.Contact.Phone)
	res, _ := tk.Clock(ticket.ResolutionClock)
	el, err := res.Elapsed(ticket.Calendars{RoundTheClock: calendar.RoundTheClock()}, now)
	if err != nil {
		return err
	}
	fmt.Printf("resolution took %s of a %s budget\n", el, res.Budget)
	var a ticket.Tally
	f := ticket.FactOf(tk)
	a.Add(&f)
	fmt.Println(a.Score(ticket.Jungar()).Explain())
	return nil
}
