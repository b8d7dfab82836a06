package storage

import (
	"context"
	"iter"
	"slices"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/trace"
)

// The write-counting wrappers keep the adapters' optional reverse
// lookups, so that trace.From on -db or -pg reads the link tables' indexes
// instead of every topic and project.
var (
	_ trace.TopicIndex   = agendaStore{}
	_ trace.ProjectIndex = projectStore{}
)

// TopicsCiting implements trace.TopicIndex with the wrapped store's index,
// or by filtering its topics if it has none.
func (s agendaStore) TopicsCiting(ctx context.Context, id ticket.ID) iter.Seq2[agenda.Topic, error] {
	if idx, ok := s.Store.(trace.TopicIndex); ok {
		return idx.TopicsCiting(ctx, id)
	}
	return func(yield func(agenda.Topic, error) bool) {
		for t, err := range s.Topics(ctx) {
			if (err != nil || slices.Contains(t.Source.Ticket, id)) && !yield(t, err) {
				return
			}
		}
	}
}

// ProjectsCiting implements trace.ProjectIndex with the wrapped store's
// index, or by filtering its projects if it has none.
func (s projectStore) ProjectsCiting(ctx context.Context, id ticket.ID, topics []agenda.TopicID) iter.Seq2[project.Project, error] {
	if idx, ok := s.Store.(trace.ProjectIndex); ok {
		return idx.ProjectsCiting(ctx, id, topics)
	}
	return func(yield func(project.Project, error) bool) {
		for p, err := range s.Projects(ctx) {
			cites := slices.Contains(p.Tickets, id) || p.Topic != "" && slices.Contains(topics, p.Topic)
			if (err != nil || cites) && !yield(p, err) {
				return
			}
		}
	}
}
