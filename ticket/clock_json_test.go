package ticket_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/ticket"
)

// TestClockJSONShape checks that a provisional clock is stored as the flat
// fields provisional, provisional_years and provisional_reason (the shape
// of tickets stored before Clock.Provisional became a pointer), that such
// documents read back, and that a clock without it has none of them.
func TestClockJSONShape(t *testing.T) {
	reason := calendar.ProvisionalReason([]int{2028})
	stored := `{"running":true,"spent":0,"budget":3600000000000,"kind":"resolution","limit":{"n":25,"unit":"working_days"},` +
		`"start":"2027-12-20T09:05:00+08:00","provisional":true,"provisional_years":[2028],"provisional_reason":"` + reason + `"}`
	var c ticket.Clock
	if err := json.Unmarshal([]byte(stored), &c); err != nil {
		t.Fatal(err)
	}
	want := &calendar.Provisional{Years: []int{2028}, Reason: reason}
	if d := cmp.Diff(want, c.Provisional); d != "" || !c.Running || c.Kind != ticket.ResolutionClock {
		t.Fatalf("decoded clock: running %v kind %q provisional (-want +got):\n%s", c.Running, c.Kind, d)
	}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var got, orig map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	_ = json.Unmarshal([]byte(stored), &orig)
	if d := cmp.Diff(orig, got); d != "" {
		t.Errorf("re-encoded clock differs from the stored document (-stored +encoded):\n%s", d)
	}

	c.Provisional = nil
	b, _ = json.Marshal(c)
	if strings.Contains(string(b), "provisional") {
		t.Errorf("clock without Provisional encodes %s", b)
	}
	// Years without the flag meant nothing before and mean nothing now.
	var odd ticket.Clock
	if err := json.Unmarshal([]byte(`{"kind":"response","provisional_years":[2028]}`), &odd); err != nil || odd.Provisional != nil {
		t.Errorf("years without the flag: %v, %v", odd.Provisional, err)
	}
}

// TestClockJSONDecodesInto checks that decoding into a clock keeps the
// fields the document does not name, as encoding/json does for structs,
// and that null changes nothing.
func TestClockJSONDecodesInto(t *testing.T) {
	c := ticket.Clock{Kind: ticket.ResponseClock, Running: true, Provisional: &calendar.Provisional{Years: []int{2028}, Reason: "r"}}
	years := c.Provisional.Years
	if err := json.Unmarshal([]byte(`{"spent":60000000000}`), &c); err != nil {
		t.Fatal(err)
	}
	if c.Kind != ticket.ResponseClock || !c.Running || c.Spent.Minutes() != 1 || c.Provisional == nil || c.Provisional.Reason != "r" {
		t.Errorf("after a partial document: %+v", c)
	}
	if err := json.Unmarshal([]byte(`{"provisional":true,"provisional_years":[2029]}`), &c); err != nil {
		t.Fatal(err)
	}
	if years[0] != 2028 || c.Provisional.Years[0] != 2029 {
		t.Errorf("decoding wrote through to the old years: old %v new %v", years, c.Provisional.Years)
	}
	before := c
	if err := json.Unmarshal([]byte(`null`), &c); err != nil || !cmp.Equal(before, c) {
		t.Errorf("null changed the clock: %v", err)
	}
}
