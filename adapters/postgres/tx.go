package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// maxTxAttempts bounds how often a transaction that failed on a
// serialization failure or a deadlock is run again.
const maxTxAttempts = 8

// retryable reports whether err is a transient conflict the server asks the
// client to retry: a serialization failure or a detected deadlock.
func retryable(err error) bool {
	switch pgCode(err) {
	case codeSerializationFailure, codeDeadlockDetected:
		return true
	}
	return false
}

// inTx runs fn in a read-committed transaction and commits it, running it
// again (from the start, so fn must only touch the database and its own
// results) when the server reports a transient conflict.
func inTx(ctx context.Context, pool *pgxpool.Pool, fn func(pgx.Tx) error) error {
	var err error
	for range maxTxAttempts {
		err = pgx.BeginFunc(ctx, pool, fn)
		if err == nil || !retryable(err) || ctx.Err() != nil {
			return err
		}
	}
	return err
}

// asPool implements the stores' As: it sets a **pgxpool.Pool target, the
// gocloud-style escape hatch to the native driver handle.
func asPool(pool *pgxpool.Pool, target any) bool {
	if p, ok := target.(**pgxpool.Pool); ok {
		*p = pool
		return true
	}
	return false
}
