package agenda_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/internal/cputime"
)

// beijingRecords builds a Beijing-sized grid (16 districts, 343
// subdistricts, 7,000 communities, each with 10 buildings) and a year of
// records: 15 meetings per community, some at a building, some without
// quorum, and 0-5 solved topics per community.
func beijingRecords() (parents, []grid.ID, []agenda.Held, []agenda.Closure) {
	tree := parents{}
	var comms []grid.ID
	var held []agenda.Held
	var solved []agenda.Closure
	for d := range 16 {
		tree[grid.ID(fmt.Sprintf("d%02d", d))] = "beijing"
	}
	for s := range 343 {
		tree[grid.ID(fmt.Sprintf("s%03d", s))] = grid.ID(fmt.Sprintf("d%02d", s%16))
	}
	for c := range 7000 {
		id := grid.ID(fmt.Sprintf("c%04d", c))
		tree[id] = grid.ID(fmt.Sprintf("s%03d", c%343))
		comms = append(comms, id)
		for b := range 10 {
			tree[grid.ID(fmt.Sprintf("%s-b%d", id, b))] = id
		}
		for m := range 15 {
			g := id
			if m%5 == 0 {
				g = grid.ID(fmt.Sprintf("%s-b%d", id, m%10))
			}
			held = append(held, agenda.Held{Grid: g, Kind: "council",
				At: time.Date(2026, time.Month(1+m%12), 1+(c+m)%28, 19, 0, 0, 0, cst), Quorate: (c+m)%7 != 0})
		}
		for k := range c % 6 {
			solved = append(solved, agenda.Closure{Grid: id, At: time.Date(2026, time.Month(2+2*k), 10, 0, 0, 0, 0, cst)})
		}
	}
	return tree, comms, held, solved
}

// BenchmarkComplianceBeijing is the yearly compliance report for 7,000
// communities with 15 meetings each, rolled up a Beijing-sized grid.
func BenchmarkComplianceBeijing(b *testing.B) {
	tree, comms, held, solved := beijingRecords()
	day := date(2026, 12, 31)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cputime.Process()
	for b.Loop() {
		r, err := agenda.Compliance(agenda.Chaoyang(), tree, comms, held, solved, day)
		if err != nil || len(r.Communities) != 7000 {
			b.Fatal(err)
		}
	}
	// CPU time per report (all threads, GC included): on a loaded shared
	// machine wall time (ns/op) overstates the cost.
	b.ReportMetric(float64(cputime.Process()-cpu)/float64(b.N), "cpu-ns/op")
}

// beijingGrid loads the same hierarchy into a grid.Tree.
func beijingGrid(b testing.TB, parents parents) *grid.Tree {
	t, err := grid.NewTreeSize(grid.DefaultHierarchy(), len(parents)+1)
	if err != nil {
		b.Fatal(err)
	}
	ch := []grid.Change{grid.Create("beijing", "", grid.LevelCity, "", "北京市")}
	level := func(id grid.ID) grid.Level {
		switch id[0] {
		case 'd':
			return grid.LevelDistrict
		case 's':
			return grid.LevelSubdistrict
		}
		if len(id) > 5 {
			return grid.LevelBuilding
		}
		return grid.LevelCommunity
	}
	// Parents before children: districts, subdistricts, communities, buildings.
	for _, l := range []grid.Level{grid.LevelDistrict, grid.LevelSubdistrict, grid.LevelCommunity, grid.LevelBuilding} {
		for id, p := range parents {
			if level(id) == l {
				ch = append(ch, grid.Create(id, p, l, "", string(id)))
			}
		}
	}
	if err := t.Apply(grid.Batch{ID: "init", At: date(2025, 1, 1), Changes: ch}); err != nil {
		b.Fatal(err)
	}
	return t
}

// BenchmarkComplianceBeijingGridTree is BenchmarkComplianceBeijing rolled
// up a real grid.Tree (through a grid.View) instead of a parent map.
func BenchmarkComplianceBeijingGridTree(b *testing.B) {
	parents, comms, held, solved := beijingRecords()
	tree := beijingGrid(b, parents).At(date(2026, 12, 31))
	day := date(2026, 12, 31)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cputime.Process()
	for b.Loop() {
		r, err := agenda.Compliance(agenda.Chaoyang(), tree, comms, held, solved, day)
		if err != nil || len(r.Communities) != 7000 {
			b.Fatal(err)
		}
	}
	// CPU time per report (all threads, GC included): on a loaded shared
	// machine wall time (ns/op) overstates the cost.
	b.ReportMetric(float64(cputime.Process()-cpu)/float64(b.N), "cpu-ns/op")
}

// TestGridTreeMatchesParentMap: the report over a grid.Tree equals the
// report over the same hierarchy as a parent map.
func TestGridTreeMatchesParentMap(t *testing.T) {
	parents := parents{"d00": "beijing", "s000": "d00", "s001": "d00", "c0000": "s000", "c0001": "s001", "c0000-b1": "c0000"}
	gt := beijingGrid(t, parents).At(date(2026, 6, 1))
	held := []agenda.Held{{Grid: "c0000-b1", Kind: "council", At: date(2026, 2, 1), Quorate: true}, {Grid: "c0001", Kind: "council", At: date(2026, 3, 1), Quorate: true}}
	comms := []grid.ID{"c0000", "c0001"}
	a, err := agenda.Compliance(agenda.Chaoyang(), parents, comms, held, nil, date(2026, 6, 1))
	if err != nil {
		t.Fatal(err)
	}
	b, err := agenda.Compliance(agenda.Chaoyang(), gt, comms, held, nil, date(2026, 6, 1))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(a, b); d != "" {
		t.Errorf("grid.Tree and parent map disagree (-map +tree):\n%s", d)
	}
	if n, ok := b.Node("beijing"); !ok || n.Meetings != 2 {
		t.Errorf("root roll-up %+v", n)
	}
}
