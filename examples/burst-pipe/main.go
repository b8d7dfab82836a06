// Command burst-pipe replays the night of 2022-08-14 in 蒲黄榆社区 (Fengtai
// district, Beijing), as the community's report tells it: at 20:30 张女士
// of 蒲黄榆五巷5号楼 reports in the grid's group chat that the kitchen pipe of
// her ground-floor flat has burst; 网格员杨健 and 支部书记平建设 go to the
// building and shut the valve, then report; 社区党委书记崔海燕 gets a repair
// crew through the 街道办事处 (subdistrict office); the 40 households of the
// building are told their water is off; water is back at 02:00.
//
// The ticket carries the contact, the dispatch, the progress updates and
// the close, under the round-the-clock utilities rule (北京市接诉即办工作条例
// art. 19). The report gives the people, the place, the day, 20:30, the 40
// households and 02:00; every other time, the phone number and the
// callback are illustrative and printed as such.
package main

import (
	"context"
	"errors"
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

// illustrative marks a figure the report does not give.
const illustrative = " (illustrative)"

func run(stores *storage.Stores) error {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		return err
	}
	day := func(hhmm string, plusDays int) time.Time {
		t, _ := time.ParseInLocation("2006-01-02 15:04", "2022-08-14 "+hhmm, loc)
		return t.AddDate(0, 0, plusDays)
	}
	cats, err := ticket.NewCategories(ticket.CommunityCategories())
	if err != nil {
		return err
	}
	// The bundled holiday notices start in 2025; the utilities rule runs
	// round the clock, so a 2022 night needs no working-day calendar.
	rtc := calendar.RoundTheClock()
	now := day("20:30", 0)
	store := stores.Ticket()
	svc := ticket.NewService(store, &ticket.Options{
		Now: func() time.Time { return now },
		Config: ticket.Config{Categories: cats, Policy: ticket.BeijingIllustrative(),
			Calendars: ticket.Calendars{Working: rtc, RoundTheClock: rtc}},
		Notify: func(_ context.Context, t ticket.Ticket, e ticket.Event) { notified(e) },
	})
	ctx := context.Background()

	var (
		community = ticket.Unit{ID: "community:puhuangyu", Level: ticket.CommunityLevel, Node: "puhuangyu", Name: "蒲黄榆社区"}
		cui       = ticket.Actor{ID: "cui-haiyan", Role: ticket.HotlineRole} // 社区党委书记崔海燕, dispatching
		yang      = ticket.Actor{ID: "yang-jian", Role: ticket.UnitRole, Unit: community.ID}
		crew      = ticket.Unit{ID: "repair-crew", Level: ticket.DepartmentLevel, Name: "抢修队 (via 街道办事处)"}
		crewLead  = ticket.Actor{ID: "repair-crew-lead", Role: ticket.UnitRole, Unit: crew.ID}
	)
	fmt.Println("蒲黄榆社区, Fengtai, night of 2022-08-14")
	fmt.Println("20:30 张女士 reports in the grid's group chat: the kitchen pipe of her ground-floor flat has burst")
	// With -db FILE, a run finds the ticket an earlier one stored and
	// continues from its history.
	tk, err := store.Ticket(ctx, "chat-20220814-2030")
	switch {
	case err == nil:
		stores.ReadBack("ticket", 1)
	case errors.Is(err, ticket.ErrNotFound):
		tk, _, err = svc.Intake(ctx, ticket.Intake{ID: "chat-20220814-2030", Channel: ticket.GroupChat, Kind: ticket.Help,
			Category: "utilities.water", Urgency: ticket.Utilities, Location: "puhuangyu-5xiang-5",
			Contact: ticket.Contact{Name: "张女士", Phone: "13900000000", Address: "蒲黄榆五巷5号楼一层"},
			Text:    "厨房水管爆裂 (the kitchen pipe burst)",
			By:      ticket.Actor{ID: "resident-zhang", Role: ticket.ResidentRole}})
	}
	if err != nil {
		return err
	}
	fmt.Printf("      ticket %s, rule %q: response %s, resolution %s, round the clock %v\n",
		tk.ID, tk.SLA.Name, tk.SLA.Response, tk.SLA.Resolution, tk.SLA.RoundTheClock)
	fmt.Println("      contact phone" + illustrative)

	steps := []struct {
		at       string
		days     int
		reported bool // the time is the report's
		say      string
		e        ticket.Event
	}{
		{"20:50", 0, false, "网格员杨健 and 支部书记平建设 shut the valve at the building, then report", ticket.Event{Kind: ticket.EvDispatch, Actor: cui, Unit: community}},
		{"20:51", 0, false, "杨健 takes the ticket for the community", ticket.Event{Kind: ticket.EvAccept, Actor: yang}},
		{"20:52", 0, false, "杨健 calls 张女士 back", ticket.Event{Kind: ticket.EvContact, Actor: yang}},
		{"20:55", 0, false, "the 40 households of the building are told their water is off", ticket.Event{Kind: ticket.EvProgress, Actor: yang,
			Note: "valve shut by 杨健 and 平建设; 40 households notified"}},
		{"21:05", 0, false, "社区党委书记崔海燕 gets a repair crew through the 街道办事处 (co-unit, report within 6 hours)", ticket.Event{Kind: ticket.EvAddCoUnit, Actor: yang,
			Unit: crew, Limit: calendar.Period{N: 6, Unit: calendar.Hours}}},
		{"22:00", 0, false, "repair crew on site", ticket.Event{Kind: ticket.EvProgress, Actor: crewLead, Note: "crew on site, replacing the pipe"}},
		{"02:00", 1, true, "water is back", ticket.Event{Kind: ticket.EvReport, Actor: crewLead, Note: "pipe replaced, water restored"}},
		{"02:05", 1, false, "the community marks it resolved", ticket.Event{Kind: ticket.EvResolve, Actor: yang, Note: "water restored to the 40 households at 02:00"}},
		{"09:30", 1, false, "callback: 张女士 rates it", ticket.Event{Kind: ticket.EvCallback, Actor: cui,
			Rating: &ticket.Rating{Solved: true, Satisfaction: ticket.Satisfied}}},
		{"09:31", 1, false, "ticket closed", ticket.Event{Kind: ticket.EvClose, Actor: cui}},
	}
	for _, s := range steps {
		now = day(s.at, s.days)
		label := ""
		if !s.reported {
			label = " (time illustrative)"
		}
		fmt.Printf("%s %s%s\n", s.at, s.say, label)
		if e, ok := recorded(tk, s.e.Kind, now); ok {
			// With -db: a step an earlier run stored, told from the
			// ticket's history.
			notified(e)
		} else if tk, err = svc.Act(ctx, tk.ID, s.e); err != nil {
			return err
		}
		if s.at == "21:05" {
			fmt.Printf("      not reported yet: %v\n", ticket.StatusAt(tk, now).NotReported)
		}
	}

	fmt.Println()
	fmt.Print(ticket.StatusAt(tk, now).Explain())
	pub := tk.View(ticket.ObserverRole)
	fmt.Printf("public view of the contact: %s %s\n", pub.Contact.Name, pub.Contact.Phone)
	res, _ := tk.Clock(ticket.ResolutionClock)
	el, err := res.Elapsed(ticket.Calendars{RoundTheClock: rtc}, now)
	if err != nil {
		return err
	}
	fmt.Printf("resolution took %s of a %s budget\n", el, res.Budget)
	var a ticket.Tally
	f := ticket.FactOf(tk)
	a.Add(&f)
	fmt.Println("rates of this one ticket (the rating is illustrative):")
	fmt.Println(a.Score(ticket.Jungar()).Explain())
	stores.PrintReadBack()
	return nil
}

// notified prints whom a stored event notified.
func notified(e ticket.Event) {
	if len(e.Notified) > 0 {
		fmt.Printf("        -> notify %v\n", e.Notified)
	}
}

// recorded returns the event of kind at time at in tk's history, if an
// earlier run stored it.
func recorded(tk ticket.Ticket, kind ticket.EventKind, at time.Time) (ticket.Event, bool) {
	for _, e := range tk.History {
		if e.Kind == kind && e.At.Equal(at) {
			return e, true
		}
	}
	return ticket.Event{}, false
}
