package agenda

import (
	"cmp"
	"context"
	"iter"
	"slices"
	"sync"
	"time"
)

// MemStore is the in-memory Store, the default for embedded use. The zero
// value is not usable; call NewMemStore.
type MemStore struct {
	mu       sync.RWMutex
	topics   map[TopicID]Topic
	meetings map[MeetingID]Meeting
}

var _ Store = (*MemStore)(nil)

// NewMemStore returns an empty MemStore.
func NewMemStore() *MemStore {
	return &MemStore{topics: map[TopicID]Topic{}, meetings: map[MeetingID]Meeting{}}
}

// PutTopic implements Store.
func (s *MemStore) PutTopic(ctx context.Context, t Topic) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.topics[t.ID]
	if (ok && old.Version != t.Version) || (!ok && t.Version != 0) {
		return 0, ErrConflict
	}
	t = t.Clone()
	t.Version++
	s.topics[t.ID] = t
	return t.Version, nil
}

// Topic implements Store.
func (s *MemStore) Topic(ctx context.Context, id TopicID) (Topic, error) {
	if err := ctx.Err(); err != nil {
		return Topic{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	t, ok := s.topics[id]
	if !ok {
		return Topic{}, notFound("topic", string(id))
	}
	return t.Clone(), nil
}

// Topics implements Store. It iterates over a snapshot taken at the start.
func (s *MemStore) Topics(ctx context.Context) iter.Seq2[Topic, error] {
	return func(yield func(Topic, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(Topic{}, err)
			return
		}
		s.mu.RLock()
		all := make([]Topic, 0, len(s.topics))
		for _, t := range s.topics {
			all = append(all, t.Clone())
		}
		s.mu.RUnlock()
		slices.SortFunc(all, func(a, b Topic) int { return cmp.Compare(a.ID, b.ID) })
		for _, t := range all {
			if err := ctx.Err(); err != nil {
				yield(Topic{}, err)
				return
			}
			if !yield(t, nil) {
				return
			}
		}
	}
}

// PutMeeting implements Store.
func (s *MemStore) PutMeeting(ctx context.Context, m Meeting) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.meetings[m.ID]
	if (ok && old.Version != m.Version) || (!ok && m.Version != 0) {
		return 0, ErrConflict
	}
	m = m.Clone()
	m.Version++
	s.meetings[m.ID] = m
	return m.Version, nil
}

// Meeting implements Store.
func (s *MemStore) Meeting(ctx context.Context, id MeetingID) (Meeting, error) {
	if err := ctx.Err(); err != nil {
		return Meeting{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	m, ok := s.meetings[id]
	if !ok {
		return Meeting{}, notFound("meeting", string(id))
	}
	return m.Clone(), nil
}

// Meetings implements Store. It iterates over a snapshot taken at the start.
func (s *MemStore) Meetings(ctx context.Context, from, to time.Time) iter.Seq2[Meeting, error] {
	return func(yield func(Meeting, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(Meeting{}, err)
			return
		}
		s.mu.RLock()
		var all []Meeting
		for _, m := range s.meetings {
			if (from.IsZero() || !m.At.Before(from)) && (to.IsZero() || m.At.Before(to)) {
				all = append(all, m.Clone())
			}
		}
		s.mu.RUnlock()
		slices.SortFunc(all, func(a, b Meeting) int {
			return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.ID, b.ID))
		})
		for _, m := range all {
			if err := ctx.Err(); err != nil {
				yield(Meeting{}, err)
				return
			}
			if !yield(m, nil) {
				return
			}
		}
	}
}
