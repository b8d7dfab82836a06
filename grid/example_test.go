package grid_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/gongzhi/gongzhi/grid"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// smallCity builds an illustrative piece of Dongcheng: one subdistrict, two
// communities, one grid each, two buildings, and a grid worker.
func smallCity() *grid.Tree {
	t, err := grid.NewTree(grid.DefaultHierarchy())
	if err != nil {
		panic(err)
	}
	err = t.Apply(grid.Batch{ID: "init", At: day("2023-01-01"), Reason: "initial grid", Changes: []grid.Change{
		grid.Create("bj", "", grid.LevelCity, "110000", "北京市"),
		grid.Create("dc", "bj", grid.LevelDistrict, "110101", "东城区"),
		grid.Create("dhm", "dc", grid.LevelSubdistrict, "110101001", "东华门街道"),
		grid.Create("c1", "dhm", grid.LevelCommunity, "110101001001", "社区甲"),
		grid.Create("c2", "dhm", grid.LevelCommunity, "110101001002", "社区乙"),
		grid.Create("g1", "c1", grid.LevelGrid, "110101001001001", "甲一网格"),
		grid.Create("g2", "c2", grid.LevelGrid, "110101001002001", "乙一网格"),
		grid.Create("b1", "g1", grid.LevelBuilding, "1101010010010010001", "1号楼"),
		grid.Create("b2", "g1", grid.LevelBuilding, "1101010010010010002", "2号楼"),
		grid.Create("b1u1", "b1", grid.LevelUnit, "110101001001001000101", "1号楼1单元"),
		grid.PutPerson(grid.Person{ID: "p-wang", Name: "王网格员"}),
		grid.PutPerson(grid.Person{ID: "p-li", Name: "李书记"}),
		grid.Assign(grid.Assignment{ID: "a1", Person: "p-wang", Role: grid.GridWorker, Node: "g1"}),
		grid.Assign(grid.Assignment{ID: "a2", Person: "p-li", Role: grid.CommunitySecretary, Node: "c1"}),
	}})
	if err != nil {
		panic(err)
	}
	return t
}

func ExampleParseCode() {
	c, err := grid.ParseCode("110101001001001")
	fmt.Println(c, c.Kind(), err)
	p, _ := c.Parent()
	fmt.Println(p, p.Kind(), p.Statistical())
	b, _ := c.Child(12)
	fmt.Println(b, b.Kind())
	d, _ := grid.ParseCode("110101000000") // the NBS 12-digit form of Dongcheng
	fmt.Println(d, d.Kind())
	_, err = grid.ParseCode("990101")
	fmt.Println(err)
	// Output:
	// 110101001001001 grid <nil>
	// 110101001001 village 110101001001
	// 1101010010010010012 building
	// 110101 county
	// grid: invalid code "990101": province 99 is not a GB/T 2260 province
}

func ExampleTree_Responsible() {
	t := smallCity()
	at := day("2024-03-01")
	r, err := t.Responsible("b1u1", at, grid.Query{Matter: "water", Roles: []grid.Role{grid.GridWorker}})
	if err != nil {
		panic(err)
	}
	a, p := r.Primary()
	fmt.Println(r.Path, a.Role, p.Name)
	_, err = t.Responsible("b1u1", at, grid.Query{Roles: []grid.Role{grid.PropertyCompany}})
	fmt.Println(errors.Is(err, grid.ErrNoResponsible))
	// Output:
	// [b1u1 b1 g1] grid_worker 王网格员
	// true
}

func ExampleTree_SplitChanges() {
	t := smallCity()
	split := day("2024-06-01")
	changes, err := t.SplitChanges("c1", split, []grid.Part{
		{ID: "c3", Code: "110101001003", Name: "社区丙", Children: []grid.ID{"g1"}},
	}, false)
	if err != nil {
		panic(err)
	}
	if err := t.Apply(grid.Batch{ID: "split-c1", At: split, Reason: "split of 社区甲", Changes: changes}); err != nil {
		panic(err)
	}
	before, _ := t.AncestorAt("b1", grid.LevelCommunity, day("2023-05-01"))
	after, _ := t.AncestorAt("b1", grid.LevelCommunity, day("2024-07-01"))
	fmt.Println(before, after)
	h, _ := t.History("g1")
	for _, r := range h {
		fmt.Println(r.Period.From.Format(time.DateOnly), r.Parent)
	}
	// Output:
	// c1 c3
	// 2023-01-01 c1
	// 2024-06-01 c3
}

func ExampleRollUp() {
	t := smallCity()
	v := t.At(day("2024-01-01"))
	tickets := make([]int64, v.Len())
	for id, n := range map[grid.ID]int64{"b1u1": 3, "b2": 2, "g2": 1} {
		i, _ := v.Index(id)
		tickets[i] += n
	}
	totals := grid.RollUp(v, tickets)
	for _, id := range []grid.ID{"dc", "c1", "c2", "b1"} {
		i, _ := v.Index(id)
		fmt.Println(id, totals[i])
	}
	// Output:
	// dc 6
	// c1 5
	// c2 1
	// b1 3
}

func ExampleKeyring_Verify() {
	t := smallCity()
	kr := grid.Keyring{Keys: []grid.Key{{ID: "dc-2024", District: "dc", Secret: []byte("0123456789abcdef-dongcheng")}}}
	code, err := kr.Sign(grid.Payload{KeyID: "dc-2024", Node: "b1u1", Code: "110101001001001000101", Issued: day("2024-01-01")})
	if err != nil {
		panic(err)
	}
	n, _, err := t.Scan(kr, code, day("2024-03-01"))
	fmt.Println(n.ID, n.Name, err)
	forged := code[:len(code)-2] + "AA"
	_, err = kr.Verify(forged)
	var pe *grid.PayloadError
	fmt.Println(errors.As(err, &pe), pe.Fault)
	// Output:
	// b1u1 1号楼1单元 <nil>
	// true bad signature
}
