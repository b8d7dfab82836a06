package calendar_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"pgregory.net/rapid"
)

// TestExplainConsistent: the explanation agrees with Deadline, counts
// exactly n working days for a working-day period, and every day it skips
// is a non-working day.
func TestExplainConsistent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c, m := drawCalendar(t)
		from := genInstant(t, m, "from")
		p := calendar.Period{N: rapid.IntRange(0, 60).Draw(t, "n"), Unit: rapid.SampledFrom(calendar.Units()).Draw(t, "unit")}
		e, err := p.Explain(c, from)
		due, derr := p.Deadline(c, from)
		if derr != nil {
			if err == nil {
				t.Fatalf("Explain succeeded where Deadline failed: %v", derr)
			}
			return
		}
		if err != nil {
			if errors.Is(err, calendar.ErrInvalidPeriod) {
				return // too many days to list
			}
			t.Fatal(err)
		}
		if !e.Deadline.Equal(due) || e.Rule == "" {
			t.Fatalf("explanation %+v disagrees with deadline %v", e, due)
		}
		for _, d := range e.Skipped {
			if d.Working {
				t.Fatalf("skipped a working day: %v", d)
			}
		}
		for _, d := range e.Counted {
			if !d.Working {
				t.Fatalf("counted a non-working day: %v", d)
			}
		}
		switch p.Unit {
		case calendar.WorkingDays:
			if p.N > 0 && len(e.Counted) != p.N {
				t.Fatalf("counted %d days for %v", len(e.Counted), p)
			}
			if p.N == 0 && len(e.Counted) != 1 {
				t.Fatalf("same-day limit counted %v", e.Counted)
			}
			// The day whose close of business is due: a close at 24:00 is
			// 00:00 of the next day. (A close that a clock change swallows
			// is the moment of the jump, later on the same day.)
			closing := due
			if h := c.Config().Hours; len(h) == 0 || h[len(h)-1].To == "24:00" {
				closing = due.Add(-time.Nanosecond)
			}
			if last := e.Counted[len(e.Counted)-1].Date; last != calendar.DateOf(closing, c.Location()) {
				t.Fatalf("last counted day %v, deadline %v", last, due)
			}
		case calendar.NaturalDays, calendar.Months:
			if len(e.Counted) != 1 || e.Counted[0].Date != calendar.DateOf(due.Add(-time.Nanosecond), c.Location()) {
				t.Fatalf("last day %v, deadline %v", e.Counted, due)
			}
		}
		if _, err := json.Marshal(e); err != nil {
			t.Fatal(err)
		}
	})
}

func TestDayJSON(t *testing.T) {
	c := calendar.China()
	d, _ := calendar.ParseDate("2026-02-14")
	day, err := c.Date(d)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(day)
	if err != nil || string(b) != `{"date":"2026-02-14","kind":"make_up","working":true,"holiday":"春节"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var back calendar.Day
	if err := json.Unmarshal(b, &back); err != nil || back != day {
		t.Fatalf("Unmarshal = %+v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`{"kind":"holiday"}`), &back); err == nil {
		t.Error("unknown kind accepted")
	}
	if b, err := json.Marshal(calendar.DayKind(0)); err != nil || string(b) != `""` {
		t.Errorf("zero kind = %s, %v", b, err)
	}
	if _, err := json.Marshal(calendar.DayKind(9)); err == nil {
		t.Error("unknown kind marshalled")
	}
}

// A period of 0 natural days was explained as "counting starts the day
// after 2026-12-20; the last day, 2026-12-20, is not a working day": the
// last day before the first. n = 0 now says the period ends with the day
// it starts, moved to the next working day if need be.
func TestExplainZeroDays(t *testing.T) {
	c := calendar.China()
	loc := time.FixedZone("CST", 8*3600)
	for _, tc := range []struct {
		p    calendar.Period
		from time.Time
		want string
	}{
		{calendar.Period{N: 0, Unit: calendar.NaturalDays}, time.Date(2026, 12, 20, 10, 0, 0, 0, loc),
			"0 days (Civil Code arts. 201-203): the period would end with the day it starts, 2026-12-20, which is not a working day, so it ends at 24:00 of the next working day, 2026-12-21"},
		{calendar.Period{N: 0, Unit: calendar.NaturalDays}, time.Date(2026, 12, 21, 10, 0, 0, 0, loc),
			"0 days (Civil Code arts. 201-203): the period ends with the day it starts, 2026-12-21, at 24:00"},
		{calendar.Period{N: 0, Unit: calendar.NaturalDaysToClose}, time.Date(2026, 12, 21, 18, 0, 0, 0, loc),
			"the period would end with the day it starts, 2026-12-21, whose business had closed, so it ends at the close of business (17:30) of the next working day, 2026-12-22"},
		{calendar.Period{N: 1, Unit: calendar.NaturalDays}, time.Date(2026, 12, 20, 10, 0, 0, 0, loc),
			"1 day (Civil Code arts. 201-203): counting starts the day after 2026-12-20; the last day, 2026-12-21, ends at 24:00"},
	} {
		e, err := tc.p.Explain(c, tc.from)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(e.Rule, tc.want) {
			t.Errorf("%s from %s:\n got %s\nwant %s", tc.p, tc.from.Format("2006-01-02 15:04"), e.Rule, tc.want)
		}
		if strings.Contains(e.Rule, "day after") && tc.p.N == 0 {
			t.Errorf("%s: %s", tc.p, e.Rule)
		}
	}
}
