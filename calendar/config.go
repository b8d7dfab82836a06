package calendar

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// DefaultZone is the IANA time zone used when Config.Zone is empty.
const DefaultZone = "Asia/Shanghai"

// Config describes a calendar as data. It is what Load reads and what
// MarshalJSON writes, so a district can publish its calendar as a JSON file
// and add next year's holiday notice without a new release of the library.
//
// The zero Config is not valid: it covers no year. A working calendar sets
// Years (official schedules) or AnyYear (a calendar without holidays).
type Config struct {
	// Name labels the calendar in explanations, e.g. "China (State Council notices)".
	Name string `json:"name,omitempty"`

	// Zone is the IANA time zone in which days and hours are counted.
	// Empty means DefaultZone, "Asia/Shanghai". "Local" is rejected: a
	// calendar must not depend on the machine it runs on.
	Zone string `json:"zone,omitempty"`

	// Workweek lists the regular working weekdays as English names or
	// three-letter abbreviations ("Mon", "tuesday"). Empty means Monday
	// through Friday.
	Workweek []string `json:"workweek,omitempty"`

	// Hours are the working hours of every working day (make-up days
	// included), as ascending, non-overlapping wall-clock spans. Empty means
	// the whole day, 00:00-24:00.
	Hours []Span `json:"hours,omitempty"`

	// AnyYear makes every year from 1 to 9999 follow the workweek alone. It
	// is meant for calendars without holidays (round-the-clock service) and
	// cannot be combined with Years.
	AnyYear bool `json:"any_year,omitempty"`

	// Years are the covered years, each with its holiday notice. They must
	// be consecutive (in any order): a gap would make the calendar guess,
	// unless Provisional fills it.
	Years []Schedule `json:"years,omitempty"`

	// Provisional names the law from which the calendar derives the days
	// off of a year that has no notice in Years. Empty means none: such
	// years are not covered and asking about them is an error.
	// ProvisionalChina ("china") covers every year from 2025 to 2110
	// without a notice with the statutory days of 全国年节及纪念日放假办法
	// (ChinaStatutory); results that depend on those years are flagged
	// provisional. A day that a notice names in a neighbouring year (a
	// make-up day of 2027 listed in the 2026 notice) keeps the notice's
	// meaning. Cannot be combined with AnyYear.
	Provisional string `json:"provisional,omitempty"`
}

// Span is a wall-clock interval [From, To) of a working day, written "HH:MM".
// To may be "24:00".
type Span struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// Schedule is one year's official holiday notice: which days are off and
// which weekend days are worked instead (调休).
type Schedule struct {
	// Year is the calendar year the notice is for.
	Year int `json:"year"`
	// Source cites the notice, e.g. "国办发明电〔2024〕12号, 2024-11-12".
	Source string `json:"source,omitempty"`
	// Holidays lists the days off. A holiday may begin in the previous year
	// or end in the next one.
	Holidays []Holiday `json:"holidays"`
}

// Holiday is a run of consecutive days off with its make-up working days.
type Holiday struct {
	Name string `json:"name"`         // e.g. "春节" or "Spring Festival"
	From string `json:"from"`         // first day off, "YYYY-MM-DD"
	To   string `json:"to,omitempty"` // last day off, inclusive; empty means From
	// MakeUp lists the weekend days worked in exchange for this holiday
	// (调休上班). They are working days in every computation.
	MakeUp []string `json:"makeup,omitempty"`
}

// Validate reports the first problem in c as a *ConfigError naming the
// field, or nil if New(c) would succeed.
func (c Config) Validate() error {
	_, err := compile(c)
	return err
}

// Validate reports the first problem in s as a *ConfigError naming the
// field. It checks s on its own: whether each make-up day falls on a day
// off of the workweek depends on the calendar, so Calendar.Extend checks
// that.
func (s Schedule) Validate() error {
	_, err := compileWith(Config{Years: []Schedule{s}}, true)
	if ce, ok := err.(*ConfigError); ok { // name fields relative to the schedule
		ce.Field = strings.TrimPrefix(ce.Field, "years[0].")
	}
	return err
}

func cfgErr(field, format string, args ...any) error {
	return &ConfigError{Field: field, Reason: fmt.Sprintf(format, args...)}
}

// abbr returns the three-letter English name of wd, "Mon".
func abbr(wd time.Weekday) string { return wd.String()[:3] }

func parseWeekday(s string) (time.Weekday, bool) {
	l := strings.ToLower(strings.TrimSpace(s))
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		if l == strings.ToLower(abbr(wd)) || l == strings.ToLower(wd.String()) {
			return wd, true
		}
	}
	return 0, false
}

// parseClock parses "HH:MM" (00:00 to 24:00) into nanoseconds of the day.
func parseClock(s string) (int64, bool) {
	if len(s) != 5 || s[2] != ':' {
		return 0, false
	}
	for _, i := range []int{0, 1, 3, 4} {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	h := int64(s[0]-'0')*10 + int64(s[1]-'0')
	m := int64(s[3]-'0')*10 + int64(s[4]-'0')
	if m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, false
	}
	return (h*60 + m) * int64(time.Minute), true
}

// resolveZone loads an IANA zone. If the system has no zone database,
// Asia/Shanghai falls back to a fixed UTC+8 zone, which matches the IANA
// zone for every instant since 1991-09-15 (China has not observed daylight
// saving time since then).
func resolveZone(name string) (*time.Location, error) {
	if name == "Local" {
		return nil, fmt.Errorf("the machine's local zone is not allowed, name an IANA zone")
	}
	loc, err := time.LoadLocation(name)
	if err == nil {
		return loc, nil
	}
	if name == "Asia/Shanghai" {
		return time.FixedZone("CST", 8*60*60), nil
	}
	return nil, fmt.Errorf("unknown time zone %q", name)
}

// clone returns a deep copy of c in which empty lists are nil, so that
// equal calendars have equal configs.
func (c Config) clone() Config {
	d := c
	d.Workweek = cloneList(c.Workweek)
	d.Hours = cloneList(c.Hours)
	d.Years = nil
	for _, s := range c.Years {
		d.Years = append(d.Years, s.clone())
	}
	return d
}

func (s Schedule) clone() Schedule {
	d := s
	d.Holidays = nil
	for _, h := range s.Holidays {
		h.MakeUp = cloneList(h.MakeUp)
		d.Holidays = append(d.Holidays, h)
	}
	return d
}

func cloneList[T any](a []T) []T {
	if len(a) == 0 {
		return nil
	}
	return slices.Clone(a)
}
