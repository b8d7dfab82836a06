package calendar_test

import (
	"encoding/json"
	"errors"
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
