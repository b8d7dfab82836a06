package vote

import (
	"context"
	"iter"
)

// Receipt is what a voter keeps after casting: the poll, the ballot id and
// the hash of the ballot's canonical content (Ballot.Hash). With it the
// voter can find their ballot in the published list and check it was
// counted as cast (see VerifyReceipt), without revealing it to anyone else
// in a secret poll.
type Receipt struct {
	Poll   PollID   `json:"poll"`
	Ballot BallotID `json:"ballot"`
	Hash   string   `json:"hash"`
}

// Entry is one cast as a Service hands it to a Store.
type Entry struct {
	Poll PollID
	// Voter is always set: it is the participation mark.
	Voter VoterID
	// Ballot is the ballot to keep. In a secret poll Ballot.Voter is
	// empty and Ballot.ID is the voter's unpredictable token.
	Ballot Ballot
	// Receipt is the receipt of Ballot (computed by the Service).
	Receipt Receipt
	// Secret: keep the participation mark and the anonymous ballot apart;
	// never store anything that links Voter to Ballot.
	Secret bool
	// Replace: a different ballot from Voter replaces the earlier one
	// (public polls whose rule allows changing one's vote).
	Replace bool
}

// Store persists polls and their ballots for a Service. Implementations
// must be safe for concurrent use, and every method returns ctx.Err()
// (possibly wrapped) without effect if ctx is already done. The conformance
// suite vote/votetest checks all of this; run it under -race.
type Store interface {
	// CreatePoll stores a new poll with Version 1 (p.Version is ignored).
	// It returns ErrExists if a poll with p.ID exists, and changes nothing.
	CreatePoll(ctx context.Context, p Poll) error

	// Poll returns the stored poll with id, or ErrNotFound. The result
	// shares nothing mutable with the store.
	Poll(ctx context.Context, id PollID) (Poll, error)

	// UpdatePoll replaces the stored poll p.ID if its version equals
	// p.Version, and returns the new version (p.Version+1). It returns
	// ErrNotFound if there is no such poll and ErrConflict on a version
	// mismatch; either way nothing changes. Ballots are not touched.
	UpdatePoll(ctx context.Context, p Poll) (int64, error)

	// AppendBallot atomically records e's participation mark and ballot.
	// The stored poll must be open at that moment, else a *StateError
	// (ErrWrongState) and nothing changes; a missing poll is ErrNotFound.
	//
	// One voter, one ballot:
	//   - a retry (same voter, same e.Receipt.Hash; in a secret poll also
	//     the same ballot id) returns the first receipt and changes nothing;
	//   - another ballot from a voter who has a mark is ErrAlreadyVoted,
	//     unless e.Replace, which swaps the voter's ballot for the new one
	//     and returns the new receipt (public polls only);
	//   - a ballot id already held by a ballot of another voter is
	//     ErrConflict.
	//
	// In a secret poll the store keeps the mark (poll, voter) and the
	// ballot (poll, ballot id, content) in unrelated records: no field,
	// key, timestamp or exposed order relates them (ballots stream in
	// token order, marks in voter order). A SQL store should key ballots by
	// their token and give neither table a serial id or cast time.
	AppendBallot(ctx context.Context, e Entry) (Receipt, error)

	// Ballots streams the poll's ballots in canonical order (ascending
	// ballot id, bytewise). A missing poll yields ErrNotFound once; a poll
	// without ballots yields nothing. Ballots appended during the stream
	// may or may not appear. The consumer may stop early.
	Ballots(ctx context.Context, poll PollID) iter.Seq2[Ballot, error]

	// Ballot returns one ballot of the poll by id, or ErrNotFound.
	Ballot(ctx context.Context, poll PollID, id BallotID) (Ballot, error)

	// Participants streams the voters who cast a ballot in the poll, in
	// ascending id order. A missing poll yields ErrNotFound once.
	Participants(ctx context.Context, poll PollID) iter.Seq2[VoterID, error]
}
