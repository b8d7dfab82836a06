// Package tickettest is the conformance suite for ticket.Store
// implementations. The in-memory store and every adapter (for example
// adapters/postgres) run it unchanged:
//
//	func TestStore(t *testing.T) {
//		tickettest.TestStore(t, func(t *testing.T) ticket.Store { return ticket.NewMemStore() })
//	}
package tickettest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// TestStore checks that a Store meets the ticket.Store contract. newStore
// must return an empty, independent store; register cleanup with
// t.Cleanup. Run it under -race.
//
// The RoundTrip subtest stores a ticket that uses every field, so a store
// that maps fields to columns learns of new ones here. Fields added
// without a change to the Store interface: Ticket.Pauses,
// Ticket.PendingPause, Rule.Pauses, Event.Reason and Clock.PausedUntil
// (pause limits, issue 14 item 12); a store that keeps the ticket as one
// JSON document needs no change.
func TestStore(t *testing.T, newStore func(t *testing.T) ticket.Store) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, s ticket.Store)
	}{
		{"CreateGet", testCreateGet},
		{"RoundTrip", testRoundTrip},
		{"CreateIdempotent", testCreateIdempotent},
		{"CreateDuplicateKey", testCreateDuplicateKey},
		{"CreateNonZeroVersion", testCreateNonZeroVersion},
		{"NotFound", testNotFound},
		{"UpdateVersion", testUpdateVersion},
		{"UpdateConflict", testUpdateConflict},
		{"UpdateAtomic", testUpdateAtomic},
		{"UpdateNotFound", testUpdateNotFound},
		{"Isolation", testIsolation},
		{"ListOrderFilter", testList},
		{"ListEmpty", testListEmpty},
		{"ListReceivedWindow", testListReceivedWindow},
		{"ListNewestLimit", testListNewestLimit},
		{"ListCategoriesIDs", testListCategoriesIDs},
		{"ListPlaces", testListPlaces},
		{"ConcurrentUpdate", testConcurrentUpdate},
		{"ConcurrentCreate", testConcurrentCreate},
		{"CanceledContext", testCanceled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, newStore(t)) })
	}
	t.Run("Model", func(t *testing.T) { testModel(t, newStore) })
}

var (
	base     = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	hotline  = ticket.Actor{ID: "op", Role: ticket.HotlineRole}
	unit     = ticket.Unit{ID: "c1", Level: ticket.CommunityLevel, Node: "n1"}
	unitUser = ticket.Actor{ID: "w", Role: ticket.UnitRole, Unit: "c1"}
)

func config() ticket.Config {
	return ticket.Config{Policy: ticket.Policy{Name: "test", Warn: ticket.Fraction{Num: 3, Den: 4},
		Rules: []ticket.Rule{{Name: "all",
			Dispatch:     calendar.Period{N: 2, Unit: calendar.Hours},
			Response:     calendar.Period{N: 1, Unit: calendar.WorkingDays},
			FirstContact: calendar.Period{N: 4, Unit: calendar.WorkingHours},
			Resolution:   calendar.Period{N: 5, Unit: calendar.WorkingDays},
			CoReport:     calendar.Period{N: 1, Unit: calendar.WorkingDays},
			Pauses: &ticket.PauseRule{Reasons: []ticket.PauseReason{"awaiting_requester"}, Max: 2,
				Longest: calendar.Period{N: 5, Unit: calendar.WorkingDays}, Approval: calendar.Period{N: 1, Unit: calendar.WorkingDays}},
		}}}}
}

// fataler is what testing.TB and *rapid.T share.
type fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}

// newTicket returns a fresh ticket with id, received i minutes after base.
func newTicket(t fataler, id string, i int) ticket.Ticket {
	t.Helper()
	tk, err := ticket.NewTicket(config(), ticket.Intake{ID: ticket.ID(id), Channel: ticket.Hotline,
		Kind: ticket.Complaint, Category: "housing", Location: "b1", Text: "text " + id,
		Contact: ticket.Contact{Name: "李四", Phone: "13900001111"}, At: base.Add(time.Duration(i) * time.Minute), By: hotline})
	if err != nil {
		t.Fatalf("tickettest: building a ticket: %v", err)
	}
	return tk
}

// busyTicket returns a ticket with clocks, parties, pauses and history.
func busyTicket(t fataler, id string) ticket.Ticket {
	t.Helper()
	cfg := config()
	tk := newTicket(t, id, 0)
	for i, e := range []ticket.Event{
		{Kind: ticket.EvDispatch, Actor: hotline, Unit: unit},
		{Kind: ticket.EvAccept, Actor: unitUser},
		{Kind: ticket.EvContact, Actor: unitUser},
		{Kind: ticket.EvAddCoUnit, Actor: unitUser, Unit: ticket.Unit{ID: "water", Level: ticket.DepartmentLevel}},
		{Kind: ticket.EvPause, Actor: unitUser, Note: "waiting", Reason: "awaiting_requester", Limit: calendar.Period{N: 1, Unit: calendar.WorkingDays}},
		{Kind: ticket.EvResume, Actor: unitUser},
		{Kind: ticket.EvPause, Actor: unitUser, Note: "abroad", Reason: "awaiting_requester", Limit: calendar.Period{N: 3, Unit: calendar.WorkingDays}},
		{Kind: ticket.EvDecidePause, Actor: hotline, Approve: true},
		{Kind: ticket.EvResume, Actor: unitUser},
		{Kind: ticket.EvResolve, Actor: unitUser, Note: "done"},
		{Kind: ticket.EvCallback, Actor: hotline, Rating: &ticket.Rating{Solved: true, Satisfaction: ticket.BasicSatisfied}},
	} {
		e.At = base.Add(time.Duration(i+1) * time.Hour)
		var err error
		if tk, err = ticket.Apply(cfg, tk, e); err != nil {
			t.Fatalf("tickettest: building a ticket: %s: %v", e.Kind, err)
		}
	}
	return tk
}

var sameTime = cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })

func diff(want, got ticket.Ticket) string { return cmp.Diff(want, got, sameTime) }

func mustCreate(t *testing.T, s ticket.Store, tk ticket.Ticket) ticket.Ticket {
	t.Helper()
	got, created, err := s.CreateTicket(context.Background(), tk)
	if err != nil || !created {
		t.Fatalf("CreateTicket(%s) = created %v, %v; want a new ticket", tk.ID, created, err)
	}
	return got
}

func testCreateGet(t *testing.T, s ticket.Store) {
	ctx := context.Background()
	tk := newTicket(t, "a", 0)
	got := mustCreate(t, s, tk)
	if got.Version != 1 {
		t.Errorf("CreateTicket returned version %d; a new ticket is stored at version 1", got.Version)
	}
	read, err := s.Ticket(ctx, "a")
	if err != nil {
		t.Fatalf("Ticket after CreateTicket: %v", err)
	}
	tk.Version = 1
	if d := diff(tk, read); d != "" {
		t.Errorf("Ticket must return what CreateTicket stored (-want +got):\n%s", d)
	}
}

func testRoundTrip(t *testing.T, s ticket.Store) {
	ctx := context.Background()
	tk := busyTicket(t, "busy")
	mustCreate(t, s, tk)
	got, err := s.Ticket(ctx, "busy")
	if err != nil {
		t.Fatal(err)
	}
	tk.Version = 1
	if d := diff(tk, got); d != "" {
		t.Errorf("a ticket with clocks, parties and history must round-trip exactly (-want +got):\n%s", d)
	}
}

func testCreateIdempotent(t *testing.T, s ticket.Store) {
	ctx := context.Background()
	tk := newTicket(t, "a", 0)
	first := mustCreate(t, s, tk)
	// Advance it so that a retry which overwrote would be visible.
	upd, err := s.UpdateTickets(ctx, withEvent(t, first))
	if err != nil {
		t.Fatal(err)
	}
	got, created, err := s.CreateTicket(ctx, tk)
	if err != nil || created {
		t.Fatalf("retrying CreateTicket with the same intake = created %v, %v; want the stored ticket, no error", created, err)
	}
	if d := diff(upd[0], got); d != "" {
		t.Errorf("a retried CreateTicket must return the stored ticket unchanged (-want +got):\n%s", d)
	}
}

func withEvent(t *testing.T, tk ticket.Ticket) ticket.Ticket {
	t.Helper()
	n, err := ticket.Apply(config(), tk, ticket.Event{Kind: ticket.EvDispatch, At: tk.Updated.Add(time.Minute), Actor: hotline, Unit: unit})
	if err != nil {
		t.Fatalf("tickettest: %v", err)
	}
	return n
}

func testCreateDuplicateKey(t *testing.T, s ticket.Store) {
	ctx := context.Background()
	mustCreate(t, s, newTicket(t, "a", 0))
	other := newTicket(t, "a", 0)
	other.Text = "something else" // same key, different content
	if _, _, err := s.CreateTicket(ctx, other); !errors.Is(err, ticket.ErrDuplicateKey) {
		t.Fatalf("CreateTicket with a reused key and different content = %v; want ErrDuplicateKey", err)
	}
	got, _ := s.Ticket(ctx, "a")
	if got.Text != "text a" || got.Version != 1 {
		t.Error("a rejected CreateTicket must change nothing")
	}
}

func testCreateNonZeroVersion(t *testing.T, s ticket.Store) {
	tk := newTicket(t, "a", 0)
	tk.Version = 3
	if _, _, err := s.CreateTicket(context.Background(), tk); !errors.Is(err, ticket.ErrConflict) {
		t.Fatalf("CreateTicket of a ticket with version 3 = %v; want ErrConflict", err)
	}
}

func testNotFound(t *testing.T, s ticket.Store) {
	if _, err := s.Ticket(context.Background(), "nope"); !errors.Is(err, ticket.ErrNotFound) {
		t.Fatalf("Ticket of an unknown id = %v; want ErrNotFound", err)
	}
}

func testUpdateVersion(t *testing.T, s ticket.Store) {
	ctx := context.Background()
	tk := mustCreate(t, s, newTicket(t, "a", 0))
	n := withEvent(t, tk)
	out, err := s.UpdateTickets(ctx, n)
	if err != nil {
		t.Fatalf("UpdateTickets at the stored version: %v", err)
	}
	if len(out) != 1 || out[0].Version != 2 || out[0].State != ticket.Dispatched {
		t.Fatalf("UpdateTickets returned %+v; want the ticket at version 2", out)
	}
	got, _ := s.Ticket(ctx, "a")
	if d := diff(out[0], got); d != "" {
		t.Errorf("Ticket after UpdateTickets (-want +got):\n%s", d)
	}
	if out, err := s.UpdateTickets(ctx); err != nil || len(out) != 0 {
		t.Errorf("UpdateTickets() with no tickets = %v, %v; want nothing", out, err)
	}
}

func testUpdateConflict(t *testing.T, s ticket.Store) {
	ctx := context.Background()
	tk := mustCreate(t, s, newTicket(t, "a", 0))
	if _, err := s.UpdateTickets(ctx, withEvent(t, tk)); err != nil {
		t.Fatal(err)
	}
	stale := withEvent(t, tk) // still version 1
	stale.Text = "stale"
	if _, err := s.UpdateTickets(ctx, stale); !errors.Is(err, ticket.ErrConflict) {
		t.Fatalf("UpdateTickets at a stale version = %v; want ErrConflict", err)
	}
	if got, _ := s.Ticket(ctx, "a"); got.Version != 2 || got.Text == "stale" {
		t.Error("a rejected UpdateTickets must change nothing")
	}
}

func testUpdateAtomic(t *testing.T, s ticket.Store) {
	ctx := context.Background()
	a := mustCreate(t, s, newTicket(t, "a", 0))
	b := mustCreate(t, s, newTicket(t, "b", 1))
	if _, err := s.UpdateTickets(ctx, withEvent(t, b)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateTickets(ctx, withEvent(t, a), withEvent(t, b)); !errors.Is(err, ticket.ErrConflict) {
		t.Fatalf("UpdateTickets of two tickets, one stale = %v; want ErrConflict", err)
	}
	if got, _ := s.Ticket(ctx, "a"); got.Version != 1 {
		t.Error("UpdateTickets must be all-or-nothing: the fresh ticket was written although the other was stale")
	}
	a2, _ := s.Ticket(ctx, "a")
	b2, _ := s.Ticket(ctx, "b")
	a2.Text, b2.Text = "x", "y"
	out, err := s.UpdateTickets(ctx, a2, b2)
	if err != nil || len(out) != 2 || out[0].ID != "a" || out[1].ID != "b" || out[0].Version != 2 || out[1].Version != 3 {
		t.Fatalf("UpdateTickets of two fresh tickets = %v, %v; want both written, in order", out, err)
	}
}

func testUpdateNotFound(t *testing.T, s ticket.Store) {
	tk := newTicket(t, "ghost", 0)
	if _, err := s.UpdateTickets(context.Background(), tk); !errors.Is(err, ticket.ErrNotFound) {
		t.Fatalf("UpdateTickets of an unknown ticket = %v; want ErrNotFound", err)
	}
}

func testIsolation(t *testing.T, s ticket.Store) {
	ctx := context.Background()
	tk := busyTicket(t, "a")
	got := mustCreate(t, s, tk)
	got.History[0].Note = "mutated"
	got.Clocks[0].Pauses = append(got.Clocks[0].Pauses, ticket.Interval{})
	tk.History[1].Note = "mutated too"
	read, _ := s.Ticket(ctx, "a")
	if read.History[0].Note == "mutated" || read.History[1].Note == "mutated too" || len(read.Clocks[0].Pauses) != 0 {
		t.Error("the store must not share memory with tickets passed in or returned")
	}
}

func testList(t *testing.T, s ticket.Store) {
	ctx := context.Background()
	for i, id := range []string{"c", "a", "b", "d"} {
		tk := mustCreate(t, s, newTicket(t, id, i))
		if id == "b" || id == "d" {
			if _, err := s.UpdateTickets(ctx, withEvent(t, tk)); err != nil {
				t.Fatal(err)
			}
		}
	}
	ids := func(f ticket.Filter) []ticket.ID {
		var out []ticket.ID
		for tk, err := range s.Tickets(ctx, f) {
			if err != nil {
				t.Fatalf("Tickets: %v", err)
			}
			out = append(out, tk.ID)
		}
		return out
	}
	for _, tc := range []struct {
		f    ticket.Filter
		want []ticket.ID
	}{
		{ticket.Filter{}, []ticket.ID{"a", "b", "c", "d"}},
		{ticket.Filter{States: []ticket.State{ticket.Dispatched}}, []ticket.ID{"b", "d"}},
		{ticket.Filter{Unit: "c1"}, []ticket.ID{"b", "d"}},
		{ticket.Filter{Open: true, States: []ticket.State{ticket.Received}}, []ticket.ID{"a", "c"}},
		{ticket.Filter{Unit: "nobody"}, nil},
	} {
		if d := cmp.Diff(tc.want, ids(tc.f)); d != "" {
			t.Errorf("Tickets(%+v) must yield the matching tickets in ID order (-want +got):\n%s", tc.f, d)
		}
	}
	n := 0
	for range s.Tickets(ctx, ticket.Filter{}) {
		n++
		break
	}
	if n != 1 {
		t.Error("Tickets must stop when the consumer stops")
	}
}

// queryStore fills s with tickets received at distinct and equal
// instants, in two zones and to the nanosecond, in two categories, at
// three places or none, one of them moved to a later instant and another
// place by an update, and returns a function that lists the ids a filter
// yields.
func queryStore(t *testing.T, s ticket.Store) func(f ticket.Filter) []ticket.ID {
	t.Helper()
	ctx := context.Background()
	shanghai := time.FixedZone("CST", 8*3600)
	for _, c := range []struct {
		id       string
		at       time.Time
		category ticket.CategoryID
		place    grid.ID
	}{
		{"a", base, "housing", "b1"},
		{"b", base.Add(2 * time.Minute), "roads", "b2"},
		{"c", base.Add(2 * time.Minute), "housing", "b1"},
		{"d", base.Add(time.Minute), "housing", "b3"},
		{"e", base.Add(3*time.Minute + 500*time.Nanosecond), "housing", ""},
		{"f", base.Add(4 * time.Minute).In(shanghai), "housing", "b1"},
	} {
		tk := newTicket(t, c.id, 0)
		tk.ReceivedAt, tk.Category, tk.Location = c.at, c.category, c.place
		mustCreate(t, s, tk)
	}
	d, err := s.Ticket(ctx, "d")
	if err != nil {
		t.Fatal(err)
	}
	d.ReceivedAt = base.Add(5 * time.Minute) // corrected receipt: the latest now
	d.Location = "b2"                        // and corrected place
	if _, err := s.UpdateTickets(ctx, d); err != nil {
		t.Fatal(err)
	}
	return func(f ticket.Filter) []ticket.ID {
		var out []ticket.ID
		for tk, err := range s.Tickets(ctx, f) {
			if err != nil {
				t.Fatalf("Tickets(%+v): %v", f, err)
			}
			out = append(out, tk.ID)
		}
		return out
	}
}

func checkLists(t *testing.T, list func(ticket.Filter) []ticket.ID, what string, cases []listCase) {
	t.Helper()
	for _, tc := range cases {
		if d := cmp.Diff(tc.want, list(tc.f)); d != "" {
			t.Errorf("Tickets(%+v) must yield %s (-want +got):\n%s", tc.f, what, d)
		}
	}
}

type listCase struct {
	f    ticket.Filter
	want []ticket.ID
}

func testListReceivedWindow(t *testing.T, s ticket.Store) {
	list := queryStore(t, s)
	m := func(n int) time.Time { return base.Add(time.Duration(n) * time.Minute) }
	checkLists(t, list, "the tickets received within the window, both ends included, compared as instants to the nanosecond, in ID order", []listCase{
		{ticket.Filter{ReceivedFrom: m(2), ReceivedTo: m(3).Add(500)}, []ticket.ID{"b", "c", "e"}},
		{ticket.Filter{ReceivedFrom: m(2), ReceivedTo: m(3).Add(499)}, []ticket.ID{"b", "c"}},
		{ticket.Filter{ReceivedFrom: m(3).Add(501)}, []ticket.ID{"d", "f"}},
		{ticket.Filter{ReceivedTo: m(1)}, []ticket.ID{"a"}},
		{ticket.Filter{ReceivedFrom: m(4).In(time.FixedZone("X", -5*3600)), ReceivedTo: m(4)}, []ticket.ID{"f"}},
		{ticket.Filter{ReceivedFrom: m(3), ReceivedTo: m(2)}, nil},
	})
}

func testListNewestLimit(t *testing.T, s ticket.Store) {
	list := queryStore(t, s)
	checkLists(t, list, "the tickets newest first (equal instants by ID), at most Limit", []listCase{
		{ticket.Filter{Newest: true}, []ticket.ID{"d", "f", "e", "b", "c", "a"}},
		{ticket.Filter{Newest: true, Limit: 4}, []ticket.ID{"d", "f", "e", "b"}},
		{ticket.Filter{Newest: true, Limit: 5}, []ticket.ID{"d", "f", "e", "b", "c"}},
		{ticket.Filter{Limit: 2}, []ticket.ID{"a", "b"}},
		{ticket.Filter{Newest: true, ReceivedFrom: base.Add(2 * time.Minute), Categories: []ticket.CategoryID{"housing"}, Limit: 3},
			[]ticket.ID{"d", "f", "e"}},
		{ticket.Filter{Newest: true, ReceivedTo: base.Add(2 * time.Minute), Limit: 2}, []ticket.ID{"b", "c"}},
	})
}

func testListCategoriesIDs(t *testing.T, s ticket.Store) {
	list := queryStore(t, s)
	checkLists(t, list, "the tickets of the listed categories or ids, each once", []listCase{
		{ticket.Filter{Categories: []ticket.CategoryID{"roads"}}, []ticket.ID{"b"}},
		{ticket.Filter{Categories: []ticket.CategoryID{"roads", "housing"}, Limit: 3}, []ticket.ID{"a", "b", "c"}},
		{ticket.Filter{Categories: []ticket.CategoryID{"none"}}, nil},
		{ticket.Filter{IDs: []ticket.ID{"e", "a", "zz", "a"}}, []ticket.ID{"a", "e"}},
		{ticket.Filter{IDs: []ticket.ID{"a", "e"}, Newest: true}, []ticket.ID{"e", "a"}},
		{ticket.Filter{IDs: []ticket.ID{"a", "b", "c"}, Categories: []ticket.CategoryID{"housing"}}, []ticket.ID{"a", "c"}},
		{ticket.Filter{IDs: []ticket.ID{"f", "e", "d"}, Limit: 1}, []ticket.ID{"d"}},
	})
}

func testListPlaces(t *testing.T, s ticket.Store) {
	list := queryStore(t, s)
	m := func(n int) time.Time { return base.Add(time.Duration(n) * time.Minute) }
	checkLists(t, list, "the tickets at the listed places (exactly; none without a place), each once, in the order asked", []listCase{
		{ticket.Filter{Places: []grid.ID{"b1"}}, []ticket.ID{"a", "c", "f"}},
		{ticket.Filter{Places: []grid.ID{"b2", "b1", "b2"}, Newest: true}, []ticket.ID{"d", "f", "b", "c", "a"}},
		{ticket.Filter{Places: []grid.ID{"b1", "b2"}, Newest: true, Limit: 3}, []ticket.ID{"d", "f", "b"}},
		{ticket.Filter{Places: []grid.ID{"b3"}}, nil},
		{ticket.Filter{Places: []grid.ID{"b2"}, Newest: true}, []ticket.ID{"d", "b"}},
		{ticket.Filter{Places: []grid.ID{""}}, nil},
		{ticket.Filter{Places: []grid.ID{"", "nowhere"}, Newest: true}, nil},
		{ticket.Filter{Places: []grid.ID{"b1", "b3"}, ReceivedFrom: m(2), ReceivedTo: m(4), Newest: true}, []ticket.ID{"f", "c"}},
		{ticket.Filter{Places: []grid.ID{"b1", "b2", "b3"}, Categories: []ticket.CategoryID{"roads"}}, []ticket.ID{"b"}},
		{ticket.Filter{Places: []grid.ID{"b1"}, IDs: []ticket.ID{"a", "b", "e"}}, []ticket.ID{"a"}},
		{ticket.Filter{Places: []grid.ID{"b1", "b2", "b3"}, ReceivedTo: m(2), Limit: 2}, []ticket.ID{"a", "b"}},
	})
}

func testListEmpty(t *testing.T, s ticket.Store) {
	for _, err := range s.Tickets(context.Background(), ticket.Filter{}) {
		t.Fatalf("Tickets of an empty store yielded something (err %v)", err)
	}
}

func testConcurrentUpdate(t *testing.T, s ticket.Store) {
	ctx := context.Background()
	mustCreate(t, s, newTicket(t, "a", 0))
	const workers, each = 4, 10
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; {
				cur, err := s.Ticket(ctx, "a")
				if err != nil {
					errs <- err
					return
				}
				cur.MergedFrom = append(cur.MergedFrom, ticket.ID(fmt.Sprintf("w%d-%d", w, i)))
				if _, err := s.UpdateTickets(ctx, cur); errors.Is(err, ticket.ErrConflict) {
					continue
				} else if err != nil {
					errs <- err
					return
				}
				i++
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent UpdateTickets: %v", err)
	}
	got, _ := s.Ticket(ctx, "a")
	if len(got.MergedFrom) != workers*each || got.Version != 1+workers*each {
		t.Errorf("after %d successful updates: %d writes kept, version %d; optimistic concurrency lost an update",
			workers*each, len(got.MergedFrom), got.Version)
	}
}

func testConcurrentCreate(t *testing.T, s ticket.Store) {
	ctx := context.Background()
	tk := newTicket(t, "a", 0)
	var wg sync.WaitGroup
	var mu sync.Mutex
	created := 0
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, c, err := s.CreateTicket(ctx, tk)
			if err != nil {
				t.Errorf("concurrent retried CreateTicket: %v", err)
			}
			if c {
				mu.Lock()
				created++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if created != 1 {
		t.Errorf("%d of 8 concurrent identical Creates reported created; exactly one must", created)
	}
}

func testCanceled(t *testing.T, s ticket.Store) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	tk := newTicket(t, "a", 0)
	if _, _, err := s.CreateTicket(ctx, tk); !errors.Is(err, context.Canceled) {
		t.Errorf("CreateTicket with a cancelled context = %v; want context.Canceled", err)
	}
	if _, err := s.Ticket(ctx, "a"); !errors.Is(err, context.Canceled) {
		t.Errorf("Ticket with a cancelled context = %v; want context.Canceled", err)
	}
	if _, err := s.UpdateTickets(ctx, tk); !errors.Is(err, context.Canceled) {
		t.Errorf("UpdateTickets with a cancelled context = %v; want context.Canceled", err)
	}
	var last error
	for _, err := range s.Tickets(ctx, ticket.Filter{}) {
		last = err
	}
	if !errors.Is(last, context.Canceled) {
		t.Errorf("Tickets with a cancelled context yielded %v; want context.Canceled", last)
	}
	if _, err := s.Ticket(context.Background(), "a"); !errors.Is(err, ticket.ErrNotFound) {
		t.Error("a CreateTicket with a cancelled context must store nothing")
	}
}

// testModel runs random operation sequences against a map model.
func testModel(t *testing.T, newStore func(t *testing.T) ticket.Store) {
	rapid.Check(t, func(rt *rapid.T) {
		s := newStore(t)
		ctx := context.Background()
		model := map[ticket.ID]ticket.Ticket{}
		ids := []ticket.ID{"a", "b", "c"}
		rt.Repeat(map[string]func(*rapid.T){
			"create": func(rt *rapid.T) {
				id := rapid.SampledFrom(ids).Draw(rt, "id")
				tk := newTicket(rt, string(id), rapid.IntRange(0, 1).Draw(rt, "minute"))
				if rapid.Bool().Draw(rt, "different") {
					tk.Text = "different"
				}
				got, created, err := s.CreateTicket(ctx, tk)
				old, exists := model[id]
				switch {
				case !exists:
					if err != nil || !created {
						rt.Fatalf("CreateTicket(%s) new: created %v err %v", id, created, err)
					}
					tk.Version = 1
					model[id] = tk
				case ticket.SameIntake(old, tk):
					if err != nil || created {
						rt.Fatalf("CreateTicket(%s) retry: created %v err %v", id, created, err)
					}
					if d := diff(old, got); d != "" {
						rt.Fatalf("retry returned (-want +got):\n%s", d)
					}
				default:
					if !errors.Is(err, ticket.ErrDuplicateKey) {
						rt.Fatalf("CreateTicket(%s) reused key: %v", id, err)
					}
				}
			},
			"update": func(rt *rapid.T) {
				id := rapid.SampledFrom(ids).Draw(rt, "id")
				stale := rapid.Bool().Draw(rt, "stale")
				old, exists := model[id]
				tk := old
				if !exists {
					tk = newTicket(rt, string(id), 0)
				}
				tk.Text = rapid.StringMatching(`[a-z]{1,5}`).Draw(rt, "text")
				if stale {
					tk.Version--
				}
				out, err := s.UpdateTickets(ctx, tk)
				switch {
				case !exists:
					if !errors.Is(err, ticket.ErrNotFound) {
						rt.Fatalf("UpdateTickets unknown: %v", err)
					}
				case stale:
					if !errors.Is(err, ticket.ErrConflict) {
						rt.Fatalf("UpdateTickets stale: %v", err)
					}
				default:
					if err != nil {
						rt.Fatalf("UpdateTickets: %v", err)
					}
					tk.Version++
					model[id] = tk
					if d := diff(tk, out[0]); d != "" {
						rt.Fatalf("UpdateTickets returned (-want +got):\n%s", d)
					}
				}
			},
			"": func(rt *rapid.T) {
				for _, id := range ids {
					got, err := s.Ticket(ctx, id)
					want, exists := model[id]
					if !exists {
						if !errors.Is(err, ticket.ErrNotFound) {
							rt.Fatalf("Ticket(%s) absent: %v", id, err)
						}
						continue
					}
					if err != nil {
						rt.Fatalf("Ticket(%s): %v", id, err)
					}
					if d := diff(want, got); d != "" {
						rt.Fatalf("Ticket(%s) (-model +store):\n%s", id, d)
					}
				}
				n := 0
				for _, err := range s.Tickets(ctx, ticket.Filter{}) {
					if err != nil {
						rt.Fatal(err)
					}
					n++
				}
				if n != len(model) {
					rt.Fatalf("Tickets yielded %d tickets, model has %d", n, len(model))
				}
			},
		})
	})
}
