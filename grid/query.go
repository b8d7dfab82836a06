package grid

import (
	"iter"
	"slices"
	"time"
)

func (t *Tree) nodeAt(i int32, r *rev) Node {
	n := &t.nodes[i]
	out := Node{ID: n.id, Code: r.code, Name: r.name, Level: n.level,
		Valid: Interval{From: fromInstant(n.from), To: fromInstant(n.to)}}
	if r.parent >= 0 {
		out.Parent = t.nodes[r.parent].id
	}
	return out
}

// find returns the index and revision of node id at instant w.
func (t *Tree) find(id ID, w int64) (int32, *rev, error) {
	i, ok := t.index[id]
	if !ok {
		return -1, nil, notFound("node", id)
	}
	r := t.nodes[i].revAt(w)
	if r == nil {
		return -1, nil, notFound("node in effect", id)
	}
	return i, r, nil
}

// Node returns node id as it was at instant at. It returns ErrNotFound if
// id is unknown or not in effect at that instant.
func (t *Tree) Node(id ID, at time.Time) (Node, error) {
	i, r, err := t.find(id, instant(at))
	if err != nil {
		return Node{}, err
	}
	return t.nodeAt(i, r), nil
}

// ByCode returns the node that held code c at instant at (codes can move
// between nodes over time, never two at once). It returns ErrNotFound if
// no node held c then.
func (t *Tree) ByCode(c Code, at time.Time) (Node, error) {
	i := t.codeAt(c, instant(at))
	if i < 0 {
		return Node{}, notFound("code", c)
	}
	return t.nodeAt(i, t.nodes[i].revAt(instant(at))), nil
}

func (t *Tree) codeAt(c Code, w int64) int32 {
	for k := t.codes.head(c); k >= 0; k = t.codeUses[k].next {
		i := t.codeUses[k].node
		if r := t.nodes[i].revAt(w); r != nil && r.code == c {
			return i
		}
	}
	return -1
}

// Parent returns the parent of node id at instant at ("" for a root), or
// ErrNotFound.
func (t *Tree) Parent(id ID, at time.Time) (ID, error) {
	_, r, err := t.find(id, instant(at))
	if err != nil || r.parent < 0 {
		return "", err
	}
	return t.nodes[r.parent].id, nil
}

// Ancestors yields the ancestors of node id at instant at, from its parent
// up to the root. It yields nothing if id is not in effect.
func (t *Tree) Ancestors(id ID, at time.Time) iter.Seq[ID] {
	return func(yield func(ID) bool) {
		w := instant(at)
		_, r, err := t.find(id, w)
		if err != nil {
			return
		}
		for p := r.parent; p >= 0; p = t.nodes[p].revAt(w).parent {
			if !yield(t.nodes[p].id) {
				return
			}
		}
	}
}

// Path returns the ids from the root down to node id at instant at.
func (t *Tree) Path(id ID, at time.Time) ([]ID, error) {
	w := instant(at)
	i, r, err := t.find(id, w)
	if err != nil {
		return nil, err
	}
	path := []ID{t.nodes[i].id}
	for p := r.parent; p >= 0; p = t.nodes[p].revAt(w).parent {
		path = append(path, t.nodes[p].id)
	}
	slices.Reverse(path)
	return path, nil
}

// AncestorAt returns the node at level l on the path of node id at instant
// at: the community of a building, the district of a grid. It returns id
// itself if it is at level l, and ErrNotFound if the path has no node at
// that level (l is below id, or the path skips it).
func (t *Tree) AncestorAt(id ID, l Level, at time.Time) (ID, error) {
	w := instant(at)
	i, r, err := t.find(id, w)
	if err != nil {
		return "", err
	}
	for {
		n := &t.nodes[i]
		if n.level == l {
			return n.id, nil
		}
		if n.level < l || r.parent < 0 {
			return "", notFound("ancestor at level "+t.h.Name(l)+" of", id)
		}
		i = r.parent
		r = t.nodes[i].revAt(w)
	}
}

// Within reports whether node id is anc or lies under it at instant at.
func (t *Tree) Within(id, anc ID, at time.Time) bool {
	w := instant(at)
	i, r, err := t.find(id, w)
	if err != nil {
		return false
	}
	for {
		if t.nodes[i].id == anc {
			return true
		}
		if r.parent < 0 {
			return false
		}
		i = r.parent
		r = t.nodes[i].revAt(w)
	}
}

// LCA returns the lowest common ancestor of nodes a and b at instant at
// (a node is its own ancestor). It returns ErrNotFound if either is not in
// effect or they lie in different roots' trees.
func (t *Tree) LCA(a, b ID, at time.Time) (ID, error) {
	pa, err := t.Path(a, at)
	if err != nil {
		return "", err
	}
	pb, err := t.Path(b, at)
	if err != nil {
		return "", err
	}
	var lca ID
	for k := 0; k < len(pa) && k < len(pb) && pa[k] == pb[k]; k++ {
		lca = pa[k]
	}
	if lca == "" {
		return "", notFound("common ancestor of", string(a)+" and "+string(b))
	}
	return lca, nil
}

// kidsAt returns the children of node i at instant w, in creation order.
func (t *Tree) kidsAt(i int32, w int64) []int32 {
	var kids []int32
	for k := t.firstKid[i]; k >= 0; k = t.kidLinks[k].next {
		c := t.kidLinks[k].child
		if r := t.nodes[c].revAt(w); r != nil && r.parent == i {
			kids = append(kids, c)
		}
	}
	slices.Sort(kids)
	return kids
}

// Children yields the children of node id at instant at, in creation
// order.
func (t *Tree) Children(id ID, at time.Time) iter.Seq[ID] {
	return func(yield func(ID) bool) {
		w := instant(at)
		i, _, err := t.find(id, w)
		if err != nil {
			return
		}
		for _, c := range t.kidsAt(i, w) {
			if !yield(t.nodes[c].id) {
				return
			}
		}
	}
}

// Subtree yields node id and every node under it at instant at, in
// preorder (a parent before its children, children in creation order).
// It yields nothing if id is not in effect. For repeated or large
// traversals, a View is faster.
func (t *Tree) Subtree(id ID, at time.Time) iter.Seq[ID] {
	return func(yield func(ID) bool) {
		w := instant(at)
		i, _, err := t.find(id, w)
		if err != nil {
			return
		}
		stack := []int32{i}
		for len(stack) > 0 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if !yield(t.nodes[n].id) {
				return
			}
			kids := t.kidsAt(n, w)
			for k := len(kids) - 1; k >= 0; k-- {
				stack = append(stack, kids[k])
			}
		}
	}
}

// Roots yields the nodes without a parent in effect at instant at.
func (t *Tree) Roots(at time.Time) iter.Seq[ID] {
	return func(yield func(ID) bool) {
		w := instant(at)
		for _, i := range t.roots {
			if t.nodes[i].revAt(w) != nil && !yield(t.nodes[i].id) {
				return
			}
		}
	}
}

// AtLevel yields the nodes at level l in effect at instant at, in
// creation order.
func (t *Tree) AtLevel(l Level, at time.Time) iter.Seq[ID] {
	return func(yield func(ID) bool) {
		w := instant(at)
		for i := range t.nodes {
			n := &t.nodes[i]
			if n.level == l && n.revAt(w) != nil && !yield(n.id) {
				return
			}
		}
	}
}

// Nodes yields every node ever created, as it is in its latest revision,
// in creation order.
func (t *Tree) Nodes() iter.Seq[Node] {
	return func(yield func(Node) bool) {
		for i := range t.nodes {
			if !yield(t.nodeAt(int32(i), t.nodes[i].last())) {
				return
			}
		}
	}
}

// History returns the revisions of node id, oldest first. The last
// revision's period ends when the node was retired (zero To if it is
// still in effect).
func (t *Tree) History(id ID) ([]Revision, error) {
	i, ok := t.index[id]
	if !ok {
		return nil, notFound("node", id)
	}
	n := &t.nodes[i]
	revs := append([]rev{n.r0}, n.more...)
	out := make([]Revision, 0, len(revs))
	for k, r := range revs {
		end := n.to
		if k+1 < len(revs) {
			end = revs[k+1].at
		}
		if r.at >= n.to { // superseded by the retirement
			break
		}
		v := Revision{Period: Interval{From: fromInstant(r.at), To: fromInstant(end)}, Code: r.code, Name: r.name}
		if r.parent >= 0 {
			v.Parent = t.nodes[r.parent].id
		}
		out = append(out, v)
	}
	return out, nil
}

// Person returns the person with the given ID, or ErrNotFound.
func (t *Tree) Person(id PersonID) (Person, error) {
	p, ok := t.people[id]
	if !ok {
		return Person{}, notFound("person", id)
	}
	return p, nil
}

// Assignment returns the assignment with the given ID, or ErrNotFound.
func (t *Tree) Assignment(id string) (Assignment, error) {
	k, ok := t.assignIndex[id]
	if !ok {
		return Assignment{}, notFound("assignment", id)
	}
	return cloneAssignment(t.assigns[k]), nil
}

func cloneAssignment(a Assignment) Assignment {
	a.Matters = slices.Clone(a.Matters)
	return a
}

// Assignments returns the assignments made directly at node id and in
// effect at instant at, ordered by ID.
func (t *Tree) Assignments(id ID, at time.Time) []Assignment {
	i, ok := t.index[id]
	if !ok {
		return nil
	}
	var out []Assignment
	for _, k := range t.nodeAssigns[i] {
		if a := t.assigns[k]; a.Period.Contains(at) {
			out = append(out, cloneAssignment(a))
		}
	}
	slices.SortFunc(out, func(x, y Assignment) int { return compareStrings(x.ID, y.ID) })
	return out
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Responsible answers "who is responsible for place id at instant at for
// this kind of matter": it walks up from id to the root and stops at the
// nearest node with assignments in effect at that instant that q accepts.
// It returns ErrNotFound if id is not in effect, and an *UnassignedError
// (wrapping ErrNoResponsible) if the walk reaches the root empty-handed.
func (t *Tree) Responsible(id ID, at time.Time, q Query) (Responsibility, error) {
	w := instant(at)
	i, r, err := t.find(id, w)
	if err != nil {
		return Responsibility{}, err
	}
	res := Responsibility{Place: id, Matter: q.Matter}
	for {
		res.Path = append(res.Path, t.nodes[i].id)
		var found []Assignment
		for _, k := range t.nodeAssigns[i] {
			a := &t.assigns[k]
			if a.Period.Contains(at) && q.accepts(a) {
				found = append(found, cloneAssignment(*a))
			}
		}
		if len(found) > 0 {
			sortAssignments(found, q)
			res.Node = t.nodes[i].id
			res.Assignments = found
			for _, a := range found {
				res.People = append(res.People, t.people[a.Person])
			}
			return res, nil
		}
		if r.parent < 0 {
			return Responsibility{}, &UnassignedError{Node: id, Matter: q.Matter, Path: res.Path}
		}
		i = r.parent
		r = t.nodes[i].revAt(w)
	}
}

func sortAssignments(as []Assignment, q Query) {
	slices.SortFunc(as, func(x, y Assignment) int {
		if rx, ry := q.rank(&x), q.rank(&y); rx != ry {
			return rx - ry
		}
		return compareStrings(x.ID, y.ID)
	})
}

// Attribute counts events (a place and an instant each, e.g. the tickets
// of a year) by the place's ancestor at level l as the tree was at the
// event's instant, so figures follow the map as it was: a ticket filed in
// 2023 in a building that moved to a new community in 2024 still counts for
// the old community. Events whose place was not in effect, or had no
// ancestor at level l, are counted in unattributed.
func (t *Tree) Attribute(events iter.Seq2[ID, time.Time], l Level) (counts map[ID]int64, unattributed int64) {
	counts = map[ID]int64{}
	for id, at := range events {
		a, err := t.AncestorAt(id, l, at)
		if err != nil {
			unattributed++
			continue
		}
		counts[a]++
	}
	return counts, unattributed
}
