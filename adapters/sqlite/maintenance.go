package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
)

// IntegrityCheck runs SQLite's PRAGMA integrity_check and the foreign key
// check on the whole file and returns the problems found, none for a
// sound file.
func (db *DB) IntegrityCheck(ctx context.Context) ([]string, error) {
	lines, err := readStrings(ctx, db.r, "PRAGMA integrity_check")
	if err != nil {
		return nil, wrap("integrity check", err)
	}
	var problems []string
	if len(lines) != 1 || lines[0] != "ok" {
		problems = append(problems, lines...)
	}
	rows, err := db.r.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return nil, wrap("foreign key check", err)
	}
	defer rows.Close()
	for rows.Next() {
		var table, parent string
		var rowid, fk any
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return nil, wrap("foreign key check", err)
		}
		problems = append(problems, fmt.Sprintf("a row of %s refers to a missing row of %s", table, parent))
	}
	if err := rows.Err(); err != nil {
		return nil, wrap("foreign key check", err)
	}
	return problems, nil
}

// Backup writes a consistent copy of the database to the new file dest
// while the database stays in use: VACUUM INTO reads one snapshot on a
// connection of its own, so writes go on meanwhile, and the copy is
// compacted, with no free pages, no deleted content and no write-ahead
// log. dest must not exist.
func (db *DB) Backup(ctx context.Context, dest string) error {
	if _, err := os.Stat(dest); err == nil {
		return fmt.Errorf("sqlite: backup: %s exists", dest)
	}
	// VACUUM INTO needs a connection that may write (to dest); the
	// readers are query-only and the writer must stay free for writes.
	c, err := sql.Open("sqlite", db.dsn)
	if err != nil {
		return wrap("backup", err)
	}
	defer c.Close()
	if _, err := c.ExecContext(ctx, "VACUUM INTO ?", dest); err != nil {
		return wrap("backup", err)
	}
	return nil
}

// Schema returns the SQL that created the file's tables and indexes, in
// the order SQLite stores it.
func (db *DB) Schema(ctx context.Context) (string, error) {
	stmts, err := readStrings(ctx, db.r, `SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY rowid`)
	if err != nil {
		return "", wrap("schema", err)
	}
	return strings.Join(stmts, ";\n\n") + ";\n", nil
}
