package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/gongzhi/gongzhi/adapters/internal/citation"
	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/vote"
)

// Elsewhere names the kinds of cited record that live in another database
// than the store's, for example tickets kept by a hotline system while
// topics and projects are kept here. A store records its citations of
// them all the same (the reverse lookups of package trace find them), but
// the database does not check them, since the table a foreign key would
// point to holds none of them; the services still check every citation
// through the Store interfaces they are given (agenda.Options.Tickets,
// project.Options.Topics and Options.Tickets). The zero value checks every
// citation: the records cited must be in this database, in the same schema.
type Elsewhere struct {
	Tickets bool // ticket.ID, cited by topics and projects
	Topics  bool // agenda.TopicID and agenda.ResolutionID, cited by projects
	Polls   bool // vote.PollID, cited by projects (Vote.Poll, Review.Poll)
}

// Foreign keys of migration 7 that a write of a topic or a project may
// violate (SQLSTATE 23503).
const (
	fkTopicTicket   = "agenda_topic_ticket_ref_fkey"
	fkProjectTopic  = "project_topic_ref_fkey"
	fkProjectRes    = "project_topic_resolution_fkey"
	fkProjectTicket = "project_ticket_ref_fkey"
	fkProjectPoll   = "project_poll_ref_fkey"
)

// writeTopicRefs replaces the link rows of topic t inside tx: its tickets
// and its resolutions. update says whether t existed before this write.
func writeTopicRefs(ctx context.Context, tx pgx.Tx, t agenda.Topic, update bool, e Elsewhere) error {
	b := &pgx.Batch{}
	id := string(t.ID)
	if update {
		b.Queue(`DELETE FROM agenda_topic_ticket WHERE topic_id = $1`, id)
	}
	if tickets := citation.Uniq(t.Source.Ticket); len(tickets) > 0 {
		b.Queue(`INSERT INTO agenda_topic_ticket (topic_id, ticket_id, ticket_ref)
			SELECT $1, x, CASE WHEN $3 THEN x END FROM unnest($2::text[]) AS x`, id, tickets, !e.Tickets)
	}
	res := citation.ResolutionIDs(t)
	if update {
		// Only the resolutions no longer held are deleted: a project's
		// foreign key refuses the deletion of one it cites.
		b.Queue(`DELETE FROM agenda_resolution WHERE topic_id = $1 AND id <> ALL($2::text[])`, id, res)
	}
	if len(res) > 0 {
		b.Queue(`INSERT INTO agenda_resolution (topic_id, id) SELECT $1, x FROM unnest($2::text[]) AS x
			ON CONFLICT DO NOTHING`, id, res)
	}
	if b.Len() == 0 {
		return nil
	}
	return tx.SendBatch(ctx, b).Close()
}

// writeProjectRefs replaces the link rows of project p inside tx: its
// topic and resolution, its tickets and its polls.
func writeProjectRefs(ctx context.Context, tx pgx.Tx, p project.Project, update bool, e Elsewhere) error {
	b := &pgx.Batch{}
	id := string(p.ID)
	if update {
		b.Queue(`DELETE FROM project_topic WHERE project_id = $1`, id)
		b.Queue(`DELETE FROM project_ticket WHERE project_id = $1`, id)
		b.Queue(`DELETE FROM project_poll WHERE project_id = $1`, id)
	}
	if p.Topic != "" || p.Resolution != "" {
		b.Queue(`INSERT INTO project_topic (project_id, topic_id, resolution_id, topic_ref) VALUES ($1, $2, $3, $4)`,
			id, citation.NullIfEmpty(string(p.Topic)), citation.NullIfEmpty(string(p.Resolution)), citation.RefOrNil(string(p.Topic), e.Topics || p.Topic == ""))
	}
	if tickets := citation.Uniq(p.Tickets); len(tickets) > 0 {
		b.Queue(`INSERT INTO project_ticket (project_id, ticket_id, ticket_ref)
			SELECT $1, x, CASE WHEN $3 THEN x END FROM unnest($2::text[]) AS x`, id, tickets, !e.Tickets)
	}
	for _, f := range citation.Polls(p) {
		b.Queue(`INSERT INTO project_poll (project_id, field, poll_id, poll_ref) VALUES ($1, $2, $3, $4)`,
			id, f.Field, string(f.ID), citation.RefOrNil(string(f.ID), e.Polls))
	}
	if b.Len() == 0 {
		return nil
	}
	return tx.SendBatch(ctx, b).Close()
}

// firstMissing returns the 0-based index in ids of the first id that table
// does not hold, or -1 if it holds them all (a record created since the
// refused write).
func firstMissing[S ~string](ctx context.Context, pool *pgxpool.Pool, table string, ids []S) (int, error) {
	strs := make([]string, len(ids))
	for i, id := range ids {
		strs[i] = string(id)
	}
	var i int
	err := pool.QueryRow(ctx, `SELECT u.i FROM unnest($1::text[]) WITH ORDINALITY AS u (id, i)
		WHERE NOT EXISTS (SELECT 1 FROM `+table+` r WHERE r.id = u.id) ORDER BY u.i LIMIT 1`, strs).Scan(&i)
	if errors.Is(err, pgx.ErrNoRows) {
		return -1, nil
	}
	return i - 1, err
}

// refused describes a citation the database refused, for the Err of a
// RefError: it wraps notFound, the cited package's sentinel.
func refused(kind, id, constraint string, notFound error) error {
	return fmt.Errorf("postgres: %s %s is not in this database (foreign key %s): %w", kind, id, constraint, notFound)
}

// topicRefError turns a foreign-key violation of PutTopic into the agenda
// package's error: a cited ticket that does not exist is an
// *agenda.RefError, a cited resolution dropped from the topic an
// *agenda.InputError. Other errors are returned as they are.
func topicRefError(ctx context.Context, pool *pgxpool.Pool, t agenda.Topic, err error) error {
	if pgCode(err) != codeForeignKeyViolation {
		return err
	}
	switch c := constraintOf(err); c {
	case fkTopicTicket:
		i, qerr := firstMissing(ctx, pool, "ticket", t.Source.Ticket)
		if qerr != nil || i < 0 {
			i = 0
		}
		if len(t.Source.Ticket) == 0 {
			return err
		}
		id := string(t.Source.Ticket[i])
		return &agenda.RefError{Field: fmt.Sprintf("source.tickets[%d]", i), Ref: id,
			Err: refused("ticket", id, c, ticket.ErrNotFound)}
	case fkProjectRes:
		var res, by string
		qerr := pool.QueryRow(ctx, `SELECT resolution_id, project_id FROM project_topic
			WHERE topic_ref = $1 AND resolution_id <> ALL($2::text[]) ORDER BY 1, 2 LIMIT 1`,
			string(t.ID), citation.ResolutionIDs(t)).Scan(&res, &by)
		if qerr != nil {
			res, by = "?", "?"
		}
		return &agenda.InputError{Field: "resolution",
			Reason: fmt.Sprintf("topic %s drops resolution %s, which project %s cites (foreign key %s)", t.ID, res, by, c)}
	}
	return err
}

// projectRefError turns a foreign-key violation of PutProject into a
// *project.RefError naming the field whose citation was refused. Other
// errors are returned as they are.
func projectRefError(ctx context.Context, pool *pgxpool.Pool, p project.Project, err error) error {
	if pgCode(err) != codeForeignKeyViolation {
		return err
	}
	switch c := constraintOf(err); c {
	case fkProjectTopic:
		return &project.RefError{Project: p.ID, Field: "topic", Ref: string(p.Topic),
			Err: refused("topic", string(p.Topic), c, agenda.ErrNotFound)}
	case fkProjectRes:
		return &project.RefError{Project: p.ID, Field: "resolution", Ref: string(p.Resolution),
			Err: refused("resolution", string(p.Resolution)+" of topic "+string(p.Topic), c, agenda.ErrNotFound)}
	case fkProjectTicket:
		if len(p.Tickets) == 0 {
			return err
		}
		i, qerr := firstMissing(ctx, pool, "ticket", p.Tickets)
		if qerr != nil || i < 0 {
			i = 0
		}
		id := string(p.Tickets[i])
		return &project.RefError{Project: p.ID, Field: fmt.Sprintf("tickets[%d]", i), Ref: id,
			Err: refused("ticket", id, c, ticket.ErrNotFound)}
	case fkProjectPoll:
		fields := citation.Polls(p)
		if len(fields) == 0 {
			return err
		}
		polls := make([]vote.PollID, len(fields))
		for i, f := range fields {
			polls[i] = f.ID
		}
		i, qerr := firstMissing(ctx, pool, "vote_poll", polls)
		if qerr != nil || i < 0 {
			i = 0
		}
		f := fields[i]
		return &project.RefError{Project: p.ID, Field: f.Field + ".poll", Ref: string(f.ID),
			Err: refused("poll", string(f.ID), c, vote.ErrNotFound)}
	}
	return err
}
