package agenda_test

import (
	"errors"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/calendar"
)

func TestPeriodEndChina(t *testing.T) {
	cal := calendar.China()
	tests := []struct {
		name  string
		p     calendar.Period
		start time.Time
		want  time.Time
	}{
		// 7 natural days from 2026-09-28 end on 10-05, inside the National
		// Day holiday (10-01..10-07): the period runs to the next working
		// day, 10-08 (Civil Code art. 203).
		{"natural into holiday", nd(7), date(2026, 9, 28), date(2026, 10, 8)},
		{"natural plain", nd(7), date(2026, 3, 2), date(2026, 3, 9)},
		// 10 working days from 2026-09-28 (Mon): 29, 30, 10-08, 09, 10
		// (make-up Saturday), 12, 13, 14, 15, 16.
		{"working over National Day", wd(10), date(2026, 9, 28), date(2026, 10, 16)},
		{"zero", calendar.Period{}, date(2026, 3, 2), date(2026, 3, 2)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := agenda.LastDay(cal, tc.p, tc.start)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(tc.want) {
				t.Errorf("%s from %s ends %s, want %s", tc.p, tc.start.Format(time.DateOnly), got.Format(time.DateOnly), tc.want.Format(time.DateOnly))
			}
		})
	}
	if _, err := agenda.LastDay(nil, wd(3), date(2026, 3, 2)); !errors.Is(err, agenda.ErrNoCalendar) {
		t.Errorf("working days without calendar: %v", err)
	}
	if _, err := agenda.LastDay(cal, nd(3), date(1990, 3, 2)); err == nil {
		t.Errorf("a year the calendar does not cover must fail")
	}
}

// TestPeriodEndProperty: a publicity period ends on the day the calendar
// says. Checked against an independent day-by-day count over China's 2026
// calendar: a natural period ends on the first working day at or after
// start+N; a working period ends on the N-th working day after start.
func TestPeriodEndProperty(t *testing.T) {
	cal := calendar.China()
	working := func(d time.Time) bool {
		ok, err := cal.IsWorkingDay(d.Add(12 * time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	rapid.Check(t, func(rt *rapid.T) {
		start := date(2026, 1, 1).AddDate(0, 0, rapid.IntRange(0, 250).Draw(rt, "day"))
		p := nd(rapid.IntRange(1, 30).Draw(rt, "n"))
		if rapid.Bool().Draw(rt, "working") {
			p.Unit = calendar.WorkingDays
		}
		got, err := agenda.LastDay(cal, p, start)
		if err != nil {
			rt.Fatal(err)
		}
		var want time.Time
		if p.Unit == calendar.WorkingDays {
			d, n := start, 0
			for n < p.N {
				d = d.AddDate(0, 0, 1)
				if working(d) {
					n++
				}
			}
			want = d
		} else {
			want = start.AddDate(0, 0, p.N)
			for !working(want) {
				want = want.AddDate(0, 0, 1)
			}
		}
		if !got.Equal(want) {
			rt.Fatalf("%s from %s: End %s, count %s", p, start.Format(time.DateOnly), got.Format(time.DateOnly), want.Format(time.DateOnly))
		}
		// LatestNotice is the latest day whose period ends by the meeting.
		meeting := start.AddDate(0, 0, rapid.IntRange(0, 40).Draw(rt, "gap"))
		ln, err := agenda.LatestNotice(cal, p, meeting)
		if err != nil {
			rt.Fatal(err)
		}
		e1, _ := agenda.LastDay(cal, p, ln)
		e2, _ := agenda.LastDay(cal, p, ln.AddDate(0, 0, 1))
		if e1.After(meeting) || !e2.After(meeting) {
			rt.Fatalf("LatestNotice(%s, %s) = %s: ends %s, next day ends %s", p, meeting.Format(time.DateOnly), ln.Format(time.DateOnly), e1.Format(time.DateOnly), e2.Format(time.DateOnly))
		}
	})
}

func nd(n int) calendar.Period { return calendar.Period{N: n, Unit: calendar.NaturalDays} }
func wd(n int) calendar.Period { return calendar.Period{N: n, Unit: calendar.WorkingDays} }
