package project_test

import (
	"context"
	"errors"
	"testing"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/agenda/agendatest"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/ticket"
)

// TestProposeRefusesUnknownCitations: with Options.Topics and
// Options.Tickets set, a project citing a missing topic, a resolution that
// is not its topic's, or a missing ticket is refused with a *RefError and
// not stored; correct citations are accepted.
func TestProposeRefusesUnknownCitations(t *testing.T) {
	ctx := context.Background()
	topics := agenda.NewMemStore()
	if _, err := topics.PutTopic(ctx, agendatest.FullTopic("ebike")); err != nil {
		t.Fatal(err)
	}
	tickets := ticket.NewMemStore()
	if _, _, err := tickets.CreateTicket(ctx, ticket.Ticket{ID: "t-1"}); err != nil {
		t.Fatal(err)
	}
	s := project.NewService(project.NewMemStore(), &project.Options{Now: clock(), Topics: topics, Tickets: tickets})
	base := project.Project{ID: "shed", Title: "charging shed", Origin: project.FromResolution, Year: 2026, Cost: d("10")}
	for _, tc := range []struct {
		field string
		edit  func(p *project.Project)
		is    error
	}{
		{"topic", func(p *project.Project) { p.Topic, p.Resolution = "gone", "r-ebike" }, agenda.ErrNotFound},
		{"resolution", func(p *project.Project) { p.Topic, p.Resolution = "ebike", "r-other" }, agenda.ErrNotFound},
		{"tickets[1]", func(p *project.Project) { p.Tickets = []ticket.ID{"t-1", "t-404"} }, ticket.ErrNotFound},
	} {
		p := base
		tc.edit(&p)
		_, err := s.Propose(ctx, p)
		var re *project.RefError
		if !errors.As(err, &re) || re.Field != tc.field || !errors.Is(err, project.ErrInvalid) || !errors.Is(err, tc.is) {
			t.Errorf("%s: %v", tc.field, err)
		}
		if _, err := s.Project(ctx, "shed"); !errors.Is(err, project.ErrNotFound) {
			t.Fatalf("%s: a refused project was stored: %v", tc.field, err)
		}
	}
	ok := base
	ok.Topic, ok.Resolution, ok.Tickets = "ebike", "r-ebike", []ticket.ID{"t-1"}
	if _, err := s.Propose(ctx, ok); err != nil {
		t.Fatalf("correct citations: %v", err)
	}
}
