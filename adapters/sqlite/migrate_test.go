package sqlite_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/gongzhi/gongzhi/adapters/sqlite"
)

func TestMigrationsNumbered(t *testing.T) {
	ms := sqlite.Migrations()
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
	sql := sqlite.MigrationSQL()
	if !strings.Contains(sql, "CREATE TABLE IF NOT EXISTS "+sqlite.VersionTable) {
		t.Error("MigrationSQL does not create the version table")
	}
	for _, m := range sqlite.Migrations() {
		if !strings.Contains(sql, m.Checksum()) || !strings.Contains(sql, m.SQL[:min(len(m.SQL), 80)]) {
			t.Errorf("MigrationSQL lacks migration %d or its version row", m.Version)
		}
	}
}

// Open migrates a new file; opening it again applies nothing.
func TestMigrateIdempotent(t *testing.T) {
	ctx := context.Background()
	db := openDurable(t)
	all := sqlite.Migrations()
	if v, err := db.SchemaVersion(ctx); err != nil || v != all[len(all)-1].Version {
		t.Fatalf("SchemaVersion after Open = %d, %v; want %d", v, err, all[len(all)-1].Version)
	}
	again, err := sqlite.MigrateApplied(ctx, db)
	if err != nil || len(again) != 0 {
		t.Fatalf("second migration applied %v, %v; want nothing", again, err)
	}
}

// Several programs opening one new file at once: each migration is
// applied exactly once (the migration is one write transaction).
func TestOpenConcurrent(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.sqlite")
	const n = 6
	var wg sync.WaitGroup
	errs := make([]error, n)
	dbs := make([]*sqlite.DB, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			dbs[i], errs[i] = sqlite.Open(ctx, path)
		}()
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("concurrent Open %d: %v", i, errs[i])
		}
		defer dbs[i].Close()
	}
	rows, err := sqlite.QueryIntForTest(ctx, dbs[0], `SELECT count(*) FROM `+sqlite.VersionTable)
	if err != nil || rows != int64(len(sqlite.Migrations())) {
		t.Fatalf("version table holds %d rows, %v; want each migration once", rows, err)
	}
}

func TestOpenRejectsNewerOrModifiedSchema(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		tamper string
		want   error
	}{
		{"TooNew", `INSERT INTO ` + sqlite.VersionTable + ` (version, name, checksum) VALUES (9999, 'future', 'x')`, sqlite.ErrSchemaTooNew},
		{"Modified", `UPDATE ` + sqlite.VersionTable + ` SET checksum = 'edited' WHERE version = 1`, sqlite.ErrSchemaModified},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "f.sqlite")
			db, err := sqlite.Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			if err := sqlite.ExecForTest(ctx, db, tc.tamper); err != nil {
				t.Fatal(err)
			}
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			if db, err := sqlite.Open(ctx, path); !errors.Is(err, tc.want) {
				if err == nil {
					db.Close()
				}
				t.Fatalf("Open = %v, want %v", err, tc.want)
			}
		})
	}
}

// A file that is not a database is refused with ErrCorrupt, untouched.
func TestOpenNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	writeFile(t, path, strings.Repeat("not a database ", 400))
	if db, err := sqlite.Open(context.Background(), path); !errors.Is(err, sqlite.ErrCorrupt) {
		if err == nil {
			db.Close()
		}
		t.Fatalf("Open of a text file = %v, want ErrCorrupt", err)
	}
	if got := readFile(t, path); got != strings.Repeat("not a database ", 400) {
		t.Fatal("Open changed a file that is not a database")
	}
}
