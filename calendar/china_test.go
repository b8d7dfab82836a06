package calendar_test

import (
	"bufio"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/google/go-cmp/cmp"
)

// readOffDays reads testdata/off-days.txt: date -> "off" | "work".
func readOffDays(t *testing.T) map[calendar.Date]string {
	t.Helper()
	f, err := os.Open("testdata/off-days.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[calendar.Date]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		ds, kind, _ := strings.Cut(line, " ")
		d, err := calendar.ParseDate(ds)
		if err != nil {
			t.Fatal(err)
		}
		out[d] = kind
	}
	return out
}

// TestChinaEveryDay checks all 1095 days of the notices of the China
// preset against the notices written out day by day.
func TestChinaEveryDay(t *testing.T) {
	c := calendar.China()
	special := readOffDays(t)
	perYear := map[int]int{}
	for d := (calendar.Date{Year: 2025, Month: 1, Day: 1}); d.Year < 2028; d = d.AddDays(1) {
		want := d.Weekday() != time.Saturday && d.Weekday() != time.Sunday
		switch special[d] {
		case "off":
			want = false
		case "work":
			if d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
				t.Errorf("make-up day %s is not on a weekend", d)
			}
			want = true
		}
		got, err := c.IsWorkingDay(d.In(c.Location()).Add(12 * time.Hour))
		if err != nil || got != want {
			t.Errorf("IsWorkingDay(%s) = %v, %v; want %v", d, got, err, want)
		}
		if got {
			perYear[d.Year]++
		}
	}
	// 261 weekdays in each year, minus the weekdays off, plus the make-up days.
	if diff := cmp.Diff(map[int]int{2025: 248, 2026: 248, 2027: 248}, perYear); diff != "" {
		t.Errorf("working days per year (-want +got):\n%s", diff)
	}
}

func TestChinaMatchesTestdata(t *testing.T) {
	f, err := os.Open("testdata/china.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	loaded, err := calendar.Load(f)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(calendar.ChinaConfig(), loaded.Config()); diff != "" {
		t.Errorf("testdata vs preset (-preset +testdata):\n%s", diff)
	}
}

func TestChinaDeadlines(t *testing.T) {
	c := calendar.China()
	loc := c.Location()
	at := func(s string) time.Time {
		t.Helper()
		x, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	tests := []struct {
		name string
		p    calendar.Period
		from string
		want string
	}{
		// Received Friday afternoon: day 1 is Monday.
		{"friday+1wd", calendar.Period{N: 1, Unit: calendar.WorkingDays}, "2025-03-07 15:00", "2025-03-10 17:30"},
		// Received Saturday: the same deadline.
		{"saturday+1wd", calendar.Period{N: 1, Unit: calendar.WorkingDays}, "2025-03-08 10:00", "2025-03-10 17:30"},
		// Received before opening on Monday: Monday is the day of receipt, not counted.
		{"monday-early+1wd", calendar.Period{N: 1, Unit: calendar.WorkingDays}, "2025-03-10 07:00", "2025-03-11 17:30"},
		// Same working day.
		{"same-day", calendar.Period{N: 0, Unit: calendar.WorkingDays}, "2025-03-10 16:00", "2025-03-10 17:30"},
		{"same-day-after-close", calendar.Period{N: 0, Unit: calendar.WorkingDays}, "2025-03-10 18:00", "2025-03-11 17:30"},
		// National Day 2025: off Oct 1-8, make-up Sat Oct 11 counts.
		{"national-day-5wd", calendar.Period{N: 5, Unit: calendar.WorkingDays}, "2025-09-30 10:00", "2025-10-14 17:30"},
		{"makeup-saturday-is-day-3", calendar.Period{N: 3, Unit: calendar.WorkingDays}, "2025-09-30 10:00", "2025-10-11 17:30"},
		// Spring Festival 2026: off Feb 15-23, make-up Sat Feb 14 and Sat Feb 28.
		{"spring-2026-5wd", calendar.Period{N: 5, Unit: calendar.WorkingDays}, "2026-02-13 09:00", "2026-02-27 17:30"},
		{"spring-2026-1wd-from-friday", calendar.Period{N: 1, Unit: calendar.WorkingDays}, "2026-02-13 09:00", "2026-02-14 17:30"},
		// Petition regulation: contest within 5 working days; handle within 60 days.
		{"petition-60d", calendar.Period{N: 60, Unit: calendar.NaturalDays}, "2025-03-01 10:00", "2025-05-01 00:00"},
		// Last day a holiday: Sep 30 + 1 day = Oct 1 (off to Oct 8), so ends Oct 9 24:00.
		{"natural-last-day-holiday", calendar.Period{N: 1, Unit: calendar.NaturalDays}, "2025-09-30 10:00", "2025-10-10 00:00"},
		// Last day a make-up Saturday: a working day, no move.
		{"natural-last-day-makeup", calendar.Period{N: 2, Unit: calendar.NaturalDays}, "2025-10-09 10:00", "2025-10-12 00:00"},
		// Last day an ordinary Sunday: moves to Monday.
		{"natural-last-day-sunday", calendar.Period{N: 2, Unit: calendar.NaturalDays}, "2025-03-07 10:00", "2025-03-11 00:00"},
		// Working hours skip the lunch break, the night and the weekend.
		{"2wh-over-lunch", calendar.Period{N: 2, Unit: calendar.WorkingHours}, "2025-03-10 11:00", "2025-03-10 14:30"},
		{"4wh-over-weekend", calendar.Period{N: 4, Unit: calendar.WorkingHours}, "2025-03-07 16:30", "2025-03-10 12:00"},
		{"ends-at-close", calendar.Period{N: 1, Unit: calendar.WorkingHours}, "2025-03-10 16:30", "2025-03-10 17:30"},
		{"24h-natural", calendar.Period{N: 24, Unit: calendar.Hours}, "2025-09-30 20:30", "2025-10-01 20:30"},
		{"30min-before-opening", calendar.Period{N: 30, Unit: calendar.WorkingMinutes}, "2025-03-10 07:00", "2025-03-10 09:30"},
		{"months-jan31", calendar.Period{N: 1, Unit: calendar.Months}, "2025-01-31 10:00", "2025-03-01 00:00"},
		{"months-to-holiday", calendar.Period{N: 1, Unit: calendar.Months}, "2025-09-01 10:00", "2025-10-10 00:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.p.Deadline(c, at(tt.from))
			if err != nil {
				t.Fatal(err)
			}
			if want := at(tt.want); !got.Equal(want) {
				t.Errorf("%v from %s = %s; want %s", tt.p, tt.from, got.Format("2006-01-02 15:04"), tt.want)
			}
		})
	}
}

func TestOutOfRange(t *testing.T) {
	c := calendar.China()
	loc := c.Location()
	before := time.Date(2024, 12, 31, 10, 0, 0, 0, loc)
	late := time.Date(2110, 12, 28, 10, 0, 0, 0, loc)
	calls := map[string]func() error{
		"IsWorkingDay":       func() error { _, err := c.IsWorkingDay(before); return err },
		"Day":                func() error { _, err := c.Day(before); return err },
		"NextWorkingInstant": func() error { _, err := c.NextWorkingInstant(time.Date(2110, 12, 31, 18, 0, 0, 0, loc)); return err },
		"AddWorkingDays":     func() error { _, err := c.AddWorkingDays(late, 5); return err },
		"AddWorkingDaysHuge": func() error { _, err := c.AddWorkingDays(late, 1<<40); return err },
		"AddWorkingHours":    func() error { _, err := c.AddWorkingHours(late, 100*time.Hour); return err },
		"AddNaturalDays":     func() error { _, err := c.AddNaturalDays(late, 5); return err },
		"AddNaturalDaysHuge": func() error { _, err := c.AddNaturalDays(late, 1<<40); return err },
		"AddMonths":          func() error { _, err := c.AddMonths(late, 1); return err },
		"AddMonthsHuge":      func() error { _, err := c.AddMonths(late, 1<<40); return err },
		"WorkingTimeBetween": func() error { _, err := c.WorkingTimeBetween(before, late); return err },
		"WorkingDaysBetween": func() error { _, err := c.WorkingDaysBetween(late, late.AddDate(0, 1, 0)); return err },
	}
	for name, call := range calls {
		err := call()
		var re *calendar.RangeError
		if !errors.Is(err, calendar.ErrOutOfRange) || !errors.As(err, &re) {
			t.Errorf("%s: got %v, want a *RangeError", name, err)
			continue
		}
		if re.First != 2025 || re.Last != 2110 || (re.Date.Year >= 2025 && re.Date.Year <= 2110) {
			t.Errorf("%s: RangeError %+v does not name an uncovered day", name, re)
		}
	}
	// A last day moved past the covered years (a calendar of 2025-2026
	// only: 2026-12-31 is a Thursday, 2027 would be needed when it is off).
	short, err := calendar.New(calendar.Config{Years: []calendar.Schedule{calendar.China2025(), {Year: 2026, Holidays: []calendar.Holiday{{Name: "x", From: "2026-12-31"}}}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := short.AddNaturalDays(time.Date(2026, 12, 30, 9, 0, 0, 0, loc), 1); !errors.Is(err, calendar.ErrOutOfRange) {
		t.Errorf("NaturalLastDayShift: got %v, want ErrOutOfRange", err)
	}
	// 24:00 of the last covered day is a valid end of an interval.
	end := time.Date(2111, 1, 1, 0, 0, 0, 0, loc)
	if _, err := c.WorkingTimeBetween(late, end); err != nil {
		t.Errorf("WorkingTimeBetween up to 24:00 of 2110-12-31: %v", err)
	}
	if n, err := c.WorkingDaysBetween(late, end); err != nil || n != 3 {
		t.Errorf("WorkingDaysBetween up to 24:00 of 2110-12-31 = %d, %v; want 3", n, err)
	}
}

// Issue 13, done when: a deadline computes without error for any start
// from 2025-01-01 to 2100-12-31 (with ten years of headroom for long
// limits), and says whether it is provisional.
func TestEveryStartComputes(t *testing.T) {
	c := calendar.China()
	loc := c.Location()
	limits := []calendar.Period{
		{N: 15, Unit: calendar.WorkingDays}, {N: 60, Unit: calendar.NaturalDays}, {N: 30, Unit: calendar.WorkingHours},
		{N: 24, Unit: calendar.Months}, {N: 10, Unit: calendar.NaturalDaysToClose},
	}
	provisional := 0
	for d := (calendar.Date{Year: 2025, Month: 1, Day: 1}); d.Year <= 2100; d = d.AddDays(1) {
		from := d.In(loc).Add(10 * time.Hour)
		for _, p := range limits {
			due, err := p.Due(c, from)
			if err != nil {
				t.Fatalf("%v from %s: %v", p, d, err)
			}
			if due.Provisional {
				provisional++
			}
			if due.Provisional != (due.Reason != "") || !due.At.After(from) {
				t.Fatalf("%v from %s: %+v", p, d, due)
			}
		}
	}
	if provisional == 0 {
		t.Error("no provisional deadline")
	}
}
