package calendar

import (
	"math"
	"slices"
	"time"
)

// A zone segment is a span of instants [lo, hi) (Unix seconds) in which the
// calendar's zone keeps the UTC offset off. The calendar precomputes the
// segments around its covered years so that the hot paths convert between
// instants and wall clock with integer arithmetic. Near a change of offset
// (within a day) and outside the precomputed span, the code falls back to
// time.Date, which resolves skipped and repeated wall times.
type zseg struct {
	lo, hi, off int64
	wallLo      int64 // lo + off: wall-clock seconds at which the segment starts
}

const (
	maxSegs = 4096 // bound on precomputed segments (about 2,000 years of DST)
	margin  = 86400
)

// setZones precomputes the zone segments over the covered years (for an
// AnyYear calendar, over 1970-2100, the rest taking the slow path). The
// end of each segment comes from time.Time.ZoneBounds, checked against the
// offsets on both sides; where ZoneBounds is unusable (it misreports some
// year ends of zones whose rules are extended past the tz database), the
// next change is found by scanning the offset day by day.
func (c *Calendar) setZones() {
	fy, ly := c.firstYear, c.lastYear
	if c.periodic {
		fy, ly = 1970, 2100
	}
	lo := epochDay(Date{fy, time.January, 1})*86400 - 3*86400
	hi := epochDay(Date{ly, time.December, 31})*86400 + 4*86400
	offAt := func(u int64) int64 {
		_, off := time.Unix(u, 0).In(c.loc).Zone()
		return int64(off)
	}
	for t := lo; t < hi && len(c.segs) < maxSegs; {
		off := offAt(t)
		next := int64(math.MaxInt64)
		if _, end := time.Unix(t, 0).In(c.loc).ZoneBounds(); !end.IsZero() {
			next = end.Unix()
			if next <= t || offAt(next-1) != off {
				next = c.scanChange(t, off, hi, offAt)
			}
		}
		next = min(next, hi+86400)
		if n := len(c.segs); n > 0 && c.segs[n-1].off == off && c.segs[n-1].hi == t {
			c.segs[n-1].hi = next // the same offset continues
		} else {
			c.segs = append(c.segs, zseg{lo: t, hi: next, off: off})
		}
		t = next
	}
	for i := range c.segs {
		c.segs[i].wallLo = c.segs[i].lo + c.segs[i].off
	}
}

// scanChange returns the first second after t at which the offset differs
// from off, or limit if there is none before it.
func (c *Calendar) scanChange(t, off, limit int64, offAt func(int64) int64) int64 {
	a := t
	for offAt(a+86400) == off {
		a += 86400
		if a >= limit {
			return limit
		}
	}
	b := a + 86400 // offAt(a) == off, offAt(b) != off
	for b-a > 1 {
		m := a + (b-a)/2
		if offAt(m) == off {
			a = m
		} else {
			b = m
		}
	}
	return b
}

// seg returns the index of the segment containing instant u, or -1.
func (c *Calendar) seg(u int64) int {
	s := c.segs
	if len(s) == 1 { // the usual case: no change of offset near the covered years
		if u >= s[0].lo && u < s[0].hi {
			return 0
		}
		return -1
	}
	i, j := 0, len(s) // last i with s[i].lo <= u
	for j-i > 1 {
		h := int(uint(i+j) >> 1)
		if s[h].lo <= u {
			i = h
		} else {
			j = h
		}
	}
	if len(s) == 0 || u < s[i].lo || u >= s[i].hi {
		return -1
	}
	return i
}

// wallSeg returns the segment in which wall-clock second w (seconds since
// the epoch on the wall clock) lies at least a day away from the
// segment's ends, or -1. Such a wall time has exactly one instant.
func (c *Calendar) wallSeg(w int64) int {
	s := c.segs
	i, j := 0, len(s) // last i with s[i].wallLo <= w
	for j-i > 1 {
		h := int(uint(i+j) >> 1)
		if s[h].wallLo <= w {
			i = h
		} else {
			j = h
		}
	}
	if len(s) == 0 {
		return -1
	}
	if u := w - s[i].off; u >= s[i].lo+margin && u < s[i].hi-margin {
		return i
	}
	return -1
}

// safe returns the offset of instant u if u lies at least a day inside a
// segment (so its whole wall-clock day has that offset).
func (c *Calendar) safe(u int64) (off int64, ok bool) {
	i := c.seg(u)
	if i < 0 || u < c.segs[i].lo+margin || u >= c.segs[i].hi-margin {
		return 0, false
	}
	return c.segs[i].off, true
}

// wallTime returns the instant at which the wall clock of loc first reads
// wall-clock nanosecond ns of epoch day d or later: the exact instant for
// an ordinary wall time, the first of the two for a time repeated when
// clocks go back, and the moment of the jump for a time skipped when
// clocks go forward (so a day that starts at 01:00 starts then). Unlike
// time.Date, this is monotone in the wall time.
func wallTime(loc *time.Location, d, ns int64) time.Time {
	x := civil(d)
	r := time.Date(x.Year, x.Month, x.Day, 0, 0, int(ns/1e9), int(ns%1e9), loc)
	w := d*86400 + ns/1e9 // wanted wall clock, whole seconds
	frac := ns % 1e9
	offAt := func(u int64) int64 {
		_, off := time.Unix(u, 0).In(loc).Zone()
		return int64(off)
	}
	u0 := r.Unix()
	o := offAt(u0)
	if u0+o == w && offAt(u0-26*3600) == o && offAt(u0+26*3600) == o {
		return r // no change of offset nearby: the instant is unique
	}
	// Near a change. Each offset in use nearby gives a candidate instant;
	// the valid ones show the wanted wall time, and the earliest wins.
	var offs []int64
	for k := int64(-27); k <= 27; k++ {
		if off := offAt(u0 + k*3600); !slices.Contains(offs, off) {
			offs = append(offs, off)
		}
	}
	best, lo, hi := int64(math.MaxInt64), int64(math.MaxInt64), int64(math.MinInt64)
	for _, off := range offs {
		u := w - off
		if offAt(u) == off {
			best = min(best, u)
		}
		lo, hi = min(lo, u), max(hi, u)
	}
	if best != math.MaxInt64 {
		return time.Unix(best, frac).In(loc)
	}
	// Skipped: the first second whose wall clock is past w is the jump.
	for hi-lo > 1 {
		m := lo + (hi-lo)/2
		if m+offAt(m) > w {
			hi = m
		} else {
			lo = m
		}
	}
	return time.Unix(hi, 0).In(loc)
}
