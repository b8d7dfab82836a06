package ballotfile

import (
	"hash/maphash"
	"math/bits"
	"strings"
)

// idTable is a set of ids (project ids, voter ids) as an open-addressing
// hash table, for the hot paths of the .pb decoder: it looks up the bytes
// of a field without making a string, and its probes compare 8-byte
// hashes before the ids themselves.
type idTable struct {
	seed  maphash.Seed
	slots []idSlot
	mask  uint64
}

type idSlot struct {
	hash uint64
	key  string
	idx  int32 // index + 1; 0 is an empty slot
}

// newIDTable returns a table for up to n ids.
func newIDTable(n int) *idTable {
	size := 1 << bits.Len(uint(2*n+1))
	return &idTable{seed: maphash.MakeSeed(), slots: make([]idSlot, size), mask: uint64(size - 1)}
}

// add inserts key with index i, unless the table holds it; it returns the
// index of key and whether it was added.
func (t *idTable) add(key string, i int) (int, bool) {
	h := maphash.String(t.seed, key)
	for p := h & t.mask; ; p = (p + 1) & t.mask {
		s := &t.slots[p]
		if s.idx == 0 {
			*s = idSlot{hash: h, key: key, idx: int32(i + 1)}
			return i, true
		}
		if s.hash == h && s.key == key {
			return int(s.idx - 1), false
		}
	}
}

// find returns the index of key, or -1.
func (t *idTable) find(key []byte) int {
	h := maphash.Bytes(t.seed, key)
	for p := h & t.mask; ; p = (p + 1) & t.mask {
		s := &t.slots[p]
		if s.idx == 0 {
			return -1
		}
		if s.hash == h && s.key == string(key) {
			return int(s.idx - 1)
		}
	}
}

// increasing reports whether the voter ids of ballots are in strictly
// increasing byte order, as most published files list them: then no id
// repeats, and checking it needs no table.
func increasing(ids func(i int) string, n int) bool {
	for i := 1; i < n; i++ {
		if strings.Compare(ids(i-1), ids(i)) >= 0 {
			return false
		}
	}
	return true
}
