package calendar

import (
	"fmt"
	"strings"
	"sync"
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

// The years covered by statutoryTable.
const (
	statutoryFirst = 2025
	statutoryLast  = 2110
	statutoryRec   = len("2025 01-28 04-04 05-31 10-06\n")
)

// statRun is a run of days off derived from the statutory rules.
type statRun struct {
	name     string
	from, to int64 // epoch days, inclusive
}

// statutoryYears holds statutoryYear of every year of the table. It is a
// constant table built on first use (China() would otherwise derive 73
// years on every call), never changed after.
var statutoryYears = sync.OnceValue(func() *[statutoryLast - statutoryFirst + 1]yearRuns {
	var t [statutoryLast - statutoryFirst + 1]yearRuns
	for y := statutoryFirst; y <= statutoryLast; y++ {
		t[y-statutoryFirst].runs, t[y-statutoryFirst].n = statutoryYear(y)
	}
	return &t
})

// yearRuns are the derived days off of one year.
type yearRuns struct {
	runs [7]statRun
	n    int
}

// statutoryRuns returns the derived days off of year y
// (statutoryFirst <= y <= statutoryLast) from the table.
func statutoryRuns(y int) []statRun {
	r := &statutoryYears()[y-statutoryFirst]
	return r.runs[:r.n]
}

// statutoryYear returns the days off of year y (statutoryFirst <= y <=
// statutoryLast) under 全国年节及纪念日放假办法, in date order, without
// allocating:
//
//   - art. 2: 元旦 January 1; 春节 除夕 to 正月初三 (4 days); 清明节 the day
//     of the 清明 solar term; 劳动节 May 1-2; 端午节 五月初五; 中秋节
//     八月十五; 国庆节 October 1-3;
//   - art. 6: a statutory day that falls on a Saturday or Sunday is made up
//     by a weekday off (补假). The law does not say which weekday; every
//     notice since the 2024 revision gives the first weekdays after the
//     holiday that are not statutory days themselves, and so does this
//     function. A statutory day that coincides with another (中秋节 on
//     October 1-3) is made up the same way.
//
// Runs that touch or overlap are merged under a joined name ("国庆节、中秋节").
// The bridging arrangement (调休: weekend days worked in exchange for a
// longer break) is not derived: only a notice fixes it.
func statutoryYear(y int) (runs [7]statRun, n int) {
	rec := statutoryTable[(y-statutoryFirst)*statutoryRec:][:statutoryRec]
	two := func(i int) int { return int(rec[i]-'0')*10 + int(rec[i+1]-'0') }
	day := func(i int) int64 { return epochDay(Date{y, time.Month(two(5 + 6*i)), two(8 + 6*i)}) }
	type feast struct {
		name  string
		from  int64
		count int64
	}
	fs := [7]feast{
		{"元旦", epochDay(Date{y, time.January, 1}), 1},
		{"春节", day(0), 4},
		{"清明节", day(1), 1},
		{"劳动节", epochDay(Date{y, time.May, 1}), 2},
		{"端午节", day(2), 1},
		{"中秋节", day(3), 1},
		{"国庆节", epochDay(Date{y, time.October, 1}), 3},
	}
	// Only 中秋节 can be out of date order (it falls from September 8 to
	// October 7): insertion sort.
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && fs[j].from < fs[j-1].from; j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
		}
	}
	statutory := func(d int64) bool {
		for _, f := range fs {
			if d >= f.from && d < f.from+f.count {
				return true
			}
		}
		return false
	}
	weekend := func(d int64) bool { wd := weekdayOf(d); return wd == time.Saturday || wd == time.Sunday }
	var claimed [32]int64 // days already off: 13 statutory days and at most 13 weekdays for them
	nc := 0
	isClaimed := func(d int64) bool {
		for _, c := range claimed[:nc] {
			if c == d {
				return true
			}
		}
		return false
	}
	for _, f := range fs {
		extra := 0
		for d := f.from; d < f.from+f.count; d++ {
			if weekend(d) || isClaimed(d) {
				extra++
			} else {
				claimed[nc], nc = d, nc+1
			}
		}
		to := f.from + f.count - 1
		for d := to + 1; extra > 0; d++ {
			if !weekend(d) && !statutory(d) && !isClaimed(d) {
				claimed[nc], nc = d, nc+1
				to, extra = d, extra-1
			}
		}
		if n > 0 && f.from <= runs[n-1].to+1 {
			runs[n-1].name += "、" + f.name
			runs[n-1].to = max(runs[n-1].to, to)
		} else {
			runs[n] = statRun{f.name, f.from, to}
			n++
		}
	}
	return runs, n
}

// ChinaStatutory returns the days off of year y (2025 to 2110) derived
// from the statutory holidays of 全国年节及纪念日放假办法 as revised
// 2024-11-10, as a Schedule without make-up working days: the 13
// statutory days of art. 2 plus the weekdays that art. 6 gives for those
// falling on a weekend (see the package doc, "Provisional years"). It is
// what a calendar with Config.Provisional = ProvisionalChina uses for a
// year whose notice is not loaded. The lunar dates and the 清明 solar
// term come from a table generated with github.com/6tail/lunar-go and
// cross-checked in the tests.
//
// Years outside 2025-2110 return a *RangeError: before 2025 the previous
// 放假办法 (11 statutory days) applied, and only the notices of those
// years say which days were off.
func ChinaStatutory(y int) (Schedule, error) {
	if y < statutoryFirst || y > statutoryLast {
		return Schedule{}, &RangeError{Date: Date{max(min(y, 9999), 1), time.January, 1}, First: statutoryFirst, Last: statutoryLast}
	}
	runs := statutoryRuns(y)
	s := Schedule{Year: y, Source: StatutorySource + ": statutory days only, no 调休 (provisional)"}
	for _, r := range runs {
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
