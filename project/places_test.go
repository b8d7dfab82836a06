package project_test

import (
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/project"
	"github.com/google/go-cmp/cmp"
)

// TestPlacesGridView plans with a cap on a subdistrict of a real grid,
// frozen before a community moves to another subdistrict.
func TestPlacesGridView(t *testing.T) {
	h := grid.DefaultHierarchy()
	lv := func(name string) grid.Level { l, _ := h.Level(name); return l }
	tr, err := grid.NewTree(h)
	if err != nil {
		t.Fatal(err)
	}
	jan := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := tr.Apply(grid.Batch{ID: "b1", At: jan.AddDate(-1, 0, 0), Changes: []grid.Change{
		grid.Create("d", "", lv("district"), "", "区"),
		grid.Create("s1", "d", lv("subdistrict"), "", "街道1"),
		grid.Create("s2", "d", lv("subdistrict"), "", "街道2"),
		grid.Create("c1", "s1", lv("community"), "", "社区1"),
		grid.Create("c2", "s1", lv("community"), "", "社区2"),
	}}); err != nil {
		t.Fatal(err)
	}
	if err := tr.Apply(grid.Batch{ID: "b2", At: jan.AddDate(0, 6, 0), Reason: "redistricting", Changes: []grid.Change{grid.Move("c2", "s2")}}); err != nil {
		t.Fatal(err)
	}
	cands := []project.Candidate{
		{Project: "p1", Grid: "c1", Cost: d("60"), Pin: "x"},
		{Project: "p2", Grid: "c2", Cost: d("60"), Pin: "y"},
	}
	rule := project.PlanRule{Year: 2027, Budget: d("1000"), Caps: []project.Cap{{Grid: "s1", Budget: dp("100")}}}
	plan, err := project.Choose(rule, cands, tr.At(jan))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]project.ID{"p1"}, plan.Selected); diff != "" {
		t.Errorf("as of January both communities are in s1 (-want +got):\n%s", diff)
	}
	plan, _ = project.Choose(rule, cands, tr.At(jan.AddDate(0, 7, 0)))
	if diff := cmp.Diff([]project.ID{"p1", "p2"}, plan.Selected); diff != "" {
		t.Errorf("after the move c2 is in s2 (-want +got):\n%s", diff)
	}
}
