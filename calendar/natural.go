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
// Where the act must be done at a place of business, the period ends when
// business closes instead (art. 203 para. 2): use AddNaturalDaysToClose.
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

// AddNaturalDaysToClose returns the end of a period of n natural days that
// starts at t for an act that must be done at a place of business: the
// last day is found exactly as by AddNaturalDays (the day of t is not
// counted; a last day that is not a working day moves to the next working
// day), but the period ends when business closes that day (the end of the
// last working-hour span, 17:30 for China), not at 24:00.
//
// Source: Civil Code art. 203 para. 2 ("期间的最后一日的截止时间为二十四时；
// 有业务时间的，停止业务活动的时间为截止时间").
//
// n = 0 means the close of business of t's own day if that is a working
// day and t is before the close, otherwise of the next working day. For a
// calendar without office hours (00:00-24:00) the result equals
// AddNaturalDays.
func (c *Calendar) AddNaturalDaysToClose(t time.Time, n int) (time.Time, error) {
	if !c.ok() {
		return time.Time{}, errZero()
	}
	if n < 0 {
		return time.Time{}, &PeriodError{Period{n, NaturalDaysToClose}, "negative count"}
	}
	d := c.dayOf(t)
	if err := c.check(d); err != nil {
		return time.Time{}, err
	}
	if int64(n) > c.last-d {
		return time.Time{}, c.rangeErr(c.last + 1)
	}
	last := d + int64(n)
	if n == 0 && c.working(d) && !t.Before(c.at(d, c.close)) {
		last++ // already closed: the next working day
		if err := c.check(last); err != nil {
			return time.Time{}, err
		}
	}
	if !c.working(last) {
		next, err := c.selectDay(c.rankOf(last) + 1)
		if err != nil {
			return time.Time{}, err
		}
		last = next
	}
	return c.at(last, c.close), nil
}
