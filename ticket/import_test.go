package ticket_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/google/go-cmp/cmp"
)

// fuzzCfg uses the round-the-clock Continuous calendar so that any instant
// is covered and the fuzzer explores the state machine, not calendar range
// errors.
func fuzzCfg() ticket.Config {
	p := machinePolicy()
	return ticket.Config{Policy: p}
}

func sampleRecords(t testing.TB) []byte {
	cfg := shandongCfg(t)
	tk, err := ticket.NewTicket(cfg, intake("T1", at("2025-03-03 09:00")))
	if err != nil {
		t.Fatal(err)
	}
	c1 := member(community)
	for i, e := range []ticket.Event{
		{Kind: ticket.EvDispatch, Actor: hotline, Unit: community},
		{Kind: ticket.EvAccept, Actor: c1},
		{Kind: ticket.EvContact, Actor: c1},
		{Kind: ticket.EvPause, Actor: c1, Note: "away", Reason: "awaiting_requester", Limit: calendar.Period{N: 1, Unit: calendar.WorkingDays}},
		{Kind: ticket.EvResume, Actor: c1},
		{Kind: ticket.EvRequestExtension, Actor: c1, Note: "parts", Limit: calendar.Period{N: 3, Unit: calendar.WorkingDays}},
		{Kind: ticket.EvDecideExtension, Actor: hotline, Approve: true},
		{Kind: ticket.EvResolve, Actor: c1, Note: "fixed"},
		{Kind: ticket.EvCallback, Actor: hotline, Rating: &ticket.Rating{Solved: true, Satisfaction: ticket.Satisfied}},
		{Kind: ticket.EvClose, Actor: hotline},
	} {
		e.At = at("2025-03-03 09:00").Add(time.Duration(i+1) * 3 * time.Hour)
		if tk, err = ticket.Apply(cfg, tk, e); err != nil {
			t.Fatal(err)
		}
	}
	dup, _ := ticket.NewTicket(cfg, intake("T2", at("2025-03-03 10:00")))
	_, _, err = ticket.Merge(cfg, dup, tk, ticket.Event{At: at("2025-03-06 10:00"), Actor: hotline})
	if err == nil {
		t.Fatal("merging into a closed ticket must fail")
	}
	dup, _ = ticket.NewTicket(cfg, intake("T2", at("2025-03-03 10:00")))
	open, _ := ticket.NewTicket(cfg, intake("T3", at("2025-03-03 09:30")))
	if dup, open, err = ticket.Merge(cfg, dup, open, ticket.Event{At: at("2025-03-03 11:00"), Actor: hotline}); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal([]ticket.Record{ticket.Export(tk), ticket.Export(open), ticket.Export(dup)})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestImportExportRoundTrip(t *testing.T) {
	cfg := shandongCfg(t)
	data := sampleRecords(t)
	got, err := ticket.Import(cfg, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].State != ticket.Closed || len(got[0].Extensions) != 1 ||
		got[2].State != ticket.Merged || len(got[1].MergedFrom) != 1 {
		t.Fatalf("imported %d tickets, first %s", len(got), got[0].State)
	}
	again, err := json.Marshal([]ticket.Record{ticket.Export(got[0]), ticket.Export(got[1]), ticket.Export(got[2])})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(string(data), string(again)); d != "" {
		t.Errorf("export(import(x)) != x (-want +got):\n%s", d)
	}
	for _, tc := range []struct {
		name, json string
		want       error
	}{
		{"unknown field", `[{"intake":{},"oops":1}]`, ticket.ErrInvalid},
		{"bad intake", `[{"intake":{"id":"a"}}]`, ticket.ErrInvalid},
		{"illegal event", `[{"intake":{"id":"a","channel":"hotline","kind":"help","category":"housing","text":"t","at":"2025-03-03T09:00:00+08:00"},
			"events":[{"kind":"close","at":"2025-03-03T09:00:00+08:00","actor":{"id":"op","role":"hotline"}}]}]`, ticket.ErrIllegalTransition},
		{"merge into unknown", `[{"intake":{"id":"a","channel":"hotline","kind":"help","category":"housing","text":"t","at":"2025-03-03T09:00:00+08:00"},
			"events":[{"kind":"merge","into":"zz","at":"2025-03-03T09:00:00+08:00","actor":{"id":"op","role":"hotline"}}]}]`, ticket.ErrInvalid},
		{"trailing", `[] []`, ticket.ErrInvalid},
	} {
		if _, err := ticket.Import(cfg, []byte(tc.json)); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
}

func FuzzImport(f *testing.F) {
	f.Add(sampleRecords(f))
	f.Add([]byte(`[]`))
	f.Add([]byte(`[{"intake":{"id":"a","channel":"patrol","kind":"report","category":"x","text":"t","at":"2025-01-01T00:00:00Z"},"events":[{"kind":"dispatch","at":"2025-01-01T01:00:00Z","actor":{"id":"o","role":"hotline"},"unit":{"id":"u","level":"grid"}}]}]`))
	cfg := fuzzCfg()
	f.Fuzz(func(t *testing.T, data []byte) {
		ts, err := ticket.Import(cfg, data)
		if err != nil {
			if !errors.Is(err, ticket.ErrInvalid) && !errors.Is(err, ticket.ErrIllegalTransition) &&
				!errors.Is(err, ticket.ErrUnauthorized) && !errors.Is(err, ticket.ErrLimitExceeded) &&
				!errors.Is(err, ticket.ErrNoRule) && !errors.Is(err, calendar.ErrInvalidPeriod) {
				t.Fatalf("untyped import error: %v", err)
			}
			return
		}
		// Valid imports re-export and re-import to the same tickets.
		recs := make([]ticket.Record, len(ts))
		for i, tk := range ts {
			recs[i] = ticket.Export(tk)
		}
		b, err := json.Marshal(recs)
		if err != nil {
			t.Fatal(err)
		}
		ts2, err := ticket.Import(cfg, b)
		if err != nil {
			t.Fatalf("re-import of an export failed: %v", err)
		}
		if len(ts2) != len(ts) {
			t.Fatalf("re-import: %d tickets, want %d", len(ts2), len(ts))
		}
		for i := range ts {
			if ts2[i].State != ts[i].State || len(ts2[i].History) != len(ts[i].History) {
				t.Fatalf("re-import changed ticket %d: %s -> %s", i, ts[i].State, ts2[i].State)
			}
		}
	})
}

func TestTicketJSONRoundTrip(t *testing.T) {
	cfg := shandongCfg(t)
	ts, err := ticket.Import(cfg, sampleRecords(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range ts {
		b, err := json.Marshal(tk)
		if err != nil {
			t.Fatal(err)
		}
		var back ticket.Ticket
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(tk, back, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); d != "" {
			t.Errorf("%s: JSON round trip (-want +got):\n%s", tk.ID, d)
		}
		st := ticket.StatusAt(tk, at("2025-03-20 09:00"))
		b, _ = json.Marshal(st)
		var sb ticket.Status
		if err := json.Unmarshal(b, &sb); err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(st, sb, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); d != "" {
			t.Errorf("status JSON round trip (-want +got):\n%s", d)
		}
	}
}

// An export saved as GBK (a resident's name and text in Chinese): encoding/json
// replaced every byte with U+FFFD and the import succeeded with the words
// lost. It is refused naming the line.
func TestImportNotUTF8(t *testing.T) {
	data := sampleRecords(t)
	i := bytes.Index(data, []byte(`"text":"`))
	if i < 0 {
		t.Fatalf("no text in %s", data)
	}
	i += len(`"text":"`)
	gbk := append(append(append([]byte{}, data[:i]...), "\n\xbe\xd3\xc3\xf1"...), data[i:]...) // GBK 居民 after a line break
	gbk = bytes.Replace(gbk, []byte("\n"), []byte(`\n`), 1)                                    // the break escaped: still one string
	gbk = append([]byte("\n"), gbk...)                                                         // and the document on line 2
	_, err := ticket.Import(fuzzCfg(), gbk)
	var ie *ticket.InputError
	if !errors.As(err, &ie) || !errors.Is(err, ticket.ErrInvalid) || !strings.Contains(ie.Reason, "not UTF-8 text (line 2)") {
		t.Errorf("GBK text: %v", err)
	}
	if _, err := ticket.Import(fuzzCfg(), data); err != nil {
		t.Errorf("UTF-8 export: %v", err)
	}
}
