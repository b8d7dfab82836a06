package postgres_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/gongzhi/gongzhi/adapters/postgres"
)

func TestMigrationsNumbered(t *testing.T) {
	ms := postgres.Migrations()
	if len(ms) == 0 {
		t.Fatal("no embedded migrations")
	}
	for i, m := range ms {
		if m.Version != i+1 {
			t.Errorf("migration %d has version %d: versions must run 1, 2, 3... without gaps", i, m.Version)
		}
		if strings.TrimSpace(m.SQL) == "" || m.Name == "" {
			t.Errorf("migration %d: empty name or SQL", m.Version)
		}
	}
}

func TestMigrationSQLMentionsEveryMigration(t *testing.T) {
	sql := postgres.MigrationSQL()
	if !strings.Contains(sql, "CREATE TABLE IF NOT EXISTS "+postgres.VersionTable) {
		t.Error("MigrationSQL does not create the version table")
	}
	for _, m := range postgres.Migrations() {
		if !strings.Contains(sql, m.Checksum()) || !strings.Contains(sql, m.SQL[:min(len(m.SQL), 80)]) {
			t.Errorf("MigrationSQL lacks migration %d or its version row", m.Version)
		}
	}
}

func TestMigrateIdempotent(t *testing.T) {
	pool, _ := newSchema(t, 0, fast)
	ctx := context.Background()
	if v, err := postgres.SchemaVersion(ctx, pool); err != nil || v != 0 {
		t.Fatalf("SchemaVersion of an empty schema = %d, %v; want 0, nil", v, err)
	}
	applied, err := postgres.MigrateApplied(ctx, pool)
	if err != nil {
		t.Fatal(err)
	}
	all := postgres.Migrations()
	if len(applied) != len(all) {
		t.Fatalf("first Migrate applied %v, want all %d migrations", applied, len(all))
	}
	again, err := postgres.MigrateApplied(ctx, pool)
	if err != nil || len(again) != 0 {
		t.Fatalf("second Migrate applied %v, %v; want nothing: Migrate must be idempotent", again, err)
	}
	v, err := postgres.SchemaVersion(ctx, pool)
	if err != nil || v != all[len(all)-1].Version {
		t.Fatalf("SchemaVersion = %d, %v; want %d", v, err, all[len(all)-1].Version)
	}
}

// Several app servers starting at once: the advisory lock makes exactly one
// of them apply each migration.
func TestMigrateConcurrent(t *testing.T) {
	pool, _ := newSchema(t, 8, fast)
	ctx := context.Background()
	const n = 8
	var wg sync.WaitGroup
	results := make([][]int, n)
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = postgres.MigrateApplied(ctx, pool)
		}()
	}
	wg.Wait()
	total := 0
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("concurrent Migrate %d: %v", i, errs[i])
		}
		total += len(results[i])
	}
	if total != len(postgres.Migrations()) {
		t.Fatalf("concurrent Migrates applied %d migrations in total, want each exactly once (%d)", total, len(postgres.Migrations()))
	}
}

// The printed SQL, applied by hand, leaves a schema Migrate accepts as
// current.
func TestMigrationSQLApplies(t *testing.T) {
	pool, _ := newSchema(t, 0, fast)
	ctx := context.Background()
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, postgres.MigrationSQL()); err != nil {
		t.Fatalf("applying MigrationSQL: %v", err)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	applied, err := postgres.MigrateApplied(ctx, pool)
	if err != nil || len(applied) != 0 {
		t.Fatalf("Migrate after MigrationSQL applied %v, %v; want nothing", applied, err)
	}
}

func TestMigrateRejectsNewerOrModifiedSchema(t *testing.T) {
	ctx := context.Background()
	t.Run("TooNew", func(t *testing.T) {
		pool := migratedPool(t, 0, fast)
		if _, err := pool.Exec(ctx, `INSERT INTO `+postgres.VersionTable+` (version, name, checksum) VALUES (9999, 'future', 'x')`); err != nil {
			t.Fatal(err)
		}
		if err := postgres.Migrate(ctx, pool); !errors.Is(err, postgres.ErrSchemaTooNew) {
			t.Fatalf("Migrate on a newer schema = %v, want ErrSchemaTooNew", err)
		}
	})
	t.Run("Modified", func(t *testing.T) {
		pool := migratedPool(t, 0, fast)
		if _, err := pool.Exec(ctx, `UPDATE `+postgres.VersionTable+` SET checksum = 'edited' WHERE version = 1`); err != nil {
			t.Fatal(err)
		}
		if err := postgres.Migrate(ctx, pool); !errors.Is(err, postgres.ErrSchemaModified) {
			t.Fatalf("Migrate with an edited migration = %v, want ErrSchemaModified", err)
		}
	})
}

// Open connects and migrates; the URL may carry the schema to use.
func TestOpen(t *testing.T) {
	_, schema := newSchema(t, 1, fast)
	url := serverURL(t)
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	ctx := context.Background()
	pool, err := postgres.Open(ctx, url+sep+"search_path="+schema)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer pool.Close()
	v, err := postgres.SchemaVersion(ctx, pool)
	if want := len(postgres.Migrations()); err != nil || v != want {
		t.Fatalf("after Open the schema is at version %d, %v; want %d", v, err, want)
	}
	if _, err := postgres.Open(ctx, "postgres://nobody@127.0.0.1:1/none?connect_timeout=1"); err == nil {
		t.Fatal("Open of an unreachable server succeeded")
	}
}

// A search_path naming a schema that does not exist is a clear error.
func TestMigrateMissingSchema(t *testing.T) {
	url := serverURL(t)
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, url+sep+"search_path=gz_no_such_schema")
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	if err := postgres.Migrate(ctx, pool); !errors.Is(err, postgres.ErrNoSchema) {
		t.Fatalf("Migrate with a missing schema = %v, want ErrNoSchema", err)
	}
}
