package main

import (
	"strings"
	"testing"
)

// Dates as Chinese clerks write them (2026年12月20日, 2026/12/20, 2026.12.20,
// full-width digits) name the same day as 2026-12-20; they were refused, and
// --posted answered with Go's layout error and the input's bytes escaped
// (parsing time "2026\xe5\xb9\xb4..." as "2006-01-02T15:04:05Z07:00").
func TestClerkDates(t *testing.T) {
	_, want, _ := runCLI(t, "calendar", "deadline", "--from", "2026-12-20T10:00", "--working-days", "15")
	for _, from := range []string{"2026年12月20日 10:00", "2026/12/20 10:00", "2026.12.20T10:00", "２０２６年１２月２０日　１０：００", "2026-12-20 10:00:00"} {
		code, out, errs := runCLI(t, "calendar", "deadline", "--from", from, "--working-days", "15")
		if code != exitOK || out != want {
			t.Errorf("--from %q: exit %d %s\n%s", from, code, errs, out)
		}
	}
	for _, tc := range []struct{ flag, in, says string }{
		{"--from", "2026-02-30", "no such day"},
		{"--from", "2026年13月1日", "no such day"},
		{"--from", "2026-12-20 24:00", "no such day or time"},
		{"--from", "20.12.2026", "2026年12月6日"},
	} {
		code, _, errs := runCLI(t, "calendar", "deadline", tc.flag, tc.in, "--working-days", "15")
		if code != exitUsage || !strings.Contains(errs, tc.says) || strings.Contains(errs, `\x`) {
			t.Errorf("%s %q: exit %d, %s", tc.flag, tc.in, code, errs)
		}
	}
	rule := "../../sheet/testdata/annual-meeting-ballots.csv"
	page := func(posted string) (int, string, string) {
		return runCLI(t, "report", "--rule", "project-priorities", rule, "--notice", "--issuer", "某社区居民委员会",
			"--posted", posted, "--period", "5 working days", "--objections", "书面反映")
	}
	_, iso, _ := page("2025-12-08")
	for _, posted := range []string{"2025年12月8日", "2025/12/8", "2025.12.08"} {
		if code, out, errs := page(posted); code != exitOK || out != iso {
			t.Errorf("--posted %q: exit %d %s", posted, code, errs)
		}
	}
	if code, _, errs := page("2025年12月32日"); code != exitUsage || !strings.Contains(errs, "--posted: \"2025年12月32日\": no such day") {
		t.Errorf("--posted 2025年12月32日: exit %d %s", code, errs)
	}
}
