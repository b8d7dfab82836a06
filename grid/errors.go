package grid

import (
	"errors"
	"fmt"
)

// Sentinel errors. Every error returned by this package wraps exactly one of
// them, so callers can branch with errors.Is.
var (
	// ErrNotFound is returned when a node, code, person or assignment is
	// unknown, or not in effect at the instant asked about.
	ErrNotFound = errors.New("grid: not found")
	// ErrInvalidCode is wrapped by *CodeError.
	ErrInvalidCode = errors.New("grid: invalid code")
	// ErrInvalidChange is wrapped by *ChangeError: a batch that would break
	// the tree (cycle, orphan, wrong level, duplicate id or code...) and was
	// therefore not applied.
	ErrInvalidChange = errors.New("grid: invalid change")
	// ErrOutOfOrder is returned when a batch takes effect before the latest
	// batch already applied: history is recorded in effective-time order.
	ErrOutOfOrder = errors.New("grid: change out of order")
	// ErrInvalidConfig is wrapped by *ConfigError (bad Hierarchy or Keyring).
	ErrInvalidConfig = errors.New("grid: invalid config")
	// ErrConflict is returned by Store.AppendBatch when the expected version is
	// not the store's current version (optimistic concurrency), and when a
	// batch ID is reused with different content.
	ErrConflict = errors.New("grid: version conflict")
	// ErrInvalidPayload is wrapped by *PayloadError: a scan-to-report
	// payload that is malformed, forged, altered, signed with an unknown or
	// retired key, or that names a place outside the key's district.
	ErrInvalidPayload = errors.New("grid: invalid payload")
	// ErrNoResponsible is wrapped by *UnassignedError: nobody is assigned
	// to the place or any of its ancestors for the matter asked about.
	ErrNoResponsible = errors.New("grid: no responsible person")
	// ErrInvalidRecord is wrapped by *RecordError (CSV/JSON import).
	ErrInvalidRecord = errors.New("grid: invalid record")
)

// CodeError reports why a code failed to parse or validate.
type CodeError struct {
	Code   string // the input, as given
	Reason string // "length 7 is not a known code length", ...
}

// Error implements the error interface.
func (e *CodeError) Error() string {
	return fmt.Sprintf("grid: invalid code %q: %s", e.Code, e.Reason)
}

// Unwrap returns ErrInvalidCode.
func (e *CodeError) Unwrap() error { return ErrInvalidCode }

// ChangeError reports why a batch was rejected. Index is the position of
// the offending change in the batch (-1 when the batch as a whole is at
// fault); Node names the node concerned, when there is one.
type ChangeError struct {
	Batch  string
	Index  int
	Op     Op
	Node   ID
	Reason string // "would create a cycle", "parent not in effect", ...
}

// Error implements the error interface.
func (e *ChangeError) Error() string {
	if e.Index < 0 {
		return fmt.Sprintf("grid: batch %q rejected: %s", e.Batch, e.Reason)
	}
	return fmt.Sprintf("grid: batch %q change %d (%s %s) rejected: %s", e.Batch, e.Index, e.Op, e.Node, e.Reason)
}

// Unwrap returns ErrInvalidChange.
func (e *ChangeError) Unwrap() error { return ErrInvalidChange }

// ConfigError names the field of a Hierarchy or Keyring that is invalid.
type ConfigError struct {
	Field  string // e.g. "levels[2].name"
	Reason string
}

// Error implements the error interface.
func (e *ConfigError) Error() string {
	return "grid: invalid config: " + e.Field + ": " + e.Reason
}

// Unwrap returns ErrInvalidConfig.
func (e *ConfigError) Unwrap() error { return ErrInvalidConfig }

// PayloadError reports why a scan-to-report payload was rejected. A forged or
// altered payload is never resolved to any node.
type PayloadError struct {
	KeyID  string // key id named by the payload, when it could be read
	Fault  PayloadFault
	Reason string // Fault's description, or more detail
}

// Error implements the error interface.
func (e *PayloadError) Error() string {
	if e.KeyID == "" {
		return "grid: invalid payload: " + e.Reason
	}
	return fmt.Sprintf("grid: invalid payload (key %q): %s", e.KeyID, e.Reason)
}

// Unwrap returns ErrInvalidPayload.
func (e *PayloadError) Unwrap() error { return ErrInvalidPayload }

// UnassignedError reports that the responsibility walk reached the root
// without finding an assignment. Path lists the nodes visited, from the
// place asked about up to the root.
type UnassignedError struct {
	Node   ID
	Matter Matter
	Path   []ID
}

// Error implements the error interface.
func (e *UnassignedError) Error() string {
	return fmt.Sprintf("grid: nobody responsible for %q (matter %q) or its %d ancestors", e.Node, e.Matter, max(len(e.Path)-1, 0))
}

// Unwrap returns ErrNoResponsible.
func (e *UnassignedError) Unwrap() error { return ErrNoResponsible }

// RecordError reports a bad row of a CSV or JSON import. Line is 1-based
// (CSV: the header is line 1); Field names the column.
type RecordError struct {
	Line   int
	Field  string
	Reason string
}

// Error implements the error interface.
func (e *RecordError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("grid: record %d: %s", e.Line, e.Reason)
	}
	return fmt.Sprintf("grid: record %d: %s: %s", e.Line, e.Field, e.Reason)
}

// Unwrap returns ErrInvalidRecord.
func (e *RecordError) Unwrap() error { return ErrInvalidRecord }

func notFound(what string, v any) error {
	return fmt.Errorf("%w: %s %q", ErrNotFound, what, v)
}
