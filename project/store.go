package project

import (
	"context"
	"iter"
)

// Store persists projects, the budget ledger and adopted plans for a
// Service. Implementations must be safe for concurrent use, must return
// copies (a caller changing a returned value changes nothing stored), and
// must honour ctx cancellation by returning ctx.Err() without writing.
// The projecttest package checks these contracts.
type Store interface {
	// PutProject writes p if p.Version equals the stored version (0 =
	// create; creating an existing id is a conflict) and returns the new
	// version, stored version + 1. Otherwise it returns ErrConflict and
	// changes nothing.
	PutProject(ctx context.Context, p Project) (int64, error)
	// Project returns the stored project with its current Version, or
	// ErrNotFound.
	Project(ctx context.Context, id ID) (Project, error)
	// Projects streams every project in ascending id order; an empty store
	// yields nothing.
	Projects(ctx context.Context) iter.Seq2[Project, error]
	// AppendEntry atomically appends e to the ledger if the ledger holds
	// exactly after entries, and returns e with Seq = after+1. Retrying an
	// entry whose ID is stored with identical content (SameEntry) returns
	// the stored entry and changes nothing, whatever after is. Another
	// entry with that ID, or a ledger of another length, is ErrConflict.
	AppendEntry(ctx context.Context, e Entry, after int64) (Entry, error)
	// Entries streams the ledger in Seq order; an empty ledger yields
	// nothing.
	Entries(ctx context.Context) iter.Seq2[Entry, error]
	// PutPlan stores the adopted plan of p.Rule.Year. Storing an identical
	// plan again is a no-op; another plan for the same year is ErrConflict.
	PutPlan(ctx context.Context, p Plan) error
	// Plan returns the adopted plan of year, or ErrNotFound.
	Plan(ctx context.Context, year int) (Plan, error)
}
