package schematest

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/internal/mustfail"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/vote"
)

// foreignKeyChecks are the subtests of TestRefs that only the foreign keys
// pass: each must fail against the schema without them.
var foreignKeyChecks = []struct {
	name string
	fn   func(t *testing.T, h Harness, foreignKeys bool)
}{
	{"TopicMissingTicket", topicMissingTicket},
	{"TopicUpdateMissingTicket", topicUpdateMissingTicket},
	{"ProjectMissingRefs", projectMissingRefs},
	{"DropCitedResolution", dropCitedResolution},
	{"ServiceCheckRaced", serviceCheckRaced},
	{"DeleteCitedTicket", deleteCitedTicket},
	{"MigrateBackfill", migrateBackfill},
}

// TestRefs checks that the database refuses a citation of a record it does
// not hold, whoever writes it, with the package's typed error, and changes
// nothing; that a version-6 database is migrated with its citations; that
// stores told some records live elsewhere record those citations
// unchecked; and that the reverse lookups answer what a scan answers.
func TestRefs(t *testing.T, h Harness) {
	t.Helper()
	for _, c := range foreignKeyChecks {
		t.Run(c.name, func(t *testing.T) { c.fn(t, h, true) })
	}
	t.Run("Elsewhere", func(t *testing.T) { elsewhere(t, h) })
	t.Run("CitingLookups", func(t *testing.T) { citingLookups(t, h) })
}

// TestRefsNeedForeignKeys proves that TestRefs tests the foreign keys:
// against the same schema without them (Harness.Open with foreignKeys
// false), each of its checks of them fails. Call it from a test of its own.
func TestRefsNeedForeignKeys(t *testing.T, h Harness) {
	t.Helper()
	var cases []mustfail.Case
	for _, c := range foreignKeyChecks {
		cases = append(cases, mustfail.Case{Name: "no-foreign-keys-" + c.name, Want: c.name,
			Suite: func(t *testing.T) { t.Run(c.name, func(t *testing.T) { c.fn(t, h, false) }) }})
	}
	mustfail.Run(t, cases)
}

func topicMissingTicket(t *testing.T, h Harness, foreignKeys bool) {
	ctx := context.Background()
	db, s := seeded(t, h, foreignKeys)
	_, err := s.Agenda.PutTopic(ctx, citingTopic("a", "t-1", "t-404"))
	var re *agenda.RefError
	if !errors.As(err, &re) || re.Field != "source.tickets[1]" || re.Ref != "t-404" ||
		!errors.Is(err, agenda.ErrInvalid) || !errors.Is(err, ticket.ErrNotFound) {
		t.Fatalf("PutTopic citing missing ticket t-404 = %v; want *agenda.RefError on source.tickets[1] wrapping ErrInvalid and ticket.ErrNotFound", err)
	}
	if _, err := s.Agenda.Topic(ctx, "a"); !errors.Is(err, agenda.ErrNotFound) {
		t.Errorf("the refused topic was stored: %v", err)
	}
	if n := count(t, db, "SELECT * FROM agenda_topic_ticket UNION ALL SELECT topic_id, id, NULL FROM agenda_resolution"); n != 0 {
		t.Errorf("the refused topic left %d link rows", n)
	}
}

func topicUpdateMissingTicket(t *testing.T, h Harness, foreignKeys bool) {
	ctx := context.Background()
	db, s := seeded(t, h, foreignKeys)
	if _, err := s.Agenda.PutTopic(ctx, citingTopic("a", "t-1")); err != nil {
		t.Fatal(err)
	}
	tp, _ := s.Agenda.Topic(ctx, "a")
	tp.Source.Ticket = []ticket.ID{"t-404", "t-2"}
	if _, err := s.Agenda.PutTopic(ctx, tp); !errors.As(err, new(*agenda.RefError)) {
		t.Fatalf("rewriting a topic to cite missing ticket t-404 = %v; want *agenda.RefError", err)
	}
	got, _ := s.Agenda.Topic(ctx, "a")
	if got.Version != 1 || !slices.Equal(got.Source.Ticket, []ticket.ID{"t-1"}) {
		t.Errorf("the refused rewrite changed the topic: v%d %v", got.Version, got.Source.Ticket)
	}
	if n := count(t, db, "SELECT * FROM agenda_topic_ticket WHERE topic_id = 'a' AND ticket_id = 't-1'"); n != 1 {
		t.Errorf("the refused rewrite changed the topic's links (%d rows for t-1)", n)
	}
}

func projectMissingRefs(t *testing.T, h Harness, foreignKeys bool) {
	ctx := context.Background()
	db, s := seeded(t, h, foreignKeys)
	if _, err := s.Agenda.PutTopic(ctx, citingTopic("a", "t-1")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, field, ref string
		edit             func(*project.Project)
		notFound         error
	}{
		{"topic", "topic", "z", func(p *project.Project) { p.Topic, p.Resolution = "z", "" }, agenda.ErrNotFound},
		{"resolution", "resolution", "r-z", func(p *project.Project) { p.Resolution = "r-z" }, agenda.ErrNotFound},
		{"ticket", "tickets[2]", "t-404", func(p *project.Project) { p.Tickets = []ticket.ID{"t-1", "t-2", "t-404"} }, ticket.ErrNotFound},
		{"empty ticket id", "tickets[1]", "", func(p *project.Project) { p.Tickets = []ticket.ID{"t-1", ""} }, ticket.ErrNotFound},
		{"vote poll", "vote.poll", "poll-404", func(p *project.Project) { p.Vote.Poll = "poll-404" }, vote.ErrNotFound},
		{"review poll", "review.poll", "sat-404", func(p *project.Project) { p.Review.Poll = "sat-404" }, vote.ErrNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := project.ID("p-" + tc.field)
			p := citingProject(id, "a", "t-1")
			tc.edit(&p)
			_, err := s.Projects.PutProject(ctx, p)
			var re *project.RefError
			if !errors.As(err, &re) || re.Project != id || re.Field != tc.field || re.Ref != tc.ref ||
				!errors.Is(err, project.ErrInvalid) || !errors.Is(err, tc.notFound) {
				t.Fatalf("PutProject citing a missing %s = %v; want *project.RefError on %s (%s) wrapping ErrInvalid and %v",
					tc.name, err, tc.field, tc.ref, tc.notFound)
			}
			if _, err := s.Projects.Project(ctx, id); !errors.Is(err, project.ErrNotFound) {
				t.Errorf("the refused project was stored: %v", err)
			}
			for _, table := range []string{"project_topic", "project_ticket", "project_poll"} {
				if n := count(t, db, "SELECT * FROM "+table+" WHERE project_id = $1", string(id)); n != 0 {
					t.Errorf("the refused project left %d rows in %s", n, table)
				}
			}
		})
	}
	// The same project citing records that exist is stored, and so is a
	// rewrite of it.
	p := citingProject("ok", "a", "t-1", "t-2")
	if _, err := s.Projects.PutProject(ctx, p); err != nil {
		t.Fatal(err)
	}
	p.Version, p.Tickets = 1, []ticket.ID{"t-2"}
	if _, err := s.Projects.PutProject(ctx, p); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, "SELECT * FROM project_ticket WHERE project_id = 'ok'"); n != 1 {
		t.Errorf("after a rewrite citing one ticket, %d ticket links", n)
	}
}

func dropCitedResolution(t *testing.T, h Harness, foreignKeys bool) {
	ctx := context.Background()
	_, s := seeded(t, h, foreignKeys)
	if _, err := s.Agenda.PutTopic(ctx, citingTopic("a", "t-1")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Projects.PutProject(ctx, citingProject("p", "a")); err != nil {
		t.Fatal(err)
	}
	tp, _ := s.Agenda.Topic(ctx, "a")
	// Sending the resolution back keeps it among the withdrawn: allowed.
	back := tp
	back.Withdrawn = append(slices.Clone(tp.Withdrawn), *tp.Resolution)
	back.Resolution = nil
	if _, err := s.Agenda.PutTopic(ctx, back); err != nil {
		t.Fatalf("withdrawing a cited resolution: %v", err)
	}
	tp, _ = s.Agenda.Topic(ctx, "a")
	tp.Withdrawn = nil
	_, err := s.Agenda.PutTopic(ctx, tp)
	var ie *agenda.InputError
	if !errors.As(err, &ie) || ie.Field != "resolution" || !errors.Is(err, agenda.ErrInvalid) {
		t.Fatalf("dropping resolution r-a, cited by project p = %v; want *agenda.InputError on resolution", err)
	}
	got, _ := s.Agenda.Topic(ctx, "a")
	if got.Version != 2 || len(got.Withdrawn) != 2 {
		t.Errorf("the refused rewrite changed the topic: v%d, %d withdrawn", got.Version, len(got.Withdrawn))
	}
}

// serviceCheckRaced: the service's check passes (its ticket lookup holds
// t-9, as if the ticket were deleted or never committed after the check);
// the database still refuses the write.
func serviceCheckRaced(t *testing.T, h Harness, foreignKeys bool) {
	ctx := context.Background()
	_, s := seeded(t, h, foreignKeys)
	lookup := ticket.NewMemStore()
	if _, _, err := lookup.CreateTicket(ctx, ticket.Ticket{ID: "t-9", ReceivedAt: time.Unix(0, 0), Location: "b1"}); err != nil {
		t.Fatal(err)
	}
	svc, err := agenda.NewService(s.Agenda, &agenda.Options{Tickets: lookup})
	if err != nil {
		t.Fatal(err)
	}
	_, err = svc.Raise(ctx, agenda.Topic{ID: "x", Grid: "b1", Title: "x", Category: "ebike-charging",
		Source: agenda.Source{Origin: agenda.FromTickets, Ticket: []ticket.ID{"t-9"}}})
	if !errors.As(err, new(*agenda.RefError)) || !errors.Is(err, ticket.ErrNotFound) {
		t.Fatalf("Raise citing t-9, absent from the database = %v; want *agenda.RefError", err)
	}
}

// deleteCitedTicket: no Store method deletes a ticket; SQL that does is
// refused while a topic cites it.
func deleteCitedTicket(t *testing.T, h Harness, foreignKeys bool) {
	ctx := context.Background()
	db, s := seeded(t, h, foreignKeys)
	if _, err := s.Agenda.PutTopic(ctx, citingTopic("a", "t-1")); err != nil {
		t.Fatal(err)
	}
	if err := db.Exec(ctx, "DELETE FROM ticket WHERE id = 't-1'"); err == nil {
		t.Fatal("deleting ticket t-1, cited by topic a, succeeded")
	}
}
