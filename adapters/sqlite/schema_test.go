package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/gongzhi/gongzhi/adapters/internal/schematest"
	"github.com/gongzhi/gongzhi/adapters/sqlite"
)

// What the schema does beyond the Store contracts (the citations' foreign
// keys, the migrations' backfills) is checked by the suite both adapters
// share: a file of its own per database, opened with foreign keys not
// enforced for the proof that the suite needs them.

func TestRefs(t *testing.T)                { schematest.TestRefs(t, harness) }
func TestRefsNeedForeignKeys(t *testing.T) { schematest.TestRefsNeedForeignKeys(t, harness) }
func TestTicketBackfill(t *testing.T)      { schematest.TestTicketBackfill(t, harness) }
func TestTicketPlaceBackfill(t *testing.T) { schematest.TestTicketPlaceBackfill(t, harness) }
func BenchmarkTraceFrom(b *testing.B)      { schematest.BenchmarkTraceFrom(b, harness) }

var harness = schematest.Harness{
	Open: func(tb testing.TB, foreignKeys bool) schematest.DB {
		if foreignKeys {
			return citeDB{tb, openDB(tb), ""}
		}
		return citeDB{tb, openWith(tb, filepath.Join(tb.TempDir(), "nofk.sqlite"), sqlite.OpenWithoutForeignKeys), ""}
	},
	OpenVersion6: func(tb testing.TB) schematest.Version6 {
		path := filepath.Join(tb.TempDir(), "v6.sqlite")
		db := openWith(tb, path, func(ctx context.Context, path string) (*sqlite.DB, error) {
			return sqlite.OpenAtVersion(ctx, path, 6)
		})
		// Tickets as the schema of version 6 stores them.
		if err := sqlite.ExecForTest(context.Background(), db, `INSERT INTO ticket (id, version, state, terminal, lead_unit, doc)
			VALUES ('t-1', 1, 'received', 0, '', '{"id":"t-1"}'), ('t-2', 1, 'received', 0, '', '{"id":"t-2"}')`); err != nil {
			tb.Fatal(err)
		}
		return citeDB{tb, db, path}
	},
	SetPageSize: sqlite.SetPageSize,
	Migrations:  sqlite.Migrations,
}

// openWith opens path with open and closes it at cleanup.
func openWith(tb testing.TB, path string, open func(context.Context, string) (*sqlite.DB, error)) *sqlite.DB {
	tb.Helper()
	db, err := open(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// citeDB is a file as the suite's DB and, with its path, Version6.
type citeDB struct {
	tb   testing.TB
	db   *sqlite.DB
	path string
}

func (d citeDB) Stores(away bool) schematest.Stores {
	e := sqlite.Elsewhere{Tickets: away, Polls: away}
	return schematest.Stores{Tickets: sqlite.NewTicketStore(d.db), Polls: sqlite.NewVoteStore(d.db),
		Agenda: sqlite.NewAgendaStore(d.db).WithElsewhere(e), Projects: sqlite.NewProjectStore(d.db).WithElsewhere(e)}
}

func (d citeDB) Exec(ctx context.Context, query string, args ...any) error {
	return sqlite.ExecForTest(ctx, d.db, query, args...)
}

func (d citeDB) Int(ctx context.Context, query string, args ...any) (int64, error) {
	return sqlite.QueryIntForTest(ctx, d.db, query, args...)
}

// Migrate closes the file and opens it again, which migrates it (the
// cleanup's second Close does no harm).
func (d citeDB) Migrate(ctx context.Context, foreignKeys bool) (schematest.DB, error) {
	if err := d.db.Close(); err != nil {
		return nil, err
	}
	open := sqlite.Open
	if !foreignKeys {
		open = sqlite.OpenWithoutForeignKeys
	}
	db, err := open(ctx, d.path)
	if err != nil {
		return nil, err
	}
	d.tb.Cleanup(func() { db.Close() })
	return citeDB{d.tb, db, d.path}, nil
}
