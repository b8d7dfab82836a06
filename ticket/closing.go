package ticket

import "time"

// closingCalendar is the optional capability of a Calendar to end a period
// of natural days at the close of business of its last day, for acts done
// at a place of business (Civil Code art. 203 para. 2, the unit
// calendar.NaturalDaysToClose). *calendar.Calendar has it.
type closingCalendar interface {
	AddNaturalDaysToClose(t time.Time, n int) (time.Time, error)
}

// addNaturalDaysToClose applies calendar.NaturalDaysToClose on cal; a
// calendar without office hours (Continuous) ends such a period like
// natural days.
func addNaturalDaysToClose(cal Calendar, t time.Time, n int) (time.Time, error) {
	if c, ok := cal.(closingCalendar); ok {
		return c.AddNaturalDaysToClose(t, n)
	}
	return cal.AddNaturalDays(t, n)
}
