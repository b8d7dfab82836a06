package grid_test

import (
	"fmt"
	"testing"

	"github.com/gongzhi/gongzhi/grid"
)

func TestMaySummon(t *testing.T) {
	h := grid.DefaultHierarchy()
	for l := grid.LevelCity; l <= grid.LevelHousehold; l++ {
		if got, want := h.MaySummon(l), l == grid.LevelSubdistrict; got != want {
			t.Errorf("level %s may summon: %v, want %v", h.Name(l), got, want)
		}
	}
	for name, want := range map[string]bool{"subdistrict": true, "township": true, "community": false,
		"district": false, "department": false, "": false, "Subdistrict": false} {
		if got := grid.MaySummon(name); got != want {
			t.Errorf("MaySummon(%q) = %v, want %v", name, got, want)
		}
	}
	if h.MaySummon(grid.NoLevel) || h.MaySummon(grid.Level(40)) {
		t.Error("an unknown level may not summon")
	}
}

func ExampleMaySummon() {
	fmt.Println(grid.MaySummon("subdistrict"), grid.MaySummon("community"))
	// Output: true false
}
