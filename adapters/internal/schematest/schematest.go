// Package schematest is the conformance suite the SQL adapters share for
// what their schema does beyond the Store contracts: the foreign keys of
// migration 7 that refuse a topic or a project citing a record the
// database does not hold, the migration of a version-6 database holding
// such citations, the stores told that some records live elsewhere, the
// reverse lookups of package trace (TopicsCiting, ProjectsCiting), and the
// backfill of the ticket query columns by migration 8. Each adapter runs
// it from a few lines of test glue:
//
//	func TestRefs(t *testing.T)                { schematest.TestRefs(t, harness) }
//	func TestRefsNeedForeignKeys(t *testing.T) { schematest.TestRefsNeedForeignKeys(t, harness) }
//	func TestTicketBackfill(t *testing.T)      { schematest.TestTicketBackfill(t, harness) }
//	func TestTicketPlaceBackfill(t *testing.T) { schematest.TestTicketPlaceBackfill(t, harness) }
//	func BenchmarkTraceFrom(b *testing.B)      { schematest.BenchmarkTraceFrom(b, harness) }
//
// TestRefsNeedForeignKeys runs the checks of the foreign keys against the
// same schema without them (internal/mustfail), each of which must fail
// there: the suite is proved to test the database, not the services.
package schematest

import (
	"context"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/agenda/agendatest"
	"github.com/gongzhi/gongzhi/internal/migrate"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/project/projecttest"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/trace"
	"github.com/gongzhi/gongzhi/vote"
)

// Harness is what the suite needs of one adapter.
type Harness struct {
	// Open returns a fresh database at the latest schema version, holding
	// nothing, and closes it at cleanup. Without foreignKeys it is the
	// broken store the proof runs against: the same schema with the
	// foreign keys of migration 7 dropped, or not enforced.
	Open func(tb testing.TB, foreignKeys bool) DB
	// OpenVersion6 returns a fresh database at schema version 6, the last
	// before migration 7 added the citation tables, holding tickets t-1
	// and t-2 as that schema stores them (the ticket store of today writes
	// the columns of later migrations).
	OpenVersion6 func(tb testing.TB) Version6
	// SetPageSize sets how many rows a store of Stores reads per query, so
	// that a few records cross page boundaries.
	SetPageSize func(store any, n int)
	// Migrations returns the adapter's migrations in version order.
	Migrations func() []migrate.Migration
}

// DB is one database of the adapter under test.
type DB interface {
	// Stores returns the adapter's stores on the database. With away, the
	// agenda and project stores are told that tickets and polls live in
	// another database (the adapter's Elsewhere{Tickets: true, Polls: true}).
	Stores(away bool) Stores
	// Exec runs one statement outside the stores, with arguments numbered
	// $1, $2, ... (both drivers take them).
	Exec(ctx context.Context, query string, args ...any) error
	// Int runs a query whose one row is one integer.
	Int(ctx context.Context, query string, args ...any) (int64, error)
}

// Version6 is a database at schema version 6 (Harness.OpenVersion6).
type Version6 interface {
	DB
	// Migrate brings the database to the latest version and returns it,
	// with the foreign keys or without them, as Harness.Open.
	Migrate(ctx context.Context, foreignKeys bool) (DB, error)
}

// Stores are an adapter's stores on one database.
type Stores struct {
	Tickets  ticket.Store
	Polls    vote.Store
	Agenda   AgendaStore
	Projects ProjectStore
}

// AgendaStore is an agenda store with the reverse lookup of trace.
type AgendaStore interface {
	agenda.Store
	trace.TopicIndex
}

// ProjectStore is a project store with the reverse lookup of trace.
type ProjectStore interface {
	project.Store
	trace.ProjectIndex
}

// Seed stores the records the conformance suites' samples cite: tickets
// t-1 and t-2 (agendatest.FullTopic) and polls poll-1 and sat-1
// (projecttest.Sample), which the suite's own samples cite too.
func Seed(tb testing.TB, tickets ticket.Store, polls vote.Store) {
	tb.Helper()
	ctx := context.Background()
	for _, id := range []ticket.ID{"t-1", "t-2"} {
		if _, _, err := tickets.CreateTicket(ctx, ticket.Ticket{ID: id, ReceivedAt: time.Unix(0, 0), Location: "b1"}); err != nil {
			tb.Fatalf("seeding ticket %s: %v", id, err)
		}
	}
	seedPolls(tb, polls)
}

// seedPolls stores polls poll-1 and sat-1.
func seedPolls(tb testing.TB, polls vote.Store) {
	tb.Helper()
	for _, id := range []vote.PollID{"poll-1", "sat-1"} {
		p := vote.Poll{ID: id, Rule: vote.ProjectPriorities(), Options: []vote.Option{{ID: "a"}, {ID: "b"}}}
		if err := polls.CreatePoll(context.Background(), p); err != nil {
			tb.Fatalf("seeding poll %s: %v", id, err)
		}
	}
}

// seeded returns h.Open holding what Seed stores, and its stores.
func seeded(tb testing.TB, h Harness, foreignKeys bool) (DB, Stores) {
	tb.Helper()
	db := h.Open(tb, foreignKeys)
	s := db.Stores(false)
	Seed(tb, s.Tickets, s.Polls)
	return db, s
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

// count returns the number of rows of a query's result.
func count(t testing.TB, db DB, query string, args ...any) int {
	t.Helper()
	n, err := db.Int(context.Background(), "SELECT count(*) FROM ("+query+") AS q", args...)
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}
