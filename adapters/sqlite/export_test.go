package sqlite

import "context"

// OpenFast is Open without synchronous commits: for the conformance
// suites, which create many stores and never crash.
func OpenFast(ctx context.Context, path string) (*DB, error) {
	return OpenWith(ctx, path, Options{synchronous: "off"})
}

// OpenWithoutForeignKeys is OpenFast with foreign keys not enforced: the
// broken database that proves the reference tests need them.
func OpenWithoutForeignKeys(ctx context.Context, path string) (*DB, error) {
	return OpenWith(ctx, path, Options{synchronous: "off", noForeignKeys: true})
}

// OpenAtVersion is OpenFast migrating the file only up to version: the
// tests of a later migration start from there.
func OpenAtVersion(ctx context.Context, path string, version int) (*DB, error) {
	return OpenWith(ctx, path, Options{synchronous: "off", upTo: version})
}

// MigrateApplied exposes migrateApplied, which reports the versions applied.
func MigrateApplied(ctx context.Context, db *DB) ([]int, error) { return db.migrateApplied(ctx) }

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

// ExecForTest runs a statement on the writer connection, outside the
// stores: tests use it to tamper with a file.
func ExecForTest(ctx context.Context, db *DB, query string, args ...any) error {
	_, err := db.w.ExecContext(ctx, query, args...)
	return err
}

// QueryIntForTest runs a query returning one integer on a reader.
func QueryIntForTest(ctx context.Context, db *DB, query string, args ...any) (int64, error) {
	var n int64
	err := db.r.QueryRowContext(ctx, query, args...).Scan(&n)
	return n, err
}
