package vote

import (
	"hash/maphash"
	"math"
	"math/bits"
)

// This file holds the roll index: how a compiled poll finds a voter's
// position in its eligibility list on every cast and every counted
// ballot. It is the largest random-access structure a cast touches (one
// entry per eligible voter), so it is kept small: a Go map of a
// million string keys spreads over tens of megabytes, and each cast
// paid a cache and TLB miss into it for the group's control word and
// another for the key. The roll index is a flat open-addressing table of
// 4-byte entries (8 MB for a million voters, at most two thirds full),
// so a lookup reads one entry, usually within one cache line of its
// probe sequence, and then compares the one id the entry points to. An
// entry is a position + 1 in its low bits and, in the bits the positions
// leave free, a tag from the id's hash (12 bits for a million voters),
// so that a probe past another id's entry rarely compares ids.

// rollIndex maps the ids of an eligibility list to their positions. It
// answers exactly as a scan of the list for the first equal id would
// (rollIndex_test checks it against that), and never changes once
// built.
type rollIndex struct {
	seed  maphash.Seed
	slots []uint32  // 0: empty; else tag | (position+1)
	ids   []VoterID // position -> id, the list's own order
	tags  uint32    // the bits of an entry that hold its tag
}

// rollMaxLen is the longest list a rollIndex holds: positions + 1 fit in
// an entry.
const rollMaxLen = math.MaxUint32 - 1

// newRollIndex indexes the ids of voters. It returns the index and the
// position of the first id that repeats an earlier one (-1 if none); a
// repeated id keeps its first position. A list longer than rollMaxLen is
// not indexed (nil, -1): no poll can hold one in memory.
func newRollIndex(voters []Voter) (*rollIndex, int) { return newRollIndexTags(voters, true) }

// newRollIndexTags is newRollIndex with tags or, for tests, without
// (every probe compares ids).
func newRollIndexTags(voters []Voter, tagged bool) (*rollIndex, int) {
	n := len(voters)
	if n > rollMaxLen {
		return nil, -1
	}
	size := 8
	for size < n+n/2 {
		size <<= 1
	}
	ix := &rollIndex{seed: maphash.MakeSeed(), slots: make([]uint32, size), ids: make([]VoterID, n)}
	if tagged {
		ix.tags = ^uint32(0) << bits.Len(uint(n)) // above the largest position + 1
	}
	dup := -1
	for i, v := range voters {
		ix.ids[i] = v.ID
		h := ix.hash(v.ID)
		at, found := ix.probe(v.ID, h)
		if found {
			if dup < 0 {
				dup = i
			}
			continue
		}
		ix.slots[at] = uint32(h>>32)&ix.tags | uint32(i+1)
	}
	return ix, dup
}

func (ix *rollIndex) hash(id VoterID) uint64 { return maphash.String(ix.seed, string(id)) }

// probe follows id's probe sequence (h is its hash) and returns the slot
// holding it (found), or the empty slot that ends the sequence.
func (ix *rollIndex) probe(id VoterID, h uint64) (at int, found bool) {
	mask := uint64(len(ix.slots) - 1)
	tag := uint32(h>>32) & ix.tags
	for i := h & mask; ; i = (i + 1) & mask {
		e := ix.slots[i]
		if e == 0 {
			return int(i), false
		}
		if e&ix.tags == tag && ix.ids[e&^ix.tags-1] == id {
			return int(i), true
		}
	}
}

// position returns the position of id in the list, or false if it is
// not on it.
func (ix *rollIndex) position(id VoterID) (int, bool) {
	at, found := ix.probe(id, ix.hash(id))
	if !found {
		return -1, false
	}
	return int(ix.slots[at]&^ix.tags) - 1, true
}

// len returns the length of the indexed list.
func (ix *rollIndex) len() int { return len(ix.ids) }
