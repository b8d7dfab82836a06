package sqlite

import (
	"errors"
	"fmt"

	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ErrFull is returned (wrapped, with the driver's error) when a write fails
// because the disk or the file system is full, or the database reached its
// page limit (PRAGMA max_page_count). The write changed nothing: every
// write is one transaction, and SQLite rolls it back. Free space and retry.
var ErrFull = errors.New("sqlite: database or disk is full")

// ErrBusy is returned (wrapped) when another process held the database
// locked for longer than the busy timeout (Options.BusyTimeout). Nothing
// was written; the caller may retry.
var ErrBusy = errors.New("sqlite: database is locked by another connection")

// ErrCorrupt is returned (wrapped) when SQLite finds the file damaged or
// not a database. IntegrityCheck reports what is wrong; restore a backup.
var ErrCorrupt = errors.New("sqlite: database file is damaged or not a database")

// code returns the primary SQLite result code of err, or 0 if err is not
// a driver error.
func code(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

// extendedCode returns the extended SQLite result code of err, or 0.
func extendedCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()
	}
	return 0
}

// isUnique reports whether err is a UNIQUE or PRIMARY KEY violation.
func isUnique(err error) bool {
	c := extendedCode(err)
	return c == sqlite3.SQLITE_CONSTRAINT_UNIQUE || c == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
}

// wrap adds the operation to err and classifies driver errors with ErrFull,
// ErrBusy or ErrCorrupt, keeping the driver error unwrappable; nil stays nil.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, ErrFull) || errors.Is(err, ErrBusy) || errors.Is(err, ErrCorrupt) {
		return fmt.Errorf("%s: %w", op, err) // classified already
	}
	switch code(err) {
	case sqlite3.SQLITE_FULL:
		return fmt.Errorf("sqlite: %s: %w: %w", op, ErrFull, err)
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return fmt.Errorf("sqlite: %s: %w: %w", op, ErrBusy, err)
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return fmt.Errorf("sqlite: %s: %w: %w", op, ErrCorrupt, err)
	}
	return fmt.Errorf("sqlite: %s: %w", op, err)
}

// passThrough returns err as it is if it matches one of targets (domain
// errors that already carry their context), and wrap(op, err) otherwise.
func passThrough(op string, err error, targets ...error) error {
	if err == nil {
		return nil
	}
	for _, t := range targets {
		if errors.Is(err, t) {
			return err
		}
	}
	return wrap(op, err)
}
