package grid

import (
	"context"
	"iter"
	"slices"
	"time"
)

// View is an immutable snapshot of a Tree at one instant, laid out for
// speed: nodes are numbered 0..Len()-1 in preorder (every parent before
// its children, each subtree a contiguous range), so ancestor walks are
// index chases and roll-ups are a single backward pass over slices. A View
// is safe for concurrent use and stays valid while the Tree changes.
//
// Index-based methods (Index, ParentIndex, RollUp...) are the fast path
// for bulk work; ID-based methods are conveniences over them.
type View struct {
	at     time.Time
	h      Hierarchy
	ids    []ID
	codes  []Code
	names  []string
	level  []Level
	parent []int32
	size   []int32
	from   []int64
	to     []int64
	// index is the tree's ID index as it was when the view was taken (the
	// tree copies it before changing it again); pos maps its tree indexes
	// to view indexes (-1: not in effect).
	index  map[ID]int32
	pos    []int32
	byCode codeTable

	assigns map[int32][]Assignment
	people  map[PersonID]Person
}

// View returns t.At(at), or ctx.Err() if ctx is done. It lets a *Tree
// stand wherever a *Service's View is expected; it builds a fresh view on
// every call, where a Service caches its latest.
func (t *Tree) View(ctx context.Context, at time.Time) (*View, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return t.At(at), nil
}

// At returns an immutable View of the tree at instant at.
func (t *Tree) At(at time.Time) *View {
	w := instant(at)
	nt := len(t.nodes)
	ptree := make([]int32, nt) // parent (tree index) of live nodes; -2 if not live
	cnt := make([]int32, nt+1) // children per node, then CSR offsets
	live := 0
	for i := range t.nodes {
		r := t.nodes[i].revAt(w)
		if r == nil {
			ptree[i] = -2
			continue
		}
		live++
		ptree[i] = r.parent
		if r.parent >= 0 {
			cnt[r.parent+1]++
		}
	}
	for i := 1; i <= nt; i++ {
		cnt[i] += cnt[i-1]
	}
	kids := make([]int32, cnt[nt])
	fill := slices.Clone(cnt[:nt])
	for i, p := range ptree {
		if p >= 0 {
			kids[fill[p]] = int32(i)
			fill[p]++
		}
	}
	fill = nil

	v := &View{
		at: at, h: t.Hierarchy(),
		ids: make([]ID, live), codes: make([]Code, live), names: make([]string, live),
		level: make([]Level, live), parent: make([]int32, live), size: make([]int32, live),
		from: make([]int64, live), to: make([]int64, live),
		index:  t.index,
		byCode: newCodeTable(live),
	}
	t.viewShared.Store(true)
	pos := ptree // reuse: tree index -> view position, once visited
	var stack []int32
	next := int32(0)
	visit := func(root int32) {
		stack = append(stack[:0], root)
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			p := ptree[i]
			n := &t.nodes[i]
			r := n.revAt(w)
			v.ids[next], v.codes[next], v.names[next], v.level[next] = n.id, r.code, r.name, n.level
			v.from[next], v.to[next] = n.from, n.to
			if p >= 0 {
				v.parent[next] = pos[p]
			} else {
				v.parent[next] = -1
			}
			pos[i] = next // ptree[i] is no longer needed
			next++
			for k := cnt[i+1] - 1; k >= cnt[i]; k-- {
				stack = append(stack, kids[k])
			}
		}
	}
	for _, i := range t.roots {
		if ptree[i] == -1 {
			visit(i)
		}
	}
	for k := len(v.ids) - 1; k >= 0; k-- {
		v.size[k]++
		if p := v.parent[k]; p >= 0 {
			v.size[p] += v.size[k]
		}
	}
	for i, p := range pos {
		if p < 0 {
			pos[i] = -1
		}
	}
	v.pos = pos
	for k, c := range v.codes {
		if c != "" {
			v.byCode.put(c, int32(k))
		}
	}
	v.people = make(map[PersonID]Person, len(t.people))
	for id, p := range t.people {
		v.people[id] = p
	}
	v.assigns = map[int32][]Assignment{}
	for _, a := range t.assigns {
		if !a.Period.Contains(at) {
			continue
		}
		if k, ok := v.lookup(a.Node); ok {
			v.assigns[k] = append(v.assigns[k], cloneAssignment(a))
		}
	}
	for _, as := range v.assigns {
		slices.SortFunc(as, func(x, y Assignment) int { return compareStrings(x.ID, y.ID) })
	}
	return v
}

// lookup returns the view index of node id.
func (v *View) lookup(id ID) (int32, bool) {
	i, ok := v.index[id]
	if !ok || int(i) >= len(v.pos) || v.pos[i] < 0 {
		return -1, false
	}
	return v.pos[i], true
}

// Time returns the instant of the view.
func (v *View) Time() time.Time { return v.at }

// Hierarchy returns the view's hierarchy.
func (v *View) Hierarchy() Hierarchy {
	h := v.h
	h.Levels = append([]LevelDef(nil), h.Levels...)
	return h
}

// Len returns the number of nodes in effect at the view's instant.
func (v *View) Len() int { return len(v.ids) }

// Index returns the dense index (0..Len()-1) of node id, and false if id
// is not in effect at the view's instant.
func (v *View) Index(id ID) (int, bool) {
	i, ok := v.lookup(id)
	return int(i), ok
}

// IndexOfCode returns the dense index of the node holding code c.
func (v *View) IndexOfCode(c Code) (int, bool) {
	i, ok := v.byCode.get(c)
	return int(i), ok
}

// ID returns the ID of the node at index i. It panics if i is out of
// range, like a slice index.
func (v *View) ID(i int) ID { return v.ids[i] }

// CodeAt returns the code of the node at index i ("" if it has none).
func (v *View) CodeAt(i int) Code { return v.codes[i] }

// LevelAt returns the level of the node at index i.
func (v *View) LevelAt(i int) Level { return v.level[i] }

// ParentIndex returns the index of the parent of the node at index i, or
// -1 for a root. It is always smaller than i.
func (v *View) ParentIndex(i int) int { return int(v.parent[i]) }

// SubtreeRange returns the half-open index range [lo, hi) of the subtree
// of the node at index i (the node itself is lo).
func (v *View) SubtreeRange(i int) (lo, hi int) { return i, i + int(v.size[i]) }

// NodeAt returns the node at index i.
func (v *View) NodeAt(i int) Node {
	n := Node{ID: v.ids[i], Code: v.codes[i], Name: v.names[i], Level: v.level[i],
		Valid: Interval{From: fromInstant(v.from[i]), To: fromInstant(v.to[i])}}
	if p := v.parent[i]; p >= 0 {
		n.Parent = v.ids[p]
	}
	return n
}

// Node returns node id, or ErrNotFound if it is not in effect at the
// view's instant.
func (v *View) Node(id ID) (Node, error) {
	i, ok := v.lookup(id)
	if !ok {
		return Node{}, notFound("node in effect", id)
	}
	return v.NodeAt(int(i)), nil
}

// ByCode returns the node holding code c, or ErrNotFound.
func (v *View) ByCode(c Code) (Node, error) {
	i, ok := v.byCode.get(c)
	if !ok {
		return Node{}, notFound("code", c)
	}
	return v.NodeAt(int(i)), nil
}

// Parent returns the parent of node id ("" for a root), and false if id is
// not in effect.
func (v *View) Parent(id ID) (ID, bool) {
	i, ok := v.lookup(id)
	if !ok {
		return "", false
	}
	if p := v.parent[i]; p >= 0 {
		return v.ids[p], true
	}
	return "", true
}

// AppendAncestors appends the indexes of the ancestors of the node at
// index i, parent first, root last, and returns the extended slice. With a
// reused dst it does not allocate.
func (v *View) AppendAncestors(dst []int, i int) []int {
	for p := v.parent[i]; p >= 0; p = v.parent[p] {
		dst = append(dst, int(p))
	}
	return dst
}

// Ancestors yields the ancestors of node id, parent first.
func (v *View) Ancestors(id ID) iter.Seq[ID] {
	return func(yield func(ID) bool) {
		i, ok := v.lookup(id)
		if !ok {
			return
		}
		for p := v.parent[i]; p >= 0; p = v.parent[p] {
			if !yield(v.ids[p]) {
				return
			}
		}
	}
}

// Path returns the ids from the root down to node id, or nil if id is not
// in effect.
func (v *View) Path(id ID) []ID {
	i, ok := v.lookup(id)
	if !ok {
		return nil
	}
	var path []ID
	for p := i; p >= 0; p = v.parent[p] {
		path = append(path, v.ids[p])
	}
	slices.Reverse(path)
	return path
}

// AncestorIndexAt returns the index of the node at level l on the path of
// the node at index i (i itself if it is at level l), or -1.
func (v *View) AncestorIndexAt(i int, l Level) int {
	for p := int32(i); p >= 0; p = v.parent[p] {
		switch lv := v.level[p]; {
		case lv == l:
			return int(p)
		case lv < l:
			return -1
		}
	}
	return -1
}

// AncestorAt returns the node at level l on the path of node id (the
// community of a building), and false if there is none.
func (v *View) AncestorAt(id ID, l Level) (ID, bool) {
	i, ok := v.lookup(id)
	if !ok {
		return "", false
	}
	if a := v.AncestorIndexAt(int(i), l); a >= 0 {
		return v.ids[a], true
	}
	return "", false
}

// Within reports whether node id is anc or lies under it.
func (v *View) Within(id, anc ID) bool {
	i, ok1 := v.lookup(id)
	a, ok2 := v.lookup(anc)
	return ok1 && ok2 && a <= i && i < a+v.size[a]
}

// LCA returns the lowest common ancestor of a and b, and false if either
// is not in effect or they have no common ancestor.
func (v *View) LCA(a, b ID) (ID, bool) {
	i, ok1 := v.lookup(a)
	j, ok2 := v.lookup(b)
	if !ok1 || !ok2 {
		return "", false
	}
	for p := i; p >= 0; p = v.parent[p] {
		if p <= j && j < p+v.size[p] {
			return v.ids[p], true
		}
	}
	return "", false
}

// Subtree yields node id and every node under it, in preorder.
func (v *View) Subtree(id ID) iter.Seq[ID] {
	return func(yield func(ID) bool) {
		i, ok := v.lookup(id)
		if !ok {
			return
		}
		for k := i; k < i+v.size[i]; k++ {
			if !yield(v.ids[k]) {
				return
			}
		}
	}
}

// Children yields the children of node id in creation order.
func (v *View) Children(id ID) iter.Seq[ID] {
	return func(yield func(ID) bool) {
		i, ok := v.lookup(id)
		if !ok {
			return
		}
		for k := i + 1; k < i+v.size[i]; k += v.size[k] {
			if !yield(v.ids[k]) {
				return
			}
		}
	}
}

// AtLevel yields the nodes at level l, in preorder.
func (v *View) AtLevel(l Level) iter.Seq[ID] {
	return func(yield func(ID) bool) {
		for k, lv := range v.level {
			if lv == l && !yield(v.ids[k]) {
				return
			}
		}
	}
}

// Roots yields the nodes without a parent.
func (v *View) Roots() iter.Seq[ID] {
	return func(yield func(ID) bool) {
		for k := 0; k < len(v.ids); k += int(v.size[k]) {
			if !yield(v.ids[k]) {
				return
			}
		}
	}
}

// Responsible is Tree.Responsible at the view's instant.
func (v *View) Responsible(id ID, q Query) (Responsibility, error) {
	i, ok := v.lookup(id)
	if !ok {
		return Responsibility{}, notFound("node in effect", id)
	}
	res := Responsibility{Place: id, Matter: q.Matter}
	for p := i; p >= 0; p = v.parent[p] {
		res.Path = append(res.Path, v.ids[p])
		var found []Assignment
		for _, a := range v.assigns[p] {
			if q.accepts(&a) {
				found = append(found, cloneAssignment(a))
			}
		}
		if len(found) > 0 {
			sortAssignments(found, q)
			res.Node = v.ids[p]
			res.Assignments = found
			for _, a := range found {
				res.People = append(res.People, v.people[a.Person])
			}
			return res, nil
		}
	}
	return Responsibility{}, &UnassignedError{Node: id, Matter: q.Matter, Path: res.Path}
}
