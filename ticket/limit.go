package ticket

import (
	"time"

	"github.com/gongzhi/gongzhi/calendar"
)

// Limits are calendar.Period values ({"n": 5, "unit": "working_days"}), the
// time-limit type shared with the calendar package. The zero Period means
// "no limit" wherever a limit is optional.

func noLimit(p calendar.Period) bool { return p == calendar.Period{} }

// workingUnit reports whether p is measured in working time.
func workingUnit(u calendar.Unit) bool {
	return u == calendar.WorkingDays || u == calendar.WorkingHours || u == calendar.WorkingMinutes
}

// Calendar is the working-time arithmetic the SLA clocks need.
// *calendar.Calendar satisfies it (calendar.China(), calendar.RoundTheClock());
// Continuous is a dependency-free round-the-clock implementation. Every
// method returns an error (for example calendar.ErrOutOfRange) for an
// instant the calendar does not cover.
type Calendar interface {
	// AddWorkingDays returns the deadline of n working days from t.
	AddWorkingDays(t time.Time, n int) (time.Time, error)
	// AddWorkingHours returns the earliest instant at which d of working
	// time has elapsed since t.
	AddWorkingHours(t time.Time, d time.Duration) (time.Time, error)
	// WorkingTimeBetween returns the working time in [a, b).
	WorkingTimeBetween(a, b time.Time) (time.Duration, error)
	// AddNaturalDays returns the end of a period of n natural days starting
	// at t, counted as the Civil Code says.
	AddNaturalDays(t time.Time, n int) (time.Time, error)
	// AddMonths returns the end of a period of n months starting at t.
	AddMonths(t time.Time, n int) (time.Time, error)
	// NextWorkingInstant returns t if t is working time, else the start of
	// the next working period.
	NextWorkingInstant(t time.Time) (time.Time, error)
}

var _ Calendar = (*calendar.Calendar)(nil)

// Continuous is a round-the-clock Calendar in which every instant is
// working time and a day is 24 hours. Unlike calendar.RoundTheClock it
// counts natural days as plain 24-hour steps (no Civil-Code rounding to
// midnight) and needs no construction; it is the default when no calendar
// is configured. Its methods never fail.
type Continuous struct{}

// AddWorkingDays returns t + n*24h.
func (Continuous) AddWorkingDays(t time.Time, n int) (time.Time, error) {
	return t.Add(time.Duration(n) * 24 * time.Hour), nil
}

// AddWorkingHours returns t + d.
func (Continuous) AddWorkingHours(t time.Time, d time.Duration) (time.Time, error) {
	return t.Add(d), nil
}

// WorkingTimeBetween returns b - a.
func (Continuous) WorkingTimeBetween(a, b time.Time) (time.Duration, error) { return b.Sub(a), nil }

// AddNaturalDays returns t + n*24h.
func (Continuous) AddNaturalDays(t time.Time, n int) (time.Time, error) {
	return t.Add(time.Duration(n) * 24 * time.Hour), nil
}

// AddMonths returns t.AddDate(0, n, 0).
func (Continuous) AddMonths(t time.Time, n int) (time.Time, error) { return t.AddDate(0, n, 0), nil }

// NextWorkingInstant returns t.
func (Continuous) NextWorkingInstant(t time.Time) (time.Time, error) { return t, nil }

var _ Calendar = Continuous{}
