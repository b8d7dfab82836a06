package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"strconv"

	"github.com/gongzhi/gongzhi/adapters/internal/citation"
	"github.com/gongzhi/gongzhi/internal/keyset"
	"github.com/gongzhi/gongzhi/project"
)

// ProjectStore is a project.Store in a SQLite file: projects as versioned
// JSON records, the funding ledger as an append-only table with a gapless
// sequence and idempotency by entry id, and adopted plans by year.
//
// Create it with NewProjectStore on a DB from Open.
type ProjectStore struct {
	db        *DB
	pageSize  int
	elsewhere Elsewhere
}

var _ project.Store = (*ProjectStore)(nil)

// NewProjectStore returns a ProjectStore on db.
func NewProjectStore(db *DB) *ProjectStore {
	return &ProjectStore{db: db, pageSize: 1000}
}

// WithElsewhere returns a store on the same file whose citations of the
// kinds e names are recorded but not checked by the database, because
// those records live in another database (see Elsewhere).
func (s *ProjectStore) WithElsewhere(e Elsewhere) *ProjectStore {
	c := *s
	c.elsewhere = e
	return &c
}

// As sets *target to the store's *DB when target is a **DB, and reports
// whether it did.
func (s *ProjectStore) As(target any) bool { return asDB(s.db, target) }

func wrapProject(op string, err error) error {
	return passThrough(op, err, project.ErrConflict, project.ErrNotFound, project.ErrInvalid,
		context.Canceled, context.DeadlineExceeded)
}

// PutProject implements project.Store. The project's citations (topic,
// resolution, tickets, polls) are written to link tables in the same
// transaction (migration 7): a citation of a record that is not in the
// file is refused with a *project.RefError, which wraps
// project.ErrInvalid, and changes nothing.
func (s *ProjectStore) PutProject(ctx context.Context, p project.Project) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if p.ID == "" {
		return 0, &project.InputError{Field: "id", Reason: "empty project id"}
	}
	if err := citation.CheckProjectShape(p, s.elsewhere.Topics, "sqlite"); err != nil {
		return 0, err
	}
	want := p.Version
	p.Version++
	v, err := s.db.putRecord(ctx, "put project", "project", string(p.ID), want, p, project.ErrConflict,
		func(ctx context.Context, q querier, update bool) error {
			return writeProjectRefs(ctx, q, p, update, s.elsewhere)
		})
	return v, wrapProject("put project", err)
}

// Project implements project.Store.
func (s *ProjectStore) Project(ctx context.Context, id project.ID) (project.Project, error) {
	if err := ctx.Err(); err != nil {
		return project.Project{}, err
	}
	var p project.Project
	err := getVersioned(ctx, s.db.r, "project", string(id), &p, &p.Version)
	if noRows(err) {
		return project.Project{}, &project.NotFoundError{Kind: "project", ID: string(id)}
	}
	return p, wrapProject("project", err)
}

// Projects implements project.Store.
func (s *ProjectStore) Projects(ctx context.Context) iter.Seq2[project.Project, error] {
	return streamVersioned(ctx, s.db, "project", s.pageSize, func(p *project.Project, v int64) { p.Version = v })
}

// AppendEntry implements project.Store. Writes are serialised by the
// writer, so the ledger's length is read and extended in one step.
func (s *ProjectStore) AppendEntry(ctx context.Context, e project.Entry, after int64) (project.Entry, error) {
	if err := ctx.Err(); err != nil {
		return project.Entry{}, err
	}
	if e.ID == "" {
		return project.Entry{}, &project.InputError{Field: "id", Reason: "empty entry id"}
	}
	var out project.Entry
	err := s.db.writer.do(ctx, func(ctx context.Context, q querier) error {
		var doc string
		var seq int64
		err := q.QueryRowContext(ctx, `SELECT seq, doc FROM project_entry WHERE id = ?`, e.ID).Scan(&seq, &doc)
		switch {
		case err == nil:
			var stored project.Entry
			if err := json.Unmarshal([]byte(doc), &stored); err != nil {
				return fmt.Errorf("decoding stored entry %s: %w", e.ID, err)
			}
			stored.Seq = seq
			if !project.SameEntry(stored, e) {
				return fmt.Errorf("sqlite: ledger entry %s exists with other content: %w", e.ID, project.ErrConflict)
			}
			out = stored
			return nil
		case !noRows(err):
			return err
		}
		var head int64
		if err := q.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM project_entry`).Scan(&head); err != nil {
			return err
		}
		if head != after {
			return fmt.Errorf("sqlite: ledger holds %d entries, not %d: %w", head, after, project.ErrConflict)
		}
		e.Seq = head + 1
		j, err := json.Marshal(e)
		if err != nil {
			return err
		}
		if _, err := q.ExecContext(ctx, `INSERT INTO project_entry (seq, id, doc) VALUES (?, ?, ?)`, e.Seq, e.ID, string(j)); err != nil {
			return err
		}
		out = e
		return nil
	})
	if err != nil {
		return project.Entry{}, wrapProject("append entry", err)
	}
	return out, nil
}

// Entries implements project.Store, a page at a time in Seq order.
func (s *ProjectStore) Entries(ctx context.Context) iter.Seq2[project.Entry, error] {
	return func(yield func(project.Entry, error) bool) {
		var after int64
		keyset.Pages(ctx, s.pageSize, func(ctx context.Context) ([]project.Entry, error) {
			page, err := s.entryPage(ctx, &after)
			return page, wrap("entries", err)
		})(yield)
	}
}

func (s *ProjectStore) entryPage(ctx context.Context, after *int64) ([]project.Entry, error) {
	rows, err := s.db.r.QueryContext(ctx, `SELECT seq, doc FROM project_entry WHERE seq > ? ORDER BY seq LIMIT ?`, *after, s.pageSize)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var page []project.Entry
	for rows.Next() {
		var doc string
		var e project.Entry
		if err := rows.Scan(after, &doc); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(doc), &e); err != nil {
			return nil, err
		}
		e.Seq = *after
		page = append(page, e)
	}
	return page, rows.Err()
}

// PutPlan implements project.Store. The plan's JSON is stored exactly as
// encoded; storing the same plan again is a no-op.
func (s *ProjectStore) PutPlan(ctx context.Context, p project.Plan) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	doc, err := json.Marshal(p)
	if err != nil {
		return wrap("put plan: encode", err)
	}
	err = s.db.writer.do(ctx, func(ctx context.Context, q querier) error {
		res, err := q.ExecContext(ctx, `INSERT INTO project_plan (year, doc) VALUES (?, ?) ON CONFLICT (year) DO NOTHING`,
			p.Rule.Year, string(doc))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 1 {
			return err
		}
		var stored string
		if err := q.QueryRowContext(ctx, `SELECT doc FROM project_plan WHERE year = ?`, p.Rule.Year).Scan(&stored); err != nil {
			return err
		}
		if stored != string(doc) {
			return fmt.Errorf("sqlite: another plan is adopted for %d: %w", p.Rule.Year, project.ErrConflict)
		}
		return nil
	})
	return wrapProject("put plan", err)
}

// Plan implements project.Store.
func (s *ProjectStore) Plan(ctx context.Context, year int) (project.Plan, error) {
	if err := ctx.Err(); err != nil {
		return project.Plan{}, err
	}
	var doc string
	err := s.db.r.QueryRowContext(ctx, `SELECT doc FROM project_plan WHERE year = ?`, year).Scan(&doc)
	if noRows(err) {
		return project.Plan{}, &project.NotFoundError{Kind: "plan", ID: strconv.Itoa(year)}
	}
	if err != nil {
		return project.Plan{}, wrap("plan", err)
	}
	var p project.Plan
	if err := json.Unmarshal([]byte(doc), &p); err != nil {
		return project.Plan{}, wrap("plan: decode", err)
	}
	return p, nil
}
