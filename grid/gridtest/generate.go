package gridtest

import (
	"strconv"
	"time"

	"github.com/gongzhi/gongzhi/grid"
)

// CitySpec sizes a generated city in grid.DefaultHierarchy: how many
// children each node has, level by level. Districts are capped at 16 (they
// take Beijing's real GB/T 2260 district codes).
type CitySpec struct {
	Districts, Subdistricts, Communities, Grids, Buildings, Units, Households int
	// Workers adds one grid worker per grid and one building steward per
	// building, with their assignments.
	Workers bool
}

// BeijingScale is a city the size of Beijing's grid: 16 districts, 336
// subdistricts and towns (Beijing has 343), 7,056 communities and villages
// (about 7,000), 42,336 unit grids, 254,016 buildings and 762,048 units:
// 1,065,809 nodes.
func BeijingScale() CitySpec {
	return CitySpec{Districts: 16, Subdistricts: 21, Communities: 21, Grids: 6, Buildings: 6, Units: 3}
}

// Size returns the number of nodes the spec generates.
func (s CitySpec) Size() int {
	n, per := 1, 1
	for _, k := range []int{min(s.Districts, 16), s.Subdistricts, s.Communities, s.Grids, s.Buildings, s.Units, s.Households} {
		if k <= 0 {
			break
		}
		per *= k
		n += per
	}
	return n
}

// NodeID returns the ID GenerateCity gives the node with code c: "n" + c.
func NodeID(c grid.Code) grid.ID { return grid.ID("n" + string(c)) }

// GenerateCity returns a batch that creates the city described by s at
// instant at, parents before children, with deterministic codes
// (Beijing's district codes, then numbered segments) and IDs (NodeID).
// The root is "n110000" (北京市).
func GenerateCity(s CitySpec, id string, at time.Time) grid.Batch {
	b := grid.Batch{ID: id, At: at, Reason: "generated city", Changes: make([]grid.Change, 0, s.Size())}
	root := grid.Code("110000")
	b.Changes = append(b.Changes, grid.Create(NodeID(root), "", grid.LevelCity, root, "北京市"))
	h := grid.DefaultHierarchy()
	counts := []int{s.Subdistricts, s.Communities, s.Grids, s.Buildings, s.Units, s.Households}
	var walk func(parent grid.Code, level grid.Level)
	walk = func(parent grid.Code, level grid.Level) {
		k := counts[level-grid.LevelSubdistrict]
		for n := 1; n <= k; n++ {
			c, err := parent.Child(n)
			if err != nil {
				panic(err)
			}
			b.Changes = append(b.Changes, grid.Create(NodeID(c), NodeID(parent), level, c, h.Levels[level].Label+strconv.Itoa(n)))
			if s.Workers && (level == grid.LevelGrid || level == grid.LevelBuilding) {
				role := grid.GridWorker
				if level == grid.LevelBuilding {
					role = grid.BuildingSteward
				}
				pid := grid.PersonID("p" + string(c))
				b.Changes = append(b.Changes,
					grid.PutPerson(grid.Person{ID: pid, Name: string(role) + " " + string(c)}),
					grid.Assign(grid.Assignment{ID: "a" + string(c), Person: pid, Role: role, Node: NodeID(c)}))
			}
			if int(level-grid.LevelSubdistrict)+1 < len(counts) && counts[level-grid.LevelSubdistrict+1] > 0 {
				walk(c, level+1)
			}
		}
	}
	districts := grid.BeijingDistricts()
	for d := 0; d < min(s.Districts, len(districts)); d++ {
		c := districts[d].Code
		b.Changes = append(b.Changes, grid.Create(NodeID(c), NodeID(root), grid.LevelDistrict, c, districts[d].Name))
		if s.Subdistricts > 0 {
			walk(c, grid.LevelSubdistrict)
		}
	}
	return b
}
