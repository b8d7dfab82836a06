package postgres_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/adapters/postgres"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/ticket/tickettest"
)

func TestTicketStoreConformance(t *testing.T) {
	serverURL(t)
	tickettest.TestStore(t, func(t *testing.T) ticket.Store {
		return postgres.NewTicketStore(migratedPool(t, 0, fast))
	})
}

func TestTicketStoreConformanceSmallPages(t *testing.T) {
	serverURL(t)
	tickettest.TestStore(t, func(t *testing.T) ticket.Store {
		s := postgres.NewTicketStore(migratedPool(t, 0, fast))
		postgres.SetPageSize(s, 3)
		return s
	})
}

// TestTicketQueryColumnsBackfill runs the backfill of migration 8 over
// tickets stored before it (their received and category columns empty):
// the columns are filled from the documents, to the nanosecond and in UTC
// whatever the stored zone (a fraction of .9999999 s must not round up to
// the next second), so window and newest-first queries find them.
func TestTicketQueryColumnsBackfill(t *testing.T) {
	serverURL(t)
	ctx := context.Background()
	pool := migratedPool(t, 0, fast)
	s := postgres.NewTicketStore(pool)
	at := time.Date(2025, 3, 3, 17, 0, 0, 999999900, time.FixedZone("CST", 8*3600))
	for i, received := range []time.Time{at, at.Add(-999999900), at.Add(-1)} {
		tk := ticket.Ticket{ID: ticket.ID(fmt.Sprint("t", i)), Channel: ticket.Hotline, Kind: ticket.Help, Category: "roads",
			Text: "x", ReceivedAt: received, Updated: received, State: ticket.Received}
		if _, _, err := s.CreateTicket(ctx, tk); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := pool.Exec(ctx, `UPDATE ticket SET received = '', category = ''`); err != nil {
		t.Fatal(err)
	}
	m := postgres.Migrations()[7]
	if m.Name != "ticket_query" {
		t.Fatalf("migration 8 is %q", m.Name)
	}
	update, _, _ := strings.Cut(m.SQL[strings.Index(m.SQL, "UPDATE ticket SET"):], ";\n")
	if _, err := pool.Exec(ctx, update); err != nil {
		t.Fatal(err)
	}
	var got []string
	for tk, err := range s.Tickets(ctx, ticket.Filter{Newest: true, Categories: []ticket.CategoryID{"roads"},
		ReceivedFrom: at.Add(-999999900), ReceivedTo: at.Add(-1)}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, string(tk.ID))
	}
	if strings.Join(got, " ") != "t2 t1" {
		t.Errorf("after the backfill the window yields %v, want [t2 t1]", got)
	}
}
