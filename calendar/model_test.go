package calendar_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"pgregory.net/rapid"

	_ "time/tzdata" // the tests use zones with clock changes on any machine
)

// model is a deliberately naive reimplementation of a calendar: maps of
// days and day-by-day loops with time.Date, no bitsets, no fast paths.
type model struct {
	loc         *time.Location
	week        [7]bool
	spans       [][2][2]int // [from, to] as [hour, minute]
	off, work   map[calendar.Date]bool
	first, last int // covered years
	anyYear     bool
	noticeLast  int // last year with a notice (0 if none)
	provisional bool
}

func newModel(cfg calendar.Config) model {
	m := model{off: map[calendar.Date]bool{}, work: map[calendar.Date]bool{}, anyYear: cfg.AnyYear}
	zone := cfg.Zone
	if zone == "" {
		zone = "Asia/Shanghai"
	}
	var err error
	if m.loc, err = time.LoadLocation(zone); err != nil {
		panic(err)
	}
	if len(cfg.Workweek) == 0 {
		cfg.Workweek = []string{"mon", "tue", "wed", "thu", "fri"}
	}
	for _, w := range cfg.Workweek {
		for i := range 7 {
			if strings.EqualFold(w[:3], time.Weekday(i).String()[:3]) {
				m.week[i] = true
			}
		}
	}
	if len(cfg.Hours) == 0 {
		m.spans = [][2][2]int{{{0, 0}, {24, 0}}}
	}
	for _, h := range cfg.Hours {
		var a, b [2]int
		fmt.Sscanf(h.From, "%d:%d", &a[0], &a[1])
		fmt.Sscanf(h.To, "%d:%d", &b[0], &b[1])
		m.spans = append(m.spans, [2][2]int{a, b})
	}
	m.first, m.last = 1, 9999
	if !cfg.AnyYear {
		m.first, m.last = 99999, 0
	}
	years := cfg.Years
	if cfg.Provisional != "" {
		m.provisional = true
		noticed := map[int]bool{}
		for _, y := range cfg.Years {
			noticed[y.Year] = true
			m.noticeLast = max(m.noticeLast, y.Year)
		}
		for y := 2025; y <= 2110; y++ {
			if !noticed[y] {
				s, err := calendar.ChinaStatutory(y)
				if err != nil {
					panic(err)
				}
				years = append(years, s)
			}
		}
	}
	for i, y := range years {
		m.first, m.last = min(m.first, y.Year), max(m.last, y.Year)
		for _, h := range y.Holidays {
			from, _ := calendar.ParseDate(h.From)
			to := from
			if h.To != "" {
				to, _ = calendar.ParseDate(h.To)
			}
			for d := from; !to.Before(d); d = d.AddDays(1) {
				if i >= len(cfg.Years) && m.work[d] {
					continue // a notice's make-up day overrides a derived day off
				}
				m.off[d] = true
			}
			for _, s := range h.MakeUp {
				d, _ := calendar.ParseDate(s)
				m.work[d] = true
			}
		}
	}
	return m
}

func (m model) date(t time.Time) calendar.Date { return calendar.DateOf(t, m.loc) }

func (m model) covered(d calendar.Date) bool { return d.Year >= m.first && d.Year <= m.last }

func (m model) working(d calendar.Date) bool {
	if !m.covered(d) {
		panic("model: uncovered " + d.String())
	}
	return m.work[d] || (m.week[d.Weekday()] && !m.off[d])
}

// at returns the first instant at which the wall clock reads hm on day d
// or later. Near a change of UTC offset it scans minute by minute.
func (m model) at(d calendar.Date, hm [2]int) time.Time {
	r := time.Date(d.Year, d.Month, d.Day, hm[0], hm[1], 0, 0, m.loc)
	s, e := r.ZoneBounds()
	if (s.IsZero() || r.Sub(s) >= 26*time.Hour) && (e.IsZero() || e.Sub(r) >= 26*time.Hour) {
		return r
	}
	end := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Add(time.Duration(hm[0])*time.Hour + time.Duration(hm[1])*time.Minute)
	for u := r.Add(-26 * time.Hour).Truncate(time.Minute); ; u = u.Add(time.Minute) {
		lt := u.In(m.loc)
		wall := time.Date(lt.Year(), lt.Month(), lt.Day(), lt.Hour(), lt.Minute(), 0, 0, time.UTC)
		if !wall.Before(end) {
			return u.In(m.loc)
		}
	}
}

func (m model) close(d calendar.Date) time.Time { return m.at(d, m.spans[len(m.spans)-1][1]) }

// addWorkingDays: ok is false when the model runs out of covered days.
func (m model) addWorkingDays(t time.Time, n int) (time.Time, bool) {
	d := m.date(t)
	if n == 0 {
		if m.working(d) && t.Before(m.close(d)) {
			return m.close(d), true
		}
		n = 1
	}
	for n > 0 {
		d = d.AddDays(1)
		if !m.covered(d) {
			return time.Time{}, false
		}
		if m.working(d) {
			n--
		}
	}
	return m.close(d), true
}

// workingTime sums the working spans overlapping [a, b), a <= b.
func (m model) workingTime(a, b time.Time) time.Duration {
	var sum time.Duration
	for d := m.date(a); !m.date(b).Before(d); d = d.AddDays(1) {
		if !m.working(d) {
			continue
		}
		for _, s := range m.spans {
			x, y := m.at(d, s[0]), m.at(d, s[1])
			if x.Before(a) {
				x = a
			}
			if b.Before(y) {
				y = b
			}
			if x.Before(y) {
				sum += y.Sub(x)
			}
		}
	}
	return sum
}

func (m model) addWorkingHours(t time.Time, dur time.Duration) (time.Time, bool) {
	if dur == 0 {
		return t, true
	}
	for d := m.date(t); ; d = d.AddDays(1) {
		if !m.covered(d) {
			return time.Time{}, false
		}
		if !m.working(d) {
			continue
		}
		for _, s := range m.spans {
			x, y := m.at(d, s[0]), m.at(d, s[1])
			if x.Before(t) {
				x = t
			}
			if !x.Before(y) {
				continue
			}
			if avail := y.Sub(x); dur <= avail {
				return x.Add(dur), true
			} else {
				dur -= avail
			}
		}
	}
}

func (m model) addNaturalDays(t time.Time, n int) (time.Time, bool) {
	d := m.date(t).AddDays(n)
	for {
		if !m.covered(d) {
			return time.Time{}, false
		}
		if m.working(d) {
			return m.at(d.AddDays(1), [2]int{0, 0}), true
		}
		d = d.AddDays(1)
	}
}

var zones = []string{"Asia/Shanghai", "UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Havana", "America/Santiago", "Asia/Kolkata"}

// genConfig draws a valid calendar config: a random zone, workweek, hours
// and two or three years of random holidays with make-up days.
func genConfig(t *rapid.T) calendar.Config {
	cfg := calendar.Config{Zone: rapid.SampledFrom(zones).Draw(t, "zone")}
	var week [7]bool
	for i := range 7 {
		week[i] = rapid.Bool().Draw(t, "weekday")
	}
	week[rapid.IntRange(0, 6).Draw(t, "sureday")] = true
	for i, ok := range week {
		if ok {
			cfg.Workweek = append(cfg.Workweek, time.Weekday(i).String())
		}
	}
	// Hours: empty (all day) or 1-3 spans on a quarter-hour grid.
	if rapid.Bool().Draw(t, "someHours") {
		cuts := rapid.SliceOfNDistinct(rapid.IntRange(0, 96), 2, 6, rapid.ID[int]).Draw(t, "cuts")
		sortInts(cuts)
		for i := 0; i+1 < len(cuts); i += 2 {
			cfg.Hours = append(cfg.Hours, calendar.Span{From: clock(cuts[i]), To: clock(cuts[i+1])})
		}
	}
	first := rapid.IntRange(2024, 2027).Draw(t, "first")
	n := rapid.IntRange(1, 3).Draw(t, "years")
	used := map[calendar.Date]bool{}
	for y := first; y < first+n; y++ {
		s := calendar.Schedule{Year: y, Source: "random"}
		for h := range rapid.IntRange(0, 6).Draw(t, "holidays") {
			start := calendar.Date{Year: y, Month: 1, Day: 1}.AddDays(rapid.IntRange(-3, 368).Draw(t, "start"))
			length := rapid.IntRange(1, 9).Draw(t, "length")
			ok := true
			for k := range length {
				ok = ok && !used[start.AddDays(k)]
			}
			if !ok {
				continue
			}
			hol := calendar.Holiday{Name: fmt.Sprintf("h%d-%d", y, h), From: start.String()}
			if length > 1 {
				hol.To = start.AddDays(length - 1).String()
			}
			for k := range length {
				used[start.AddDays(k)] = true
			}
			for range rapid.IntRange(0, 2).Draw(t, "makeups") {
				d := start.AddDays(rapid.IntRange(-12, 12).Draw(t, "makeup"))
				if used[d] || week[d.Weekday()] {
					continue
				}
				used[d] = true
				hol.MakeUp = append(hol.MakeUp, d.String())
			}
			s.Holidays = append(s.Holidays, hol)
		}
		cfg.Years = append(cfg.Years, s)
	}
	if first+n >= 2025 && rapid.IntRange(0, 3).Draw(t, "provisional") == 0 {
		cfg.Provisional = calendar.ProvisionalChina // the notices touch 2025-2110: no gap
	}
	return cfg
}

func clock(quarter int) string { return fmt.Sprintf("%02d:%02d", quarter/4, quarter%4*15) }

func sortInts(a []int) {
	for i := range a {
		for j := i + 1; j < len(a); j++ {
			if a[j] < a[i] {
				a[i], a[j] = a[j], a[i]
			}
		}
	}
}

// genInstant draws an instant in the covered years of m, often exactly on
// a span boundary or at midnight.
func genInstant(t *rapid.T, m model, label string) time.Time {
	fy, ly := m.first, m.last
	if m.anyYear {
		fy, ly = 2020, 2030
	}
	if m.provisional {
		// Around the last notice: the model counts day by day, and the
		// years far ahead are checked day by day in crosscheck_test.go.
		fy, ly = max(fy, m.noticeLast-1), min(ly, max(m.noticeLast, fy)+2)
	}
	days := calendar.Date{Year: ly, Month: 12, Day: 31}
	firstDay := calendar.Date{Year: fy, Month: 1, Day: 1}
	span := 0
	for d := firstDay; d.Before(days); d = d.AddDays(1) {
		span++
	}
	d := firstDay.AddDays(rapid.IntRange(0, span).Draw(t, label+"Day"))
	var hm [2]int
	kind := rapid.IntRange(0, 4).Draw(t, label+"Kind")
	if kind == 4 { // near the zone's next change of UTC offset, if any
		_, end := time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, m.loc).ZoneBounds()
		if !end.IsZero() {
			tm := end.Add(time.Duration(rapid.IntRange(-36*60, 36*60).Draw(t, label+"Near")) * time.Minute)
			if m.covered(m.date(tm)) {
				return tm
			}
		}
	}
	switch kind {
	case 0:
		s := m.spans[rapid.IntRange(0, len(m.spans)-1).Draw(t, label+"Span")]
		hm = s[rapid.IntRange(0, 1).Draw(t, label+"End")]
		if hm[0] == 24 {
			hm = [2]int{23, 59}
		}
	case 1:
		hm = [2]int{0, 0}
	default:
		hm = [2]int{rapid.IntRange(0, 23).Draw(t, label+"H"), rapid.IntRange(0, 59).Draw(t, label+"M")}
	}
	tm := time.Date(d.Year, d.Month, d.Day, hm[0], hm[1], 0, 0, m.loc)
	tm = tm.Add(time.Duration(rapid.SampledFrom([]int{0, 0, 1, -1, 999_999_999}).Draw(t, label+"Ns")))
	if !m.covered(m.date(tm)) {
		tm = time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, m.loc)
	}
	return tm
}
