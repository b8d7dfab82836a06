package agenda

import (
	"errors"
	"fmt"
	"github.com/gongzhi/gongzhi/calendar"
	"time"
)

// Sentinel errors. Every error the package returns wraps one of them, so
// callers can test with errors.Is.
var (
	// ErrNotFound is returned when a topic, meeting, motion, inquiry, task or
	// participant does not exist.
	ErrNotFound = errors.New("agenda: not found")
	// ErrConflict is returned by a Store when a write carries a stale version,
	// or creates a record that already exists.
	ErrConflict = errors.New("agenda: version conflict")
	// ErrIllegalTransition is returned when an action is not allowed in the
	// topic's current status. Nothing is changed.
	ErrIllegalTransition = errors.New("agenda: illegal transition")
	// ErrInvalid is returned for malformed input: a missing field, an unknown
	// category, a ballot from someone who may not vote.
	ErrInvalid = errors.New("agenda: invalid input")
	// ErrInvalidConfig is wrapped by every error that rejects a Policy or
	// Obligations config.
	ErrInvalidConfig = errors.New("agenda: invalid config")
	// ErrNoQuorum is returned when a meeting without quorum is asked to adopt a
	// resolution.
	ErrNoQuorum = errors.New("agenda: no quorum")
	// ErrNotPassed is returned when a resolution is requested from a motion
	// that did not pass.
	ErrNotPassed = errors.New("agenda: motion not passed")
	// ErrLateNotice is returned when a meeting notice is posted later than the
	// policy allows, or a meeting without a timely notice tries to decide.
	ErrLateNotice = errors.New("agenda: notice too late")
	// ErrAlreadyVoted is returned when a representative casts a second,
	// different ballot on the same motion.
	ErrAlreadyVoted = errors.New("agenda: already voted")
	// ErrPeriod is returned when an action falls outside the period that allows
	// it: an objection after the publicity period, ending a period early.
	ErrPeriod = errors.New("agenda: outside period")
	// ErrNoCalendar is returned when a working-day period must be computed but
	// the Service has no Calendar.
	ErrNoCalendar = errors.New("agenda: no calendar for working-day period")
)

// TransitionError reports an action that the topic's status does not allow.
type TransitionError struct {
	Topic  TopicID
	From   Status
	Action Action
}

// Error implements the error interface.
func (e *TransitionError) Error() string {
	return fmt.Sprintf("agenda: topic %s: cannot %s when %s", e.Topic, e.Action, e.From)
}

// Unwrap returns ErrIllegalTransition.
func (e *TransitionError) Unwrap() error { return ErrIllegalTransition }

// InputError names the field of an input that is invalid and why.
type InputError struct {
	Field  string
	Reason string
}

// Error implements the error interface.
func (e *InputError) Error() string { return "agenda: invalid " + e.Field + ": " + e.Reason }

// Unwrap returns ErrInvalid.
func (e *InputError) Unwrap() error { return ErrInvalid }

// ConfigError names the field of a config that is invalid and why.
type ConfigError struct {
	Field  string // JSON path, e.g. "kinds[2].quorum.den"
	Reason string
}

// Error implements the error interface.
func (e *ConfigError) Error() string {
	return "agenda: invalid config: " + e.Field + ": " + e.Reason
}

// Unwrap returns ErrInvalidConfig.
func (e *ConfigError) Unwrap() error { return ErrInvalidConfig }

// NotFoundError names the missing record.
type NotFoundError struct {
	Kind string // "topic", "meeting", "motion", ...
	ID   string
}

// Error implements the error interface.
func (e *NotFoundError) Error() string { return "agenda: " + e.Kind + " " + e.ID + " not found" }

// Unwrap returns ErrNotFound.
func (e *NotFoundError) Unwrap() error { return ErrNotFound }

func notFound(kind, id string) error { return &NotFoundError{Kind: kind, ID: id} }

func invalid(field, format string, args ...any) error {
	return &InputError{Field: field, Reason: fmt.Sprintf(format, args...)}
}

// NoticeError reports a meeting notice posted too late, or missing when the
// meeting tries to decide.
type NoticeError struct {
	Meeting  MeetingID
	Required calendar.Period
	Due      time.Time // latest day the notice could be posted
	Posted   time.Time // zero if never posted
}

// Error implements the error interface.
func (e *NoticeError) Error() string {
	if e.Posted.IsZero() {
		return fmt.Sprintf("agenda: meeting %s: no notice posted (due %s, %s before)", e.Meeting, e.Due.Format(time.DateOnly), e.Required)
	}
	return fmt.Sprintf("agenda: meeting %s: notice posted %s, must be by %s (%s before)", e.Meeting,
		e.Posted.Format(time.DateOnly), e.Due.Format(time.DateOnly), e.Required)
}

// Unwrap returns ErrLateNotice.
func (e *NoticeError) Unwrap() error { return ErrLateNotice }

// RefError reports a reference to a record that could not be found when it
// was written: a ticket a topic cites. It wraps ErrInvalid and the lookup's
// error (for example ticket.ErrNotFound).
type RefError struct {
	Field string // JSON path of the reference, e.g. "source.tickets[2]"
	Ref   string // the id referred to
	Err   error  // why the lookup failed
}

// Error implements the error interface.
func (e *RefError) Error() string {
	return fmt.Sprintf("agenda: invalid %s: %s: %v", e.Field, e.Ref, e.Err)
}

// Unwrap returns ErrInvalid and the lookup's error.
func (e *RefError) Unwrap() []error { return []error{ErrInvalid, e.Err} }
