// Command city-grid builds a small illustrative city grid, prints a
// subtree, resolves a scanned building code to the responsible grid worker,
// and splits a community while keeping its history.
//
// Names and codes below the district level are illustrative, not real
// statistical codes.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/gongzhi/gongzhi/examples/internal/storage"
	"github.com/gongzhi/gongzhi/grid"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func main() {
	stores := storage.Open(context.Background()) // -db FILE.sqlite keeps the records in a file
	defer stores.Close()
	ctx := context.Background()
	svc := grid.NewService(stores.Grid(), nil)

	// 1. Build the city: Beijing > Dongcheng > one subdistrict > two
	//    communities, their grids, buildings and units, with codes derived
	//    from the parent codes (DB11/T 2157-2023 grid codes, extended to
	//    buildings and units).
	changes := []grid.Change{
		grid.Create("bj", "", grid.LevelCity, "110000", "北京市"),
		grid.Create("dc", "bj", grid.LevelDistrict, "110101", "东城区"),
		grid.Create("jd", "dc", grid.LevelSubdistrict, "110101001", "示例街道"),
	}
	type place struct {
		id   grid.ID
		code grid.Code
	}
	communities := []place{}
	for c := 1; c <= 2; c++ {
		cc, _ := grid.Code("110101001").Child(c)
		cid := grid.ID(fmt.Sprintf("c%d", c))
		communities = append(communities, place{cid, cc})
		changes = append(changes, grid.Create(cid, "jd", grid.LevelCommunity, cc, fmt.Sprintf("示例%s社区", "甲乙"[3*(c-1):3*c])))
		for g := 1; g <= 2; g++ {
			gc, _ := cc.Child(g)
			gid := grid.ID(fmt.Sprintf("c%dg%d", c, g))
			changes = append(changes, grid.Create(gid, cid, grid.LevelGrid, gc, fmt.Sprintf("第%d网格", g)))
			for b := 1; b <= 2; b++ {
				bc, _ := gc.Child(b)
				bid := grid.ID(fmt.Sprintf("%sb%d", gid, b))
				changes = append(changes, grid.Create(bid, gid, grid.LevelBuilding, bc, fmt.Sprintf("%d号楼", (g-1)*2+b)))
				for u := 1; u <= 2; u++ {
					uc, _ := bc.Child(u)
					changes = append(changes, grid.Create(grid.ID(fmt.Sprintf("%su%d", bid, u)), bid, grid.LevelUnit, uc, fmt.Sprintf("%d单元", u)))
				}
			}
			worker := grid.PersonID(fmt.Sprintf("w-%s", gid))
			changes = append(changes,
				grid.PutPerson(grid.Person{ID: worker, Name: fmt.Sprintf("网格员%s", strings.ToUpper(string(gid)))}),
				grid.Assign(grid.Assignment{ID: "a-" + string(gid), Person: worker, Role: grid.GridWorker, Node: gid}))
		}
	}
	changes = append(changes,
		grid.PutPerson(grid.Person{ID: "sec-c1", Name: "甲社区书记"}),
		grid.Assign(grid.Assignment{ID: "a-sec-c1", Person: "sec-c1", Role: grid.CommunitySecretary, Node: "c1"}))
	apply(ctx, stores, svc, grid.Batch{ID: "init", At: day("2023-01-01"), Reason: "initial grid", Changes: changes})

	// 2. Print community 甲's subtree.
	v, err := svc.View(ctx, day("2023-06-01"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("== subtree of c1 on 2023-06-01")
	for id := range v.Subtree("c1") {
		n, _ := v.Node(id)
		depth := int(n.Level - grid.LevelCommunity)
		fmt.Printf("%s%s %s (%s)\n", strings.Repeat("  ", depth), n.Code, n.Name, v.Hierarchy().Name(n.Level))
	}
	units := grid.RollUp(v, unitMask(v))
	for _, c := range communities {
		i, _ := v.Index(c.id)
		fmt.Printf("units in %s: %d\n", c.id, units[i])
	}

	// 3. Scan-to-report: the QR code on unit 1 of building c1g2b1, signed
	//    with Dongcheng's key, resolves to the responsible grid worker.
	kr := grid.Keyring{Keys: []grid.Key{{ID: "dc-2023", District: "dc", Secret: []byte("illustrative-dongcheng-key")}}}
	unit := grid.ID("c1g2b1u1")
	un, _ := v.Node(unit)
	qr, err := kr.Sign(grid.Payload{KeyID: "dc-2023", Node: unit, Code: un.Code, Issued: day("2023-01-01")})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("\n== scan-to-report")
	fmt.Println("QR payload:", qr)
	scanned := day("2023-06-01")
	n, _, err := svc.Scan(ctx, kr, qr, scanned)
	if err != nil {
		log.Fatal(err)
	}
	r, err := svc.Responsible(ctx, n.ID, scanned, grid.Query{Matter: "water leak", Roles: []grid.Role{grid.GridWorker}})
	if err != nil {
		log.Fatal(err)
	}
	a, p := r.Primary()
	fmt.Printf("scanned %s (%s) -> %s %s, found at %s via %v\n", n.ID, n.Code, a.Role, p.Name, r.Node, r.Path)
	fmt.Println(r.Explain())
	// A forged code: the right key id, a guessed secret, another unit.
	forger := grid.Keyring{Keys: []grid.Key{{ID: "dc-2023", Secret: []byte("guessed-secret-0000")}}}
	forged, _ := forger.Sign(grid.Payload{KeyID: "dc-2023", Node: "c2g1b1u1", Issued: day("2023-01-01")})
	_, _, err = svc.Scan(ctx, kr, forged, scanned)
	var pe *grid.PayloadError
	fmt.Println("forged code rejected:", errors.As(err, &pe), pe.Fault)

	// 4. Split community 甲 on 2024-06-01: grid 2 goes to a new community 丙.
	//    The plan is drawn from the tree before the split, so a run that
	//    finds the split in the file skips it.
	split := day("2024-06-01")
	if !stored(ctx, stores, svc, "split-c1") {
		var plan []grid.Change
		err = svc.Read(ctx, func(t *grid.Tree) (err error) {
			plan, err = t.SplitChanges("c1", split, []grid.Part{{ID: "c3", Code: "110101001003", Name: "示例丙社区", Children: []grid.ID{"c1g2"}}}, false)
			return err
		})
		if err != nil {
			log.Fatal(err)
		}
		plan = append(plan,
			grid.PutPerson(grid.Person{ID: "sec-c3", Name: "丙社区书记"}),
			grid.Assign(grid.Assignment{ID: "a-sec-c3", Person: "sec-c3", Role: grid.CommunitySecretary, Node: "c3"}))
		if _, err := svc.Apply(ctx, grid.Batch{ID: "split-c1", At: split, Reason: "split of 示例甲社区", Changes: plan}); err != nil {
			log.Fatal(err)
		}
	}

	fmt.Println("\n== split of c1 on 2024-06-01")
	b := grid.ID("c1g2b1")
	for _, at := range []string{"2023-05-01", "2024-07-01"} {
		c, _ := svc.AncestorAt(ctx, b, grid.LevelCommunity, day(at))
		r, _ := svc.Responsible(ctx, b, day(at), grid.Query{Roles: []grid.Role{grid.CommunitySecretary}})
		_, sec := r.Primary()
		fmt.Printf("on %s building %s belonged to %s, secretary %s\n", at, b, c, sec.Name)
	}
	err = svc.Read(ctx, func(t *grid.Tree) error {
		h, err := t.History("c1g2")
		for _, rev := range h {
			to := "now"
			if !rev.Period.To.IsZero() {
				to = rev.Period.To.Format(time.DateOnly)
			}
			fmt.Printf("grid c1g2: %s..%s under %s\n", rev.Period.From.Format(time.DateOnly), to, rev.Parent)
		}
		return err
	})
	if err != nil {
		log.Fatal(err)
	}
	v2, _ := svc.View(ctx, day("2024-07-01"))
	units2 := grid.RollUp(v2, unitMask(v2)) // one backward pass over the view
	for _, c := range []grid.ID{"c1", "c2", "c3"} {
		i, _ := v2.Index(c)
		fmt.Printf("units in %s after the split: %d\n", c, units2[i])
	}
	stores.PrintReadBack()
}

// stored reports whether the grid's log in the store already holds batch
// id (a run with -db FILE finds the batches of an earlier one), and counts
// it as read back.
func stored(ctx context.Context, stores *storage.Stores, svc *grid.Service, id string) bool {
	var has bool
	err := svc.Read(ctx, func(t *grid.Tree) error {
		has = t.HasBatch(id)
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	if has {
		stores.ReadBack("grid batch", 1)
	}
	return has
}

// apply appends batch b to the grid unless the store already holds it.
func apply(ctx context.Context, stores *storage.Stores, svc *grid.Service, b grid.Batch) {
	if stored(ctx, stores, svc, b.ID) {
		return
	}
	if _, err := svc.Apply(ctx, b); err != nil {
		log.Fatal(err)
	}
}

// unitMask is 1 for every unit of v and 0 elsewhere: rolled up, it counts
// the units under every node.
func unitMask(v *grid.View) []int64 {
	m := make([]int64, v.Len())
	for i := range m {
		if v.LevelAt(i) == grid.LevelUnit {
			m[i] = 1
		}
	}
	return m
}
