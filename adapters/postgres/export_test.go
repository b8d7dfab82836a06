package postgres

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"
)

// MigrateTo migrates the schema only up to version: the tests of a later
// migration start from there.
func MigrateTo(ctx context.Context, pool *pgxpool.Pool, version int) error {
	s := schema()
	s.Migrations = s.Migrations[:version]
	_, err := migrateSchema(ctx, pool, s)
	return err
}

// MigrateApplied exposes migrateApplied, which reports the versions applied.
var MigrateApplied = migrateApplied

// SetPageSize sets how many rows a store reads per query, so tests can
// cross page boundaries with a few records.
func SetPageSize(store any, n int) {
	switch s := store.(type) {
	case *VoteStore:
		s.pageSize = n
	case *TicketStore:
		s.pageSize = n
	case *AgendaStore:
		s.pageSize = n
	case *ProjectStore:
		s.pageSize = n
	case *GridStore:
		s.chunk = n
	default:
		panic("SetPageSize: unknown store")
	}
}
