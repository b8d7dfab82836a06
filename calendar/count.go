package calendar

// CountWorkingDays returns the number of working days from a through b,
// both included (0 if b is before a). Every day in between must be covered.
// It answers reporting questions such as "working days in March" in
// constant time.
func (c *Calendar) CountWorkingDays(a, b Date) (int, error) {
	if !c.ok() {
		return 0, errZero()
	}
	for _, d := range []Date{a, b} {
		if !d.Valid() {
			return 0, &RangeError{Date: d, First: c.firstYear, Last: c.lastYear}
		}
	}
	da, db := epochDay(a), epochDay(b)
	if db < da {
		return 0, nil
	}
	if err := c.check(da); err != nil {
		return 0, err
	}
	if err := c.check(db); err != nil {
		return 0, err
	}
	return int(c.rankOf(db) - c.rankOf(da-1)), nil
}

// Schedule returns the holiday notice the calendar uses for year y, and
// whether it has one (a calendar built with AnyYear has none).
func (c *Calendar) Schedule(y int) (Schedule, bool) {
	if !c.ok() {
		return Schedule{}, false
	}
	for _, s := range c.cfg.Years {
		if s.Year == y {
			return s.clone(), true
		}
	}
	return Schedule{}, false
}
