package schematest

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/trace"
)

// elsewhere: a store told that tickets and polls live in another database
// records its citations of them unchecked, and the reverse lookups still
// find them.
func elsewhere(t *testing.T, h Harness) {
	ctx := context.Background()
	db := h.Open(t, true)
	s := db.Stores(true)
	if _, err := s.Agenda.PutTopic(ctx, citingTopic("a", "hotline-7")); err != nil {
		t.Fatalf("a topic citing a ticket kept elsewhere: %v", err)
	}
	if _, err := s.Projects.PutProject(ctx, citingProject("p", "a", "hotline-8")); err != nil {
		t.Fatalf("a project citing a ticket and polls kept elsewhere: %v", err)
	}
	// Topics are still checked.
	if _, err := s.Projects.PutProject(ctx, citingProject("q", "z")); !errors.As(err, new(*project.RefError)) {
		t.Errorf("a project citing a missing topic, topics checked: %v", err)
	}
	if n := count(t, db, "SELECT * FROM gongzhi_unchecked_ref WHERE NOT found"); n != 4 {
		t.Errorf("gongzhi_unchecked_ref lists %d citations of records not found, want 4 (2 tickets, 2 polls)", n)
	}
	if got := ids(t, s.Projects.ProjectsCiting(ctx, "hotline-9", []agenda.TopicID{"a"})); !slices.Equal(got, []string{"p"}) {
		t.Errorf("ProjectsCiting(topic a) = %v, want [p]", got)
	}
	if got := ids(t, s.Agenda.TopicsCiting(ctx, "hotline-7")); !slices.Equal(got, []string{"a"}) {
		t.Errorf("TopicsCiting(hotline-7) = %v, want [a]", got)
	}
}

// citingLookups: TopicsCiting and ProjectsCiting answer what a scan of
// every record answers, across pages, and trace.From gives the same result
// through them as through the scan.
func citingLookups(t *testing.T, h Harness) {
	ctx := context.Background()
	_, s := seeded(t, h, true) // t-1, t-2, poll-1, sat-1
	for _, id := range []ticket.ID{"t-0", "t-3"} {
		if _, _, err := s.Tickets.CreateTicket(ctx, ticket.Ticket{ID: id, ReceivedAt: time.Unix(0, 0), Location: "b1"}); err != nil {
			t.Fatal(err)
		}
	}
	h.SetPageSize(s.Agenda, 2)
	h.SetPageSize(s.Projects, 2)
	for i := range 7 {
		tp := citingTopic(agenda.TopicID(fmt.Sprint("topic-", i)), ticket.ID(fmt.Sprint("t-", i%3)), ticket.ID(fmt.Sprint("t-", (i+1)%3)))
		if _, err := s.Agenda.PutTopic(ctx, tp); err != nil {
			t.Fatal(err)
		}
		p := citingProject(project.ID(fmt.Sprint("p-", i)), tp.ID, ticket.ID(fmt.Sprint("t-", i%4)))
		if i%2 == 0 {
			p.Topic, p.Resolution = "", ""
		}
		if _, err := s.Projects.PutProject(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	scan, indexed := sources(s, false), sources(s, true)
	for i := range 4 {
		id := ticket.ID(fmt.Sprint("t-", i))
		want, err := trace.From(ctx, scan, id)
		if err != nil {
			t.Fatal(err)
		}
		got, err := trace.From(ctx, indexed, id)
		if err != nil {
			t.Fatal(err)
		}
		if d := fmt.Sprint(forwardIDs(got)); d != fmt.Sprint(forwardIDs(want)) {
			t.Errorf("From(%s) through the indexes = %s, by scanning = %v", id, d, forwardIDs(want))
		}
		if i < 3 && len(want.Topics) == 0 {
			t.Errorf("From(%s) found no topic: the test proves nothing", id)
		}
	}
}

// sources returns the stores as trace.From takes them: with their reverse
// lookups, or without (trace then reads every record).
func sources(s Stores, indexed bool) trace.Sources {
	if indexed {
		return trace.Sources{Tickets: s.Tickets, Agenda: s.Agenda, Projects: s.Projects}
	}
	return trace.Sources{Tickets: s.Tickets, Agenda: struct{ trace.Agenda }{s.Agenda}, Projects: scanOnly{s.Projects}}
}

// scanOnly hides the optional ProjectIndex of a store.
type scanOnly struct{ s trace.Projects }

func (s scanOnly) Project(ctx context.Context, id project.ID) (project.Project, error) {
	return s.s.Project(ctx, id)
}

func (s scanOnly) Projects(ctx context.Context) iter.Seq2[project.Project, error] {
	return s.s.Projects(ctx)
}

// ids returns the ids of the topics or projects a stream yields.
func ids[R agenda.Topic | project.Project](t *testing.T, seq iter.Seq2[R, error]) []string {
	t.Helper()
	var out []string
	for r, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		switch r := any(r).(type) {
		case agenda.Topic:
			out = append(out, string(r.ID))
		case project.Project:
			out = append(out, string(r.ID))
		}
	}
	return out
}

func forwardIDs(f trace.Forward) []string {
	var out []string
	for _, t := range f.Topics {
		out = append(out, "topic "+string(t.ID))
	}
	for _, p := range f.Projects {
		out = append(out, "project "+string(p.ID))
	}
	return out
}
