package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
)

// querier is what the stores' SQL needs: the writer's connection inside a
// write, or the reader pool.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// writeFunc is one write: it runs on the writer connection inside a
// transaction (a savepoint of the batch's transaction) and must only touch
// the database and its own results, because it runs at most once and its
// effects are kept only if it returns nil and the batch commits.
type writeFunc func(ctx context.Context, q querier) error

// Request states: a request is taken by the writer or abandoned by its
// caller, whichever happens first.
const (
	pending int32 = iota
	taken
	abandoned
)

type request struct {
	fn    writeFunc
	state atomic.Int32
	done  chan error // receives exactly one result once taken
}

// errClosed is returned by writes after DB.Close.
var errClosed = errors.New("sqlite: database is closed")

// committer serialises the writes of a DB on its single writer connection
// and commits the writes that queue up while a commit is in progress in
// one transaction (group commit): with many concurrent writers the cost of
// a durable commit (an fsync) is shared by the whole batch.
//
// Each write runs in a savepoint of the batch's transaction, so one write's
// error undoes only that write. A write is acknowledged (its caller gets
// nil) only after the transaction holding it has committed; if the commit
// fails, every write of the batch gets the error and none is stored.
//
// No goroutine runs while nobody writes: the first writer to find the
// writer idle becomes the leader and commits a batch (its own write, plus
// whatever queued meanwhile); writes that queue during that commit are
// committed by a goroutine it starts, until the queue is empty.
type committer struct {
	db  *sql.DB
	max int

	mu     sync.Mutex
	queue  []*request
	busy   bool // a batch is being committed
	closed bool
	idle   *sync.Cond // signalled when busy becomes false

	commits atomic.Int64 // transactions committed, for tests
}

func newCommitter(db *sql.DB, maxBatch int) *committer {
	c := &committer{db: db, max: maxBatch}
	c.idle = sync.NewCond(&c.mu)
	return c
}

// do runs fn as one write and returns its error, or the commit's. If ctx is
// done before the writer takes the write, do returns ctx.Err() and fn never
// runs; once taken, the write finishes (a few statements) and its real
// outcome is returned, so a nil error always means committed.
func (c *committer) do(ctx context.Context, fn writeFunc) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	r := &request{fn: fn, done: make(chan error, 1)}
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return errClosed
	}
	c.queue = append(c.queue, r)
	lead := !c.busy
	c.busy = true
	c.mu.Unlock()
	if lead {
		c.commitNext()
		c.continueOrIdle()
	}
	select {
	case err := <-r.done:
		return err
	case <-ctx.Done():
		if r.state.CompareAndSwap(pending, abandoned) {
			return ctx.Err()
		}
		return <-r.done
	}
}

// continueOrIdle hands the queue to a goroutine if writes are waiting, or
// marks the writer idle.
func (c *committer) continueOrIdle() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.queue) > 0 {
		go func() {
			c.commitNext()
			c.continueOrIdle()
		}()
		return
	}
	c.busy = false
	c.idle.Broadcast()
}

// commitNext commits the next batch from the queue.
func (c *committer) commitNext() {
	c.mu.Lock()
	n := min(len(c.queue), c.max)
	batch := make([]*request, 0, n)
	for _, r := range c.queue[:n] {
		if r.state.CompareAndSwap(pending, taken) {
			batch = append(batch, r)
		}
	}
	c.queue = append(c.queue[:0], c.queue[n:]...)
	c.mu.Unlock()
	if len(batch) > 0 {
		results := c.commit(batch)
		for i, r := range batch {
			r.done <- results[i]
		}
	}
}

// commit runs batch in one transaction and returns each write's result.
func (c *committer) commit(batch []*request) []error {
	// Statements run without the callers' contexts: an interrupted
	// statement could roll back the whole transaction, and with it other
	// callers' writes. Each write is a few short statements.
	ctx := context.Background()
	results := make([]error, len(batch))
	all := func(err error) []error {
		for i := range results {
			if results[i] == nil {
				results[i] = err
			}
		}
		return results
	}
	conn, err := c.db.Conn(ctx)
	if err != nil {
		return all(wrap("write", err))
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return all(wrap("begin", err))
	}
	rollback := func(cause error) []error {
		_, _ = conn.ExecContext(ctx, "ROLLBACK") // fails harmlessly if SQLite already rolled back
		return all(cause)
	}
	ok := 0
	for i, r := range batch {
		if len(batch) == 1 {
			if err := r.fn(ctx, conn); err != nil {
				results[i] = err
				return rollback(err)
			}
			ok++
			break
		}
		if _, err := conn.ExecContext(ctx, "SAVEPOINT w"); err != nil {
			return rollback(wrap("savepoint", err))
		}
		if err := r.fn(ctx, conn); err != nil {
			results[i] = err
			// Some errors (a full disk, an I/O error) make SQLite roll back
			// the whole transaction; then the savepoint is gone and so are
			// the batch's earlier writes.
			if _, rerr := conn.ExecContext(ctx, "ROLLBACK TO w"); rerr != nil {
				return rollback(fmt.Errorf("sqlite: write batch rolled back by an error of another write in it: %w", err))
			}
		} else {
			ok++
		}
		if _, err := conn.ExecContext(ctx, "RELEASE w"); err != nil {
			return rollback(wrap("release savepoint", err))
		}
	}
	if ok == 0 {
		_, _ = conn.ExecContext(ctx, "ROLLBACK")
		return results
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return rollback(wrap("commit", err))
	}
	c.commits.Add(1)
	return results
}

// close refuses new writes and waits for the writes in flight.
func (c *committer) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	for c.busy {
		c.idle.Wait()
	}
}
