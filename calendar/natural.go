package calendar

import "time"

// AddNaturalDays returns the end of a period of n natural (calendar) days
// that starts at t, counted as the Civil Code prescribes (arts. 201-203):
// the day of t is not counted, so the period's last day is the n-th day
// after it; if that last day is not a working day (a weekend or a
// statutory holiday, 法定休假日), the period ends on the next working day
// instead (a make-up working day counts as one); and the period ends at
// 24:00 of its last day, returned as 00:00 of the following day. n = 0
// means the end of t's own day (moved the same way).
//
// The Civil Code lets a period end at close of business where business
// hours apply (art. 203); use AddWorkingDays for such limits.
func (c *Calendar) AddNaturalDays(t time.Time, n int) (time.Time, error) {
	if !c.ok() {
		return time.Time{}, errZero()
	}
	if n < 0 {
		return time.Time{}, &PeriodError{Period{n, NaturalDays}, "negative count"}
	}
	d := c.dayOf(t)
	if err := c.check(d); err != nil {
		return time.Time{}, err
	}
	if int64(n) > c.last-d {
		return time.Time{}, c.rangeErr(c.last + 1)
	}
	return c.endOfPeriod(d + int64(n))
}

// AddMonths returns the end of a period of n months that starts at t
// (Civil Code arts. 201-203): the last day is the day of the n-th month
// after t's month with the same number as t's day, or that month's last
// day if it has no such day (January 31 plus one month ends on February
// 28 or 29); a last day that is not a working day moves to the next
// working day; the period ends at 24:00, returned as 00:00 of the
// following day.
func (c *Calendar) AddMonths(t time.Time, n int) (time.Time, error) {
	if !c.ok() {
		return time.Time{}, errZero()
	}
	if n < 0 {
		return time.Time{}, &PeriodError{Period{n, Months}, "negative count"}
	}
	d := c.dayOf(t)
	if err := c.check(d); err != nil {
		return time.Time{}, err
	}
	x := civil(d)
	if n > 12*(c.lastYear-x.Year+1) {
		return time.Time{}, c.rangeErr(c.last + 1)
	}
	m := int(x.Month) - 1 + n
	y, mo := x.Year+m/12, time.Month(m%12+1)
	last := Date{y, mo, min(x.Day, daysIn(y, mo))}
	if !last.Valid() {
		return time.Time{}, c.rangeErr(c.last + 1)
	}
	return c.endOfPeriod(epochDay(last))
}

// endOfPeriod moves last to the next working day if needed and returns
// 24:00 of it.
func (c *Calendar) endOfPeriod(last int64) (time.Time, error) {
	if err := c.check(last); err != nil {
		return time.Time{}, err
	}
	if !c.working(last) {
		next, err := c.selectDay(c.rankOf(last) + 1)
		if err != nil {
			return time.Time{}, err
		}
		last = next
	}
	return c.at(last, dayNanos), nil
}
