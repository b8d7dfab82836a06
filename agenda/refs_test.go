package agenda_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/ticket"
)

// TestRaiseRefusesUnknownTickets: with Options.Tickets set, a topic citing
// a ticket the ticket store does not hold is refused with a *RefError and
// nothing is stored; a topic citing stored tickets is raised.
func TestRaiseRefusesUnknownTickets(t *testing.T) {
	ctx := context.Background()
	tickets := ticket.NewMemStore()
	if _, _, err := tickets.CreateTicket(ctx, ticket.Ticket{ID: "tk1", ReceivedAt: date(2026, 3, 1)}); err != nil {
		t.Fatal(err)
	}
	s, err := agenda.NewService(agenda.NewMemStore(), &agenda.Options{Tickets: tickets, Now: func() time.Time { return date(2026, 3, 2) }})
	if err != nil {
		t.Fatal(err)
	}
	topic := func(ids ...ticket.ID) agenda.Topic {
		return agenda.Topic{ID: "hot", Grid: "b3", Title: "hallway charging", Category: "ebike-charging",
			Source: agenda.Source{Origin: agenda.FromTickets, Ticket: ids}}
	}
	_, err = s.Raise(ctx, topic("tk1", "tk-missing"))
	var re *agenda.RefError
	if !errors.As(err, &re) || re.Ref != "tk-missing" || re.Field != "source.tickets[1]" ||
		!errors.Is(err, agenda.ErrInvalid) || !errors.Is(err, ticket.ErrNotFound) {
		t.Fatalf("citing a missing ticket: %v", err)
	}
	if _, err := s.Topic(ctx, "hot"); !errors.Is(err, agenda.ErrNotFound) {
		t.Fatalf("a refused topic was stored: %v", err)
	}
	if _, err := s.Raise(ctx, topic("tk1")); err != nil {
		t.Fatalf("citing a stored ticket: %v", err)
	}
}
