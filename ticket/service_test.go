package ticket_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/ticket"
)

func TestRoutingSmallMatters(t *testing.T) {
	tree := smallGrid()
	cats, _ := ticket.NewCategories(ticket.CommunityCategories())
	r := ticket.SmallMattersInBuilding()
	if err := r.Validate(cats); err != nil {
		t.Fatal(err)
	}
	when := gridStart.Add(24 * time.Hour)
	for _, tc := range []struct {
		cat     ticket.CategoryID
		urgency ticket.Urgency
		loc     grid.ID
		want    ticket.UnitID
	}{
		{"housing.hallway", "", "b1", "building:b1"},
		{"environment.dogs", "", "b3", "building:b3"},
		{"housing.elevator", "", "b1", "community:c1"},
		{"utilities.water", "", "b4", "community:c2"},
		{"services.elderly", "", "b2", "grid:g1"},
		{"housing.hallway", ticket.Complex, "b2", "subdistrict:sj"},
		{"housing.hallway", "", "g2", "community:c1"}, // no building above a grid: falls through to the housing rule
	} {
		tk := ticket.Ticket{ID: "x", Kind: ticket.Complaint, Category: tc.cat, Urgency: tc.urgency, Location: tc.loc}
		d, err := r.Route(cats, tree.At(when), tk)
		if err != nil {
			t.Fatalf("%s at %s: %v", tc.cat, tc.loc, err)
		}
		if d.Unit.ID != tc.want {
			t.Errorf("%s/%s at %s -> %s, want %s\n%s", tc.cat, tc.urgency, tc.loc, d.Unit.ID, tc.want, d.Explain())
		}
	}
	// A fixed department route and within-matching.
	r2 := ticket.Routing{Name: "water", Routes: []ticket.Route{
		{Name: "water in c2", Category: "utilities.water", Within: "c2", Unit: waterDept},
	}}
	if err := r2.Validate(cats); err != nil {
		t.Fatal(err)
	}
	if d, err := r2.Route(cats, tree.At(when), ticket.Ticket{Category: "utilities.water", Location: "b4"}); err != nil || d.Unit.ID != "water" {
		t.Errorf("b4 water -> %v, %v", d.Unit.ID, err)
	}
	if _, err := r2.Route(cats, tree.At(when), ticket.Ticket{Category: "utilities.water", Location: "b1"}); !errors.Is(err, ticket.ErrNoRoute) {
		t.Errorf("b1 water: %v, want ErrNoRoute", err)
	}
}

func TestRoutingConfigErrors(t *testing.T) {
	cats, _ := ticket.NewCategories(ticket.CommunityCategories())
	for _, tc := range []struct{ json, field string }{
		{`{"name":"r","routes":[{"name":"a","level":"galaxy"}]}`, "routes[0].level"},
		{`{"name":"r","routes":[{"name":"a","category":"nope","level":"grid"}]}`, "routes[0].category"},
		{`{"name":"r","routes":[{"name":"a"}]}`, "routes[0]"},
		{`{"name":"r","routes":[{"name":"a","level":"grid","unit":{"id":"u","level":"department"}}]}`, "routes[0]"},
		{`{"name":"r","routes":[],"extra":1}`, "routing"},
	} {
		_, err := ticket.LoadRouting([]byte(tc.json), cats)
		var ce *ticket.ConfigError
		if !errors.As(err, &ce) || ce.Field != tc.field {
			t.Errorf("%s: %v, want a ConfigError on %s", tc.json, err, tc.field)
		}
	}
}

func TestPolicyConfig(t *testing.T) {
	cats, _ := ticket.NewCategories(ticket.CommunityCategories())
	for _, p := range []ticket.Policy{ticket.NationalPetition(), ticket.Shandong(), ticket.BeijingIllustrative()} {
		if err := p.Validate(cats); err != nil {
			t.Errorf("%s: %v", p.Name, err)
		}
	}
	for _, tc := range []struct{ json, field string }{
		{`{"name":"p","rules":[{"name":"a"}]}`, "rules[0].resolution"},
		{`{"name":"p","rules":[{"name":"a","resolution":{"n":1,"unit":"fortnights"}}]}`, "rules[0].resolution"},
		{`{"name":"p","rules":[{"name":"a","urgency":"whenever","resolution":{"n":1,"unit":"hours"}}]}`, "rules[0].urgency"},
		{`{"name":"p","rules":[{"name":"a","resolution":{"n":1,"unit":"hours"},"max_extensions":1}]}`, "rules[0].max_extension"},
		{`{"name":"p","warn":{"num":3,"den":2},"rules":[{"name":"a","resolution":{"n":1,"unit":"hours"}}]}`, "warn.num"},
		{`{"name":"p","rules":[{"name":"a","category":"nope","resolution":{"n":1,"unit":"hours"}}]}`, "rules[0].category"},
		{`{"name":"p","rules":[], "x": 1}`, "policy"},
	} {
		_, err := ticket.LoadPolicy([]byte(tc.json), cats)
		var ce *ticket.ConfigError
		if !errors.As(err, &ce) || ce.Field != tc.field {
			t.Errorf("%s: %v, want a ConfigError on %s", tc.json, err, tc.field)
		}
	}
	// Beijing illustrative: urgency decides the rule; utilities run round the clock.
	p := ticket.BeijingIllustrative()
	if r, _ := p.Match(cats, "utilities.water", ticket.Utilities); r.Name != "utilities" || !r.RoundTheClock {
		t.Errorf("utilities rule %+v", r)
	}
	if r, _ := p.Match(cats, "housing", ""); r.Name != "ordinary" {
		t.Errorf("default rule %q", r.Name)
	}
	if _, err := ticket.Shandong().Match(cats, "housing", ticket.Urgent); err != nil {
		t.Errorf("catch-all rule: %v", err)
	}
	if _, err := (ticket.Policy{Name: "p", Rules: []ticket.Rule{{Name: "u", Urgency: ticket.Urgent, Resolution: calendar.Period{N: 1, Unit: calendar.Hours}}}}).Match(cats, "housing", ""); !errors.Is(err, ticket.ErrNoRule) {
		t.Errorf("no rule: %v", err)
	}
}

func TestCategoriesValidate(t *testing.T) {
	for _, tc := range []struct {
		list  []ticket.Category
		field string
	}{
		{[]ticket.Category{{ID: ""}}, "categories[0].id"},
		{[]ticket.Category{{ID: "a"}, {ID: "a"}}, "categories[1].id"},
		{[]ticket.Category{{ID: "a", Parent: "b"}}, "categories[0].parent"},
		{[]ticket.Category{{ID: "a", Parent: "b"}, {ID: "b", Parent: "a"}}, "categories[0].parent"},
	} {
		_, err := ticket.NewCategories(tc.list)
		var ce *ticket.ConfigError
		if !errors.As(err, &ce) || ce.Field != tc.field {
			t.Errorf("%+v: %v, want error on %s", tc.list, err, tc.field)
		}
	}
	cats, _ := ticket.NewCategories(ticket.CommunityCategories())
	if got := cats.Path("utilities.water"); len(got) != 2 || got[1] != "utilities" {
		t.Errorf("path %v", got)
	}
	if cats.Depth("utilities.water") != 1 || cats.Depth("nope") != -1 || !cats.Within("utilities.gas", "utilities") {
		t.Error("depth/within")
	}
}

// building-code keyring for the scan tests.
func keyring() grid.Keyring {
	return grid.Keyring{Keys: []grid.Key{{ID: "k1", District: "cy", Secret: []byte("0123456789abcdef0123")}}}
}

func newService(t *testing.T, now *time.Time) (*ticket.Service, *ticket.MemStore) {
	t.Helper()
	tree := smallGrid()
	cats, _ := ticket.NewCategories(ticket.CommunityCategories())
	routing := ticket.SmallMattersInBuilding()
	st := ticket.NewMemStore()
	return ticket.NewService(st, &ticket.Options{
		Now:       func() time.Time { return *now },
		Config:    ticket.Config{Categories: cats, Policy: ticket.BeijingIllustrative(), Calendars: ticket.Calendars{Working: calendar.China()}},
		Routing:   &routing,
		Places:    tree,
		Directory: ticket.GridDirectory{Grid: tree},
	}), st
}

func TestServiceScanRouteResolve(t *testing.T) {
	ctx := context.Background()
	now := at("2025-04-07 09:00")
	svc, _ := newService(t, &now)
	tree := smallGrid()
	code, err := keyring().Sign(grid.Payload{KeyID: "k1", Node: "b1", Issued: gridStart})
	if err != nil {
		t.Fatal(err)
	}
	in, err := ticket.ScanIntake(tree, keyring(), code, ticket.Intake{ID: "scan-1", Kind: ticket.Complaint,
		Category: "housing.hallway", Text: "bikes block the stairs", At: now,
		Contact: ticket.Contact{Name: "王五", Phone: "13700001234"}})
	if err != nil {
		t.Fatal(err)
	}
	if in.Location != "b1" || in.Channel != ticket.ScanCode {
		t.Fatalf("scan intake %+v", in)
	}
	// A handheld scanner ends the code with Enter: still the same place.
	// A line break inside the code is a malformed code.
	if again, err := ticket.ScanIntake(tree, keyring(), code+"\r\n", ticket.Intake{ID: "scan-1", At: now}); err != nil || again.Location != "b1" {
		t.Errorf("code with a trailing Enter: %+v, %v", again, err)
	}
	if _, err := ticket.ScanIntake(tree, keyring(), code[:10]+"\n"+code[10:], ticket.Intake{ID: "scan-1", At: now}); !errors.Is(err, grid.ErrInvalidPayload) {
		t.Errorf("code with a line break inside: %v, want grid.ErrInvalidPayload", err)
	}
	tk, created, err := svc.Intake(ctx, in)
	if err != nil || !created {
		t.Fatalf("intake: %v %v", created, err)
	}
	// A retry (same content, server clock later) is idempotent.
	now = now.Add(time.Minute)
	in2 := in
	in2.At = time.Time{}
	if again, created, err := svc.Intake(ctx, in2); err != nil || created || again.Version != tk.Version {
		t.Fatalf("retry: %v %v %v", again.Version, created, err)
	}
	tk, d, err := svc.Dispatch(ctx, "scan-1", hotline)
	if err != nil {
		t.Fatal(err)
	}
	if d.Unit.ID != "building:b1" || tk.Lead.ID != "building:b1" {
		t.Fatalf("routed to %s", d.Unit.ID)
	}
	steward := ticket.Actor{ID: "p-zhao", Role: ticket.UnitRole, Unit: "building:b1"}
	impostor := ticket.Actor{ID: "p-wang", Role: ticket.UnitRole, Unit: "building:b1"} // a grid worker, not the steward
	if _, err := svc.Act(ctx, "scan-1", ticket.Event{Kind: ticket.EvAccept, Actor: impostor}); !errors.Is(err, ticket.ErrUnauthorized) {
		t.Fatalf("impostor accept: %v", err)
	}
	now = now.Add(10 * time.Minute)
	for _, e := range []ticket.Event{
		{Kind: ticket.EvAccept, Actor: steward},
		{Kind: ticket.EvContact, Actor: steward},
		{Kind: ticket.EvResolve, Actor: steward, Note: "bikes moved to the shed"},
		{Kind: ticket.EvCallback, Actor: hotline, Rating: &ticket.Rating{Solved: true, Satisfaction: ticket.Satisfied}},
		{Kind: ticket.EvClose, Actor: hotline},
	} {
		now = now.Add(30 * time.Minute)
		if tk, err = svc.Act(ctx, "scan-1", e); err != nil {
			t.Fatalf("%s: %v", e.Kind, err)
		}
	}
	if tk.State != ticket.Closed || tk.Version != 7 {
		t.Fatalf("state %s version %d", tk.State, tk.Version)
	}
	view, _ := svc.Get(ctx, "scan-1", ticket.ObserverRole)
	if view.Contact.Phone != "137****1234" {
		t.Errorf("observer sees %q", view.Contact.Phone)
	}
	cards, err := svc.Scorecards(ctx, ticket.Filter{}, ticket.Jungar())
	if err != nil {
		t.Fatal(err)
	}
	if c := cards["building:b1"]; c.Composite.String() != "100" || c.ResolvedAt[ticket.BuildingLevel].String() != "1/1 (100.00%)" {
		t.Errorf("scorecard %s", c.Explain())
	}
	nodes, err := svc.NodeScorecards(ctx, ticket.Filter{}, ticket.EqualThirds(), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []grid.ID{"b1", "g1", "c1", "sj", "bj"} {
		if nodes[id].Tickets != 1 || nodes[id].Satisfaction.String() != "1/1 (100.00%)" {
			t.Errorf("node %s: %s", id, nodes[id].Explain())
		}
	}
	if _, ok := nodes["c2"]; ok {
		t.Error("c2 has no tickets")
	}
	// Forged code.
	forged := code[:len(code)-2] + "AA"
	if _, err := ticket.ScanIntake(tree, keyring(), forged, in); !errors.Is(err, ticket.ErrInvalid) || !errors.Is(err, grid.ErrInvalidPayload) {
		t.Errorf("forged code: %v", err)
	}
}

func TestServiceSweepAndMerge(t *testing.T) {
	ctx := context.Background()
	now := at("2025-04-07 09:00")
	svc, _ := newService(t, &now)
	mk := func(id string, urgency ticket.Urgency) {
		t.Helper()
		_, _, err := svc.Intake(ctx, ticket.Intake{ID: ticket.ID(id), Channel: ticket.Hotline, Kind: ticket.Help,
			Category: "utilities.water", Urgency: urgency, Location: "b4", Text: "no water"})
		if err != nil {
			t.Fatal(err)
		}
	}
	mk("w1", ticket.Utilities)
	mk("w2", ticket.Utilities)
	if _, _, err := svc.Dispatch(ctx, "w1", hotline); err != nil {
		t.Fatal(err)
	}
	d, p, err := svc.Merge(ctx, "w2", "w1", ticket.Event{Actor: hotline})
	if err != nil || d.State != ticket.Merged || len(p.MergedFrom) != 1 {
		t.Fatalf("merge: %v %s %v", err, d.State, p.MergedFrom)
	}
	// Utilities: response due in 2 hours round the clock; at 10:40 it warns (4/5), at 11:01 it is breached.
	now = at("2025-04-07 10:40")
	st, err := svc.Sweep(ctx, time.Time{})
	if err != nil || len(st) != 1 || len(st[0].Warning) == 0 {
		t.Fatalf("sweep at 10:40: %v %+v", err, st)
	}
	now = at("2025-04-07 11:01")
	st, _ = svc.Sweep(ctx, time.Time{})
	if len(st) != 1 || len(st[0].Breached) == 0 || st[0].Breached[0].Kind != ticket.ResponseClock {
		t.Fatalf("sweep at 11:01: %+v", st)
	}
	if !strings.Contains(st[0].Explain(), "response") {
		t.Error(st[0].Explain())
	}
	if _, err := svc.Act(ctx, "nope", ticket.Event{Kind: ticket.EvClose, Actor: hotline}); !errors.Is(err, ticket.ErrNotFound) {
		t.Errorf("unknown ticket: %v", err)
	}
}

func TestGridDirectory(t *testing.T) {
	ctx := context.Background()
	tree := smallGrid()
	when := gridStart.Add(time.Hour)
	d := ticket.GridDirectory{Grid: tree, Staff: map[string][]ticket.Role{"op1": {ticket.HotlineRole}}}
	for _, tc := range []struct {
		a    ticket.Actor
		u    ticket.Unit
		want bool
	}{
		{ticket.Actor{ID: "p-zhao", Role: ticket.UnitRole, Unit: "building:b1"}, ticket.PlaceUnit(ticket.BuildingLevel, "b1"), true},
		{ticket.Actor{ID: "p-zhao", Role: ticket.UnitRole, Unit: "building:b2"}, ticket.PlaceUnit(ticket.BuildingLevel, "b2"), false},
		{ticket.Actor{ID: "p-wang", Role: ticket.UnitRole, Unit: "grid:g1"}, ticket.PlaceUnit(ticket.GridLevel, "g1"), true},
		{ticket.Actor{ID: "p-li", Role: ticket.UnitRole, Unit: "community:c1"}, ticket.PlaceUnit(ticket.CommunityLevel, "c1"), true},
		{ticket.Actor{ID: "p-water", Role: ticket.UnitRole, Unit: "water"}, waterDept, true},
		{ticket.Actor{ID: "p-li", Role: ticket.UnitRole, Unit: "water"}, waterDept, false},
		{ticket.Actor{ID: "op1", Role: ticket.HotlineRole}, ticket.Unit{}, true},
		{ticket.Actor{ID: "op2", Role: ticket.HotlineRole}, ticket.Unit{}, false},
		{ticket.Actor{ID: "anyone", Role: ticket.ResidentRole}, ticket.Unit{}, true},
	} {
		err := d.Authorize(ctx, tc.a, tc.u, when)
		if (err == nil) != tc.want || (err != nil && !errors.Is(err, ticket.ErrUnauthorized)) {
			t.Errorf("%s as %s for %s: %v, want allowed=%v", tc.a.ID, tc.a.Role, tc.u.ID, err, tc.want)
		}
	}
}
