package calendar

import "time"

// The fast paths below do in integers what the general code in working.go
// does with time.Time values. They apply when every instant involved lies
// in one zone segment, a day away from any change of UTC offset (all of
// Asia/Shanghai's covered years); otherwise the callers fall back to the
// general code.

// split returns the epoch day and wall-clock nanosecond of t, and whether
// t lies in the fixed-offset window.
func (c *Calendar) split(t time.Time) (day, ns int64, ok bool) {
	u := t.Unix()
	off, ok := c.safe(u)
	if !ok {
		return 0, 0, false
	}
	l := u + off
	day = floorDiv(l, 86400)
	return day, (l-day*86400)*1e9 + int64(t.Nanosecond()), true
}

// overlap returns the working nanoseconds of a working day inside the
// wall-clock window [lo, hi).
func (c *Calendar) overlap(lo, hi int64) int64 {
	var sum int64
	for _, s := range c.spans {
		x, y := max(lo, s.from), min(hi, s.to)
		if x < y {
			sum += y - x
		}
	}
	return sum
}

// addHoursFast is AddWorkingHours for d > 0 on the fast path. ok is false
// when the fast path does not apply; err is a range error.
func (c *Calendar) addHoursFast(t time.Time, d int64) (due time.Time, ok bool, err error) {
	day, ns, ok := c.split(t)
	if !ok {
		return time.Time{}, false, nil
	}
	if err := c.check(day); err != nil {
		return time.Time{}, true, err
	}
	if c.working(day) {
		for _, s := range c.spans {
			if ns >= s.to {
				continue
			}
			a := max(ns, s.from)
			if avail := s.to - a; d <= avail {
				return c.at(day, a+d), true, nil
			} else {
				d -= avail
			}
		}
	}
	k := (d - 1) / c.daily // whole working days before the last one
	r := c.rankOf(day)
	if k >= c.total-r {
		return time.Time{}, true, c.rangeErr(c.last + 1)
	}
	last, err := c.selectDay(r + k + 1)
	if err != nil {
		return time.Time{}, true, err
	}
	if !c.fast(day, last) {
		return time.Time{}, false, nil
	}
	d -= k * c.daily // now 0 < d <= c.daily
	for _, s := range c.spans {
		if avail := s.to - s.from; d <= avail {
			return c.at(last, s.from+d), true, nil
		} else {
			d -= avail
		}
	}
	return c.at(last, c.close), true, nil // unreachable: d <= c.daily
}

// betweenFast is WorkingTimeBetween for a < b on the fast path.
func (c *Calendar) betweenFast(a, b time.Time) (w time.Duration, ok bool, err error) {
	da, na, ok1 := c.split(a)
	db, nb, ok2 := c.split(b)
	if !ok1 || !ok2 {
		return 0, false, nil
	}
	if nb == 0 && db > da { // b is 24:00 of the day before
		db, nb = db-1, dayNanos
	}
	if err := c.check(da); err != nil {
		return 0, true, err
	}
	if err := c.check(db); err != nil {
		return 0, true, err
	}
	if !c.fast(da, db) {
		return 0, false, nil
	}
	if da == db {
		if !c.working(da) {
			return 0, true, nil
		}
		return time.Duration(c.overlap(na, nb)), true, nil
	}
	var sum int64
	if c.working(da) {
		sum += c.overlap(na, dayNanos)
	}
	if c.working(db) {
		sum += c.overlap(0, nb)
	}
	sum += (c.rankOf(db-1) - c.rankOf(da)) * c.daily
	return time.Duration(sum), true, nil
}
