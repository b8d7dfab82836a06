package ticket

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gongzhi/gongzhi/grid"
)

// MemStore is the in-memory Store, the embedded default. The zero value is
// not usable: call NewMemStore. Tickets answers a filter on IDs from the
// map, a filter on Places from an index by place and receipt instant, and
// a received-time window or a newest-first listing from an index by
// receipt instant, so that none reads every ticket.
type MemStore struct {
	mu      sync.RWMutex
	tickets map[ID]Ticket
	// received holds every ticket's (ReceivedAt, ID), ascending.
	received []receivedKey
	// byPlace holds, for each Location, its tickets' (ReceivedAt, ID),
	// ascending; tickets without a Location are not in it.
	byPlace map[grid.ID][]receivedKey
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

// reindex moves a ticket's entries in the indexes from its old version
// to nw (old nil: a new ticket).
func (m *MemStore) reindex(old, nw *Ticket) {
	var ok, nk receivedKey
	var op grid.ID
	if old != nil {
		ok, op = keyOf(old), old.Location
	}
	nk = keyOf(nw)
	if ok != nk {
		m.received = moveKey(m.received, ok, nk)
	}
	if ok == nk && op == nw.Location {
		return
	}
	if op != "" {
		if keys := moveKey(m.byPlace[op], ok, receivedKey{}); len(keys) > 0 {
			m.byPlace[op] = keys
		} else {
			delete(m.byPlace, op)
		}
	}
	if nw.Location != "" {
		m.byPlace[nw.Location] = moveKey(m.byPlace[nw.Location], receivedKey{}, nk)
	}
}

// moveKey removes old from the sorted keys (unless zero) and inserts nw
// (unless zero).
func moveKey(keys []receivedKey, old, nw receivedKey) []receivedKey {
	if old.id != "" {
		if i, ok := slices.BinarySearchFunc(keys, old, receivedKey.compare); ok {
			keys = slices.Delete(keys, i, i+1)
		}
	}
	if nw.id != "" {
		i, _ := slices.BinarySearchFunc(keys, nw, receivedKey.compare)
		keys = slices.Insert(keys, i, nw)
	}
	return keys
}

var _ Store = (*MemStore)(nil)

// NewMemStore returns an empty store.
func NewMemStore() *MemStore {
	return &MemStore{tickets: map[ID]Ticket{}, byPlace: map[grid.ID][]receivedKey{}}
}

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
	m.reindex(nil, &t)
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
		m.reindex(&old, &t)
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
// filter on Places reads each place's tickets within the window from the
// index by place, unless a walk of the window would read fewer; a
// received-time window or Newest walks the index by receipt
// instant, and with Newest and a Limit stops after Limit matches.
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
	x := matcher{f: f}
	places := x.setPlaces()
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
	if len(f.IDs) > 0 {
		seen := make(map[ID]bool, len(f.IDs))
		for _, id := range f.IDs {
			if t, ok := m.tickets[id]; ok && !seen[id] && x.match(&t) {
				out = append(out, t)
			}
			seen[id] = true
		}
		return sorted()
	}
	lo, hi := window(m.received, f)
	if places != nil {
		if keys, ok := m.placeKeys(f, places, hi-lo); ok {
			for _, k := range keys {
				if t := m.tickets[k.id]; x.match(&t) {
					if out = append(out, t); done() {
						break
					}
				}
			}
			return out
		}
	}
	switch {
	case f.Newest || !f.ReceivedFrom.IsZero() || !f.ReceivedTo.IsZero():
		if !f.Newest {
			for _, k := range m.received[lo:max(lo, hi)] {
				if t := m.tickets[k.id]; x.match(&t) {
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
				if t := m.tickets[k.id]; x.match(&t) {
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
		if x.match(&t) {
			out = append(out, t)
		}
	}
	return sorted()
}

// matcher is Filter.Match with the places in a set, so that a long
// Places list costs one look-up per ticket. It is a method, not a
// closure, so that the ticket it is given does not escape.
type matcher struct {
	f      Filter
	places map[grid.ID]bool // nil: f.Places is empty
}

// setPlaces moves f.Places into the set and returns it.
func (x *matcher) setPlaces() map[grid.ID]bool {
	if len(x.f.Places) == 0 {
		return nil
	}
	x.places = make(map[grid.ID]bool, len(x.f.Places))
	for _, p := range x.f.Places {
		if p != "" {
			x.places[p] = true
		}
	}
	x.f.Places = nil
	return x.places
}

func (x *matcher) match(t *Ticket) bool {
	return (x.places == nil || x.places[t.Location]) && x.f.Match(t)
}

// window returns the index range [lo, hi) of the keys received within f's
// window (all of them when it has no bounds); hi < lo when the window is
// empty the wrong way round.
func window(keys []receivedKey, f Filter) (lo, hi int) {
	lo, hi = 0, len(keys)
	if !f.ReceivedFrom.IsZero() {
		from := f.ReceivedFrom.Round(0)
		lo, _ = slices.BinarySearchFunc(keys, from, func(k receivedKey, t time.Time) int {
			return cmpBool(!k.at.Before(t))
		})
	}
	if !f.ReceivedTo.IsZero() {
		to := f.ReceivedTo.Round(0)
		hi, _ = slices.BinarySearchFunc(keys, to, func(k receivedKey, t time.Time) int {
			return cmpBool(k.at.After(t))
		})
	}
	return lo, hi
}

// placeKeys returns the keys of the tickets at places received within f's
// window, in f's order, read from the per-place index, and false when
// walking the receipt index is cheaper: the window holds all tickets
// (size of them), and a newest-first walk with a Limit stops after about
// Limit × size / n of them, n being the tickets at the places.
func (m *MemStore) placeKeys(f Filter, places map[grid.ID]bool, size int) ([]receivedKey, bool) {
	type span struct {
		keys   []receivedKey
		lo, hi int
	}
	spans := make([]span, 0, len(places))
	n := 0
	for p := range places {
		keys := m.byPlace[p]
		if lo, hi := window(keys, f); hi > lo {
			spans = append(spans, span{keys, lo, hi})
			n += hi - lo
		}
	}
	walk := size
	if f.Newest && f.Limit > 0 && f.Limit < n {
		walk = size / (n / f.Limit)
	}
	if n > walk {
		return nil, false
	}
	out := make([]receivedKey, 0, n)
	for _, s := range spans {
		out = append(out, s.keys[s.lo:s.hi]...)
	}
	slices.SortFunc(out, func(a, b receivedKey) int {
		if f.Newest {
			if c := b.at.Compare(a.at); c != 0 {
				return c
			}
		}
		return strings.Compare(string(a.id), string(b.id))
	})
	return out, true
}

// cmpBool is a search comparison that turns true from the first element
// sought on.
func cmpBool(past bool) int {
	if past {
		return 1
	}
	return -1
}
