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
	// Applied returns the checksum of every recorded migration by version.
	Applied(ctx context.Context) (map[int]string, error)
	// Record notes in the version table that m was applied.
	Record(ctx context.Context, m Migration) error
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
	done, err := tx.Applied(ctx)
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
