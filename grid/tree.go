package grid

import (
	"maps"
	"strconv"
	"sync/atomic"
	"time"
)

// Tree is the history-aware hierarchy of places: every node with all its
// revisions (parent, code, name over time), the people and their
// assignments. It is built by applying Batches in effective-time order and
// answers questions at any instant: "which community did building B belong
// to on 2023-05-01".
//
// Invariants, at every instant: each node in effect has exactly one parent
// in effect (or is a root), parents are at a smaller Level than their
// children (so there are no cycles), and no two nodes in effect share a
// code.
//
// A Tree is safe for concurrent readers, but Apply must not run
// concurrently with any other method (Service does the locking). For fast
// repeated queries at one instant, take an immutable View with At.
type Tree struct {
	h        Hierarchy
	nodes    []node
	index    map[ID]int32
	codes    codeTable // code -> head of its chain of codeUses (-1: none)
	nCodes   int
	codeUses []codeUse
	firstKid []int32 // per node: head of the chain of kidLinks, -1 if none
	kidLinks []kidLink
	roots    []int32 // nodes created without a parent

	people      map[PersonID]Person
	assigns     []Assignment
	assignIndex map[string]int32
	nodeAssigns map[int32][]int32

	batches map[string]struct{}
	// viewShared is set when a View holds the index map: the next change
	// works on a copy.
	viewShared atomic.Bool
	latest     int64 // instant of the latest batch applied
	applied    int64 // number of batches applied
}

type node struct {
	id       ID
	level    Level
	from, to int64
	r0       rev
	more     []rev // later revisions, in time order
}

// rev is a node's state from instant at until the next revision.
type rev struct {
	at     int64
	parent int32 // -1 for a root
	code   Code
	name   string
}

type codeUse struct {
	code Code
	node int32
	next int32
}

type kidLink struct {
	child, parent, next int32
}

// NewTree returns an empty tree with hierarchy h, or a *ConfigError if h
// is invalid.
func NewTree(h Hierarchy) (*Tree, error) {
	return NewTreeSize(h, 0)
}

// NewTreeSize is NewTree with room for n nodes, for bulk loads.
func NewTreeSize(h Hierarchy, n int) (*Tree, error) {
	if err := h.Validate(); err != nil {
		return nil, err
	}
	h.Levels = append([]LevelDef(nil), h.Levels...)
	return &Tree{
		h:           h,
		nodes:       make([]node, 0, n),
		index:       make(map[ID]int32, n),
		codes:       newCodeTable(n),
		codeUses:    make([]codeUse, 0, n),
		firstKid:    make([]int32, 0, n),
		kidLinks:    make([]kidLink, 0, n),
		people:      map[PersonID]Person{},
		assignIndex: map[string]int32{},
		nodeAssigns: map[int32][]int32{},
		batches:     map[string]struct{}{},
		latest:      sinceEver,
	}, nil
}

// Hierarchy returns the tree's hierarchy.
func (t *Tree) Hierarchy() Hierarchy {
	h := t.h
	h.Levels = append([]LevelDef(nil), h.Levels...)
	return h
}

// Len returns the number of nodes ever created (in effect or retired).
func (t *Tree) Len() int { return len(t.nodes) }

// Latest returns the instant of the latest batch applied (zero if none).
// A new batch must not take effect before it.
func (t *Tree) Latest() time.Time { return fromInstant(t.latest) }

// Applied returns the number of batches applied.
func (t *Tree) Applied() int64 { return t.applied }

// Applied reports whether a batch with this ID has been applied.
func (t *Tree) HasBatch(id string) bool {
	_, ok := t.batches[id]
	return ok
}

func (n *node) last() *rev {
	if len(n.more) > 0 {
		return &n.more[len(n.more)-1]
	}
	return &n.r0
}

// revAt returns the revision in effect at instant w, or nil if the node is
// not in effect then.
func (n *node) revAt(w int64) *rev {
	if w < n.from || w >= n.to {
		return nil
	}
	if len(n.more) == 0 || w < n.more[0].at {
		return &n.r0
	}
	lo, hi := 0, len(n.more)-1 // last i with more[i].at <= w
	for lo < hi {
		m := (lo + hi + 1) / 2
		if n.more[m].at <= w {
			lo = m
		} else {
			hi = m - 1
		}
	}
	return &n.more[lo]
}

// alive reports whether the node is in effect from instant w on (the
// tree's latest state).
func (n *node) alive(w int64) bool { return n.from <= w && n.to == forever }

// Apply applies b atomically: either every change takes effect at b.At or
// none does, and the tree is unchanged. It returns ErrOutOfOrder if b.At is
// before Latest, and a *ChangeError (wrapping ErrInvalidChange) for a bad
// change: unknown or retired node, duplicate id or code, a parent that is
// not in effect, a level that is not below the parent's, a move that would
// create a cycle, a retirement that would orphan children...
func (t *Tree) Apply(b Batch) error {
	_, err := t.stage(b)
	return err
}

// stage applies b and returns the undo log, so that a Service can take the
// batch back if its Store refuses it.
func (t *Tree) stage(b Batch) (*txn, error) {
	fail := func(i int, c Change, reason string) error {
		var id ID
		var op Op
		if i >= 0 {
			id, op = c.Node, c.Op
		}
		return &ChangeError{Batch: b.ID, Index: i, Op: op, Node: id, Reason: reason}
	}
	if b.ID == "" {
		return nil, fail(-1, Change{}, "empty batch id")
	}
	if _, dup := t.batches[b.ID]; dup {
		return nil, fail(-1, Change{}, "batch already applied")
	}
	if b.At.IsZero() || !validInstant(b.At) {
		return nil, fail(-1, Change{}, "instant "+b.At.String()+" out of range")
	}
	at := b.At.UnixNano()
	if at < t.latest {
		return nil, &outOfOrderError{batch: b.ID, at: b.At, latest: fromInstant(t.latest)}
	}
	if len(b.Changes) == 0 {
		return nil, fail(-1, Change{}, "no changes")
	}
	if t.viewShared.Load() {
		t.index = maps.Clone(t.index)
		t.viewShared.Store(false)
	}
	tx := t.begin()
	for i, c := range b.Changes {
		if reason := t.apply(tx, at, c); reason != "" {
			t.rollback(tx)
			return nil, fail(i, c, reason)
		}
	}
	tx.batch, tx.latest = b.ID, t.latest
	t.batches[b.ID] = struct{}{}
	t.latest = at
	t.applied++
	return tx, nil
}

// unstage takes back the batch staged with tx; it must be the last one.
func (t *Tree) unstage(tx *txn) {
	t.rollback(tx)
	delete(t.batches, tx.batch)
	t.latest = tx.latest
	t.applied--
}

type outOfOrderError struct {
	batch      string
	at, latest time.Time
}

func (e *outOfOrderError) Error() string {
	return "grid: batch " + strconv.Quote(e.batch) + " takes effect at " + e.at.UTC().Format(time.RFC3339Nano) +
		", before the latest batch at " + e.latest.Format(time.RFC3339Nano)
}

func (e *outOfOrderError) Unwrap() error { return ErrOutOfOrder }

// txn is the undo log of one Apply.
type txn struct {
	nodes, codeUses, kidLinks, roots, assigns int
	saved                                     map[int32]node
	savedAssigns                              map[int32]Assignment
	savedPeople                               map[PersonID]*Person
	nodeAssigns                               map[int32]int
	batch                                     string
	latest                                    int64
	// lastParent caches the parent of the previous create.
	lastParent struct {
		id ID
		i  int32
		ok bool
	}
}

func (t *Tree) begin() *txn {
	return &txn{
		nodes: len(t.nodes), codeUses: len(t.codeUses), kidLinks: len(t.kidLinks),
		roots: len(t.roots), assigns: len(t.assigns),
	}
}

// touch saves node i's state before its first change in the batch.
func (t *Tree) touch(tx *txn, i int32) {
	if int(i) >= tx.nodes {
		return
	}
	if tx.saved == nil {
		tx.saved = map[int32]node{}
	}
	if _, ok := tx.saved[i]; ok {
		return
	}
	n := t.nodes[i]
	n.more = append([]rev(nil), n.more...)
	tx.saved[i] = n
}

func (t *Tree) rollback(tx *txn) {
	for k := len(t.codeUses) - 1; k >= tx.codeUses; k-- {
		u := t.codeUses[k]
		t.codes.set(u.code, u.next, &t.nCodes)
	}
	t.codeUses = t.codeUses[:tx.codeUses]
	for k := len(t.kidLinks) - 1; k >= tx.kidLinks; k-- {
		l := t.kidLinks[k]
		if int(l.parent) < len(t.firstKid) {
			t.firstKid[l.parent] = l.next
		}
	}
	t.kidLinks = t.kidLinks[:tx.kidLinks]
	for k := tx.nodes; k < len(t.nodes); k++ {
		delete(t.index, t.nodes[k].id)
	}
	t.nodes = t.nodes[:tx.nodes]
	t.firstKid = t.firstKid[:tx.nodes]
	t.roots = t.roots[:tx.roots]
	for i, n := range tx.saved {
		t.nodes[i] = n
	}
	for k := tx.assigns; k < len(t.assigns); k++ {
		delete(t.assignIndex, t.assigns[k].ID)
	}
	t.assigns = t.assigns[:tx.assigns]
	for i, a := range tx.savedAssigns {
		t.assigns[i] = a
	}
	for n, l := range tx.nodeAssigns {
		if l == 0 {
			delete(t.nodeAssigns, n)
		} else {
			t.nodeAssigns[n] = t.nodeAssigns[n][:l]
		}
	}
	for id, p := range tx.savedPeople {
		if p == nil {
			delete(t.people, id)
		} else {
			t.people[id] = *p
		}
	}
}

// setRev gives node i a new revision at instant at (replacing one made at
// the same instant).
func (t *Tree) setRev(tx *txn, i int32, at int64, f func(r *rev)) {
	t.touch(tx, i)
	n := &t.nodes[i]
	l := n.last()
	if l.at == at {
		f(l)
		return
	}
	r := *l
	r.at = at
	f(&r)
	n.more = append(n.more, r)
}

func (t *Tree) addCodeUse(c Code, i int32) {
	if c == "" {
		return
	}
	next := t.codes.head(c)
	// A node that held c before and holds it again needs no second use.
	for k := next; k >= 0; k = t.codeUses[k].next {
		if t.codeUses[k].node == i {
			return
		}
	}
	t.codes.set(c, int32(len(t.codeUses)), &t.nCodes)
	t.codeUses = append(t.codeUses, codeUse{code: c, node: i, next: next})
}

func (t *Tree) addKid(child, parent int32) {
	if parent < 0 {
		return
	}
	for k := t.firstKid[parent]; k >= 0; k = t.kidLinks[k].next {
		if t.kidLinks[k].child == child {
			return
		}
	}
	t.kidLinks = append(t.kidLinks, kidLink{child: child, parent: parent, next: t.firstKid[parent]})
	t.firstKid[parent] = int32(len(t.kidLinks) - 1)
}

// codeHolder returns the node holding code c from instant at on, or -1.
func (t *Tree) codeHolder(c Code, at int64) int32 {
	for k := t.codes.head(c); k >= 0; k = t.codeUses[k].next {
		n := &t.nodes[t.codeUses[k].node]
		if n.alive(at) && n.last().code == c {
			return t.codeUses[k].node
		}
	}
	return -1
}

func (t *Tree) liveNode(id ID, at int64) (int32, string) {
	i, ok := t.index[id]
	if !ok {
		return -1, "unknown node " + strconv.Quote(string(id))
	}
	if !t.nodes[i].alive(at) {
		return -1, "node " + strconv.Quote(string(id)) + " is not in effect"
	}
	return i, ""
}

func (t *Tree) checkParent(level Level, parent ID, at int64) (int32, string) {
	p, reason := t.liveNode(parent, at)
	if reason != "" {
		return -1, "parent: " + reason
	}
	pl := t.nodes[p].level
	if pl >= level {
		return -1, "parent level " + strconv.Quote(t.h.Name(pl)) + " is not above " + strconv.Quote(t.h.Name(level))
	}
	if t.h.Strict && pl != level-1 {
		return -1, "strict hierarchy: parent must be at level " + strconv.Quote(t.h.Name(level-1))
	}
	return p, ""
}

// apply performs one change, or returns why it cannot.
func (t *Tree) apply(tx *txn, at int64, c Change) string {
	if c.Op != OpCreate {
		tx.lastParent.ok = false // a move or retirement may change the parent
	}
	switch c.Op {
	case OpCreate:
		if c.Node == "" {
			return "empty node id"
		}
		if _, dup := t.index[c.Node]; dup {
			return "node id already used"
		}
		if c.Level < 0 || int(c.Level) >= len(t.h.Levels) {
			return "unknown level " + strconv.Itoa(int(c.Level))
		}
		if r := t.h.allows(c.Level, c.Code); r != "" {
			return r
		}
		head := int32(-1)
		if c.Code != "" {
			if head = t.codes.head(c.Code); head >= 0 {
				if h := t.codeHolder(c.Code, at); h >= 0 {
					return "code " + string(c.Code) + " is held by node " + strconv.Quote(string(t.nodes[h].id))
				}
			}
		}
		p := int32(-1)
		if c.Parent != "" {
			if c.Parent == tx.lastParent.id && tx.lastParent.ok {
				p = tx.lastParent.i // bulk loads create siblings in a row
			} else {
				var r string
				if p, r = t.checkParent(c.Level, c.Parent, at); r != "" {
					return r
				}
			}
			pl := t.nodes[p].level
			if pl >= c.Level || (t.h.Strict && pl != c.Level-1) {
				if _, r := t.checkParent(c.Level, c.Parent, at); r != "" {
					return r
				}
			}
			tx.lastParent.id, tx.lastParent.i, tx.lastParent.ok = c.Parent, p, true
		}
		i := int32(len(t.nodes))
		t.nodes = append(t.nodes, node{id: c.Node, level: c.Level, from: at, to: forever,
			r0: rev{at: at, parent: p, code: c.Code, name: c.Name}})
		t.firstKid = append(t.firstKid, -1)
		t.index[c.Node] = i
		if c.Code != "" {
			t.codes.set(c.Code, int32(len(t.codeUses)), &t.nCodes)
			t.codeUses = append(t.codeUses, codeUse{code: c.Code, node: i, next: head})
		}
		if p < 0 {
			t.roots = append(t.roots, i)
		} else {
			t.kidLinks = append(t.kidLinks, kidLink{child: i, parent: p, next: t.firstKid[p]})
			t.firstKid[p] = int32(len(t.kidLinks) - 1)
		}
		return ""
	case OpMove:
		i, r := t.liveNode(c.Node, at)
		if r != "" {
			return r
		}
		if c.Parent == "" {
			return "would orphan the node (no parent)"
		}
		if t.nodes[i].last().parent < 0 {
			return "a root cannot be moved"
		}
		p, r := t.checkParent(t.nodes[i].level, c.Parent, at)
		if r != "" {
			return r
		}
		for a := p; a >= 0; a = t.nodes[a].last().parent {
			if a == i {
				return "would create a cycle"
			}
		}
		t.setRev(tx, i, at, func(r *rev) { r.parent = p })
		t.addKid(i, p)
	case OpRecode:
		i, r := t.liveNode(c.Node, at)
		if r != "" {
			return r
		}
		if r := t.h.allows(t.nodes[i].level, c.Code); r != "" {
			return r
		}
		if h := t.codeHolder(c.Code, at); c.Code != "" && h >= 0 && h != i {
			return "code " + string(c.Code) + " is held by node " + strconv.Quote(string(t.nodes[h].id))
		}
		t.setRev(tx, i, at, func(r *rev) { r.code = c.Code })
		t.addCodeUse(c.Code, i)
	case OpRename:
		i, r := t.liveNode(c.Node, at)
		if r != "" {
			return r
		}
		t.setRev(tx, i, at, func(r *rev) { r.name = c.Name })
	case OpRetire:
		i, r := t.liveNode(c.Node, at)
		if r != "" {
			return r
		}
		kids := 0
		for k := t.firstKid[i]; k >= 0; k = t.kidLinks[k].next {
			ch := &t.nodes[t.kidLinks[k].child]
			if ch.alive(at) && ch.last().parent == i {
				kids++
			}
		}
		if kids > 0 {
			return "would orphan " + strconv.Itoa(kids) + " children"
		}
		t.touch(tx, i)
		t.nodes[i].to = at
		for _, a := range t.nodeAssigns[i] {
			if t.assigns[a].Period.To.IsZero() || t.assigns[a].Period.To.UnixNano() > at {
				t.saveAssign(tx, a)
				t.assigns[a].Period.To = fromInstant(at)
			}
		}
	case OpPerson:
		if c.Person == nil || c.Person.ID == "" {
			return "person without id"
		}
		if tx.savedPeople == nil {
			tx.savedPeople = map[PersonID]*Person{}
		}
		if _, ok := tx.savedPeople[c.Person.ID]; !ok {
			if old, ok := t.people[c.Person.ID]; ok {
				tx.savedPeople[c.Person.ID] = &old
			} else {
				tx.savedPeople[c.Person.ID] = nil
			}
		}
		t.people[c.Person.ID] = *c.Person
	case OpAssign:
		if c.Assignment == nil || c.Assignment.ID == "" {
			return "assignment without id"
		}
		a := *c.Assignment
		a.Matters = append([]Matter(nil), a.Matters...)
		if _, dup := t.assignIndex[a.ID]; dup {
			return "assignment id already used"
		}
		if _, ok := t.people[a.Person]; !ok {
			return "unknown person " + strconv.Quote(string(a.Person))
		}
		if a.Role == "" {
			return "empty role"
		}
		if a.Period.From.IsZero() {
			a.Period.From = fromInstant(at)
		}
		if !validInstant(a.Period.From) || (!a.Period.To.IsZero() && !validInstant(a.Period.To)) {
			return "assignment period out of range"
		}
		a.Period.From = a.Period.From.UTC()
		if !a.Period.To.IsZero() {
			a.Period.To = a.Period.To.UTC()
			if !a.Period.To.After(a.Period.From) {
				return "assignment ends before it starts"
			}
		}
		ni, ok := t.index[a.Node]
		if !ok {
			return "unknown node " + strconv.Quote(string(a.Node))
		}
		n := &t.nodes[ni]
		if f := a.Period.From.UnixNano(); f < n.from || f >= n.to {
			return "node " + strconv.Quote(string(a.Node)) + " is not in effect when the assignment starts"
		}
		if !a.Period.To.IsZero() && n.to != forever && a.Period.To.UnixNano() > n.to {
			return "assignment outlasts node " + strconv.Quote(string(a.Node))
		}
		if a.Period.To.IsZero() && n.to != forever {
			a.Period.To = fromInstant(n.to)
		}
		k := int32(len(t.assigns))
		t.assigns = append(t.assigns, a)
		t.assignIndex[a.ID] = k
		if tx.nodeAssigns == nil {
			tx.nodeAssigns = map[int32]int{}
		}
		if _, ok := tx.nodeAssigns[ni]; !ok {
			tx.nodeAssigns[ni] = len(t.nodeAssigns[ni])
		}
		t.nodeAssigns[ni] = append(t.nodeAssigns[ni], k)
	case OpUnassign:
		if c.Assignment == nil {
			return "assignment without id"
		}
		k, ok := t.assignIndex[c.Assignment.ID]
		if !ok {
			return "unknown assignment " + strconv.Quote(c.Assignment.ID)
		}
		a := &t.assigns[k]
		if !a.Period.To.IsZero() && a.Period.To.UnixNano() <= at {
			return "assignment already ended"
		}
		if a.Period.From.UnixNano() > at {
			return "assignment has not started"
		}
		t.saveAssign(tx, k)
		a.Period.To = fromInstant(at)
	default:
		return "unknown op " + strconv.Quote(string(c.Op))
	}
	return ""
}

func (t *Tree) saveAssign(tx *txn, k int32) {
	if int(k) >= tx.assigns {
		return
	}
	if tx.savedAssigns == nil {
		tx.savedAssigns = map[int32]Assignment{}
	}
	if _, ok := tx.savedAssigns[k]; !ok {
		tx.savedAssigns[k] = t.assigns[k]
	}
}
