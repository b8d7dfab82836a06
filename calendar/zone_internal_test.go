package calendar

import (
	"testing"
	"time"

	_ "time/tzdata"
)

// TestWallTime compares wallTime with a scan for the first minute whose
// wall clock reads the wanted time or later, around every change of
// offset of several zones in 2019-2030.
func TestWallTime(t *testing.T) {
	for _, zone := range []string{"Europe/Berlin", "America/Havana", "America/Santiago", "Australia/Lord_Howe", "Asia/Shanghai", "America/New_York"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range []Date{{2040, 12, 30}, {2040, 12, 31}, {2041, 1, 1}} {
			for ns := int64(0); ns <= dayNanos; ns += int64(time.Hour) {
				if got, want := wallTime(loc, epochDay(d), ns), scanWall(loc, epochDay(d), ns); !got.Equal(want) {
					t.Fatalf("%s %s +%v: got %v, want %v", zone, d, time.Duration(ns), got, want)
				}
			}
		}
		at := time.Date(2024, 1, 1, 0, 0, 0, 0, loc)
		for at.Year() < 2028 {
			_, end := at.ZoneBounds()
			if end.IsZero() || !end.After(at) {
				break
			}
			day := epochDay(DateOf(end, loc))
			for d := day - 1; d <= day+1; d++ {
				for ns := int64(0); ns <= dayNanos; ns += int64(30 * time.Minute) {
					got := wallTime(loc, d, ns)
					want := scanWall(loc, d, ns)
					if !got.Equal(want) {
						t.Fatalf("%s %s +%v: got %v, want %v", zone, civil(d), time.Duration(ns), got, want)
					}
				}
			}
			at = end
		}
	}
}

func scanWall(loc *time.Location, d, ns int64) time.Time {
	x := civil(d)
	target := time.Date(x.Year, x.Month, x.Day, 0, 0, 0, 0, time.UTC).Add(time.Duration(ns))
	// Offsets lie within -12h..+14h; the zones tested change them on a
	// quarter-hour grid, so a quarter-hour scan finds the exact instant.
	for u := target.Add(-15 * time.Hour); ; u = u.Add(15 * time.Minute) {
		lt := u.In(loc)
		wall := time.Date(lt.Year(), lt.Month(), lt.Day(), lt.Hour(), lt.Minute(), lt.Second(), 0, time.UTC)
		if !wall.Before(target) {
			return lt
		}
	}
}
