package grid

// codeTable is an open-addressing hash table from codes to dense view
// indexes. Keys are stored inline as numbers (a code is at most 25 ASCII
// digits), so a lookup touches one cache line instead of chasing string
// pointers. It is built once per View and read-only afterwards.
type codeTable struct {
	slots []codeSlot
	mask  uint64
}

type codeSlot struct {
	lo  uint64 // value of the last up to 18 digits
	hi  uint32 // value of the leading digits << 5 | length; 0 = empty
	pos int32
}

// codeKey packs a code of 1..25 ASCII digits into (lo, hi); ok is false for
// anything else.
func codeKey(c Code) (lo uint64, hi uint32, ok bool) {
	n := len(c)
	if n == 0 || n > 25 {
		return 0, 0, false
	}
	split := max(n-18, 0)
	var h uint64
	for i := 0; i < split; i++ {
		d := c[i] - '0'
		if d > 9 {
			return 0, 0, false
		}
		h = h*10 + uint64(d)
	}
	for i := split; i < n; i++ {
		d := c[i] - '0'
		if d > 9 {
			return 0, 0, false
		}
		lo = lo*10 + uint64(d)
	}
	return lo, uint32(h)<<5 | uint32(n), true
}

func codeHash(lo uint64, hi uint32) uint64 {
	h := (lo ^ uint64(hi)<<40) * 0x9E3779B97F4A7C15
	return h ^ h>>29
}

// overloaded reports whether count keys exceed the maximum load, 3/4: with linear probing and a
// well-mixed hash a lookup still takes about 1.5 probes.
func overloaded(count, size int) bool { return 4*count > 3*size }

func newCodeTable(n int) codeTable {
	size := 16
	for overloaded(n, size) {
		size *= 2
	}
	return codeTable{slots: make([]codeSlot, size), mask: uint64(size - 1)}
}

// put records code c at pos; c must be a valid code not yet in the table.
func (t *codeTable) put(c Code, pos int32) {
	lo, hi, ok := codeKey(c)
	if !ok {
		return
	}
	for i := codeHash(lo, hi) & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.hi == 0 {
			*s = codeSlot{lo: lo, hi: hi, pos: pos}
			return
		}
	}
}

func (t *codeTable) get(c Code) (int32, bool) {
	lo, hi, ok := codeKey(c)
	if !ok || len(t.slots) == 0 {
		return -1, false
	}
	for i := codeHash(lo, hi) & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.hi == hi && s.lo == lo {
			return s.pos, true
		}
		if s.hi == 0 {
			return -1, false
		}
	}
}

// set maps code c to v, inserting or updating, and grows the table to keep
// its load at most 3/4. Used for the Tree's mutable code index, where v is
// the head of the code's chain of uses and -1 means "none".
func (t *codeTable) set(c Code, v int32, count *int) {
	lo, hi, ok := codeKey(c)
	if !ok {
		return
	}
	if overloaded(*count+1, len(t.slots)) {
		t.grow()
	}
	for i := codeHash(lo, hi) & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.hi == hi && s.lo == lo {
			s.pos = v
			return
		}
		if s.hi == 0 {
			*s = codeSlot{lo: lo, hi: hi, pos: v}
			*count++
			return
		}
	}
}

func (t *codeTable) grow() {
	old := t.slots
	size := max(16, 2*len(old))
	t.slots, t.mask = make([]codeSlot, size), uint64(size-1)
	for _, s := range old {
		if s.hi == 0 {
			continue
		}
		for i := codeHash(s.lo, s.hi) & t.mask; ; i = (i + 1) & t.mask {
			if t.slots[i].hi == 0 {
				t.slots[i] = s
				break
			}
		}
	}
}

// head returns the value for c, or -1 if c is absent.
func (t *codeTable) head(c Code) int32 {
	v, ok := t.get(c)
	if !ok {
		return -1
	}
	return v
}
