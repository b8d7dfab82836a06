package grid

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"sync"
)

// MemStore is the in-memory Store, the embedded default. The zero value is
// not usable; call NewMemStore.
type MemStore struct {
	mu   sync.RWMutex
	log  []Batch
	byID map[string]int64
}

var _ Store = (*MemStore)(nil)

// NewMemStore returns an empty MemStore.
func NewMemStore() *MemStore { return &MemStore{byID: map[string]int64{}} }

// AppendBatch implements Store.
func (m *MemStore) AppendBatch(ctx context.Context, b Batch, expect int64) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if b.ID == "" {
		return 0, fmt.Errorf("%w: empty batch id", ErrInvalidChange)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, ok := m.byID[b.ID]; ok {
		if m.log[v-1].Equal(b) {
			return v, nil
		}
		return 0, fmt.Errorf("%w: batch id %q already used with other content", ErrConflict, b.ID)
	}
	if cur := int64(len(m.log)); expect != cur {
		return 0, fmt.Errorf("%w: expected version %d, store is at %d", ErrConflict, expect, cur)
	}
	m.log = append(m.log, cloneBatch(b))
	v := int64(len(m.log))
	m.byID[b.ID] = v
	return v, nil
}

// Batches implements Store. It yields copies of a consistent snapshot of
// the log taken when iteration starts.
func (m *MemStore) Batches(ctx context.Context, after int64) iter.Seq2[Entry, error] {
	return func(yield func(Entry, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(Entry{}, err)
			return
		}
		m.mu.RLock()
		log := m.log[:len(m.log):len(m.log)]
		m.mu.RUnlock()
		for k := max(after, 0); k < int64(len(log)); k++ {
			if err := ctx.Err(); err != nil {
				yield(Entry{}, err)
				return
			}
			if !yield(Entry{Version: k + 1, Batch: cloneBatch(log[k])}, nil) {
				return
			}
		}
	}
}

// Version implements Store.
func (m *MemStore) Version(ctx context.Context) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	return int64(len(m.log)), nil
}

func cloneBatch(b Batch) Batch {
	b.Changes = slices.Clone(b.Changes)
	for i := range b.Changes {
		c := &b.Changes[i]
		if c.Person != nil {
			p := *c.Person
			c.Person = &p
		}
		if c.Assignment != nil {
			a := cloneAssignment(*c.Assignment)
			c.Assignment = &a
		}
	}
	return b
}
