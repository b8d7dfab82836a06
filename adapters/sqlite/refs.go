package sqlite

import (
	"context"
	"encoding/json"
	"fmt"

	sqlite3 "modernc.org/sqlite/lib"

	"github.com/gongzhi/gongzhi/adapters/internal/citation"
	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/vote"
)

// Elsewhere names the kinds of cited record that live in another database
// than the store's file, for example tickets kept by a hotline system
// while topics and projects are kept here. A store records its citations
// of them all the same (the reverse lookups of package trace find them),
// but the database does not check them, since the table a foreign key
// would point to holds none of them; the services still check every
// citation through the Store interfaces they are given
// (agenda.Options.Tickets, project.Options.Topics and Options.Tickets).
// The zero value checks every citation: the records cited must be in the
// same file.
type Elsewhere struct {
	Tickets bool // ticket.ID, cited by topics and projects
	Topics  bool // agenda.TopicID and agenda.ResolutionID, cited by projects
	Polls   bool // vote.PollID, cited by projects (Vote.Poll, Review.Poll)
}

// isForeignKey reports whether err is a FOREIGN KEY constraint violation.
func isForeignKey(err error) bool { return extendedCode(err) == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY }

// jsonArray encodes ids as a JSON array, the form in which a list is bound
// to a statement (read back with json_each).
func jsonArray(ids []string) string {
	b, _ := json.Marshal(ids) // strings always encode
	return string(b)
}

// firstMissing returns the 0-based index in ids of the first id that table
// does not hold, or -1 if it holds them all.
func firstMissing[S ~string](ctx context.Context, q querier, table string, ids []S) (int, error) {
	for i, id := range ids {
		var n int
		if err := q.QueryRowContext(ctx, "SELECT count(*) FROM "+table+" WHERE id = ?", string(id)).Scan(&n); err != nil {
			return -1, err
		}
		if n == 0 {
			return i, nil
		}
	}
	return -1, nil
}

// refused describes a citation the database refused, for the Err of a
// RefError: it wraps notFound, the cited package's sentinel.
func refused(kind, id string, notFound error) error {
	return fmt.Errorf("sqlite: %s %s is not in this database (foreign key): %w", kind, id, notFound)
}

// writeTopicRefs replaces the link rows of topic t: its tickets and its
// resolutions. update says whether t existed before this write. A cited
// ticket the database refuses is an *agenda.RefError, a dropped
// resolution that a project cites an *agenda.InputError.
func writeTopicRefs(ctx context.Context, q querier, t agenda.Topic, update bool, e Elsewhere) error {
	id := string(t.ID)
	if update {
		if _, err := q.ExecContext(ctx, `DELETE FROM agenda_topic_ticket WHERE topic_id = ?`, id); err != nil {
			return err
		}
	}
	if tickets := citation.Uniq(t.Source.Ticket); len(tickets) > 0 {
		_, err := q.ExecContext(ctx, `INSERT INTO agenda_topic_ticket (topic_id, ticket_id, ticket_ref)
			SELECT ?, value, CASE WHEN ? THEN value END FROM json_each(?)`, id, !e.Tickets, jsonArray(tickets))
		if isForeignKey(err) {
			i, qerr := firstMissing(ctx, q, "ticket", t.Source.Ticket)
			if qerr != nil || i < 0 {
				return err
			}
			ref := string(t.Source.Ticket[i])
			return &agenda.RefError{Field: fmt.Sprintf("source.tickets[%d]", i), Ref: ref, Err: refused("ticket", ref, ticket.ErrNotFound)}
		}
		if err != nil {
			return err
		}
	}
	res := jsonArray(citation.ResolutionIDs(t))
	if update {
		// Only the resolutions no longer held are deleted: a project's
		// foreign key refuses the deletion of one it cites.
		_, err := q.ExecContext(ctx, `DELETE FROM agenda_resolution WHERE topic_id = ?
			AND id NOT IN (SELECT value FROM json_each(?))`, id, res)
		if isForeignKey(err) {
			var r, by string
			if qerr := q.QueryRowContext(ctx, `SELECT resolution_id, project_id FROM project_topic
				WHERE topic_ref = ? AND resolution_id NOT IN (SELECT value FROM json_each(?))
				ORDER BY 1, 2 LIMIT 1`, id, res).Scan(&r, &by); qerr != nil {
				return err
			}
			return &agenda.InputError{Field: "resolution",
				Reason: fmt.Sprintf("topic %s drops resolution %s, which project %s cites (foreign key)", t.ID, r, by)}
		}
		if err != nil {
			return err
		}
	}
	_, err := q.ExecContext(ctx, `INSERT OR IGNORE INTO agenda_resolution (topic_id, id) SELECT ?, value FROM json_each(?)`, id, res)
	return err
}

// writeProjectRefs replaces the link rows of project p: its topic and
// resolution, its tickets and its polls. A citation the database refuses
// is a *project.RefError naming the field.
func writeProjectRefs(ctx context.Context, q querier, p project.Project, update bool, e Elsewhere) error {
	id := string(p.ID)
	if update {
		for _, table := range []string{"project_topic", "project_ticket", "project_poll"} {
			if _, err := q.ExecContext(ctx, "DELETE FROM "+table+" WHERE project_id = ?", id); err != nil {
				return err
			}
		}
	}
	refErr := func(field, ref string, err error) error {
		return &project.RefError{Project: p.ID, Field: field, Ref: ref, Err: err}
	}
	if p.Topic != "" || p.Resolution != "" {
		_, err := q.ExecContext(ctx, `INSERT INTO project_topic (project_id, topic_id, resolution_id, topic_ref) VALUES (?, ?, ?, ?)`,
			id, citation.NullIfEmpty(string(p.Topic)), citation.NullIfEmpty(string(p.Resolution)), citation.RefOrNil(string(p.Topic), e.Topics))
		if isForeignKey(err) {
			if i, qerr := firstMissing(ctx, q, "agenda_topic", []agenda.TopicID{p.Topic}); qerr == nil && i == 0 {
				return refErr("topic", string(p.Topic), refused("topic", string(p.Topic), agenda.ErrNotFound))
			}
			return refErr("resolution", string(p.Resolution),
				refused("resolution", string(p.Resolution)+" of topic "+string(p.Topic), agenda.ErrNotFound))
		}
		if err != nil {
			return err
		}
	}
	if tickets := citation.Uniq(p.Tickets); len(tickets) > 0 {
		_, err := q.ExecContext(ctx, `INSERT INTO project_ticket (project_id, ticket_id, ticket_ref)
			SELECT ?, value, CASE WHEN ? THEN value END FROM json_each(?)`, id, !e.Tickets, jsonArray(tickets))
		if isForeignKey(err) {
			i, qerr := firstMissing(ctx, q, "ticket", p.Tickets)
			if qerr != nil || i < 0 {
				return err
			}
			ref := string(p.Tickets[i])
			return refErr(fmt.Sprintf("tickets[%d]", i), ref, refused("ticket", ref, ticket.ErrNotFound))
		}
		if err != nil {
			return err
		}
	}
	for _, f := range citation.Polls(p) {
		_, err := q.ExecContext(ctx, `INSERT INTO project_poll (project_id, field, poll_id, poll_ref) VALUES (?, ?, ?, ?)`,
			id, f.Field, string(f.ID), citation.RefOrNil(string(f.ID), e.Polls))
		if isForeignKey(err) {
			return refErr(f.Field+".poll", string(f.ID), refused("poll", string(f.ID), vote.ErrNotFound))
		}
		if err != nil {
			return err
		}
	}
	return nil
}
