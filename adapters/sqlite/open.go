package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"runtime"
	"strconv"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

// Options tunes Open. The zero value is the default for each field.
type Options struct {
	// BusyTimeout is how long a statement waits for a lock held by another
	// process (a backup, a second program on the same file) before failing
	// with ErrBusy. Default 5 seconds.
	BusyTimeout time.Duration
	// Readers is the size of the pool of read-only connections. Default
	// GOMAXPROCS, at least 2.
	Readers int
	// MaxSize caps the database file at about this many bytes (SQLite's
	// max_page_count); a write that would grow it further fails with
	// ErrFull and changes nothing. 0 means no cap beyond the disk's.
	MaxSize int64
	// MaxBatch is the most writes the writer commits in one transaction
	// (group commit). Default 256.
	MaxBatch int

	// synchronous overrides synchronous=full (tests that never crash use
	// "off" to create many stores quickly).
	synchronous string
	// noForeignKeys opens the connections with foreign keys off: the
	// broken database the tests of migration 7 are proved against.
	noForeignKeys bool
	// upTo, if not 0, is the last migration applied: the tests of a
	// migration start from the schema before it.
	upTo int
}

// DB is an open gongzhi database file: one writer connection, through
// which every write goes (several concurrent writes are committed together
// in one transaction, see the package documentation), and a pool of
// read-only connections. It is safe for concurrent use. Close it when done.
type DB struct {
	path    string
	w       *sql.DB // exactly one connection
	r       *sql.DB // read-only connections
	writer  *committer
	maxSize int64
	// dsn opens a plain read-write connection (for Backup).
	dsn string
	// upTo is Options.upTo.
	upTo int
}

// Open opens the SQLite database file at path, creating it if it does not
// exist, and migrates its schema (see Migrate). The file is put in WAL
// mode, with foreign keys enforced, full synchronous commits (a commit
// that returned survives a crash of the process or of the machine) and a
// busy timeout of five seconds.
func Open(ctx context.Context, path string) (*DB, error) {
	return OpenWith(ctx, path, Options{})
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, path string, o Options) (*DB, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if path == "" || path == ":memory:" {
		return nil, fmt.Errorf("sqlite: open: a file path is required, not %q", path)
	}
	if o.BusyTimeout <= 0 {
		o.BusyTimeout = 5 * time.Second
	}
	if o.Readers <= 0 {
		o.Readers = max(2, runtime.GOMAXPROCS(0))
	}
	if o.MaxBatch <= 0 {
		o.MaxBatch = 256
	}
	if o.MaxSize < 0 {
		return nil, fmt.Errorf("sqlite: open: negative MaxSize %d", o.MaxSize)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, wrap("open", err)
	}
	if o.synchronous == "" {
		o.synchronous = "full"
	}
	busy := strconv.FormatInt(o.BusyTimeout.Milliseconds(), 10)
	base := "file:" + (&url.URL{Path: abs}).EscapedPath()
	fk := "1"
	if o.noForeignKeys {
		fk = "0"
	}
	common := "_pragma=busy_timeout(" + busy + ")&_pragma=foreign_keys(" + fk + ")"
	w, err := sql.Open("sqlite", base+"?"+common+
		"&_pragma=journal_mode(wal)&_pragma=synchronous("+o.synchronous+")&_pragma=secure_delete(on)&_txlock=immediate")
	if err != nil {
		return nil, wrap("open", err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	db := &DB{path: abs, w: w, maxSize: o.MaxSize, dsn: base + "?" + common, upTo: o.upTo}
	fail := func(err error) (*DB, error) {
		w.Close()
		if db.r != nil {
			db.r.Close()
		}
		return nil, err
	}
	// The writer connects first: it sets WAL mode, which the readers need.
	if err := w.PingContext(ctx); err != nil {
		return fail(wrap("open "+path, err))
	}
	var mode string
	if err := w.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return fail(wrap("open", err))
	}
	if mode != "wal" {
		return fail(fmt.Errorf("sqlite: open %s: journal mode is %q, WAL is required", path, mode))
	}
	if err := db.applyMaxSize(ctx); err != nil {
		return fail(err)
	}
	r, err := sql.Open("sqlite", base+"?"+common+"&_pragma=query_only(1)")
	if err != nil {
		return fail(wrap("open", err))
	}
	r.SetMaxOpenConns(o.Readers)
	r.SetMaxIdleConns(o.Readers)
	db.r = r
	db.writer = newCommitter(w, o.MaxBatch)
	if err := db.migrate(ctx); err != nil {
		return fail(err)
	}
	return db, nil
}

// applyMaxSize sets max_page_count on the writer from MaxSize.
func (db *DB) applyMaxSize(ctx context.Context) error {
	if db.maxSize == 0 {
		return nil
	}
	var pageSize int64
	if err := db.w.QueryRowContext(ctx, "PRAGMA page_size").Scan(&pageSize); err != nil {
		return wrap("open", err)
	}
	pages := max(db.maxSize/pageSize, 1)
	var got int64
	if err := db.w.QueryRowContext(ctx, "PRAGMA max_page_count = "+strconv.FormatInt(pages, 10)).Scan(&got); err != nil {
		return wrap("open: max size", err)
	}
	if got != pages {
		// SQLite never sets the limit below the current size.
		return fmt.Errorf("sqlite: open: the file already holds %d pages of %d bytes, more than MaxSize %d: %w",
			got, pageSize, db.maxSize, ErrFull)
	}
	return nil
}

// Path returns the absolute path of the database file.
func (db *DB) Path() string { return db.path }

// Close waits for the writes in flight, checkpoints the write-ahead log
// into the database file and closes every connection. Stores made from db
// must not be used afterwards.
func (db *DB) Close() error {
	var errs []error
	if db.writer != nil {
		db.writer.close()
	}
	if _, err := db.w.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil && !errors.Is(err, sql.ErrConnDone) {
		errs = append(errs, wrap("close: checkpoint", err))
	}
	if db.r != nil {
		errs = append(errs, db.r.Close())
	}
	errs = append(errs, db.w.Close())
	return errors.Join(errs...)
}

// truncateLog checkpoints the write-ahead log into the database file and
// truncates it to zero bytes, so the log's frames (page images in commit
// order) are gone from the file system. It is best effort: a reader still
// using an old snapshot keeps the log until it finishes, and the next
// checkpoint (at the latest Close) resets it.
func (db *DB) truncateLog(ctx context.Context) {
	_, _ = db.w.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
}

// asDB implements the stores' As: it sets a **DB target.
func asDB(db *DB, target any) bool {
	if p, ok := target.(**DB); ok {
		*p = db
		return true
	}
	return false
}
