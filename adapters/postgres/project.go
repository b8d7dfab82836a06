package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/gongzhi/gongzhi/adapters/internal/citation"
	"github.com/gongzhi/gongzhi/internal/keyset"
	"github.com/gongzhi/gongzhi/project"
)

// ProjectStore is a project.Store on PostgreSQL: projects as versioned
// JSON records, the funding ledger as an append-only table with a gapless
// sequence (its length in a locked head row) and idempotency by entry id,
// and adopted plans by year.
//
// Create it with NewProjectStore on a pool whose schema was migrated.
type ProjectStore struct {
	pool      *pgxpool.Pool
	pageSize  int
	elsewhere Elsewhere
}

var _ project.Store = (*ProjectStore)(nil)

// NewProjectStore returns a ProjectStore using pool.
func NewProjectStore(pool *pgxpool.Pool) *ProjectStore {
	return &ProjectStore{pool: pool, pageSize: 1000}
}

// WithElsewhere returns a store on the same pool whose citations of the
// kinds e names are recorded but not checked by the database, because
// those records live in another database (see Elsewhere).
func (s *ProjectStore) WithElsewhere(e Elsewhere) *ProjectStore {
	c := *s
	c.elsewhere = e
	return &c
}

// As sets *target to the store's *pgxpool.Pool when target is a
// **pgxpool.Pool, and reports whether it did.
func (s *ProjectStore) As(target any) bool { return asPool(s.pool, target) }

// PutProject implements project.Store. The project's citations (topic,
// resolution, tickets, polls) are written to link tables in the same
// transaction (migration 7): a citation of a record that is not in the
// database is refused with a *project.RefError, which wraps
// project.ErrInvalid, and changes nothing.
func (s *ProjectStore) PutProject(ctx context.Context, p project.Project) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if p.ID == "" {
		return 0, &project.InputError{Field: "id", Reason: "empty project id"}
	}
	if err := citation.CheckProjectShape(p, s.elsewhere.Topics, "postgres"); err != nil {
		return 0, err
	}
	p.Version++
	doc, err := json.Marshal(p)
	if err != nil {
		return 0, wrap("put project: encode", err)
	}
	prev := p.Version - 1
	err = inTx(ctx, s.pool, func(tx pgx.Tx) error {
		ok, err := putVersioned(ctx, tx, "project", string(p.ID), prev, doc)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("postgres: project %s at version %d: %w", p.ID, prev, project.ErrConflict)
		}
		return writeProjectRefs(ctx, tx, p, prev > 0, s.elsewhere)
	})
	if err != nil {
		err = projectRefError(ctx, s.pool, p, err)
		if errors.Is(err, project.ErrInvalid) || ctx.Err() != nil {
			return 0, err
		}
		return 0, wrapProject("put project", err)
	}
	return p.Version, nil
}

// Project implements project.Store.
func (s *ProjectStore) Project(ctx context.Context, id project.ID) (project.Project, error) {
	if err := ctx.Err(); err != nil {
		return project.Project{}, err
	}
	var p project.Project
	err := getVersioned(ctx, s.pool, "project", string(id), &p, &p.Version)
	if errors.Is(err, pgx.ErrNoRows) {
		return project.Project{}, &project.NotFoundError{Kind: "project", ID: string(id)}
	}
	return p, wrap("project", err)
}

// Projects implements project.Store.
func (s *ProjectStore) Projects(ctx context.Context) iter.Seq2[project.Project, error] {
	return streamVersioned(ctx, s.pool, "project", s.pageSize, func(p *project.Project, v int64) { p.Version = v })
}

// AppendEntry implements project.Store.
func (s *ProjectStore) AppendEntry(ctx context.Context, e project.Entry, after int64) (project.Entry, error) {
	if err := ctx.Err(); err != nil {
		return project.Entry{}, err
	}
	if e.ID == "" {
		return project.Entry{}, &project.InputError{Field: "id", Reason: "empty entry id"}
	}
	var out project.Entry
	err := inTx(ctx, s.pool, func(tx pgx.Tx) error {
		var head int64
		if err := tx.QueryRow(ctx, `SELECT seq FROM project_ledger_head FOR UPDATE`).Scan(&head); err != nil {
			return err
		}
		var doc []byte
		var seq int64
		err := tx.QueryRow(ctx, `SELECT seq, doc FROM project_entry WHERE id = $1`, e.ID).Scan(&seq, &doc)
		switch {
		case err == nil:
			var stored project.Entry
			if err := json.Unmarshal(doc, &stored); err != nil {
				return fmt.Errorf("decoding stored entry %s: %w", e.ID, err)
			}
			stored.Seq = seq
			if !project.SameEntry(stored, e) {
				return fmt.Errorf("postgres: ledger entry %s exists with other content: %w", e.ID, project.ErrConflict)
			}
			out = stored
			return nil
		case !errors.Is(err, pgx.ErrNoRows):
			return err
		}
		if head != after {
			return fmt.Errorf("postgres: ledger holds %d entries, not %d: %w", head, after, project.ErrConflict)
		}
		e.Seq = head + 1
		doc, err = json.Marshal(e)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO project_entry (seq, id, doc) VALUES ($1, $2, $3)`, e.Seq, e.ID, doc); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE project_ledger_head SET seq = $1`, e.Seq); err != nil {
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

func wrapProject(op string, err error) error {
	return passThrough(op, err, project.ErrConflict, project.ErrNotFound, context.Canceled, context.DeadlineExceeded)
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

// entryPage reads the page of entries after seq *after and advances it.
func (s *ProjectStore) entryPage(ctx context.Context, after *int64) ([]project.Entry, error) {
	rows, err := s.pool.Query(ctx, `SELECT seq, doc FROM project_entry WHERE seq > $1 ORDER BY seq LIMIT $2`, *after, s.pageSize)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var page []project.Entry
	for rows.Next() {
		var doc []byte
		var e project.Entry
		if err := rows.Scan(after, &doc); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(doc, &e); err != nil {
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
	tag, err := s.pool.Exec(ctx, `INSERT INTO project_plan (year, doc) VALUES ($1, $2::text::json) ON CONFLICT (year) DO NOTHING`,
		p.Rule.Year, string(doc))
	if err != nil {
		return wrap("put plan", err)
	}
	if tag.RowsAffected() == 1 {
		return nil
	}
	var stored string
	if err := s.pool.QueryRow(ctx, `SELECT doc::text FROM project_plan WHERE year = $1`, p.Rule.Year).Scan(&stored); err != nil {
		return wrap("put plan", err)
	}
	if stored != string(doc) {
		return fmt.Errorf("postgres: another plan is adopted for %d: %w", p.Rule.Year, project.ErrConflict)
	}
	return nil
}

// Plan implements project.Store.
func (s *ProjectStore) Plan(ctx context.Context, year int) (project.Plan, error) {
	if err := ctx.Err(); err != nil {
		return project.Plan{}, err
	}
	var doc string
	err := s.pool.QueryRow(ctx, `SELECT doc::text FROM project_plan WHERE year = $1`, year).Scan(&doc)
	if errors.Is(err, pgx.ErrNoRows) {
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
