package postgres

import (
	"context"
	"errors"
	"fmt"
	"iter"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/gongzhi/gongzhi/adapters/internal/gridrow"
	"github.com/gongzhi/gongzhi/grid"
)

// GridStore is a grid.Store on PostgreSQL: the log of batches in
// grid_batch, their changes one row each in grid_change (loaded with COPY,
// so a batch importing a million nodes is one streamed append), and the
// log's version in the single-row grid_head, which every append locks.
//
// Create it with NewGridStore on a pool whose schema was migrated.
type GridStore struct {
	pool *pgxpool.Pool
	// chunk is about how many changes Batches reads per query.
	chunk int
}

var _ grid.Store = (*GridStore)(nil)

// NewGridStore returns a GridStore using pool.
func NewGridStore(pool *pgxpool.Pool) *GridStore {
	return &GridStore{pool: pool, chunk: 8192}
}

// As sets *target to the store's *pgxpool.Pool when target is a
// **pgxpool.Pool, and reports whether it did.
func (s *GridStore) As(target any) bool { return asPool(s.pool, target) }

var gridChangeColumns = []string{"version", "seq", "op", "node", "parent", "level", "code", "name", "person", "assignment"}

// AppendBatch implements grid.Store. The batch's changes are written with COPY.
func (s *GridStore) AppendBatch(ctx context.Context, b grid.Batch, expect int64) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if b.ID == "" {
		return 0, fmt.Errorf("postgres: grid batch without an ID: %w", grid.ErrInvalidChange)
	}
	at, err := b.At.MarshalText()
	if err != nil {
		return 0, fmt.Errorf("postgres: grid batch %q: instant %v: %w", b.ID, b.At, grid.ErrInvalidChange)
	}
	var version int64
	err = inTx(ctx, s.pool, func(tx pgx.Tx) error {
		var head int64
		if err := tx.QueryRow(ctx, `SELECT version FROM grid_head FOR UPDATE`).Scan(&head); err != nil {
			return err
		}
		var existing int64
		err := tx.QueryRow(ctx, `SELECT version FROM grid_batch WHERE id = $1`, b.ID).Scan(&existing)
		switch {
		case err == nil:
			stored, err := s.readBatches(ctx, tx, []gridrow.Header{{Version: existing}})
			if err != nil {
				return err
			}
			if len(stored) != 1 || !stored[0].Batch.Equal(b) {
				return fmt.Errorf("postgres: grid batch %q already appended with other content: %w", b.ID, grid.ErrConflict)
			}
			version = existing
			return nil
		case !errors.Is(err, pgx.ErrNoRows):
			return err
		}
		if head != expect {
			return fmt.Errorf("postgres: grid log is at version %d, not %d: %w", head, expect, grid.ErrConflict)
		}
		version = head + 1
		if _, err := tx.Exec(ctx, `INSERT INTO grid_batch (version, id, at, at_utc, reason, changes) VALUES ($1, $2, $3, $4, $5, $6)`,
			version, b.ID, string(at), b.At, b.Reason, len(b.Changes)); err != nil {
			return err
		}
		if err := copyChanges(ctx, tx, version, b.Changes); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE grid_head SET version = $1`, version)
		return err
	})
	if err != nil {
		return 0, wrapGrid("grid append", err)
	}
	return version, nil
}

// copyChanges streams changes into grid_change with COPY.
func copyChanges(ctx context.Context, tx pgx.Tx, version int64, changes []grid.Change) error {
	i := 0
	var encErr error
	src := pgx.CopyFromFunc(func() ([]any, error) {
		if i == len(changes) {
			return nil, nil
		}
		r, err := gridrow.Encode(changes[i])
		if err != nil {
			encErr = err
			return nil, err
		}
		row := []any{version, int32(i), r.Op, r.Node, r.Parent, int16(r.Level), r.Code, r.Name, r.Person, r.Assignment}
		i++
		return row, nil
	})
	n, err := tx.CopyFrom(ctx, pgx.Identifier{"grid_change"}, gridChangeColumns, src)
	if encErr != nil {
		return fmt.Errorf("postgres: encoding change %d: %w", i, encErr)
	}
	if err != nil {
		return err
	}
	if n != int64(len(changes)) {
		return fmt.Errorf("postgres: copied %d of %d changes", n, len(changes))
	}
	return nil
}

func wrapGrid(op string, err error) error {
	return passThrough(op, err, grid.ErrConflict, grid.ErrInvalidChange, context.Canceled, context.DeadlineExceeded)
}

// Version implements grid.Store.
func (s *GridStore) Version(ctx context.Context) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	var v int64
	err := s.pool.QueryRow(ctx, `SELECT version FROM grid_head`).Scan(&v)
	return v, wrapGrid("grid version", err)
}

// querier is what readBatches needs from a pool or a transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// readBatches reads the full batches of hs (consecutive versions, in
// order). A header with only a version is completed from grid_batch.
func (s *GridStore) readBatches(ctx context.Context, q querier, hs []gridrow.Header) ([]grid.Entry, error) {
	if len(hs) == 0 {
		return nil, nil
	}
	if hs[0].ID == "" {
		rows, err := q.Query(ctx, `SELECT version, id, at, reason, changes FROM grid_batch WHERE version = $1`, hs[0].Version)
		if err != nil {
			return nil, err
		}
		hs, err = pgx.CollectRows(rows, scanHeader)
		if err != nil || len(hs) == 0 {
			return nil, err
		}
	}
	b, err := gridrow.NewBatches(hs)
	if err != nil {
		return nil, err
	}
	rows, err := q.Query(ctx, `SELECT version, op, node, parent, level, code, name, person, assignment
		FROM grid_change WHERE version BETWEEN $1 AND $2 ORDER BY version, seq`, hs[0].Version, hs[len(hs)-1].Version)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var version int64
		var r gridrow.Change
		if err := rows.Scan(&version, &r.Op, &r.Node, &r.Parent, &r.Level, &r.Code, &r.Name, &r.Person, &r.Assignment); err != nil {
			return nil, err
		}
		if err := b.Add(version, r); err != nil {
			return nil, err
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return b.Entries()
}

func scanHeader(row pgx.CollectableRow) (gridrow.Header, error) {
	var h gridrow.Header
	err := row.Scan(&h.Version, &h.ID, &h.At, &h.Reason, &h.Changes)
	return h, err
}

// Batches implements grid.Store. It reads headers a page at a time and the
// changes of consecutive batches together, about s.chunk changes per
// query, so memory holds one chunk (or one large batch), not the log.
func (s *GridStore) Batches(ctx context.Context, after int64) iter.Seq2[grid.Entry, error] {
	return func(yield func(grid.Entry, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(grid.Entry{}, err)
			return
		}
		for {
			rows, err := s.pool.Query(ctx, `SELECT version, id, at, reason, changes FROM grid_batch
				WHERE version > $1 ORDER BY version LIMIT 256`, after)
			if err != nil {
				yield(grid.Entry{}, wrapGrid("grid batches", err))
				return
			}
			hs, err := pgx.CollectRows(rows, scanHeader)
			if err != nil {
				yield(grid.Entry{}, wrapGrid("grid batches", err))
				return
			}
			for _, run := range gridrow.Groups(hs, s.chunk) {
				es, err := s.readBatches(ctx, s.pool, run)
				if err != nil {
					yield(grid.Entry{}, wrapGrid("grid batches", err))
					return
				}
				for _, e := range es {
					if !yield(e, nil) {
						return
					}
				}
			}
			if len(hs) < 256 {
				return
			}
			after = hs[len(hs)-1].Version
		}
	}
}
