package gridtest_test

import (
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/grid/gridtest"
)

func TestGenerateCity(t *testing.T) {
	at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, spec := range []gridtest.CitySpec{
		{Districts: 2, Subdistricts: 2, Communities: 2, Grids: 2, Buildings: 2, Units: 2, Households: 2},
		{Districts: 20, Subdistricts: 1},
		{Districts: 1, Subdistricts: 2, Communities: 3, Grids: 2, Buildings: 2, Workers: true},
	} {
		b := gridtest.GenerateCity(spec, "city", at)
		tree, err := grid.NewTree(grid.DefaultHierarchy())
		if err != nil {
			t.Fatal(err)
		}
		if err := tree.Apply(b); err != nil {
			t.Fatalf("%+v: generated city does not apply: %v", spec, err)
		}
		if tree.Len() != spec.Size() {
			t.Errorf("%+v: %d nodes, Size says %d", spec, tree.Len(), spec.Size())
		}
		if spec.Workers {
			r, err := tree.Responsible(gridtest.NodeID("1101010010020010002"), at, grid.Query{Roles: []grid.Role{grid.GridWorker}})
			if err != nil || r.Node != gridtest.NodeID("110101001002001") {
				t.Errorf("generated grid worker: %+v, %v", r, err)
			}
		}
	}
	if n := gridtest.BeijingScale().Size(); n != 1_065_809 {
		t.Errorf("BeijingScale().Size() = %d", n)
	}
}
