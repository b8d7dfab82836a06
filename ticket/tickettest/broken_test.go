package tickettest_test

import (
	"context"
	"testing"

	"github.com/gongzhi/gongzhi/internal/mustfail"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/ticket/tickettest"
)

// lostUpdate ignores the version a write carries: the last writer wins.
type lostUpdate struct{ *ticket.MemStore }

func (s lostUpdate) UpdateTickets(ctx context.Context, ts ...ticket.Ticket) ([]ticket.Ticket, error) {
	for i := range ts {
		if cur, err := s.MemStore.Ticket(ctx, ts[i].ID); err == nil {
			ts[i].Version = cur.Version
		}
	}
	return s.MemStore.UpdateTickets(ctx, ts...)
}

// forgetfulCreate refuses a retried intake as a reused key.
type forgetfulCreate struct{ *ticket.MemStore }

func (s forgetfulCreate) CreateTicket(ctx context.Context, t ticket.Ticket) (ticket.Ticket, bool, error) {
	if _, err := s.MemStore.Ticket(ctx, t.ID); err == nil {
		return ticket.Ticket{}, false, ticket.ErrDuplicateKey
	}
	return s.MemStore.CreateTicket(ctx, t)
}

// TestSuiteCatchesBrokenStores proves that TestStore fails, in the
// subtest named, against stores that break its contract.
func TestSuiteCatchesBrokenStores(t *testing.T) {
	suite := func(wrap func(*ticket.MemStore) ticket.Store) func(t *testing.T) {
		return func(t *testing.T) {
			tickettest.TestStore(t, func(*testing.T) ticket.Store { return wrap(ticket.NewMemStore()) })
		}
	}
	mustfail.Run(t, []mustfail.Case{
		{Name: "lost-update", Want: "UpdateConflict", Suite: suite(func(m *ticket.MemStore) ticket.Store { return lostUpdate{m} })},
		{Name: "forgetful-create", Want: "CreateIdempotent", Suite: suite(func(m *ticket.MemStore) ticket.Store { return forgetfulCreate{m} })},
	})
}
