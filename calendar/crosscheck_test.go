package calendar_test

import (
	"testing"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"
	lunar "github.com/6tail/lunar-go/calendar"
	"github.com/gongzhi/gongzhi/calendar"
)

// The tests in this file check the calendar against an independent table:
// github.com/6tail/lunar-go v1.4.7, a test-only dependency (see the
// README's Dependencies section). Its HolidayUtil records every notice of
// the State Council day by day, and its lunar calendar gives the lunar
// dates and solar terms of the statutory holidays.

// TestPresetsMatchLunarGo compares every day of every notice of the China
// preset with lunar-go's holiday table: a day off must be a holiday there,
// a make-up working day a working day (调休) there, and every other day
// absent from it. A disagreement names the day.
func TestPresetsMatchLunarGo(t *testing.T) {
	c := calendar.China()
	for _, s := range calendar.ChinaConfig().Years {
		n := 0
		for d := (calendar.Date{Year: s.Year, Month: 1, Day: 1}); d.Year == s.Year; d = d.AddDays(1) {
			day, err := c.Date(d)
			if err != nil {
				t.Fatal(err)
			}
			if day.Provisional {
				t.Fatalf("%s: preset year %d is provisional", d, s.Year)
			}
			want := "none"
			if h := HolidayUtil.GetHolidayByYmd(d.Year, int(d.Month), d.Day); h != nil {
				want = "off (" + h.GetName() + ")"
				if h.IsWork() {
					want = "make-up (" + h.GetName() + ")"
				}
			}
			got := "none"
			switch day.Kind {
			case calendar.DayOff:
				got = "off (" + day.Holiday + ")"
			case calendar.MakeUp:
				got = "make-up (" + day.Holiday + ")"
			}
			if (got == "none") != (want == "none") || (got[:3] != want[:3]) {
				t.Errorf("%s %s: preset %s says %s, lunar-go says %s", d, d.Weekday(), s.Source, got, want)
			}
			if got != "none" {
				n++
			}
		}
		if n == 0 {
			t.Errorf("%d: no holiday in the preset", s.Year)
		}
	}
}

// TestStatutoryMatchesLunarGo checks every day of 2025-2110 of a calendar
// without notices against lunar-go's lunar calendar: every statutory day
// of 全国年节及纪念日放假办法 art. 2 (computed here from the lunar date and
// the solar term of each day, not from the generated table) is a
// provisional day off, and every other day off is an art. 6 weekday: as
// many per year as statutory days fall on a weekend or on another holiday.
func TestStatutoryMatchesLunarGo(t *testing.T) {
	if testing.Short() {
		t.Skip("walks 27,759 days through lunar-go")
	}
	c, err := calendar.New(calendar.Config{Provisional: calendar.ProvisionalChina})
	if err != nil {
		t.Fatal(err)
	}
	for y := 2025; y <= 2110; y++ {
		owed, subs := 0, 0
		seen := map[calendar.Date]bool{}
		for d := (calendar.Date{Year: y, Month: 1, Day: 1}); d.Year == y; d = d.AddDays(1) {
			names := statutoryByLunarGo(d)
			day, err := c.Date(d)
			if err != nil {
				t.Fatal(err)
			}
			if !day.Provisional {
				t.Fatalf("%s is not provisional", d)
			}
			weekend := d.Weekday() == time.Saturday || d.Weekday() == time.Sunday
			for range names {
				if weekend || seen[d] {
					owed++
				}
				seen[d] = true
			}
			switch {
			case len(names) > 0 && day.Kind != calendar.DayOff:
				t.Errorf("%s %s is %v under lunar-go: want a day off, got %v", d, d.Weekday(), names, day)
			case len(names) == 0 && day.Kind == calendar.DayOff && !weekend:
				subs++ // an art. 6 weekday
			}
		}
		if subs != owed {
			t.Errorf("%d: %d art. 6 weekdays off, want %d (statutory days on a weekend or coinciding)", y, subs, owed)
		}
	}
}

// statutoryByLunarGo returns the statutory holidays (art. 2) on day d,
// from lunar-go's lunar calendar.
func statutoryByLunarGo(d calendar.Date) []string {
	var out []string
	switch {
	case d.Month == 1 && d.Day == 1:
		out = append(out, "元旦")
	case d.Month == 5 && d.Day <= 2:
		out = append(out, "劳动节")
	case d.Month == 10 && d.Day <= 3:
		out = append(out, "国庆节")
	}
	// The lunar feasts fall from January 20 to February 20 (春节), April
	// 4-6 (清明), May 28 to June 25 (端午) and September 7 to October 8
	// (中秋): skip lunar-go elsewhere, with a margin.
	if md := int(d.Month)*100 + d.Day; !(md >= 115 && md <= 225 || md >= 401 && md <= 410 ||
		md >= 520 && md <= 630 || md >= 901 && md <= 1015) {
		return out
	}
	l := lunar.NewSolarFromYmd(d.Year, int(d.Month), d.Day).GetLunar()
	next := d.AddDays(1)
	ln := lunar.NewSolarFromYmd(next.Year, int(next.Month), next.Day).GetLunar()
	switch {
	case ln.GetMonth() == 1 && ln.GetDay() == 1: // 除夕: the eve of 正月初一
		out = append(out, "春节")
	case l.GetMonth() == 1 && l.GetDay() <= 3:
		out = append(out, "春节")
	case l.GetMonth() == 5 && l.GetDay() == 5: // a leap month is negative
		out = append(out, "端午节")
	case l.GetMonth() == 8 && l.GetDay() == 15:
		out = append(out, "中秋节")
	}
	if l.GetJieQi() == "清明" {
		out = append(out, "清明节")
	}
	return out
}

// TestStatutoryWithinNotices checks the statutory derivation against the
// real notices: every day off that ChinaStatutory derives for a preset
// year is a day off of that year's notice.
func TestStatutoryWithinNotices(t *testing.T) {
	c := calendar.China()
	for _, s := range calendar.ChinaConfig().Years {
		st, err := calendar.ChinaStatutory(s.Year)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range st.Holidays {
			from, _ := calendar.ParseDate(h.From)
			to := from
			if h.To != "" {
				to, _ = calendar.ParseDate(h.To)
			}
			for d := from; !to.Before(d); d = d.AddDays(1) {
				day, err := c.Date(d)
				if err != nil {
					t.Fatal(err)
				}
				if day.Kind != calendar.DayOff && d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
					t.Errorf("%s (%s, derived): the %d notice makes it %v", d, h.Name, s.Year, day)
				}
			}
		}
	}
}
