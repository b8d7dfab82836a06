package ticket

import (
	"errors"
	"fmt"
)

// Sentinel errors. Every error returned by this package wraps one of them, so
// callers can test with errors.Is. Invalid input never changes anything.
var (
	// ErrNotFound is returned for an unknown ticket, category or unit.
	ErrNotFound = errors.New("ticket: not found")
	// ErrConflict is returned by a Store when a write carries a stale version.
	ErrConflict = errors.New("ticket: version conflict")
	// ErrDuplicateKey is returned when an intake key is reused with different
	// content. Retrying an intake with identical content is not an error.
	ErrDuplicateKey = errors.New("ticket: intake key reused with different content")
	// ErrIllegalTransition is wrapped by *TransitionError: the event is not
	// allowed in the ticket's current state.
	ErrIllegalTransition = errors.New("ticket: illegal transition")
	// ErrUnauthorized is wrapped by *AuthError: the actor may not perform
	// the event on this ticket (for example a unit that is not assigned).
	ErrUnauthorized = errors.New("ticket: unauthorized")
	// ErrInvalid is wrapped by *InputError: a ticket, event or intake is
	// malformed (missing field, unknown enum value, time running backwards).
	ErrInvalid = errors.New("ticket: invalid input")
	// ErrInvalidConfig is wrapped by *ConfigError: a policy, category tree or
	// routing table is malformed.
	ErrInvalidConfig = errors.New("ticket: invalid config")
	// ErrLimitExceeded is returned when an extension exceeds what the SLA
	// policy allows (too many or too long), or an objection comes after its
	// window closed.
	ErrLimitExceeded = errors.New("ticket: policy limit exceeded")
	// ErrNoRoute is returned by Router.Route when no rule matches.
	ErrNoRoute = errors.New("ticket: no routing rule matches")
)

// TransitionError reports an event that the state machine rejects.
type TransitionError struct {
	Ticket ID
	From   State
	Event  EventKind
	Reason string // optional detail
}

// Error implements the error interface.
func (e *TransitionError) Error() string {
	msg := fmt.Sprintf("ticket: %s: cannot %s in state %s", e.Ticket, e.Event, e.From)
	if e.Reason != "" {
		msg += ": " + e.Reason
	}
	return msg
}

// Unwrap returns ErrIllegalTransition.
func (e *TransitionError) Unwrap() error { return ErrIllegalTransition }

// AuthError reports an actor acting outside its authority.
type AuthError struct {
	Ticket ID
	Actor  Actor
	Event  EventKind
	Reason string // "not the assigned unit", "role hotline required", ...
}

// Error implements the error interface.
func (e *AuthError) Error() string {
	return fmt.Sprintf("ticket: %s: %s (%s/%s) may not %s: %s",
		e.Ticket, e.Actor.ID, e.Actor.Role, e.Actor.Unit, e.Event, e.Reason)
}

// Unwrap returns ErrUnauthorized.
func (e *AuthError) Unwrap() error { return ErrUnauthorized }

// InputError names the field of a ticket, intake or event that is invalid.
type InputError struct {
	Field  string // JSON name of the offending field, e.g. "contact.phone"
	Reason string
}

// Error implements the error interface.
func (e *InputError) Error() string {
	return "ticket: invalid " + e.Field + ": " + e.Reason
}

// Unwrap returns ErrInvalid.
func (e *InputError) Unwrap() error { return ErrInvalid }

// ConfigError names the field of a config (SLA policy, category tree,
// routing table, metric weights) that is invalid and why.
type ConfigError struct {
	Field  string // JSON path, e.g. "rules[2].resolution.amount"
	Reason string
}

// Error implements the error interface.
func (e *ConfigError) Error() string {
	return "ticket: invalid config: " + e.Field + ": " + e.Reason
}

// Unwrap returns ErrInvalidConfig.
func (e *ConfigError) Unwrap() error { return ErrInvalidConfig }

// LimitError reports a request beyond the SLA policy (extension count or
// length, late objection).
type LimitError struct {
	Ticket ID
	What   string // "extension count", "extension length", "objection window"
	Limit  string // the policy's limit, rendered
	Got    string // what was asked, rendered
}

// Error implements the error interface.
func (e *LimitError) Error() string {
	return fmt.Sprintf("ticket: %s: %s exceeds policy: limit %s, got %s", e.Ticket, e.What, e.Limit, e.Got)
}

// Unwrap returns ErrLimitExceeded.
func (e *LimitError) Unwrap() error { return ErrLimitExceeded }

func as(err error, target any) bool { return errors.As(err, target) }
