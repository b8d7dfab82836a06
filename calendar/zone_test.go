package calendar_test

import (
	"sync"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
)

// TestClockChanges pins the behaviour in zones with daylight saving time,
// which Asia/Shanghai does not have but other users' zones do.
func TestClockChanges(t *testing.T) {
	cfg := calendar.RoundTheClockConfig()
	cfg.Zone = "Europe/Berlin"
	c, err := calendar.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	loc := c.Location()
	// 2025-03-30: clocks jump from 02:00 to 03:00; 2025-10-26: back from 03:00 to 02:00.
	spring := time.Date(2025, 3, 30, 0, 0, 0, 0, loc)
	autumn := time.Date(2025, 10, 26, 0, 0, 0, 0, loc)
	for _, tt := range []struct {
		name string
		day  time.Time
		want time.Duration
	}{{"spring forward", spring, 23 * time.Hour}, {"fall back", autumn, 25 * time.Hour}} {
		w, err := c.WorkingTimeBetween(tt.day, tt.day.AddDate(0, 0, 1))
		if err != nil || w != tt.want {
			t.Errorf("%s: a 24x7 day has %v of working time (%v), want %v", tt.name, w, err, tt.want)
		}
		// One working day later is 24:00 of the next day, on the wall clock.
		due, err := c.AddWorkingDays(tt.day.Add(-time.Hour), 1)
		if want := tt.day.AddDate(0, 0, 1); err != nil || !due.Equal(want) {
			t.Errorf("%s: AddWorkingDays = %v, %v; want %v", tt.name, due, err, want)
		}
		// 24 hours of working time on a 24x7 calendar is 24 elapsed hours.
		due, err = c.AddWorkingHours(tt.day, 24*time.Hour)
		if want := tt.day.Add(24 * time.Hour); err != nil || !due.Equal(want) {
			t.Errorf("%s: AddWorkingHours(24h) = %v, %v; want %v", tt.name, due, err, want)
		}
	}

	// Office hours 09:00-17:00 are untouched by a night-time clock change.
	office := calendar.ChinaConfig()
	office.Zone = "America/New_York"
	office.Hours = []calendar.Span{{From: "09:00", To: "17:00"}}
	ny, err := calendar.New(office)
	if err != nil {
		t.Fatal(err)
	}
	nyLoc := ny.Location()
	fri := time.Date(2025, 3, 7, 16, 0, 0, 0, nyLoc) // DST starts Sunday March 9
	due, err := ny.AddWorkingHours(fri, 2*time.Hour)
	if want := time.Date(2025, 3, 10, 10, 0, 0, 0, nyLoc); err != nil || !due.Equal(want) {
		t.Errorf("New York over the DST weekend: %v, %v; want %v", due, err, want)
	}
	if w, _ := ny.WorkingTimeBetween(fri, due); w != 2*time.Hour {
		t.Errorf("WorkingTimeBetween = %v, want 2h", w)
	}
}

// TestOtherZoneInstants: the calendar reads instants on its own wall clock,
// whatever their location.
func TestOtherZoneInstants(t *testing.T) {
	c := calendar.China()
	// 2025-09-30 20:00 UTC is October 1 04:00 in Beijing: a holiday.
	utc := time.Date(2025, 9, 30, 20, 0, 0, 0, time.UTC)
	if ok, err := c.IsWorkingDay(utc); err != nil || ok {
		t.Errorf("IsWorkingDay(%v) = %v, %v; want false (Oct 1 in Beijing)", utc, ok, err)
	}
	due, err := c.AddWorkingDays(utc, 1)
	if err != nil || due.Location() != c.Location() || due.Format("2006-01-02 15:04") != "2025-10-09 17:30" {
		t.Errorf("AddWorkingDays = %v, %v", due, err)
	}
}

// TestConcurrentUse shares one calendar between goroutines; run with -race.
func TestConcurrentUse(t *testing.T) {
	c := calendar.China()
	start := time.Date(2025, 1, 2, 10, 0, 0, 0, c.Location())
	want, _ := c.AddWorkingDays(start, 40)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				got, err := c.AddWorkingDays(start, 40)
				if err != nil || !got.Equal(want) {
					t.Errorf("goroutine %d: %v, %v", g, got, err)
					return
				}
				if _, err := c.WorkingTimeBetween(start, start.AddDate(0, 0, i)); err != nil {
					t.Error(err)
					return
				}
				if _, err := c.Day(start.AddDate(0, 0, i)); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
}
