package calendar

import (
	"fmt"
	"time"
)

// DayKind classifies a day of a calendar.
type DayKind int

const (
	// Workday is a regular working day of the workweek.
	Workday DayKind = iota + 1
	// RestDay is a regular day off of the workweek (a weekend day).
	RestDay
	// DayOff is a day off under a holiday notice: a statutory holiday or a
	// day off combined with one (放假).
	DayOff
	// MakeUp is a weekend day worked under a holiday notice (调休上班).
	MakeUp
)

// String returns "workday", "rest day", "day off" or "make-up working day".
func (k DayKind) String() string {
	switch k {
	case Workday:
		return "workday"
	case RestDay:
		return "rest day"
	case DayOff:
		return "day off"
	case MakeUp:
		return "make-up working day"
	}
	return "unknown"
}

// MarshalText writes the kind as "workday", "rest_day", "day_off" or
// "make_up" (the zero kind as ""), for JSON.
func (k DayKind) MarshalText() ([]byte, error) {
	switch k {
	case 0:
		return []byte{}, nil
	case Workday:
		return []byte("workday"), nil
	case RestDay:
		return []byte("rest_day"), nil
	case DayOff:
		return []byte("day_off"), nil
	case MakeUp:
		return []byte("make_up"), nil
	}
	return nil, fmt.Errorf("calendar: unknown day kind %d", int(k))
}

// UnmarshalText reads what MarshalText writes.
func (k *DayKind) UnmarshalText(b []byte) error {
	for _, c := range []DayKind{0, Workday, RestDay, DayOff, MakeUp} {
		if t, _ := c.MarshalText(); string(t) == string(b) {
			*k = c
			return nil
		}
	}
	return fmt.Errorf("calendar: unknown day kind %q", b)
}

// Day explains how a calendar classifies one day.
type Day struct {
	Date    Date    `json:"date"`
	Kind    DayKind `json:"kind"`
	Working bool    `json:"working"`
	Holiday string  `json:"holiday,omitempty"` // the notice's holiday name for DayOff and MakeUp days
	// Provisional is set for a day of a year without a loaded notice,
	// classified from the statutory rules alone (Config.Provisional): the
	// notice may still change it.
	Provisional bool `json:"provisional,omitempty"`
}

// String renders d for people, e.g. "2026-02-14 Sat make-up working day (春节)"
// or "2028-01-03 Mon day off (元旦, provisional)".
func (d Day) String() string {
	s := d.Date.String() + " " + abbr(d.Date.Weekday()) + " " + d.Kind.String()
	switch {
	case d.Holiday != "" && d.Provisional:
		s += " (" + d.Holiday + ", provisional)"
	case d.Holiday != "":
		s += " (" + d.Holiday + ")"
	case d.Provisional:
		s += " (provisional)"
	}
	return s
}

// Day returns the classification of the day containing t, with the name
// of the holiday that made it a day off or a make-up working day.
func (c *Calendar) Day(t time.Time) (Day, error) {
	if !c.ok() {
		return Day{}, errZero()
	}
	return c.dayInfo(c.dayOf(t))
}

// Date returns the classification of civil date d.
func (c *Calendar) Date(d Date) (Day, error) {
	if !c.ok() {
		return Day{}, errZero()
	}
	if !d.Valid() {
		return Day{}, &RangeError{Date: d, First: c.firstYear, Last: c.lastYear}
	}
	return c.dayInfo(epochDay(d))
}

func (c *Calendar) dayInfo(d int64) (Day, error) {
	if err := c.check(d); err != nil {
		return Day{}, err
	}
	out := Day{Date: civil(d), Working: c.working(d)}
	out.Provisional = c.prov != nil && c.prov[out.Date.Year-c.firstYear]
	if sp, ok := c.special[d]; ok {
		out.Kind, out.Holiday = sp.kind, sp.name
	} else if name := c.statutoryName(d, out.Date.Year); name != "" {
		out.Kind, out.Holiday = DayOff, name
	} else if out.Working {
		out.Kind = Workday
	} else {
		out.Kind = RestDay
	}
	return out, nil
}

// statutoryName returns the holiday of day d of year y if y is
// provisional and d one of its derived days off, else "".
func (c *Calendar) statutoryName(d int64, y int) string {
	if c.prov == nil || !c.prov[y-c.firstYear] {
		return ""
	}
	runs, n := statutoryRuns(y)
	for _, r := range runs[:n] {
		if d >= r.from && d <= r.to {
			return r.name
		}
	}
	return ""
}
