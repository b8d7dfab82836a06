package ticket_test

import (
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/ticket"
)

// A limit of natural days for an act at a place of business ends at the
// close of business of the last day (Civil Code art. 203 para. 2).
func TestClockNaturalDaysToClose(t *testing.T) {
	cal := calendar.China()
	from := time.Date(2026, 3, 2, 10, 0, 0, 0, cal.Location()) // a Monday
	l := calendar.Period{N: 10, Unit: calendar.NaturalDaysToClose}
	c, err := ticket.StartClock(ticket.Calendars{Working: cal}, ticket.ResolutionClock, l, false, ticket.Fraction{}, from)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 3, 12, 17, 30, 0, 0, cal.Location()); !c.Due.Equal(want) {
		t.Errorf("Due = %v, want %v", c.Due, want)
	}
	// Without office hours the period ends like natural days.
	c, err = ticket.StartClock(ticket.Calendars{}, ticket.ResolutionClock, l, false, ticket.Fraction{}, from)
	if err != nil {
		t.Fatal(err)
	}
	if want := from.Add(10 * 24 * time.Hour); !c.Due.Equal(want) {
		t.Errorf("Continuous Due = %v, want %v", c.Due, want)
	}
}
