package calendar_test

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
)

// China's 2025 National Day and Mid-Autumn holiday ran from October 1 to 8,
// with Sunday September 28 and Saturday October 11 worked in exchange.
func ExampleChina() {
	cal := calendar.China()
	for _, s := range []string{"2025-09-28", "2025-10-01", "2025-10-08", "2025-10-11", "2025-10-12"} {
		d, _ := calendar.ParseDate(s)
		day, _ := cal.Date(d)
		fmt.Println(day)
	}
	// Output:
	// 2025-09-28 Sun make-up working day (国庆节、中秋节)
	// 2025-10-01 Wed day off (国庆节、中秋节)
	// 2025-10-08 Wed day off (国庆节、中秋节)
	// 2025-10-11 Sat make-up working day (国庆节、中秋节)
	// 2025-10-12 Sun rest day
}

// A request received on the last working day before the Spring Festival
// 2026 with a limit of 5 working days: the make-up Saturday before the
// holiday counts, the nine days off do not.
func ExampleCalendar_AddWorkingDays() {
	cal := calendar.China()
	received := time.Date(2026, 2, 13, 16, 45, 0, 0, cal.Location())
	due, _ := cal.AddWorkingDays(received, 5)
	fmt.Println(due.Format("2006-01-02 Mon 15:04"))
	// Output: 2026-02-27 Fri 17:30
}

// Working hours skip the lunch break, the night and the weekend.
func ExampleCalendar_AddWorkingHours() {
	cal := calendar.China()
	received := time.Date(2025, 3, 7, 16, 0, 0, 0, cal.Location()) // a Friday
	due, _ := cal.AddWorkingHours(received, 4*time.Hour)
	fmt.Println(due.Format("2006-01-02 Mon 15:04"))
	// Output: 2025-03-10 Mon 11:30
}

// A natural-day period whose last day falls in a holiday ends at 24:00 of
// the next working day (Civil Code art. 203). The end is returned as 00:00
// of the following day.
func ExampleCalendar_AddNaturalDays() {
	cal := calendar.China()
	start := time.Date(2025, 9, 16, 10, 0, 0, 0, cal.Location())
	end, _ := cal.AddNaturalDays(start, 15) // the 15th day is October 1
	fmt.Println(end.Format("2006-01-02 15:04"))
	// Output: 2025-10-10 00:00
}

func ExampleCalendar_WorkingTimeBetween() {
	cal := calendar.China()
	loc := cal.Location()
	from := time.Date(2025, 9, 30, 15, 0, 0, 0, loc)
	to := time.Date(2025, 10, 9, 10, 0, 0, 0, loc)
	spent, _ := cal.WorkingTimeBetween(from, to)
	fmt.Println(spent)
	// Output: 3h30m0s
}

func ExampleCalendar_WorkingDaysBetween() {
	cal := calendar.China()
	loc := cal.Location()
	received := time.Date(2025, 9, 30, 15, 0, 0, 0, loc)
	now := time.Date(2025, 10, 13, 12, 0, 0, 0, loc)
	n, _ := cal.WorkingDaysBetween(received, now)
	fmt.Println(n, "working days have elapsed") // Oct 9, 10 and the make-up Saturday Oct 11
	// Output: 3 working days have elapsed
}

// A message sent at night starts the clock when the office opens.
func ExampleCalendar_NextWorkingInstant() {
	cal := calendar.China()
	loc := cal.Location()
	for _, t := range []time.Time{
		time.Date(2025, 10, 8, 20, 30, 0, 0, loc),
		time.Date(2025, 10, 9, 12, 15, 0, 0, loc),
		time.Date(2025, 10, 9, 14, 0, 0, 0, loc),
	} {
		next, _ := cal.NextWorkingInstant(t)
		fmt.Println(t.Format("01-02 15:04"), "->", next.Format("01-02 15:04"))
	}
	// Output:
	// 10-08 20:30 -> 10-09 09:00
	// 10-09 12:15 -> 10-09 13:30
	// 10-09 14:00 -> 10-09 14:00
}

// A district adds next year's notice, published each November, from JSON.
// The dates below are made up for the example.
func ExampleCalendar_ExtendJSON() {
	// Each November the State Council publishes next year's notice. Until a
	// district loads it, the year is provisional: statutory days only.
	notice := `{
	  "year": 2028,
	  "source": "example notice",
	  "holidays": [
	    {"name": "元旦", "from": "2028-01-01", "to": "2028-01-03"},
	    {"name": "春节", "from": "2028-01-24", "to": "2028-01-31", "makeup": ["2028-02-05"]}
	  ]
	}`
	cal := calendar.China()
	from := time.Date(2028, 1, 21, 10, 0, 0, 0, cal.Location())
	limit := calendar.Period{N: 3, Unit: calendar.WorkingDays}
	due, _ := limit.Due(cal, from)
	fmt.Println(due.At.Format("2006-01-02 15:04"), due.Provisional, due.Reason)

	cal2028, err := cal.ExtendJSON(strings.NewReader(notice))
	if err != nil {
		fmt.Println(err)
		return
	}
	due, _ = limit.Due(cal2028, from)
	fmt.Println(due.At.Format("2006-01-02 15:04"), due.Provisional)
	// Output:
	// 2028-02-01 17:30 true 2028 notice not loaded; statutory days only, no 调休
	// 2028-02-03 17:30 false
}

// Loading rejects unknown fields and impossible values, naming the field.
func ExampleLoad() {
	_, err := calendar.Load(strings.NewReader(`{
	  "hours": [{"from": "09:00", "to": "12:00"}, {"from": "11:30", "to": "17:00"}],
	  "years": [{"year": 2025, "holidays": []}]
	}`))
	fmt.Println(err)
	var ce *calendar.ConfigError
	if errors.As(err, &ce) {
		fmt.Println(ce.Field)
	}
	// Output:
	// calendar: invalid config: hours[1].from: 11:30 overlaps or precedes the previous span
	// hours[1].from
}

// Utilities serve round the clock (北京市接诉即办工作条例 art. 19): their
// 24-hour limit runs through the night and the holiday.
func ExampleRoundTheClock() {
	cal := calendar.RoundTheClock()
	reported := time.Date(2025, 9, 30, 20, 30, 0, 0, cal.Location())
	due, _ := cal.AddWorkingHours(reported, 24*time.Hour)
	fmt.Println(due.Format("2006-01-02 15:04"))
	// Output: 2025-10-01 20:30
}

// SLA limits are data: the same Period values work with any calendar.
// Received on the Friday before Labour Day 2025 (off May 1-5, Sunday
// April 27 worked in exchange).
func ExamplePeriod_Deadline() {
	cal := calendar.China()
	received := time.Date(2025, 4, 25, 11, 0, 0, 0, cal.Location()) // Friday before Labour Day
	for _, p := range []calendar.Period{
		{N: 2, Unit: calendar.Hours},
		{N: 2, Unit: calendar.WorkingHours},
		{N: 5, Unit: calendar.WorkingDays},
		{N: 15, Unit: calendar.NaturalDays},
		{N: 1, Unit: calendar.Months},
	} {
		due, _ := p.Deadline(cal, received)
		fmt.Printf("%-16s %s\n", p, due.Format("2006-01-02 Mon 15:04"))
	}
	// Output:
	// 2 hours          2025-04-25 Fri 13:00
	// 2 working hours  2025-04-25 Fri 14:30
	// 5 working days   2025-05-06 Tue 17:30
	// 15 days          2025-05-13 Tue 00:00
	// 1 month          2025-05-27 Tue 00:00
}

// A calendar for another zone and workweek, built from a Config.
func ExampleNew() {
	cal, err := calendar.New(calendar.Config{
		Name:     "Harbour office",
		Zone:     "Asia/Hong_Kong",
		Workweek: []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
		Hours:    []calendar.Span{{From: "08:00", To: "13:00"}},
		Years:    []calendar.Schedule{{Year: 2025, Holidays: []calendar.Holiday{{Name: "New Year", From: "2025-01-01"}}}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	hk := cal.Location()
	due, _ := cal.AddWorkingHours(time.Date(2025, 1, 2, 12, 0, 0, 0, hk), 2*time.Hour)
	fmt.Println(due.Format("2006-01-02 Mon 15:04 MST"))
	// Instants in other zones are converted: 12:00 UTC is 20:00 in Hong Kong.
	due, _ = cal.NextWorkingInstant(time.Date(2025, 1, 3, 12, 0, 0, 0, time.UTC))
	fmt.Println(due.Format("2006-01-02 Mon 15:04 MST"))
	_, err = cal.AddWorkingHours(time.Date(2024, 12, 31, 12, 0, 0, 0, hk), time.Hour)
	fmt.Println(err)
	// Output:
	// 2025-01-03 Fri 09:00 HKT
	// 2025-01-04 Sat 08:00 HKT
	// calendar: date out of range: 2024-12-31 (calendar covers 2025)
}

// An explanation lists the days counted and the days passed over, for the
// requester or the handling unit.
func ExamplePeriod_Explain() {
	cal := calendar.China()
	received := time.Date(2025, 9, 29, 18, 40, 0, 0, cal.Location())
	e, _ := calendar.Period{N: 4, Unit: calendar.WorkingDays}.Explain(cal, received)
	fmt.Print(e)

	e, _ = calendar.Period{N: 2, Unit: calendar.NaturalDays}.Explain(cal, received)
	fmt.Print(e)
	// Output:
	// 4 working days from 2025-09-29 18:40: due 2025-10-11 17:30
	// rule: 4 working days: the day of receipt (2025-09-29) is not counted; the limit ends at the close of business (17:30) of the last working day counted
	// counted: 09-30 Tue, 10-09 Thu, 10-10 Fri, 10-11 Sat (make-up day, 国庆节、中秋节)
	// skipped: 10-01 Wed (国庆节、中秋节), 10-02 Thu (国庆节、中秋节), 10-03 Fri (国庆节、中秋节), 10-04 Sat (国庆节、中秋节), 10-05 Sun (国庆节、中秋节), 10-06 Mon (国庆节、中秋节), 10-07 Tue (国庆节、中秋节), 10-08 Wed (国庆节、中秋节)
	// 2 days from 2025-09-29 18:40: due 2025-10-10 00:00
	// rule: 2 days (Civil Code arts. 201-203): counting starts the day after 2025-09-29; the last day, 2025-10-01, is not a working day, so the period ends at 24:00 of the next working day, 2025-10-09
	// counted: 10-09 Thu
	// skipped: 10-01 Wed (国庆节、中秋节), 10-02 Thu (国庆节、中秋节), 10-03 Fri (国庆节、中秋节), 10-04 Sat (国庆节、中秋节), 10-05 Sun (国庆节、中秋节), 10-06 Mon (国庆节、中秋节), 10-07 Tue (国庆节、中秋节), 10-08 Wed (国庆节、中秋节)
}

func ExampleCalendar_String() {
	fmt.Println(calendar.China())
	fmt.Println(calendar.RoundTheClock())
	// Output:
	// China (State Council holiday notices): Asia/Shanghai, Mon Tue Wed Thu Fri, 09:00-12:00, 13:30-17:30, 2025-2110 (2028-2110 provisional)
	// Round the clock (24x7): Asia/Shanghai, Mon Tue Wed Thu Fri Sat Sun, 00:00-24:00, any year
}

func ExampleCalendar_Day() {
	cal := calendar.China()
	for _, t := range []time.Time{
		time.Date(2026, 1, 4, 10, 0, 0, 0, cal.Location()),
		time.Date(2026, 5, 5, 10, 0, 0, 0, cal.Location()),
		time.Date(2026, 5, 9, 10, 0, 0, 0, cal.Location()),
	} {
		day, _ := cal.Day(t)
		fmt.Println(day.Date, day.Kind, day.Working, day.Holiday)
	}
	// Output:
	// 2026-01-04 make-up working day true 元旦
	// 2026-05-05 day off false 劳动节
	// 2026-05-09 make-up working day true 劳动节
}

// A month period ends on the same day number, or on the month's last day
// (Civil Code art. 202), moved past days off (art. 203).
func ExampleCalendar_AddMonths() {
	cal := calendar.China()
	loc := cal.Location()
	for _, t := range []time.Time{
		time.Date(2025, 1, 31, 9, 0, 0, 0, loc), // no February 31: February 28
		time.Date(2025, 8, 31, 9, 0, 0, 0, loc), // September 30, a Tuesday
		time.Date(2025, 9, 1, 9, 0, 0, 0, loc),  // October 1, a holiday: October 9
	} {
		end, _ := cal.AddMonths(t, 1)
		fmt.Println(t.Format("2006-01-02"), "->", end.Add(-time.Nanosecond).Format("2006-01-02"), "24:00")
	}
	// Output:
	// 2025-01-31 -> 2025-02-28 24:00
	// 2025-08-31 -> 2025-09-30 24:00
	// 2025-09-01 -> 2025-10-09 24:00
}

// Config.Validate names the field at fault.
func ExampleConfig_Validate() {
	cfg := calendar.ChinaConfig()
	cfg.Years[1].Holidays[0].MakeUp = []string{"2026-01-05"} // a Monday
	fmt.Println(cfg.Validate())
	// Output: calendar: invalid config: years[1].holidays[0].makeup[0]: 2026-01-05 is a Monday, already a working day
}

// Asking about a year the calendar does not cover is an error, not a guess.
func ExampleCalendar_IsWorkingDay() {
	cal := calendar.China()
	ok, err := cal.IsWorkingDay(time.Date(2026, 12, 31, 9, 0, 0, 0, cal.Location()))
	fmt.Println(ok, err)
	ok, err = cal.IsWorkingDay(time.Date(2027, 1, 4, 9, 0, 0, 0, cal.Location()))
	fmt.Println(ok, err)
	// Before 2025 only a notice says which days were off.
	ok, err = cal.IsWorkingDay(time.Date(2024, 12, 31, 9, 0, 0, 0, cal.Location()))
	fmt.Println(ok, errors.Is(err, calendar.ErrOutOfRange))
	// Output:
	// true <nil>
	// true <nil>
	// false true
}

// Working days per month, for reports that normalise ticket volumes.
func ExampleCalendar_CountWorkingDays() {
	cal := calendar.China()
	for m := time.January; m <= time.March; m++ {
		first := calendar.Date{Year: 2026, Month: m, Day: 1}
		last := first.AddDays(31)
		last = calendar.Date{Year: last.Year, Month: last.Month, Day: 1}.AddDays(-1)
		n, _ := cal.CountWorkingDays(first, last)
		fmt.Println(m, n)
	}
	// Output:
	// January 21
	// February 16
	// March 22
}

// A district adds a local day off to a covered year by editing the preset's
// Config (here a hypothetical closure for a city event) and building a new
// calendar; the preset itself is unchanged.
func ExampleNew_localDayOff() {
	cfg := calendar.ChinaConfig()
	cfg.Name = "China, with a district closure"
	cfg.Years[1].Holidays = append(cfg.Years[1].Holidays, calendar.Holiday{Name: "区级活动停工", From: "2026-11-13"})
	local, err := calendar.New(cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	received := time.Date(2026, 11, 12, 10, 0, 0, 0, local.Location())
	national, _ := calendar.China().AddWorkingDays(received, 1)
	district, _ := local.AddWorkingDays(received, 1)
	fmt.Println(national.Format("01-02 Mon"), district.Format("01-02 Mon"))
	// Output: 11-13 Fri 11-16 Mon
}

// LoadSchedule reads a notice on its own, for review before it is used.
func ExampleLoadSchedule() {
	s, err := calendar.LoadSchedule(strings.NewReader(`{
	  "year": 2027,
	  "source": "example notice",
	  "holidays": [{"name": "春节", "from": "2027-02-06", "to": "2027-02-14", "makeup": ["2027-01-30"]}]
	}`))
	fmt.Println(s.Year, len(s.Holidays), s.Holidays[0].MakeUp, err)

	_, err = calendar.LoadSchedule(strings.NewReader(`{"year": 2027, "holidays": [{"name": "春节", "from": "2027-02-06", "to": "2027-02-01"}]}`))
	fmt.Println(err)
	// Output:
	// 2027 1 [2027-01-30] <nil>
	// calendar: invalid config: holidays[0].to: 2027-02-01 is before from 2027-02-06
}

// The last moment to ask for an extension, one working day before the
// deadline (a common local rule), skips the holiday before it.
func ExampleCalendar_SubWorkingDays() {
	cal := calendar.China()
	due := time.Date(2025, 10, 9, 17, 30, 0, 0, cal.Location())
	ask, _ := cal.SubWorkingDays(due, 1)
	fmt.Println(ask.Format("2006-01-02 Mon 15:04"))
	// Output: 2025-09-30 Tue 17:30
}

func ExampleParsePeriod() {
	for _, s := range []string{"5个工作日", "60日", "2个月", "24小时", "3 working days"} {
		p, err := calendar.ParsePeriod(s)
		b, _ := json.Marshal(p)
		fmt.Println(s, "->", p, string(b), err)
	}
	// Output:
	// 5个工作日 -> 5 working days {"n":5,"unit":"working_days"} <nil>
	// 60日 -> 60 days {"n":60,"unit":"natural_days"} <nil>
	// 2个月 -> 2 months {"n":2,"unit":"months"} <nil>
	// 24小时 -> 24 hours {"n":24,"unit":"hours"} <nil>
	// 3 working days -> 3 working days {"n":3,"unit":"working_days"} <nil>
}

// A deadline says whether it rests on a year whose notice is not loaded.
// The 2027 notice is part of the China preset; 2028 is provisional.
func ExamplePeriod_Due() {
	cal := calendar.China()
	limit := calendar.Period{N: 15, Unit: calendar.WorkingDays}
	due, _ := limit.Due(cal, time.Date(2026, 12, 20, 10, 0, 0, 0, cal.Location()))
	fmt.Println(due.At.Format(time.RFC3339), due.Provisional)
	due, _ = limit.Due(cal, time.Date(2027, 12, 20, 10, 0, 0, 0, cal.Location()))
	fmt.Println(due.At.Format(time.RFC3339), due.Provisional, due.Reason)
	// Output:
	// 2027-01-11T17:30:00+08:00 false
	// 2028-01-11T17:30:00+08:00 true 2028 notice not loaded; statutory days only, no 调休
}

// The statutory days of a year without a notice: 13 days under art. 2 of
// 全国年节及纪念日放假办法, plus the weekdays that art. 6 gives for those on
// a weekend (2028: 元旦 on a Saturday, 中秋节 next to 国庆节).
func ExampleChinaStatutory() {
	s, _ := calendar.ChinaStatutory(2028)
	for _, h := range s.Holidays {
		fmt.Println(h.Name, h.From, cmp.Or(h.To, h.From))
	}
	// Output:
	// 元旦 2028-01-01 2028-01-03
	// 春节 2028-01-25 2028-01-28
	// 清明节 2028-04-04 2028-04-04
	// 劳动节 2028-05-01 2028-05-02
	// 端午节 2028-05-28 2028-05-29
	// 国庆节、中秋节 2028-10-01 2028-10-05
}

// Civil Code art. 203 para. 2: where the act is done at a place of
// business, a period of days ends when business closes on the last day.
func ExampleCalendar_AddNaturalDaysToClose() {
	cal := calendar.China()
	from := time.Date(2026, 3, 2, 10, 0, 0, 0, cal.Location()) // a Monday
	midnight, _ := cal.AddNaturalDays(from, 10)
	closing, _ := cal.AddNaturalDaysToClose(from, 10)
	fmt.Println(midnight.Format("2006-01-02 15:04"))
	fmt.Println(closing.Format("2006-01-02 15:04"))
	// Output:
	// 2026-03-13 00:00
	// 2026-03-12 17:30
}
