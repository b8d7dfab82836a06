package schematest

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/trace"
)

// migrateBackfill migrates a database at version 6 holding topics and
// projects to the latest version: citations of records that exist are
// checked from then on, dangling ones are recorded unchecked and listed by
// gongzhi_unchecked_ref, and the reverse lookups find the old records.
func migrateBackfill(t *testing.T, h Harness, foreignKeys bool) {
	ctx := context.Background()
	old := h.OpenVersion6(t) // tickets t-1 and t-2
	seedPolls(t, old.Stores(false).Polls)
	put := func(table string, id string, v any) {
		doc, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if err := old.Exec(ctx, "INSERT INTO "+table+" (id, version, doc) VALUES ($1, 1, $2)", id, string(doc)); err != nil {
			t.Fatalf("storing %s %s at version 6: %v", table, id, err)
		}
	}
	put("agenda_topic", "a", citingTopic("a", "t-1", "t-gone"))
	put("agenda_topic", "b", citingTopic("b", "t-2"))
	p := citingProject("p", "a", "t-1")
	p.Review.Poll = "sat-gone"
	put("project", "p", p)
	put("project", "q", citingProject("q", "b"))
	db, err := old.Migrate(ctx, foreignKeys)
	if err != nil {
		t.Fatalf("migrating to the latest version with data: %v", err)
	}
	var unchecked []int
	for _, q := range []string{
		"SELECT * FROM gongzhi_unchecked_ref WHERE from_kind = 'project' AND from_id = 'p' AND to_kind = 'poll' AND to_id = 'sat-gone' AND NOT found",
		"SELECT * FROM gongzhi_unchecked_ref WHERE from_kind = 'topic' AND from_id = 'a' AND to_kind = 'ticket' AND to_id = 't-gone' AND NOT found",
		"SELECT * FROM gongzhi_unchecked_ref",
	} {
		unchecked = append(unchecked, count(t, db, q))
	}
	if want := []int{1, 1, 2}; !slices.Equal(unchecked, want) {
		t.Errorf("gongzhi_unchecked_ref: counts %v, want %v (poll sat-gone of project p, ticket t-gone of topic a, nothing else)", unchecked, want)
	}
	s := db.Stores(false)
	f, err := trace.From(ctx, trace.Sources{Tickets: s.Tickets, Agenda: s.Agenda, Projects: s.Projects}, "t-1")
	if err != nil || len(f.Topics) != 1 || f.Topics[0].ID != "a" || len(f.Projects) != 1 || f.Projects[0].ID != "p" {
		t.Errorf("trace.From(t-1) over the migrated records = %+v, %v; want topic a, project p", f, err)
	}
	// The backfilled citations are checked: ticket t-2 cited by topic b
	// cannot be deleted, topic b cannot drop the resolution project q
	// cites, and a rewrite of topic a must first drop its dangling ticket.
	if err := db.Exec(ctx, "DELETE FROM ticket WHERE id = 't-2'"); err == nil {
		t.Error("deleting ticket t-2, cited by topic b before the migration, succeeded")
	}
	b, _ := s.Agenda.Topic(ctx, "b")
	b.Resolution = nil
	if _, err := s.Agenda.PutTopic(ctx, b); !errors.Is(err, agenda.ErrInvalid) {
		t.Errorf("topic b dropping resolution r-b, cited by project q before the migration = %v; want ErrInvalid", err)
	}
	a, _ := s.Agenda.Topic(ctx, "a")
	if _, err := s.Agenda.PutTopic(ctx, a); !errors.As(err, new(*agenda.RefError)) {
		t.Errorf("rewriting topic a, which cites missing t-gone = %v; want *agenda.RefError", err)
	}
	a.Source.Ticket = []ticket.ID{"t-1"}
	if _, err := s.Agenda.PutTopic(ctx, a); err != nil {
		t.Errorf("rewriting topic a without t-gone: %v", err)
	}
}
