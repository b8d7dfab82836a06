package tickettest_test

import (
	"context"
	"iter"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/grid"
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

// filterBlind drops a part of every filter before asking the store.
type filterBlind struct {
	*ticket.MemStore
	drop func(*ticket.Filter)
}

func (s filterBlind) Tickets(ctx context.Context, f ticket.Filter) iter.Seq2[ticket.Ticket, error] {
	s.drop(&f)
	return s.MemStore.Tickets(ctx, f)
}

// emptyPlaceUnlocated lets an empty place select the tickets without a
// place.
type emptyPlaceUnlocated struct{ *ticket.MemStore }

func (s emptyPlaceUnlocated) Tickets(ctx context.Context, f ticket.Filter) iter.Seq2[ticket.Ticket, error] {
	if !slices.Contains(f.Places, "") {
		return s.MemStore.Tickets(ctx, f)
	}
	places := f.Places
	f.Places = nil
	return func(yield func(ticket.Ticket, error) bool) {
		for t, err := range s.MemStore.Tickets(ctx, f) {
			if err == nil && !slices.Contains(places, t.Location) {
				continue
			}
			if !yield(t, err) {
				return
			}
		}
	}
}

// stalePlaces answers Places from the place each ticket was created at,
// missing later corrections.
type stalePlaces struct {
	*ticket.MemStore
	mu    sync.Mutex
	first map[ticket.ID]grid.ID
}

func (s *stalePlaces) CreateTicket(ctx context.Context, t ticket.Ticket) (ticket.Ticket, bool, error) {
	out, created, err := s.MemStore.CreateTicket(ctx, t)
	if created {
		s.mu.Lock()
		if s.first == nil {
			s.first = map[ticket.ID]grid.ID{}
		}
		s.first[t.ID] = t.Location
		s.mu.Unlock()
	}
	return out, created, err
}

func (s *stalePlaces) Tickets(ctx context.Context, f ticket.Filter) iter.Seq2[ticket.Ticket, error] {
	if len(f.Places) == 0 {
		return s.MemStore.Tickets(ctx, f)
	}
	places := f.Places
	f.Places = nil
	return func(yield func(ticket.Ticket, error) bool) {
		for t, err := range s.MemStore.Tickets(ctx, f) {
			s.mu.Lock()
			at := s.first[t.ID]
			s.mu.Unlock()
			if err == nil && (at == "" || !slices.Contains(places, at)) {
				continue
			}
			if !yield(t, err) {
				return
			}
		}
	}
}

// TestSuiteCatchesBrokenStores proves that TestStore fails, in the
// subtest named, against stores that break its contract.
func TestSuiteCatchesBrokenStores(t *testing.T) {
	suite := func(wrap func(*ticket.MemStore) ticket.Store) func(t *testing.T) {
		return func(t *testing.T) {
			tickettest.TestStore(t, func(*testing.T) ticket.Store { return wrap(ticket.NewMemStore()) })
		}
	}
	blind := func(drop func(*ticket.Filter)) func(t *testing.T) {
		return suite(func(m *ticket.MemStore) ticket.Store { return filterBlind{m, drop} })
	}
	mustfail.Run(t, []mustfail.Case{
		{Name: "lost-update", Want: "UpdateConflict", Suite: suite(func(m *ticket.MemStore) ticket.Store { return lostUpdate{m} })},
		{Name: "forgetful-create", Want: "CreateIdempotent", Suite: suite(func(m *ticket.MemStore) ticket.Store { return forgetfulCreate{m} })},
		{Name: "open-window", Want: "ListReceivedWindow", Suite: blind(func(f *ticket.Filter) { f.ReceivedTo = time.Time{} })},
		{Name: "second-window", Want: "ListReceivedWindow", Suite: blind(func(f *ticket.Filter) { f.ReceivedFrom = f.ReceivedFrom.Truncate(time.Second) })},
		{Name: "id-order", Want: "ListNewestLimit", Suite: blind(func(f *ticket.Filter) { f.Newest = false })},
		{Name: "no-limit", Want: "ListNewestLimit", Suite: blind(func(f *ticket.Filter) { f.Limit = 0 })},
		{Name: "any-category", Want: "ListCategoriesIDs", Suite: blind(func(f *ticket.Filter) { f.Categories = nil })},
		{Name: "any-id", Want: "ListCategoriesIDs", Suite: blind(func(f *ticket.Filter) { f.IDs = nil })},
		{Name: "any-place", Want: "ListPlaces", Suite: blind(func(f *ticket.Filter) { f.Places = nil })},
		{Name: "place-ignored-newest", Want: "ListPlaces", Suite: blind(func(f *ticket.Filter) {
			if f.Newest {
				f.Places = nil
			}
		})},
		{Name: "empty-place-unlocated", Want: "ListPlaces", Suite: suite(func(m *ticket.MemStore) ticket.Store { return emptyPlaceUnlocated{m} })},
		{Name: "stale-place-index", Want: "ListPlaces", Suite: suite(func(m *ticket.MemStore) ticket.Store { return &stalePlaces{MemStore: m} })},
	})
}
