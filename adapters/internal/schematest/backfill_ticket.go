package schematest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/ticket"
)

// TestTicketBackfill runs the backfill of migration 8 over tickets stored
// before it (their received and category columns empty): the columns are
// filled from the documents, to the nanosecond and in UTC whatever the
// stored zone (a fraction of .9999999 s must not round up to the next
// second), so that window and newest-first queries find them.
func TestTicketBackfill(t *testing.T, h Harness) {
	t.Helper()
	cst := time.FixedZone("CST", 8*3600)
	for _, tc := range []struct {
		name     string
		at       time.Time
		received []time.Duration // ticket t<i> is received at at+received[i]
		from, to time.Duration
		want     []ticket.ID
	}{
		{"NoRoundingUp", time.Date(2025, 3, 3, 17, 0, 0, 999999900, cst), []time.Duration{0, -999999900, -1}, -999999900, -1, []ticket.ID{"t2", "t1"}},
		{"Nanoseconds", time.Date(2025, 3, 3, 17, 0, 0, 123456789, cst), []time.Duration{0, -123456789, -123456700}, -123456700, 0, []ticket.ID{"t0", "t2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			db := h.Open(t, true)
			s := db.Stores(false).Tickets
			for i, d := range tc.received {
				at := tc.at.Add(d)
				tk := ticket.Ticket{ID: ticket.ID(fmt.Sprint("t", i)), Channel: ticket.Hotline, Kind: ticket.Help, Category: "roads",
					Text: "x", ReceivedAt: at, Updated: at, State: ticket.Received}
				if _, _, err := s.CreateTicket(ctx, tk); err != nil {
					t.Fatal(err)
				}
			}
			if err := db.Exec(ctx, `UPDATE ticket SET received = '', category = ''`); err != nil {
				t.Fatal(err)
			}
			m := h.Migrations()[7]
			if m.Name != "ticket_query" {
				t.Fatalf("migration 8 is %q", m.Name)
			}
			update, _, _ := strings.Cut(m.SQL[strings.Index(m.SQL, "UPDATE ticket SET"):], ";\n")
			if err := db.Exec(ctx, update); err != nil {
				t.Fatal(err)
			}
			var got []ticket.ID
			for tk, err := range s.Tickets(ctx, ticket.Filter{Newest: true, Categories: []ticket.CategoryID{"roads"},
				ReceivedFrom: tc.at.Add(tc.from), ReceivedTo: tc.at.Add(tc.to)}) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, tk.ID)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("after the backfill the window yields %v, want %v", got, tc.want)
			}
		})
	}
}

// TestTicketPlaceBackfill runs the backfill of migration 9 over tickets
// stored before it (their place column wrong): the column is filled from
// each document's location (empty for a ticket without one), so that a
// place filter finds them and a list of the empty place finds none.
func TestTicketPlaceBackfill(t *testing.T, h Harness) {
	t.Helper()
	ctx := context.Background()
	db := h.Open(t, true)
	s := db.Stores(false).Tickets
	at := time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	for i, place := range []grid.ID{"b-1", "", "b-2", "b-1"} {
		received := at.Add(time.Duration(i) * time.Minute)
		tk := ticket.Ticket{ID: ticket.ID(fmt.Sprint("t", i)), Channel: ticket.Hotline, Kind: ticket.Help, Category: "roads",
			Location: place, Text: "x", ReceivedAt: received, Updated: received, State: ticket.Received}
		if _, _, err := s.CreateTicket(ctx, tk); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Exec(ctx, `UPDATE ticket SET place = 'stale'`); err != nil {
		t.Fatal(err)
	}
	m := h.Migrations()[8]
	if m.Name != "ticket_place" {
		t.Fatalf("migration 9 is %q", m.Name)
	}
	update, _, _ := strings.Cut(m.SQL[strings.Index(m.SQL, "UPDATE ticket SET"):], ";\n")
	if err := db.Exec(ctx, update); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		places []grid.ID
		want   []ticket.ID
	}{
		{[]grid.ID{"b-1"}, []ticket.ID{"t3", "t0"}},
		{[]grid.ID{"b-2", "b-1"}, []ticket.ID{"t3", "t2", "t0"}},
		{[]grid.ID{""}, nil},
		{[]grid.ID{"stale"}, nil},
	} {
		var got []ticket.ID
		for tk, err := range s.Tickets(ctx, ticket.Filter{Newest: true, Places: tc.places}) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, tk.ID)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("after the backfill Places %q yields %v, want %v", tc.places, got, tc.want)
		}
	}
}
