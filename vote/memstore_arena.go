package vote

// This file holds MemStore's storage machinery: the chunked ballot log,
// the arenas that keep ballots' marks without an allocation per ballot,
// and the spare chunks prepared outside the poll's lock.

// chunks is an append-only list stored in fixed-size chunks, so that
// growing it never copies what it holds.
type chunks[T any] struct {
	c     [][]T
	n     int32
	spare []T // the next chunk, if prepared
}

// free is how many elements fit before a new chunk is needed.
func (c *chunks[T]) free() int {
	if len(c.c) == 0 {
		return 0
	}
	last := c.c[len(c.c)-1]
	return cap(last) - len(last)
}

// newChunk returns a chunk to append to: the spare one if prepared.
func (c *chunks[T]) newChunk() []T {
	if s := c.spare; s != nil {
		c.spare = nil
		return s
	}
	return make([]T, 0, 1<<chunkBits)
}

const chunkBits = 12

func (c *chunks[T]) add(v T) int32 {
	if int(c.n)>>chunkBits == len(c.c) {
		c.c = append(c.c, c.newChunk())
	}
	last := &c.c[len(c.c)-1]
	*last = append(*last, v)
	c.n++
	return c.n - 1
}

// grow appends a zero element and returns its index.
func (c *chunks[T]) grow() int32 {
	if int(c.n)>>chunkBits == len(c.c) {
		c.c = append(c.c, c.newChunk())
	}
	last := &c.c[len(c.c)-1]
	*last = (*last)[:len(*last)+1]
	c.n++
	return c.n - 1
}

func (c *chunks[T]) at(i int32) *T { return &c.c[i>>chunkBits][i&(1<<chunkBits-1)] }

// arenaChunk is how many marks a poll allocates at once, so that storing
// a ballot does not allocate for its marks.
const arenaChunk = 4096

// keepPacked copies ms into the packed arena and returns the stored slice.
func (mp *memPoll) keepPacked(ms []packedMark) []packedMark {
	if len(ms) > cap(mp.packs)-len(mp.packs) {
		if len(ms) <= cap(mp.spare) {
			mp.packs, mp.spare = mp.spare, nil
		} else {
			mp.packs = make([]packedMark, 0, max(arenaChunk, len(ms)))
		}
	}
	n := len(mp.packs)
	mp.packs = append(mp.packs, ms...)
	return mp.packs[n : n+len(ms) : n+len(ms)]
}

// keepMarks copies ms into the arena and returns the stored slice.
func (mp *memPoll) keepMarks(ms []Mark) []Mark {
	if len(ms) == 0 {
		return nil
	}
	if len(ms) > cap(mp.arena)-len(mp.arena) {
		mp.arena = make([]Mark, 0, max(arenaChunk, len(ms)))
	}
	n := len(mp.arena)
	mp.arena = append(mp.arena, ms...)
	return mp.arena[n : n+len(ms) : n+len(ms)]
}

// A fresh chunk's first use costs page faults. So that they are not paid
// inside the poll's lock, put asks for the next chunk of a kind (log or
// packed marks) when few entries are left, and the next caster prepares
// it before taking the lock. At most one spare of a kind is prepared at
// a time.
const (
	wantLog   = 0
	wantPacks = 1

	spareIdle      = 0
	spareWanted    = 1
	sparePreparing = 2

	spareAhead = 256 // free log entries left when the next chunk is wanted
)

// prepareLog allocates a log chunk and writes to every page of it.
func prepareLog() []memBallot {
	log := make([]memBallot, 1<<chunkBits)
	for i := 0; i < len(log); i += 16 {
		log[i].live = false
	}
	return log[:0]
}

// preparePacks allocates a packed-mark chunk and writes to every page of
// it.
func preparePacks() []packedMark {
	packs := make([]packedMark, arenaChunk)
	for i := 0; i < len(packs); i += 128 {
		packs[i].count = 0
	}
	return packs[:0]
}

// installChunks keeps prepared chunks (nil: none of that kind) as spares;
// mp.mu must be held for writing.
func (mp *memPoll) installChunks(log []memBallot, packs []packedMark) {
	if log != nil {
		if mp.log.spare == nil {
			mp.log.spare = log
		}
		mp.want[wantLog].Store(spareIdle)
	}
	if packs != nil {
		if mp.spare == nil {
			mp.spare = packs
		}
		mp.want[wantPacks].Store(spareIdle)
	}
}
