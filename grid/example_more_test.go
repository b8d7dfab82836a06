package grid_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/grid/gridtest"
)

func ExampleDefaultHierarchy() {
	h := grid.DefaultHierarchy()
	for i, l := range h.Levels {
		fmt.Println(i, l.Name, l.Label, l.Codes)
	}
	// Output:
	// 0 city 市 [province prefecture]
	// 1 district 区 [county]
	// 2 subdistrict 街道/乡镇 [township]
	// 3 community 社区/村 [village]
	// 4 grid 网格 [grid]
	// 5 building 楼栋 [building]
	// 6 unit 单元 [unit]
	// 7 household 户 [household]
}

func ExampleService() {
	ctx := context.Background()
	svc := grid.NewService(grid.NewMemStore(), nil)
	city := gridtest.GenerateCity(gridtest.CitySpec{Districts: 1, Subdistricts: 2, Communities: 2, Grids: 2, Buildings: 2, Workers: true}, "city", day("2024-01-01"))
	v, err := svc.Apply(ctx, city)
	fmt.Println("version", v, err)
	v, err = svc.Apply(ctx, city) // a retry is idempotent
	fmt.Println("retry", v, err)

	building := gridtest.NodeID("1101010020020010002")
	community, _ := svc.AncestorAt(ctx, building, grid.LevelCommunity, day("2024-03-01"))
	r, _ := svc.Responsible(ctx, building, day("2024-03-01"), grid.Query{Roles: []grid.Role{grid.GridWorker}})
	_, p := r.Primary()
	fmt.Println(community, p.Name)
	// Output:
	// version 1 <nil>
	// retry 1 <nil>
	// n110101002002 grid_worker 110101002002001
}

func ExampleReadCSV() {
	f, err := os.Open("testdata/dongcheng.csv")
	if err != nil {
		panic(err)
	}
	defer f.Close()
	recs, err := grid.ReadCSV(f, grid.DefaultHierarchy())
	if err != nil {
		panic(err)
	}
	tree, err := grid.Load(grid.DefaultHierarchy(), recs)
	if err != nil {
		panic(err)
	}
	for _, at := range []string{"2023-01-01", "2024-06-01"} {
		c, _ := tree.AncestorAt("1101010010010010001", grid.LevelCommunity, day(at))
		n, _ := tree.Node(c, day(at))
		fmt.Println(at, n.Code, n.Name)
	}
	var out strings.Builder
	_ = grid.WriteCSV(&out, tree)
	fmt.Print(strings.Join(strings.Split(out.String(), "\n")[:3], "\n"), "\n")
	// Output:
	// 2023-01-01 110101001001 社区甲
	// 2024-06-01 110101001002 社区乙
	// id,code,name,level,parent_id,parent_code,valid_from,valid_to
	// 110000,110000,北京市,city,,,2020-01-01,
	// 110101,110101,东城区,district,110000,110000,2020-01-01,
}

func ExampleTree_MergeChanges() {
	t := smallCity()
	at := day("2025-01-01")
	changes, _ := t.MergeChanges([]grid.ID{"c1", "c2"}, grid.Part{ID: "c12", Code: "110101001001", Name: "甲乙社区"}, at)
	for _, c := range changes {
		fmt.Println(strings.Join(strings.Fields(fmt.Sprint(c.Op, " ", c.Node, " ", c.Parent, " ", c.Code)), " "))
	}
	fmt.Println(t.Apply(grid.Batch{ID: "merge", At: at, Reason: "merger of 社区甲 and 社区乙", Changes: changes}))
	// Output:
	// create c12 dhm
	// move g1 c12
	// retire c1
	// move g2 c12
	// retire c2
	// recode c12 110101001001
	// <nil>
}

func ExampleView_AncestorAt() {
	v := smallCity().At(day("2024-01-01"))
	for _, l := range []grid.Level{grid.LevelGrid, grid.LevelCommunity, grid.LevelDistrict} {
		a, _ := v.AncestorAt("b1u1", l)
		fmt.Println(v.Hierarchy().Name(l), a)
	}
	// Output:
	// grid g1
	// community c1
	// district dc
}

func ExampleFold() {
	v := smallCity().At(day("2024-01-01"))
	type metrics struct{ Tickets, Resolved int64 }
	acc := make([]metrics, v.Len())
	for id, m := range map[grid.ID]metrics{"b1u1": {4, 3}, "b2": {2, 2}, "g2": {1, 0}} {
		i, _ := v.Index(id)
		acc[i] = m
	}
	grid.Fold(v, acc, func(parent, child *metrics) {
		parent.Tickets += child.Tickets
		parent.Resolved += child.Resolved
	})
	for _, id := range []grid.ID{"c1", "c2", "dc"} {
		i, _ := v.Index(id)
		fmt.Printf("%s %d/%d\n", id, acc[i].Resolved, acc[i].Tickets)
	}
	// Output:
	// c1 5/6
	// c2 0/1
	// dc 5/7
}

func ExampleTree_Attribute() {
	t := smallCity()
	split := day("2024-06-01")
	changes, _ := t.SplitChanges("c1", split, []grid.Part{{ID: "c3", Name: "社区丙", Children: []grid.ID{"g1"}}}, false)
	_ = t.Apply(grid.Batch{ID: "split", At: split, Changes: changes})

	// Tickets filed in building b1 before and after the split count for the
	// community b1 belonged to when each was filed.
	tickets := func(yield func(grid.ID, time.Time) bool) {
		for _, at := range []string{"2023-03-01", "2024-02-01", "2024-07-01", "2024-08-01"} {
			if !yield("b1", day(at)) {
				return
			}
		}
	}
	counts, unattributed := t.Attribute(tickets, grid.LevelCommunity)
	fmt.Println(counts["c1"], counts["c3"], unattributed)
	// Output: 2 2 0
}

func ExampleTree_Diff() {
	t := smallCity()
	split := day("2024-06-01")
	changes, _ := t.SplitChanges("c1", split, []grid.Part{{ID: "c3", Code: "110101001003", Name: "社区丙", Children: []grid.ID{"g1"}}}, false)
	_ = t.Apply(grid.Batch{ID: "split", At: split, Changes: changes})
	for _, d := range t.Diff(day("2024-01-01"), day("2025-01-01")) {
		switch {
		case d.Created():
			fmt.Println("created", d.ID, d.After.Code, d.After.Name, "under", d.After.Parent)
		case d.Moved():
			fmt.Println("moved", d.ID, "from", d.Before.Parent, "to", d.After.Parent)
		}
	}
	// Output:
	// moved g1 from c1 to c3
	// created c3 110101001003 社区丙 under dhm
}
