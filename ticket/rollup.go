package ticket

import (
	"hash/maphash"
	"iter"
	"math"

	"github.com/gongzhi/gongzhi/grid"
)

// RollUpView is RollUp on a grid.View, the fast path for big grids: facts
// are tallied by the view's dense node index and rolled up in one backward
// pass over the view's parent indexes. It returns a tally per node index (subtree totals,
// length v.Len()) and the tally of facts whose location is not in the view.
//
// It is built for tens of millions of facts in any order. Facts are
// resolved in batches of a few hundred through a flat hash index of the
// view's node IDs, built once per call, so the memory accesses of a batch
// (the ID bytes, the index slot, the node's counters) overlap instead of
// waiting for one another; a run of facts at the same place is resolved
// once. Each node's own counts are kept in a 16-byte record of 8-bit
// counters; the counts stay exact (a record about to overflow is spilled
// into the node's int64 Tally first).
func RollUpView(facts iter.Seq[Fact], v *grid.View) (tallies []Tally, unplaced Tally) {
	return rollUpView(facts, v, math.MaxUint32)
}

// rollBatch is the number of facts resolved together.
const rollBatch = 256

// rollUpView is RollUpView with the spill threshold as a parameter (tests
// lower it to exercise the spill path). Thresholds above the capacity of a
// compact counter (255) are lowered to it.
func rollUpView(facts iter.Seq[Fact], v *grid.View, limit uint32) (tallies []Tally, unplaced Tally) {
	return newRoller(v, newNodeIndex(v, tagBits), limit).run(facts)
}

// run counts the facts and rolls them up.
func (r *roller) run(facts iter.Seq[Fact]) (tallies []Tally, unplaced Tally) {
	for f := range facts {
		b := &r.batch[r.n]
		b.node, b.delta = f.Node, deltaOf(&f)
		if r.n++; r.n == rollBatch {
			r.flushBatch()
		}
	}
	r.flushBatch()
	return r.finish()
}

// pending is one buffered fact, or a run of facts at one place: the place,
// and what the facts add to a compact record (at most limit tickets).
type pending struct {
	node  grid.ID
	hash  uint64
	delta compact
	slot  int // the index slot of the candidate node; -1: none, -2: same place as the fact before
	at    int // the candidate node's view index
}

// roller holds the state of one RollUpView call.
type roller struct {
	v     *grid.View
	index nodeIndex
	limit uint64
	accs  []compact // per view index, plus one (the last) for unplaced facts
	// tallies and unplaced receive the records' counts when they spill
	// and at the end.
	tallies  []Tally
	unplaced Tally
	batch    [rollBatch]pending
	n        int
	// prev is the last resolved fact of the previous batch.
	prevNode grid.ID
	prevHash uint64
	prevAt   int // view index or len(v) (unplaced); -1: none yet
	// sink receives the values of the touching loads, so that the
	// compiler keeps them.
	sink uint64
}

func newRoller(v *grid.View, x nodeIndex, limit uint32) *roller {
	return &roller{v: v, index: x, limit: uint64(max(1, min(limit, laneMax))),
		accs: make([]compact, v.Len()+1), tallies: make([]Tally, v.Len()), prevAt: -1}
}

// flushBatch resolves and counts the buffered facts. The loops are
// separate on purpose: each issues independent loads (ID bytes, index
// slots, node records) that the processor overlaps.
func (r *roller) flushBatch() {
	b := r.batch[:r.n]
	r.n = 0
	if len(b) == 0 {
		return
	}
	x := &r.index
	// Touch the ID bytes, then hash them.
	var sink uint64
	for i := range b {
		if s := b[i].node; s != "" {
			sink += uint64(s[0])
		}
	}
	for i := range b {
		b[i].hash = maphash.String(x.seed, string(b[i].node))
	}
	// Merge each run of facts at one place into one entry (up to limit
	// tickets).
	j := 0
	for i := range b {
		if j > 0 {
			if q := &b[j-1]; b[i].hash == q.hash && b[i].node == q.node && q.delta.tickets()+b[i].delta.tickets() <= r.limit {
				q.delta.merge(&b[i].delta)
				continue
			}
		}
		b[j] = b[i]
		j++
	}
	clear(b[j:]) // drop the ID strings
	b = b[:j]
	// Mark a run continued from the last batch; touch the first index slot
	// of the others.
	for i := range b {
		p := &b[i]
		if i == 0 && r.prevAt >= 0 && p.hash == r.prevHash && p.node == r.prevNode {
			p.slot = -2
			continue
		}
		p.slot = int(p.hash & x.mask)
		sink += x.slots[p.slot]
	}
	// Find the candidate slots (tag match) and touch their IDs and records.
	for i := range b {
		p := &b[i]
		if p.slot == -2 {
			continue
		}
		p.slot, p.at = x.candidate(p.hash, p.slot)
		if p.slot >= 0 {
			sink += uint64(len(r.v.ID(p.at))) + r.accs[p.at][0]
		}
	}
	// Verify the candidates and count.
	unplacedAt := len(r.accs) - 1
	at := r.prevAt
	for i := range b {
		p := &b[i]
		if p.slot != -2 {
			at = unplacedAt
			if p.slot >= 0 {
				if r.v.ID(p.at) == p.node {
					at = p.at
				} else if k := x.find(p.node, p.hash, p.slot+1); k >= 0 {
					at = k
				}
			}
		}
		r.add(at, &p.delta)
	}
	r.prevAt, r.prevNode, r.prevHash = at, b[len(b)-1].node, b[len(b)-1].hash
	r.sink += sink
	clear(b) // drop the ID strings
}

// add counts delta into record at, first spilling the record into the
// node's Tally if the sum could overflow.
func (r *roller) add(at int, d *compact) {
	c := &r.accs[at]
	if c.tickets()+d.tickets() > r.limit {
		if at == len(r.tallies) {
			c.flush(&r.unplaced)
		} else {
			c.flush(&r.tallies[at])
		}
	}
	c.merge(d)
}

// finish adds the records into the tallies and rolls them up in one
// backward pass (a parent's index is always smaller than its child's).
func (r *roller) finish() (tallies []Tally, unplaced Tally) {
	n := len(r.tallies)
	r.accs[n].flush(&r.unplaced)
	for i := n - 1; i >= 0; i-- {
		a := &r.tallies[i]
		r.accs[i].flush(a)
		if p := r.v.ParentIndex(i); p >= 0 {
			r.tallies[p].Merge(a)
		}
	}
	return r.tallies, r.unplaced
}

// nodeIndex is an open-addressing hash index (linear probing, load at most
// one half) from a view's node IDs to their dense indexes. Each slot packs
// the upper 32 bits of the ID's hash (a tag that rules out almost every
// wrong slot without touching an ID) and the view index plus one (0: an
// empty slot). A tag match is confirmed by comparing the IDs.
//
// The hash seed is random, as in Go's own maps; it affects only the layout
// of the index, never a result.
type nodeIndex struct {
	v     *grid.View
	seed  maphash.Seed
	mask  uint64
	tag   uint64 // the hash bits kept as the tag
	slots []uint64
}

// tagBits selects the upper 32 bits of a hash as its tag. (Tests use no
// tag bits at all, so that every occupied slot is a candidate.)
const tagBits = math.MaxUint32 << 32

func newNodeIndex(v *grid.View, tag uint64) nodeIndex {
	size := 8
	for size < 2*v.Len() {
		size <<= 1
	}
	x := nodeIndex{v: v, seed: maphash.MakeSeed(), mask: uint64(size - 1), tag: tag, slots: make([]uint64, size)}
	for k := range v.Len() {
		h := maphash.String(x.seed, string(v.ID(k)))
		p := h & x.mask
		for x.slots[p] != 0 {
			p = (p + 1) & x.mask
		}
		x.slots[p] = h&tag | uint64(k+1)
	}
	return x
}

// candidate returns the first slot from p on whose tag matches hash h and
// its view index, or -1 if an empty slot comes first.
func (x *nodeIndex) candidate(h uint64, p int) (slot, node int) {
	for q := uint64(p); ; q = (q + 1) & x.mask {
		e := x.slots[q]
		if e == 0 {
			return -1, -1
		}
		if (e^h)&x.tag == 0 {
			return int(q), int(uint32(e)) - 1
		}
	}
}

// find returns the view index of node id (hash h), probing from slot p,
// or -1.
func (x *nodeIndex) find(id grid.ID, h uint64, p int) int {
	for q := p & int(x.mask); ; q = (q + 1) & int(x.mask) {
		s, k := x.candidate(h, q)
		if s < 0 {
			return -1
		}
		if x.v.ID(k) == id {
			return k
		}
		q = s
	}
}

// Index returns the view index of node id, or -1 (the slow path, used by
// tests).
func (x *nodeIndex) Index(id grid.ID) int {
	h := maphash.String(x.seed, string(id))
	return x.find(id, h, int(h&x.mask))
}
