package calendar_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/google/go-cmp/cmp"
)

func TestConfigErrors(t *testing.T) {
	y := func(h ...calendar.Holiday) []calendar.Schedule {
		return []calendar.Schedule{{Year: 2025, Holidays: h}}
	}
	tests := []struct {
		name  string
		cfg   calendar.Config
		field string
	}{
		{"no years", calendar.Config{}, "years"},
		{"bad zone", calendar.Config{Zone: "Mars/Olympus", Years: y()}, "zone"},
		{"local zone", calendar.Config{Zone: "Local", Years: y()}, "zone"},
		{"bad weekday", calendar.Config{Workweek: []string{"Mon", "Funday"}, Years: y()}, "workweek[1]"},
		{"dup weekday", calendar.Config{Workweek: []string{"Mon", "monday"}, Years: y()}, "workweek[1]"},
		{"bad clock", calendar.Config{Hours: []calendar.Span{{From: "9:00", To: "12:00"}}, Years: y()}, "hours[0].from"},
		{"24:00 start", calendar.Config{Hours: []calendar.Span{{From: "24:00", To: "24:00"}}, Years: y()}, "hours[0].from"},
		{"24:30", calendar.Config{Hours: []calendar.Span{{From: "09:00", To: "24:30"}}, Years: y()}, "hours[0].to"},
		{"empty span", calendar.Config{Hours: []calendar.Span{{From: "09:00", To: "09:00"}}, Years: y()}, "hours[0].to"},
		{"overlap", calendar.Config{Hours: []calendar.Span{{From: "09:00", To: "12:00"}, {From: "11:00", To: "13:00"}}, Years: y()}, "hours[1].from"},
		{"any_year with years", calendar.Config{AnyYear: true, Years: y()}, "any_year"},
		{"year zero", calendar.Config{Years: []calendar.Schedule{{Year: 0}}}, "years[0].year"},
		{"dup year", calendar.Config{Years: []calendar.Schedule{{Year: 2025}, {Year: 2025}}}, "years[1].year"},
		{"gap", calendar.Config{Years: []calendar.Schedule{{Year: 2025}, {Year: 2027}}}, "years"},
		{"no name", calendar.Config{Years: y(calendar.Holiday{From: "2025-01-01"})}, "years[0].holidays[0].name"},
		{"bad from", calendar.Config{Years: y(calendar.Holiday{Name: "x", From: "2025-02-30"})}, "years[0].holidays[0].from"},
		{"far from", calendar.Config{Years: y(calendar.Holiday{Name: "x", From: "2023-12-31"})}, "years[0].holidays[0].from"},
		{"to before from", calendar.Config{Years: y(calendar.Holiday{Name: "x", From: "2025-01-02", To: "2025-01-01"})}, "years[0].holidays[0].to"},
		{"too long", calendar.Config{Years: y(calendar.Holiday{Name: "x", From: "2025-01-01", To: "2025-03-01"})}, "years[0].holidays[0].to"},
		{"overlapping holidays", calendar.Config{Years: y(
			calendar.Holiday{Name: "a", From: "2025-01-01", To: "2025-01-03"},
			calendar.Holiday{Name: "b", From: "2025-01-03"})}, "years[0].holidays[1]"},
		{"makeup on weekday", calendar.Config{Years: y(calendar.Holiday{Name: "x", From: "2025-01-01", MakeUp: []string{"2025-01-06"}})}, "years[0].holidays[0].makeup[0]"},
		{"makeup on day off", calendar.Config{Years: y(calendar.Holiday{Name: "x", From: "2025-01-04", MakeUp: []string{"2025-01-04"}})}, "years[0].holidays[0].makeup[0]"},
		{"bad makeup", calendar.Config{Years: y(calendar.Holiday{Name: "x", From: "2025-01-04", MakeUp: []string{"soon"}})}, "years[0].holidays[0].makeup[0]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			var ce *calendar.ConfigError
			if !errors.Is(err, calendar.ErrInvalidConfig) || !errors.As(err, &ce) {
				t.Fatalf("Validate() = %v; want a *ConfigError", err)
			}
			if ce.Field != tt.field {
				t.Errorf("field %q, want %q (%v)", ce.Field, tt.field, err)
			}
			if _, err2 := calendar.New(tt.cfg); err2 == nil || err2.Error() != err.Error() {
				t.Errorf("New disagrees with Validate: %v vs %v", err2, err)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct{ name, doc, field, reason string }{
		{"unknown field", `{"years":[{"year":2025,"holidays":[],"bogus":1}]}`, "years.bogus", "unknown field"},
		{"wrong type", `{"years":[{"year":"2025","holidays":[]}]}`, "years.year", "cannot use"},
		{"syntax", `{"years":[}`, "", "syntax"},
		{"empty", ``, "", "empty"},
		{"trailing", `{"any_year":true} {}`, "", "trailing"},
		{"truncated", `{"any_year":tr`, "", ""},
		{"invalid content", `{"years":[{"year":2025,"holidays":[{"name":"x","from":"2025-13-01"}]}]}`, "years[0].holidays[0].from", "bad date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := calendar.Load(strings.NewReader(tt.doc))
			var ce *calendar.ConfigError
			if !errors.As(err, &ce) || !errors.Is(err, calendar.ErrInvalidConfig) {
				t.Fatalf("Load: %v; want *ConfigError", err)
			}
			if tt.field != "" && !strings.HasSuffix(ce.Field, strings.TrimPrefix(tt.field, "years.")) {
				t.Errorf("field %q, want %q (%v)", ce.Field, tt.field, err)
			}
			if !strings.Contains(ce.Reason, tt.reason) {
				t.Errorf("reason %q lacks %q", ce.Reason, tt.reason)
			}
		})
	}
}

func TestNoWorkingDayIsStillValid(t *testing.T) {
	// A Saturday-only workweek still has working days; the guard is for
	// tables in which every day is off, impossible with 31-day holidays.
	c, err := calendar.New(calendar.Config{Workweek: []string{"Sat"}, Years: []calendar.Schedule{{Year: 2025}}})
	if err != nil {
		t.Fatal(err)
	}
	d, err := c.AddWorkingDays(time.Date(2025, 1, 1, 0, 0, 0, 0, c.Location()), 1)
	if err != nil || d.Weekday() != time.Sunday || d.Day() != 5 {
		t.Errorf("next Saturday's end = %v, %v; want 2025-01-05 00:00", d, err)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	for _, c := range []*calendar.Calendar{calendar.China(), calendar.RoundTheClock()} {
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		back, err := calendar.Load(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(c.Config(), back.Config()); diff != "" {
			t.Errorf("round trip (-want +got):\n%s", diff)
		}
		var embedded struct{ Cal *calendar.Calendar }
		if err := json.Unmarshal([]byte(`{"Cal":`+string(b)+`}`), &embedded); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(c.Config(), embedded.Cal.Config()); diff != "" {
			t.Errorf("embedded (-want +got):\n%s", diff)
		}
	}
}

func TestExtend(t *testing.T) {
	c := calendar.China()
	notice := `{"year": 2028, "source": "test notice", "holidays": [
		{"name": "元旦", "from": "2028-01-01", "to": "2028-01-03"},
		{"name": "春节", "from": "2028-01-24", "to": "2028-01-31", "makeup": ["2028-02-05"]}]}`
	c2, err := c.ExtendJSON(strings.NewReader(notice))
	if err != nil {
		t.Fatal(err)
	}
	if first, last := c2.Years(); first != 2025 || last != 2110 {
		t.Errorf("Years() = %d, %d", first, last)
	}
	if !c.IsProvisional(2028) || c2.IsProvisional(2028) || !c2.IsProvisional(2029) || c2.IsProvisional(2027) {
		t.Errorf("IsProvisional(2028) = %v before, %v after Extend; 2029 after = %v; 2027 after = %v",
			c.IsProvisional(2028), c2.IsProvisional(2028), c2.IsProvisional(2029), c2.IsProvisional(2027))
	}
	d := time.Date(2028, 2, 5, 12, 0, 0, 0, c.Location())
	if ok, err := c2.IsWorkingDay(d); err != nil || !ok {
		t.Errorf("2028-02-05 make-up: %v, %v", ok, err)
	}
	if ok, err := c.IsWorkingDay(d); err != nil || ok {
		t.Errorf("2028-02-05 provisional (a Saturday): %v, %v", ok, err)
	}
	// The notice moves a deadline computed provisionally.
	// Provisionally 春节 is 除夕 to 初三, 2028-01-25 to 01-28; the notice
	// makes it 01-24 to 01-31.
	from := time.Date(2028, 1, 21, 10, 0, 0, 0, c.Location())
	p := calendar.Period{N: 3, Unit: calendar.WorkingDays}
	before, err := p.Due(c, from)
	if err != nil || !before.Provisional || before.Reason != "2028 notice not loaded; statutory days only, no 调休" ||
		!before.At.Equal(time.Date(2028, 2, 1, 17, 30, 0, 0, c.Location())) {
		t.Errorf("provisional due = %+v, %v", before, err)
	}
	after, err := p.Due(c2, from)
	if err != nil || after.Provisional || after.Reason != "" || !after.At.Equal(time.Date(2028, 2, 3, 17, 30, 0, 0, c.Location())) {
		t.Errorf("due after the notice = %+v, %v", after, err)
	}
	// Errors: repeat a year, leave a gap no rule fills, unknown field.
	if _, err := c.Extend(calendar.China2026()); !errors.Is(err, calendar.ErrInvalidConfig) {
		t.Errorf("repeating 2026: %v", err)
	}
	if _, err := c.Extend(calendar.Schedule{Year: 2112}); !errors.Is(err, calendar.ErrInvalidConfig) {
		t.Errorf("skipping 2111: %v", err)
	}
	if _, err := c.ExtendJSON(strings.NewReader(`{"year":2028,"holidays":[],"extra":true}`)); !errors.Is(err, calendar.ErrInvalidConfig) {
		t.Errorf("unknown field: %v", err)
	}
	// A make-up day in 2027 listed in the 2028 notice is validated against the 2027 days.
	if _, err := c.Extend(calendar.Schedule{Year: 2028, Holidays: []calendar.Holiday{{Name: "x", From: "2028-01-01", MakeUp: []string{"2027-12-27"}}}}); !errors.Is(err, calendar.ErrInvalidConfig) {
		t.Errorf("make-up on a Monday: %v", err)
	}
}

// TestExtendOtherWorkweek: whether a make-up day is legal depends on the
// calendar's workweek, so LoadSchedule accepts it and Extend decides.
func TestExtendOtherWorkweek(t *testing.T) {
	cfg := calendar.Config{Workweek: []string{"Tue", "Wed", "Thu", "Fri", "Sat"}, Years: []calendar.Schedule{{Year: 2025}}}
	c, err := calendar.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	notice := `{"year": 2026, "holidays": [{"name": "x", "from": "2026-01-01", "makeup": ["2026-01-05"]}]}` // a Monday
	s, err := calendar.LoadSchedule(strings.NewReader(notice))
	if err != nil {
		t.Fatalf("LoadSchedule: %v", err)
	}
	c2, err := c.Extend(s)
	if err != nil {
		t.Fatalf("Extend: %v", err)
	}
	if ok, _ := c2.IsWorkingDay(time.Date(2026, 1, 5, 12, 0, 0, 0, c2.Location())); !ok {
		t.Error("Monday make-up day is not a working day")
	}
	if _, err := calendar.China().ExtendJSON(strings.NewReader(notice)); !errors.Is(err, calendar.ErrInvalidConfig) {
		t.Errorf("a Monday make-up day in a Monday-Friday calendar: %v", err)
	}
}

func TestZeroCalendar(t *testing.T) {
	var zero calendar.Calendar
	var nilCal *calendar.Calendar
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []*calendar.Calendar{&zero, nilCal} {
		if _, err := c.IsWorkingDay(now); !errors.Is(err, calendar.ErrInvalidConfig) {
			t.Errorf("IsWorkingDay on zero calendar: %v", err)
		}
		if _, err := c.AddWorkingDays(now, 1); !errors.Is(err, calendar.ErrInvalidConfig) {
			t.Errorf("AddWorkingDays on zero calendar: %v", err)
		}
		if _, err := c.MarshalJSON(); !errors.Is(err, calendar.ErrInvalidConfig) {
			t.Errorf("MarshalJSON on zero calendar: %v", err)
		}
		if c.Location() != time.UTC || c.Covers(2025) {
			t.Error("zero calendar claims a zone or a year")
		}
	}
	if _, err := (calendar.Period{N: 1, Unit: calendar.WorkingDays}).Deadline(nil, now); !errors.Is(err, calendar.ErrInvalidPeriod) {
		t.Errorf("Deadline without calendar: %v", err)
	}
	if got, err := (calendar.Period{N: 2, Unit: calendar.Hours}).Deadline(nil, now); err != nil || !got.Equal(now.Add(2*time.Hour)) {
		t.Errorf("Hours without calendar = %v, %v", got, err)
	}
}
