// Package open311test builds a small, complete GeoReport v2 server for
// tests, demos and client development: a grid of one community with signed
// building codes, the community category tree, the Beijing SLA figures on
// China's working-day calendar, routing that keeps small matters in the
// building, and the API key "demo".
package open311test

import (
	"fmt"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/ticket/open311"
)

// DemoKey is the api_key of the demo server.
const DemoKey = "demo"

// Demo is a running configuration: the handler and what it is built on.
type Demo struct {
	Handler *open311.Handler
	Service *ticket.Service
	Store   ticket.Store
	Grid    *grid.Tree
	Keyring grid.Keyring
	// Codes are the signed building codes (一楼一码) of every unit door,
	// by grid place.
	Codes map[grid.ID]string
	// Doors are the unit doors, in grid order.
	Doors []grid.ID
}

// NewDemo builds the demo over a fresh memory store with clock now. The
// places are those of the Daxing "one building, one code" report (大兴区
// 天宫院街道 天宫院中里社区); the buildings, doors, people and the signing
// key are illustrative.
func NewDemo(now func() time.Time) (*Demo, error) { return NewDemoOn(now, ticket.NewMemStore()) }

// NewDemoOn builds the demo over store, which may hold the requests of an
// earlier run (the grid, categories and keys are the same every time).
func NewDemoOn(now func() time.Time, store ticket.Store) (*Demo, error) {
	if now == nil {
		return nil, fmt.Errorf("open311test: nil clock")
	}
	if store == nil {
		return nil, fmt.Errorf("open311test: nil store")
	}
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))
	tree, err := grid.NewTree(grid.DefaultHierarchy())
	if err != nil {
		return nil, err
	}
	ch := []grid.Change{
		grid.Create("bj", "", grid.LevelCity, "110000", "北京市"),
		grid.Create("dx", "bj", grid.LevelDistrict, "110115", "大兴区"),
		grid.Create("tgy", "dx", grid.LevelSubdistrict, "", "天宫院街道"),
		grid.Create("tgyzl", "tgy", grid.LevelCommunity, "", "天宫院中里社区"),
		grid.PutPerson(grid.Person{ID: "p-grid", Name: "网格员 (illustrative)"}),
		grid.PutPerson(grid.Person{ID: "p-sec", Name: "社区书记 (illustrative)"}),
		grid.Assign(grid.Assignment{ID: "a-sec", Person: "p-sec", Role: grid.CommunitySecretary, Node: "tgyzl"}),
	}
	var doors []grid.ID
	for g := 1; g <= 2; g++ {
		gid := grid.ID(fmt.Sprintf("tgyzl-g%d", g))
		ch = append(ch, grid.Create(gid, "tgyzl", grid.LevelGrid, "", fmt.Sprintf("第%d网格", g)))
		if g == 1 {
			ch = append(ch, grid.Assign(grid.Assignment{ID: "a-grid", Person: "p-grid", Role: grid.GridWorker, Node: gid}))
		}
		for b := 1; b <= 2; b++ {
			n := (g-1)*2 + b
			bid := grid.ID(fmt.Sprintf("tgyzl-b%d", n))
			ch = append(ch, grid.Create(bid, gid, grid.LevelBuilding, "", fmt.Sprintf("%d号楼", n)))
			for u := 1; u <= 2; u++ {
				uid := grid.ID(fmt.Sprintf("%s-u%d", bid, u))
				ch = append(ch, grid.Create(uid, bid, grid.LevelUnit, "", fmt.Sprintf("%d号楼%d单元", n, u)))
				doors = append(doors, uid)
			}
		}
	}
	if err := tree.Apply(grid.Batch{ID: "init", At: start, Reason: "demo community grid", Changes: ch}); err != nil {
		return nil, err
	}
	keys := grid.Keyring{Keys: []grid.Key{{ID: "tgy-demo", District: "tgy", Secret: []byte("open311-demo-secret-not-for-production")}}}
	codes := map[grid.ID]string{}
	for _, d := range doors {
		if codes[d], err = keys.Sign(grid.Payload{KeyID: "tgy-demo", Node: d, Issued: start}); err != nil {
			return nil, err
		}
	}
	cats, err := ticket.NewCategories(ticket.CommunityCategories())
	if err != nil {
		return nil, err
	}
	routing := ticket.SmallMattersInBuilding()
	svc := ticket.NewService(store, &ticket.Options{
		Now: now,
		Config: ticket.Config{Categories: cats, Policy: ticket.BeijingIllustrative(),
			Calendars: ticket.Calendars{Working: calendar.China(), RoundTheClock: calendar.RoundTheClock()}},
		Routing: &routing,
		Places:  tree,
	})
	view := tree.At(now())
	var services []open311.ServiceDef
	for _, c := range ticket.CommunityCategories() {
		if c.Parent == "" {
			continue // report under a specific category
		}
		d := open311.ServiceDef{Category: c.ID, Notice: "社区将在时限内处理并回访 (the community handles the request within the time limit and calls back)"}
		if c.ID == "housing.elevator" {
			d.Attributes = []open311.AttributeDef{{Variable: true, Code: "stuck", Datatype: open311.SingleValueList,
				Required: true, Order: 1, Description: "有人被困吗? Is anyone trapped?",
				Values: []open311.Value{{Key: "no", Name: "无人被困 no"}, {Key: "yes", Name: "有人被困 yes"}}}}
		}
		services = append(services, d)
	}
	h, err := open311.New(open311.Config{
		Service:       svc,
		Services:      services,
		Apps:          []open311.App{{Key: DemoKey, Name: "demo-app", Organisation: "gongzhi demo"}},
		Jurisdictions: []open311.Jurisdiction{{ID: "daxing", Place: "dx"}},
		Places:        view,
		Keyring:       keys,
		Dispatch:      &ticket.Actor{ID: "12345", Role: ticket.HotlineRole},
		Discovery:     open311.DiscoveryInfo{Changeset: "2026-12-06", Contact: "demo server, no contact", Test: true},
	})
	if err != nil {
		return nil, err
	}
	return &Demo{Handler: h, Service: svc, Store: store, Grid: tree, Keyring: keys, Codes: codes, Doors: doors}, nil
}
