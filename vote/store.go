package vote

import (
	"context"
	"iter"
)

// Entry is one cast as a Service hands it to a Store.
type Entry struct {
	Poll PollID
	// Voter is always set: it is the participation mark.
	Voter VoterID
	// Ballot is the ballot to keep, in canonical form. In a secret poll
	// Ballot.Voter is empty and Ballot.ID is the voter's unpredictable
	// token.
	Ballot Ballot
	// Receipt is the receipt of Ballot (computed by the Service, see
	// NewReceipt): the store keeps it beside the ballot, salt and version
	// included, and returns it for retries.
	Receipt Receipt
	// Secret: keep the participation mark and the anonymous ballot apart;
	// never store anything that links Voter to Ballot.
	Secret bool
	// Replace: Ballot replaces the voter's ballot of version
	// Receipt.Version-1 (Service.Change, public polls whose rule allows
	// changes).
	Replace bool

	// hint is the voter's position in the poll's eligibility list plus
	// one (0: unknown), which the Service has looked up already; MemStore
	// uses it to save a lookup.
	hint int32
	// rcpt is Receipt.Salt followed by Receipt.Hash in one string, when
	// the Service made them so (empty otherwise): MemStore keeps it as
	// is, one string per ballot instead of two.
	rcpt string
}

// Store persists polls and their ballots for a Service. Implementations
// must be safe for concurrent use, and every method returns ctx.Err()
// (possibly wrapped) without effect if ctx is already done. The conformance
// suite vote/votetest checks all of this; run it under -race.
//
// Optional capabilities are separate interfaces that a Store may also
// implement, which the Service finds by type assertion (as database/sql
// finds driver.Validator): BulkStore, for appending many ballots at once.
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
	//
	// The definition freezes when the poll opens: once the stored poll is
	// not a draft, an update that changes its Title, Rule, Options,
	// Voters (the roll), Secret, Opens or Closes, or that moves its State
	// backwards (the order is draft, open, closed, tallied), is a
	// *StateError (ErrWrongState) and changes nothing. A SQL store enforces
	// this in the database, so that no write path can add a voter to an
	// open poll.
	UpdatePoll(ctx context.Context, p Poll) (int64, error)

	// AppendBallot atomically records e's participation mark and ballot,
	// with e.Receipt. The stored poll must be open at that moment, else a
	// *StateError (ErrWrongState) and nothing changes; a missing poll is
	// ErrNotFound.
	//
	// One voter, one ballot, one version at a time:
	//   - a retry returns the stored receipt (with the salt first stored,
	//     not e's) and changes nothing. A retry is an entry whose ballot
	//     has the id, content and version (e.Receipt.Version) of the
	//     voter's stored ballot; in a secret poll, of the ballot stored
	//     under e.Ballot.ID;
	//   - with e.Replace (public polls), the voter's ballot of version
	//     e.Receipt.Version-1 is swapped for e's and the new receipt
	//     returned; if the stored ballot has any other version, the entry
	//     is stale (a delayed retry of an older cast or change) and is
	//     ErrConflict;
	//   - otherwise another ballot from a voter who has a mark is
	//     ErrAlreadyVoted, and a first ballot must have version 1
	//     (ErrConflict otherwise);
	//   - a ballot id already held by a ballot of another voter is
	//     ErrConflict.
	//
	// In a secret poll the store keeps the mark (poll, voter) and the
	// ballot (poll, ballot id, content, receipt) in unrelated records: no
	// field, key, timestamp or exposed order relates them (ballots stream
	// in token order, marks in voter order). A SQL store should key
	// ballots by their token, give neither table a serial id or cast time,
	// and not write both in one transaction (whose id a row keeps).
	AppendBallot(ctx context.Context, e Entry) (Receipt, error)

	// Ballots streams the poll's ballots in canonical order (ascending
	// ballot id, bytewise). A missing poll yields ErrNotFound once; a poll
	// without ballots yields nothing. Ballots appended during the stream
	// may or may not appear. The consumer may stop early.
	Ballots(ctx context.Context, poll PollID) iter.Seq2[Ballot, error]

	// Ballot returns one ballot of the poll by id with the receipt stored
	// for it, or ErrNotFound.
	Ballot(ctx context.Context, poll PollID, id BallotID) (Ballot, Receipt, error)

	// Participants streams the voters who cast a ballot in the poll, in
	// ascending id order. A missing poll yields ErrNotFound once.
	Participants(ctx context.Context, poll PollID) iter.Seq2[VoterID, error]
}
