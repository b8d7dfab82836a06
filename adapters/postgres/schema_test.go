package postgres_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/gongzhi/gongzhi/adapters/internal/schematest"
	"github.com/gongzhi/gongzhi/adapters/postgres"
)

// What the schema does beyond the Store contracts (the citations' foreign
// keys, the migrations' backfills) is checked by the suite both adapters
// share: a schema of its own per database, the foreign keys dropped for
// the proof that the suite needs them.

func TestRefs(t *testing.T) {
	serverURL(t)
	schematest.TestRefs(t, harness)
}

func TestRefsNeedForeignKeys(t *testing.T) {
	serverURL(t)
	schematest.TestRefsNeedForeignKeys(t, harness)
}

func TestTicketBackfill(t *testing.T) {
	serverURL(t)
	schematest.TestTicketBackfill(t, harness)
}

func TestTicketPlaceBackfill(t *testing.T) {
	serverURL(t)
	schematest.TestTicketPlaceBackfill(t, harness)
}

func BenchmarkTraceFrom(b *testing.B) {
	serverURL(b)
	schematest.BenchmarkTraceFrom(b, harness)
}

var harness = schematest.Harness{
	Open: func(tb testing.TB, foreignKeys bool) schematest.DB {
		db := citeDB{migratedPool(tb, 0, fast)}
		if !foreignKeys {
			if err := db.dropForeignKeys(context.Background()); err != nil {
				tb.Fatal(err)
			}
		}
		return db
	},
	OpenVersion6: func(tb testing.TB) schematest.Version6 {
		ctx := context.Background()
		pool, _ := newSchema(tb, 0, fast)
		if err := postgres.MigrateTo(ctx, pool, 6); err != nil {
			tb.Fatal(err)
		}
		// Tickets as the schema of version 6 stores them.
		if _, err := pool.Exec(ctx, `INSERT INTO ticket (id, version, state, terminal, lead_unit, received_at, doc) VALUES
			('t-1', 1, '', false, '', 'epoch', '{"id":"t-1"}'), ('t-2', 1, '', false, '', 'epoch', '{"id":"t-2"}')`); err != nil {
			tb.Fatal(err)
		}
		return citeDB{pool}
	},
	SetPageSize: postgres.SetPageSize,
	Migrations:  postgres.Migrations,
}

// citeDB is a pool as the suite's DB and Version6.
type citeDB struct{ pool *pgxpool.Pool }

func (d citeDB) Stores(away bool) schematest.Stores {
	e := postgres.Elsewhere{Tickets: away, Polls: away}
	return schematest.Stores{Tickets: postgres.NewTicketStore(d.pool), Polls: postgres.NewVoteStore(d.pool),
		Agenda: postgres.NewAgendaStore(d.pool).WithElsewhere(e), Projects: postgres.NewProjectStore(d.pool).WithElsewhere(e)}
}

func (d citeDB) Exec(ctx context.Context, query string, args ...any) error {
	_, err := d.pool.Exec(ctx, query, args...)
	return err
}

func (d citeDB) Int(ctx context.Context, query string, args ...any) (n int64, err error) {
	err = d.pool.QueryRow(ctx, query, args...).Scan(&n)
	return n, err
}

func (d citeDB) Migrate(ctx context.Context, foreignKeys bool) (schematest.DB, error) {
	if err := postgres.Migrate(ctx, d.pool); err != nil {
		return nil, err
	}
	if !foreignKeys {
		return d, d.dropForeignKeys(ctx)
	}
	return d, nil
}

// dropForeignKeys drops the constraints of migration 7 that refuse
// citations.
func (d citeDB) dropForeignKeys(ctx context.Context) error {
	_, err := d.pool.Exec(ctx, `ALTER TABLE agenda_topic_ticket DROP CONSTRAINT agenda_topic_ticket_ref_fkey;
		ALTER TABLE project_topic DROP CONSTRAINT project_topic_ref_fkey, DROP CONSTRAINT project_topic_resolution_fkey;
		ALTER TABLE project_ticket DROP CONSTRAINT project_ticket_ref_fkey;
		ALTER TABLE project_poll DROP CONSTRAINT project_poll_ref_fkey`)
	return err
}
