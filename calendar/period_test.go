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

func TestParsePeriod(t *testing.T) {
	for s, want := range map[string]calendar.Period{
		"5 working days":  {N: 5, Unit: calendar.WorkingDays},
		"1 working day":   {N: 1, Unit: calendar.WorkingDays},
		" 5 Working Days": {N: 5, Unit: calendar.WorkingDays},
		"5 working_days":  {N: 5, Unit: calendar.WorkingDays},
		"5个工作日":           {N: 5, Unit: calendar.WorkingDays},
		"15日":             {N: 15, Unit: calendar.NaturalDays},
		"60天":             {N: 60, Unit: calendar.NaturalDays},
		"2个月":             {N: 2, Unit: calendar.Months},
		"24小时":            {N: 24, Unit: calendar.Hours},
		"30分钟":            {N: 30, Unit: calendar.Minutes},
		"2 working hours": {N: 2, Unit: calendar.WorkingHours},
		"0 hours":         {N: 0, Unit: calendar.Hours},
	} {
		got, err := calendar.ParsePeriod(s)
		if err != nil || got != want {
			t.Errorf("ParsePeriod(%q) = %+v, %v; want %+v", s, got, err, want)
		}
	}
	for _, s := range []string{"", "days", "five days", "5", "5 fortnights", "-5 days", "99999999999999999999 days", "5 days ago", "９ days"} {
		if _, err := calendar.ParsePeriod(s); !errors.Is(err, calendar.ErrInvalidPeriod) {
			t.Errorf("ParsePeriod(%q): %v; want ErrInvalidPeriod", s, err)
		}
	}
	// Every period's String parses back.
	for _, u := range calendar.Units() {
		for _, n := range []int{0, 1, 7} {
			p := calendar.Period{N: n, Unit: u}
			if got, err := calendar.ParsePeriod(p.String()); err != nil || got != p {
				t.Errorf("ParsePeriod(%q) = %+v, %v", p.String(), got, err)
			}
		}
	}
}

// FuzzParsePeriod: no panics; accepted periods are valid and print to a
// string that parses back to them.
func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"5 working days", "5个工作日", "15日", "1 month", "24 hours", "", "-1 days", "9223372036854775807 hours"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := calendar.ParsePeriod(s)
		if err != nil {
			if !errors.Is(err, calendar.ErrInvalidPeriod) {
				t.Fatalf("error %v does not wrap ErrInvalidPeriod", err)
			}
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("ParsePeriod(%q) = %+v, invalid: %v", s, p, err)
		}
		if back, err := calendar.ParsePeriod(p.String()); err != nil || back != p {
			t.Fatalf("round trip of %+v: %+v, %v", p, back, err)
		}
	})
}
