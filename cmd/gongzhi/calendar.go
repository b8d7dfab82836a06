package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
)

const calendarUsage = `Usage:
  gongzhi calendar days --year YYYY [--calendar FILE] [--json]
  gongzhi calendar deadline --from 2026-12-20T10:00 (--working-days N | --natural-days N | --working-hours N) [--calendar FILE] [--json]
  gongzhi calendar status [--now 2026-11-02] [--calendar FILE] [--json]

The calendar is China's (State Council notices, provisional years to 2110
from the statutory rules) unless --calendar names a district's calendar
JSON with its notices. Each November, add next year's notice to that file
("years"), check it with "gongzhi validate FILE" and "gongzhi calendar days".
`

// cmdCalendar runs "gongzhi calendar SUBCOMMAND".
func cmdCalendar(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, calendarUsage)
		return exitUsage
	}
	switch args[0] {
	case "days":
		return calendarDays(args[1:], stdout, stderr)
	case "deadline":
		return calendarDeadline(args[1:], stdout, stderr)
	case "status":
		return calendarStatus(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, calendarUsage)
		return exitOK
	}
	fmt.Fprintf(stderr, "gongzhi calendar: unknown subcommand %q\n\n%s", args[0], calendarUsage)
	return exitUsage
}

// calendarFlags are the flags every calendar subcommand takes.
type calendarFlags struct {
	file    string
	asJSON  bool
	flagSet *flag.FlagSet
}

func newCalendarFlags(name string, stderr io.Writer) *calendarFlags {
	f := &calendarFlags{flagSet: flag.NewFlagSet("gongzhi calendar "+name, flag.ContinueOnError)}
	f.flagSet.SetOutput(stderr)
	f.flagSet.StringVar(&f.file, "calendar", "", "a district's calendar JSON, with its notices (default: China's)")
	f.flagSet.BoolVar(&f.asJSON, "json", false, "print JSON")
	return f
}

// load returns the calendar to use, or an exit code.
func (f *calendarFlags) load(stderr io.Writer) (*calendar.Calendar, int) {
	if f.file == "" {
		return calendar.China(), exitOK
	}
	r, err := os.Open(f.file)
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: cannot read the calendar: %v\n", err)
		return nil, exitInput
	}
	defer r.Close()
	cal, err := calendar.Load(r)
	if err != nil {
		return nil, calendarError(stderr, f.file, err)
	}
	return cal, exitOK
}

// calendarError reports an invalid calendar or notice, naming the field.
func calendarError(stderr io.Writer, name string, err error) int {
	var ce *calendar.ConfigError
	if errors.As(err, &ce) && ce.Field != "" {
		fmt.Fprintf(stderr, "gongzhi: %s: field %q: %s\n", name, ce.Field, ce.Reason)
		fmt.Fprintln(stderr, "Fix that field and run \"gongzhi validate\" again.")
		return exitRule
	}
	fmt.Fprintf(stderr, "gongzhi: %s: %v\n", name, err)
	return exitRule
}

// specialDay is one line of "gongzhi calendar days".
type specialDay struct {
	Date        calendar.Date `json:"date"`
	Weekday     string        `json:"weekday"`
	Kind        string        `json:"kind"` // "off" or "makeup"
	Name        string        `json:"name"`
	Provisional bool          `json:"provisional"`
	Source      string        `json:"source"`
}

func calendarDays(args []string, stdout, stderr io.Writer) int {
	f := newCalendarFlags("days", stderr)
	year := f.flagSet.Int("year", 0, "the year to list (required)")
	if err := f.flagSet.Parse(args); err != nil || f.flagSet.NArg() != 0 || *year == 0 {
		if err == nil {
			fmt.Fprintln(stderr, "usage: gongzhi calendar days --year YYYY [--calendar FILE] [--json]")
		}
		return exitUsage
	}
	cal, code := f.load(stderr)
	if cal == nil {
		return code
	}
	if !cal.Covers(*year) {
		first, last := cal.Years()
		fmt.Fprintf(stderr, "gongzhi: the calendar covers %d-%d, not %d; %s\n", first, last, *year, uncoveredHint(*year, first))
		return exitInput
	}
	var days []specialDay
	for d := (calendar.Date{Year: *year, Month: time.January, Day: 1}); d.Year == *year; d = d.AddDays(1) {
		day, err := cal.Date(d)
		if err != nil {
			fmt.Fprintf(stderr, "gongzhi: %v\n", err)
			return exitFailure
		}
		var kind string
		switch day.Kind {
		case calendar.DayOff:
			kind = "off"
		case calendar.MakeUp:
			kind = "makeup"
		default:
			continue
		}
		days = append(days, specialDay{Date: d, Weekday: d.Weekday().String()[:3], Kind: kind, Name: day.Holiday,
			Provisional: day.Provisional, Source: sourceOf(cal, d, day)})
	}
	if f.asJSON {
		if days == nil {
			days = []specialDay{}
		}
		return printJSON(stdout, stderr, days)
	}
	for _, d := range days {
		mark := ""
		if d.Provisional {
			mark = "  (provisional)"
		}
		fmt.Fprintf(stdout, "%s %s %-6s %s%s\n", d.Date, d.Weekday, d.Kind, d.Name, mark)
	}
	sources := map[string]bool{}
	for _, d := range days {
		if !sources[d.Source] {
			sources[d.Source] = true
			fmt.Fprintf(stdout, "source: %s\n", d.Source)
		}
	}
	if cal.IsProvisional(*year) {
		fmt.Fprintf(stdout, "%s: no make-up working days until the notice is loaded\n", calendar.ProvisionalReason([]int{*year}))
	}
	return exitOK
}

// sourceOf names the notice (or the law) that makes day d what it is.
func sourceOf(cal *calendar.Calendar, d calendar.Date, day calendar.Day) string {
	if day.Provisional && !noticeHas(cal, d) {
		s, err := calendar.ChinaStatutory(d.Year)
		if err == nil {
			return s.Source
		}
		return calendar.StatutorySource
	}
	for _, y := range []int{d.Year, d.Year + 1, d.Year - 1} {
		if s, ok := cal.Schedule(y); ok && scheduleHas(s, d) {
			return s.Source
		}
	}
	return ""
}

func noticeHas(cal *calendar.Calendar, d calendar.Date) bool {
	for _, y := range []int{d.Year, d.Year + 1, d.Year - 1} {
		if s, ok := cal.Schedule(y); ok && scheduleHas(s, d) {
			return true
		}
	}
	return false
}

// scheduleHas reports whether notice s makes d a day off or a make-up day.
func scheduleHas(s calendar.Schedule, d calendar.Date) bool {
	day := d.String()
	for _, h := range s.Holidays {
		to := h.To
		if to == "" {
			to = h.From
		}
		if day >= h.From && day <= to {
			return true
		}
		for _, m := range h.MakeUp {
			if m == day {
				return true
			}
		}
	}
	return false
}

// deadlineResult is the JSON of "gongzhi calendar deadline".
type deadlineResult struct {
	Deadline    string               `json:"deadline"` // RFC 3339 with offset
	Provisional bool                 `json:"provisional"`
	Reason      string               `json:"reason,omitempty"`
	Explanation calendar.Explanation `json:"explanation"`
}

func calendarDeadline(args []string, stdout, stderr io.Writer) int {
	f := newCalendarFlags("deadline", stderr)
	from := f.flagSet.String("from", "", "the start, 2026-12-20T10:00 in the calendar's zone, or RFC 3339 (required)")
	wd := f.flagSet.Int("working-days", -1, "a limit of N working days")
	nd := f.flagSet.Int("natural-days", -1, "a period of N natural days (Civil Code arts. 201-203)")
	wh := f.flagSet.Int("working-hours", -1, "a limit of N working hours")
	if err := f.flagSet.Parse(args); err != nil || f.flagSet.NArg() != 0 {
		return exitUsage
	}
	var p calendar.Period
	n := 0
	for _, c := range []struct {
		v    int
		unit calendar.Unit
	}{{*wd, calendar.WorkingDays}, {*nd, calendar.NaturalDays}, {*wh, calendar.WorkingHours}} {
		if c.v >= 0 {
			p, n = calendar.Period{N: c.v, Unit: c.unit}, n+1
		}
	}
	if n != 1 || *from == "" {
		fmt.Fprintln(stderr, "usage: gongzhi calendar deadline --from 2026-12-20T10:00 (--working-days N | --natural-days N | --working-hours N) [--calendar FILE] [--json]")
		return exitUsage
	}
	cal, code := f.load(stderr)
	if cal == nil {
		return code
	}
	start, err := parseInstant(*from, cal.Location())
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: --from: %v\n", err)
		return exitUsage
	}
	e, err := p.Explain(cal, start)
	if err != nil {
		fmt.Fprintf(stderr, "gongzhi: %v\n", err)
		if re := (*calendar.RangeError)(nil); errors.As(err, &re) && re.First != 0 {
			fmt.Fprintf(stderr, "The %s.\n", uncoveredHint(re.Date.Year, re.First))
		}
		return exitInput
	}
	if f.asJSON {
		return printJSON(stdout, stderr, deadlineResult{Deadline: e.Deadline.Format(time.RFC3339), Provisional: e.Provisional,
			Reason: e.ProvisionalReason, Explanation: e})
	}
	fmt.Fprint(stdout, e.String())
	if !e.Provisional {
		fmt.Fprintln(stdout, "not provisional: every day counted is fixed by a loaded notice")
	}
	return exitOK
}

// parseInstant reads "2026-12-20T10:00" or "2026-12-20 10:00" in loc, a
// day alone (00:00), or RFC 3339; days also as 2026/12/20, 2026.12.20 or
// 2026年12月20日 (parseWhen).
func parseInstant(s string, loc *time.Location) (time.Time, error) {
	return parseWhen(s, loc, 0)
}

// statusResult is the JSON of "gongzhi calendar status".
type statusResult struct {
	Calendar    string `json:"calendar"`
	Zone        string `json:"zone"`
	First       int    `json:"first"`
	Last        int    `json:"last"`
	Notices     []int  `json:"notices"`
	Provisional []int  `json:"provisional"`
	Today       string `json:"today"`
	Warning     string `json:"warning,omitempty"`
}

func calendarStatus(args []string, stdout, stderr io.Writer) int {
	f := newCalendarFlags("status", stderr)
	nowFlag := f.flagSet.String("now", "", "today's date, YYYY-MM-DD (default: the system clock, in the calendar's zone)")
	if err := f.flagSet.Parse(args); err != nil || f.flagSet.NArg() != 0 {
		return exitUsage
	}
	cal, code := f.load(stderr)
	if cal == nil {
		return code
	}
	today := time.Now().In(cal.Location())
	if *nowFlag != "" {
		t, err := parseInstant(*nowFlag, cal.Location())
		if err != nil {
			fmt.Fprintf(stderr, "gongzhi: --now: %v\n", err)
			return exitUsage
		}
		today = t
	}
	r := statusResult{Calendar: cal.Name(), Zone: cal.Location().String(), Today: today.Format(time.DateOnly),
		Notices: []int{}, Provisional: []int{}}
	r.First, r.Last = cal.Years()
	for _, s := range cal.Config().Years {
		r.Notices = append(r.Notices, s.Year)
	}
	for y := r.First; y <= r.Last && !cal.Config().AnyYear; y++ {
		if cal.IsProvisional(y) {
			r.Provisional = append(r.Provisional, y)
		}
	}
	next := today.Year() + 1
	if today.Month() >= time.November && !cal.Config().AnyYear {
		if _, ok := cal.Schedule(next); !ok {
			if cal.IsProvisional(next) {
				r.Warning = fmt.Sprintf("the %d notice is not loaded: deadlines in %d are provisional (statutory days only, no 调休); add it when the State Council publishes it", next, next)
			} else {
				r.Warning = fmt.Sprintf("the %d notice is not loaded and the calendar does not cover %d: deadlines that reach it fail; add the notice", next, next)
			}
		}
	}
	if f.asJSON {
		return printJSON(stdout, stderr, r)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s (%s): covers %d-%d\n", r.Calendar, r.Zone, r.First, r.Last)
	fmt.Fprintf(&b, "notices loaded: %s\n", years(r.Notices))
	fmt.Fprintf(&b, "provisional (statutory days only, no 调休): %s\n", years(r.Provisional))
	if r.Warning != "" {
		fmt.Fprintf(&b, "warning (%s): %s\n", r.Today, r.Warning)
	}
	_, err := stdout.Write(b.Bytes())
	if err != nil {
		return exitFailure
	}
	return exitOK
}

// years writes ascending years with runs as ranges, "none" if empty.
func years(ys []int) string {
	if len(ys) == 0 {
		return "none"
	}
	var parts []string
	for i := 0; i < len(ys); {
		j := i
		for j+1 < len(ys) && ys[j+1] == ys[j]+1 {
			j++
		}
		if i == j {
			parts = append(parts, fmt.Sprint(ys[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", ys[i], ys[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// validateCalendar recognises a calendar or a holiday notice for "gongzhi
// validate": ok is false when data is neither (then it is checked as a
// rule).
func validateCalendar(name string, data []byte, stdout, stderr io.Writer) (code int, ok bool) {
	var keys map[string]json.RawMessage
	if json.Unmarshal(data, &keys) != nil {
		return 0, false
	}
	_, hasHolidays := keys["holidays"]
	_, hasYear := keys["year"]
	_, hasYears := keys["years"]
	_, hasAnyYear := keys["any_year"]
	_, hasProv := keys["provisional"]
	_, hasWorkweek := keys["workweek"]
	switch {
	case hasHolidays && hasYear:
		s, err := calendar.LoadSchedule(bytes.NewReader(data))
		if err != nil {
			return calendarError(stderr, name, err), true
		}
		makeups := 0
		for _, h := range s.Holidays {
			makeups += len(h.MakeUp)
		}
		// A notice must also fit the calendar it extends: China's.
		if _, err := calendar.China().Extend(s); err != nil && s.Year > 2027 {
			return calendarError(stderr, name, err), true
		}
		fmt.Fprintf(stdout, "%s: valid %d holiday notice (%d holidays, %d make-up working days)\n", name, s.Year, len(s.Holidays), makeups)
		return exitOK, true
	case hasYears || hasAnyYear || hasProv || hasWorkweek:
		cal, err := calendar.Load(bytes.NewReader(data))
		if err != nil {
			return calendarError(stderr, name, err), true
		}
		first, last := cal.Years()
		var notices []int
		for _, s := range cal.Config().Years {
			notices = append(notices, s.Year)
		}
		fmt.Fprintf(stdout, "%s: valid calendar covering %d-%d (notices: %s)\n", name, first, last, years(notices))
		return exitOK, true
	}
	return 0, false
}

// uncoveredHint says how to cover a year the calendar does not: a year
// before its first needs that year's notice; China's statutory table ends
// in 2100, so a later year too needs its notice in a calendar file.
func uncoveredHint(year, first int) string {
	if year < first {
		return fmt.Sprintf("years before %d need their notice in the calendar (--calendar FILE)", first)
	}
	return "years after it need their notice in the calendar (--calendar FILE)"
}
