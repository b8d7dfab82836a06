package vote

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"math"
	"slices"
	"sync"
	"sync/atomic"
)

// MemStore is the in-memory Store, the default for embedded use and the
// model the conformance suite is written against. It is safe for
// concurrent use; each poll has its own lock, so casts in different polls
// do not contend. The zero MemStore is not ready: use NewMemStore. It also
// implements BulkStore.
//
// This file holds the Store methods. The performance machinery is in
// files named for it: memstore_index.go (a cast into a poll with an
// eligibility list touches no map inside the lock: marks and, in public
// polls, ballot ids live in a slot table indexed by the voter's position
// in the list), memstore_packed.go (marks made of the poll's own options
// are stored packed, without pointers), memstore_arena.go (chunked
// storage, prepared before the lock is taken) and memstore_secret.go
// (what a secret poll forgets when it closes).
type MemStore struct {
	mu    sync.RWMutex
	polls map[PollID]*memPoll
}

var _ Store = (*MemStore)(nil)

// memBallot is a stored ballot. Its marks live in the poll's mark arena.
//
// Whose ballot it is (in a public poll) is not kept here: the voter's
// mark holds the log index of their live ballot, so a live ballot at
// index i is voter v's exactly when v's mark is i+1. (A secret poll keeps
// no link at all.) Keeping the struct small keeps a large poll's log
// small for the garbage collector to scan.
type memBallot struct {
	ballot  Ballot       // its Marks are nil when packed holds them
	packed  []packedMark // the marks in the poll's packed form, if any
	rcpt    string       // receipt salt and hash, back to back
	version int64        // receipt version: 1, then one more per change
	saltLen int32        // rcpt[:saltLen] is the salt, the rest the hash
	live    bool         // false once replaced
}

// receipt returns the receipt stored for mb in poll.
func (mb *memBallot) receipt(poll PollID) Receipt {
	return Receipt{Poll: poll, Ballot: mb.ballot.ID, Version: mb.version, Salt: mb.rcpt[:mb.saltLen], Hash: mb.rcpt[mb.saltLen:]}
}

// joinReceipt sets e.rcpt from e.Receipt unless the Service did (so that
// a Store user's entry costs its allocation before the lock is taken).
func joinReceipt(e *Entry) error {
	r := &e.Receipt
	if len(r.Salt) > math.MaxInt32 {
		return fmt.Errorf("%w: a receipt salt of %d bytes", ErrInvalidBallot, len(r.Salt))
	}
	if len(e.rcpt) != len(r.Salt)+len(r.Hash) || e.rcpt[:len(r.Salt)] != r.Salt || e.rcpt[len(r.Salt):] != r.Hash {
		e.rcpt = r.Salt + r.Hash
	}
	return nil
}

// same reports whether mb holds the ballot of e (packed: e's marks packed,
// nil if they cannot be): same id, voter, choice and canonical marks.
func (mb *memBallot) same(e *Entry, packed []packedMark) bool {
	b := &e.Ballot
	if mb.ballot.ID != b.ID || mb.ballot.Voter != b.Voter || mb.ballot.Choice != b.Choice {
		return false
	}
	if mb.packed != nil || packed != nil {
		return slices.Equal(mb.packed, packed)
	}
	return slices.Equal(mb.ballot.Marks, b.Marks)
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

// UpdatePoll implements Store. It enforces the frozen definition of an
// open poll (Poll.CheckUpdate).
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
	if err := mp.poll.CheckUpdate(p); err != nil {
		return 0, err
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

// AppendBallot implements Store.
func (s *MemStore) AppendBallot(ctx context.Context, e Entry) (Receipt, error) {
	if err := ctx.Err(); err != nil {
		return Receipt{}, err
	}
	mp, err := s.get(e.Poll)
	if err != nil {
		return Receipt{}, err
	}
	if err := joinReceipt(&e); err != nil {
		return Receipt{}, err
	}
	hint := e.hint - 1 // the voter's position in the eligibility list, or -1
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
	return mp.append(&e, packed, ix, vs, bs)
}

// append is AppendBallot once the poll is locked for writing and open:
// packed holds e's marks packed (nil if they cannot be), vs and bs are
// the slots of the voter and of the ballot id (-1 if none).
func (mp *memPoll) append(e *Entry, packed []packedMark, ix *voterIndex, vs, bs int32) (Receipt, error) {
	secret := e.Secret || mp.poll.Secret
	if mark := mp.markOf(e.Voter, vs); mark != 0 {
		if secret {
			if i, ok := mp.ballotAt(e.Ballot.ID, bs); ok {
				if mb := mp.log.at(i); mb.version == e.Receipt.Version && mb.same(e, packed) {
					return mb.receipt(e.Poll), nil
				}
			}
			return Receipt{}, ErrAlreadyVoted
		}
		if mark == markSecret { // marked by a secret cast: no ballot to compare
			return Receipt{}, ErrAlreadyVoted
		}
		prev := mark - 1
		old := mp.log.at(prev)
		if old.version == e.Receipt.Version && old.same(e, packed) {
			return old.receipt(e.Poll), nil
		}
		if !e.Replace {
			return Receipt{}, ErrAlreadyVoted
		}
		if old.version != e.Receipt.Version-1 {
			return Receipt{}, fmt.Errorf("%w: the stored ballot is version %d, not %d: a stale change", ErrConflict, old.version, e.Receipt.Version-1)
		}
		if i, ok := mp.ballotAt(e.Ballot.ID, bs); ok && i != prev { // the id is another voter's
			return Receipt{}, ErrConflict
		}
		old.live = false
		mp.nLive--
		if id := old.ballot.ID; id == e.Ballot.ID {
			mp.setBallot(id, bs, -1)
		} else {
			mp.setBallot(id, ix.ballotSlot(id, e.Voter, vs), -1)
		}
		return mp.log.at(mp.put(e, packed, false, vs, bs)).receipt(e.Poll), nil
	}
	if e.Replace || e.Receipt.Version != 1 {
		return Receipt{}, fmt.Errorf("%w: voter %s has no ballot of version %d to change", ErrConflict, e.Voter, e.Receipt.Version-1)
	}
	if _, ok := mp.ballotAt(e.Ballot.ID, bs); ok {
		return Receipt{}, ErrConflict
	}
	return mp.log.at(mp.put(e, packed, secret, vs, bs)).receipt(e.Poll), nil
}

// put appends e's ballot to the log and records the voter's mark, given
// its marks packed (nil: keep them as they are), the voter's slot vs and
// the ballot id's slot bs (-1 if none); mp.mu must be held for writing.
func (mp *memPoll) put(e *Entry, packed []packedMark, secret bool, vs, bs int32) int32 {
	i := mp.log.grow()
	mb := mp.log.at(i)
	mb.ballot = e.Ballot
	if packed != nil {
		mb.ballot.Marks = nil
		mb.packed = mp.keepPacked(packed)
	} else {
		mb.ballot.Marks = mp.keepMarks(e.Ballot.Marks)
	}
	mb.rcpt, mb.saltLen, mb.version = e.rcpt, int32(len(e.Receipt.Salt)), e.Receipt.Version
	mb.live = true
	mark := int32(markSecret)
	if !secret {
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
func (s *MemStore) Ballot(ctx context.Context, poll PollID, id BallotID) (Ballot, Receipt, error) {
	if err := ctx.Err(); err != nil {
		return Ballot{}, Receipt{}, err
	}
	mp, err := s.get(poll)
	if err != nil {
		return Ballot{}, Receipt{}, err
	}
	mp.mu.RLock()
	defer mp.mu.RUnlock()
	ix := mp.index.Load()
	i, ok := mp.ballotAt(id, ix.ballotSlot(id, "", ix.slotOf(string(id))))
	if !ok {
		return Ballot{}, Receipt{}, ErrNotFound
	}
	mb := mp.log.at(i)
	return mp.out(mb), mb.receipt(poll), nil
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
					ids = append(ids, ix.roll.ids[k])
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
