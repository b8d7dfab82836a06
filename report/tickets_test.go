package report_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/report"
	"github.com/gongzhi/gongzhi/ticket"
)

var shanghai = time.FixedZone("CST", 8*3600)

// ticketFixture builds a small subdistrict (two communities, two grids
// each, two buildings per grid) and replays synthetic tickets drawn with a
// fixed seed: 120 hotline tickets in 2023; in 2024, as building codes take
// over, 48 hotline and 100 scan-code tickets, the last few still open at
// the dashboard's instant.
func ticketFixture(t testing.TB) ([]ticket.Ticket, *grid.View, time.Time) {
	t.Helper()
	start := time.Date(2022, 1, 1, 0, 0, 0, 0, shanghai)
	tree, err := grid.NewTree(grid.DefaultHierarchy())
	if err != nil {
		t.Fatal(err)
	}
	ch := []grid.Change{
		grid.Create("bj", "", grid.LevelCity, "", "北京市"),
		grid.Create("dx", "bj", grid.LevelDistrict, "", "大兴区"),
		grid.Create("tgy", "dx", grid.LevelSubdistrict, "", "天宫院街道"),
	}
	var doors []grid.ID
	for c := 1; c <= 2; c++ {
		cid := grid.ID(fmt.Sprintf("c%d", c))
		ch = append(ch, grid.Create(cid, "tgy", grid.LevelCommunity, "", []string{"", "中里社区", "西里社区"}[c]))
		for g := 1; g <= 2; g++ {
			gid := grid.ID(fmt.Sprintf("%s-g%d", cid, g))
			ch = append(ch, grid.Create(gid, cid, grid.LevelGrid, "", fmt.Sprintf("第%d网格", g)))
			for b := 1; b <= 2; b++ {
				bid := grid.ID(fmt.Sprintf("%s-b%d", gid, b))
				ch = append(ch, grid.Create(bid, gid, grid.LevelBuilding, "", fmt.Sprintf("%d号楼", b)))
				doors = append(doors, bid)
			}
		}
	}
	if err := tree.Apply(grid.Batch{ID: "init", At: start, Reason: "grid", Changes: ch}); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2024, 12, 31, 12, 0, 0, 0, shanghai)
	view, err := tree.View(context.Background(), at)
	if err != nil {
		t.Fatal(err)
	}
	cats, err := ticket.NewCategories(ticket.CommunityCategories())
	if err != nil {
		t.Fatal(err)
	}
	rtc := calendar.RoundTheClock()
	cfg := ticket.Config{Categories: cats, Policy: ticket.BeijingIllustrative(), Calendars: ticket.Calendars{Working: rtc, RoundTheClock: rtc}}
	rng := rand.New(rand.NewPCG(16, 2024))
	hotline := ticket.Actor{ID: "12345", Role: ticket.HotlineRole}
	var out []ticket.Ticket
	open := func(id string, chn ticket.Channel, when time.Time, finish bool) {
		door := doors[rng.IntN(len(doors))]
		tk, err := ticket.NewTicket(cfg, ticket.Intake{ID: ticket.ID(id), Channel: chn, Kind: ticket.Complaint, Category: "housing.property",
			Location: door, Contact: ticket.Contact{Name: "居民", Phone: "13900000000"}, Text: "request", At: when, By: hotline})
		if err != nil {
			t.Fatal(err)
		}
		unit := ticket.Unit{ID: ticket.UnitID(door[:2]), Level: ticket.CommunityLevel}
		if rng.IntN(3) == 0 {
			unit = ticket.Unit{ID: ticket.UnitID(door), Level: ticket.BuildingLevel}
		}
		staff := ticket.Actor{ID: "staff", Role: ticket.UnitRole, Unit: unit.ID}
		now := when.Add(time.Duration(5+rng.IntN(50)) * time.Minute)
		events := []ticket.Event{{Kind: ticket.EvDispatch, At: now, Actor: hotline, Unit: unit}}
		now = now.Add(time.Duration(rng.IntN(40*60)) * time.Minute)
		events = append(events, ticket.Event{Kind: ticket.EvAccept, At: now, Actor: staff}, ticket.Event{Kind: ticket.EvContact, At: now.Add(time.Minute), Actor: staff})
		if finish {
			now = now.Add(time.Duration(1+rng.IntN(100)) * time.Hour)
			r := rng.IntN(100)
			rating := ticket.Rating{Solved: r < 92, Satisfaction: ticket.Satisfied}
			switch {
			case r >= 95:
				rating.Satisfaction = ticket.Dissatisfied
			case r >= 84:
				rating.Satisfaction = ticket.BasicSatisfied
			}
			events = append(events, ticket.Event{Kind: ticket.EvResolve, At: now, Actor: staff, Note: "handled"},
				ticket.Event{Kind: ticket.EvCallback, At: now.Add(24 * time.Hour), Actor: hotline, Rating: &rating},
				ticket.Event{Kind: ticket.EvClose, At: now.Add(25 * time.Hour), Actor: hotline})
		}
		for _, e := range events {
			if tk, err = ticket.Apply(cfg, tk, e); err != nil {
				t.Fatalf("%s: %v", id, err)
			}
		}
		out = append(out, tk)
	}
	day := func(year, i, n int) time.Time {
		return time.Date(year, 1, 1, 8, 0, 0, 0, shanghai).Add(time.Duration(i*360*24/n) * time.Hour).Add(time.Duration(rng.IntN(600)) * time.Minute)
	}
	for i := range 120 {
		open(fmt.Sprintf("h23-%03d", i), ticket.Hotline, day(2023, i, 120), true)
	}
	for i := range 48 {
		open(fmt.Sprintf("h24-%03d", i), ticket.Hotline, day(2024, i, 48), true)
	}
	for i := range 100 {
		open(fmt.Sprintf("s24-%03d", i), ticket.ScanCode, day(2024, i, 100), i < 94)
	}
	// Three recent scans, still open: one fresh, two past their limits.
	for i, back := range []time.Duration{2 * time.Hour, 6 * 24 * time.Hour, 20 * 24 * time.Hour} {
		open(fmt.Sprintf("s24-open-%d", i), ticket.ScanCode, at.Add(-back), false)
	}
	return out, view, at
}

func ticketsPage(t *testing.T, lang report.Lang) []byte {
	ts, view, at := ticketFixture(t)
	b, err := report.TicketsPage(ts, report.TicketOptions{Lang: lang, Title: "天宫院街道 一楼一码 接诉即办看板", At: at, View: view,
		Weights: ticket.Jungar(), Trend: ticket.Yearly, Location: shanghai})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestTicketsPage(t *testing.T) {
	s := string(ticketsPage(t, report.Chinese))
	for _, want := range []string{"12345热线诉求量：2023 120 件 → 2024 48 件（-60.00 %）", "各社区三率", "中里社区", "中里社区 第1网格", "超时", "响应率", "<svg"} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %q", want)
		}
	}
	golden(t, "tickets.html", []byte(s))
	if _, err := report.TicketsPage(nil, report.TicketOptions{}); err == nil {
		t.Error("a dashboard without an instant was accepted")
	}
}
