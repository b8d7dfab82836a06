package vote

import (
	"cmp"
	"context"
	"iter"
	"slices"
	"sync"
)

// MemStore is the in-memory Store, the default for embedded use and the
// model the conformance suite is written against. It is safe for
// concurrent use; each poll has its own lock, so casts in different polls
// do not contend. The zero MemStore is not ready: use NewMemStore.
type MemStore struct {
	mu    sync.RWMutex
	polls map[PollID]*memPoll
}

var _ Store = (*MemStore)(nil)

// memBallot is a stored ballot. Its marks live in the poll's mark arena.
type memBallot struct {
	ballot Ballot
	hash   string  // receipt hash
	voter  VoterID // empty in secret polls: no link is kept
	live   bool    // false once replaced
}

type memPoll struct {
	mu    sync.RWMutex
	poll  Poll
	marks map[VoterID]int32  // participation: voter -> log index (public) or -1 (secret)
	byID  map[BallotID]int32 // ballot id -> log index
	log   chunks[memBallot]
	arena []Mark  // current chunk of mark storage
	order []int32 // live log indices in canonical order, nil when stale
}

// chunks is an append-only list stored in fixed-size chunks, so that
// growing it never copies what it holds.
type chunks[T any] struct {
	c [][]T
	n int32
}

const chunkBits = 12

func (c *chunks[T]) add(v T) int32 {
	if int(c.n)>>chunkBits == len(c.c) {
		c.c = append(c.c, make([]T, 0, 1<<chunkBits))
	}
	last := &c.c[len(c.c)-1]
	*last = append(*last, v)
	c.n++
	return c.n - 1
}

func (c *chunks[T]) at(i int32) *T { return &c.c[i>>chunkBits][i&(1<<chunkBits-1)] }

// arenaChunk is how many marks a poll allocates at once, so that storing
// a ballot does not allocate for its marks.
const arenaChunk = 4096

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
	n := len(p.Voters) // a size hint: at most one ballot per voter
	s.polls[p.ID] = &memPoll{poll: p, marks: make(map[VoterID]int32, n), byID: make(map[BallotID]int32, n)}
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
	return p.Version, nil
}

// forgetCastOrder rewrites a secret poll's ballot log in token order, so
// that not even the memory layout remembers the order of casting; mp.mu
// must be held for writing.
func (mp *memPoll) forgetCastOrder() {
	var log chunks[memBallot]
	byID := make(map[BallotID]int32, len(mp.byID))
	for _, i := range mp.canonical() {
		mb := *mp.log.at(i)
		byID[mb.ballot.ID] = log.add(mb)
	}
	mp.log, mp.byID, mp.order = log, byID, nil
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
	mp.mu.Lock()
	defer mp.mu.Unlock()
	if mp.poll.State != StateOpen {
		return Receipt{}, &StateError{Poll: e.Poll, State: mp.poll.State, Op: "cast"}
	}
	secret := e.Secret || mp.poll.Secret
	receipt := func(i int32) Receipt {
		mb := mp.log.at(i)
		return Receipt{Poll: e.Poll, Ballot: mb.ballot.ID, Hash: mb.hash}
	}
	if prev, voted := mp.marks[e.Voter]; voted {
		if secret {
			if i, ok := mp.byID[e.Ballot.ID]; ok && mp.log.at(i).hash == e.Receipt.Hash {
				return receipt(i), nil
			}
			return Receipt{}, ErrAlreadyVoted
		}
		if mp.log.at(prev).hash == e.Receipt.Hash {
			return receipt(prev), nil
		}
		if !e.Replace {
			return Receipt{}, ErrAlreadyVoted
		}
		if i, ok := mp.byID[e.Ballot.ID]; ok && mp.log.at(i).voter != e.Voter {
			return Receipt{}, ErrConflict
		}
		mp.log.at(prev).live = false
		delete(mp.byID, mp.log.at(prev).ballot.ID)
		return receipt(mp.put(e, false)), nil
	}
	if _, ok := mp.byID[e.Ballot.ID]; ok {
		return Receipt{}, ErrConflict
	}
	return receipt(mp.put(e, secret)), nil
}

// put appends e's ballot to the log and records the voter's mark; mp.mu
// must be held.
func (mp *memPoll) put(e Entry, secret bool) int32 {
	b := e.Ballot
	b.Marks = mp.keepMarks(b.Marks)
	mb := memBallot{ballot: b, hash: e.Receipt.Hash, live: true}
	if !secret {
		mb.voter = e.Voter
	}
	i := mp.log.add(mb)
	if secret {
		mp.marks[e.Voter] = -1
	} else {
		mp.marks[e.Voter] = i
	}
	mp.byID[b.ID] = i
	mp.order = nil
	return i
}

// canonical returns the live log indices in canonical order; mp.mu must
// be held for writing.
func (mp *memPoll) canonical() []int32 {
	if mp.order == nil {
		idx := make([]int32, 0, len(mp.byID))
		for _, i := range mp.byID {
			idx = append(idx, i)
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
					buf = append(buf, mb.ballot.clone())
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
	i, ok := mp.byID[id]
	if !ok {
		return Ballot{}, ErrNotFound
	}
	return mp.log.at(i).ballot.clone(), nil
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
		for v := range mp.marks {
			ids = append(ids, v)
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
