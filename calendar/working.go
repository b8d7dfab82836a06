package calendar

import (
	"time"
)

// NextWorkingInstant returns t itself (in the calendar's zone) if t lies
// in working hours of a working day, and otherwise the start of the next
// working-hour span.
func (c *Calendar) NextWorkingInstant(t time.Time) (time.Time, error) {
	if !c.ok() {
		return time.Time{}, errZero()
	}
	t = t.In(c.loc)
	d := c.dayOf(t)
	if err := c.check(d); err != nil {
		return time.Time{}, err
	}
	r := c.rankOf(d)
	if !c.working(d) {
		r++ // the first working day after d
		var err error
		if d, err = c.selectDay(r); err != nil {
			return time.Time{}, err
		}
	}
	for {
		for _, s := range c.spans {
			a, b := c.at(d, s.from), c.at(d, s.to)
			if !t.Before(b) || !a.Before(b) {
				continue // over, or swallowed by a clock change
			}
			if t.Before(a) {
				return a, nil
			}
			return t, nil
		}
		r++
		var err error
		if d, err = c.selectDay(r); err != nil {
			return time.Time{}, err
		}
	}
}

// AddWorkingDays returns the deadline of a limit of n working days for a
// request received at t: the close of business (end of the last working
// span; 24:00 for an all-day calendar) of the n-th working day after the
// day of receipt. The day of receipt is never counted, whether t falls
// inside, before or after its working hours, and whether or not that day
// is a working day (the usual administrative reading, as for the periods
// of the Civil Code, art. 201). So a request received on Friday with
// n = 1 is due at close of business on Monday (if Monday is a working
// day), and one received on Saturday is due at the same time.
//
// n = 0 means "the same working day": the close of business of t's day if
// that is a working day and t is before its close, otherwise the close of
// the next working day.
//
// The deadline is the first instant at which WorkingDaysBetween(t, ·)
// reaches n. A negative n returns ErrInvalidPeriod. The day of t and every
// day up to the deadline must be covered, else the error wraps
// ErrOutOfRange.
func (c *Calendar) AddWorkingDays(t time.Time, n int) (time.Time, error) {
	if !c.ok() {
		return time.Time{}, errZero()
	}
	if n < 0 {
		return time.Time{}, &PeriodError{Period{n, WorkingDays}, "negative count"}
	}
	d := c.dayOf(t)
	if err := c.check(d); err != nil {
		return time.Time{}, err
	}
	if n == 0 {
		if c.working(d) {
			if end := c.at(d, c.close); t.Before(end) {
				return end, nil
			}
		}
		n = 1
	}
	if int64(n) > c.total {
		return time.Time{}, c.rangeErr(c.last + 1)
	}
	due, err := c.selectDay(c.rankOf(d) + int64(n))
	if err != nil {
		return time.Time{}, err
	}
	return c.at(due, c.close), nil
}

// WorkingDaysBetween counts the working days that have fully elapsed
// between a request received at a and the instant b: the working days
// after a's day whose close of business is at or before b. It is the
// counterpart of AddWorkingDays: for n >= 1,
// WorkingDaysBetween(t, AddWorkingDays(t, n)) == n, one nanosecond earlier
// it is n-1. It is 0 when b is not after a.
func (c *Calendar) WorkingDaysBetween(a, b time.Time) (int, error) {
	if !c.ok() {
		return 0, errZero()
	}
	da := c.dayOf(a)
	if err := c.check(da); err != nil {
		return 0, err
	}
	if !a.Before(b) {
		return 0, nil
	}
	// b is an exclusive end: only days up to that of b-1ns matter, so
	// 24:00 of the last covered day is fine.
	db := c.dayOf(b.Add(-1))
	if err := c.check(db); err != nil {
		return 0, err
	}
	last := db
	if c.working(db) && b.Before(c.at(db, c.close)) {
		last--
	}
	if last <= da {
		return 0, nil
	}
	return int(c.rankOf(last) - c.rankOf(da)), nil
}

// AddWorkingHours returns the instant at which d of working time has
// elapsed since t: time inside the working hours of working days counts,
// everything else (nights, lunch breaks, weekends, holidays) does not. If
// t is outside working hours the clock starts at the next working instant.
// The result is the earliest instant e with WorkingTimeBetween(t, e) == d,
// so a limit that runs out exactly at the end of a span ends there (say
// 17:30), not at the start of the next one. d = 0 returns t. A negative d
// returns ErrInvalidPeriod.
func (c *Calendar) AddWorkingHours(t time.Time, d time.Duration) (time.Time, error) {
	if !c.ok() {
		return time.Time{}, errZero()
	}
	if d < 0 {
		return time.Time{}, &PeriodError{Period{int(d / time.Minute), WorkingMinutes}, "negative duration"}
	}
	if d > 0 {
		if due, ok, err := c.addHoursFast(t, int64(d)); ok {
			return due, err
		}
	}
	t = t.In(c.loc)
	day := c.dayOf(t)
	if err := c.check(day); err != nil {
		return time.Time{}, err
	}
	if d == 0 {
		return t, nil
	}
	if c.working(day) {
		for _, s := range c.spans {
			b := c.at(day, s.to)
			if !t.Before(b) {
				continue
			}
			a := c.at(day, s.from)
			if a.Before(t) {
				a = t
			}
			avail := b.Sub(a)
			if avail <= 0 {
				continue // a span swallowed by a clock change
			}
			if d <= avail {
				return a.Add(d), nil
			}
			d -= avail
		}
	}
	r := c.rankOf(day)
	for {
		// Skip whole working days at once where the offset is constant.
		if k := (int64(d) - 1) / c.daily; k > 0 && r+k < c.total {
			if nd, err := c.selectDay(r + k); err == nil && c.fast(day, nd) {
				day, r, d = nd, r+k, d-time.Duration(k*c.daily)
				continue
			}
		}
		next, err := c.selectDay(r + 1)
		if err != nil {
			return time.Time{}, err
		}
		day, r = next, r+1
		for _, s := range c.spans {
			a, b := c.at(day, s.from), c.at(day, s.to)
			avail := b.Sub(a)
			if avail <= 0 {
				continue // a span swallowed by a clock change
			}
			if d <= avail {
				return a.Add(d), nil
			}
			d -= avail
		}
	}
}

// WorkingTimeBetween returns the working time in [a, b): the time inside
// working hours of working days. It is negative if b is before a, and
// additive: WorkingTimeBetween(a, b) + WorkingTimeBetween(b, c) ==
// WorkingTimeBetween(a, c) for any a, b, c.
func (c *Calendar) WorkingTimeBetween(a, b time.Time) (time.Duration, error) {
	if !c.ok() {
		return 0, errZero()
	}
	if b.Before(a) {
		w, err := c.WorkingTimeBetween(b, a)
		return -w, err
	}
	if a.Before(b) {
		if w, ok, err := c.betweenFast(a, b); ok {
			return w, err
		}
	}
	da := c.dayOf(a)
	if err := c.check(da); err != nil {
		return 0, err
	}
	if a.Equal(b) {
		return 0, nil
	}
	// [a, b) ends with the day of b-1ns, so 24:00 of the last covered day
	// is a valid end.
	db := c.dayOf(b.Add(-1))
	if err := c.check(db); err != nil {
		return 0, err
	}
	total := c.within(da, a, b)
	if db == da {
		return total, nil
	}
	total += c.within(db, a, b)
	ra, rb := c.rankOf(da), c.rankOf(db-1)
	if k := rb - ra; k > 0 {
		if c.fast(da, db) {
			total += time.Duration(k * c.daily)
		} else {
			for r := ra + 1; r <= rb; r++ {
				d, err := c.selectDay(r)
				if err != nil {
					return 0, err
				}
				total += c.within(d, a, b)
			}
		}
	}
	return total, nil
}

// within returns the working time of covered day d inside [a, b).
func (c *Calendar) within(d int64, a, b time.Time) time.Duration {
	if !c.working(d) {
		return 0
	}
	var sum time.Duration
	for _, s := range c.spans {
		x, y := c.at(d, s.from), c.at(d, s.to)
		if x.Before(a) {
			x = a
		}
		if b.Before(y) {
			y = b
		}
		if x.Before(y) {
			sum += y.Sub(x)
		}
	}
	return sum
}

// SubWorkingDays returns the close of business of the n-th working day
// before the day that t ends: the day of the instant just before t, so that
// a deadline at 24:00 belongs to the day it closes. It answers "one working
// day before the deadline", e.g. the last moment to ask for an extension.
// For a deadline e = AddWorkingDays(t, n), SubWorkingDays(e, n) is the
// close of the last working day on or before t's day. n = 0 returns t; a
// negative n returns ErrInvalidPeriod.
func (c *Calendar) SubWorkingDays(t time.Time, n int) (time.Time, error) {
	if !c.ok() {
		return time.Time{}, errZero()
	}
	if n < 0 {
		return time.Time{}, &PeriodError{Period{n, WorkingDays}, "negative count"}
	}
	d := c.dayOf(t.Add(-1))
	if err := c.check(d); err != nil {
		return time.Time{}, err
	}
	if n == 0 {
		return t.In(c.loc), nil
	}
	r := c.rankOf(d-1) - int64(n) + 1
	if r < 1 {
		return time.Time{}, c.rangeErr(c.first - 1)
	}
	due, err := c.selectDay(r)
	if err != nil {
		return time.Time{}, err
	}
	return c.at(due, c.close), nil
}
