package calendar

import (
	"fmt"
	"time"
)

// Unit is the unit of a Period.
type Unit string

// The units of a Period. Working units skip non-working time of the
// calendar; natural units follow the Civil Code.
const (
	// WorkingDays counts working days: see Calendar.AddWorkingDays.
	WorkingDays Unit = "working_days"
	// WorkingHours counts hours of working time: see Calendar.AddWorkingHours.
	WorkingHours Unit = "working_hours"
	// WorkingMinutes counts minutes of working time.
	WorkingMinutes Unit = "working_minutes"
	// NaturalDays counts calendar days per the Civil Code: see Calendar.AddNaturalDays.
	NaturalDays Unit = "natural_days"
	// NaturalDaysToClose counts calendar days like NaturalDays but ends at
	// the close of business of the last day, for acts done at a place of
	// business (Civil Code art. 203 para. 2): see
	// Calendar.AddNaturalDaysToClose.
	NaturalDaysToClose Unit = "natural_days_to_close"
	// Months counts calendar months per the Civil Code: see Calendar.AddMonths.
	Months Unit = "months"
	// Hours counts elapsed hours from the stated instant (Civil Code art. 201):
	// nights and holidays included, no calendar needed.
	Hours Unit = "hours"
	// Minutes counts elapsed minutes from the stated instant.
	Minutes Unit = "minutes"
)

// Units lists every Unit, in the order above.
func Units() []Unit {
	return []Unit{WorkingDays, WorkingHours, WorkingMinutes, NaturalDays, NaturalDaysToClose, Months, Hours, Minutes}
}

// Period is a time limit such as "5 working days" or "24 hours". It is
// plain data, so SLA policies can carry it in JSON:
// {"n": 5, "unit": "working_days"}. The zero Period is invalid (no unit).
type Period struct {
	N    int  `json:"n"`
	Unit Unit `json:"unit"`
}

// Validate reports a *PeriodError for a negative N or an unknown unit.
func (p Period) Validate() error {
	if p.N < 0 {
		return &PeriodError{p, "negative count"}
	}
	switch p.Unit {
	case WorkingDays, WorkingHours, WorkingMinutes, NaturalDays, NaturalDaysToClose, Months, Hours, Minutes:
	case "":
		return &PeriodError{p, "missing unit"}
	default:
		return &PeriodError{p, "unknown unit"}
	}
	if max := int64(1<<63-1) / int64(time.Hour); (p.Unit == Hours || p.Unit == WorkingHours) && int64(p.N) > max {
		return &PeriodError{p, "too long"}
	}
	if max := int64(1<<63-1) / int64(time.Minute); (p.Unit == Minutes || p.Unit == WorkingMinutes) && int64(p.N) > max {
		return &PeriodError{p, "too long"}
	}
	return nil
}

// Deadline returns the instant at which the period, started at from, runs
// out, using cal for every unit except Hours and Minutes (for those cal
// may be nil). The result is in cal's zone (from's zone for Hours and
// Minutes without a calendar). Errors: *PeriodError (ErrInvalidPeriod)
// for an invalid period or a missing calendar, *RangeError
// (ErrOutOfRange) when the calendar does not cover the days involved.
func (p Period) Deadline(cal *Calendar, from time.Time) (time.Time, error) {
	if err := p.Validate(); err != nil {
		return time.Time{}, err
	}
	switch p.Unit {
	case Hours, Minutes:
		d := time.Duration(p.N) * time.Hour
		if p.Unit == Minutes {
			d = time.Duration(p.N) * time.Minute
		}
		if cal.ok() {
			from = from.In(cal.loc)
		}
		return from.Add(d), nil
	}
	if !cal.ok() {
		return time.Time{}, &PeriodError{p, "no calendar"}
	}
	switch p.Unit {
	case WorkingDays:
		return cal.AddWorkingDays(from, p.N)
	case WorkingHours:
		return cal.AddWorkingHours(from, time.Duration(p.N)*time.Hour)
	case WorkingMinutes:
		return cal.AddWorkingHours(from, time.Duration(p.N)*time.Minute)
	case NaturalDays:
		return cal.AddNaturalDays(from, p.N)
	case NaturalDaysToClose:
		return cal.AddNaturalDaysToClose(from, p.N)
	default: // Months
		return cal.AddMonths(from, p.N)
	}
}

// String renders p for people, e.g. "5 working days" or "1 hour";
// ParsePeriod reads it back.
func (p Period) String() string {
	var one, many string
	switch p.Unit {
	case WorkingDays:
		one, many = "working day", "working days"
	case WorkingHours:
		one, many = "working hour", "working hours"
	case WorkingMinutes:
		one, many = "working minute", "working minutes"
	case NaturalDays:
		one, many = "day", "days"
	case NaturalDaysToClose:
		one, many = "day to close of business", "days to close of business"
	case Months:
		one, many = "month", "months"
	case Hours:
		one, many = "hour", "hours"
	case Minutes:
		one, many = "minute", "minutes"
	default:
		return fmt.Sprintf("%d %s", p.N, string(p.Unit))
	}
	if p.N == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", p.N, many)
}
