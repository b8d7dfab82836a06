package report_test

import (
	"strings"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/report"
	"github.com/gongzhi/gongzhi/sheet"
)

// A notice posted for one month said "至 2027年2月1日 00:00 止（22 个工作日）":
// the period restated in working days, ending at 00:00 of the day after.
// The period is now stated as given, with its last day (and why it moved,
// if it did).
func TestNoticePeriodAsGiven(t *testing.T) {
	loc := calendar.China().Location()
	out := sheetOutcome(t, "project-priorities", 0, "annual-meeting-ballots.csv", sheet.Options{})
	for _, c := range []struct {
		p      calendar.Period
		posted time.Time
		lang   report.Lang
		want   string
	}{
		{calendar.Period{N: 1, Unit: calendar.Months}, time.Date(2026, 12, 30, 9, 0, 0, 0, loc), report.Chinese,
			"公示一个月，自 2026年12月30日 起，至 2027年1月31日 止。（期间最后一日 2027年1月30日 为休息日，顺延至 2027年1月31日。）"},
		{calendar.Period{N: 1, Unit: calendar.Months}, time.Date(2026, 12, 30, 9, 0, 0, 0, loc), report.English,
			"Posted for 1 month, from 30 December 2026 until the end of 31 January 2027. (The last day, 30 January 2027, is a day off; the period runs to 31 January 2027.)"},
		// 7 days from Tuesday 22 September 2026: the last day, 29
		// September, is a working day.
		{calendar.Period{N: 7, Unit: calendar.NaturalDays}, time.Date(2026, 9, 22, 9, 0, 0, 0, loc), report.Chinese,
			"公示 7 日，自 2026年9月22日 起，至 2026年9月29日 止。"},
		// 7 days from 26 September 2026 end on 3 October, in the National
		// Day holiday: moved to the next working day.
		{calendar.Period{N: 7, Unit: calendar.NaturalDays}, time.Date(2026, 9, 26, 9, 0, 0, 0, loc), report.Chinese,
			"（期间最后一日 2026年10月3日 为休息日，顺延至"},
		{calendar.Period{N: 5, Unit: calendar.WorkingDays}, time.Date(2025, 12, 8, 9, 0, 0, 0, loc), report.English,
			"Posted for 5 working days, from 8 December 2025 until 15 December 2025 17:30."},
	} {
		b, err := report.Page(out, report.PageOptions{Lang: c.lang, Notice: &report.Notice{Issuer: "居委会", Posted: c.posted, Period: c.p, Calendar: calendar.China()}})
		if err != nil {
			t.Fatal(err)
		}
		if s := string(b); !strings.Contains(s, c.want) || strings.Contains(s, "工作日）") && c.p.Unit != calendar.WorkingDays {
			i := strings.Index(s, `<section class="notice">`)
			t.Errorf("%s from %s: want %q in\n%.400s", c.p, c.posted.Format("2006-01-02"), c.want, s[max(i, 0):])
		}
	}
}
