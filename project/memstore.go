package project

import (
	"context"
	"encoding/json"
	"iter"
	"slices"
	"sort"
	"sync"
)

// MemStore is the in-memory Store, the embedded default. The zero value
// is not usable; call NewMemStore.
type MemStore struct {
	mu       sync.RWMutex
	projects map[ID]Project
	entries  []Entry
	entryIDs map[string]int // id -> index in entries
	plans    map[int][]byte // year -> canonical JSON
}

var _ Store = (*MemStore)(nil)

// NewMemStore returns an empty MemStore.
func NewMemStore() *MemStore {
	return &MemStore{projects: map[ID]Project{}, entryIDs: map[string]int{}, plans: map[int][]byte{}}
}

// PutProject implements Store.
func (s *MemStore) PutProject(ctx context.Context, p Project) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if p.ID == "" {
		return 0, &InputError{Field: "id", Reason: "empty project id"}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, ok := s.projects[p.ID]
	switch {
	case !ok && p.Version != 0, ok && cur.Version != p.Version:
		return 0, ErrConflict
	}
	q := p.Clone()
	q.Version = p.Version + 1
	s.projects[p.ID] = q
	return q.Version, nil
}

// Project implements Store.
func (s *MemStore) Project(ctx context.Context, id ID) (Project, error) {
	if err := ctx.Err(); err != nil {
		return Project{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	p, ok := s.projects[id]
	if !ok {
		return Project{}, &NotFoundError{Kind: "project", ID: string(id)}
	}
	return p.Clone(), nil
}

// Projects implements Store. It iterates over a snapshot taken when the
// iteration starts.
func (s *MemStore) Projects(ctx context.Context) iter.Seq2[Project, error] {
	return func(yield func(Project, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(Project{}, err)
			return
		}
		s.mu.RLock()
		ps := make([]Project, 0, len(s.projects))
		for _, p := range s.projects {
			ps = append(ps, p.Clone())
		}
		s.mu.RUnlock()
		sort.Slice(ps, func(i, j int) bool { return ps[i].ID < ps[j].ID })
		for _, p := range ps {
			if err := ctx.Err(); err != nil {
				yield(Project{}, err)
				return
			}
			if !yield(p, nil) {
				return
			}
		}
	}
}

// AppendEntry implements Store.
func (s *MemStore) AppendEntry(ctx context.Context, e Entry, after int64) (Entry, error) {
	if err := ctx.Err(); err != nil {
		return Entry{}, err
	}
	if e.ID == "" {
		return Entry{}, &InputError{Field: "id", Reason: "empty entry id"}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if i, ok := s.entryIDs[e.ID]; ok {
		if SameEntry(s.entries[i], e) {
			return s.entries[i], nil
		}
		return Entry{}, ErrConflict
	}
	if after != int64(len(s.entries)) {
		return Entry{}, ErrConflict
	}
	e.Seq = after + 1
	s.entryIDs[e.ID] = len(s.entries)
	s.entries = append(s.entries, e)
	return e, nil
}

// Entries implements Store. It iterates over a snapshot taken when the
// iteration starts.
func (s *MemStore) Entries(ctx context.Context) iter.Seq2[Entry, error] {
	return func(yield func(Entry, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(Entry{}, err)
			return
		}
		s.mu.RLock()
		es := slices.Clone(s.entries)
		s.mu.RUnlock()
		for _, e := range es {
			if !yield(e, nil) {
				return
			}
		}
	}
}

// PutPlan implements Store.
func (s *MemStore) PutPlan(ctx context.Context, p Plan) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	b, err := json.Marshal(p)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if cur, ok := s.plans[p.Rule.Year]; ok {
		if string(cur) == string(b) {
			return nil
		}
		return ErrConflict
	}
	s.plans[p.Rule.Year] = b
	return nil
}

// Plan implements Store.
func (s *MemStore) Plan(ctx context.Context, year int) (Plan, error) {
	if err := ctx.Err(); err != nil {
		return Plan{}, err
	}
	s.mu.RLock()
	b, ok := s.plans[year]
	s.mu.RUnlock()
	if !ok {
		return Plan{}, &NotFoundError{Kind: "plan", ID: itoa(year)}
	}
	var p Plan
	if err := json.Unmarshal(b, &p); err != nil {
		return Plan{}, err
	}
	return p, nil
}
