package ticket

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"sync"
)

// MemStore is the in-memory Store, the embedded default. The zero value is
// not usable: call NewMemStore.
type MemStore struct {
	mu      sync.RWMutex
	tickets map[ID]Ticket
}

var _ Store = (*MemStore)(nil)

// NewMemStore returns an empty store.
func NewMemStore() *MemStore { return &MemStore{tickets: map[ID]Ticket{}} }

// CreateTicket implements Store.
func (m *MemStore) CreateTicket(ctx context.Context, t Ticket) (Ticket, bool, error) {
	if err := ctx.Err(); err != nil {
		return Ticket{}, false, err
	}
	if t.ID == "" {
		return Ticket{}, false, &InputError{Field: "id", Reason: "empty"}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if old, ok := m.tickets[t.ID]; ok {
		if SameIntake(old, t) {
			return old.clone(), false, nil
		}
		return Ticket{}, false, fmt.Errorf("ticket %s: %w", t.ID, ErrDuplicateKey)
	}
	if t.Version != 0 {
		return Ticket{}, false, fmt.Errorf("ticket %s: create at version %d: %w", t.ID, t.Version, ErrConflict)
	}
	t = t.clone()
	t.Version = 1
	m.tickets[t.ID] = t
	return t.clone(), true, nil
}

// UpdateTickets implements Store.
func (m *MemStore) UpdateTickets(ctx context.Context, ts ...Ticket) ([]Ticket, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	seen := map[ID]bool{}
	for _, t := range ts {
		old, ok := m.tickets[t.ID]
		if !ok {
			return nil, fmt.Errorf("ticket %s: %w", t.ID, ErrNotFound)
		}
		if seen[t.ID] {
			return nil, fmt.Errorf("ticket %s: written twice in one update: %w", t.ID, ErrConflict)
		}
		seen[t.ID] = true
		if old.Version != t.Version {
			return nil, fmt.Errorf("ticket %s: version %d, stored %d: %w", t.ID, t.Version, old.Version, ErrConflict)
		}
	}
	out := make([]Ticket, len(ts))
	for i, t := range ts {
		t = t.clone()
		t.Version++
		m.tickets[t.ID] = t
		out[i] = t.clone()
	}
	return out, nil
}

// Ticket implements Store.
func (m *MemStore) Ticket(ctx context.Context, id ID) (Ticket, error) {
	if err := ctx.Err(); err != nil {
		return Ticket{}, err
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	t, ok := m.tickets[id]
	if !ok {
		return Ticket{}, fmt.Errorf("ticket %s: %w", id, ErrNotFound)
	}
	return t.clone(), nil
}

// Tickets implements Store. It snapshots the matching tickets when iteration
// starts.
func (m *MemStore) Tickets(ctx context.Context, f Filter) iter.Seq2[Ticket, error] {
	return func(yield func(Ticket, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(Ticket{}, err)
			return
		}
		m.mu.RLock()
		var snap []Ticket
		for _, t := range m.tickets {
			if f.Match(&t) {
				snap = append(snap, t.clone())
			}
		}
		m.mu.RUnlock()
		slices.SortFunc(snap, func(a, b Ticket) int {
			switch {
			case a.ID < b.ID:
				return -1
			case a.ID > b.ID:
				return 1
			}
			return 0
		})
		for _, t := range snap {
			if err := ctx.Err(); err != nil {
				yield(Ticket{}, err)
				return
			}
			if !yield(t, nil) {
				return
			}
		}
	}
}
