package grid_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/grid/gridtest"
)

func TestApplyRejects(t *testing.T) {
	at := day("2024-01-01")
	tests := []struct {
		name   string
		change grid.Change
		reason string
	}{
		{"duplicate id", grid.Create("c1", "dhm", grid.LevelCommunity, "", "x"), "already used"},
		{"empty id", grid.Create("", "dhm", grid.LevelCommunity, "", "x"), "empty node id"},
		{"unknown level", grid.Create("x", "dhm", 9, "", "x"), "unknown level"},
		{"unknown parent", grid.Create("x", "nope", grid.LevelCommunity, "", "x"), "unknown node"},
		{"parent not above", grid.Create("x", "g1", grid.LevelCommunity, "", "x"), "is not above"},
		{"code of wrong kind", grid.Create("x", "dhm", grid.LevelCommunity, "110101001", "x"), "not allowed at level"},
		{"code not canonical", grid.Create("x", "dhm", grid.LevelCommunity, "110101001001000", "x"), "invalid code"},
		{"code held", grid.Create("x", "dhm", grid.LevelCommunity, "110101001001", "x"), "is held by node"},
		{"move under descendant", grid.Move("c1", "b1"), "is not above"},
		{"move to self", grid.Move("g1", "g1"), "is not above"},
		{"move orphans", grid.Move("c1", ""), "would orphan"},
		{"move root", grid.Move("bj", "dc"), "root cannot be moved"},
		{"move unknown", grid.Move("zz", "dc"), "unknown node"},
		{"retire with children", grid.Retire("c1"), "would orphan 1 children"},
		{"recode held", grid.Recode("c2", "110101001001"), "is held by node"},
		{"assign unknown person", grid.Assign(grid.Assignment{ID: "a9", Person: "nobody", Role: grid.GridWorker, Node: "g1"}), "unknown person"},
		{"assign reused id", grid.Assign(grid.Assignment{ID: "a1", Person: "p-wang", Role: grid.GridWorker, Node: "g1"}), "already used"},
		{"assign empty role", grid.Assign(grid.Assignment{ID: "a9", Person: "p-wang", Node: "g1"}), "empty role"},
		{"unassign unknown", grid.Unassign("zz"), "unknown assignment"},
		{"unknown op", grid.Change{Op: "explode", Node: "g1"}, "unknown op"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tree := smallCity()
			before := snapshotTree(tree)
			// A valid change first: the batch must be atomic.
			err := tree.Apply(grid.Batch{ID: "x", At: at, Changes: []grid.Change{grid.Rename("dc", "改名"), tc.change}})
			var ce *grid.ChangeError
			if !errors.As(err, &ce) || !errors.Is(err, grid.ErrInvalidChange) || ce.Index != 1 || !strings.Contains(ce.Reason, tc.reason) {
				t.Fatalf("err = %v; want a *ChangeError at index 1 saying %q", err, tc.reason)
			}
			if after := snapshotTree(tree); after != before {
				t.Errorf("rejected batch changed the tree")
			}
			if err := tree.Apply(grid.Batch{ID: "x", At: at, Changes: []grid.Change{grid.Rename("dc", "改名")}}); err != nil {
				t.Errorf("the batch id must stay free after a rejection: %v", err)
			}
		})
	}
	tree := smallCity()
	if err := tree.Apply(grid.Batch{ID: "init", At: day("2025-01-01"), Changes: []grid.Change{grid.Rename("dc", "x")}}); !errors.Is(err, grid.ErrInvalidChange) {
		t.Errorf("reapplying a batch id: %v", err)
	}
	if err := tree.Apply(grid.Batch{ID: "old", At: day("2022-01-01"), Changes: []grid.Change{grid.Rename("dc", "x")}}); !errors.Is(err, grid.ErrOutOfOrder) {
		t.Errorf("back-dated batch: %v", err)
	}
	if err := tree.Apply(grid.Batch{ID: "none", At: day("2025-01-01")}); !errors.Is(err, grid.ErrInvalidChange) {
		t.Errorf("empty batch: %v", err)
	}
	if _, err := grid.NewTree(grid.Hierarchy{}); !errors.Is(err, grid.ErrInvalidConfig) {
		t.Errorf("empty hierarchy: %v", err)
	}
}

func TestRetireEndsAssignmentsAndFreesCode(t *testing.T) {
	tree := smallCity()
	at := day("2024-01-01")
	err := tree.Apply(grid.Batch{ID: "r", At: at, Changes: []grid.Change{
		grid.Retire("b1u1"), grid.Retire("b1"), grid.Retire("b2"), grid.Retire("g1"),
		grid.Create("g1b", "c1", grid.LevelGrid, "110101001001001", "新甲一网格"),
	}})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := tree.Assignment("a1")
	if !a.Period.To.Equal(at) {
		t.Errorf("assignment on a retired grid ends at %v, want %v", a.Period.To, at)
	}
	if n, _ := tree.ByCode("110101001001001", day("2023-06-01")); n.ID != "g1" {
		t.Errorf("code before reuse -> %s, want g1", n.ID)
	}
	if n, _ := tree.ByCode("110101001001001", at); n.ID != "g1b" {
		t.Errorf("code after reuse -> %s, want g1b", n.ID)
	}
	r, err := tree.Responsible("g1b", at, grid.Query{})
	if err != nil || r.Node != "c1" || r.Assignments[0].Role != grid.CommunitySecretary {
		t.Errorf("after the grid worker's grid retired, responsibility = %+v, %v; want the community secretary", r, err)
	}
	if r, err := tree.Responsible("b1", day("2023-06-01"), grid.Query{}); err != nil || r.Node != "g1" {
		t.Errorf("history: responsibility in 2023 = %+v, %v", r, err)
	}
}

func TestResponsibleMatterAndRoles(t *testing.T) {
	tree := smallCity()
	at := day("2024-01-01")
	err := tree.Apply(grid.Batch{ID: "more", At: at, Changes: []grid.Change{
		grid.PutPerson(grid.Person{ID: "p-zhao", Name: "赵楼门长"}),
		grid.PutPerson(grid.Person{ID: "p-wy", Name: "物业", Org: "某物业公司"}),
		grid.Assign(grid.Assignment{ID: "a3", Person: "p-zhao", Role: grid.BuildingSteward, Node: "b1", Matters: []grid.Matter{"hallway"}}),
		grid.Assign(grid.Assignment{ID: "a4", Person: "p-wy", Role: grid.PropertyCompany, Node: "g1", Matters: []grid.Matter{"water", "lift"}}),
	}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		q     grid.Query
		node  grid.ID
		first grid.PersonID
	}{
		{grid.Query{Matter: "hallway"}, "b1", "p-zhao"},
		{grid.Query{Matter: "water"}, "g1", "p-wang"}, // both at g1: ties broken by assignment ID
		{grid.Query{Matter: "water", Roles: []grid.Role{grid.PropertyCompany, grid.GridWorker}}, "g1", "p-wy"},
		{grid.Query{Matter: "noise", Roles: []grid.Role{grid.CommunitySecretary}}, "c1", "p-li"},
	} {
		r, err := tree.Responsible("b1u1", at, tc.q)
		if err != nil || r.Node != tc.node || r.People[0].ID != tc.first {
			t.Errorf("Responsible(%+v) = %s %+v, %v; want %s %s", tc.q, r.Node, r.People, err, tc.node, tc.first)
		}
		vr, err := tree.At(at).Responsible("b1u1", tc.q)
		if err != nil || vr.Node != r.Node || len(vr.Assignments) != len(r.Assignments) {
			t.Errorf("View.Responsible(%+v) = %+v, %v; tree %+v", tc.q, vr, err, r)
		}
	}
	var ue *grid.UnassignedError
	_, err = tree.Responsible("b2", at, grid.Query{Roles: []grid.Role{grid.DepartmentLiaison}})
	if !errors.As(err, &ue) || !slices.Equal(ue.Path, []grid.ID{"b2", "g1", "c1", "dhm", "dc", "bj"}) {
		t.Errorf("err = %v; want an *UnassignedError with the walked path", err)
	}
	if err := tree.Apply(grid.Batch{ID: "end", At: day("2024-02-01"), Changes: []grid.Change{grid.Unassign("a3")}}); err != nil {
		t.Fatal(err)
	}
	if r, _ := tree.Responsible("b1u1", day("2024-02-01"), grid.Query{Matter: "hallway"}); r.Node != "g1" {
		t.Errorf("after the steward's assignment ended: %s, want g1", r.Node)
	}
	if r, _ := tree.Responsible("b1u1", day("2024-01-15"), grid.Query{Matter: "hallway"}); r.Node != "b1" {
		t.Errorf("history: before it ended: %s, want b1", r.Node)
	}
}

func TestQueries(t *testing.T) {
	tree := smallCity()
	at := day("2024-01-01")
	v := tree.At(at)
	if got := slices.Collect(tree.Children("g1", at)); !slices.Equal(got, []grid.ID{"b1", "b2"}) {
		t.Errorf("Children = %v", got)
	}
	if got := slices.Collect(v.Children("g1")); !slices.Equal(got, []grid.ID{"b1", "b2"}) {
		t.Errorf("View.Children = %v", got)
	}
	if got := slices.Collect(tree.Subtree("c1", at)); !slices.Equal(got, []grid.ID{"c1", "g1", "b1", "b1u1", "b2"}) {
		t.Errorf("Subtree preorder = %v", got)
	}
	if got := slices.Collect(v.Subtree("c1")); !slices.Equal(got, []grid.ID{"c1", "g1", "b1", "b1u1", "b2"}) {
		t.Errorf("View.Subtree preorder = %v", got)
	}
	if got := slices.Collect(tree.AtLevel(grid.LevelCommunity, at)); !slices.Equal(got, []grid.ID{"c1", "c2"}) {
		t.Errorf("AtLevel = %v", got)
	}
	if got := slices.Collect(v.AtLevel(grid.LevelCommunity)); !slices.Equal(got, []grid.ID{"c1", "c2"}) {
		t.Errorf("View.AtLevel = %v", got)
	}
	if got := slices.Collect(tree.Ancestors("b1", at)); !slices.Equal(got, []grid.ID{"g1", "c1", "dhm", "dc", "bj"}) {
		t.Errorf("Ancestors = %v", got)
	}
	if got := slices.Collect(v.Ancestors("b1")); !slices.Equal(got, []grid.ID{"g1", "c1", "dhm", "dc", "bj"}) {
		t.Errorf("View.Ancestors = %v", got)
	}
	if l, err := tree.LCA("b1u1", "g2", at); err != nil || l != "dhm" {
		t.Errorf("LCA = %v, %v", l, err)
	}
	if l, ok := v.LCA("b1u1", "b2"); !ok || l != "g1" {
		t.Errorf("View.LCA = %v", l)
	}
	if _, err := tree.AncestorAt("c1", grid.LevelBuilding, at); !errors.Is(err, grid.ErrNotFound) {
		t.Errorf("AncestorAt below the node: %v", err)
	}
	if a, ok := v.AncestorAt("b1u1", grid.LevelDistrict); !ok || a != "dc" {
		t.Errorf("View.AncestorAt = %v", a)
	}
	if !tree.Within("b1u1", "dc", at) || tree.Within("dc", "b1u1", at) || !v.Within("b1", "c1") || v.Within("b1", "c2") {
		t.Error("Within is wrong")
	}
	if p, err := tree.Parent("bj", at); err != nil || p != "" {
		t.Errorf("root parent = %q, %v", p, err)
	}
	if got := slices.Collect(v.Roots()); !slices.Equal(got, []grid.ID{"bj"}) {
		t.Errorf("Roots = %v", got)
	}
	if _, err := tree.Node("b1", day("2022-12-31")); !errors.Is(err, grid.ErrNotFound) {
		t.Errorf("node before it existed: %v", err)
	}
	if _, err := v.ByCode("999999"); !errors.Is(err, grid.ErrNotFound) {
		t.Errorf("unknown code: %v", err)
	}
	counts, unknown := v.Count(slices.Values([]grid.ID{"b1", "b1u1", "b1u1", "g2", "gone"}))
	if i, _ := v.Index("c1"); counts[i] != 3 || unknown != 1 {
		t.Errorf("Count: c1 %d, unknown %d", counts[i], unknown)
	}
	totals, unk := v.Sum(map[grid.ID]int64{"b2": 5, "g2": 1, "gone": 4})
	if totals["bj"] != 6 || totals["c1"] != 5 || unk["gone"] != 4 {
		t.Errorf("Sum = %v, %v", totals, unk)
	}
	type metric struct{ closed, late int }
	acc := make([]metric, v.Len())
	i, _ := v.Index("b1u1")
	acc[i] = metric{3, 1}
	grid.Fold(v, acc, func(p, c *metric) { p.closed += c.closed; p.late += c.late })
	if j, _ := v.Index("dc"); acc[j] != (metric{3, 1}) {
		t.Errorf("Fold = %+v", acc[j])
	}
}

func TestMergeWithCodeReuse(t *testing.T) {
	tree := smallCity()
	at := day("2024-09-01")
	ch, err := tree.MergeChanges([]grid.ID{"c1", "c2"}, grid.Part{ID: "c12", Code: "110101001001", Name: "甲乙社区"}, at)
	if err != nil {
		t.Fatal(err)
	}
	if err := tree.Apply(grid.Batch{ID: "merge", At: at, Changes: ch}); err != nil {
		t.Fatal(err)
	}
	if got := slices.Collect(tree.Children("c12", at)); !slices.Equal(got, []grid.ID{"g1", "g2"}) {
		t.Errorf("merged children = %v", got)
	}
	if n, _ := tree.ByCode("110101001001", at); n.ID != "c12" {
		t.Errorf("merged community did not take over the code: %v", n.ID)
	}
	if n, _ := tree.ByCode("110101001001", day("2024-08-31")); n.ID != "c1" {
		t.Errorf("history of the code: %v", n.ID)
	}
	if _, err := tree.MergeChanges([]grid.ID{"c1"}, grid.Part{ID: "z"}, at); !errors.Is(err, grid.ErrInvalidChange) {
		t.Errorf("merging a retired node: %v", err)
	}
	if _, err := tree.SplitChanges("c12", at, []grid.Part{{ID: "s", Children: []grid.ID{"b1"}}}, false); !errors.Is(err, grid.ErrInvalidChange) {
		t.Errorf("splitting off a grandchild: %v", err)
	}
	if _, err := tree.SplitChanges("c12", at, []grid.Part{{ID: "s", Children: []grid.ID{"g1"}}}, true); !errors.Is(err, grid.ErrInvalidChange) {
		t.Errorf("retiring split source that keeps a child: %v", err)
	}
}

func TestServiceConcurrentWriters(t *testing.T) {
	ctx := context.Background()
	store := grid.NewMemStore()
	now := day("2024-01-01")
	a := grid.NewService(store, &grid.Options{Now: func() time.Time { return now }})
	b := grid.NewService(store, nil)
	if _, err := a.Apply(ctx, gridtest.GenerateCity(gridtest.CitySpec{Districts: 1, Subdistricts: 1, Communities: 2}, "city", now)); err != nil {
		t.Fatal(err)
	}
	// b has not synced: its Apply must catch up and still succeed.
	v, err := b.Apply(ctx, grid.Batch{ID: "rename", At: now, Changes: []grid.Change{grid.Rename(gridtest.NodeID("110101001001"), "新名")}})
	if err != nil || v != 2 {
		t.Fatalf("second writer = %d, %v", v, err)
	}
	// a is behind; a batch that is only valid after b's change still works after catch-up.
	if _, err := a.Apply(ctx, grid.Batch{ID: "retire", Changes: []grid.Change{grid.Retire(gridtest.NodeID("110101001002"))}}); err != nil {
		t.Fatalf("zero At takes Options.Now: %v", err)
	}
	if err := b.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	n, err := b.Node(ctx, gridtest.NodeID("110101001001"), now)
	if err != nil || n.Name != "新名" {
		t.Errorf("b sees %+v, %v", n, err)
	}
	if _, err := b.Node(ctx, gridtest.NodeID("110101001002"), now); !errors.Is(err, grid.ErrNotFound) {
		t.Errorf("b did not sync a's retirement: %v", err)
	}
	// Idempotent retry through the service.
	if v, err := a.Apply(ctx, grid.Batch{ID: "rename", At: now, Changes: []grid.Change{grid.Rename(gridtest.NodeID("110101001001"), "新名")}}); err != nil || v != 2 {
		t.Errorf("retry = %d, %v; want 2", v, err)
	}
	// An invalid batch is rejected before it reaches the store.
	if _, err := a.Apply(ctx, grid.Batch{ID: "bad", At: now, Changes: []grid.Change{grid.Move("n110000", "n110101")}}); !errors.Is(err, grid.ErrInvalidChange) {
		t.Errorf("invalid batch: %v", err)
	}
	if v, _ := store.Version(ctx); v != 3 {
		t.Errorf("store version %d, want 3", v)
	}
	view, err := a.View(ctx, now)
	if err != nil || view.Len() != 4 {
		t.Errorf("View = %v, %v", view, err)
	}
	if again, _ := a.View(ctx, now); again != view {
		t.Error("View is not cached")
	}
}

func TestLoadHierarchy(t *testing.T) {
	h, err := grid.LoadHierarchy(strings.NewReader(`{"levels":[{"name":"district","codes":["county"]},{"name":"community","label":"社区"}],"strict":true}`))
	if err != nil || len(h.Levels) != 2 || h.Levels[0].Codes[0] != grid.KindCounty || !h.Strict {
		t.Fatalf("LoadHierarchy = %+v, %v", h, err)
	}
	for _, in := range []string{`{"levels":[]}`, `{"levels":[{"name":"a"},{"name":"a"}]}`, `{"levels":[{"name":"a","codes":["moon"]}]}`, `{"levels":[{"name":"a"}],"colour":1}`} {
		if _, err := grid.LoadHierarchy(strings.NewReader(in)); !errors.Is(err, grid.ErrInvalidConfig) {
			t.Errorf("LoadHierarchy(%s) err = %v", in, err)
		}
	}
}

// A View is a snapshot: changes to the tree after it was taken do not show,
// and it can be read while the tree changes.
func TestViewIsStable(t *testing.T) {
	tree := smallCity()
	at := day("2024-01-01")
	v := tree.At(at)
	want := slices.Collect(v.Subtree("bj"))
	c1, _ := v.ByCode("110101001001")
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 50 {
			_ = slices.Collect(v.Subtree("bj"))
			_, _ = v.ByCode("110101001001")
			_, _ = v.Index("b1")
		}
	}()
	err := tree.Apply(grid.Batch{ID: "later", At: at, Changes: []grid.Change{
		grid.Create("c9", "dhm", grid.LevelCommunity, "110101001009", "新社区"),
		grid.Move("g1", "c9"),
		grid.Recode("c1", "110101001008"),
		grid.Create("c10", "dhm", grid.LevelCommunity, "110101001001", "占用旧码"),
	}})
	<-done
	if err != nil {
		t.Fatal(err)
	}
	if got := slices.Collect(v.Subtree("bj")); !slices.Equal(got, want) {
		t.Errorf("view changed with the tree: %v, want %v", got, want)
	}
	if n, _ := v.ByCode("110101001001"); n != c1 {
		t.Errorf("view code lookup changed: %+v", n)
	}
	if _, ok := v.Index("c9"); ok {
		t.Error("view sees a node created after it")
	}
	v2 := tree.At(at)
	if n, _ := v2.ByCode("110101001001"); n.ID != "c10" {
		t.Errorf("new view: code holder %s, want c10", n.ID)
	}
	if p, _ := v2.Parent("g1"); p != "c9" {
		t.Errorf("new view: parent of g1 %s, want c9", p)
	}
}

func TestAttributeAndExplain(t *testing.T) {
	tree := smallCity()
	split := day("2024-06-01")
	ch, err := tree.SplitChanges("c1", split, []grid.Part{{ID: "c3", Name: "丙", Children: []grid.ID{"g1"}}}, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := tree.Apply(grid.Batch{ID: "split", At: split, Changes: ch}); err != nil {
		t.Fatal(err)
	}
	events := func(yield func(grid.ID, time.Time) bool) {
		for _, e := range []struct {
			id grid.ID
			at string
		}{{"b1", "2023-05-01"}, {"b1u1", "2024-07-01"}, {"b2", "2024-05-31"}, {"g2", "2024-01-01"}, {"b1", "2022-01-01"}, {"dc", "2024-01-01"}} {
			if !yield(e.id, day(e.at)) {
				return
			}
		}
	}
	counts, unattributed := tree.Attribute(events, grid.LevelCommunity)
	if counts["c1"] != 2 || counts["c3"] != 1 || counts["c2"] != 1 || unattributed != 2 {
		t.Errorf("Attribute = %v, %d", counts, unattributed)
	}
	r, err := tree.Responsible("b1u1", day("2024-07-01"), grid.Query{Matter: "water"})
	if err != nil {
		t.Fatal(err)
	}
	want := "place b1u1, matter \"water\": walked b1u1 -> b1 -> g1; nearest assignment at g1:\n  1. grid_worker 王网格员 (p-wang, assignment a1)"
	if got := r.Explain(); got != want {
		t.Errorf("Explain =\n%s\nwant\n%s", got, want)
	}
}

func FuzzLoadHierarchy(f *testing.F) {
	f.Add(`{"levels":[{"name":"district","codes":["county"]},{"name":"community","label":"社区"}],"strict":true}`)
	f.Add(`{"levels":[]}`)
	f.Add(`{"levels":[{"name":"a","codes":["moon"]}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		h, err := grid.LoadHierarchy(strings.NewReader(s))
		if err != nil {
			if !errors.Is(err, grid.ErrInvalidConfig) {
				t.Fatalf("error %v does not wrap ErrInvalidConfig", err)
			}
			return
		}
		if _, err := grid.NewTree(h); err != nil {
			t.Fatalf("a loaded hierarchy does not make a tree: %v", err)
		}
	})
}

func FuzzReadJSON(f *testing.F) {
	f.Add(`[{"id":"a","code":"110000","name":"北京","level":"city","valid_from":"2020-01-01T00:00:00Z"},{"id":"b","name":"东城","level":"district","parent_id":"a","valid_from":"2020-01-01T00:00:00Z","valid_to":"2021-01-01T00:00:00Z"}]`)
	f.Add(`[]`)
	f.Add(`[{"level":"moon"}]`)
	h := grid.DefaultHierarchy()
	f.Fuzz(func(t *testing.T, s string) {
		recs, err := grid.ReadJSON(strings.NewReader(s), h)
		if err != nil {
			if !errors.Is(err, grid.ErrInvalidRecord) {
				t.Fatalf("error %v does not wrap ErrInvalidRecord", err)
			}
			return
		}
		if _, err := grid.Load(h, recs); err != nil && !errors.Is(err, grid.ErrInvalidRecord) && !errors.Is(err, grid.ErrInvalidChange) && !errors.Is(err, grid.ErrOutOfOrder) {
			t.Fatalf("Load error %v wraps no grid sentinel", err)
		}
	})
}

func TestServiceConcurrentUse(t *testing.T) {
	ctx := context.Background()
	store := grid.NewMemStore()
	at := day("2024-01-01")
	spec := gridtest.CitySpec{Districts: 1, Subdistricts: 1, Communities: 4, Grids: 2, Workers: true}
	svc := grid.NewService(store, nil)
	if _, err := svc.Apply(ctx, gridtest.GenerateCity(spec, "city", at)); err != nil {
		t.Fatal(err)
	}
	other := grid.NewService(store, nil) // a second process on the same store
	done := make(chan error, 8)
	for w := range 4 {
		go func() {
			s := svc
			if w%2 == 1 {
				s = other
			}
			code, _ := grid.Code("110101001").Child(w + 1)
			c := gridtest.NodeID(code)
			_, err := s.Apply(ctx, grid.Batch{ID: "rename-" + string(c), At: at.Add(time.Hour), Changes: []grid.Change{grid.Rename(c, "新名")}})
			done <- err
		}()
		go func() {
			_, err := svc.View(ctx, at)
			if err == nil {
				_, err = svc.Responsible(ctx, gridtest.NodeID("110101001001001"), at, grid.Query{})
			}
			done <- err
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
	if v, _ := store.Version(ctx); v != 5 {
		t.Errorf("store version %d, want 5", v)
	}
}

func TestBatchJSONRoundTrip(t *testing.T) {
	b := grid.Batch{ID: "b", At: day("2024-01-01").Add(123 * time.Nanosecond), Reason: "全部", Changes: []grid.Change{
		grid.Create("c", "s", grid.LevelCommunity, "110101001001", "社区"),
		grid.Create("root", "", grid.LevelCity, "", ""),
		grid.Move("c", "s2"), grid.Recode("c", ""), grid.Rename("c", "新"), grid.Retire("c"),
		grid.PutPerson(grid.Person{ID: "p", Name: "王", Phone: "1", Org: "o"}),
		grid.Assign(grid.Assignment{ID: "a", Person: "p", Role: grid.GridWorker, Node: "c", Matters: []grid.Matter{"水"},
			Period: grid.Interval{From: day("2024-01-01"), To: day("2025-01-01")}}),
		grid.Unassign("a"),
	}}
	data, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	var back grid.Batch
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if !back.Equal(b) {
		t.Errorf("JSON round trip changed the batch:\n%s\n%+v", data, back)
	}
	other := back
	other.Changes = slices.Clone(back.Changes)
	other.Changes[4] = grid.Rename("c", "别的")
	if other.Equal(b) {
		t.Error("Equal ignores a changed name")
	}
}

func TestDiff(t *testing.T) {
	tree := smallCity()
	at := day("2024-01-01")
	if err := tree.Apply(grid.Batch{ID: "d", At: at, Changes: []grid.Change{
		grid.Retire("b1u1"), grid.Rename("b1", "一号楼"), grid.Recode("c2", "110101001009"),
	}}); err != nil {
		t.Fatal(err)
	}
	ds := tree.Diff(day("2023-06-01"), at)
	got := map[grid.ID]string{}
	for _, d := range ds {
		got[d.ID] = fmt.Sprint(d.Created(), d.Retired(), d.Moved(), d.Recoded(), d.Renamed())
	}
	want := map[grid.ID]string{"b1u1": "false true false false false", "b1": "false false false false true", "c2": "false false false true false"}
	if !maps.Equal(got, want) {
		t.Errorf("Diff = %v, want %v", got, want)
	}
	if ds := tree.Diff(at, at); len(ds) != 0 {
		t.Errorf("Diff of an instant with itself = %v", ds)
	}
	if ds := tree.Diff(day("2022-01-01"), at); len(ds) != tree.Len()-1 || !ds[0].Created() {
		t.Errorf("Diff from before the city existed: %d differences, want %d creations", len(ds), tree.Len()-1)
	}
}
