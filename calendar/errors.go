package calendar

import (
	"errors"
	"fmt"
)

// Sentinel errors of the calendar package. Every error returned by this
// package wraps exactly one of them, so callers can use errors.Is.
var (
	// ErrOutOfRange is returned when a computation needs a day in a year the
	// calendar does not cover. The calendar never guesses from weekdays
	// alone: a missing holiday notice is an error, not a silent default.
	ErrOutOfRange = errors.New("calendar: date out of range")

	// ErrInvalidConfig is wrapped by every error that rejects a Config,
	// a Schedule or a JSON document describing them.
	ErrInvalidConfig = errors.New("calendar: invalid config")

	// ErrInvalidPeriod is returned for a negative count, an unknown unit or
	// a missing calendar.
	ErrInvalidPeriod = errors.New("calendar: invalid period")

	// ErrInvalidDate is returned by ParseDate for text that is not a date
	// of the years 1 to 9999 written YYYY-MM-DD.
	ErrInvalidDate = errors.New("calendar: invalid date")
)

// RangeError reports the day that a calendar could not classify because
// its year is not covered.
type RangeError struct {
	Date  Date // the day that is not covered
	First int  // first covered year (0 if the calendar covers no year)
	Last  int  // last covered year
}

// Error names the uncovered day and the covered years.
func (e *RangeError) Error() string {
	if e.First == 0 {
		return fmt.Sprintf("calendar: date out of range: %s", e.Date)
	}
	if e.First == e.Last {
		return fmt.Sprintf("calendar: date out of range: %s (calendar covers %d)", e.Date, e.First)
	}
	return fmt.Sprintf("calendar: date out of range: %s (calendar covers %d-%d)", e.Date, e.First, e.Last)
}

// Unwrap returns ErrOutOfRange.
func (e *RangeError) Unwrap() error { return ErrOutOfRange }

// ConfigError names the field of a Config that is invalid and why.
type ConfigError struct {
	Field  string // JSON path of the offending field, e.g. "years[1].holidays[0].from"
	Reason string
}

// Error names the field and the reason.
func (e *ConfigError) Error() string {
	if e.Field == "" {
		return "calendar: invalid config: " + e.Reason
	}
	return "calendar: invalid config: " + e.Field + ": " + e.Reason
}

// Unwrap returns ErrInvalidConfig.
func (e *ConfigError) Unwrap() error { return ErrInvalidConfig }

// PeriodError reports why a period or a count argument was rejected.
type PeriodError struct {
	Period Period
	Reason string
}

// Error names the period and the reason.
func (e *PeriodError) Error() string {
	return fmt.Sprintf("calendar: invalid period %d %q: %s", e.Period.N, string(e.Period.Unit), e.Reason)
}

// Unwrap returns ErrInvalidPeriod.
func (e *PeriodError) Unwrap() error { return ErrInvalidPeriod }
