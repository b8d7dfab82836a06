package ticket

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/grid"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// drawView builds a grid of random shape (city, districts, subdistricts,
// communities, grids, buildings, each with 0-3 children) and its view.
func drawView(rt *rapid.T) (*grid.View, []grid.ID) {
	tree, err := grid.NewTree(grid.DefaultHierarchy())
	if err != nil {
		rt.Fatal(err)
	}
	at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	levels := []grid.Level{grid.LevelCity, grid.LevelDistrict, grid.LevelSubdistrict, grid.LevelCommunity, grid.LevelGrid, grid.LevelBuilding}
	ch := []grid.Change{grid.Create("n", "", grid.LevelCity, "", "")}
	ids := []grid.ID{"n"}
	var grow func(parent grid.ID, depth int)
	grow = func(parent grid.ID, depth int) {
		if depth == len(levels) {
			return
		}
		for k := range rapid.IntRange(0, 3).Draw(rt, "children") {
			id := grid.ID(fmt.Sprintf("%s.%d", parent, k))
			ch = append(ch, grid.Create(id, parent, levels[depth], "", ""))
			ids = append(ids, id)
			grow(id, depth+1)
		}
	}
	grow("n", 1)
	if err := tree.Apply(grid.Batch{ID: "b", At: at, Changes: ch}); err != nil {
		rt.Fatal(err)
	}
	return tree.At(at.Add(time.Hour)), ids
}

// drawFlags gives a fact random flags.
func drawFlags(rt *rapid.T, f *Fact) {
	f.Dispatched = rapid.Bool().Draw(rt, "dispatched")
	f.Responded = rapid.Bool().Draw(rt, "responded")
	f.Resolved = rapid.Bool().Draw(rt, "resolved")
	f.ResolvedLevel = rapid.SampledFrom(append(Levels(), "", "moon")).Draw(rt, "level")
	f.Rated = rapid.Bool().Draw(rt, "rated")
	f.Solved = rapid.Bool().Draw(rt, "solved")
	f.Satisfaction = rapid.SampledFrom([]Satisfaction{Satisfied, BasicSatisfied, Dissatisfied, ""}).Draw(rt, "sat")
	f.Overdue = rapid.Bool().Draw(rt, "overdue")
}

// TestDeltaOfMatchesTallyAdd checks the compact record against Tally.Add
// for every combination of flags, level and satisfaction.
func TestDeltaOfMatchesTallyAdd(t *testing.T) {
	bools := []bool{false, true}
	n := 0
	for _, disp := range bools {
		for _, resp := range bools {
			for _, res := range bools {
				for _, rated := range bools {
					for _, solved := range bools {
						for _, l := range append(Levels(), "", "moon") {
							for _, s := range []Satisfaction{Satisfied, BasicSatisfied, Dissatisfied, ""} {
								for _, overdue := range bools {
									f := Fact{Dispatched: disp, Responded: resp, Resolved: res, ResolvedLevel: l,
										Rated: rated, Solved: solved, Satisfaction: s, Overdue: overdue}
									var want, got Tally
									want.Add(&f)
									d := deltaOf(&f)
									d.flush(&got)
									if diff := cmp.Diff(want, got); diff != "" {
										t.Fatalf("%+v (-Tally.Add +compact):\n%s", f, diff)
									}
									n++
								}
							}
						}
					}
				}
			}
		}
	}
	// A full record: every lane at laneMax, no carry.
	var c compact
	f := Fact{Dispatched: true, Responded: true, Resolved: true, ResolvedLevel: BuildingLevel, Rated: true, Solved: true, Satisfaction: Satisfied}
	d := deltaOf(&f)
	var want Tally
	for range laneMax {
		c.merge(&d)
		want.Add(&f)
	}
	var got Tally
	c.flush(&got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("full record (-want +got):\n%s", diff)
	}
}

// TestNodeIndexMatchesView checks the roll-up's hash index against
// View.Index, also with no tag bits (every occupied slot a candidate, so
// the ID comparison and the continued probe decide).
func TestNodeIndexMatchesView(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		v, ids := drawView(rt)
		x := newNodeIndex(v, rapid.SampledFrom([]uint64{tagBits, 0}).Draw(rt, "tag"))
		for _, id := range append(ids, "", "nope", "n.9", grid.ID(strings.Repeat("n", 40))) {
			want, ok := v.Index(grid.ID(strings.Clone(string(id))))
			if !ok {
				want = -1
			}
			if got := x.Index(id); got != want {
				rt.Fatalf("Index(%q) = %d, view says %d", id, got, want)
			}
		}
	})
}

// TestRollUpViewBatchesMatchBruteForce streams runs of facts (long runs
// cross batch boundaries and the record limit, IDs are fresh copies or
// shared strings) through the batched roll-up and compares every node's
// subtree tally and the unplaced tally with a brute-force count.
func TestRollUpViewBatchesMatchBruteForce(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		v, ids := drawView(rt)
		places := append(ids, "", "nope")
		var facts []Fact
		for range rapid.IntRange(0, 12).Draw(rt, "runs") {
			node := rapid.SampledFrom(places).Draw(rt, "node")
			run := rapid.SampledFrom([]int{1, 2, 5, 200, 255, 256, 300, 600}).Draw(rt, "run")
			f := Fact{Node: node}
			drawFlags(rt, &f)
			for k := range run {
				g := f
				if k%3 == 1 {
					g.Node = grid.ID(strings.Clone(string(node)))
				}
				if k%7 == 3 {
					g.Dispatched = !g.Dispatched
				}
				facts = append(facts, g)
			}
		}
		want := make([]Tally, v.Len())
		var wantOut Tally
		for i := range facts {
			k, ok := v.Index(facts[i].Node)
			if !ok {
				wantOut.Add(&facts[i])
				continue
			}
			for ; k >= 0; k = v.ParentIndex(k) {
				want[k].Add(&facts[i])
			}
		}
		limit := rapid.SampledFrom([]uint32{1, 2, 3, 7, 254, laneMax, math.MaxUint32}).Draw(rt, "limit")
		x := newNodeIndex(v, rapid.SampledFrom([]uint64{tagBits, 0}).Draw(rt, "tag"))
		got, gotOut := newRoller(v, x, limit).run(func(yield func(Fact) bool) {
			for _, f := range facts {
				if !yield(f) {
					return
				}
			}
		})
		if d := cmp.Diff(want, got); d != "" {
			rt.Fatalf("tallies (-brute +got):\n%s", d)
		}
		if d := cmp.Diff(wantOut, gotOut); d != "" {
			rt.Fatalf("unplaced (-brute +got):\n%s", d)
		}
	})
}
