package calendar_test

import (
	"encoding/json"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"pgregory.net/rapid"
)

func TestPeriodJSON(t *testing.T) {
	p := calendar.Period{N: 5, Unit: calendar.WorkingDays}
	b, err := json.Marshal(p)
	if err != nil || string(b) != `{"n":5,"unit":"working_days"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var back calendar.Period
	if err := json.Unmarshal(b, &back); err != nil || back != p {
		t.Fatalf("Unmarshal = %+v, %v", back, err)
	}
}

func TestPeriodString(t *testing.T) {
	for p, want := range map[calendar.Period]string{
		{N: 1, Unit: calendar.WorkingDays}:     "1 working day",
		{N: 5, Unit: calendar.WorkingDays}:     "5 working days",
		{N: 2, Unit: calendar.Hours}:           "2 hours",
		{N: 60, Unit: calendar.NaturalDays}:    "60 days",
		{N: 3, Unit: calendar.Months}:          "3 months",
		{N: 30, Unit: calendar.WorkingMinutes}: "30 working minutes",
		{N: 4, Unit: "fortnights"}:             `4 fortnights`,
	} {
		if got := p.String(); got != want {
			t.Errorf("%+v.String() = %q, want %q", p, got, want)
		}
	}
}

func TestPeriodValidate(t *testing.T) {
	bad := []calendar.Period{
		{N: -1, Unit: calendar.WorkingDays},
		{N: 1},
		{N: 1, Unit: "fortnights"},
		{N: math.MaxInt, Unit: calendar.Hours},
		{N: math.MaxInt, Unit: calendar.WorkingMinutes},
	}
	for _, p := range bad {
		err := p.Validate()
		var pe *calendar.PeriodError
		if !errors.Is(err, calendar.ErrInvalidPeriod) || !errors.As(err, &pe) || pe.Period != p {
			t.Errorf("Validate(%+v) = %v; want *PeriodError", p, err)
		}
		if _, err := p.Deadline(calendar.China(), time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)); !errors.Is(err, calendar.ErrInvalidPeriod) {
			t.Errorf("Deadline(%+v) = %v; want ErrInvalidPeriod", p, err)
		}
	}
	for _, u := range calendar.Units() {
		if err := (calendar.Period{N: 0, Unit: u}).Validate(); err != nil {
			t.Errorf("zero-length %s: %v", u, err)
		}
	}
}

// TestPeriodDeadlineTotal: any period on any calendar gives a deadline not
// before its start, or ErrOutOfRange, never another error or a panic.
func TestPeriodDeadlineTotal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c, m := drawCalendar(t)
		from := genInstant(t, m, "from")
		p := calendar.Period{
			N:    rapid.OneOf(rapid.IntRange(0, 100), rapid.IntRange(0, math.MaxInt32), rapid.Just(math.MaxInt)).Draw(t, "n"),
			Unit: rapid.SampledFrom(calendar.Units()).Draw(t, "unit"),
		}
		got, err := p.Deadline(c, from)
		switch {
		case errors.Is(err, calendar.ErrOutOfRange), errors.Is(err, calendar.ErrInvalidPeriod) && p.Validate() != nil:
		case err != nil:
			t.Fatalf("%v from %v: %v", p, from, err)
		case got.Before(from):
			t.Fatalf("%v from %v ends before it starts: %v", p, from, got)
		case got.Location() != c.Location():
			t.Fatalf("deadline in %v, want the calendar's zone", got.Location())
		}
	})
}
