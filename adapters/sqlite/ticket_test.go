package sqlite_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/adapters/sqlite"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/ticket/tickettest"
)

func TestTicketStoreConformance(t *testing.T) {
	tickettest.TestStore(t, func(t *testing.T) ticket.Store { return sqlite.NewTicketStore(openDB(t)) })
}

func TestTicketStoreConformanceSmallPages(t *testing.T) {
	tickettest.TestStore(t, func(t *testing.T) ticket.Store {
		s := sqlite.NewTicketStore(openDB(t))
		sqlite.SetPageSize(s, 3)
		return s
	})
}

// TestTicketQueryColumnsBackfill runs the backfill of migration 8 over a
// ticket stored before it (its received and category columns empty): the
// columns are filled from the document, to the nanosecond and in UTC
// whatever the stored zone, so window and newest-first queries find it.
func TestTicketQueryColumnsBackfill(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	s := sqlite.NewTicketStore(db)
	at := time.Date(2025, 3, 3, 17, 0, 0, 123456789, time.FixedZone("CST", 8*3600))
	for i, received := range []time.Time{at, at.Add(-123456789), at.Add(-123456700)} {
		tk := ticket.Ticket{ID: ticket.ID(fmt.Sprint("t", i)), Channel: ticket.Hotline, Kind: ticket.Help, Category: "roads",
			Text: "x", ReceivedAt: received, Updated: received, State: ticket.Received}
		if _, _, err := s.CreateTicket(ctx, tk); err != nil {
			t.Fatal(err)
		}
	}
	if err := sqlite.ExecForTest(ctx, db, `UPDATE ticket SET received = '', category = ''`); err != nil {
		t.Fatal(err)
	}
	m := sqlite.Migrations()[7]
	if m.Name != "ticket_query" {
		t.Fatalf("migration 8 is %q", m.Name)
	}
	update, _, _ := strings.Cut(m.SQL[strings.Index(m.SQL, "UPDATE ticket SET"):], ";\n")
	if err := sqlite.ExecForTest(ctx, db, update); err != nil {
		t.Fatal(err)
	}
	var got []string
	for tk, err := range s.Tickets(ctx, ticket.Filter{Newest: true, Categories: []ticket.CategoryID{"roads"},
		ReceivedFrom: at.Add(-123456700), ReceivedTo: at}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, string(tk.ID))
	}
	if strings.Join(got, " ") != "t0 t2" {
		t.Errorf("after the backfill the window yields %v, want [t0 t2]", got)
	}
}
