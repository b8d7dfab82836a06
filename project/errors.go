package project

import (
	"errors"
	"fmt"
	"strconv"
)

func itoa(n int) string { return strconv.Itoa(n) }

// Sentinel errors. Every error returned by this package wraps one of them,
// so callers can test with errors.Is.
var (
	// ErrNotFound is returned when a project, source or entry id is unknown.
	ErrNotFound = errors.New("project: not found")
	// ErrConflict is returned by a Store when a write carries a stale
	// version or ledger sequence.
	ErrConflict = errors.New("project: version conflict")
	// ErrInvalidConfig is wrapped by every error that rejects a rule config
	// (a SharingRule or a PlanRule).
	ErrInvalidConfig = errors.New("project: invalid config")
	// ErrInvalid is wrapped by every error that rejects a value passed
	// to the package: a household, a project, a ledger entry, a step.
	ErrInvalid = errors.New("project: invalid input")
	// ErrIllegalTransition is wrapped by TransitionError when a lifecycle
	// step is not allowed from the project's current status.
	ErrIllegalTransition = errors.New("project: illegal transition")
	// ErrOverBudget is wrapped by BudgetError when an allocation or a
	// spending record would exceed a cap.
	ErrOverBudget = errors.New("project: over budget")
	// ErrUncoverable is returned by Split when exemptions and caps leave
	// nobody able to pay the cost.
	ErrUncoverable = errors.New("project: cost cannot be covered")
)

// ConfigError names the field of a rule config that is invalid and why.
type ConfigError struct {
	Field  string // JSON path of the offending field, e.g. "floors[2].coefficient"
	Reason string
}

// Error implements the error interface.
func (e *ConfigError) Error() string {
	return "project: invalid config: " + e.Field + ": " + e.Reason
}

// Unwrap returns ErrInvalidConfig.
func (e *ConfigError) Unwrap() error { return ErrInvalidConfig }

// InputError names the value and field that were rejected and why.
type InputError struct {
	ID     string // id of the rejected value (household, project, entry), if any
	Field  string // offending field, e.g. "area"
	Reason string
}

// Error implements the error interface.
func (e *InputError) Error() string {
	if e.ID == "" {
		return fmt.Sprintf("project: invalid %s: %s", e.Field, e.Reason)
	}
	return fmt.Sprintf("project: %s: invalid %s: %s", e.ID, e.Field, e.Reason)
}

// Unwrap returns ErrInvalid.
func (e *InputError) Unwrap() error { return ErrInvalid }

// TransitionError reports a lifecycle step that the state machine refuses.
type TransitionError struct {
	Project ID
	From    Status
	To      Status
	Reason  string
}

// Error implements the error interface.
func (e *TransitionError) Error() string {
	return fmt.Sprintf("project: %s: cannot go from %s to %s: %s", e.Project, e.From, e.To, e.Reason)
}

// Unwrap returns ErrIllegalTransition.
func (e *TransitionError) Unwrap() error { return ErrIllegalTransition }

// BudgetError reports an allocation or spending that would exceed a cap.
type BudgetError struct {
	Entry     string // id of the rejected ledger entry
	Limit     string // what is exceeded: "source cap", "allocation"
	Available string // amount still available, in yuan with 2 decimals
	Requested string // amount requested, in yuan with 2 decimals
}

// Error implements the error interface.
func (e *BudgetError) Error() string {
	return fmt.Sprintf("project: entry %s: %s exceeded: requested %s, available %s", e.Entry, e.Limit, e.Requested, e.Available)
}

// Unwrap returns ErrOverBudget.
func (e *BudgetError) Unwrap() error { return ErrOverBudget }

// NotFoundError names the kind and id of a missing record.
type NotFoundError struct {
	Kind string // "project", "source", "allocation"
	ID   string
}

// Error implements the error interface.
func (e *NotFoundError) Error() string { return "project: " + e.Kind + " " + e.ID + " not found" }

// Unwrap returns ErrNotFound.
func (e *NotFoundError) Unwrap() error { return ErrNotFound }
