package agenda

import (
	"fmt"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
)

// Calendar computes day periods. agenda uses it for meeting notices and
// publicity periods (公示). *calendar.Calendar (for example calendar.China())
// implements it; tests may pass any implementation.
//
// Days are cut in the calendar's zone: if the calendar has a
// Location() *time.Location method (as *calendar.Calendar does), every day
// the Service compares (is the publicity period over? is the notice late?)
// is a day in that zone, whatever the zone of the Service's clock; without
// one, in Asia/Shanghai (calendar.DefaultZone). If it has
// ProvisionalYears(a, b time.Time) []int (as *calendar.Calendar does), the
// days it computes from years without a loaded holiday notice are flagged
// provisional (Meeting.NoticeProvisional, Resolution.PublicityProvisional).
type Calendar interface {
	// AddWorkingDays returns the instant a limit of n working days started
	// at t runs out (statutory holidays excluded, make-up working days
	// included; the day of t not counted), within the last working day.
	AddWorkingDays(t time.Time, n int) (time.Time, error)
	// AddNaturalDays returns the instant an n natural-day period started at
	// t runs out, counted as the Civil Code arts. 201-203 say: the day of t
	// is not counted, a last day that is not a working day moves to the next
	// working day, and the period ends at 24:00 (returned as 00:00 of the
	// following day).
	AddNaturalDays(t time.Time, n int) (time.Time, error)
}

var _ Calendar = (*calendar.Calendar)(nil)

// zoned and provisional are the optional capabilities of a Calendar.
type (
	zoned       interface{ Location() *time.Location }
	provisional interface {
		ProvisionalYears(a, b time.Time) []int
	}
)

// ZoneOf returns the zone in which agenda cuts days for cal: its
// Location() if it has one, else Asia/Shanghai.
func ZoneOf(cal Calendar) *time.Location {
	if z, ok := cal.(zoned); ok && z.Location() != nil {
		return z.Location()
	}
	if loc, err := time.LoadLocation(calendar.DefaultZone); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*60*60)
}

// validUnit reports whether agenda counts periods in u: natural days (the
// Civil Code's days) or working days.
func validUnit(u calendar.Unit) bool { return u == calendar.NaturalDays || u == calendar.WorkingDays }

// LastDay returns the last day of period p counted from start, as 00:00 in
// the calendar's zone (see ZoneOf): the day on which a notice posted on
// start has run p, or on which a publicity period starting on start ends.
// The start day itself is not counted. p is counted in natural days
// (calendar.NaturalDays) or working days (calendar.WorkingDays). Without a
// calendar, natural days are plain date arithmetic and working-day periods
// fail with ErrNoCalendar.
func LastDay(cal Calendar, p calendar.Period, start time.Time) (time.Time, error) {
	last, _, err := lastDay(cal, p, start)
	return last, err
}

// lastDay is LastDay; it also returns the provisional years the result
// rests on.
func lastDay(cal Calendar, p calendar.Period, start time.Time) (time.Time, []int, error) {
	loc := ZoneOf(cal)
	day := dayIn(start, loc)
	if p.N == 0 {
		return day, nil, nil // the zero Period: no period
	}
	if !validUnit(p.Unit) || p.N < 0 {
		return time.Time{}, nil, invalid("period", "%v: want n >= 0 natural_days or working_days", p)
	}
	if cal == nil {
		if p.Unit == calendar.WorkingDays {
			return time.Time{}, nil, ErrNoCalendar
		}
		return day.AddDate(0, 0, p.N), nil, nil
	}
	var (
		end time.Time
		err error
	)
	if p.Unit == calendar.WorkingDays {
		end, err = cal.AddWorkingDays(day, p.N)
	} else {
		end, err = cal.AddNaturalDays(day, p.N)
	}
	if err != nil {
		return time.Time{}, nil, fmt.Errorf("agenda: period %s from %s: %w", p, day.Format(time.DateOnly), err)
	}
	// Calendars return the instant the period runs out: close of business
	// of the last working day, or 24:00 (00:00 of the next day) of the last
	// natural day. The last day is the day of the instant just before.
	last := dayIn(end.Add(-time.Nanosecond), loc)
	var ys []int
	if pc, ok := cal.(provisional); ok {
		ys = pc.ProvisionalYears(day, last)
	}
	return last, ys, nil
}

// LatestNotice returns the latest day a notice may be posted so that it has
// run the full period p before the meeting day: the latest day d with
// LastDay(cal, p, d) no later than the meeting day, in the calendar's zone.
func LatestNotice(cal Calendar, p calendar.Period, meeting time.Time) (time.Time, error) {
	d, _, err := latestNotice(cal, p, meeting)
	return d, err
}

// latestNotice is LatestNotice; it also returns the provisional years the
// result rests on.
func latestNotice(cal Calendar, p calendar.Period, meeting time.Time) (time.Time, []int, error) {
	mday := dayIn(meeting, ZoneOf(cal))
	d := mday
	// Walk back: the answer is at most p.N natural days back plus the
	// longest run of non-working days (a few weeks at most).
	for range p.N*3 + 60 {
		end, ys, err := lastDay(cal, p, d)
		if err != nil {
			return time.Time{}, nil, err
		}
		if !end.After(mday) {
			return d, ys, nil
		}
		d = d.AddDate(0, 0, -1)
	}
	return time.Time{}, nil, fmt.Errorf("agenda: no notice day found for %s before %s", p, mday.Format(time.DateOnly))
}

// dayOf truncates t to midnight in its own location.
func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// dayIn returns midnight of t's day in loc.
func dayIn(t time.Time, loc *time.Location) time.Time { return dayOf(t.In(loc)) }
