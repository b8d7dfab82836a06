package grid_test

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/grid"
	"pgregory.net/rapid"
)

// The model: the full state after each instant, as plain maps.
type mstate struct {
	at     time.Time
	parent map[grid.ID]grid.ID // alive nodes; "" for roots
	code   map[grid.ID]grid.Code
	name   map[grid.ID]string
}

type massign struct {
	a    grid.Assignment
	from time.Time
	to   time.Time // zero = open
}

type model struct {
	levels  map[grid.ID]grid.Level
	rooted  map[grid.ID]bool // created without a parent
	snaps   []mstate
	assigns []*massign
	people  map[grid.PersonID]bool
}

func (m *model) last() mstate {
	if len(m.snaps) == 0 {
		return mstate{parent: map[grid.ID]grid.ID{}, code: map[grid.ID]grid.Code{}, name: map[grid.ID]string{}}
	}
	return m.snaps[len(m.snaps)-1]
}

func (m *model) stateAt(t time.Time) (mstate, bool) {
	var s mstate
	ok := false
	for _, x := range m.snaps {
		if !x.at.After(t) {
			s, ok = x, true
		}
	}
	return s, ok
}

func cloneState(s mstate, at time.Time) mstate {
	return mstate{at: at, parent: maps.Clone(s.parent), code: maps.Clone(s.code), name: maps.Clone(s.name)}
}

// apply applies b to a copy of the model state and reports whether the
// model accepts it; the model changes only if it does.
func (m *model) apply(b grid.Batch) bool {
	if len(m.snaps) > 0 && b.At.Before(m.last().at) {
		return false
	}
	s := cloneState(m.last(), b.At)
	levels := maps.Clone(m.levels)
	rooted := maps.Clone(m.rooted)
	people := maps.Clone(m.people)
	type undo struct {
		ma *massign
		to time.Time
	}
	var undos []undo
	var added []*massign
	ok := func() bool {
		holder := func(c grid.Code) grid.ID {
			for id, x := range s.code {
				if x == c {
					return id
				}
			}
			return ""
		}
		for _, c := range b.Changes {
			_, alive := s.parent[c.Node]
			switch c.Op {
			case grid.OpCreate:
				if _, used := levels[c.Node]; used || c.Node == "" || c.Level < 0 || c.Level > 3 {
					return false
				}
				if c.Parent != "" {
					if _, ok := s.parent[c.Parent]; !ok || levels[c.Parent] >= c.Level {
						return false
					}
				}
				if c.Code != "" && holder(c.Code) != "" {
					return false
				}
				levels[c.Node] = c.Level
				rooted[c.Node] = c.Parent == ""
				s.parent[c.Node], s.code[c.Node], s.name[c.Node] = c.Parent, c.Code, c.Name
			case grid.OpMove:
				if !alive || c.Parent == "" || rooted[c.Node] {
					return false
				}
				if _, ok := s.parent[c.Parent]; !ok || levels[c.Parent] >= levels[c.Node] {
					return false
				}
				s.parent[c.Node] = c.Parent
			case grid.OpRecode:
				if h := holder(c.Code); !alive || (c.Code != "" && h != "" && h != c.Node) {
					return false
				}
				s.code[c.Node] = c.Code
			case grid.OpRename:
				if !alive {
					return false
				}
				s.name[c.Node] = c.Name
			case grid.OpRetire:
				if !alive {
					return false
				}
				for _, p := range s.parent {
					if p == c.Node {
						return false
					}
				}
				delete(s.parent, c.Node)
				delete(s.code, c.Node)
				delete(s.name, c.Node)
				for _, ma := range append(slices.Clone(m.assigns), added...) {
					if ma.a.Node == c.Node && (ma.to.IsZero() || ma.to.After(b.At)) {
						undos = append(undos, undo{ma, ma.to})
						ma.to = b.At
					}
				}
			case grid.OpPerson:
				people[c.Person.ID] = true
			case grid.OpAssign:
				a := *c.Assignment
				if !people[a.Person] || !alive && a.Node != "" && false {
					return false
				}
				if _, ok := s.parent[a.Node]; !ok {
					return false
				}
				for _, ma := range append(slices.Clone(m.assigns), added...) {
					if ma.a.ID == a.ID {
						return false
					}
				}
				added = append(added, &massign{a: a, from: b.At})
			case grid.OpUnassign:
				var found *massign
				for _, ma := range append(slices.Clone(m.assigns), added...) {
					if ma.a.ID == c.Assignment.ID {
						found = ma
					}
				}
				if found == nil || (!found.to.IsZero() && !found.to.After(b.At)) {
					return false
				}
				undos = append(undos, undo{found, found.to})
				found.to = b.At
			}
		}
		return true
	}()
	if !ok {
		for k := len(undos) - 1; k >= 0; k-- {
			undos[k].ma.to = undos[k].to
		}
		return false
	}
	m.levels, m.rooted, m.people = levels, rooted, people
	m.assigns = append(m.assigns, added...)
	if len(m.snaps) > 0 && m.last().at.Equal(b.At) {
		m.snaps[len(m.snaps)-1] = s
	} else {
		m.snaps = append(m.snaps, s)
	}
	return true
}

func testHierarchy() grid.Hierarchy {
	return grid.Hierarchy{Levels: []grid.LevelDef{{Name: "a"}, {Name: "b"}, {Name: "c"}, {Name: "d"}}}
}

var codePool = []grid.Code{"110101", "110102", "110105", "110106", "110107"}

func TestTreeAgainstModel(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		tree, err := grid.NewTree(testHierarchy())
		if err != nil {
			rt.Fatal(err)
		}
		m := &model{levels: map[grid.ID]grid.Level{}, rooted: map[grid.ID]bool{}, people: map[grid.PersonID]bool{}}
		now := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
		seq := 0
		known := func() []grid.ID { return slices.Sorted(maps.Keys(m.levels)) }
		pickNode := func(rt *rapid.T, label string) grid.ID {
			ids := known()
			if len(ids) == 0 || rapid.IntRange(0, 9).Draw(rt, label+"-fresh") == 0 {
				return grid.ID(fmt.Sprint("x", rapid.IntRange(0, 3).Draw(rt, label+"-x")))
			}
			return rapid.SampledFrom(ids).Draw(rt, label)
		}
		pickCode := func(rt *rapid.T) grid.Code {
			if rapid.Bool().Draw(rt, "nocode") {
				return ""
			}
			return rapid.SampledFrom(codePool).Draw(rt, "code")
		}
		randomChange := func(rt *rapid.T) grid.Change {
			switch rapid.IntRange(0, 9).Draw(rt, "op") {
			case 0, 1, 2, 3:
				seq++
				var parent grid.ID
				if rapid.IntRange(0, 4).Draw(rt, "root") > 0 {
					parent = pickNode(rt, "parent")
				}
				id := grid.ID(fmt.Sprint("n", seq))
				if rapid.IntRange(0, 9).Draw(rt, "reuseID") == 0 {
					id = pickNode(rt, "dupID") // usually taken: must be rejected
				}
				return grid.Create(id, parent, grid.Level(rapid.IntRange(0, 3).Draw(rt, "level")), pickCode(rt), fmt.Sprint("name", seq))
			case 4, 5:
				return grid.Move(pickNode(rt, "node"), pickNode(rt, "to"))
			case 6:
				return grid.Recode(pickNode(rt, "node"), pickCode(rt))
			case 7:
				return grid.Rename(pickNode(rt, "node"), fmt.Sprint("r", rapid.IntRange(0, 9).Draw(rt, "nm")))
			case 8:
				return grid.Retire(pickNode(rt, "node"))
			default:
				seq++
				return grid.Assign(grid.Assignment{ID: fmt.Sprint("a", seq), Person: grid.PersonID(fmt.Sprint("p", rapid.IntRange(0, 2).Draw(rt, "person"))),
					Role: rapid.SampledFrom([]grid.Role{grid.GridWorker, grid.BuildingSteward}).Draw(rt, "role"), Node: pickNode(rt, "node"),
					Matters: rapid.SliceOfDistinct(rapid.SampledFrom([]grid.Matter{"water", "noise"}), func(m grid.Matter) grid.Matter { return m }).Draw(rt, "matters")})
			}
		}
		advance := func(rt *rapid.T) {
			now = now.Add([]time.Duration{0, time.Hour, 24 * time.Hour}[rapid.IntRange(0, 2).Draw(rt, "dt")])
		}
		try := func(rt *rapid.T, b grid.Batch) {
			before := snapshotTree(tree)
			err := tree.Apply(b)
			want := m.apply(b)
			if want && err != nil {
				rt.Fatalf("tree rejected a valid batch %+v: %v", b, err)
			}
			if !want {
				if err == nil {
					rt.Fatalf("tree accepted an invalid batch %+v", b)
				}
				if !errors.Is(err, grid.ErrInvalidChange) && !errors.Is(err, grid.ErrOutOfOrder) {
					rt.Fatalf("rejection %v wraps neither ErrInvalidChange nor ErrOutOfOrder", err)
				}
				if after := snapshotTree(tree); after != before {
					rt.Fatalf("rejected batch changed the tree:\n%s\n---\n%s", before, after)
				}
			}
		}
		batchID := func() string { seq++; return fmt.Sprint("b", seq) }

		rt.Repeat(map[string]func(*rapid.T){
			"people": func(rt *rapid.T) {
				advance(rt)
				p := grid.PersonID(fmt.Sprint("p", rapid.IntRange(0, 2).Draw(rt, "person")))
				try(rt, grid.Batch{ID: batchID(), At: now, Changes: []grid.Change{grid.PutPerson(grid.Person{ID: p, Name: string(p)})}})
			},
			"batch": func(rt *rapid.T) {
				advance(rt)
				n := rapid.IntRange(1, 4).Draw(rt, "n")
				b := grid.Batch{ID: batchID(), At: now}
				for range n {
					b.Changes = append(b.Changes, randomChange(rt))
				}
				try(rt, b)
			},
			"unassign": func(rt *rapid.T) {
				if len(m.assigns) == 0 {
					rt.Skip("no assignments")
				}
				advance(rt)
				a := rapid.SampledFrom(m.assigns).Draw(rt, "assignment")
				try(rt, grid.Batch{ID: batchID(), At: now, Changes: []grid.Change{grid.Unassign(a.a.ID)}})
			},
			"outOfOrder": func(rt *rapid.T) {
				if len(m.snaps) == 0 {
					rt.Skip("empty")
				}
				seq++
				err := tree.Apply(grid.Batch{ID: batchID(), At: m.last().at.Add(-time.Second), Changes: []grid.Change{grid.Create(grid.ID(fmt.Sprint("n", seq)), "", 0, "", "")}})
				if !errors.Is(err, grid.ErrOutOfOrder) {
					rt.Fatalf("back-dated batch: err = %v, want ErrOutOfOrder", err)
				}
			},
			"split": func(rt *rapid.T) {
				advance(rt)
				src := pickNode(rt, "src")
				st := m.last()
				var kids []grid.ID
				for id, p := range st.parent {
					if p == src {
						kids = append(kids, id)
					}
				}
				slices.Sort(kids)
				seq++
				part := grid.Part{ID: grid.ID(fmt.Sprint("s", seq)), Code: pickCode(rt), Name: "part"}
				part.Children = rapid.SliceOfDistinct(rapid.SampledFrom(append(kids, "none")), func(id grid.ID) grid.ID { return id }).Draw(rt, "children")
				part.Children = slices.DeleteFunc(part.Children, func(id grid.ID) bool { return id == "none" })
				retire := rapid.Bool().Draw(rt, "retire")
				ch, err := tree.SplitChanges(src, now, []grid.Part{part}, retire)
				if err != nil {
					return
				}
				try(rt, grid.Batch{ID: batchID(), At: now, Reason: "split", Changes: ch})
			},
			"merge": func(rt *rapid.T) {
				advance(rt)
				a, b := pickNode(rt, "a"), pickNode(rt, "b")
				seq++
				into := grid.Part{ID: grid.ID(fmt.Sprint("m", seq)), Code: pickCode(rt), Name: "merged"}
				if rapid.Bool().Draw(rt, "intoExisting") {
					into.ID = a
				}
				ch, err := tree.MergeChanges([]grid.ID{a, b}, into, now)
				if err != nil {
					return
				}
				try(rt, grid.Batch{ID: batchID(), At: now, Reason: "merge", Changes: ch})
			},
			"": func(rt *rapid.T) { checkAgainstModel(rt, tree, m) },
		})
	})
}

// snapshotTree renders everything observable about the tree's history.
func snapshotTree(t *grid.Tree) string {
	s := fmt.Sprint(t.Len(), t.Latest(), t.Applied())
	for n := range t.Nodes() {
		h, _ := t.History(n.ID)
		s += fmt.Sprint(n, h)
		s += fmt.Sprint(t.Assignments(n.ID, t.Latest()))
	}
	return s
}

func checkAgainstModel(rt *rapid.T, tree *grid.Tree, m *model) {
	if len(m.snaps) == 0 {
		return
	}
	// Check at every recorded instant, just before it, and at a random one.
	var instants []time.Time
	for _, s := range m.snaps {
		instants = append(instants, s.at, s.at.Add(-time.Nanosecond))
	}
	for _, at := range instants {
		st, any := m.stateAt(at)
		if !any {
			st = mstate{parent: map[grid.ID]grid.ID{}}
		}
		view := tree.At(at)
		if view.Len() != len(st.parent) {
			rt.Fatalf("at %v: view has %d nodes, model %d", at, view.Len(), len(st.parent))
		}
		for id := range m.levels {
			n, err := tree.Node(id, at)
			p, alive := st.parent[id]
			if !alive {
				if !errors.Is(err, grid.ErrNotFound) {
					rt.Fatalf("at %v: node %s should not be in effect: %v, %v", at, id, n, err)
				}
				continue
			}
			if err != nil || n.Parent != p || n.Code != st.code[id] || n.Name != st.name[id] || n.Level != m.levels[id] {
				rt.Fatalf("at %v: node %s = %+v, %v; model parent %q code %q name %q", at, id, n, err, p, st.code[id], st.name[id])
			}
			if vn, err := view.Node(id); err != nil || vn != n {
				rt.Fatalf("at %v: view node %+v, %v; tree %+v", at, vn, err, n)
			}
			// exactly one parent, no cycle: the path is finite and ends at a root.
			path, err := tree.Path(id, at)
			if err != nil || len(path) > len(st.parent) || st.parent[path[0]] != "" || path[len(path)-1] != id {
				rt.Fatalf("at %v: bad path of %s: %v, %v", at, id, path, err)
			}
			for k := 1; k < len(path); k++ {
				if st.parent[path[k]] != path[k-1] {
					rt.Fatalf("at %v: path %v disagrees with the model", at, path)
				}
			}
			if !slices.Equal(view.Path(id), path) {
				rt.Fatalf("at %v: view path %v, tree path %v", at, view.Path(id), path)
			}
			if c := st.code[id]; c != "" {
				if got, err := tree.ByCode(c, at); err != nil || got.ID != id {
					rt.Fatalf("at %v: ByCode(%s) = %v, %v; want %s", at, c, got.ID, err, id)
				}
			}
			// Subtree = brute force descendants.
			var want []grid.ID
			for d := range st.parent {
				for x := d; x != ""; x = st.parent[x] {
					if x == id {
						want = append(want, d)
						break
					}
				}
			}
			slices.Sort(want)
			got := slices.Sorted(tree.Subtree(id, at))
			if !slices.Equal(got, want) {
				rt.Fatalf("at %v: subtree of %s = %v, want %v", at, id, got, want)
			}
			if vgot := slices.Sorted(view.Subtree(id)); !slices.Equal(vgot, want) {
				rt.Fatalf("at %v: view subtree of %s = %v, want %v", at, id, vgot, want)
			}
			checkResponsible(rt, tree, m, st, id, at)
		}
		// Roll-up equals brute-force sums.
		figures := make([]int64, view.Len())
		byID := map[grid.ID]int64{}
		for i := range figures {
			figures[i] = int64(i%7 + 1)
			byID[view.ID(i)] = figures[i]
		}
		totals := grid.RollUp(view, figures)
		for i := range totals {
			id := view.ID(i)
			var want int64
			for d := range st.parent {
				for x := d; x != ""; x = st.parent[x] {
					if x == id {
						want += byID[d]
						break
					}
				}
			}
			if totals[i] != want {
				rt.Fatalf("at %v: roll-up of %s = %d, brute force %d", at, id, totals[i], want)
			}
		}
		for _, c := range codePool {
			holders := 0
			for id := range st.parent {
				if st.code[id] == c {
					holders++
				}
			}
			if holders > 1 {
				rt.Fatalf("at %v: code %s held by %d nodes", at, c, holders)
			}
			if _, err := tree.ByCode(c, at); (err == nil) != (holders == 1) {
				rt.Fatalf("at %v: ByCode(%s) err %v, model holders %d", at, c, err, holders)
			}
		}
	}
}

func checkResponsible(rt *rapid.T, tree *grid.Tree, m *model, st mstate, id grid.ID, at time.Time) {
	q := grid.Query{Matter: "water", Roles: []grid.Role{grid.BuildingSteward, grid.GridWorker}}
	var wantNode grid.ID
	var want []string
	for x := id; x != "" && wantNode == ""; x = st.parent[x] {
		for _, ma := range m.assigns {
			if ma.a.Node == x && !ma.from.After(at) && (ma.to.IsZero() || at.Before(ma.to)) && ma.a.Covers(q.Matter) {
				want = append(want, ma.a.ID)
				wantNode = x
			}
		}
	}
	r, err := tree.Responsible(id, at, q)
	if wantNode == "" {
		if !errors.Is(err, grid.ErrNoResponsible) {
			rt.Fatalf("at %v: Responsible(%s) = %+v, %v; model: nobody", at, id, r, err)
		}
		return
	}
	var got []string
	for _, a := range r.Assignments {
		got = append(got, a.ID)
	}
	slices.Sort(got)
	slices.Sort(want)
	if err != nil || r.Node != wantNode || !slices.Equal(got, want) {
		rt.Fatalf("at %v: Responsible(%s) = %s %v, %v; model %s %v", at, id, r.Node, got, err, wantNode, want)
	}
}
