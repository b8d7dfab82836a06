// Command gongzhi-pg prints or applies the gongzhi PostgreSQL schema.
//
// Usage:
//
//	gongzhi-pg sql                 print the schema as one SQL script
//	gongzhi-pg migrate -url URL    apply missing migrations (URL defaults to $DATABASE_URL)
//	gongzhi-pg version -url URL    print the applied schema version
//
// The printed script records each migration in the version table, so a
// database set up with it is one that a later migrate sees as current.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/gongzhi/gongzhi/adapters/postgres"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: gongzhi-pg sql | migrate [-url URL] | version [-url URL]")
		return 2
	}
	cmd, rest := args[0], args[1:]
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	url := fs.String("url", os.Getenv("DATABASE_URL"), "PostgreSQL connection URL")
	if err := fs.Parse(rest); err != nil {
		return 2
	}
	switch cmd {
	case "sql":
		fmt.Fprint(stdout, postgres.MigrationSQL())
		return 0
	case "migrate", "version":
		if *url == "" {
			fmt.Fprintln(stderr, "gongzhi-pg: no -url and no DATABASE_URL")
			return 2
		}
		pool, err := pgxpool.New(ctx, *url)
		if err != nil {
			fmt.Fprintln(stderr, "gongzhi-pg:", err)
			return 1
		}
		defer pool.Close()
		if cmd == "migrate" {
			if err := postgres.Migrate(ctx, pool); err != nil {
				fmt.Fprintln(stderr, "gongzhi-pg:", err)
				return 1
			}
		}
		v, err := postgres.SchemaVersion(ctx, pool)
		if err != nil {
			fmt.Fprintln(stderr, "gongzhi-pg:", err)
			return 1
		}
		fmt.Fprintf(stdout, "schema version %d\n", v)
		return 0
	default:
		fmt.Fprintf(stderr, "gongzhi-pg: unknown command %q\n", cmd)
		return 2
	}
}
