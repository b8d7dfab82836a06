package sqlite

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
)

// Concurrent writes committed in shared transactions: each failing write
// undoes only its own changes, every successful one is stored, and several
// writes really did share a transaction (the point of group commit).
func TestCommitterIsolatesWritesInABatch(t *testing.T) {
	ctx := context.Background()
	db, err := OpenWith(ctx, filepath.Join(t.TempDir(), "w.sqlite"), Options{synchronous: "full"})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.w.ExecContext(ctx, `CREATE TABLE w (k integer PRIMARY KEY)`); err != nil {
		t.Fatal(err)
	}
	before := db.writer.commits.Load()
	errOdd := errors.New("refused")
	const n = 200
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := db.writer.do(ctx, func(ctx context.Context, q querier) error {
				if _, err := q.ExecContext(ctx, `INSERT INTO w (k) VALUES (?)`, i); err != nil {
					return err
				}
				if i%5 == 0 {
					return fmt.Errorf("write %d: %w", i, errOdd)
				}
				return nil
			})
			if (i%5 == 0) != errors.Is(err, errOdd) || (i%5 != 0 && err != nil) {
				t.Errorf("write %d = %v", i, err)
			}
		}()
	}
	wg.Wait()
	var rows, refused int64
	if err := db.r.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE k % 5 = 0) FROM w`).Scan(&rows, &refused); err != nil {
		t.Fatal(err)
	}
	if rows != n-n/5 || refused != 0 {
		t.Fatalf("%d rows stored (%d of refused writes), want %d and none", rows, refused, n-n/5)
	}
	if commits := db.writer.commits.Load() - before; commits >= n-n/5 {
		t.Fatalf("%d commits for %d stored writes: concurrent writes were not committed together", commits, rows)
	} else {
		t.Logf("%d writes stored in %d transactions", rows, commits)
	}
}

// A write whose context ends before the writer takes it never runs.
func TestCommitterAbandonedWriteNeverRuns(t *testing.T) {
	ctx := context.Background()
	db, err := OpenWith(ctx, filepath.Join(t.TempDir(), "w.sqlite"), Options{synchronous: "off"})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Hold the writer with a slow write so the next one queues.
	release := make(chan struct{})
	started := make(chan struct{})
	go db.writer.do(ctx, func(context.Context, querier) error {
		close(started)
		<-release
		return nil
	})
	<-started
	cctx, cancel := context.WithCancel(ctx)
	ran := atomic.Bool{}
	done := make(chan error)
	go func() {
		done <- db.writer.do(cctx, func(context.Context, querier) error { ran.Store(true); return nil })
	}()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("abandoned write = %v, want context.Canceled", err)
	}
	close(release)
	// A later write still works, and the abandoned one never ran.
	if err := db.writer.do(ctx, func(context.Context, querier) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if ran.Load() {
		t.Fatal("a write abandoned before it was taken ran anyway")
	}
}
