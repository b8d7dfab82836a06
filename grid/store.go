package grid

import (
	"context"
	"iter"
)

// Entry is a batch in a Store's log with the version its append produced:
// the first batch has version 1, the n-th version n.
type Entry struct {
	Version int64 `json:"version"`
	Batch   Batch `json:"batch"`
}

// Store persists the grid's history: the append-only log of batches from
// which a Tree is rebuilt. It does not interpret batches (Service checks
// them against the tree before appending). Implementations must be safe
// for concurrent use. grid/gridtest.TestStore checks this contract.
type Store interface {
	// AppendBatch atomically appends b to the log and returns its version, if
	// expect equals the log's current version (0 for an empty log);
	// otherwise it returns ErrConflict and changes nothing.
	//
	// Appends are idempotent by b.ID, checked before the version: if the
	// log already holds a batch with b.ID and the same content
	// (Batch.Equal), AppendBatch returns that batch's version and nil and
	// changes nothing, whatever expect is; if the content differs it
	// returns ErrConflict. An empty b.ID returns ErrInvalidChange.
	// A batch of any size is one append (bulk import).
	AppendBatch(ctx context.Context, b Batch, expect int64) (int64, error)

	// Batches yields the entries with a version greater than after, in
	// version order; nothing for an empty log. A failure is yielded as
	// the error of a final pair (zero Entry).
	Batches(ctx context.Context, after int64) iter.Seq2[Entry, error]

	// Version returns the log's current version (0 when empty).
	Version(ctx context.Context) (int64, error)
}
