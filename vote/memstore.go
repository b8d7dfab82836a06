package vote

import (
	"cmp"
	"context"
	"iter"
	"slices"
	"sync"
	"sync/atomic"
)

// MemStore is the in-memory Store, the default for embedded use and the
// model the conformance suite is written against. It is safe for
// concurrent use; each poll has its own lock, so casts in different polls
// do not contend. The zero MemStore is not ready: use NewMemStore.
//
// A cast into a poll with an eligibility list touches no map inside the
// lock: marks (and, in public polls, ballot ids) live in a slot table
// indexed by the voter's position in the list, marks made of the poll's
// own options are stored packed (no pointers), and the next storage chunk
// is prepared before the lock is taken.
type MemStore struct {
	mu    sync.RWMutex
	polls map[PollID]*memPoll
}

var _ Store = (*MemStore)(nil)

// memBallot is a stored ballot. Its marks live in the poll's mark arena.
type memBallot struct {
	ballot Ballot       // its Marks are nil when packed holds them
	packed []packedMark // the marks in the poll's packed form, if any
	hash   string       // receipt hash
	voter  VoterID      // empty in secret polls: no link is kept
	live   bool         // false once replaced
}

// A poll's participation marks and ballot ids are kept in a dense slot
// table for the ids of its eligibility list (built once, when the poll
// first opens empty), and in maps for any other id. A slot is keyed by an
// id string only: the mark of voter v and the ballot whose id equals v
// share a slot, which in a public poll (ballot id = voter id) makes a cast
// one lookup, and in a secret poll relates nothing (its tokens are not
// voter ids).
type memSlot struct {
	mark   int32 // 0: no mark; markSecret; else log index + 1
	ballot int32 // 0: no ballot with this id; else log index + 1
}

// markSecret is the mark of a secret poll's voter: no log index is kept.
const markSecret = -1

// voterIndex maps the ids of a poll's eligibility list (without
// duplicates) to slots, slot i being Voters[i]; it never changes once
// built. Ballot ids use the slots only in a poll that was public when it
// opened (where they are voter ids); a secret poll's tokens stay in byID.
type voterIndex struct {
	slot    map[string]int32
	ids     []VoterID // slot -> voter id
	ballots bool      // ballot ids use the slots too
}

type memPoll struct {
	mu    sync.RWMutex
	poll  Poll
	index atomic.Pointer[voterIndex] // set once, with slots, under mu
	codec atomic.Pointer[markCodec]  // set once, under mu
	packs []packedMark               // current chunk of packed mark storage
	spare []packedMark               // the next one, if prepared
	want  [2]atomic.Int32            // per chunk kind (wantLog, wantPacks): spareIdle, spareWanted or sparePreparing
	slots []memSlot
	marks map[VoterID]int32  // marks of voters outside the index (same encoding as memSlot.mark)
	byID  map[BallotID]int32 // ballots whose id is outside the index: log index
	nLive int                // live ballots
	log   chunks[memBallot]
	arena []Mark  // current chunk of mark storage
	order []int32 // live log indices in canonical order, nil when stale
}

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

// out returns a copy of a stored ballot that shares nothing with the
// store; mp.mu must be held.
func (mp *memPoll) out(mb *memBallot) Ballot {
	if mb.packed == nil {
		return mb.ballot.clone()
	}
	b := mb.ballot
	b.Marks = mp.codec.Load().unpack(mb.packed)
	return b
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

// NewMemStore returns an empty MemStore.
func NewMemStore() *MemStore {
	return &MemStore{polls: make(map[PollID]*memPoll)}
}

func (s *MemStore) get(id PollID) (*memPoll, error) {
	s.mu.RLock()
	mp := s.polls[id]
	s.mu.RUnlock()
	if mp == nil {
		return nil, notFound(id)
	}
	return mp, nil
}

func notFound(id PollID) error {
	return &notFoundError{id}
}

type notFoundError struct{ id PollID }

func (e *notFoundError) Error() string { return "vote: poll " + string(e.id) + " not found" }
func (e *notFoundError) Unwrap() error { return ErrNotFound }

// CreatePoll implements Store.
func (s *MemStore) CreatePoll(ctx context.Context, p Poll) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.polls[p.ID]; ok {
		return ErrExists
	}
	p = p.Clone()
	p.Version = 1
	mp := &memPoll{poll: p, marks: make(map[VoterID]int32), byID: make(map[BallotID]int32)}
	mp.indexVoters()
	s.polls[p.ID] = mp
	return nil
}

// indexVoters builds the slot table from the eligibility list, and the
// mark codec from the options and levels, when the poll is open and
// nothing has been cast yet; mp.mu must be held for writing (or mp not
// yet shared).
func (mp *memPoll) indexVoters() {
	if mp.poll.State != StateOpen || mp.log.n != 0 || len(mp.marks) != 0 {
		return
	}
	if mp.codec.Load() == nil {
		mp.codec.Store(newMarkCodec(mp.poll))
	}
	if len(mp.poll.Voters) == 0 || mp.index.Load() != nil {
		return
	}
	n := len(mp.poll.Voters) // at most one ballot per voter
	ix := &voterIndex{slot: make(map[string]int32, n), ids: make([]VoterID, n), ballots: !mp.poll.Secret}
	for i, v := range mp.poll.Voters {
		if _, dup := ix.slot[string(v.ID)]; dup { // not a valid list: keep to the maps
			mp.marks, mp.byID = make(map[VoterID]int32, n), make(map[BallotID]int32, n)
			return
		}
		ix.slot[string(v.ID)] = int32(i)
		ix.ids[i] = v.ID
	}
	if !ix.ballots {
		mp.byID = make(map[BallotID]int32, n) // the tokens go there
	}
	mp.slots = make([]memSlot, n)
	mp.index.Store(ix)
}

// ballotSlot returns the slot of ballot id (-1 if none), given the slot
// vs of voter.
func (ix *voterIndex) ballotSlot(id BallotID, voter VoterID, vs int32) int32 {
	switch {
	case ix == nil || !ix.ballots:
		return -1
	case string(id) == string(voter):
		return vs
	}
	return ix.slotOf(string(id))
}

// slotOf returns the slot of id in ix, or -1.
func (ix *voterIndex) slotOf(id string) int32 {
	if ix == nil {
		return -1
	}
	if i, ok := ix.slot[id]; ok {
		return i
	}
	return -1
}

// hinted returns the slot of voter, trying the hint first.
func (ix *voterIndex) hinted(voter VoterID, hint int32) int32 {
	if ix != nil && hint >= 0 && int(hint) < len(ix.ids) && ix.ids[hint] == voter {
		return hint
	}
	return ix.slotOf(string(voter))
}

// Poll implements Store.
func (s *MemStore) Poll(ctx context.Context, id PollID) (Poll, error) {
	if err := ctx.Err(); err != nil {
		return Poll{}, err
	}
	mp, err := s.get(id)
	if err != nil {
		return Poll{}, err
	}
	mp.mu.RLock()
	defer mp.mu.RUnlock()
	return mp.poll.Clone(), nil
}

// UpdatePoll implements Store.
func (s *MemStore) UpdatePoll(ctx context.Context, p Poll) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	mp, err := s.get(p.ID)
	if err != nil {
		return 0, err
	}
	mp.mu.Lock()
	defer mp.mu.Unlock()
	if mp.poll.Version != p.Version {
		return 0, ErrConflict
	}
	p = p.Clone()
	p.Version++
	if mp.poll.Secret && mp.poll.State == StateOpen && p.State != StateOpen {
		mp.forgetCastOrder()
	}
	mp.poll = p
	mp.indexVoters()
	return p.Version, nil
}

// forgetCastOrder rewrites a secret poll's ballot log in token order, so
// that not even the memory layout remembers the order of casting; mp.mu
// must be held for writing.
func (mp *memPoll) forgetCastOrder() {
	var log chunks[memBallot]
	moved := make([]int32, mp.log.n) // old log index -> new log index + 1
	for _, i := range mp.canonical() {
		j := log.add(*mp.log.at(i))
		moved[i] = j + 1
	}
	remap := func(x int32) int32 {
		if x > 0 {
			return moved[x-1]
		}
		return x
	}
	remark := func(x int32) int32 {
		if y := remap(x); y != 0 || x == 0 {
			return y
		}
		return markSecret // a mark is never lost
	}
	for k := range mp.slots {
		sl := &mp.slots[k]
		sl.mark, sl.ballot = remark(sl.mark), remap(sl.ballot)
	}
	for v, x := range mp.marks {
		mp.marks[v] = remark(x)
	}
	for id, i := range mp.byID {
		mp.byID[id] = moved[i] - 1
	}
	mp.log, mp.order = log, nil
}

// ballotAt returns the log index of the live ballot with id, given id's
// slot (-1 if none); mp.mu must be held.
func (mp *memPoll) ballotAt(id BallotID, slot int32) (int32, bool) {
	if slot >= 0 {
		x := mp.slots[slot].ballot
		return x - 1, x != 0
	}
	i, ok := mp.byID[id]
	return i, ok
}

// markOf returns voter's mark (memSlot.mark encoding, 0 if none) given the
// voter's slot (-1 if none); mp.mu must be held.
func (mp *memPoll) markOf(voter VoterID, slot int32) int32 {
	if slot >= 0 {
		return mp.slots[slot].mark
	}
	return mp.marks[voter]
}

// AppendBallot implements Store.
func (s *MemStore) AppendBallot(ctx context.Context, e Entry) (Receipt, error) {
	return s.appendBallot(ctx, e, -1)
}

// appendBallot is AppendBallot with a hint from a Service that already
// looked the voter up in the eligibility list: the voter's position in
// the poll's Voters, or -1. A wrong hint costs a lookup, nothing more.
func (s *MemStore) appendBallot(ctx context.Context, e Entry, hint int32) (Receipt, error) {
	if err := ctx.Err(); err != nil {
		return Receipt{}, err
	}
	mp, err := s.get(e.Poll)
	if err != nil {
		return Receipt{}, err
	}
	// Find the slots before taking the lock: the index never changes
	// once built. In a public poll the ballot id is the voter id.
	ix := mp.index.Load()
	vs := ix.hinted(e.Voter, hint)
	bs := ix.ballotSlot(e.Ballot.ID, e.Voter, vs)
	var stack [maxPacked]packedMark
	codec := mp.codec.Load()
	packed, ok := codec.pack(e.Ballot.Marks, stack[:0])
	var log []memBallot
	var packs []packedMark
	if mp.want[wantLog].Load() == spareWanted && mp.want[wantLog].CompareAndSwap(spareWanted, sparePreparing) {
		log = prepareLog()
	}
	if mp.want[wantPacks].Load() == spareWanted && mp.want[wantPacks].CompareAndSwap(spareWanted, sparePreparing) {
		packs = preparePacks()
	}
	mp.mu.Lock()
	defer mp.mu.Unlock()
	mp.installChunks(log, packs)
	if mp.poll.State != StateOpen {
		return Receipt{}, &StateError{Poll: e.Poll, State: mp.poll.State, Op: "cast"}
	}
	if now := mp.index.Load(); now != ix { // built meanwhile
		ix = now
		vs = ix.hinted(e.Voter, hint)
		bs = ix.ballotSlot(e.Ballot.ID, e.Voter, vs)
	}
	if now := mp.codec.Load(); now != codec {
		codec = now
		packed, ok = codec.pack(e.Ballot.Marks, stack[:0])
	}
	if !ok {
		packed = nil
	}
	secret := e.Secret || mp.poll.Secret
	receipt := func(i int32) Receipt {
		mb := mp.log.at(i)
		return Receipt{Poll: e.Poll, Ballot: mb.ballot.ID, Hash: mb.hash}
	}
	if mark := mp.markOf(e.Voter, vs); mark != 0 {
		if secret {
			if i, ok := mp.ballotAt(e.Ballot.ID, bs); ok && mp.log.at(i).hash == e.Receipt.Hash {
				return receipt(i), nil
			}
			return Receipt{}, ErrAlreadyVoted
		}
		if mark == markSecret { // marked by a secret cast: no ballot to compare
			return Receipt{}, ErrAlreadyVoted
		}
		prev := mark - 1
		if mp.log.at(prev).hash == e.Receipt.Hash {
			return receipt(prev), nil
		}
		if !e.Replace {
			return Receipt{}, ErrAlreadyVoted
		}
		if i, ok := mp.ballotAt(e.Ballot.ID, bs); ok && mp.log.at(i).voter != e.Voter {
			return Receipt{}, ErrConflict
		}
		old := mp.log.at(prev)
		old.live = false
		mp.nLive--
		if id := old.ballot.ID; id == e.Ballot.ID {
			mp.setBallot(id, bs, -1)
		} else {
			mp.setBallot(id, ix.ballotSlot(id, e.Voter, vs), -1)
		}
		return receipt(mp.put(e, packed, false, vs, bs)), nil
	}
	if _, ok := mp.ballotAt(e.Ballot.ID, bs); ok {
		return Receipt{}, ErrConflict
	}
	return receipt(mp.put(e, packed, secret, vs, bs)), nil
}

// setBallot records that the ballot id (with slot bs, -1 if none) is at
// log index i, or is gone if i < 0; mp.mu must be held for writing.
func (mp *memPoll) setBallot(id BallotID, bs, i int32) {
	switch {
	case bs >= 0:
		mp.slots[bs].ballot = i + 1
	case i >= 0:
		mp.byID[id] = i
	default:
		delete(mp.byID, id)
	}
}

// put appends e's ballot to the log and records the voter's mark, given
// its marks packed (nil: keep them as they are), the voter's slot vs and
// the ballot id's slot bs (-1 if none); mp.mu must be held for writing.
func (mp *memPoll) put(e Entry, packed []packedMark, secret bool, vs, bs int32) int32 {
	i := mp.log.grow()
	mb := mp.log.at(i)
	mb.ballot = e.Ballot
	if packed != nil {
		mb.ballot.Marks = nil
		mb.packed = mp.keepPacked(packed)
	} else {
		mb.ballot.Marks = mp.keepMarks(e.Ballot.Marks)
	}
	mb.hash = e.Receipt.Hash
	mb.live = true
	mark := int32(markSecret)
	if !secret {
		mb.voter = e.Voter
		mark = i + 1
	}
	if vs >= 0 {
		mp.slots[vs].mark = mark
	} else {
		mp.marks[e.Voter] = mark
	}
	mp.setBallot(e.Ballot.ID, bs, i)
	mp.nLive++
	mp.order = nil
	if mp.log.free() < spareAhead && mp.log.spare == nil {
		mp.want[wantLog].CompareAndSwap(spareIdle, spareWanted)
	}
	if cap(mp.packs)-len(mp.packs) < spareAhead*4 && mp.spare == nil {
		mp.want[wantPacks].CompareAndSwap(spareIdle, spareWanted)
	}
	return i
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

// canonical returns the live log indices in canonical order; mp.mu must
// be held for writing.
func (mp *memPoll) canonical() []int32 {
	if mp.order == nil {
		idx := make([]int32, 0, mp.nLive)
		for i := range mp.log.n {
			if mp.log.at(i).live {
				idx = append(idx, i)
			}
		}
		slices.SortFunc(idx, func(a, b int32) int { return cmp.Compare(mp.log.at(a).ballot.ID, mp.log.at(b).ballot.ID) })
		mp.order = idx
	}
	return mp.order
}

// streamChunk is how many ballots Ballots copies out per lock.
const streamChunk = 1024

// Ballots implements Store.
func (s *MemStore) Ballots(ctx context.Context, poll PollID) iter.Seq2[Ballot, error] {
	return func(yield func(Ballot, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(Ballot{}, err)
			return
		}
		mp, err := s.get(poll)
		if err != nil {
			yield(Ballot{}, err)
			return
		}
		mp.mu.Lock()
		idx := mp.canonical()
		mp.mu.Unlock()
		buf := make([]Ballot, 0, streamChunk)
		for start := 0; start < len(idx); start += streamChunk {
			if err := ctx.Err(); err != nil {
				yield(Ballot{}, err)
				return
			}
			buf = buf[:0]
			mp.mu.RLock()
			for _, i := range idx[start:min(start+streamChunk, len(idx))] {
				if mb := mp.log.at(i); mb.live {
					buf = append(buf, mp.out(mb))
				}
			}
			mp.mu.RUnlock()
			for _, b := range buf {
				if !yield(b, nil) {
					return
				}
			}
		}
	}
}

// Ballot implements Store.
func (s *MemStore) Ballot(ctx context.Context, poll PollID, id BallotID) (Ballot, error) {
	if err := ctx.Err(); err != nil {
		return Ballot{}, err
	}
	mp, err := s.get(poll)
	if err != nil {
		return Ballot{}, err
	}
	mp.mu.RLock()
	defer mp.mu.RUnlock()
	ix := mp.index.Load()
	i, ok := mp.ballotAt(id, ix.ballotSlot(id, "", ix.slotOf(string(id))))
	if !ok {
		return Ballot{}, ErrNotFound
	}
	return mp.out(mp.log.at(i)), nil
}

// Participants implements Store.
func (s *MemStore) Participants(ctx context.Context, poll PollID) iter.Seq2[VoterID, error] {
	return func(yield func(VoterID, error) bool) {
		if err := ctx.Err(); err != nil {
			yield("", err)
			return
		}
		mp, err := s.get(poll)
		if err != nil {
			yield("", err)
			return
		}
		mp.mu.RLock()
		ids := make([]VoterID, 0, len(mp.marks))
		for v, mark := range mp.marks {
			if mark != 0 {
				ids = append(ids, v)
			}
		}
		if ix := mp.index.Load(); ix != nil {
			for k, sl := range mp.slots {
				if sl.mark != 0 {
					ids = append(ids, ix.ids[k])
				}
			}
		}
		mp.mu.RUnlock()
		slices.Sort(ids)
		for _, v := range ids {
			if !yield(v, nil) {
				return
			}
		}
	}
}

// A poll's marks are stored packed when their options and levels are the
// poll's own (the common case): a packedMark holds no pointers, so storing
// a ballot copies a few bytes without write barriers and the garbage
// collector never scans the marks. Write-ins and other marks keep their
// full form.
type packedMark struct {
	option int32 // index in markCodec.options
	level  int32 // 0: none; else index in markCodec.levels + 1
	count  int64
}

// maxPacked is the most marks a ballot may have to be stored packed.
const maxPacked = 32

// markCodec packs and unpacks marks for one poll; it never changes once
// built (from the poll as it was when it opened).
type markCodec struct {
	options []OptionID
	index   map[OptionID]int32 // nil for few options: a linear search is faster
	levels  []string
}

func newMarkCodec(p Poll) *markCodec {
	mc := &markCodec{options: make([]OptionID, len(p.Options)), levels: slices.Clone(p.Rule.Levels)}
	for i, o := range p.Options {
		mc.options[i] = o.ID
	}
	if len(mc.options) > 16 {
		mc.index = make(map[OptionID]int32, len(mc.options))
		for i := len(mc.options) - 1; i >= 0; i-- {
			mc.index[mc.options[i]] = int32(i)
		}
	}
	return mc
}

func (mc *markCodec) option(id OptionID) int32 {
	if mc.index != nil {
		if i, ok := mc.index[id]; ok {
			return i
		}
		return -1
	}
	for i, o := range mc.options {
		if o == id {
			return int32(i)
		}
	}
	return -1
}

// pack appends ms packed to dst; false if they cannot all be packed (or
// mc is nil, or there are no marks).
func (mc *markCodec) pack(ms []Mark, dst []packedMark) ([]packedMark, bool) {
	if mc == nil || len(ms) == 0 || len(ms) > maxPacked {
		return nil, false
	}
	for _, m := range ms {
		o := mc.option(m.Option)
		if o < 0 {
			return nil, false
		}
		l := int32(0)
		if m.Level != "" {
			l = int32(slices.Index(mc.levels, m.Level)) + 1
			if l == 0 {
				return nil, false
			}
		}
		dst = append(dst, packedMark{option: o, level: l, count: int64(m.Count)})
	}
	return dst, true
}

// unpack returns the marks ps stand for, in a new slice.
func (mc *markCodec) unpack(ps []packedMark) []Mark {
	ms := make([]Mark, len(ps))
	for i, p := range ps {
		ms[i] = Mark{Option: mc.options[p.option], Count: int(p.count)}
		if p.level > 0 {
			ms[i].Level = mc.levels[p.level-1]
		}
	}
	return ms
}
