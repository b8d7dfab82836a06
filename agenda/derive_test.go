package agenda_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/ticket"
)

func TestDeriveTopics(t *testing.T) {
	refs, err := agenda.ReadTicketRefs(strings.NewReader(`{"id":"T1","grid":"b3","category":"ebike-charging","at":"2026-03-01T08:00:00+08:00"}
{"id":"T2","grid":"b3","category":"ebike-charging","at":"2026-03-02T08:00:00+08:00"}

{"id":"T3","grid":"b3","category":"ebike-charging","at":"2026-01-02T08:00:00+08:00"}
{"id":"T4","grid":"b4","category":"ebike-charging","at":"2026-03-02T08:00:00+08:00"}
{"id":"T5","grid":"b3","category":"parking","at":"2026-03-02T08:00:00+08:00"}
{"id":"T6","grid":"b3","category":"ebike-charging","at":"2026-03-05T08:00:00+08:00"}
`))
	if err != nil {
		t.Fatal(err)
	}
	got, err := agenda.DeriveTopics(agenda.Derivation{Min: 2, Window: 30}, refs, date(2026, 3, 3))
	if err != nil {
		t.Fatal(err)
	}
	want := []agenda.Topic{{ID: "tickets/b3/ebike-charging/2026-03-03", Grid: "b3", Title: "2 tickets about ebike-charging at b3",
		Category: "ebike-charging", Source: agenda.Source{Origin: agenda.FromTickets, Ticket: []ticket.ID{"T1", "T2"}}, Raised: date(2026, 3, 3)}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	// A derived draft is a valid topic to raise.
	s, _, _ := newService(t)
	if _, err := s.Raise(t.Context(), got[0]); err != nil {
		t.Errorf("raising a derived topic: %v", err)
	}
	if _, err := agenda.DeriveTopics(agenda.Derivation{Min: 1}, refs, date(2026, 3, 3)); !errors.Is(err, agenda.ErrInvalidConfig) {
		t.Errorf("min 1: %v", err)
	}
	for _, bad := range []string{`{"id":"T1"}`, `{"id":"T1","grid":"b","category":"c","at":"2026-03-01T08:00:00Z","x":1}`, `[`, `{"id":"T1","grid":"b","category":"c","at":"2026-03-01T08:00:00Z"} 7`} {
		if _, err := agenda.ReadTicketRefs(strings.NewReader(bad)); !errors.Is(err, agenda.ErrInvalid) {
			t.Errorf("ReadTicketRefs(%s) = %v", bad, err)
		}
	}
}

// TestDeriveTopicsProperties: each in-window ticket is cited by at most one
// topic, exactly when its group reaches Min; every topic's tickets share
// its place and category.
func TestDeriveTopicsProperties(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		d := agenda.Derivation{Min: rapid.IntRange(2, 5).Draw(rt, "min"), Window: rapid.IntRange(0, 60).Draw(rt, "window")}
		day := date(2026, 6, 1)
		var refs []agenda.TicketRef
		for i := range rapid.IntRange(0, 60).Draw(rt, "n") {
			refs = append(refs, agenda.TicketRef{ID: ticket.ID(fmt.Sprint("T", i)),
				Grid:     grid.ID(rapid.SampledFrom([]string{"a", "b", "c"}).Draw(rt, "grid")),
				Category: rapid.SampledFrom([]string{"parking", "ebike-charging"}).Draw(rt, "cat"),
				At:       day.AddDate(0, 0, -rapid.IntRange(-5, 90).Draw(rt, "ago")).Add(time.Hour)})
		}
		topics, err := agenda.DeriveTopics(d, refs, day)
		if err != nil {
			rt.Fatal(err)
		}
		byID := map[ticket.ID]agenda.TicketRef{}
		inWindow := map[[2]string]int{}
		for _, r := range refs {
			byID[r.ID] = r
			ago := int(day.AddDate(0, 0, 1).Sub(r.At).Hours()) / 24 // whole days before the end of day
			if r.At.Before(day.AddDate(0, 0, 1)) && (d.Window == 0 || ago < d.Window) {
				inWindow[[2]string{string(r.Grid), r.Category}]++
			}
		}
		cited := map[ticket.ID]bool{}
		groups := 0
		for _, tp := range topics {
			if len(tp.Source.Ticket) < d.Min || len(tp.Source.Ticket) != inWindow[[2]string{string(tp.Grid), tp.Category}] {
				rt.Fatalf("topic %s cites %d tickets, group has %d", tp.ID, len(tp.Source.Ticket), inWindow[[2]string{string(tp.Grid), tp.Category}])
			}
			for _, id := range tp.Source.Ticket {
				if cited[id] || byID[id].Grid != tp.Grid || byID[id].Category != tp.Category {
					rt.Fatalf("ticket %s cited twice or by the wrong topic", id)
				}
				cited[id] = true
			}
		}
		for _, n := range inWindow {
			if n >= d.Min {
				groups++
			}
		}
		if groups != len(topics) {
			rt.Fatalf("%d groups reach %d tickets, %d topics", groups, d.Min, len(topics))
		}
	})
}

// FuzzReadTicketRefs: the importer never panics; what it accepts derives
// without error.
func FuzzReadTicketRefs(f *testing.F) {
	f.Add([]byte(`{"id":"T1","grid":"b3","category":"parking","at":"2026-03-01T08:00:00+08:00"}` + "\n" +
		`{"id":"T2","grid":"b3","category":"parking","at":"2026-03-01T09:00:00+08:00"}`))
	f.Add([]byte("\n\n{}"))
	f.Add([]byte(`{"id":"T1","grid":"b3","category":"parking","at":"bad"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		refs, err := agenda.ReadTicketRefs(strings.NewReader(string(data)))
		if err != nil {
			if !errors.Is(err, agenda.ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		if _, err := agenda.DeriveTopics(agenda.Derivation{Min: 2}, refs, date(2026, 6, 1)); err != nil {
			t.Fatalf("accepted refs fail to derive: %v", err)
		}
	})
}
