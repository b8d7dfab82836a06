package calendar

import (
	"fmt"
	"time"
)

// Date is a civil date (a day on the wall calendar) without time or zone.
// Its text form is ISO 8601, "2026-10-01". The zero Date is invalid.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the civil date of t in loc (t's own location if loc is nil).
func DateOf(t time.Time, loc *time.Location) Date {
	if loc != nil {
		t = t.In(loc)
	}
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate parses an ISO 8601 date such as "2026-02-15", in the years
// 1 through 9999.
func ParseDate(s string) (Date, error) {
	if d, ok := parseDateFast(s); ok {
		return d, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("%w %q: want YYYY-MM-DD", ErrInvalidDate, s)
	}
	y, m, d := t.Date()
	if y < 1 {
		return Date{}, fmt.Errorf("%w %q: year 0 is outside 1-9999", ErrInvalidDate, s)
	}
	return Date{y, m, d}, nil
}

// parseDateFast parses the common case of ParseDate, a valid
// "YYYY-MM-DD" of the years 1 to 9999, without time.Parse; anything else
// (ok false) goes to time.Parse for its error.
func parseDateFast(s string) (Date, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, false
	}
	n := 0
	for i, r := range []byte(s) {
		if i == 4 || i == 7 {
			continue
		}
		if r < '0' || r > '9' {
			return Date{}, false
		}
		n = n*10 + int(r-'0')
	}
	d := Date{Year: n / 10000, Month: time.Month(n / 100 % 100), Day: n % 100}
	return d, d.Valid()
}

// String returns the date as "YYYY-MM-DD".
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Valid reports whether d names a real day of the Gregorian calendar in
// the years 1 through 9999.
func (d Date) Valid() bool {
	if d.Year < 1 || d.Year > 9999 || d.Month < 1 || d.Month > 12 || d.Day < 1 {
		return false
	}
	return d.Day <= daysIn(d.Year, d.Month)
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return weekdayOf(epochDay(d)) }

// AddDays returns the date n days after d (before d if n is negative).
func (d Date) AddDays(n int) Date { return civil(epochDay(d) + int64(n)) }

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool { return epochDay(d) < epochDay(e) }

// In returns the instant at which d begins in loc: 00:00, or the first
// instant of the day if a clock change skips midnight (then time.Date
// would return an instant of the previous day).
func (d Date) In(loc *time.Location) time.Time {
	return wallTime(loc, epochDay(d), 0)
}

// MarshalText implements encoding.TextMarshaler.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Date) UnmarshalText(b []byte) error {
	p, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = p
	return nil
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if isLeap(y) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// epochDay returns the number of days from 1970-01-01 to d
// (H. Hinnant's days_from_civil).
func epochDay(d Date) int64 {
	y := int64(d.Year)
	m := int64(d.Month)
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + int64(d.Day) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civil is the inverse of epochDay.
func civil(z int64) Date {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return Date{int(y), time.Month(m), int(d)}
}

// weekdayOf returns the weekday of an epoch day (1970-01-01 was a Thursday).
func weekdayOf(day int64) time.Weekday {
	return time.Weekday(floorMod(day+4, 7))
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }
