package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"strings"

	"github.com/gongzhi/gongzhi/adapters/internal/gridrow"
	"github.com/gongzhi/gongzhi/grid"
)

// GridStore is a grid.Store in a SQLite file: the log of batches in
// grid_batch, their changes one row each in grid_change (inserted many
// rows per statement, so a batch importing a million nodes is one
// append), and the log's version in the single-row grid_head.
//
// Create it with NewGridStore on a DB from Open.
type GridStore struct {
	db *DB
	// chunk is about how many changes Batches reads per query.
	chunk int
}

var _ grid.Store = (*GridStore)(nil)

// NewGridStore returns a GridStore on db.
func NewGridStore(db *DB) *GridStore {
	return &GridStore{db: db, chunk: 8192}
}

// As sets *target to the store's *DB when target is a **DB, and reports
// whether it did.
func (s *GridStore) As(target any) bool { return asDB(s.db, target) }

func wrapGrid(op string, err error) error {
	return passThrough(op, err, grid.ErrConflict, grid.ErrInvalidChange, context.Canceled, context.DeadlineExceeded)
}

// encodeChanges returns the rows of cs.
func encodeChanges(cs []grid.Change) ([]gridrow.Change, error) {
	rows := make([]gridrow.Change, len(cs))
	for i, c := range cs {
		var err error
		if rows[i], err = gridrow.Encode(c); err != nil {
			return nil, fmt.Errorf("sqlite: encoding change %d: %w", i, err)
		}
	}
	return rows, nil
}

// text is a JSON column's value: its text, or NULL for nil (a STRICT
// text column refuses a blob).
func text(j []byte) any {
	if j == nil {
		return nil
	}
	return string(j)
}

// AppendBatch implements grid.Store.
func (s *GridStore) AppendBatch(ctx context.Context, b grid.Batch, expect int64) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if b.ID == "" {
		return 0, fmt.Errorf("sqlite: grid batch without an ID: %w", grid.ErrInvalidChange)
	}
	at, err := b.At.MarshalText()
	if err != nil {
		return 0, fmt.Errorf("sqlite: grid batch %q: instant %v: %w", b.ID, b.At, grid.ErrInvalidChange)
	}
	rows, err := encodeChanges(b.Changes)
	if err != nil {
		return 0, err
	}
	var version int64
	err = s.db.writer.do(ctx, func(ctx context.Context, q querier) error {
		var head int64
		if err := q.QueryRowContext(ctx, `SELECT version FROM grid_head`).Scan(&head); err != nil {
			return err
		}
		var existing int64
		err := q.QueryRowContext(ctx, `SELECT version FROM grid_batch WHERE id = ?`, b.ID).Scan(&existing)
		switch {
		case err == nil:
			stored, err := readBatches(ctx, q, []gridrow.Header{{Version: existing}})
			if err != nil {
				return err
			}
			if len(stored) != 1 || !stored[0].Batch.Equal(b) {
				return fmt.Errorf("sqlite: grid batch %q already appended with other content: %w", b.ID, grid.ErrConflict)
			}
			version = existing
			return nil
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		if head != expect {
			return fmt.Errorf("sqlite: grid log is at version %d, not %d: %w", head, expect, grid.ErrConflict)
		}
		version = head + 1
		if _, err := q.ExecContext(ctx, `INSERT INTO grid_batch (version, id, at, reason, changes) VALUES (?, ?, ?, ?, ?)`,
			version, b.ID, string(at), b.Reason, len(b.Changes)); err != nil {
			return err
		}
		if err := insertChanges(ctx, q, version, rows); err != nil {
			return err
		}
		_, err = q.ExecContext(ctx, `UPDATE grid_head SET version = ?`, version)
		return err
	})
	if err != nil {
		return 0, wrapGrid("grid append", err)
	}
	return version, nil
}

// changesPerInsert is how many changes one INSERT statement carries (10
// parameters each, well under SQLite's limit of 32766).
const changesPerInsert = 256

// insertChanges inserts rows as the changes of batch version, many rows per
// statement.
func insertChanges(ctx context.Context, q querier, version int64, rows []gridrow.Change) error {
	prepare := func(n int) (*sql.Stmt, error) {
		var sb strings.Builder
		sb.WriteString(`INSERT INTO grid_change (version, seq, op, node, parent, level, code, name, person, assignment) VALUES `)
		for i := range n {
			if i > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString("(?,?,?,?,?,?,?,?,?,?)")
		}
		return q.PrepareContext(ctx, sb.String())
	}
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	args := make([]any, 0, 10*changesPerInsert)
	for start := 0; start < len(rows); start += changesPerInsert {
		end := min(start+changesPerInsert, len(rows))
		args = args[:0]
		for i := start; i < end; i++ {
			r := rows[i]
			args = append(args, version, i, r.Op, r.Node, r.Parent, r.Level, r.Code, r.Name, text(r.Person), text(r.Assignment))
		}
		var stmt *sql.Stmt
		if end-start == changesPerInsert {
			if full == nil {
				var err error
				if full, err = prepare(changesPerInsert); err != nil {
					return err
				}
			}
			stmt = full
		} else {
			var err error
			if stmt, err = prepare(end - start); err != nil {
				return err
			}
			defer stmt.Close()
		}
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return err
		}
	}
	return nil
}

// Version implements grid.Store.
func (s *GridStore) Version(ctx context.Context) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	var v int64
	err := s.db.r.QueryRowContext(ctx, `SELECT version FROM grid_head`).Scan(&v)
	return v, wrapGrid("grid version", err)
}

// readHeaders reads batch headers with a query returning
// (version, id, at, reason, changes).
func readHeaders(ctx context.Context, q querier, query string, args ...any) ([]gridrow.Header, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hs []gridrow.Header
	for rows.Next() {
		var h gridrow.Header
		if err := rows.Scan(&h.Version, &h.ID, &h.At, &h.Reason, &h.Changes); err != nil {
			return nil, err
		}
		hs = append(hs, h)
	}
	return hs, rows.Err()
}

// readBatches reads the full batches of hs (consecutive versions, in
// order). A header with only a version is completed from grid_batch.
func readBatches(ctx context.Context, q querier, hs []gridrow.Header) ([]grid.Entry, error) {
	if len(hs) == 0 {
		return nil, nil
	}
	if hs[0].ID == "" {
		var err error
		hs, err = readHeaders(ctx, q, `SELECT version, id, at, reason, changes FROM grid_batch WHERE version = ?`, hs[0].Version)
		if err != nil || len(hs) == 0 {
			return nil, err
		}
	}
	b, err := gridrow.NewBatches(hs)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT version, op, node, parent, level, code, name, person, assignment
		FROM grid_change WHERE version BETWEEN ? AND ? ORDER BY version, seq`, hs[0].Version, hs[len(hs)-1].Version)
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
			hs, err := readHeaders(ctx, s.db.r, `SELECT version, id, at, reason, changes FROM grid_batch
				WHERE version > ? ORDER BY version LIMIT 256`, after)
			if err != nil {
				yield(grid.Entry{}, wrapGrid("grid batches", err))
				return
			}
			for _, run := range gridrow.Groups(hs, s.chunk) {
				es, err := readBatches(ctx, s.db.r, run)
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
