package grid

import (
	"math"
	"time"
)

// Interval is a half-open interval of effective time [From, To): when a
// place, a name or an assignment is in effect. (A time limit such as
// "5 working days" is a calendar.Period.) The zero From means "since
// always" and the zero To means "until further notice". Instants are compared as instants (time zones do not matter) with
// nanosecond precision; instants must lie between the years 1678 and 2261.
type Interval struct {
	From time.Time `json:"from,omitzero"`
	To   time.Time `json:"to,omitzero"`
}

// Contains reports whether t lies in the interval.
func (p Interval) Contains(t time.Time) bool {
	return (p.From.IsZero() || !t.Before(p.From)) && (p.To.IsZero() || t.Before(p.To))
}

// Open reports whether the interval has no end.
func (p Interval) Open() bool { return p.To.IsZero() }

// instants are int64 Unix nanoseconds internally; math.MaxInt64 is "open".
const (
	forever   = int64(math.MaxInt64)
	sinceEver = int64(math.MinInt64)
)

var (
	minInstant = time.Unix(0, math.MinInt64+1).UTC()
	maxInstant = time.Unix(0, math.MaxInt64-1).UTC()
)

// validInstant reports whether t can be stored without loss.
func validInstant(t time.Time) bool {
	return !t.Before(minInstant) && !t.After(maxInstant)
}

// instant converts a query time; times outside the representable range are
// clamped (they are before or after every change anyway).
func instant(t time.Time) int64 {
	if t.Before(minInstant) {
		return math.MinInt64 + 1
	}
	if t.After(maxInstant) {
		return math.MaxInt64 - 1
	}
	return t.UnixNano()
}

func fromInstant(v int64) time.Time {
	if v == forever || v == sinceEver {
		return time.Time{}
	}
	return time.Unix(0, v).UTC()
}
