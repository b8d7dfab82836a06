package migrate_test

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/gongzhi/gongzhi/internal/migrate"
)

var (
	errTooNew   = errors.New("test: too new")
	errModified = errors.New("test: modified")
)

// memTx is a Tx over a map: the version table and the scripts run, in
// order. fail makes Exec of that script fail; readErr makes reading the
// version table fail after its first row.
type memTx struct {
	table   map[int]string
	ran     []string
	fail    string
	readErr error
	query   string // the last query
	closed  bool   // whether its rows were closed
}

func (t *memTx) Exec(_ context.Context, script string) error {
	if script == t.fail {
		return errors.New("syntax error")
	}
	t.ran = append(t.ran, script)
	return nil
}

func (t *memTx) Query(_ context.Context, query string) (migrate.Rows, error) {
	t.query, t.closed = query, false
	rows := &memRows{tx: t, err: t.readErr}
	for _, v := range slices.Sorted(maps.Keys(t.table)) {
		rows.rows = append(rows.rows, [2]any{v, t.table[v]})
	}
	return rows, nil
}

// memRows are the rows of the version table; err ends them after the
// first row.
type memRows struct {
	tx   *memTx
	rows [][2]any
	next int
	err  error
}

func (r *memRows) Next() bool {
	if r.err != nil && r.next == 1 {
		return false
	}
	r.next++
	return r.next <= len(r.rows)
}

func (r *memRows) Scan(dest ...any) error {
	*dest[0].(*int), *dest[1].(*string) = r.rows[r.next-1][0].(int), r.rows[r.next-1][1].(string)
	return nil
}

func (r *memRows) Err() error {
	if r.next == 1 {
		return r.err
	}
	return nil
}

func (r *memRows) Close() { r.tx.closed = true }

func (t *memTx) Record(_ context.Context, m migrate.Migration) error {
	t.table[m.Version] = m.Checksum()
	return nil
}

func schema(t *testing.T) migrate.Schema {
	ms, err := migrate.Load(fstest.MapFS{
		"m/0002_second.sql": {Data: []byte("CREATE TABLE b ();\n")},
		"m/0001_first.sql":  {Data: []byte("CREATE TABLE a ();\n")},
		"m/0010_tenth.sql":  {Data: []byte("CREATE TABLE j ();\n")},
	}, "m")
	if err != nil {
		t.Fatal(err)
	}
	return migrate.Schema{Migrations: ms, Table: "version", TableSQL: "CREATE TABLE IF NOT EXISTS version ();\n",
		TooNew: errTooNew, Modified: errModified}
}

func TestLoadOrdersByVersion(t *testing.T) {
	got := schema(t).Migrations
	want := []migrate.Migration{
		{Version: 1, Name: "first", SQL: "CREATE TABLE a ();\n"},
		{Version: 2, Name: "second", SQL: "CREATE TABLE b ();\n"},
		{Version: 10, Name: "tenth", SQL: "CREATE TABLE j ();\n"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("Load (-want +got):\n%s", diff)
	}
}

func TestLoadRejectsBadNames(t *testing.T) {
	for _, name := range []string{"first.sql", "x_first.sql", "0001_first.txt", "0001_.sql", "0001_it's.sql", "0000_zero.sql"} {
		if _, err := migrate.Load(fstest.MapFS{"m/" + name: {}}, "m"); err == nil {
			t.Errorf("Load accepted a migration named %q", name)
		}
	}
	if _, err := migrate.Load(fstest.MapFS{"m/0001_a.sql": {}, "m/1_b.sql": {}}, "m"); err == nil {
		t.Error("Load accepted two migrations of version 1")
	}
	if _, err := migrate.Load(fstest.MapFS{}, "m"); err == nil {
		t.Error("Load of a missing folder succeeded")
	}
}

func TestApplyOnceInOrder(t *testing.T) {
	ctx := context.Background()
	s := schema(t)
	tx := &memTx{table: map[int]string{}}
	applied, err := migrate.Apply(ctx, tx, s)
	if err != nil || !slices.Equal(applied, []int{1, 2, 10}) {
		t.Fatalf("Apply = %v, %v; want [1 2 10]", applied, err)
	}
	want := []string{s.TableSQL, "CREATE TABLE a ();\n", "CREATE TABLE b ();\n", "CREATE TABLE j ();\n"}
	if diff := cmp.Diff(want, tx.ran); diff != "" {
		t.Fatalf("scripts run (-want +got):\n%s", diff)
	}
	tx.ran = nil
	again, err := migrate.Apply(ctx, tx, s)
	if err != nil || len(again) != 0 || len(tx.ran) != 1 {
		t.Fatalf("second Apply = %v, %v and ran %q; want nothing but the version table", again, err, tx.ran)
	}
}

// A database missing only the latest migration gets just that one.
func TestApplyMissingOnly(t *testing.T) {
	s := schema(t)
	tx := &memTx{table: map[int]string{1: s.Migrations[0].Checksum(), 2: s.Migrations[1].Checksum()}}
	applied, err := migrate.Apply(context.Background(), tx, s)
	if err != nil || !slices.Equal(applied, []int{10}) {
		t.Fatalf("Apply = %v, %v; want [10]", applied, err)
	}
}

// A newer or edited schema is refused before any migration runs.
func TestApplyRefuses(t *testing.T) {
	s := schema(t)
	sum := func(i int) string { return s.Migrations[i].Checksum() }
	for _, tc := range []struct {
		name  string
		table map[int]string
		want  error
		text  string
	}{
		{"TooNew", map[int]string{1: sum(0), 11: "x", 99: "y"}, errTooNew, "version 99"},
		{"Modified", map[int]string{1: sum(0), 2: "edited"}, errModified, "version 2 (second)"},
		{"TooNewBeforeModified", map[int]string{1: "edited", 12: "x"}, errTooNew, "version 12"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tx := &memTx{table: tc.table}
			applied, err := migrate.Apply(context.Background(), tx, s)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.text) {
				t.Fatalf("Apply = %v, want %v naming %q", err, tc.want, tc.text)
			}
			if applied != nil || len(tx.ran) != 1 {
				t.Fatalf("Apply ran %q and returned %v; want nothing applied", tx.ran, applied)
			}
		})
	}
}

// Apply reads the version table through Tx.Query and closes the rows; an
// error reading it stops Apply before any migration runs.
func TestApplyReadsVersionTable(t *testing.T) {
	s := schema(t)
	tx := &memTx{table: map[int]string{1: s.Migrations[0].Checksum()}}
	if _, err := migrate.Apply(context.Background(), tx, s); err != nil {
		t.Fatal(err)
	}
	if tx.query != "SELECT version, checksum FROM version" || !tx.closed {
		t.Fatalf("Apply read the version table with %q (rows closed: %v)", tx.query, tx.closed)
	}
	broken := errors.New("connection lost")
	tx = &memTx{table: map[int]string{1: s.Migrations[0].Checksum(), 2: s.Migrations[1].Checksum()}, readErr: broken}
	applied, err := migrate.Apply(context.Background(), tx, s)
	if !errors.Is(err, broken) || applied != nil || len(tx.ran) != 1 || !tx.closed {
		t.Fatalf("Apply with the version table unreadable = %v, %v, ran %q (rows closed: %v); want the error and nothing run",
			applied, err, tx.ran, tx.closed)
	}
}

// A failing migration names itself and stops the run.
func TestApplyFailureNamesMigration(t *testing.T) {
	s := schema(t)
	tx := &memTx{table: map[int]string{}, fail: "CREATE TABLE b ();\n"}
	applied, err := migrate.Apply(context.Background(), tx, s)
	if err == nil || !strings.Contains(err.Error(), "migration 0002_second: syntax error") || applied != nil {
		t.Fatalf("Apply = %v, %v; want the error of 0002_second and nothing applied", applied, err)
	}
	if _, ok := tx.table[10]; ok {
		t.Fatal("Apply went on after a failed migration")
	}
}

func TestScript(t *testing.T) {
	s := schema(t)
	got := migrate.Script(s, "-- header\n\n")
	want := "-- header\n\n" + s.TableSQL +
		"\n-- migration 0001_first\nCREATE TABLE a ();\nINSERT INTO version (version, name, checksum) VALUES (1, 'first', '" + s.Migrations[0].Checksum() + "');\n" +
		"\n-- migration 0002_second\nCREATE TABLE b ();\nINSERT INTO version (version, name, checksum) VALUES (2, 'second', '" + s.Migrations[1].Checksum() + "');\n" +
		"\n-- migration 0010_tenth\nCREATE TABLE j ();\nINSERT INTO version (version, name, checksum) VALUES (10, 'tenth', '" + s.Migrations[2].Checksum() + "');\n"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("Script (-want +got):\n%s", diff)
	}
}

func TestChecksum(t *testing.T) {
	// sha256 of the empty string, a published constant.
	if got := (migrate.Migration{}).Checksum(); got != "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" {
		t.Fatalf("Checksum of empty SQL = %s", got)
	}
}
