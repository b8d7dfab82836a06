package calendar

import (
	"time"
)

// Calendar says which days are working days and which hours of them are
// working hours, in one time zone. It is built from a Config (New, Load)
// or a preset (China, RoundTheClock), is immutable after construction and
// is safe for concurrent use. The zero Calendar is not usable: its methods
// return ErrInvalidConfig.
type Calendar struct {
	cfg Config
	loc *time.Location

	// Working hours as wall-clock nanoseconds of the day.
	spans       []span
	open, close int64 // start of the first span, end of the last
	daily       int64 // total wall-clock working nanoseconds of a working day

	// Days: the workweek, then the per-day table of the covered years.
	week       uint8 // bit i set: weekday i (Sunday = 0) is a working day
	perWeek    int64
	weekPrefix [8]int64 // weekPrefix[i]: working weekdays among Sunday..weekday i-1

	periodic            bool     // AnyYear: the workweek alone, years 1-9999
	firstYear, lastYear int      // covered years
	first, last         int64    // covered epoch days, inclusive
	bits                []uint64 // bit d-first set: working day (table mode)
	rank                []int64  // rank[w]: working days in bits[:w]
	total               int64    // working days in [first, last]
	special             map[int64]special
	prov                []bool // prov[y-firstYear]: year y has no notice and is derived (nil: none)
	anyWeek             bool   // validation only: see compileWith

	// Zone segments around the covered years, for the fast paths (zone.go).
	segs []zseg
}

type span struct{ from, to int64 }

// New validates cfg and builds a Calendar from it. Errors are
// *ConfigError values naming the field, wrapping ErrInvalidConfig.
func New(cfg Config) (*Calendar, error) { return compile(cfg) }

// Config returns a deep copy of the calendar's configuration in canonical
// form (zone and workweek filled in). New(c.Config()) rebuilds an equal
// calendar.
func (c *Calendar) Config() Config {
	if c == nil {
		return Config{}
	}
	return c.cfg.clone()
}

// Name returns Config.Name.
func (c *Calendar) Name() string {
	if c == nil {
		return ""
	}
	return c.cfg.Name
}

// Location returns the time zone in which the calendar counts days and
// hours. Every instant the calendar returns is in this location.
func (c *Calendar) Location() *time.Location {
	if c == nil || c.loc == nil {
		return time.UTC
	}
	return c.loc
}

// Years returns the first and last covered year. A calendar built with
// AnyYear covers 1 through 9999.
func (c *Calendar) Years() (first, last int) {
	if c == nil {
		return 0, 0
	}
	return c.firstYear, c.lastYear
}

// Covers reports whether the calendar can classify every day of year y,
// from a notice or provisionally (see IsProvisional).
func (c *Calendar) Covers(y int) bool {
	return c.ok() && y >= c.firstYear && y <= c.lastYear
}

// IsProvisional reports whether the calendar covers year y without a
// notice, deriving its days off from the law named by Config.Provisional.
// Every result that depends on a day of such a year is provisional: the
// year's notice, once loaded with Extend, may add days off and make-up
// working days (调休).
func (c *Calendar) IsProvisional(y int) bool {
	return c.Covers(y) && c.prov != nil && c.prov[y-c.firstYear]
}

// DailyHours returns the working time of one working day (the sum of the
// working-hour spans), as measured on a day without a clock change.
func (c *Calendar) DailyHours() time.Duration {
	if !c.ok() {
		return 0
	}
	return time.Duration(c.daily)
}

func (c *Calendar) ok() bool { return c != nil && c.loc != nil }

// errZero reports use of a zero or nil Calendar.
func errZero() error {
	return &ConfigError{Reason: "zero or nil Calendar: build one with New, Load or a preset"}
}

// dayOf returns the epoch day of t's wall-clock date in the calendar's zone.
func (c *Calendar) dayOf(t time.Time) int64 {
	u := t.Unix()
	if i := c.seg(u); i >= 0 {
		return floorDiv(u+c.segs[i].off, 86400)
	}
	return epochDay(DateOf(t, c.loc))
}

// at returns the instant at wall-clock nanosecond ns (0 <= ns <= 24h) of
// epoch day d. Wall times that a clock change skips or repeats resolve as
// in wallTime.
func (c *Calendar) at(d, ns int64) time.Time {
	w := d*86400 + ns/1e9
	if i := c.wallSeg(w); i >= 0 {
		return time.Unix(w-c.segs[i].off, ns%1e9).In(c.loc)
	}
	return wallTime(c.loc, d, ns)
}

// fast reports whether days d1..d2 lie in one zone segment, at least a day
// from its ends, so that every working day between has c.daily of
// working time and wall-clock differences are elapsed time.
func (c *Calendar) fast(d1, d2 int64) bool {
	i := c.wallSeg(d1 * 86400)
	if i < 0 {
		return false
	}
	return (d2+1)*86400-c.segs[i].off < c.segs[i].hi-margin
}

// check returns a *RangeError unless day d is covered.
func (c *Calendar) check(d int64) error {
	if d < c.first || d > c.last {
		return c.rangeErr(d)
	}
	return nil
}

// working reports whether covered day d is a working day.
func (c *Calendar) working(d int64) bool {
	if c.periodic {
		return c.week&(1<<weekdayOf(d)) != 0
	}
	i := d - c.first
	return c.bits[i/64]&(1<<(i%64)) != 0
}

// IsWorkingDay reports whether the day containing t (in the calendar's
// zone) is a working day: a workweek day that is not a holiday, or a
// make-up working day. It returns a *RangeError wrapping ErrOutOfRange if
// the year is not covered.
func (c *Calendar) IsWorkingDay(t time.Time) (bool, error) {
	if !c.ok() {
		return false, errZero()
	}
	d := c.dayOf(t)
	if err := c.check(d); err != nil {
		return false, err
	}
	return c.working(d), nil
}

// IsWorkingTime reports whether t falls inside the working hours of a
// working day.
func (c *Calendar) IsWorkingTime(t time.Time) (bool, error) {
	if !c.ok() {
		return false, errZero()
	}
	d := c.dayOf(t)
	if err := c.check(d); err != nil {
		return false, err
	}
	if !c.working(d) {
		return false, nil
	}
	for _, s := range c.spans {
		if !t.Before(c.at(d, s.from)) && t.Before(c.at(d, s.to)) {
			return true, nil
		}
	}
	return false, nil
}
