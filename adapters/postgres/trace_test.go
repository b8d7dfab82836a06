package postgres_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/adapters/postgres"
	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/agenda/agendatest"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/project/projecttest"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/trace"
)

// TestTraceOnPostgres runs the provenance chain on the PostgreSQL stores,
// all in one database: citations of missing records are refused when
// written (through the Store interfaces), and trace.Back and trace.From
// follow the chain from a project to its tickets and back.
func TestTraceOnPostgres(t *testing.T) {
	serverURL(t)
	ctx := context.Background()
	pool := migratedPool(t, 0, fast)
	tickets, topics, projects := postgres.NewTicketStore(pool), postgres.NewAgendaStore(pool), postgres.NewProjectStore(pool)
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for _, id := range []ticket.ID{"t-1", "t-2"} {
		if _, _, err := tickets.CreateTicket(ctx, ticket.Ticket{ID: id, ReceivedAt: at, Location: "b3"}); err != nil {
			t.Fatal(err)
		}
	}
	delib, err := agenda.NewService(topics, &agenda.Options{Tickets: tickets, Now: func() time.Time { return at }})
	if err != nil {
		t.Fatal(err)
	}
	_, err = delib.Raise(ctx, agenda.Topic{ID: "bad", Grid: "b3", Title: "x", Category: "ebike-charging",
		Source: agenda.Source{Origin: agenda.FromTickets, Ticket: []ticket.ID{"t-1", "t-404"}}})
	if !errors.As(err, new(*agenda.RefError)) || !errors.Is(err, ticket.ErrNotFound) {
		t.Fatalf("a topic citing a missing ticket: %v", err)
	}
	if _, err := topics.PutTopic(ctx, agendatest.FullTopic("ebike")); err != nil {
		t.Fatal(err)
	}
	m := agendatest.FullMeeting("m1", at)
	m.Topics = []agenda.TopicID{"ebike"}
	if _, err := topics.PutMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	works := project.NewService(projects, &project.Options{Topics: topics, Tickets: tickets, Now: func() time.Time { return at }})
	p := projecttest.Sample("shed")
	p.Status, p.Version, p.History, p.Vote, p.Review = "", 0, nil, nil, nil
	p.Acceptances, p.Milestones = nil, nil
	p.Topic, p.Resolution = "ebike", "r-other"
	if _, err := works.Propose(ctx, p); !errors.As(err, new(*project.RefError)) {
		t.Fatalf("a project citing another topic's resolution: %v", err)
	}
	p.Resolution = "r-ebike"
	if _, err := works.Propose(ctx, p); err != nil {
		t.Fatal(err)
	}
	src := trace.Sources{Tickets: tickets, Agenda: topics, Projects: projects}
	c, err := trace.Back(ctx, src, "shed")
	if err != nil {
		t.Fatal(err)
	}
	out := c.Explain()
	for _, want := range []string{"<- resolution r-ebike", "<- meeting m1", "<- topic ebike", "<- ticket t-1", "<- ticket t-2"} {
		if !strings.Contains(out, want) {
			t.Errorf("chain lacks %q:\n%s", want, out)
		}
	}
	f, err := trace.From(ctx, src, "t-2")
	if err != nil || len(f.Topics) != 1 || len(f.Projects) != 1 {
		t.Fatalf("forward from t-2: %+v, %v", f, err)
	}
}
