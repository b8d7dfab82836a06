package sqlite

import (
	"context"
	"iter"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/ticket"
)

// TopicsCiting streams, in id order, the topics whose Source.Ticket holds
// id, found through the index on agenda_topic_ticket (migration 7) rather
// than by reading every topic. It implements trace.TopicIndex.
func (s *AgendaStore) TopicsCiting(ctx context.Context, id ticket.ID) iter.Seq2[agenda.Topic, error] {
	return streamWhere(ctx, s.db, "agenda_topic",
		`id IN (SELECT topic_id FROM agenda_topic_ticket WHERE ticket_id = ?)`, []any{string(id)},
		s.pageSize, func(t *agenda.Topic, v int64) { t.Version = v })
}

// ProjectsCiting streams, in id order, the projects whose Tickets hold id
// or whose Topic is one of topics, found through the indexes on
// project_ticket and project_topic (migration 7). It implements
// trace.ProjectIndex.
func (s *ProjectStore) ProjectsCiting(ctx context.Context, id ticket.ID, topics []agenda.TopicID) iter.Seq2[project.Project, error] {
	ts := make([]string, len(topics))
	for i, t := range topics {
		ts[i] = string(t)
	}
	return streamWhere(ctx, s.db, "project",
		`id IN (SELECT project_id FROM project_ticket WHERE ticket_id = ?
			UNION SELECT project_id FROM project_topic WHERE topic_id IN (SELECT value FROM json_each(?)))`,
		[]any{string(id), jsonArray(ts)}, s.pageSize, func(p *project.Project, v int64) { p.Version = v })
}
