package calendar_test

import (
	"errors"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"pgregory.net/rapid"
)

// drawCalendar draws the China preset, the 24x7 preset or a random config,
// with its reference model.
func drawCalendar(t *rapid.T) (*calendar.Calendar, model) {
	var cfg calendar.Config
	switch rapid.IntRange(0, 5).Draw(t, "source") {
	case 0:
		cfg = calendar.ChinaConfig()
	case 1:
		cfg = calendar.RoundTheClockConfig()
		cfg.Zone = rapid.SampledFrom(zones).Draw(t, "zone")
	default:
		cfg = genConfig(t)
	}
	c, err := calendar.New(cfg)
	if err != nil {
		t.Fatalf("New(%+v): %v", cfg, err)
	}
	return c, newModel(cfg)
}

func (m model) nextWorkingInstant(t time.Time) (time.Time, bool) {
	for d := m.date(t); ; d = d.AddDays(1) {
		if !m.covered(d) {
			return time.Time{}, false
		}
		if !m.working(d) {
			continue
		}
		for _, s := range m.spans {
			x, y := m.at(d, s[0]), m.at(d, s[1])
			if !t.Before(y) || !x.Before(y) {
				continue
			}
			if x.Before(t) {
				return t, true
			}
			return x, true
		}
	}
}

// checkSame compares a calendar result with the model's.
func checkSame(t *rapid.T, what string, got time.Time, err error, want time.Time, ok bool) {
	t.Helper()
	if !ok {
		if !errors.Is(err, calendar.ErrOutOfRange) {
			t.Fatalf("%s: got %v, %v; want ErrOutOfRange", what, got, err)
		}
		return
	}
	if err != nil || !got.Equal(want) {
		t.Fatalf("%s: got %v, %v; want %v", what, got, err, want)
	}
}

func TestMatchesModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c, m := drawCalendar(t)
		a := genInstant(t, m, "a")
		b := genInstant(t, m, "b")
		n := rapid.IntRange(0, 40).Draw(t, "n")
		dur := time.Duration(rapid.IntRange(0, 400*60).Draw(t, "minutes")) * time.Minute

		w, err := c.IsWorkingDay(a)
		if err != nil || w != m.working(m.date(a)) {
			t.Fatalf("IsWorkingDay(%v) = %v, %v; want %v", a, w, err, m.working(m.date(a)))
		}
		got, err := c.AddWorkingDays(a, n)
		want, ok := m.addWorkingDays(a, n)
		checkSame(t, "AddWorkingDays", got, err, want, ok)

		got, err = c.AddWorkingHours(a, dur)
		want, ok = m.addWorkingHours(a, dur)
		checkSame(t, "AddWorkingHours", got, err, want, ok)

		got, err = c.AddNaturalDays(a, n)
		want, ok = m.addNaturalDays(a, n)
		checkSame(t, "AddNaturalDays", got, err, want, ok)

		got, err = c.NextWorkingInstant(a)
		want, ok = m.nextWorkingInstant(a)
		checkSame(t, "NextWorkingInstant", got, err, want, ok)

		lo, hi := a, b
		if hi.Before(lo) {
			lo, hi = hi, lo
		}
		wt, err := c.WorkingTimeBetween(lo, hi)
		if wantWT := m.workingTime(lo, hi); err != nil || wt != wantWT {
			t.Fatalf("WorkingTimeBetween(%v, %v) = %v, %v; want %v", lo, hi, wt, err, wantWT)
		}
	})
}

func TestWorkingDaysRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c, m := drawCalendar(t)
		a := genInstant(t, m, "a")
		n := rapid.IntRange(1, 300).Draw(t, "n")
		e, err := c.AddWorkingDays(a, n)
		if errors.Is(err, calendar.ErrOutOfRange) {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if got, err := c.WorkingDaysBetween(a, e); err != nil || got != n {
			t.Fatalf("WorkingDaysBetween(%v, %v) = %d, %v; want %d", a, e, got, err, n)
		}
		if got, err := c.WorkingDaysBetween(a, e.Add(-time.Nanosecond)); err != nil || got != n-1 {
			t.Fatalf("one ns before the deadline: WorkingDaysBetween = %d, %v; want %d", got, err, n-1)
		}
		// The last counted day is a working day, never a day off.
		day, err := c.Day(e.Add(-time.Nanosecond))
		if err != nil || !day.Working || day.Kind == calendar.DayOff || day.Kind == calendar.RestDay {
			t.Fatalf("deadline day %v, %v: want a working day", day, err)
		}
	})
}

func TestWorkingHoursRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c, m := drawCalendar(t)
		a := genInstant(t, m, "a")
		d := time.Duration(rapid.Int64Range(1, int64(2000*time.Hour)).Draw(t, "d"))
		e, err := c.AddWorkingHours(a, d)
		if errors.Is(err, calendar.ErrOutOfRange) {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if got, err := c.WorkingTimeBetween(a, e); err != nil || got != d {
			t.Fatalf("WorkingTimeBetween(a, AddWorkingHours(a, %v)) = %v, %v", d, got, err)
		}
		if got, _ := c.WorkingTimeBetween(a, e.Add(-time.Nanosecond)); got != d-time.Nanosecond {
			t.Fatalf("deadline not minimal: one ns earlier %v of %v elapsed", got, d)
		}
		if ok, _ := c.IsWorkingDay(e.Add(-time.Nanosecond)); !ok {
			t.Fatalf("AddWorkingHours ended at %v, just after a non-working day", e)
		}
	})
}

func TestMonotone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c, m := drawCalendar(t)
		a, b := genInstant(t, m, "a"), genInstant(t, m, "b")
		if b.Before(a) {
			a, b = b, a
		}
		n1 := rapid.IntRange(0, 30).Draw(t, "n1")
		n2 := rapid.IntRange(n1, 31).Draw(t, "n2")
		d1 := time.Duration(rapid.IntRange(0, 100).Draw(t, "h1")) * time.Hour
		d2 := d1 + time.Duration(rapid.IntRange(0, 100).Draw(t, "h2"))*time.Minute
		type f func(time.Time) (time.Time, error)
		pairs := map[string][2]f{
			"AddWorkingDays n": {
				func(x time.Time) (time.Time, error) { return c.AddWorkingDays(x, n1) },
				func(x time.Time) (time.Time, error) { return c.AddWorkingDays(x, n2) }},
			"AddWorkingHours d": {
				func(x time.Time) (time.Time, error) { return c.AddWorkingHours(x, d1) },
				func(x time.Time) (time.Time, error) { return c.AddWorkingHours(x, d2) }},
			"AddNaturalDays n": {
				func(x time.Time) (time.Time, error) { return c.AddNaturalDays(x, n1) },
				func(x time.Time) (time.Time, error) { return c.AddNaturalDays(x, n2) }},
		}
		for name, p := range pairs {
			// Later start, same count: not earlier. Same start, larger count: not earlier.
			x1, err1 := p[0](a)
			x2, err2 := p[0](b)
			y2, err3 := p[1](a)
			if err1 != nil || err2 != nil || err3 != nil {
				continue
			}
			if x2.Before(x1) {
				t.Fatalf("%s: start %v -> %v but later start %v -> %v", name, a, x1, b, x2)
			}
			if y2.Before(x1) {
				t.Fatalf("%s: larger count ends earlier: %v < %v", name, y2, x1)
			}
			if x1.Before(a) {
				t.Fatalf("%s: deadline %v before start %v", name, x1, a)
			}
		}
	})
}

func TestWorkingTimeAdditive(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c, m := drawCalendar(t)
		a, b, x := genInstant(t, m, "a"), genInstant(t, m, "b"), genInstant(t, m, "c")
		ab, err1 := c.WorkingTimeBetween(a, b)
		bx, err2 := c.WorkingTimeBetween(b, x)
		ax, err3 := c.WorkingTimeBetween(a, x)
		ba, err4 := c.WorkingTimeBetween(b, a)
		if err := errors.Join(err1, err2, err3, err4); err != nil {
			t.Fatal(err)
		}
		if ab+bx != ax {
			t.Fatalf("not additive: %v + %v != %v", ab, bx, ax)
		}
		if ab != -ba {
			t.Fatalf("not antisymmetric: %v vs %v", ab, ba)
		}
	})
}

func TestMakeUpAndDaysOff(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c, m := drawCalendar(t)
		for d := range m.work {
			if !m.covered(d) {
				continue
			}
			day, err := c.Date(d)
			if err != nil || !day.Working || day.Kind != calendar.MakeUp {
				t.Fatalf("make-up day %s: %v, %v", d, day, err)
			}
		}
		for d := range m.off {
			if !m.covered(d) {
				continue
			}
			day, err := c.Date(d)
			if err != nil || day.Working || day.Kind != calendar.DayOff {
				t.Fatalf("day off %s: %v, %v", d, day, err)
			}
			// A day off adds no working time.
			start := d.In(c.Location())
			end := d.AddDays(1).In(c.Location())
			if w, err := c.WorkingTimeBetween(start, end); err != nil || w != 0 {
				t.Fatalf("day off %s has %v of working time (%v)", d, w, err)
			}
		}
	})
}

func TestCountWorkingDays(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c, m := drawCalendar(t)
		a := m.date(genInstant(t, m, "a"))
		b := m.date(genInstant(t, m, "b"))
		want := 0
		for d := a; !b.Before(d); d = d.AddDays(1) {
			if m.working(d) {
				want++
			}
		}
		got, err := c.CountWorkingDays(a, b)
		if err != nil || got != want {
			t.Fatalf("CountWorkingDays(%s, %s) = %d, %v; want %d", a, b, got, err, want)
		}
	})
}

func TestSubWorkingDays(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c, m := drawCalendar(t)
		a := genInstant(t, m, "a")
		n := rapid.IntRange(1, 60).Draw(t, "n")
		e, err := c.AddWorkingDays(a, n)
		if err != nil {
			return
		}
		back, err := c.SubWorkingDays(e, n)
		// The model: the close of the last working day on or before a's day.
		d := m.date(a)
		for m.covered(d) && !m.working(d) {
			d = d.AddDays(-1)
		}
		if !m.covered(d) {
			if !errors.Is(err, calendar.ErrOutOfRange) {
				t.Fatalf("SubWorkingDays(%v, %d) = %v, %v; want ErrOutOfRange", e, n, back, err)
			}
			return
		}
		if want := m.close(d); err != nil || !back.Equal(want) {
			t.Fatalf("SubWorkingDays(AddWorkingDays(%v, %d)) = %v, %v; want %v", a, n, back, err, want)
		}
		// Exactly n working days separate them (back-1ns: 24:00 closes its
		// day), unless a clock change swallowed the close of business.
		if m.date(back.Add(-time.Nanosecond)) != d {
			return
		}
		if k, err := c.WorkingDaysBetween(back.Add(-time.Nanosecond), e); err != nil || k != n {
			t.Fatalf("WorkingDaysBetween(%v, %v) = %d, %v; want %d", back, e, k, err, n)
		}
	})
}
