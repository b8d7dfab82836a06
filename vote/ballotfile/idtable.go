package ballotfile

import (
	"hash/maphash"
	"math/bits"
	"math/rand/v2"
)

// idTable is a set of ids (project ids, voter ids) as an open-addressing
// hash table, for the hot paths of the .pb decoder: it looks up the bytes
// of a field without making a string, and its probes compare 8-byte
// hashes before the ids themselves. Ids of up to 8 bytes (project ids
// such as "L005") are hashed inline, by one 64×64→128-bit multiply of the
// id's bytes with random per-table seeds (wyhash's mixing step); longer
// ones by hash/maphash.
type idTable struct {
	seed   maphash.Seed
	s0, s1 uint64 // seeds of the short-id hash
	slots  []idSlot
	mask   uint64
}

type idSlot struct {
	hash uint64
	w    uint64 // a short key's bytes, packed as find packs them
	key  string
	idx  int32 // index + 1; 0 is an empty slot
}

// newIDTable returns a table for up to n ids.
func newIDTable(n int) *idTable {
	size := 1 << bits.Len(uint(2*n+1))
	return &idTable{seed: maphash.MakeSeed(), s0: rand.Uint64(), s1: rand.Uint64() | 1<<63, // never n^s1 == 0
		slots: make([]idSlot, size), mask: uint64(size - 1)}
}

// short hashes an id of up to 8 bytes held in w (its bytes, big-endian).
func (t *idTable) short(w uint64, n int) uint64 {
	hi, lo := bits.Mul64(w^t.s0, uint64(n)^t.s1)
	return hi ^ lo
}

// hash returns the hash of key and, if it is short, its packed bytes.
func (t *idTable) hash(key string) (h, w uint64) {
	if len(key) > 8 {
		return maphash.String(t.seed, key), 0
	}
	for i := 0; i < len(key); i++ {
		w = w<<8 | uint64(key[i])
	}
	return t.short(w, len(key)), w
}

// add inserts key with index i, unless the table holds it; it returns the
// index of key and whether it was added.
func (t *idTable) add(key string, i int) (int, bool) {
	h, w := t.hash(key)
	for p := h & t.mask; ; p = (p + 1) & t.mask {
		s := &t.slots[p]
		if s.idx == 0 {
			*s = idSlot{hash: h, w: w, key: key, idx: int32(i + 1)}
			return i, true
		}
		if s.hash == h && s.key == key {
			return int(s.idx - 1), false
		}
	}
}

// find returns the index of key, or -1. A short key is compared by its
// packed bytes and length, without a call to compare strings.
func (t *idTable) find(key []byte) int {
	if len(key) > 8 {
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
	var w uint64
	for _, c := range key {
		w = w<<8 | uint64(c)
	}
	return t.findShort(w, len(key))
}

// findShort returns the index of the id of n <= 8 bytes packed in w (as
// find packs them), or -1.
func (t *idTable) findShort(w uint64, n int) int {
	h := t.short(w, n)
	for p := h & t.mask; ; p = (p + 1) & t.mask {
		s := &t.slots[p]
		if s.idx == 0 {
			return -1
		}
		if s.hash == h && s.w == w && len(s.key) == n {
			return int(s.idx - 1)
		}
	}
}
