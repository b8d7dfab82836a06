package calendar_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
)

// instants returns 1024 instants spread over 2025 (deterministic).
func instants(loc *time.Location) []time.Time {
	out := make([]time.Time, 1024)
	x := uint64(88172645463325252)
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, loc)
	for i := range out {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		out[i] = start.Add(time.Duration(x % uint64(300*24*time.Hour)))
	}
	return out
}

var sinkT time.Time
var sinkD time.Duration

func BenchmarkAddWorkingDays(b *testing.B) {
	c := calendar.China()
	ts := instants(c.Location())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t, err := c.AddWorkingDays(ts[i&1023], 1+i&31)
		if err != nil {
			b.Fatal(err)
		}
		sinkT = t
	}
}

func BenchmarkAddWorkingHours(b *testing.B) {
	c := calendar.China()
	ts := instants(c.Location())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t, err := c.AddWorkingHours(ts[i&1023], time.Duration(1+i&127)*time.Hour)
		if err != nil {
			b.Fatal(err)
		}
		sinkT = t
	}
}

func BenchmarkAddNaturalDays(b *testing.B) {
	c := calendar.China()
	ts := instants(c.Location())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t, err := c.AddNaturalDays(ts[i&1023], 1+i&31)
		if err != nil {
			b.Fatal(err)
		}
		sinkT = t
	}
}

func BenchmarkWorkingTimeBetween(b *testing.B) {
	c := calendar.China()
	ts := instants(c.Location())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d, err := c.WorkingTimeBetween(ts[i&1023], ts[(i+1)&1023])
		if err != nil {
			b.Fatal(err)
		}
		sinkD = d
	}
}

func BenchmarkIsWorkingDay(b *testing.B) {
	c := calendar.China()
	ts := instants(c.Location())
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		if ok, _ := c.IsWorkingDay(ts[i&1023]); ok {
			n++
		}
	}
	sinkD = time.Duration(n)
}

func BenchmarkPeriodDeadline(b *testing.B) {
	c := calendar.China()
	ts := instants(c.Location())
	ps := []calendar.Period{
		{N: 5, Unit: calendar.WorkingDays}, {N: 24, Unit: calendar.WorkingHours},
		{N: 15, Unit: calendar.NaturalDays}, {N: 2, Unit: calendar.Hours},
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t, err := ps[i&3].Deadline(c, ts[i&1023])
		if err != nil {
			b.Fatal(err)
		}
		sinkT = t
	}
}

// BenchmarkAddWorkingHoursDST runs on the slow path: a zone with clock
// changes, where every day is computed with time.Date.
func BenchmarkAddWorkingHoursDST(b *testing.B) {
	cfg := calendar.ChinaConfig()
	cfg.Zone = "Europe/Berlin"
	c, err := calendar.New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	ts := instants(c.Location())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t, err := c.AddWorkingHours(ts[i&1023], time.Duration(1+i&127)*time.Hour)
		if err != nil {
			b.Fatal(err)
		}
		sinkT = t
	}
}

func BenchmarkChina(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sinkT = time.Unix(int64(len(calendar.China().Name())), 0)
	}
}

func BenchmarkLoad(b *testing.B) {
	doc, err := json.Marshal(calendar.China())
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(doc)))
	for i := 0; i < b.N; i++ {
		if _, err := calendar.Load(bytes.NewReader(doc)); err != nil {
			b.Fatal(err)
		}
	}
}
