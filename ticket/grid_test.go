package ticket_test

import (
	"time"

	"github.com/gongzhi/gongzhi/grid"
)

var gridStart = time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)

// smallGrid is one subdistrict with two communities, three grids, four
// buildings and the people responsible for them.
func smallGrid() *grid.Tree {
	t, err := grid.NewTree(grid.DefaultHierarchy())
	if err != nil {
		panic(err)
	}
	err = t.Apply(grid.Batch{ID: "init", At: gridStart, Changes: []grid.Change{
		grid.Create("bj", "", grid.LevelCity, "", "北京市"),
		grid.Create("cy", "bj", grid.LevelDistrict, "", "朝阳区"),
		grid.Create("sj", "cy", grid.LevelSubdistrict, "", "双井街道"),
		grid.Create("c1", "sj", grid.LevelCommunity, "", "社区甲"),
		grid.Create("c2", "sj", grid.LevelCommunity, "", "社区乙"),
		grid.Create("g1", "c1", grid.LevelGrid, "", "甲一网格"),
		grid.Create("g2", "c1", grid.LevelGrid, "", "甲二网格"),
		grid.Create("g3", "c2", grid.LevelGrid, "", "乙一网格"),
		grid.Create("b1", "g1", grid.LevelBuilding, "", "1号楼"),
		grid.Create("b2", "g1", grid.LevelBuilding, "", "2号楼"),
		grid.Create("b3", "g2", grid.LevelBuilding, "", "3号楼"),
		grid.Create("b4", "g3", grid.LevelBuilding, "", "4号楼"),
		grid.PutPerson(grid.Person{ID: "p-wang", Name: "王网格员"}),
		grid.PutPerson(grid.Person{ID: "p-zhao", Name: "赵楼门长"}),
		grid.PutPerson(grid.Person{ID: "p-li", Name: "李书记"}),
		grid.PutPerson(grid.Person{ID: "p-water", Name: "自来水公司", Org: "water"}),
		grid.Assign(grid.Assignment{ID: "a1", Person: "p-wang", Role: grid.GridWorker, Node: "g1"}),
		grid.Assign(grid.Assignment{ID: "a2", Person: "p-zhao", Role: grid.BuildingSteward, Node: "b1"}),
		grid.Assign(grid.Assignment{ID: "a3", Person: "p-li", Role: grid.CommunitySecretary, Node: "c1"}),
	}})
	if err != nil {
		panic(err)
	}
	return t
}

var gridNodes = []grid.ID{"bj", "cy", "sj", "c1", "c2", "g1", "g2", "g3", "b1", "b2", "b3", "b4"}
