package calendar

import (
	"fmt"
	"math"
	"math/bits"
	"slices"
	"time"
)

const (
	dayNanos   = int64(24 * time.Hour)
	maxHoliday = 31 // longest accepted run of days off, a guard against typos
)

// special records why a day deviates from the workweek.
type special struct {
	kind DayKind
	name string
}

// compile validates cfg and builds the immutable lookup tables.
func compile(cfg Config) (*Calendar, error) { return compileWith(cfg, false) }

// compileWith is compile; anyWeek skips the checks that depend on the
// workweek (a make-up day must fall on a day off of the workweek), for
// validating a Schedule on its own.
func compileWith(cfg Config, anyWeek bool) (*Calendar, error) {
	cfg = cfg.clone()
	c := &Calendar{anyWeek: anyWeek}

	if cfg.Zone == "" {
		cfg.Zone = DefaultZone
	}
	loc, err := resolveZone(cfg.Zone)
	if err != nil {
		return nil, cfgErr("zone", "%v", err)
	}
	c.loc = loc

	// Workweek.
	if len(cfg.Workweek) == 0 {
		c.week = 0b0111110 // Monday..Friday
	}
	for i, s := range cfg.Workweek {
		wd, ok := parseWeekday(s)
		if !ok {
			return nil, cfgErr(fmt.Sprintf("workweek[%d]", i), "unknown weekday %q", s)
		}
		if c.week&(1<<wd) != 0 {
			return nil, cfgErr(fmt.Sprintf("workweek[%d]", i), "duplicate weekday %q", s)
		}
		c.week |= 1 << wd
	}
	cfg.Workweek = cfg.Workweek[:0]
	for wd := time.Monday; ; wd = (wd + 1) % 7 {
		if c.week&(1<<wd) != 0 {
			cfg.Workweek = append(cfg.Workweek, abbr(wd))
		}
		if wd == time.Sunday {
			break
		}
	}
	c.perWeek = int64(bits.OnesCount8(c.week))
	for i := range 7 {
		c.weekPrefix[i+1] = c.weekPrefix[i]
		if c.week&(1<<i) != 0 {
			c.weekPrefix[i+1]++
		}
	}

	// Hours.
	if len(cfg.Hours) == 0 {
		c.spans = []span{{0, dayNanos}}
	}
	for i, h := range cfg.Hours {
		from, ok := parseClock(h.From)
		if !ok || from == dayNanos {
			return nil, cfgErr(fmt.Sprintf("hours[%d].from", i), "bad time %q: want HH:MM from 00:00 to 23:59", h.From)
		}
		to, ok := parseClock(h.To)
		if !ok {
			return nil, cfgErr(fmt.Sprintf("hours[%d].to", i), "bad time %q: want HH:MM from 00:01 to 24:00", h.To)
		}
		if to <= from {
			return nil, cfgErr(fmt.Sprintf("hours[%d].to", i), "%s is not after from %s", h.To, h.From)
		}
		if i > 0 && from < c.spans[i-1].to {
			return nil, cfgErr(fmt.Sprintf("hours[%d].from", i), "%s overlaps or precedes the previous span", h.From)
		}
		c.spans = append(c.spans, span{from, to})
	}
	for _, s := range c.spans {
		c.daily += s.to - s.from
	}
	c.open = c.spans[0].from
	c.close = c.spans[len(c.spans)-1].to

	// Years.
	switch cfg.Provisional {
	case "", ProvisionalChina:
	default:
		return nil, cfgErr("provisional", "unknown rule %q: want %q or none", cfg.Provisional, ProvisionalChina)
	}
	switch {
	case cfg.AnyYear && len(cfg.Years) > 0:
		return nil, cfgErr("any_year", "cannot be combined with years: a calendar with holiday notices must not guess other years")
	case cfg.AnyYear && cfg.Provisional != "":
		return nil, cfgErr("any_year", "cannot be combined with provisional: a calendar without holidays has nothing to derive")
	case cfg.AnyYear:
		c.periodic = true
		c.firstYear, c.lastYear = 1, 9999
		c.first = epochDay(Date{1, time.January, 1})
		c.last = epochDay(Date{9999, time.December, 31})
	case len(cfg.Years) == 0 && cfg.Provisional == "":
		return nil, cfgErr("years", "no year covered: list the years' holiday notices, set provisional or set any_year")
	default:
		if err := c.buildTable(cfg.Years, cfg.Provisional != ""); err != nil {
			return nil, err
		}
	}
	c.total = c.rankOf(c.last)
	if c.total == 0 {
		return nil, cfgErr("workweek", "the calendar has no working day")
	}
	c.setZones()
	c.cfg = cfg
	return c, nil
}

// buildTable builds the day table from the notices in years and, if
// provisional, the statutory days of the years 2025-2110 without one.
func (c *Calendar) buildTable(years []Schedule, provisional bool) error {
	idx := make(map[int]int, len(years))
	minY, maxY := math.MaxInt, math.MinInt
	if provisional {
		minY, maxY = statutoryFirst, statutoryLast
	}
	for i, s := range years {
		f := fmt.Sprintf("years[%d].year", i)
		if s.Year < 1 || s.Year > 9999 {
			return cfgErr(f, "%d is outside 1-9999", s.Year)
		}
		if j, dup := idx[s.Year]; dup {
			return cfgErr(f, "year %d is already given by years[%d]", s.Year, j)
		}
		idx[s.Year] = i
		minY, maxY = min(minY, s.Year), max(maxY, s.Year)
	}
	for y := minY; y <= maxY; y++ {
		if _, ok := idx[y]; ok {
			continue
		}
		if !provisional || y < statutoryFirst || y > statutoryLast {
			return cfgErr("years", "year %d is missing between %d and %d: the covered years must be consecutive", y, minY, maxY)
		}
		if c.prov == nil {
			c.prov = make([]bool, maxY-minY+1)
		}
		c.prov[y-minY] = true
	}
	c.firstYear, c.lastYear = minY, maxY
	c.first = epochDay(Date{minY, time.January, 1})
	c.last = epochDay(Date{maxY, time.December, 31})
	n := c.last - c.first + 1
	c.bits = make([]uint64, (n+63)/64)
	// The workweek: since 64 = 9*7 + 1, word i+7 repeats word i.
	for i := range c.bits {
		if i >= 7 {
			c.bits[i] = c.bits[i-7]
			continue
		}
		for b := range int64(64) {
			if c.week&(1<<weekdayOf(c.first+int64(i)*64+b)) != 0 {
				c.bits[i] |= 1 << b
			}
		}
	}
	if r := n % 64; r != 0 {
		c.bits[len(c.bits)-1] &= 1<<r - 1 // no day after c.last
	}
	for y := minY; y <= maxY; y++ {
		if c.IsProvisional(y) {
			c.clearStatutory(y)
		}
	}

	days := 0
	for _, s := range years {
		for _, h := range s.Holidays {
			days += maxHoliday/4 + len(h.MakeUp) // a typical run, to size the maps
		}
	}
	c.special = make(map[int64]special, days)
	// Field names are built only for errors: compiling China's notices
	// runs on every call of China().
	field := func(i, j int) string { return fmt.Sprintf("years[%d].holidays[%d]", i, j) }
	for i, s := range years {
		for j, h := range s.Holidays {
			if h.Name == "" {
				return cfgErr(field(i, j)+".name", "empty: name the holiday")
			}
			from, ok := c.noticeDay(h.From, s.Year)
			if !ok {
				return c.dayErr(field(i, j)+".from", h.From, s.Year)
			}
			to := from
			if h.To != "" {
				if to, ok = c.noticeDay(h.To, s.Year); !ok {
					return c.dayErr(field(i, j)+".to", h.To, s.Year)
				}
			}
			if to < from {
				return cfgErr(field(i, j)+".to", "%s is before from %s", h.To, h.From)
			}
			if to-from >= maxHoliday {
				return cfgErr(field(i, j)+".to", "holiday of %d days is longer than %d", to-from+1, maxHoliday)
			}
			for d := from; d <= to; d++ {
				if _, dup := c.special[d]; dup {
					return cfgErr(field(i, j), "%s is already given by %s", civil(d), fieldOf(years, d, i, j, -1))
				}
				c.special[d] = special{DayOff, h.Name}
			}
			for k, m := range h.MakeUp {
				d, ok := c.noticeDay(m, s.Year)
				fm := func() string { return fmt.Sprintf("%s.makeup[%d]", field(i, j), k) }
				if !ok {
					return c.dayErr(fm(), m, s.Year)
				}
				if _, dup := c.special[d]; dup {
					return cfgErr(fm(), "%s is already given by %s", m, fieldOf(years, d, i, j, k))
				}
				if c.week&(1<<weekdayOf(d)) != 0 && !c.anyWeek {
					return cfgErr(fm(), "%s is a %s, already a working day", m, weekdayOf(d))
				}
				c.special[d] = special{MakeUp, h.Name}
			}
		}
	}
	for d, sp := range c.special {
		if d < c.first || d > c.last {
			continue // kept in the config; takes effect once its year is covered
		}
		w, b := (d-c.first)/64, uint((d-c.first)%64)
		if sp.kind == DayOff {
			c.bits[w] &^= 1 << b
		} else {
			c.bits[w] |= 1 << b
		}
	}
	c.rank = make([]int64, len(c.bits)+1)
	for i, w := range c.bits {
		c.rank[i+1] = c.rank[i] + int64(bits.OnesCount64(w))
	}
	return nil
}

// noticeDay parses a date of the notice for year y; it must lie in
// y-1..y+1.
func (c *Calendar) noticeDay(s string, y int) (int64, bool) {
	d, err := ParseDate(s)
	if err != nil || d.Year < y-1 || d.Year > y+1 {
		return 0, false
	}
	return epochDay(d), true
}

// dayErr explains why noticeDay refused s.
func (c *Calendar) dayErr(field, s string, y int) error {
	if _, err := ParseDate(s); err != nil {
		return cfgErr(field, "bad date %q: want YYYY-MM-DD", s)
	}
	return cfgErr(field, "%s is too far from the notice's year %d", s, y)
}

// fieldOf names the field of years that first set day d, before holiday
// j of notice i (and, k >= 0, before its make-up day k): the other side
// of a duplicate, for the error message.
func fieldOf(years []Schedule, d int64, i, j, k int) string {
	for a, s := range years {
		for b, h := range s.Holidays {
			if from, err := ParseDate(h.From); err == nil {
				to := from
				if h.To != "" {
					if t, err := ParseDate(h.To); err == nil {
						to = t
					}
				}
				if d >= epochDay(from) && d <= epochDay(to) && (a < i || a == i && b <= j) {
					return fmt.Sprintf("years[%d].holidays[%d]", a, b)
				}
			}
			for m, x := range h.MakeUp {
				if a == i && b == j && m >= k && k >= 0 || a == i && b > j || a > i {
					break
				}
				if md, err := ParseDate(x); err == nil && epochDay(md) == d {
					return fmt.Sprintf("years[%d].holidays[%d].makeup[%d]", a, b, m)
				}
			}
		}
	}
	return "another entry"
}

// rankOf returns the number of working days in [c.first, d]. It requires
// c.first-1 <= d <= c.last.
func (c *Calendar) rankOf(d int64) int64 {
	if c.periodic {
		x := d - 3 // epoch day 3, 1970-01-04, is a Sunday
		q, r := floorDiv(x, 7), floorMod(x, 7)
		x0 := c.first - 3
		q0, r0 := floorDiv(x0, 7), floorMod(x0, 7)
		return (q*c.perWeek + c.weekPrefix[r+1]) - (q0*c.perWeek + c.weekPrefix[r0])
	}
	if d < c.first {
		return 0
	}
	i := d - c.first
	w, b := i/64, uint(i%64)
	return c.rank[w] + int64(bits.OnesCount64(c.bits[w]&(^uint64(0)>>(63-b))))
}

// selectDay returns the k-th working day (1-based) of the calendar, the
// inverse of rankOf on working days.
func (c *Calendar) selectDay(k int64) (int64, error) {
	if k < 1 || k > c.total {
		return 0, c.rangeErr(c.last + 1)
	}
	if c.periodic {
		x0 := c.first - 3
		q0, r0 := floorDiv(x0, 7), floorMod(x0, 7)
		k += q0*c.perWeek + c.weekPrefix[r0] // rank counted from the base Sunday
		q := floorDiv(k-1, c.perWeek)
		rem := k - q*c.perWeek
		r := int64(0)
		for c.weekPrefix[r+1] < rem {
			r++
		}
		return 3 + q*7 + r, nil
	}
	// Largest word w with rank[w] < k. Working days are spread evenly
	// enough that interpolation lands within a word or two of it; a few
	// steps from there, else a binary search.
	w := min(int((k-1)*int64(len(c.bits))/c.total), len(c.bits)-1)
	for range 4 {
		switch {
		case c.rank[w] >= k:
			w--
		case c.rank[w+1] < k:
			w++
		default:
			return c.first + int64(w)*64 + int64(select64(c.bits[w], int(k-c.rank[w]))), nil
		}
	}
	w, _ = slices.BinarySearch(c.rank, k)
	w--
	return c.first + int64(w)*64 + int64(select64(c.bits[w], int(k-c.rank[w]))), nil
}

// select64 returns the position of the k-th set bit (1-based) of x, which
// must have at least k set bits: a binary search on popcounts down to a
// byte, then a short scan.
func select64(x uint64, k int) int {
	pos := 0
	for _, width := range [...]int{32, 16, 8} {
		low := x & (1<<width - 1)
		if n := bits.OnesCount64(low); n < k {
			k -= n
			x >>= width
			pos += width
		} else {
			x = low
		}
	}
	for ; k > 1; k-- {
		x &= x - 1
	}
	return pos + bits.TrailingZeros64(x)
}

func (c *Calendar) rangeErr(d int64) error {
	if d < epochDay(Date{1, 1, 1}) || d > epochDay(Date{9999, 12, 31}) {
		return &RangeError{Date: civil(max(min(d, epochDay(Date{9999, 12, 31})), epochDay(Date{1, 1, 1}))), First: c.firstYear, Last: c.lastYear}
	}
	return &RangeError{Date: civil(d), First: c.firstYear, Last: c.lastYear}
}
