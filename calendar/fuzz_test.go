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
	china, err := os.ReadFile("testdata/china-2025-2026.json")
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
