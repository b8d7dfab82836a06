// Command building-codes replays "one building, one code" (一楼一码, 您扫我办)
// in 天宫院中里社区 (天宫院街道, Daxing district, Beijing), a community of
// about 8,000 residents, as its report tells it: a signed QR code at every
// unit door opens a ticket that is routed inside the community ("small
// matters stay in the building, big ones in the community"), resolved,
// called back and rated; hotline tickets fall from 490 (2023) to 196
// (2024), 60% fewer, as scans take over. One scan is followed end to end:
// 张莹 scans the code, is called back, and the playground is renovated.
//
// The report gives the community, its size, the code at every unit door,
// 490 and 196, and 张莹's scan, call-back and playground. The buildings,
// the individual tickets (a PCG generator with the fixed seed below), the
// number of scans, every time and every rate are synthetic and printed as
// such. The official 2023-2024 holiday schedules are not bundled with the
// calendar package, so limits run on the round-the-clock calendar here;
// with a calendar extended by those years (calendar.Calendar.ExtendJSON)
// the same code counts working days exactly.
package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/examples/internal/storage"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/ticket"
)

const seed = 2024

func main() {
	stores := storage.Open(context.Background()) // -db FILE.sqlite keeps the records in a file
	defer stores.Close()
	if err := run(stores); err != nil {
		fmt.Fprintln(os.Stderr, "building-codes:", err)
		os.Exit(1)
	}
}

// buildGrid makes 天宫院中里社区 with four grids of three buildings and two
// unit doors each (the layout is illustrative).
func buildGrid(start time.Time) (*grid.Tree, []grid.ID, error) {
	tree, err := grid.NewTree(grid.DefaultHierarchy())
	if err != nil {
		return nil, nil, err
	}
	ch := []grid.Change{
		grid.Create("bj", "", grid.LevelCity, "", "北京市"),
		grid.Create("dx", "bj", grid.LevelDistrict, "", "大兴区"),
		grid.Create("tgy", "dx", grid.LevelSubdistrict, "", "天宫院街道"),
	}
	var doors []grid.ID
	for c := 1; c <= 1; c++ {
		cid := grid.ID("zhongli")
		ch = append(ch, grid.Create(cid, "tgy", grid.LevelCommunity, "", "天宫院中里社区"))
		for g := 1; g <= 4; g++ {
			gid := grid.ID(fmt.Sprintf("%s-g%d", cid, g))
			ch = append(ch, grid.Create(gid, cid, grid.LevelGrid, "", fmt.Sprintf("网格%d", g)))
			for b := 1; b <= 3; b++ {
				bid := grid.ID(fmt.Sprintf("%s-b%d", gid, b))
				ch = append(ch, grid.Create(bid, gid, grid.LevelBuilding, "", fmt.Sprintf("%d号楼", b)))
				for u := 1; u <= 2; u++ {
					uid := grid.ID(fmt.Sprintf("%s-u%d", bid, u))
					ch = append(ch, grid.Create(uid, bid, grid.LevelUnit, "", fmt.Sprintf("%d单元", u)))
					doors = append(doors, uid)
				}
			}
		}
	}
	err = tree.Apply(grid.Batch{ID: "init", At: start, Reason: "community grid", Changes: ch})
	return tree, doors, err
}

func run(stores *storage.Stores) error {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		return err
	}
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, loc)
	tree, doors, err := buildGrid(start.AddDate(-1, 0, 0))
	if err != nil {
		return err
	}
	keys := grid.Keyring{Keys: []grid.Key{{ID: "tgy-2024", District: "tgy", Secret: []byte("example-secret-not-for-production")}}}
	codes := map[grid.ID]string{}
	for _, d := range doors {
		if codes[d], err = keys.Sign(grid.Payload{KeyID: "tgy-2024", Node: d, Issued: start}); err != nil {
			return err
		}
	}
	cats, err := ticket.NewCategories(ticket.CommunityCategories())
	if err != nil {
		return err
	}
	routing := ticket.SmallMattersInBuilding()
	rtc := calendar.RoundTheClock()
	var now time.Time
	store := stores.Ticket()
	svc := ticket.NewService(store, &ticket.Options{
		Now:     func() time.Time { return now },
		Config:  ticket.Config{Categories: cats, Policy: ticket.BeijingIllustrative(), Calendars: ticket.Calendars{Working: rtc, RoundTheClock: rtc}},
		Routing: &routing,
		Places:  tree,
	})
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(seed, seed))
	hotline := ticket.Actor{ID: "12345", Role: ticket.HotlineRole}
	categories := []ticket.CategoryID{"housing.hallway", "housing.hallway", "order.noise", "environment.waste",
		"environment.dogs", "housing.property", "housing.elevator", "order.parking", "utilities.water", "services.elderly"}

	opened := map[ticket.ID]bool{}
	open := func(id string, ch ticket.Channel, at time.Time) error {
		now = at
		opened[ticket.ID(id)] = true
		door := doors[rng.IntN(len(doors))]
		in := ticket.Intake{ID: ticket.ID(id), Channel: ch, Kind: ticket.Complaint,
			Category: categories[rng.IntN(len(categories))], Location: door,
			Contact: ticket.Contact{Name: "居民", Phone: fmt.Sprintf("139%08d", rng.IntN(1e8))},
			Text:    "request", At: at}
		if ch == ticket.ScanCode {
			if in, err = ticket.ScanIntake(tree, keys, codes[door], in); err != nil {
				return err
			}
		}
		// With -db, a ticket an earlier run stored is read back and the
		// steps its history holds are skipped, but the random draws are
		// made all the same, so the tickets after it are the same as in
		// that run.
		tk, err := stored(ctx, stores, store, in.ID)
		if errors.Is(err, ticket.ErrNotFound) {
			tk, _, err = svc.Intake(ctx, in)
		}
		if err != nil {
			return err
		}
		act := func(e ticket.Event) error {
			if recorded(tk, e.Kind, now) {
				return nil
			}
			_, err := svc.Act(ctx, in.ID, e)
			return err
		}
		now = now.Add(time.Duration(5+rng.IntN(60)) * time.Minute)
		if !recorded(tk, ticket.EvDispatch, now) {
			if tk, _, err = svc.Dispatch(ctx, in.ID, hotline); err != nil {
				return err
			}
		}
		staff := ticket.Actor{ID: "staff", Role: ticket.UnitRole, Unit: tk.Lead.ID}
		// Building stewards live on the spot: they answer faster.
		hours := 50
		if tk.Lead.Level == ticket.BuildingLevel {
			hours = 36
		}
		now = now.Add(time.Duration(rng.IntN(hours*60)) * time.Minute)
		for _, e := range []ticket.Event{{Kind: ticket.EvAccept, Actor: staff}, {Kind: ticket.EvContact, Actor: staff}} {
			if err := act(e); err != nil {
				return err
			}
		}
		now = now.Add(time.Duration(1+rng.IntN(72)) * time.Hour)
		if err := act(ticket.Event{Kind: ticket.EvResolve, Actor: staff, Note: "handled"}); err != nil {
			return err
		}
		now = now.Add(24 * time.Hour)
		r := rng.IntN(100)
		rating := ticket.Rating{Solved: r < 93, Satisfaction: ticket.Satisfied}
		switch {
		case r >= 95:
			rating.Satisfaction = ticket.Dissatisfied
		case r >= 85:
			rating.Satisfaction = ticket.BasicSatisfied
		}
		if err := act(ticket.Event{Kind: ticket.EvCallback, Actor: hotline, Rating: &rating}); err != nil {
			return err
		}
		return act(ticket.Event{Kind: ticket.EvClose, Actor: hotline})
	}
	day := func(year, i, n int) time.Time {
		return time.Date(year, 1, 1, 8, 0, 0, 0, loc).Add(time.Duration(i*365*24/n) * time.Hour).Add(time.Duration(rng.IntN(600)) * time.Minute)
	}
	for i := range 490 {
		if err := open(fmt.Sprintf("h23-%03d", i), ticket.Hotline, day(2023, i, 490)); err != nil {
			return err
		}
	}
	for i := range 196 {
		if err := open(fmt.Sprintf("h24-%03d", i), ticket.Hotline, day(2024, i, 196)); err != nil {
			return err
		}
	}
	for i := range 420 {
		if err := open(fmt.Sprintf("s24-%03d", i), ticket.ScanCode, day(2024, i, 420)); err != nil {
			return err
		}
	}

	// The report counts the tickets replayed above, read from the store
	// (with -db, a file also holds 张莹's ticket from an earlier run).
	var all []ticket.Ticket
	for t, err := range store.Tickets(ctx, ticket.Filter{}) {
		if err != nil {
			return err
		}
		if opened[t.ID] {
			all = append(all, t)
		}
	}
	fmt.Println("天宫院中里社区 (天宫院街道, Daxing), about 8,000 residents; a code at every unit door")
	fmt.Println("volume by year and channel (hotline totals as reported; scans and tickets synthetic):")
	var h23, h24 int64
	for _, p := range ticket.Volume(ticket.Facts(all), ticket.Yearly, loc) {
		fmt.Printf("  %s %-9s %4d\n", p.Period, p.Channel, p.Count)
		if p.Channel == ticket.Hotline {
			if p.Period == "2023" {
				h23 = p.Count
			} else {
				h24 = p.Count
			}
		}
	}
	fmt.Println("hotline change 2023 -> 2024:", ticket.Change(h23, h24))

	fmt.Println("\nthree rates per grid, community and subdistrict, 2024 (synthetic; Jungar 30/35/35 weights):")
	var facts2024 []ticket.Fact
	for _, t := range all {
		if t.ReceivedAt.Year() == 2024 {
			facts2024 = append(facts2024, ticket.FactOf(t))
		}
	}
	seq := func(yield func(ticket.Fact) bool) {
		for _, f := range facts2024 {
			if !yield(f) {
				return
			}
		}
	}
	view := tree.At(time.Date(2024, 12, 31, 0, 0, 0, 0, loc))
	tallies, unplaced := ticket.RollUpView(seq, view)
	if unplaced.Tickets != 0 {
		return fmt.Errorf("%d tickets outside the grid", unplaced.Tickets)
	}
	for _, id := range []grid.ID{"zhongli-g1", "zhongli-g2", "zhongli-g3", "zhongli-g4", "zhongli", "tgy"} {
		i, _ := view.Index(id)
		fmt.Printf("  %-10s %s\n", id, tallies[i].Score(ticket.Jungar()).Explain())
	}

	// 张莹's scan, followed end to end (the date, the door and the wording
	// are illustrative).
	fmt.Println("\n张莹's scan, one traced ticket (times, door and wording illustrative):")
	now = time.Date(2024, 6, 3, 18, 20, 0, 0, loc)
	door := doors[5]
	in, err := ticket.ScanIntake(tree, keys, codes[door], ticket.Intake{ID: "zhang-ying-2024", Kind: ticket.Suggestion,
		Category: "housing.property", Contact: ticket.Contact{Name: "张莹", Phone: "13800000000"},
		Text: "小区游乐场设施老旧，孩子们没地方玩 (the playground is worn out)", At: now})
	if err != nil {
		return err
	}
	in.At = time.Time{}
	zy, err := stored(ctx, stores, store, in.ID)
	if errors.Is(err, ticket.ErrNotFound) {
		zy, _, err = svc.Intake(ctx, in)
	}
	if err != nil {
		return err
	}
	community := ticket.Unit{ID: "community:zhongli", Level: ticket.CommunityLevel, Node: "zhongli", Name: "天宫院中里社区"}
	worker := ticket.Actor{ID: "community-worker", Role: ticket.UnitRole, Unit: community.ID}
	for _, s := range []struct {
		after time.Duration
		e     ticket.Event
	}{
		{10 * time.Minute, ticket.Event{Kind: ticket.EvDispatch, Actor: hotline, Unit: community}},
		{20 * time.Minute, ticket.Event{Kind: ticket.EvAccept, Actor: worker}},
		{30 * time.Minute, ticket.Event{Kind: ticket.EvContact, Actor: worker, Note: "called 张莹 back"}},
		{10 * 24 * time.Hour, ticket.Event{Kind: ticket.EvProgress, Actor: worker, Note: "playground renovation agreed with the property company"}},
		{40 * 24 * time.Hour, ticket.Event{Kind: ticket.EvResolve, Actor: worker, Note: "playground renovated"}},
		{41 * 24 * time.Hour, ticket.Event{Kind: ticket.EvCallback, Actor: hotline, Rating: &ticket.Rating{Solved: true, Satisfaction: ticket.Satisfied}}},
		{41*24*time.Hour + time.Minute, ticket.Event{Kind: ticket.EvClose, Actor: hotline}},
	} {
		now = time.Date(2024, 6, 3, 18, 20, 0, 0, loc).Add(s.after)
		if recorded(zy, s.e.Kind, now) {
			continue
		}
		if zy, err = svc.Act(ctx, in.ID, s.e); err != nil {
			return err
		}
	}
	fmt.Printf("  %s via %s at %s (%s), %s\n", zy.ID, zy.Channel, zy.Location, zy.Source, zy.State)
	for _, e := range zy.History {
		fmt.Printf("  %s %-9s %s\n", e.At.Format("2006-01-02 15:04"), e.Kind, e.Note)
	}

	fmt.Println("\na forged code (signed with a guessed secret) is refused:")
	fake := grid.Keyring{Keys: []grid.Key{{ID: "tgy-2024", Secret: []byte("guessed-secret-0123456789")}}}
	forged, err := fake.Sign(grid.Payload{KeyID: "tgy-2024", Node: doors[0], Issued: start})
	if err != nil {
		return err
	}
	_, err = ticket.ScanIntake(tree, keys, forged, ticket.Intake{At: start.AddDate(1, 0, 0)})
	fmt.Println(" ", err)
	stores.PrintReadBack()
	return nil
}

// stored returns ticket id if the store holds it (a run with -db FILE
// finds the tickets of an earlier one), counted as read back, or an error
// wrapping ticket.ErrNotFound.
func stored(ctx context.Context, stores *storage.Stores, store ticket.Store, id ticket.ID) (ticket.Ticket, error) {
	t, err := store.Ticket(ctx, id)
	if err == nil {
		stores.ReadBack("ticket", 1)
	}
	return t, err
}

// recorded reports whether t's history holds an event of kind at time at:
// a step an earlier run stored.
func recorded(t ticket.Ticket, kind ticket.EventKind, at time.Time) bool {
	for _, e := range t.History {
		if e.Kind == kind && e.At.Equal(at) {
			return true
		}
	}
	return false
}
