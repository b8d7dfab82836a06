package calendar_test

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
)

// TestRoundTheClockEdges exercises the ends of the 1-9999 range.
func TestRoundTheClockEdges(t *testing.T) {
	c := calendar.RoundTheClock()
	loc := c.Location()
	end := time.Date(9999, 12, 31, 23, 0, 0, 0, loc)
	due, err := c.AddWorkingHours(end, time.Hour)
	if err != nil || !due.Equal(time.Date(10000, 1, 1, 0, 0, 0, 0, loc)) {
		t.Errorf("last hour of 9999: %v, %v", due, err)
	}
	if _, err := c.AddWorkingHours(end, 2*time.Hour); !errors.Is(err, calendar.ErrOutOfRange) {
		t.Errorf("past 9999: %v", err)
	}
	if due, err := c.AddNaturalDays(end, 0); err != nil || !due.Equal(time.Date(10000, 1, 1, 0, 0, 0, 0, loc)) {
		t.Errorf("AddNaturalDays(end, 0) = %v, %v", due, err)
	}
	if _, err := c.AddNaturalDays(end, 1); !errors.Is(err, calendar.ErrOutOfRange) {
		t.Errorf("AddNaturalDays past 9999: %v", err)
	}
	if _, err := c.AddMonths(end, 1); !errors.Is(err, calendar.ErrOutOfRange) {
		t.Errorf("AddMonths past 9999: %v", err)
	}
	if _, err := c.AddWorkingDays(end, math.MaxInt); !errors.Is(err, calendar.ErrOutOfRange) {
		t.Errorf("AddWorkingDays(MaxInt): %v", err)
	}
	start := time.Date(1, 1, 1, 0, 0, 0, 0, loc)
	if ok, err := c.IsWorkingDay(start); err != nil || !ok {
		t.Errorf("year 1: %v, %v", ok, err)
	}
	if _, err := c.IsWorkingDay(start.Add(-time.Nanosecond)); !errors.Is(err, calendar.ErrOutOfRange) {
		t.Errorf("year 0: %v", err)
	}
	if _, err := c.IsWorkingDay(time.Time{}.Add(-48 * time.Hour)); !errors.Is(err, calendar.ErrOutOfRange) {
		t.Errorf("before year 1: %v", err)
	}
	// Whole 24x7 years: 365 and 366 days of 24 hours (Shanghai had DST only in 1986-1991).
	for y, want := range map[int]time.Duration{2023: 365 * 24 * time.Hour, 2024: 366 * 24 * time.Hour} {
		w, err := c.WorkingTimeBetween(time.Date(y, 1, 1, 0, 0, 0, 0, loc), time.Date(y+1, 1, 1, 0, 0, 0, 0, loc))
		if err != nil || w != want {
			t.Errorf("year %d: %v, %v; want %v", y, w, err, want)
		}
	}
	// Across Shanghai's 1986-1991 daylight saving time: still elapsed time.
	a, b := time.Date(1985, 1, 1, 0, 0, 0, 0, loc), time.Date(1993, 1, 1, 0, 0, 0, 0, loc)
	if w, err := c.WorkingTimeBetween(a, b); err != nil || w != b.Sub(a) {
		t.Errorf("1985-1993: %v, %v; want %v", w, err, b.Sub(a))
	}
}

func TestNegativeCounts(t *testing.T) {
	c := calendar.China()
	at := time.Date(2025, 6, 3, 10, 0, 0, 0, c.Location())
	for name, err := range map[string]error{
		"AddWorkingDays":  second(c.AddWorkingDays(at, -1)),
		"AddWorkingHours": second(c.AddWorkingHours(at, -time.Minute)),
		"AddNaturalDays":  second(c.AddNaturalDays(at, -1)),
		"AddMonths":       second(c.AddMonths(at, -1)),
	} {
		var pe *calendar.PeriodError
		if !errors.Is(err, calendar.ErrInvalidPeriod) || !errors.As(err, &pe) {
			t.Errorf("%s: %v; want *PeriodError", name, err)
		}
	}
	if got, err := c.AddWorkingHours(at, 0); err != nil || !got.Equal(at) {
		t.Errorf("AddWorkingHours(0) = %v, %v", got, err)
	}
	if got, err := c.WorkingTimeBetween(at, at); err != nil || got != 0 {
		t.Errorf("WorkingTimeBetween(t, t) = %v, %v", got, err)
	}
}

func second[T any](_ T, err error) error { return err }

func TestSchedule(t *testing.T) {
	c := calendar.China()
	s, ok := c.Schedule(2026)
	if !ok || s.Year != 2026 || len(s.Holidays) != 7 || s.Source == "" {
		t.Errorf("Schedule(2026) = %+v, %v", s, ok)
	}
	s.Holidays[0].Name = "changed"
	if again, _ := c.Schedule(2026); again.Holidays[0].Name != "元旦" {
		t.Error("Schedule returned shared data")
	}
	if _, ok := c.Schedule(2028); ok {
		t.Error("Schedule(2028) exists: 2028 is provisional")
	}
	if _, ok := calendar.RoundTheClock().Schedule(2025); ok {
		t.Error("24x7 calendar has a schedule")
	}
	cfg := c.Config()
	cfg.Years[0].Holidays[0].MakeUp = append(cfg.Years[0].Holidays[0].MakeUp, "x")
	if again := c.Config(); len(again.Years[0].Holidays[0].MakeUp) != 0 {
		t.Error("Config returned shared data")
	}
}

func TestIsWorkingTime(t *testing.T) {
	c := calendar.China()
	loc := c.Location()
	for s, want := range map[string]bool{
		"2025-06-03 08:59": false, "2025-06-03 09:00": true, "2025-06-03 11:59": true,
		"2025-06-03 12:00": false, "2025-06-03 13:30": true, "2025-06-03 17:29": true,
		"2025-06-03 17:30": false, "2025-06-02 10:00": false, // 端午节
		"2025-04-27 10:00": true, // make-up Sunday
	} {
		at, _ := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if got, err := c.IsWorkingTime(at); err != nil || got != want {
			t.Errorf("IsWorkingTime(%s) = %v, %v; want %v", s, got, err, want)
		}
	}
}
