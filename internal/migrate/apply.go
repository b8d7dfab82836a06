package migrate

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// Schema is what Apply and Script need to know of one adapter's schema.
type Schema struct {
	Migrations []Migration // in version order, as Load returns them
	Table      string      // the version table: version, name, checksum
	// TableSQL creates Table if it does not exist (idempotent).
	TableSQL string
	// TooNew is wrapped when the database records a version that
	// Migrations lacks; Modified when an applied migration's recorded
	// checksum differs from its SQL here.
	TooNew, Modified error
}

// Tx is the one transaction Apply runs in, on the adapter's database.
type Tx interface {
	// Exec runs a script of statements that takes no arguments.
	Exec(ctx context.Context, script string) error
	// Query runs a query that takes no arguments; Apply reads its rows
	// and closes them.
	Query(ctx context.Context, query string) (Rows, error)
	// Record notes in the version table that m was applied.
	Record(ctx context.Context, m Migration) error
}

// Rows are the rows of a query, read in order, as pgx.Rows has them. An
// adapter on database/sql wraps *sql.Rows, whose Close also returns an
// error: one that Apply could not act on after Err reported none.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close()
}

// Apply brings the schema up to date in tx and returns the versions it
// applied, none for a schema that is current. It first checks what the
// database records against s.Migrations and returns s.TooNew or
// s.Modified (wrapped) before applying anything; the caller rolls tx back
// on any error. Serialising concurrent callers is the caller's: one
// write transaction (SQLite) or an advisory lock (PostgreSQL).
func Apply(ctx context.Context, tx Tx, s Schema) ([]int, error) {
	if err := tx.Exec(ctx, s.TableSQL); err != nil {
		return nil, err
	}
	done, err := recorded(ctx, tx, s.Table)
	if err != nil {
		return nil, err
	}
	known := make(map[int]bool, len(s.Migrations))
	for _, m := range s.Migrations {
		known[m.Version] = true
	}
	var unknown []int
	for v := range done {
		if !known[v] {
			unknown = append(unknown, v)
		}
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("%w: database has version %d", s.TooNew, slices.Max(unknown))
	}
	for _, m := range s.Migrations {
		if sum, ok := done[m.Version]; ok && sum != m.Checksum() {
			return nil, fmt.Errorf("%w: version %d (%s)", s.Modified, m.Version, m.Name)
		}
	}
	var applied []int
	for _, m := range s.Migrations {
		if _, ok := done[m.Version]; ok {
			continue
		}
		if err := tx.Exec(ctx, m.SQL); err != nil {
			return nil, fmt.Errorf("migration %04d_%s: %w", m.Version, m.Name, err)
		}
		if err := tx.Record(ctx, m); err != nil {
			return nil, err
		}
		applied = append(applied, m.Version)
	}
	return applied, nil
}

// recorded returns the checksum of every migration that table records, by
// version.
func recorded(ctx context.Context, tx Tx, table string) (map[int]string, error) {
	rows, err := tx.Query(ctx, "SELECT version, checksum FROM "+table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	done := map[int]string{}
	for rows.Next() {
		var v int
		var sum string
		if err := rows.Scan(&v, &sum); err != nil {
			return nil, err
		}
		done[v] = sum
	}
	return done, rows.Err()
}

// Script returns the whole schema as one SQL script that starts with
// header: it creates the version table and records each migration in it,
// so that Apply on a database made with it applies nothing.
func Script(s Schema, header string) string {
	var b strings.Builder
	b.WriteString(header)
	b.WriteString(s.TableSQL)
	for _, m := range s.Migrations {
		fmt.Fprintf(&b, "\n-- migration %04d_%s\n", m.Version, m.Name)
		b.WriteString(strings.TrimRight(m.SQL, "\n"))
		fmt.Fprintf(&b, "\nINSERT INTO %s (version, name, checksum) VALUES (%d, '%s', '%s');\n",
			s.Table, m.Version, m.Name, m.Checksum())
	}
	return b.String()
}
