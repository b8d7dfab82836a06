package postgres

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Open connects a pool to the PostgreSQL server at url (a postgres:// URL
// or a key=value DSN, as pgxpool.ParseConfig accepts; pool settings such
// as pool_max_conns and runtime parameters such as search_path may be
// given in it), migrates the schema and returns the pool, ready for the
// New*Store functions. The caller closes the pool.
func Open(ctx context.Context, url string) (*pgxpool.Pool, error) {
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return nil, wrap("open", err)
	}
	if err := Migrate(ctx, pool); err != nil {
		pool.Close()
		return nil, err
	}
	return pool, nil
}
