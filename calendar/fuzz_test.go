package calendar_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/google/go-cmp/cmp"
)

// FuzzLoad feeds arbitrary documents to Load: it must never panic, must
// reject with ErrInvalidConfig, and whatever it accepts must round-trip
// through MarshalJSON and answer queries with nil or ErrOutOfRange.
func FuzzLoad(f *testing.F) {
	china, err := os.ReadFile("testdata/china.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(china)
	rtc, _ := json.Marshal(calendar.RoundTheClock())
	f.Add(rtc)
	for _, s := range []string{
		``, `{}`, `null`, `[]`, `{"any_year":true}`,
		`{"zone":"UTC","workweek":["sat","sun"],"hours":[{"from":"00:00","to":"24:00"}],"any_year":true}`,
		`{"years":[{"year":2025,"holidays":[{"name":"x","from":"2024-12-30","to":"2025-01-01","makeup":["2024-12-28","2025-01-04"]}]},{"year":2026,"holidays":[]}]}`,
		`{"years":[{"year":9999,"holidays":[{"name":"end","from":"9999-12-31"}]}]}`,
		`{"years":[{"year":1,"holidays":[{"name":"start","from":"0001-01-01"}]}],"zone":"America/New_York"}`,
		`{"hours":[{"from":"23:59","to":"24:00"}],"years":[{"year":2030,"holidays":[]}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		c, err := calendar.Load(bytes.NewReader(doc))
		if err != nil {
			if !errors.Is(err, calendar.ErrInvalidConfig) {
				t.Fatalf("Load error %v does not wrap ErrInvalidConfig", err)
			}
			return
		}
		out, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		back, err := calendar.Load(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("reloading %s: %v", out, err)
		}
		if diff := cmp.Diff(c.Config(), back.Config()); diff != "" {
			t.Fatalf("round trip (-first +second):\n%s", diff)
		}
		first, last := c.Years()
		for _, y := range []int{first, last} {
			at := time.Date(y, 6, 30, 11, 0, 0, 0, c.Location())
			for _, call := range []func() error{
				func() error { _, err := c.IsWorkingDay(at); return err },
				func() error { _, err := c.AddWorkingDays(at, 3); return err },
				func() error { _, err := c.AddWorkingHours(at, 30*time.Hour); return err },
				func() error { _, err := c.AddNaturalDays(at, 10); return err },
				func() error { _, err := c.NextWorkingInstant(at); return err },
				func() error { _, err := c.WorkingTimeBetween(at, at.AddDate(0, 0, 40)); return err },
			} {
				if err := call(); err != nil && !errors.Is(err, calendar.ErrOutOfRange) {
					t.Fatalf("query on a loaded calendar: %v", err)
				}
			}
		}
	})
}

// FuzzLoadSchedule: a notice either loads and extends the China preset
// (or is rejected by Extend with ErrInvalidConfig), or is rejected with
// ErrInvalidConfig; never a panic. An accepted notice's year is covered
// and no longer provisional.
func FuzzLoadSchedule(f *testing.F) {
	for _, s := range []string{
		`{"year":2027,"source":"x","holidays":[{"name":"元旦","from":"2027-01-01","to":"2027-01-03"}]}`,
		`{"year":2027,"holidays":[{"name":"春节","from":"2027-02-05","to":"2027-02-11","makeup":["2027-02-13","2027-01-31"]}]}`,
		`{"year":2027,"holidays":[{"name":"跨年","from":"2026-12-31","to":"2027-01-01"}]}`,
		`{"year":2027,"holidays":null}`, `{"year":2027}`,
		`{"year":2028,"source":"x","holidays":[{"name":"元旦","from":"2028-01-01","to":"2028-01-01"}]}`, `{}`, `[]`, `{"year":1e400}`,
	} {
		f.Add([]byte(s))
	}
	base := calendar.China()
	f.Fuzz(func(t *testing.T, doc []byte) {
		s, err := calendar.LoadSchedule(bytes.NewReader(doc))
		if err != nil {
			if !errors.Is(err, calendar.ErrInvalidConfig) {
				t.Fatalf("LoadSchedule error %v does not wrap ErrInvalidConfig", err)
			}
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("loaded schedule does not validate: %v", err)
		}
		c, err := base.Extend(s)
		if err != nil {
			if !errors.Is(err, calendar.ErrInvalidConfig) {
				t.Fatalf("Extend error %v does not wrap ErrInvalidConfig", err)
			}
			return
		}
		// A notice may add a year or replace one the base only derives
		// (provisional); it never replaces a year that has a notice.
		if !c.Covers(s.Year) || c.IsProvisional(s.Year) || (base.Covers(s.Year) && !base.IsProvisional(s.Year)) {
			t.Fatalf("Extend %d: new covers %v, provisional %v; base covers %v, provisional %v",
				s.Year, c.Covers(s.Year), c.IsProvisional(s.Year), base.Covers(s.Year), base.IsProvisional(s.Year))
		}
	})
}

// FuzzParseDate: accepted dates are valid and print back to the input.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-01-01", "2024-02-29", "2025-02-29", "0000-01-01", "9999-12-31", "2025-1-1", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := calendar.ParseDate(s)
		if err != nil {
			if !errors.Is(err, calendar.ErrInvalidDate) {
				t.Fatalf("ParseDate(%q) error %v does not wrap ErrInvalidDate", s, err)
			}
			return
		}
		if d.String() != s {
			t.Fatalf("ParseDate(%q) = %v", s, d)
		}
		if !d.Valid() {
			t.Fatalf("ParseDate(%q) accepted an invalid date", s)
		}
		var back calendar.Date
		if err := back.UnmarshalText([]byte(d.String())); err != nil || back != d {
			t.Fatalf("text round trip of %v: %v, %v", d, back, err)
		}
	})
}
