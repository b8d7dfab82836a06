package postgres

import (
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
)

// PostgreSQL SQLSTATE codes the stores map to package errors.
const (
	codeUniqueViolation      = "23505"
	codeForeignKeyViolation  = "23503"
	codeSerializationFailure = "40001"
	codeDeadlockDetected     = "40P01"
	// codeFrozen is raised by the vote_poll_frozen trigger (migration 6):
	// an update of an open poll's definition, or a state moved back.
	codeFrozen = "GZ001"
)

// wrap adds the operation to err and keeps it unwrappable; nil stays nil.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("postgres: %s: %w", op, err)
}

// passThrough returns err as it is if it matches one of targets (domain
// errors that already carry their context), and wrap(op, err) otherwise.
func passThrough(op string, err error, targets ...error) error {
	for _, t := range targets {
		if errors.Is(err, t) {
			return err
		}
	}
	return wrap(op, err)
}

// pgCode returns the SQLSTATE of err, or "" if it is not a server error.
func pgCode(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// constraintOf returns the name of the constraint a server error names.
func constraintOf(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.ConstraintName
	}
	return ""
}
