package postgres_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/gongzhi/gongzhi/adapters/postgres"
	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/agenda/agendatest"
	"github.com/gongzhi/gongzhi/internal/mustfail"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/project/projecttest"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/trace"
	"github.com/gongzhi/gongzhi/vote"
)

var (
	_ trace.TopicIndex   = (*postgres.AgendaStore)(nil)
	_ trace.ProjectIndex = (*postgres.ProjectStore)(nil)
)

// foreignKeys are the constraints of migration 7 that refuse citations.
var foreignKeys = []struct{ table, name string }{
	{"agenda_topic_ticket", "agenda_topic_ticket_ref_fkey"},
	{"project_topic", "project_topic_ref_fkey"},
	{"project_topic", "project_topic_resolution_fkey"},
	{"project_ticket", "project_ticket_ref_fkey"},
	{"project_poll", "project_poll_ref_fkey"},
}

// refsPool returns a migrated pool holding tickets t-1 and t-2 and polls
// poll-1 and sat-1. Without foreign keys (the broken schema the proof
// runs against), it drops them after migrating.
func refsPool(t *testing.T, withFKs bool) *pgxpool.Pool {
	pool := migratedPool(t, 0, fast)
	seedCited(t, pool)
	if !withFKs {
		dropForeignKeys(t, pool)
	}
	return pool
}

func dropForeignKeys(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	for _, fk := range foreignKeys {
		if _, err := pool.Exec(context.Background(), "ALTER TABLE "+fk.table+" DROP CONSTRAINT "+fk.name); err != nil {
			t.Fatal(err)
		}
	}
}

// count returns the number of rows of a query's result.
func count(t *testing.T, pool *pgxpool.Pool, query string, args ...any) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), "SELECT count(*) FROM ("+query+") AS q", args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// citingTopic returns a topic citing tickets, with resolution r-<id>.
func citingTopic(id agenda.TopicID, tickets ...ticket.ID) agenda.Topic {
	tp := agendatest.FullTopic(id)
	tp.Source.Ticket = tickets
	return tp
}

// citingProject returns a project citing topic and its resolution, the
// tickets, and polls poll-1 (vote) and sat-1 (review).
func citingProject(id project.ID, topic agenda.TopicID, tickets ...ticket.ID) project.Project {
	p := projecttest.Sample(id)
	p.Topic, p.Resolution, p.Tickets = topic, "r-"+agenda.ResolutionID(topic), tickets
	return p
}

// TestRefs: the database refuses a citation of a record it does not hold,
// whoever writes it, with the package's typed error, and changes nothing.
func TestRefs(t *testing.T) {
	serverURL(t)
	testRefs(t, true, "")
}

// TestRefsNeedForeignKeys proves that TestRefs tests the foreign keys:
// against the same schema without them, each of its subtests fails.
func TestRefsNeedForeignKeys(t *testing.T) {
	serverURL(t)
	var cases []mustfail.Case
	for _, name := range []string{"TopicMissingTicket", "TopicUpdateMissingTicket", "ProjectMissingRefs",
		"DropCitedResolution", "ServiceCheckRaced", "DeleteCitedTicket", "MigrateBackfill"} {
		cases = append(cases, mustfail.Case{Name: "no-foreign-keys-" + name, Want: name,
			Suite: func(t *testing.T) { testRefs(t, false, name) }})
	}
	mustfail.Run(t, cases)
}

// testRefs runs the subtest named only, or all of them if only is "".
func testRefs(t *testing.T, withFKs bool, only string) {
	ctx := context.Background()
	run := func(name string, fn func(t *testing.T)) {
		if only == "" || only == name {
			t.Run(name, fn)
		}
	}
	run("TopicMissingTicket", func(t *testing.T) {
		pool := refsPool(t, withFKs)
		s := postgres.NewAgendaStore(pool)
		_, err := s.PutTopic(ctx, citingTopic("a", "t-1", "t-404"))
		var re *agenda.RefError
		if !errors.As(err, &re) || re.Field != "source.tickets[1]" || re.Ref != "t-404" ||
			!errors.Is(err, agenda.ErrInvalid) || !errors.Is(err, ticket.ErrNotFound) {
			t.Fatalf("PutTopic citing missing ticket t-404 = %v; want *agenda.RefError on source.tickets[1] wrapping ErrInvalid and ticket.ErrNotFound", err)
		}
		if _, err := s.Topic(ctx, "a"); !errors.Is(err, agenda.ErrNotFound) {
			t.Errorf("the refused topic was stored: %v", err)
		}
		if n := count(t, pool, "SELECT * FROM agenda_topic_ticket UNION ALL SELECT topic_id, id, NULL FROM agenda_resolution"); n != 0 {
			t.Errorf("the refused topic left %d link rows", n)
		}
	})
	run("TopicUpdateMissingTicket", func(t *testing.T) {
		pool := refsPool(t, withFKs)
		s := postgres.NewAgendaStore(pool)
		if _, err := s.PutTopic(ctx, citingTopic("a", "t-1")); err != nil {
			t.Fatal(err)
		}
		tp, _ := s.Topic(ctx, "a")
		tp.Source.Ticket = []ticket.ID{"t-404", "t-2"}
		if _, err := s.PutTopic(ctx, tp); !errors.As(err, new(*agenda.RefError)) {
			t.Fatalf("rewriting a topic to cite missing ticket t-404 = %v; want *agenda.RefError", err)
		}
		got, _ := s.Topic(ctx, "a")
		if got.Version != 1 || !slices.Equal(got.Source.Ticket, []ticket.ID{"t-1"}) {
			t.Errorf("the refused rewrite changed the topic: v%d %v", got.Version, got.Source.Ticket)
		}
		if n := count(t, pool, "SELECT * FROM agenda_topic_ticket WHERE topic_id = 'a' AND ticket_id = 't-1'"); n != 1 {
			t.Errorf("the refused rewrite changed the topic's links (%d rows for t-1)", n)
		}
	})
	run("ProjectMissingRefs", func(t *testing.T) {
		pool := refsPool(t, withFKs)
		topics, projects := postgres.NewAgendaStore(pool), postgres.NewProjectStore(pool)
		if _, err := topics.PutTopic(ctx, citingTopic("a", "t-1")); err != nil {
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
				_, err := projects.PutProject(ctx, p)
				var re *project.RefError
				if !errors.As(err, &re) || re.Project != id || re.Field != tc.field || re.Ref != tc.ref ||
					!errors.Is(err, project.ErrInvalid) || !errors.Is(err, tc.notFound) {
					t.Fatalf("PutProject citing a missing %s = %v; want *project.RefError on %s (%s) wrapping ErrInvalid and %v",
						tc.name, err, tc.field, tc.ref, tc.notFound)
				}
				if _, err := projects.Project(ctx, id); !errors.Is(err, project.ErrNotFound) {
					t.Errorf("the refused project was stored: %v", err)
				}
				for _, table := range []string{"project_topic", "project_ticket", "project_poll"} {
					if n := count(t, pool, "SELECT * FROM "+table+" WHERE project_id = $1", string(id)); n != 0 {
						t.Errorf("the refused project left %d rows in %s", n, table)
					}
				}
			})
		}
		// The same project citing records that exist is stored, and so is
		// a rewrite of it.
		p := citingProject("ok", "a", "t-1", "t-2")
		if _, err := projects.PutProject(ctx, p); err != nil {
			t.Fatal(err)
		}
		p.Version, p.Tickets = 1, []ticket.ID{"t-2"}
		if _, err := projects.PutProject(ctx, p); err != nil {
			t.Fatal(err)
		}
		if n := count(t, pool, "SELECT * FROM project_ticket WHERE project_id = 'ok'"); n != 1 {
			t.Errorf("after a rewrite citing one ticket, %d ticket links", n)
		}
	})
	run("DropCitedResolution", func(t *testing.T) {
		pool := refsPool(t, withFKs)
		topics, projects := postgres.NewAgendaStore(pool), postgres.NewProjectStore(pool)
		if _, err := topics.PutTopic(ctx, citingTopic("a", "t-1")); err != nil {
			t.Fatal(err)
		}
		if _, err := projects.PutProject(ctx, citingProject("p", "a")); err != nil {
			t.Fatal(err)
		}
		tp, _ := topics.Topic(ctx, "a")
		// Sending the resolution back keeps it among the withdrawn: allowed.
		back := tp
		back.Withdrawn = append(slices.Clone(tp.Withdrawn), *tp.Resolution)
		back.Resolution = nil
		if _, err := topics.PutTopic(ctx, back); err != nil {
			t.Fatalf("withdrawing a cited resolution: %v", err)
		}
		tp, _ = topics.Topic(ctx, "a")
		tp.Withdrawn = nil
		_, err := topics.PutTopic(ctx, tp)
		var ie *agenda.InputError
		if !errors.As(err, &ie) || ie.Field != "resolution" || !errors.Is(err, agenda.ErrInvalid) {
			t.Fatalf("dropping resolution r-a, cited by project p = %v; want *agenda.InputError on resolution", err)
		}
		got, _ := topics.Topic(ctx, "a")
		if got.Version != 2 || len(got.Withdrawn) != 2 {
			t.Errorf("the refused rewrite changed the topic: v%d, %d withdrawn", got.Version, len(got.Withdrawn))
		}
	})
	run("ServiceCheckRaced", func(t *testing.T) {
		// The service's check passes (its ticket lookup holds t-9, as if
		// the ticket were deleted or never committed after the check); the
		// database still refuses the write.
		pool := refsPool(t, withFKs)
		elsewhere := ticket.NewMemStore()
		if _, _, err := elsewhere.CreateTicket(ctx, ticket.Ticket{ID: "t-9", ReceivedAt: time.Unix(0, 0), Location: "b1"}); err != nil {
			t.Fatal(err)
		}
		svc, err := agenda.NewService(postgres.NewAgendaStore(pool), &agenda.Options{Tickets: elsewhere})
		if err != nil {
			t.Fatal(err)
		}
		_, err = svc.Raise(ctx, agenda.Topic{ID: "x", Grid: "b1", Title: "x", Category: "ebike-charging",
			Source: agenda.Source{Origin: agenda.FromTickets, Ticket: []ticket.ID{"t-9"}}})
		if !errors.As(err, new(*agenda.RefError)) || !errors.Is(err, ticket.ErrNotFound) {
			t.Fatalf("Raise citing t-9, absent from the database = %v; want *agenda.RefError", err)
		}
	})
	run("DeleteCitedTicket", func(t *testing.T) {
		// No Store method deletes a ticket; SQL that does is refused while
		// a topic cites it.
		pool := refsPool(t, withFKs)
		if _, err := postgres.NewAgendaStore(pool).PutTopic(ctx, citingTopic("a", "t-1")); err != nil {
			t.Fatal(err)
		}
		if _, err := pool.Exec(ctx, "DELETE FROM ticket WHERE id = 't-1'"); err == nil {
			t.Fatal("deleting ticket t-1, cited by topic a, succeeded")
		}
	})
	run("MigrateBackfill", func(t *testing.T) { testMigrateBackfill(t, withFKs) })
}

// testMigrateBackfill migrates a schema at version 6 holding topics and
// projects to version 7: citations of records that exist are checked from
// then on, dangling ones are recorded unchecked and listed by
// gongzhi_unchecked_ref, and the reverse lookups find the old records.
func testMigrateBackfill(t *testing.T, withFKs bool) {
	ctx := context.Background()
	pool, _ := newSchema(t, 0, fast)
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE `+postgres.VersionTable+` (version integer PRIMARY KEY, name text NOT NULL,
		checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		t.Fatal(err)
	}
	for _, m := range postgres.Migrations()[:6] {
		if _, err := tx.Exec(ctx, m.SQL); err != nil {
			t.Fatalf("migration %d: %v", m.Version, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO `+postgres.VersionTable+` (version, name, checksum) VALUES ($1, $2, $3)`,
			m.Version, m.Name, m.Checksum()); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	// Tickets as the schema of version 6 stores them (the store of today
	// writes the columns of migration 8), polls as before.
	for _, id := range []ticket.ID{"t-1", "t-2"} {
		doc, err := json.Marshal(ticket.Ticket{ID: id, Version: 1, ReceivedAt: time.Unix(0, 0), Location: "b1"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := pool.Exec(ctx, `INSERT INTO ticket (id, version, state, terminal, lead_unit, received_at, doc)
			VALUES ($1, 1, '', false, '', $2, $3)`, string(id), time.Unix(0, 0), doc); err != nil {
			t.Fatalf("seeding ticket %s: %v", id, err)
		}
	}
	polls := postgres.NewVoteStore(pool)
	for _, id := range []vote.PollID{"poll-1", "sat-1"} {
		p := vote.Poll{ID: id, Rule: vote.ProjectPriorities(), Options: []vote.Option{{ID: "a"}, {ID: "b"}}}
		if err := polls.CreatePoll(ctx, p); err != nil {
			t.Fatalf("seeding poll %s: %v", id, err)
		}
	}
	put := func(table string, id string, v any) {
		doc, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := pool.Exec(ctx, "INSERT INTO "+table+" (id, version, doc) VALUES ($1, 1, $2)", id, doc); err != nil {
			t.Fatal(err)
		}
	}
	put("agenda_topic", "a", citingTopic("a", "t-1", "t-gone"))
	put("agenda_topic", "b", citingTopic("b", "t-2"))
	p := citingProject("p", "a", "t-1")
	p.Review.Poll = "sat-gone"
	put("project", "p", p)
	put("project", "q", citingProject("q", "b"))
	if err := postgres.Migrate(ctx, pool); err != nil {
		t.Fatalf("Migrate to the latest version with data: %v", err)
	}
	if !withFKs {
		dropForeignKeys(t, pool)
	}
	rows, err := pool.Query(ctx, "SELECT from_kind, from_id, to_kind, to_id, found FROM gongzhi_unchecked_ref ORDER BY 1, 2, 3, 4")
	if err != nil {
		t.Fatal(err)
	}
	var unchecked []string
	for rows.Next() {
		var fk, fid, tk, tid string
		var found bool
		if err := rows.Scan(&fk, &fid, &tk, &tid, &found); err != nil {
			t.Fatal(err)
		}
		unchecked = append(unchecked, fmt.Sprintf("%s %s -> %s %s found=%v", fk, fid, tk, tid, found))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	want := []string{"project p -> poll sat-gone found=false", "topic a -> ticket t-gone found=false"}
	if !slices.Equal(unchecked, want) {
		t.Errorf("gongzhi_unchecked_ref = %q, want %q", unchecked, want)
	}
	topics, projects := postgres.NewAgendaStore(pool), postgres.NewProjectStore(pool)
	f, err := trace.From(ctx, trace.Sources{Tickets: postgres.NewTicketStore(pool), Agenda: topics, Projects: projects}, "t-1")
	if err != nil || len(f.Topics) != 1 || f.Topics[0].ID != "a" || len(f.Projects) != 1 || f.Projects[0].ID != "p" {
		t.Errorf("trace.From(t-1) over the migrated records = %+v, %v; want topic a, project p", f, err)
	}
	// The backfilled citations are checked: ticket t-2 cited by topic b
	// cannot be deleted, topic b cannot drop the resolution project q
	// cites, and a rewrite of topic a must first drop its dangling ticket.
	if _, err := pool.Exec(ctx, "DELETE FROM ticket WHERE id = 't-2'"); err == nil {
		t.Error("deleting ticket t-2, cited by topic b before the migration, succeeded")
	}
	b, _ := topics.Topic(ctx, "b")
	b.Resolution = nil
	if _, err := topics.PutTopic(ctx, b); !errors.Is(err, agenda.ErrInvalid) {
		t.Errorf("topic b dropping resolution r-b, cited by project q before the migration = %v; want ErrInvalid", err)
	}
	a, _ := topics.Topic(ctx, "a")
	if _, err := topics.PutTopic(ctx, a); !errors.As(err, new(*agenda.RefError)) {
		t.Errorf("rewriting topic a, which cites missing t-gone = %v; want *agenda.RefError", err)
	}
	a.Source.Ticket = []ticket.ID{"t-1"}
	if _, err := topics.PutTopic(ctx, a); err != nil {
		t.Errorf("rewriting topic a without t-gone: %v", err)
	}
}

// TestRefsElsewhere: a store told that tickets and polls live in another
// database records its citations of them unchecked, and the reverse lookup
// still finds them.
func TestRefsElsewhere(t *testing.T) {
	serverURL(t)
	ctx := context.Background()
	pool := migratedPool(t, 0, fast)
	away := postgres.Elsewhere{Tickets: true, Polls: true}
	topics := postgres.NewAgendaStore(pool).WithElsewhere(away)
	projects := postgres.NewProjectStore(pool).WithElsewhere(away)
	if _, err := topics.PutTopic(ctx, citingTopic("a", "hotline-7")); err != nil {
		t.Fatalf("a topic citing a ticket kept elsewhere: %v", err)
	}
	if _, err := projects.PutProject(ctx, citingProject("p", "a", "hotline-8")); err != nil {
		t.Fatalf("a project citing a ticket and polls kept elsewhere: %v", err)
	}
	// Topics are still checked.
	if _, err := projects.PutProject(ctx, citingProject("q", "z")); !errors.As(err, new(*project.RefError)) {
		t.Errorf("a project citing a missing topic, topics checked: %v", err)
	}
	if n := count(t, pool, "SELECT * FROM gongzhi_unchecked_ref WHERE NOT found"); n != 4 {
		t.Errorf("gongzhi_unchecked_ref lists %d citations of records not found, want 4 (2 tickets, 2 polls)", n)
	}
	var got []project.ID
	for p, err := range projects.ProjectsCiting(ctx, "hotline-9", []agenda.TopicID{"a"}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, p.ID)
	}
	if !slices.Equal(got, []project.ID{"p"}) {
		t.Errorf("ProjectsCiting(topic a) = %v, want [p]", got)
	}
	for tp, err := range topics.TopicsCiting(ctx, "hotline-7") {
		if err != nil || tp.ID != "a" {
			t.Errorf("TopicsCiting(hotline-7) yielded %v, %v", tp.ID, err)
		}
	}
}

// TestCitingLookups: TopicsCiting and ProjectsCiting answer what a scan of
// every record answers, across pages, and trace.From gives the same result
// through them as through the scan.
func TestCitingLookups(t *testing.T) {
	serverURL(t)
	ctx := context.Background()
	pool := migratedPool(t, 0, fast)
	tickets := postgres.NewTicketStore(pool)
	seedCited(t, pool) // t-1, t-2, poll-1, sat-1
	for _, id := range []ticket.ID{"t-0", "t-3"} {
		if _, _, err := tickets.CreateTicket(ctx, ticket.Ticket{ID: id, ReceivedAt: time.Unix(0, 0), Location: "b1"}); err != nil {
			t.Fatal(err)
		}
	}
	topics, projects := postgres.NewAgendaStore(pool), postgres.NewProjectStore(pool)
	postgres.SetPageSize(topics, 2)
	postgres.SetPageSize(projects, 2)
	for i := range 7 {
		tp := citingTopic(agenda.TopicID(fmt.Sprint("topic-", i)), ticket.ID(fmt.Sprint("t-", i%3)), ticket.ID(fmt.Sprint("t-", (i+1)%3)))
		if _, err := topics.PutTopic(ctx, tp); err != nil {
			t.Fatal(err)
		}
		p := citingProject(project.ID(fmt.Sprint("p-", i)), tp.ID, ticket.ID(fmt.Sprint("t-", i%4)))
		if i%2 == 0 {
			p.Topic, p.Resolution = "", ""
		}
		if _, err := projects.PutProject(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	scan := trace.Sources{Tickets: tickets, Agenda: struct{ trace.Agenda }{topics}, Projects: scanOnly{projects}}
	indexed := trace.Sources{Tickets: tickets, Agenda: topics, Projects: projects}
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

// scanOnly hides the optional ProjectIndex of a store.
type scanOnly struct{ s trace.Projects }

func (s scanOnly) Project(ctx context.Context, id project.ID) (project.Project, error) {
	return s.s.Project(ctx, id)
}

func (s scanOnly) Projects(ctx context.Context) iter.Seq2[project.Project, error] {
	return s.s.Projects(ctx)
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
