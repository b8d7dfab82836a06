// Command gongzhi-sqlite looks after a gongzhi SQLite database file.
//
// Usage:
//
//	gongzhi-sqlite sql                 print the schema this build creates, as one SQL script
//	gongzhi-sqlite schema FILE         print the schema stored in FILE
//	gongzhi-sqlite version FILE        print FILE's applied schema version
//	gongzhi-sqlite migrate FILE        create FILE or bring its schema up to date
//	gongzhi-sqlite check FILE          run SQLite's integrity and foreign key checks
//	gongzhi-sqlite backup FILE DEST    copy FILE to the new file DEST while it is in use
//
// Every command but sql and migrate refuses a FILE that does not exist.
// check exits with status 1 if it finds a problem. backup uses VACUUM
// INTO, so the copy is consistent even while programs write to FILE.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/gongzhi/gongzhi/adapters/sqlite"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

const usage = "usage: gongzhi-sqlite sql | schema FILE | version FILE | migrate FILE | check FILE | backup FILE DEST"

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	cmd, rest := args[0], args[1:]
	want := map[string]int{"sql": 0, "schema": 1, "version": 1, "migrate": 1, "check": 1, "backup": 2}
	n, ok := want[cmd]
	if !ok {
		fmt.Fprintf(stderr, "gongzhi-sqlite: unknown command %q\n%s\n", cmd, usage)
		return 2
	}
	if len(rest) != n {
		fmt.Fprintf(stderr, "gongzhi-sqlite %s: want %d argument(s), got %d\n%s\n", cmd, n, len(rest), usage)
		return 2
	}
	if cmd == "sql" {
		fmt.Fprint(stdout, sqlite.MigrationSQL())
		return 0
	}
	path := rest[0]
	if cmd != "migrate" {
		if _, err := os.Stat(path); err != nil {
			fmt.Fprintln(stderr, "gongzhi-sqlite:", err)
			return 1
		}
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		fmt.Fprintln(stderr, "gongzhi-sqlite:", err)
		return 1
	}
	err = command(ctx, db, cmd, rest, stdout)
	err = errors.Join(err, db.Close())
	if err != nil {
		fmt.Fprintln(stderr, "gongzhi-sqlite:", err)
		return 1
	}
	return 0
}

// errProblems reports that check found problems (already printed).
var errProblems = errors.New("the integrity check found problems")

func command(ctx context.Context, db *sqlite.DB, cmd string, args []string, stdout io.Writer) error {
	switch cmd {
	case "schema":
		s, err := db.Schema(ctx)
		if err != nil {
			return err
		}
		fmt.Fprint(stdout, s)
	case "version", "migrate":
		v, err := db.SchemaVersion(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "schema version %d\n", v)
	case "check":
		problems, err := db.IntegrityCheck(ctx)
		if err != nil {
			return err
		}
		for _, p := range problems {
			fmt.Fprintln(stdout, p)
		}
		if len(problems) > 0 {
			return errProblems
		}
		fmt.Fprintln(stdout, "ok")
	case "backup":
		if err := db.Backup(ctx, args[1]); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "backed up %s to %s\n", db.Path(), args[1])
	}
	return nil
}
