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
	// Provisional is set when the deadline depends on a day of a year
	// without a loaded notice (as for Period.Due); such days are marked
	// Provisional in Counted and Skipped.
	Provisional bool `json:"provisional,omitempty"`
	// ProvisionalReason says why, e.g. "2028 notice not loaded; statutory
	// days only, no 调休".
	ProvisionalReason string `json:"provisional_reason,omitempty"`
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
	if ys := cal.dependsOn(p, from, due); len(ys) > 0 {
		e.Provisional, e.ProvisionalReason = true, ProvisionalReason(ys)
	}
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
	case NaturalDays, NaturalDaysToClose, Months:
		return cal.explainNatural(e, start)
	}
	last := cal.closingDay(due)
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
	nominal := c.nominalLast(e.Period, start)
	if e.Period.Unit == NaturalDaysToClose && nominal < last && c.working(nominal) {
		nominal = last // n = 0 after the close: the next working day is the last day
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
	end, law := "24:00", "arts. 201-203"
	if e.Period.Unit == NaturalDaysToClose {
		end, law = "the close of business ("+clockString(c.close)+")", "arts. 201-203, art. 203 para. 2 for acts at a place of business"
	}
	if e.Period.N == 0 {
		// Nothing is counted after the start: the period ends with the
		// day it starts, moved to the next working day if need be.
		switch {
		case last == start:
			e.Rule = fmt.Sprintf("%s (Civil Code %s): the period ends with the day it starts, %s, at %s",
				e.Period, law, civil(start), end)
		case c.working(start):
			e.Rule = fmt.Sprintf("%s (Civil Code %s): the period would end with the day it starts, %s, whose business had closed, so it ends at %s of the next working day, %s",
				e.Period, law, civil(start), end, civil(last))
		default:
			e.Rule = fmt.Sprintf("%s (Civil Code %s): the period would end with the day it starts, %s, which is not a working day, so it ends at %s of the next working day, %s",
				e.Period, law, civil(start), end, civil(last))
		}
		return e, nil
	}
	if last == nominal {
		e.Rule = fmt.Sprintf("%s (Civil Code %s): counting starts the day after %s; the last day, %s, ends at %s",
			e.Period, law, civil(start), civil(last), end)
	} else {
		e.Rule = fmt.Sprintf("%s (Civil Code %s): counting starts the day after %s; the last day, %s, is not a working day, so the period ends at %s of the next working day, %s",
			e.Period, law, civil(start), civil(nominal), end, civil(last))
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
	if e.Provisional {
		fmt.Fprintf(&b, "provisional: %s; days marked * may change when the notice is loaded\n", e.ProvisionalReason)
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
		if d.Provisional {
			s += "*"
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
// "China (State Council holiday notices): Asia/Shanghai, Mon Tue Wed Thu Fri, 09:00-12:00, 13:30-17:30, 2025-2110 (2028-2110 provisional)".
func (c *Calendar) String() string {
	if !c.ok() {
		return "calendar: zero Calendar"
	}
	years := fmt.Sprintf("%d-%d", c.firstYear, c.lastYear)
	if c.periodic {
		years = "any year"
	}
	var prov []int
	for y := c.firstYear; c.prov != nil && y <= c.lastYear; y++ {
		if c.prov[y-c.firstYear] {
			prov = append(prov, y)
		}
	}
	if len(prov) > 0 {
		years += " (" + yearRanges(prov) + " provisional)"
	}
	name := c.cfg.Name
	if name == "" {
		name = "calendar"
	}
	return fmt.Sprintf("%s: %s, %s, %s, %s", name, c.cfg.Zone, strings.Join(c.cfg.Workweek, " "), c.hoursString(), years)
}
