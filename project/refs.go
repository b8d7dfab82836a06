package project

import (
	"context"
	"fmt"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/ticket"
)

// Topics looks up the deliberation topics that projects cite; an
// agenda.Store or *agenda.Service fits.
type Topics interface {
	Topic(ctx context.Context, id agenda.TopicID) (agenda.Topic, error)
}

// Tickets looks up the residents' tickets that projects cite; a
// ticket.Store fits.
type Tickets interface {
	Ticket(ctx context.Context, id ticket.ID) (ticket.Ticket, error)
}

var (
	_ Topics  = agenda.Store(nil)
	_ Topics  = (*agenda.Service)(nil)
	_ Tickets = ticket.Store(nil)
)

// RefError reports a citation of a record that could not be found when the
// project was written: a topic, a resolution that is not the topic's
// adopted one, or a ticket. It wraps ErrInvalid and the lookup's error.
type RefError struct {
	Project ID
	Field   string // "topic", "resolution", "tickets[2]"
	Ref     string // the id cited
	Err     error  // why the lookup failed
}

// Error implements the error interface.
func (e *RefError) Error() string {
	return fmt.Sprintf("project: %s: invalid %s: %s: %v", e.Project, e.Field, e.Ref, e.Err)
}

// Unwrap returns ErrInvalid and the lookup's error.
func (e *RefError) Unwrap() []error { return []error{ErrInvalid, e.Err} }

// checkRefs refuses citations of records that do not exist, where the
// Service has a place to look them up.
func (s *Service) checkRefs(ctx context.Context, p Project) error {
	if s.topics != nil && p.Topic != "" {
		t, err := s.topics.Topic(ctx, p.Topic)
		if err != nil {
			return &RefError{Project: p.ID, Field: "topic", Ref: string(p.Topic), Err: err}
		}
		if p.Resolution != "" && (t.Resolution == nil || t.Resolution.ID != p.Resolution) {
			return &RefError{Project: p.ID, Field: "resolution", Ref: string(p.Resolution),
				Err: fmt.Errorf("not the adopted resolution of topic %s: %w", p.Topic, agenda.ErrNotFound)}
		}
	}
	if s.tickets != nil {
		for i, id := range p.Tickets {
			if _, err := s.tickets.Ticket(ctx, id); err != nil {
				return &RefError{Project: p.ID, Field: fmt.Sprintf("tickets[%d]", i), Ref: string(id), Err: err}
			}
		}
	}
	return nil
}
