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

// HasBatch reports whether a batch with this ID has been applied.
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
