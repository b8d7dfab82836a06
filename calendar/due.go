package calendar

import (
	"slices"
	"time"
)

// Due is a deadline with its standing: whether it was computed from a
// year without a loaded notice, and so may move when that notice is
// loaded (see Config.Provisional).
type Due struct {
	// At is the instant the period runs out, in the calendar's zone.
	At time.Time `json:"deadline"`
	// Provisional is set when At depends on a day of a year without a
	// loaded notice.
	Provisional bool `json:"provisional"`
	// Reason says why, e.g. "2028 notice not loaded; statutory days only,
	// no 调休"; empty when not provisional.
	Reason string `json:"reason,omitempty"`
}

// Due returns the deadline of p started at from, like Deadline, and
// whether it is provisional. A deadline is provisional when a day that
// decides it lies in a year the calendar covers without a notice: for
// working units every day from the day of from to the deadline (a make-up
// day or day off among them would move it); for natural days and months
// the days from the nominal last day to the actual one (only they decide
// whether the last day moves). Hours and Minutes are never provisional.
func (p Period) Due(cal *Calendar, from time.Time) (Due, error) {
	at, err := p.Deadline(cal, from)
	if err != nil {
		return Due{}, err
	}
	out := Due{At: at}
	if ys := cal.dependsOn(p, from, at); len(ys) > 0 {
		out.Provisional, out.Reason = true, ProvisionalReason(ys)
	}
	return out, nil
}

// dependsOn returns the provisional years of the days that decide the
// deadline due of p started at from.
func (c *Calendar) dependsOn(p Period, from, due time.Time) []int {
	if !c.ok() || c.prov == nil {
		return nil
	}
	switch p.Unit {
	case Hours, Minutes:
		return nil
	case NaturalDays, Months:
		// A natural period ends at 24:00, which belongs to the day it closes.
		return c.provisionalDays(c.nominalLast(p, c.dayOf(from)), c.dayOf(due.Add(-1)))
	case NaturalDaysToClose:
		return c.provisionalDays(c.nominalLast(p, c.dayOf(from)), c.closingDay(due))
	}
	return c.provisionalDays(c.dayOf(from), c.closingDay(due))
}

// closingDay returns the working day whose working time ends at due, a
// deadline of a working unit: the day of due, or the day before when the
// working hours run to 24:00 and due is that midnight. (Where a clock
// change swallows the close of business, due is the moment of the jump,
// later on the same day, so due-1ns would name the wrong day.)
func (c *Calendar) closingDay(due time.Time) int64 {
	if c.close == dayNanos {
		return c.dayOf(due.Add(-1))
	}
	return c.dayOf(due)
}

// nominalLast returns the last day of a natural-day or month period
// started on day start, before any move to a working day.
func (c *Calendar) nominalLast(p Period, start int64) int64 {
	if p.Unit != Months {
		return start + int64(p.N)
	}
	x := civil(start)
	m := int(x.Month) - 1 + p.N
	y, mo := x.Year+m/12, time.Month(m%12+1)
	return epochDay(Date{y, mo, min(x.Day, daysIn(y, mo))})
}

// ProvisionalYears returns, in ascending order, the years without a loaded
// notice (see IsProvisional) among the days from the day of a to the day
// of b, in the calendar's zone; nil if there is none. Pass
// ProvisionalReason the result to say why a result is provisional.
func (c *Calendar) ProvisionalYears(a, b time.Time) []int {
	if !c.ok() || c.prov == nil {
		return nil
	}
	return c.provisionalDays(c.dayOf(a), c.dayOf(b))
}

// provisionalDays returns the provisional years among days d1..d2 (either
// order).
func (c *Calendar) provisionalDays(d1, d2 int64) []int {
	if d2 < d1 {
		d1, d2 = d2, d1
	}
	y1, y2 := max(civil(d1).Year, c.firstYear), min(civil(d2).Year, c.lastYear)
	var out []int
	for y := y1; y <= y2; y++ {
		if c.prov[y-c.firstYear] {
			out = append(out, y)
		}
	}
	return out
}

// Provisional says that a date a service computed and stored rests on
// years without a loaded holiday notice (see Config.Provisional), and
// why. The zero value means it rests on notices only. Services keep it
// next to the date and recompute the date once the notices are loaded.
type Provisional struct {
	Years  []int  `json:"years,omitempty"`
	Reason string `json:"reason,omitempty"` // e.g. "2028 notice not loaded; statutory days only, no 调休"
}

// NewProvisional returns the Provisional of the given years (ascending),
// with its reason; the zero value if there are none.
func NewProvisional(years []int) Provisional {
	if len(years) == 0 {
		return Provisional{}
	}
	return Provisional{Years: slices.Clone(years), Reason: ProvisionalReason(years)}
}

// IsProvisional reports whether the date rests on a year without a notice.
func (p Provisional) IsProvisional() bool { return len(p.Years) > 0 }

// Clone returns a copy that shares no memory with p.
func (p Provisional) Clone() Provisional {
	p.Years = slices.Clone(p.Years)
	return p
}

// Loaded returns the years of p that cal (a *Calendar) no longer covers
// provisionally, because their notices have been loaded: the reason to
// recompute a date computed provisionally. A nil cal has loaded them all.
// LoadedReason renders them, e.g. "2028 notice loaded".
func (p Provisional) Loaded(cal interface{ IsProvisional(y int) bool }) []int {
	var out []int
	for _, y := range p.Years {
		if cal == nil || !cal.IsProvisional(y) {
			out = append(out, y)
		}
	}
	return out
}

// LoadedReason renders years whose notices were loaded, e.g. "2028 notice
// loaded" or "2028-2029 notices loaded"; "" if there are none.
func LoadedReason(years []int) string {
	if len(years) == 0 {
		return ""
	}
	noun := "notice"
	if len(years) > 1 {
		noun = "notices"
	}
	return yearRanges(years) + " " + noun + " loaded"
}
