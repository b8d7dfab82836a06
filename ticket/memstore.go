package ticket

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"strings"
	"sync"
	"time"
)

// MemStore is the in-memory Store, the embedded default. The zero value is
// not usable: call NewMemStore. Tickets answers a filter on IDs from the
// map and a received-time window or a newest-first listing from an index
// by receipt instant, so that neither reads every ticket.
type MemStore struct {
	mu      sync.RWMutex
	tickets map[ID]Ticket
	// received holds every ticket's (ReceivedAt, ID), ascending.
	received []receivedKey
}

// receivedKey is a ticket's entry in MemStore.received.
type receivedKey struct {
	at time.Time // without a monotonic reading, so that keys compare as instants
	id ID
}

func keyOf(t *Ticket) receivedKey { return receivedKey{t.ReceivedAt.Round(0), t.ID} }

func (k receivedKey) compare(o receivedKey) int {
	if c := k.at.Compare(o.at); c != 0 {
		return c
	}
	return strings.Compare(string(k.id), string(o.id))
}

// reindex moves a ticket's entry in the received index from old to nw
// (old zero: a new ticket).
func (m *MemStore) reindex(old, nw receivedKey) {
	if old == nw {
		return
	}
	if old.id != "" {
		if i, ok := slices.BinarySearchFunc(m.received, old, receivedKey.compare); ok {
			m.received = slices.Delete(m.received, i, i+1)
		}
	}
	i, _ := slices.BinarySearchFunc(m.received, nw, receivedKey.compare)
	m.received = slices.Insert(m.received, i, nw)
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
	m.reindex(receivedKey{}, keyOf(&t))
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
		old := m.tickets[t.ID]
		m.reindex(keyOf(&old), keyOf(&t))
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

// Tickets implements Store. It snapshots the matching tickets (at most
// f.Limit) when iteration starts. A filter on IDs looks each one up; a
// received-time window or Newest walks the index by receipt instant, and
// with Newest and a Limit stops after Limit matches.
func (m *MemStore) Tickets(ctx context.Context, f Filter) iter.Seq2[Ticket, error] {
	return func(yield func(Ticket, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(Ticket{}, err)
			return
		}
		m.mu.RLock()
		snap := m.selectTickets(f)
		for i := range snap {
			snap[i] = snap[i].clone()
		}
		m.mu.RUnlock()
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

// selectTickets returns, in f's order, the stored tickets f selects (not
// cloned). m.mu must be held.
func (m *MemStore) selectTickets(f Filter) []Ticket {
	var out []Ticket
	done := func() bool { return f.Limit > 0 && len(out) >= f.Limit }
	sorted := func() []Ticket {
		slices.SortFunc(out, func(a, b Ticket) int {
			switch {
			case f.Before(&a, &b):
				return -1
			case f.Before(&b, &a):
				return 1
			}
			return 0
		})
		if f.Limit > 0 && len(out) > f.Limit {
			out = out[:f.Limit]
		}
		return out
	}
	switch {
	case len(f.IDs) > 0:
		seen := make(map[ID]bool, len(f.IDs))
		for _, id := range f.IDs {
			if t, ok := m.tickets[id]; ok && !seen[id] && f.Match(&t) {
				out = append(out, t)
			}
			seen[id] = true
		}
		return sorted()
	case f.Newest || !f.ReceivedFrom.IsZero() || !f.ReceivedTo.IsZero():
		lo, hi := 0, len(m.received)
		if !f.ReceivedFrom.IsZero() {
			from := f.ReceivedFrom.Round(0)
			lo, _ = slices.BinarySearchFunc(m.received, from, func(k receivedKey, t time.Time) int {
				return cmpBool(!k.at.Before(t))
			})
		}
		if !f.ReceivedTo.IsZero() {
			to := f.ReceivedTo.Round(0)
			hi, _ = slices.BinarySearchFunc(m.received, to, func(k receivedKey, t time.Time) int {
				return cmpBool(k.at.After(t))
			})
		}
		if !f.Newest {
			for _, k := range m.received[lo:max(lo, hi)] {
				if t := m.tickets[k.id]; f.Match(&t) {
					out = append(out, t)
				}
			}
			return sorted()
		}
		// Newest first: instants descending, and within one instant the
		// ids ascending, as the index holds them.
		for end := hi; end > lo && !done(); {
			start := end - 1
			for start > lo && m.received[start-1].at.Equal(m.received[end-1].at) {
				start--
			}
			for _, k := range m.received[start:end] {
				if t := m.tickets[k.id]; f.Match(&t) {
					out = append(out, t)
					if done() {
						break
					}
				}
			}
			end = start
		}
		return out
	}
	for _, t := range m.tickets {
		if f.Match(&t) {
			out = append(out, t)
		}
	}
	return sorted()
}

// cmpBool is a search comparison that turns true from the first element
// sought on.
func cmpBool(past bool) int {
	if past {
		return 1
	}
	return -1
}
