// Package calendar counts working days and working hours the way Chinese
// administrative limits are counted: weekdays, statutory holidays, make-up
// working days on weekends (调休), a time zone and office hours with breaks,
// plus natural-day periods as the Civil Code counts them.
//
// # Calendars are data
//
// A Calendar is built from a Config: a time zone (Asia/Shanghai by
// default), the workweek, the office hours and, for every covered year,
// that year's holiday notice (a Schedule). China returns the official
// schedules for 2025, 2026 and 2027 and the provisional years 2028-2110
// (see below); RoundTheClock is the 24x7 calendar of utilities. Load reads
// a Config from JSON and MarshalJSON writes it, and Extend or ExtendJSON
// add next year's notice (published each November) without a new release:
//
//	cal, err := calendar.China().ExtendJSON(strings.NewReader(notice2028))
//
// A notice is a small JSON document; days off run from "from" to "to"
// inclusive, and "makeup" lists the weekend days worked instead:
//
//	{
//	  "year": 2026,
//	  "source": "国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)",
//	  "holidays": [
//	    {"name": "春节", "from": "2026-02-15", "to": "2026-02-23", "makeup": ["2026-02-14", "2026-02-28"]},
//	    {"name": "清明节", "from": "2026-04-04", "to": "2026-04-06"}
//	  ]
//	}
//
// A whole calendar adds "zone", "workweek", "hours" (e.g.
// [{"from": "09:00", "to": "12:00"}, {"from": "13:30", "to": "17:30"}]) and
// "years", a list of such notices; see Config. Unknown fields are
// rejected and every error names the field at fault.
//
// A calendar is immutable and safe for concurrent use. Asking about a year
// it does not cover returns an error wrapping ErrOutOfRange: the calendar
// never falls back to a weekday guess, because a weekday guess is wrong
// around every holiday.
//
// # Provisional years
//
// Which days are statutory holidays is fixed by law years ahead; only the
// bridging arrangement (调休) waits for each November's notice. A calendar
// whose Config.Provisional is ProvisionalChina (China's is) therefore
// covers every year from 2025 to 2110 that has no notice with the days off
// of 全国年节及纪念日放假办法 as revised 2024-11-10 (ChinaStatutory): 元旦
// January 1; 春节 除夕 to 正月初三; 清明节 the 清明 solar term; 劳动节 May
// 1-2; 端午节 五月初五; 中秋节 八月十五; 国庆节 October 1-3 (art. 2), and for
// each of those days that falls on a weekend or on another holiday the
// next free weekday (art. 6). No make-up working day is derived. The days
// come from a table derived at go generate time (statutory_gen_test.go)
// from the lunar dates and solar terms of github.com/6tail/lunar-go, and
// are checked against it day by day in the tests; the package itself
// depends on nothing but the standard library and holds no state: every
// Calendar builds its days from that constant table.
//
// Results that depend on such a year say so: Period.Due and Explanation
// carry a provisional flag and the reason ("2028 notice not loaded;
// statutory days only, no 调休"), Day marks each provisional day, and
// IsProvisional and ProvisionalYears answer for a year or a span. When the
// notice is loaded with Extend, the services that stored provisional
// deadlines recompute them (ticket, agenda and project have Rebase
// methods). Years before 2025 are never provisional: the earlier 放假办法
// had other days (11 statutory days), so without a notice they stay an
// ErrOutOfRange error.
//
// # Adding next year's notice each November
//
// When the State Council publishes next year's arrangement (国务院办公厅关于
// YYYY年部分节假日安排的通知, usually in November):
//
//  1. Write it as a notice JSON document (above): every run of days off
//     with its make-up working days, and the notice's title and date as
//     "source".
//  2. Check it: `gongzhi validate notice.json`, then
//     `gongzhi calendar days --year YYYY --calendar district.json` to list
//     the days it makes.
//  3. Add it to the district's calendar file (its "years") or load it at
//     start with ExtendJSON; `gongzhi calendar status` then shows the year
//     as covered by a notice, and from November 1 on warns while next
//     year's notice is missing.
//  4. Call the services' Rebase methods with the new calendar so that open
//     deadlines computed provisionally move (each move is recorded).
//
// A new release of this package adds the notice to China as a preset
// (China2028, ...), cross-checked against lunar-go's table.
//
// # Working days
//
// A day is a working day if it is in the workweek and not a day off of a
// notice, or if it is a make-up working day of a notice. Make-up Saturdays
// and Sundays count toward "N working days" limits; days off never do,
// even on weekdays (行政许可法 art. 82: working-day limits exclude
// statutory holidays).
//
// AddWorkingDays(t, n) is the deadline of an n-working-day limit for a
// request received at t: the close of business of the n-th working day
// after the day of receipt. The day of receipt is never counted, whatever
// the hour of t. WorkingDaysBetween counts elapsed working days the same
// way, so WorkingDaysBetween(t, AddWorkingDays(t, n)) == n.
//
// # Working hours
//
// AddWorkingHours and WorkingTimeBetween count only time inside the office
// hours of working days, and NextWorkingInstant says when the clock starts
// for a request that arrives outside them. China's office hours are
// 09:00-12:00 and 13:30-17:30 (ChinaHours, illustrative; set your own in
// Config.Hours).
//
// # Natural days (Civil Code arts. 201-203)
//
// AddNaturalDays counts calendar days: the start day is not counted; if the
// last day is not a working day (a weekend or statutory holiday) the period
// ends on the next working day; it ends at 24:00 of its last day, which is
// returned as 00:00 of the following day. Where the act must be done at a
// place of business, the period ends when business closes on the last day
// instead (art. 203 para. 2): AddNaturalDaysToClose, the unit
// NaturalDaysToClose. AddMonths does the same as AddNaturalDays for month
// periods (art. 202). Hour periods run from the stated instant.
//
// # Periods
//
// A Period ({"n": 5, "unit": "working_days"}) is a limit as data, for SLA
// policies; Period.Deadline applies it to a calendar and a start instant.
//
// # Time zones and clock changes
//
// Days and hours are counted on the wall clock of the calendar's zone and
// every instant returned is in that zone; instants in other zones are
// converted first. Asia/Shanghai has no daylight saving time, so there a
// working day always has the same length. In zones that change their
// clocks, durations are elapsed time, so a span that contains the change
// is shorter or longer that day (a 24x7 day has 23 or 25 hours). A wall
// time repeated when the clocks go back means its first occurrence; a wall
// time skipped when they go forward means the moment of the jump, so a day
// whose midnight is skipped begins at 01:00 and every result is monotone
// (time.Date may instead return an instant of the previous day). The
// same rule gives Date.In.
//
// # Explanations
//
// Period.Explain returns the deadline with its reasoning as data: the rule
// applied, the working days counted and the days passed over with the
// holiday that made them days off. Calendar.Day and Calendar.Date classify
// single days the same way.
//
// # Speed
//
// Each covered year is a precomputed bitset with a rank directory, so
// finding the n-th working day takes a few popcounts whatever n is. Where
// the zone keeps one UTC offset (Asia/Shanghai since 1991) instants and wall
// clock are converted with integer arithmetic, and a deadline takes well
// under 100 ns (see BenchmarkAddWorkingDays and its siblings). In zones
// with clock changes the same results are computed day by day with
// time.Date, in microseconds.
package calendar
