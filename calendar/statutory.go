package calendar

import (
	"fmt"
	"strings"
	"time"
)

//go:generate go test -run ^TestStatutoryTableIsGenerated$ -update-statutory .

// ProvisionalChina is the value of Config.Provisional that derives the
// days off of every year from 2025 to 2110 without a loaded notice from
// the statutory holidays of 全国年节及纪念日放假办法 (revised 2024-11-10,
// in force 2025-01-01); see ChinaStatutory.
const ProvisionalChina = "china"

// StatutorySource cites the law from which ChinaStatutory derives a year's
// days off.
const StatutorySource = "全国年节及纪念日放假办法 (国务院, revised 2024-11-10, in force 2025-01-01), arts. 2 and 6"

// The years covered by statutoryDays, and the layout of its records: the
// year, then seven runs " N MM-DD MM-DD" (a holiday code, the first and
// the last day off), slots left over after merged runs marked "-".
const (
	statutoryFirst = 2025
	statutoryLast  = 2110
	statutoryRun   = len(" 0 01-01 01-01")
	statutoryRec   = len("2025") + 7*statutoryRun + len("\n")
	// statutoryMasks holds 6 little-endian 64-bit words per year.
	statutoryMaskRec = 6 * 8
)

// statRun is a run of days off derived from the statutory rules.
type statRun struct {
	name     string
	from, to int64 // epoch days, inclusive
}

// statutoryRuns returns the days off of year y (statutoryFirst <= y <=
// statutoryLast) under 全国年节及纪念日放假办法, in date order, read from
// the generated table statutoryDays without allocating:
//
//   - art. 2: 元旦 January 1; 春节 除夕 to 正月初三 (4 days); 清明节 the day
//     of the 清明 solar term; 劳动节 May 1-2; 端午节 五月初五; 中秋节
//     八月十五; 国庆节 October 1-3;
//   - art. 6: a statutory day that falls on a Saturday or Sunday is made up
//     by a weekday off (补假). The law does not say which weekday; every
//     notice since the 2024 revision gives the first weekdays after the
//     holiday that are not statutory days themselves, and so does the
//     derivation. A statutory day that coincides with another (中秋节 on
//     October 1-3) is made up the same way.
//
// Runs that touch or overlap are merged under a joined name ("国庆节、中秋节").
// The bridging arrangement (调休: weekend days worked in exchange for a
// longer break) is not derived: only a notice fixes it.
//
// The derivation itself (deriveStatutoryYear) runs at go generate time in
// statutory_gen_test.go, on the lunar dates and solar terms computed by
// github.com/6tail/lunar-go; TestStatutoryTableIsGenerated checks that the
// table is its output. Reading a table keeps the package free of state
// and of lunar arithmetic, and China() free of deriving 86 years per call
// (it reads the same days as bits: clearStatutory).
func statutoryRuns(y int) (runs [7]statRun, n int) {
	rec := statutoryDays[(y-statutoryFirst)*statutoryRec:][:statutoryRec]
	two := func(i int) int { return int(rec[i]-'0')*10 + int(rec[i+1]-'0') }
	day := func(i int) int64 { return epochDay(Date{y, time.Month(two(i)), two(i + 3)}) }
	for i := len("2025"); i+statutoryRun <= len(rec); i += statutoryRun {
		name := statutoryHoliday(rec[i+1]) // " N MM-DD MM-DD"
		if name == "" {
			break // the slots left over after merged runs
		}
		runs[n] = statRun{name, day(i + 3), day(i + 9)}
		n++
	}
	return runs, n
}

// clearStatutory marks the derived days off of year y (statutoryFirst <=
// y <= statutoryLast, within the table) as not working, from the
// generated bit masks of statutoryMasks: a few word operations per year
// rather than decoding its runs, as this runs for every provisional year
// whenever a calendar is built.
func (c *Calendar) clearStatutory(y int) {
	rec := statutoryMasks[(y-statutoryFirst)*statutoryMaskRec:][:statutoryMaskRec]
	at := epochDay(Date{y, time.January, 1}) - c.first // bit of January 1
	for w := range statutoryMaskRec / 8 {
		m := uint64(rec[8*w]) | uint64(rec[8*w+1])<<8 | uint64(rec[8*w+2])<<16 | uint64(rec[8*w+3])<<24 |
			uint64(rec[8*w+4])<<32 | uint64(rec[8*w+5])<<40 | uint64(rec[8*w+6])<<48 | uint64(rec[8*w+7])<<56
		if m == 0 {
			continue
		}
		i, sh := (at+int64(64*w))/64, uint((at+int64(64*w))%64)
		c.bits[i] &^= m << sh
		if sh != 0 && int(i)+1 < len(c.bits) {
			c.bits[i+1] &^= m >> (64 - sh)
		}
	}
}

// statutoryHoliday returns the name that code stands for in statutoryDays:
// a holiday of art. 2, or two that the table merges because their days
// off touch; "" for any other byte.
func statutoryHoliday(code byte) string {
	switch code {
	case '0':
		return "元旦"
	case '1':
		return "春节"
	case '2':
		return "清明节"
	case '3':
		return "劳动节"
	case '4':
		return "端午节"
	case '5':
		return "中秋节"
	case '6':
		return "国庆节"
	case '7':
		return "中秋节、国庆节"
	case '8':
		return "国庆节、中秋节"
	}
	return ""
}

// ChinaStatutory returns the days off of year y (2025 to 2110) derived
// from the statutory holidays of 全国年节及纪念日放假办法 as revised
// 2024-11-10, as a Schedule without make-up working days: the 13
// statutory days of art. 2 plus the weekdays that art. 6 gives for those
// falling on a weekend (see the package doc, "Provisional years"). It is
// what a calendar with Config.Provisional = ProvisionalChina uses for a
// year whose notice is not loaded. The days come from a table derived at
// go generate time from the lunar dates and the 清明 solar term that
// github.com/6tail/lunar-go computes, and cross-checked in the tests.
//
// Years outside 2025-2110 return a *RangeError: before 2025 the previous
// 放假办法 (11 statutory days) applied, and only the notices of those
// years say which days were off.
func ChinaStatutory(y int) (Schedule, error) {
	if y < statutoryFirst || y > statutoryLast {
		return Schedule{}, &RangeError{Date: Date{max(min(y, 9999), 1), time.January, 1}, First: statutoryFirst, Last: statutoryLast}
	}
	runs, n := statutoryRuns(y)
	s := Schedule{Year: y, Source: StatutorySource + ": statutory days only, no 调休 (provisional)"}
	for _, r := range runs[:n] {
		h := Holiday{Name: r.name, From: civil(r.from).String()}
		if r.to != r.from {
			h.To = civil(r.to).String()
		}
		s.Holidays = append(s.Holidays, h)
	}
	return s, nil
}

// ProvisionalReason returns the reason for which results that depend on
// years without a loaded notice are provisional, e.g. "2028 notice not
// loaded; statutory days only, no 调休", or "" if years is empty. Runs of
// consecutive years are written as ranges ("2028-2110 notices ...").
func ProvisionalReason(years []int) string {
	if len(years) == 0 {
		return ""
	}
	noun := "notice"
	if len(years) > 1 {
		noun = "notices"
	}
	return yearRanges(years) + " " + noun + " not loaded; statutory days only, no 调休"
}

// yearRanges writes ascending years with runs as ranges: "2028-2030, 2032".
func yearRanges(years []int) string {
	var parts []string
	for i := 0; i < len(years); {
		j := i
		for j+1 < len(years) && years[j+1] == years[j]+1 {
			j++
		}
		if j == i {
			parts = append(parts, fmt.Sprint(years[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", years[i], years[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
