package open311test

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/ticket/open311"
)

// City is a district-sized endpoint for benchmarks: a grid of 10
// subdistricts, 100 communities and 1,000 buildings, and a store filled
// with tickets spread over the buildings.
type City struct {
	Handler   *open311.Handler
	Service   *ticket.Service
	Buildings []grid.ID
}

// City jurisdictions: the district, one subdistrict (a tenth of the
// buildings) and one building (a thousandth).
const (
	CityDistrict    = "daxing"
	CitySubdistrict = "s0"
	CityBuilding    = "b0000"
)

// NewCity builds the City endpoint over store, with clock now, and fills
// store with n tickets received over the 120 days before now (several at
// one instant), in every category and state, each at one of the buildings
// in turn. The grid and the tickets are illustrative and the same on every
// call; the store is written by 16 goroutines, so that a store that
// commits concurrent writes together fills fast.
func NewCity(now func() time.Time, store ticket.Store, n int) (*City, error) {
	if now == nil {
		return nil, fmt.Errorf("open311test: nil clock")
	}
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))
	tree, err := grid.NewTree(grid.DefaultHierarchy())
	if err != nil {
		return nil, err
	}
	ch := []grid.Change{
		grid.Create("bj", "", grid.LevelCity, "110000", "北京市"),
		grid.Create("dx", "bj", grid.LevelDistrict, "110115", "大兴区"),
	}
	var buildings []grid.ID
	for s := range 10 {
		sid := grid.ID(fmt.Sprintf("s%d", s))
		ch = append(ch, grid.Create(sid, "dx", grid.LevelSubdistrict, "", fmt.Sprintf("第%d街道", s)))
		for c := range 10 {
			cid := grid.ID(fmt.Sprintf("c%d%d", s, c))
			ch = append(ch, grid.Create(cid, sid, grid.LevelCommunity, "", fmt.Sprintf("第%d%d社区", s, c)))
			for b := range 10 {
				bid := grid.ID(fmt.Sprintf("b%d%d%d0", s, c, b))
				ch = append(ch, grid.Create(bid, cid, grid.LevelBuilding, "", fmt.Sprintf("%d号楼", b)))
				buildings = append(buildings, bid)
			}
		}
	}
	if err := tree.Apply(grid.Batch{ID: "init", At: start, Reason: "benchmark district grid", Changes: ch}); err != nil {
		return nil, err
	}
	cats, err := ticket.NewCategories(ticket.CommunityCategories())
	if err != nil {
		return nil, err
	}
	svc := ticket.NewService(store, &ticket.Options{
		Now: now,
		Config: ticket.Config{Categories: cats, Policy: ticket.BeijingIllustrative(),
			Calendars: ticket.Calendars{Working: calendar.China(), RoundTheClock: calendar.RoundTheClock()}},
		Places: tree,
	})
	h, err := open311.New(open311.Config{
		Service: svc,
		Jurisdictions: []open311.Jurisdiction{{ID: CityDistrict, Place: "dx"}, {ID: CitySubdistrict, Place: "s0"},
			{ID: CityBuilding, Place: buildings[0]}},
		Places: tree.At(now()),
	})
	if err != nil {
		return nil, err
	}
	list := cats.List()
	states := []ticket.State{ticket.Received, ticket.Dispatched, ticket.Accepted, ticket.InProgress, ticket.Resolved,
		ticket.CalledBack, ticket.Closed}
	at := now()
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for w := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += 16 {
				x := uint64(i)*0x9E3779B97F4A7C15 + 1
				x ^= x >> 31
				received := at.Add(-time.Duration(x%uint64(120*24*3600)) * time.Second).Truncate(time.Minute)
				tk := ticket.Ticket{ID: ticket.ID(fmt.Sprintf("r%07d", i)), Channel: ticket.Hotline, Kind: ticket.Complaint,
					Category: list[int(x>>20)%len(list)].ID, State: states[int(x>>40)%len(states)], Text: "t",
					Location: buildings[(i*7)%len(buildings)], ReceivedAt: received, Updated: received}
				if _, _, err := store.CreateTicket(context.Background(), tk); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return nil, err
	}
	return &City{Handler: h, Service: svc, Buildings: buildings}, nil
}
