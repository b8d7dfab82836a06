package calendar

import (
	"fmt"
	"strings"
	"time"
)

// Explanation shows how a deadline was computed, as data: the rule that
// was applied, the working days that were counted and the days passed
// over because they are not working days (with the holiday that made
// them so). A ticket system can show it to the requester or the unit.
type Explanation struct {
	Period   Period    `json:"period"`
	From     time.Time `json:"from"`
	Deadline time.Time `json:"deadline"`
	// Rule states the counting rule in one sentence.
	Rule string `json:"rule"`
	// Counted are the working days counted (working units), or the last
	// day of the period (NaturalDays, Months).
	Counted []Day `json:"counted,omitempty"`
	// Skipped are the non-working days passed over: between the day of
	// receipt and the deadline (working units), or from the nominal last
	// day to the actual one (NaturalDays, Months).
	Skipped []Day `json:"skipped,omitempty"`
}

// maxExplainDays bounds the days an explanation lists.
const maxExplainDays = 1000

// Explain returns the deadline of p started at from, with the reasoning.
// It fails exactly when Deadline fails, and also when the explanation
// would list more than 1000 days.
func (p Period) Explain(cal *Calendar, from time.Time) (Explanation, error) {
	due, err := p.Deadline(cal, from)
	if err != nil {
		return Explanation{}, err
	}
	e := Explanation{Period: p, From: from, Deadline: due}
	if !cal.ok() { // Hours and Minutes without a calendar
		e.Rule = fmt.Sprintf("%s run from the stated instant, nights and holidays included (Civil Code art. 201)", p)
		return e, nil
	}
	e.From = from.In(cal.loc)
	start := cal.dayOf(from)
	switch p.Unit {
	case Hours, Minutes:
		e.Rule = fmt.Sprintf("%s run from the stated instant, nights and holidays included (Civil Code art. 201)", p)
		return e, nil
	case WorkingDays:
		e.Rule = fmt.Sprintf("%s: the day of receipt (%s) is not counted; the limit ends at the close of business (%s) of the last working day counted",
			p, civil(start), clockString(cal.close))
		if p.N == 0 {
			e.Rule = fmt.Sprintf("0 working days: the limit ends at the close of business (%s) of the same working day, or of the next one if the request arrives after it or on a day off",
				clockString(cal.close))
		}
	case WorkingHours, WorkingMinutes:
		e.Rule = fmt.Sprintf("%s: only time within the working hours (%s) of working days counts", p, cal.hoursString())
	case NaturalDays, Months:
		return cal.explainNatural(e, start)
	}
	last := cal.dayOf(due.Add(-1))
	first := start + 1 // the day of receipt is not counted
	if p.Unit != WorkingDays || last == start {
		first = start // the clock runs on the day of receipt
	}
	if last-first >= maxExplainDays {
		return Explanation{}, &PeriodError{p, fmt.Sprintf("explanation would list more than %d days", maxExplainDays)}
	}
	for d := first; d <= last; d++ {
		day, err := cal.dayInfo(d)
		if err != nil {
			return Explanation{}, err
		}
		if day.Working {
			e.Counted = append(e.Counted, day)
		} else {
			e.Skipped = append(e.Skipped, day)
		}
	}
	return e, nil
}

func (c *Calendar) explainNatural(e Explanation, start int64) (Explanation, error) {
	last := c.dayOf(e.Deadline.Add(-1))
	nominal := start + int64(e.Period.N)
	if e.Period.Unit == Months {
		x := civil(start)
		m := int(x.Month) - 1 + e.Period.N
		y, mo := x.Year+m/12, time.Month(m%12+1)
		nominal = epochDay(Date{y, mo, min(x.Day, daysIn(y, mo))})
	}
	if last-nominal > maxExplainDays {
		return Explanation{}, &PeriodError{e.Period, fmt.Sprintf("explanation would list more than %d days", maxExplainDays)}
	}
	for d := nominal; d < last; d++ {
		day, err := c.dayInfo(d)
		if err != nil {
			return Explanation{}, err
		}
		e.Skipped = append(e.Skipped, day)
	}
	lastDay, err := c.dayInfo(last)
	if err != nil {
		return Explanation{}, err
	}
	e.Counted = []Day{lastDay}
	if last == nominal {
		e.Rule = fmt.Sprintf("%s (Civil Code arts. 201-203): counting starts the day after %s; the last day, %s, ends at 24:00",
			e.Period, civil(start), civil(last))
	} else {
		e.Rule = fmt.Sprintf("%s (Civil Code arts. 201-203): counting starts the day after %s; the last day, %s, is not a working day, so the period ends at 24:00 of the next working day, %s",
			e.Period, civil(start), civil(nominal), civil(last))
	}
	return e, nil
}

// String renders the explanation for people.
func (e Explanation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s from %s: due %s\n", e.Period, e.From.Format("2006-01-02 15:04"), e.Deadline.Format("2006-01-02 15:04"))
	fmt.Fprintf(&b, "rule: %s\n", e.Rule)
	if len(e.Counted) > 0 {
		fmt.Fprintf(&b, "counted: %s\n", dayList(e.Counted))
	}
	if len(e.Skipped) > 0 {
		fmt.Fprintf(&b, "skipped: %s\n", dayList(e.Skipped))
	}
	return b.String()
}

func dayList(days []Day) string {
	parts := make([]string, len(days))
	for i, d := range days {
		s := d.Date.String()[5:] + " " + abbr(d.Date.Weekday())
		switch d.Kind {
		case MakeUp:
			s += " (make-up day, " + d.Holiday + ")"
		case DayOff:
			s += " (" + d.Holiday + ")"
		}
		parts[i] = s
	}
	return strings.Join(parts, ", ")
}

func clockString(ns int64) string {
	m := ns / int64(time.Minute)
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

func (c *Calendar) hoursString() string {
	parts := make([]string, len(c.spans))
	for i, s := range c.spans {
		parts[i] = clockString(s.from) + "-" + clockString(s.to)
	}
	return strings.Join(parts, ", ")
}

// String describes the calendar in one line, e.g.
// "China (State Council holiday notices): Asia/Shanghai, Mon-Fri, 09:00-12:00, 13:30-17:30, 2025-2026".
func (c *Calendar) String() string {
	if !c.ok() {
		return "calendar: zero Calendar"
	}
	years := fmt.Sprintf("%d-%d", c.firstYear, c.lastYear)
	if c.periodic {
		years = "any year"
	}
	name := c.cfg.Name
	if name == "" {
		name = "calendar"
	}
	return fmt.Sprintf("%s: %s, %s, %s, %s", name, c.cfg.Zone, strings.Join(c.cfg.Workweek, " "), c.hoursString(), years)
}
