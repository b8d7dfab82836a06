package vote

import (
	"hash/maphash"
	"math"
)

// This file holds the roll index: how a compiled poll finds a voter's
// position in its eligibility list on every cast and every counted
// ballot. It is the largest random-access structure a cast touches (one
// entry per eligible voter), so it is kept small: a Go map of a
// million string keys spreads over tens of megabytes, and each cast
// paid a cache and TLB miss into it for the group's control word and
// another for the key. The roll index is a flat open-addressing table of
// 8-byte entries (16 MB for a million voters, at most two thirds full),
// so a lookup reads one entry, usually within one cache line of its
// probe sequence, and then compares the one id the entry points to.

// rollIndex maps the ids of an eligibility list to their positions. It
// answers exactly as a scan of the list for the first equal id would
// (rollIndex_test checks it against that), and never changes once
// built.
type rollIndex struct {
	seed  maphash.Seed
	slots []uint64  // 0: empty; else tag | (position+1)
	ids   []VoterID // position -> id, the list's own order
	tags  uint64    // the hash bits kept as an entry's tag: the top 32
}

// rollMaxLen is the longest list a rollIndex holds: positions + 1 fit in
// the low 32 bits of a slot.
const rollMaxLen = math.MaxUint32 - 1

// newRollIndex indexes the ids of voters. It returns the index and the
// position of the first id that repeats an earlier one (-1 if none); a
// repeated id keeps its first position. A list longer than rollMaxLen is
// not indexed (nil, -1): no poll can hold one in memory.
func newRollIndex(voters []Voter) (*rollIndex, int) {
	return newRollIndexTags(voters, ^uint64(math.MaxUint32))
}

// newRollIndexTags is newRollIndex keeping the hash bits tags as tags
// (within the top 32); tests use 0, so that every probe compares ids.
func newRollIndexTags(voters []Voter, tags uint64) (*rollIndex, int) {
	n := len(voters)
	if n > rollMaxLen {
		return nil, -1
	}
	size := 8
	for size < n+n/2 {
		size <<= 1
	}
	ix := &rollIndex{seed: maphash.MakeSeed(), slots: make([]uint64, size), ids: make([]VoterID, n), tags: tags &^ math.MaxUint32}
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
		ix.slots[at] = h&ix.tags | uint64(i+1)
	}
	return ix, dup
}

func (ix *rollIndex) hash(id VoterID) uint64 { return maphash.String(ix.seed, string(id)) }

// probe follows id's probe sequence (h is its hash) and returns the slot
// holding it (found), or the empty slot that ends the sequence.
func (ix *rollIndex) probe(id VoterID, h uint64) (at int, found bool) {
	mask := uint64(len(ix.slots) - 1)
	tag := h & ix.tags
	for i := h & mask; ; i = (i + 1) & mask {
		e := ix.slots[i]
		if e == 0 {
			return int(i), false
		}
		if e&^math.MaxUint32 == tag && ix.ids[uint32(e)-1] == id {
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
	return int(uint32(ix.slots[at])) - 1, true
}

// len returns the length of the indexed list.
func (ix *rollIndex) len() int { return len(ix.ids) }
