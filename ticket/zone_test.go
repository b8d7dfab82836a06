package ticket_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/ticket"
)

// ticketScenario runs a ticket through dispatch, a pause, a resume and
// resolution at the given instants with the service's clock in zone loc,
// and returns every outcome as text (instants in Beijing time).
func ticketScenario(cfg ticket.Config, loc *time.Location, steps []time.Time) []string {
	ctx := context.Background()
	var now time.Time
	st := ticket.NewMemStore()
	svc := ticket.NewService(st, &ticket.Options{Now: func() time.Time { return now.In(loc) }, Config: cfg})
	c1 := member(community)
	var log []string
	record := func(what string, tk ticket.Ticket, err error) {
		line := fmt.Sprintf("%s: %v", what, err)
		for _, c := range tk.Clocks {
			line += fmt.Sprintf(" %s due %s spent %v %s provisional=%v", c.Kind, c.Due.In(shanghai).Format(time.DateTime), c.Spent,
				c.Phase(now), c.Provisional != nil)
		}
		log = append(log, line)
	}
	now = steps[0]
	tk, _, err := svc.Intake(ctx, intake("z", time.Time{}))
	record("intake", tk, err)
	for i, e := range []ticket.Event{
		{Kind: ticket.EvDispatch, Actor: hotline, Unit: community},
		{Kind: ticket.EvAccept, Actor: c1},
		{Kind: ticket.EvStart, Actor: c1},
		{Kind: ticket.EvPause, Actor: c1, Note: "waiting", Reason: "awaiting_requester", Limit: wd(2)},
		{Kind: ticket.EvResume, Actor: c1},
		{Kind: ticket.EvResolve, Actor: c1, Note: "fixed"},
	} {
		now = steps[i+1]
		tk, err = svc.Act(ctx, "z", e)
		record(string(e.Kind), tk, err)
	}
	st2 := ticket.StatusAt(tk, now)
	log = append(log, st2.Explain())
	return log
}

// Issue 13 item 4: the ticket suite gives identical outcomes with the
// service's clock in UTC, Asia/Shanghai and America/New_York, for instants
// drawn around Beijing midnights, across a provisional year.
func TestTicketZoneInvariance(t *testing.T) {
	zones := []*time.Location{time.UTC, shanghai, must(time.LoadLocation("America/New_York"))}
	cfg := rebaseCfg(t, calendar.China())
	rapid.Check(t, func(rt *rapid.T) {
		at := time.Date(2027, 12, 20, 0, 0, 0, 0, shanghai)
		steps := []time.Time{at}
		for i := range 6 {
			at = at.Add(time.Duration(rapid.IntRange(0, 5*24*60).Draw(rt, fmt.Sprint("gap", i))) * time.Minute)
			steps = append(steps, at)
		}
		want := ticketScenario(cfg, zones[1], steps)
		for _, loc := range []*time.Location{zones[0], zones[2]} {
			if got := ticketScenario(cfg, loc, steps); !slices.Equal(got, want) {
				rt.Fatalf("clock in %s:\n%v\nclock in Asia/Shanghai:\n%v", loc, got, want)
			}
		}
	})
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
