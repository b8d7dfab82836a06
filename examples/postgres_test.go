package examples_test

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/gongzhi/gongzhi/examples/internal/storage"
)

// postgresURLEnv names the environment variable holding a PostgreSQL
// server's URL, as in adapters/postgres (bash .ci/postgres.sh sets it).
const postgresURLEnv = "GONGZHI_POSTGRES_URL"

// TestRerunPostgres runs every example that takes -db on PostgreSQL
// instead (-pg, each in a schema of its own, dropped afterwards): its
// first run prints its golden output; it runs a second time on the same
// database, reads every record back, writes nothing and prints the same
// output plus one line holding storage.ReadBackMarkerPG. full-loop is
// the whole loop with trace reading the chain back from the database.
// TestRerun does the same, and stops runs midway, on SQLite.
func TestRerunPostgres(t *testing.T) {
	postgresServer(t)
	bin := buildExamples(t)
	for _, name := range dbExamples(t) {
		t.Run(name, func(t *testing.T) {
			u, tables := postgresSchema(t)
			want, err := os.ReadFile(filepath.Join(name, "testdata", "output.golden"))
			if err != nil {
				t.Fatal(err)
			}
			if first := runExample(t, bin, name, append(ciArgs(name), "-pg", u)...); first != string(want) {
				t.Fatalf("first run -pg differs from the golden output:\n%s", firstDiff(string(want), first))
			}
			if n := tables(); n == 0 {
				t.Fatal("no table in the test's schema: the example did not keep its records there")
			}
			second := runExample(t, bin, name, append(ciArgs(name), "-pg", u)...)
			var rest strings.Builder
			var marked []string
			for _, l := range strings.SplitAfter(second, "\n") {
				if strings.Contains(l, storage.ReadBackMarkerPG) {
					marked = append(marked, strings.TrimSpace(l))
					continue
				}
				rest.WriteString(l)
			}
			if rest.String() != string(want) {
				t.Fatalf("second run -pg differs from the golden output:\n%s", firstDiff(string(want), rest.String()))
			}
			if len(marked) != 1 || !strings.HasSuffix(marked[0], "; nothing left to write)") {
				t.Fatalf("second run -pg: want one line %q ending with \"nothing left to write\", got %q", storage.ReadBackMarkerPG, marked)
			}
		})
	}
}

// runExample runs example name (built in bin) in its folder with args and
// returns its standard output.
func runExample(t *testing.T, bin, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(filepath.Join(bin, name), args...)
	cmd.Dir = name
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

var schemaSeq atomic.Int64

// postgresServer returns the URL of the server named by
// GONGZHI_POSTGRES_URL. Without the variable the test is skipped, except
// under CI=true, where that is a failure (as in adapters/postgres): CI
// must run the examples on a real PostgreSQL.
func postgresServer(t *testing.T) string {
	t.Helper()
	base := os.Getenv(postgresURLEnv)
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set, but CI=true: the examples must be run on a real PostgreSQL (see .ci/postgres.sh)", postgresURLEnv)
		}
		t.Skipf("%s is not set: skipping the PostgreSQL runs (run .ci/postgres.sh, or set it to a disposable database URL)", postgresURLEnv)
	}
	return base
}

// postgresSchema creates an empty schema on the server named by
// GONGZHI_POSTGRES_URL and returns a URL whose connections use it
// (search_path), so that every test, and every rerun of the tests, starts
// from an empty database, and a function that counts the tables in it.
// The schema is dropped when the test ends.
func postgresSchema(t *testing.T) (string, func() int) {
	t.Helper()
	base := postgresServer(t)
	schema := fmt.Sprintf("gz_examples_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e6, schemaSeq.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect %s: %v", postgresURLEnv, err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Errorf("cleanup connect: %v", err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	tables := func() int {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Fatalf("connect %s: %v", postgresURLEnv, err)
		}
		defer c.Close(ctx)
		var n int
		if err := c.QueryRow(ctx, "SELECT count(*) FROM information_schema.tables WHERE table_schema = $1", schema).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	return withSearchPath(t, base, schema), tables
}

// withSearchPath adds search_path=schema to a postgres:// URL or a
// key=value DSN.
func withSearchPath(t *testing.T, base, schema string) string {
	t.Helper()
	if !strings.HasPrefix(base, "postgres://") && !strings.HasPrefix(base, "postgresql://") {
		return base + " search_path=" + schema
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", postgresURLEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
