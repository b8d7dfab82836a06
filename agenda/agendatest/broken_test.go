package agendatest_test

import (
	"context"
	"iter"
	"slices"
	"testing"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/agenda/agendatest"
	"github.com/gongzhi/gongzhi/internal/mustfail"
)

// staleWrites ignores the version a write carries: the last writer wins.
type staleWrites struct{ *agenda.MemStore }

func (s staleWrites) PutTopic(ctx context.Context, t agenda.Topic) (int64, error) {
	if cur, err := s.MemStore.Topic(ctx, t.ID); err == nil {
		t.Version = cur.Version
	}
	return s.MemStore.PutTopic(ctx, t)
}

// reversedTopics streams the topics in descending id order.
type reversedTopics struct{ *agenda.MemStore }

func (s reversedTopics) Topics(ctx context.Context) iter.Seq2[agenda.Topic, error] {
	return func(yield func(agenda.Topic, error) bool) {
		var all []agenda.Topic
		for t, err := range s.MemStore.Topics(ctx) {
			if err != nil {
				yield(agenda.Topic{}, err)
				return
			}
			all = append(all, t)
		}
		slices.Reverse(all)
		for _, t := range all {
			if !yield(t, nil) {
				return
			}
		}
	}
}

// TestSuiteCatchesBrokenStores proves that TestStore fails, in the
// subtest named, against stores that break its contract.
func TestSuiteCatchesBrokenStores(t *testing.T) {
	suite := func(wrap func(*agenda.MemStore) agenda.Store) func(t *testing.T) {
		return func(t *testing.T) {
			agendatest.TestStore(t, func(*testing.T) agenda.Store { return wrap(agenda.NewMemStore()) })
		}
	}
	mustfail.Run(t, []mustfail.Case{
		{Name: "stale-writes", Want: "StaleVersion", Suite: suite(func(m *agenda.MemStore) agenda.Store { return staleWrites{m} })},
		{Name: "reversed-topics", Want: "TopicsOrdered", Suite: suite(func(m *agenda.MemStore) agenda.Store { return reversedTopics{m} })},
	})
}
