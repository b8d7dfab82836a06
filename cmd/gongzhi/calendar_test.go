package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// notice2028 is a test notice for 2028 (the real one is not published).
const notice2028 = `{"year": 2028, "source": "test notice 2028", "holidays": [
  {"name": "元旦", "from": "2028-01-01", "to": "2028-01-03"},
  {"name": "春节", "from": "2028-01-24", "to": "2028-01-31", "makeup": ["2028-02-05"]}]}`

// districtCalendar is a district's calendar file: China's notices plus
// the 2028 test notice.
func districtCalendar(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../calendar/testdata/china.json")
	if err != nil {
		t.Fatal(err)
	}
	var cfg map[string]any
	if err := json.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	var n any
	if err := json.Unmarshal([]byte(notice2028), &n); err != nil {
		t.Fatal(err)
	}
	cfg["years"] = append(cfg["years"].([]any), n)
	out, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return write(t, "district.json", string(out))
}

func TestCalendarDaysGolden(t *testing.T) {
	code, out, errs := runCLI(t, "calendar", "days", "--year", "2027")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	want, err := os.ReadFile("testdata/calendar-days-2027.golden")
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Errorf("days --year 2027:\n%s\nwant (testdata/calendar-days-2027.golden):\n%s", out, want)
	}
}

func TestCalendarDaysJSON(t *testing.T) {
	code, out, errs := runCLI(t, "calendar", "days", "--year", "2028", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var days []struct {
		Date, Kind, Name, Source string
		Provisional              bool
	}
	if err := json.Unmarshal([]byte(out), &days); err != nil {
		t.Fatal(err)
	}
	if len(days) != 17 || days[0].Date != "2028-01-01" || days[0].Kind != "off" || days[0].Name != "元旦" ||
		!days[0].Provisional || !strings.Contains(days[0].Source, "全国年节及纪念日放假办法") {
		t.Fatalf("2028 days: %+v", days)
	}
	// With the district's 2028 notice: make-up days, not provisional.
	code, out, errs = runCLI(t, "calendar", "days", "--year", "2028", "--json", "--calendar", districtCalendar(t))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	days = nil
	if err := json.Unmarshal([]byte(out), &days); err != nil {
		t.Fatal(err)
	}
	makeup := false
	for _, d := range days {
		if d.Date <= "2028-02-05" && (d.Provisional || d.Source != "test notice 2028") {
			t.Errorf("%+v: want the notice", d)
		}
		makeup = makeup || (d.Kind == "makeup" && d.Date == "2028-02-05")
	}
	if !makeup {
		t.Errorf("no make-up day 2028-02-05 in %+v", days)
	}
	// Before 2025 only a notice says which days were off.
	if code, _, errs := runCLI(t, "calendar", "days", "--year", "2024"); code != exitInput || !strings.Contains(errs, "2025-2110") {
		t.Errorf("2024: exit %d: %s", code, errs)
	}
}

// Issue 13: 15 working days from 2026-12-20 10:00 end 2027-01-11 at close
// of business, not provisional; from 2027-12-20 the deadline is provisional.
func TestCalendarDeadline(t *testing.T) {
	for _, tc := range []struct {
		args        []string
		deadline    string
		provisional bool
	}{
		{[]string{"--from", "2026-12-20T10:00", "--working-days", "15"}, "2027-01-11T17:30:00+08:00", false},
		{[]string{"--from", "2027-12-20T10:00", "--working-days", "15"}, "2028-01-11T17:30:00+08:00", true},
		{[]string{"--from", "2027-12-20T02:00:00Z", "--natural-days", "60"}, "2028-02-19T00:00:00+08:00", true},
		{[]string{"--from", "2026-12-21 16:00", "--working-hours", "3"}, "2026-12-22T10:30:00+08:00", false},
	} {
		code, out, errs := runCLI(t, append([]string{"calendar", "deadline", "--json"}, tc.args...)...)
		if code != exitOK {
			t.Fatalf("%v: exit %d: %s", tc.args, code, errs)
		}
		var got struct {
			Deadline    string `json:"deadline"`
			Provisional bool   `json:"provisional"`
			Reason      string `json:"reason"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		if got.Deadline != tc.deadline || got.Provisional != tc.provisional || (got.Reason != "") != tc.provisional {
			t.Errorf("%v: %+v, want %s provisional %v", tc.args, got, tc.deadline, tc.provisional)
		}
	}
	code, out, _ := runCLI(t, "calendar", "deadline", "--from", "2027-12-20T10:00", "--working-days", "15")
	if code != exitOK || !strings.Contains(out, "due 2028-01-11 17:30") || !strings.Contains(out, "01-03 Mon (元旦)*") ||
		!strings.Contains(out, "provisional: 2028 notice not loaded; statutory days only, no 调休") {
		t.Errorf("text deadline:\n%s", out)
	}
	for _, args := range [][]string{
		{"calendar", "deadline", "--from", "2026-12-20T10:00"},
		{"calendar", "deadline", "--working-days", "3"},
		{"calendar", "deadline", "--from", "yesterday", "--working-days", "3"},
		{"calendar", "deadline", "--from", "2026-12-20", "--working-days", "3", "--natural-days", "3"},
	} {
		if code, _, _ := runCLI(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

// From November 1 the status warns while next year's notice is missing.
func TestCalendarStatus(t *testing.T) {
	code, out, _ := runCLI(t, "calendar", "status", "--now", "2027-10-31")
	if code != exitOK || strings.Contains(out, "warning") || !strings.Contains(out, "notices loaded: 2025-2027") ||
		!strings.Contains(out, "provisional (statutory days only, no 调休): 2028-2110") {
		t.Errorf("status on 2027-10-31:\n%s", out)
	}
	code, out, _ = runCLI(t, "calendar", "status", "--now", "2027-11-01", "--json")
	var st struct {
		Notices, Provisional []int
		Warning              string
	}
	if err := json.Unmarshal([]byte(out), &st); code != exitOK || err != nil || !strings.Contains(st.Warning, "the 2028 notice is not loaded") ||
		len(st.Notices) != 3 || st.Provisional[0] != 2028 {
		t.Errorf("status on 2027-11-01: %s", out)
	}
	code, out, _ = runCLI(t, "calendar", "status", "--now", "2027-11-01", "--calendar", districtCalendar(t))
	if code != exitOK || strings.Contains(out, "warning") || !strings.Contains(out, "notices loaded: 2025-2028") {
		t.Errorf("status with the 2028 notice:\n%s", out)
	}
}

// gongzhi validate recognises calendars and notices and names the field
// at fault.
func TestValidateCalendarAndNotice(t *testing.T) {
	code, out, errs := runCLI(t, "validate", write(t, "notice.json", notice2028))
	if code != exitOK || !strings.Contains(out, "valid 2028 holiday notice (2 holidays, 1 make-up working days)") {
		t.Errorf("notice: exit %d %s %s", code, out, errs)
	}
	code, out, errs = runCLI(t, "validate", districtCalendar(t))
	if code != exitOK || !strings.Contains(out, "valid calendar covering 2025-2110 (notices: 2025-2028)") {
		t.Errorf("calendar: exit %d %s %s", code, out, errs)
	}
	bad := strings.Replace(notice2028, `"2028-01-24"`, `"2028-13-24"`, 1)
	code, _, errs = runCLI(t, "validate", write(t, "bad.json", bad))
	if code != exitRule || !strings.Contains(errs, `field "holidays[1].from"`) {
		t.Errorf("bad notice: exit %d %s", code, errs)
	}
	// A make-up day on a weekday does not fit the calendar it extends.
	weekday := strings.Replace(notice2028, `"2028-02-05"`, `"2028-02-07"`, 1)
	code, _, errs = runCLI(t, "validate", write(t, "weekday.json", weekday))
	if code != exitRule || !strings.Contains(errs, "makeup[0]") {
		t.Errorf("weekday make-up: exit %d %s", code, errs)
	}
	code, _, errs = runCLI(t, "validate", write(t, "cal.json", `{"zone": "Asia/Shanghai", "years": [{"year": 2025, "holidays": []}], "provisional": "mars"}`))
	if code != exitRule || !strings.Contains(errs, `field "provisional"`) {
		t.Errorf("bad calendar: exit %d %s", code, errs)
	}
}

// A year past the calendar's end was told "years before 2025 need their
// notice"; the hint now names the side the year is on.
func TestCalendarUncoveredHint(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"calendar", "days", "--year", "2111"}, "years after it need their notice"},
		{[]string{"calendar", "days", "--year", "2024"}, "years before 2025 need their notice"},
		{[]string{"calendar", "deadline", "--from", "2110-12-20T10:00", "--working-days", "15"}, "years after it need their notice"},
		{[]string{"calendar", "deadline", "--from", "2024-12-20T10:00", "--working-days", "3"}, "years before 2025 need their notice"},
	} {
		code, _, errs := runCLI(t, c.args...)
		if code != exitInput || !strings.Contains(errs, c.want) || (strings.Contains(c.want, "after") && strings.Contains(errs, "before")) {
			t.Errorf("%v: exit %d\n%s", c.args, code, errs)
		}
	}
}
