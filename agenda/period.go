package agenda

import (
	"fmt"
	"time"
)

// Calendar computes day periods. agenda uses it for meeting notices and
// publicity periods (公示). *calendar.Calendar (for example calendar.China())
// implements it; tests may pass any implementation.
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

// Period is a number of days, natural or working.
type Period struct {
	Days    int  `json:"days"`
	Working bool `json:"working,omitempty"` // count working days (工作日) instead of natural days
}

// String renders p, for example "7 working days".
func (p Period) String() string {
	unit := "days"
	if p.Working {
		unit = "working days"
	}
	return fmt.Sprintf("%d %s", p.Days, unit)
}

// End returns the last day of p counted from start: the day that a notice
// posted on start has run p, or that a publicity period starting on start
// ends. The start day itself is not counted. Without a calendar, natural
// days are plain date arithmetic and working-day periods fail with
// ErrNoCalendar.
func (p Period) End(cal Calendar, start time.Time) (time.Time, error) {
	day := dayOf(start)
	if p.Days <= 0 {
		return day, nil
	}
	if cal == nil {
		if p.Working {
			return time.Time{}, ErrNoCalendar
		}
		return day.AddDate(0, 0, p.Days), nil
	}
	var (
		end time.Time
		err error
	)
	if p.Working {
		end, err = cal.AddWorkingDays(day, p.Days)
	} else {
		end, err = cal.AddNaturalDays(day, p.Days)
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("agenda: period %s from %s: %w", p, day.Format(time.DateOnly), err)
	}
	// Calendars return the instant the period runs out: close of business
	// of the last working day, or 24:00 (00:00 of the next day) of the last
	// natural day. The last day is the day of the instant just before.
	return dayOf(end.Add(-time.Nanosecond)), nil
}

// LatestNotice returns the latest day a notice may be posted so that it has
// run the full period p before the meeting day. It is the latest day d with
// p.End(cal, d) no later than the meeting day.
func (p Period) LatestNotice(cal Calendar, meeting time.Time) (time.Time, error) {
	mday := dayOf(meeting)
	d := mday
	// Walk back: the answer is at most p.Days natural days back plus the
	// longest run of non-working days (a few weeks at most).
	for range p.Days*3 + 60 {
		end, err := p.End(cal, d)
		if err != nil {
			return time.Time{}, err
		}
		if !end.After(mday) {
			return d, nil
		}
		d = d.AddDate(0, 0, -1)
	}
	return time.Time{}, fmt.Errorf("agenda: no notice day found for %s before %s", p, mday.Format(time.DateOnly))
}

// dayOf truncates t to midnight in its own location.
func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}
