package postgres_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/gongzhi/gongzhi/adapters/internal/schematest"
	"github.com/gongzhi/gongzhi/adapters/postgres"
)

// TestMain lowers rapid's default number of checks for this package unless
// -rapid.checks is given: the conformance suites' model tests create a
// fresh store (a migrated schema) per check, and on a real server each
// costs a round of DDL.
func TestMain(m *testing.M) {
	flag.Parse()
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "rapid.checks" })
	if !given {
		if err := flag.Set("rapid.checks", "10"); err != nil {
			fmt.Fprintln(os.Stderr, "setting rapid.checks:", err)
			os.Exit(2)
		}
	}
	os.Exit(m.Run())
}

// URLEnv names the environment variable holding the test server's URL.
const URLEnv = "GONGZHI_POSTGRES_URL"

// serverURL returns the test server's URL. Without one the test is skipped,
// except under CI=true, where a missing server is a failure: CI must prove
// the adapter against a real PostgreSQL.
func serverURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(URLEnv)
	if u == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set, but CI=true: the adapter must be tested against a real PostgreSQL (see .ci/postgres.sh)", URLEnv)
		}
		t.Skipf("%s is not set: skipping PostgreSQL tests (run .ci/postgres.sh, or set it to a disposable database URL)", URLEnv)
	}
	return u
}

var schemaSeq atomic.Int64

// Durability of a test pool's commits.
const (
	fast    = false // synchronous_commit=off: for conformance suites, which create many stores
	durable = true  // the server default: for the proofs about crashes and restarts
)

// newSchema creates an empty, uniquely named schema and returns a pool
// whose connections use it (search_path), so each test has its own
// independent database objects. Cleanup drops the schema.
func newSchema(t testing.TB, maxConns int32, durability bool) (*pgxpool.Pool, string) {
	t.Helper()
	url := serverURL(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	schema := fmt.Sprintf("gz_test_%d_%d", os.Getpid(), schemaSeq.Add(1))
	admin, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatalf("connect %s: %v", URLEnv, err)
	}
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close(ctx)
		t.Fatalf("create schema: %v", err)
	}
	admin.Close(ctx)
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		t.Fatalf("parse %s: %v", URLEnv, err)
	}
	cfg.ConnConfig.RuntimeParams["search_path"] = schema
	if durability == fast {
		// A crash may lose the last commits: fine for tests that never
		// crash the server, and much faster for suites that create a
		// schema per store.
		cfg.ConnConfig.RuntimeParams["synchronous_commit"] = "off"
	}
	if maxConns > 0 {
		cfg.MaxConns = maxConns
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		t.Fatalf("pool: %v", err)
	}
	t.Cleanup(func() {
		pool.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Errorf("cleanup connect: %v", err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	return pool, schema
}

// migratedPool is newSchema followed by Migrate.
func migratedPool(t testing.TB, maxConns int32, durability bool) *pgxpool.Pool {
	t.Helper()
	pool, _ := newSchema(t, maxConns, durability)
	if err := postgres.Migrate(context.Background(), pool); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	return pool
}

// seedCited stores the records the conformance suites' samples cite
// (schematest.Seed).
func seedCited(t testing.TB, pool *pgxpool.Pool) {
	t.Helper()
	schematest.Seed(t, postgres.NewTicketStore(pool), postgres.NewVoteStore(pool))
}
