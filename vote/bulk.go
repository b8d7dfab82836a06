package vote

import (
	"context"
	"fmt"
	"slices"
)

// BulkStore is an optional capability of a Store, found by type assertion
// as database/sql finds driver.Validator: appending the first ballots of
// many voters of one poll at once, all or none. MemStore and the
// PostgreSQL and SQLite adapters implement it; Service.Import uses it when the store
// has it. The conformance suite vote/votetest checks it when present.
type BulkStore interface {
	Store
	// AppendBallots records entries, each as AppendBallot records a
	// voter's first ballot (version 1, no Replace), atomically: either all
	// are stored, or none and the error is what AppendBallot would return
	// for the first entry it refuses: ErrNotFound, a *StateError for a
	// poll that is not open, ErrAlreadyVoted for a voter who has a mark
	// (a retry included) or appears twice in entries, ErrConflict for a
	// ballot id already held or used twice, or a version other than 1.
	// Every entry must be of poll. It returns the receipts in entry order.
	AppendBallots(ctx context.Context, poll PollID, entries []Entry) ([]Receipt, error)
}

// VoterBallot is one cast of an import: who voted and what.
type VoterBallot struct {
	Voter  VoterID
	Ballot Ballot
}

// Import casts many first ballots into poll id, checked as Cast checks
// each (window, eligibility, content), and returns their receipts in
// order. Every cast is checked before any is stored, and a voter named
// twice is ErrAlreadyVoted. If the store is a BulkStore, the casts are
// stored all or none; otherwise they are appended one by one, and an error
// on one stops the import with the casts before it stored (their receipts
// are returned with the error).
func (s *Service) Import(ctx context.Context, id PollID, casts []VoterBallot) ([]Receipt, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	c, err := s.counter(ctx, id)
	if err != nil {
		return nil, err
	}
	entries := make([]Entry, len(casts))
	seen := make(map[VoterID]bool, len(casts))
	for i, vb := range casts {
		if vb.Voter == "" {
			return nil, fmt.Errorf("%w: cast %d names no voter", ErrNotEligible, i)
		}
		if seen[vb.Voter] {
			return nil, fmt.Errorf("%w: %q is named twice in the import", ErrAlreadyVoted, vb.Voter)
		}
		seen[vb.Voter] = true
		if entries[i], err = s.entry(c, vb.Voter, vb.Ballot, s.now); err != nil {
			return nil, err
		}
	}
	if bs, ok := s.store.(BulkStore); ok {
		return bs.AppendBallots(ctx, id, entries)
	}
	out := make([]Receipt, 0, len(entries))
	for _, e := range entries {
		r, err := s.store.AppendBallot(ctx, e)
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	return out, nil
}

var _ BulkStore = (*MemStore)(nil)

// AppendBallots implements BulkStore: the whole batch is checked under the
// poll's lock before any entry is stored.
func (s *MemStore) AppendBallots(ctx context.Context, poll PollID, entries []Entry) ([]Receipt, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	mp, err := s.get(poll)
	if err != nil {
		return nil, err
	}
	entries = slices.Clone(entries) // joinReceipt sets a field: the caller's slice stays as it was
	for i := range entries {
		if err := joinReceipt(&entries[i]); err != nil {
			return nil, err
		}
	}
	mp.mu.Lock()
	defer mp.mu.Unlock()
	if mp.poll.State != StateOpen {
		return nil, &StateError{Poll: poll, State: mp.poll.State, Op: "cast"}
	}
	ix, codec := mp.index.Load(), mp.codec.Load()
	type slots struct{ vs, bs int32 }
	at := make([]slots, len(entries))
	voters := make(map[VoterID]bool, len(entries))
	ids := make(map[BallotID]bool, len(entries))
	for i := range entries {
		e := &entries[i]
		if e.Poll != poll {
			return nil, fmt.Errorf("%w: entry %d is of poll %s, not %s", ErrConflict, i, e.Poll, poll)
		}
		if e.Replace || e.Receipt.Version != 1 {
			return nil, fmt.Errorf("%w: entry %d is not a first ballot", ErrConflict, i)
		}
		vs := ix.hinted(e.Voter, e.hint-1)
		bs := ix.ballotSlot(e.Ballot.ID, e.Voter, vs)
		if voters[e.Voter] || mp.markOf(e.Voter, vs) != 0 {
			return nil, fmt.Errorf("%w: voter %s", ErrAlreadyVoted, e.Voter)
		}
		if _, held := mp.ballotAt(e.Ballot.ID, bs); held || ids[e.Ballot.ID] {
			return nil, fmt.Errorf("%w: ballot id %s is taken", ErrConflict, e.Ballot.ID)
		}
		voters[e.Voter], ids[e.Ballot.ID] = true, true
		at[i] = slots{vs, bs}
	}
	out := make([]Receipt, len(entries))
	secret := mp.poll.Secret
	for i := range entries {
		e := &entries[i]
		var stack [maxPacked]packedMark
		packed, ok := codec.pack(e.Ballot.Marks, stack[:0])
		if !ok {
			packed = nil
		}
		out[i] = mp.log.at(mp.put(e, packed, secret || e.Secret, at[i].vs, at[i].bs)).receipt(poll)
	}
	return out, nil
}
