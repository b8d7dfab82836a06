package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/internal/keyset"
)

// AgendaStore is an agenda.Store on PostgreSQL: topics and meetings as
// versioned JSON records; a stale or duplicate write is agenda.ErrConflict.
//
// Create it with NewAgendaStore on a pool whose schema was migrated.
type AgendaStore struct {
	pool      *pgxpool.Pool
	pageSize  int
	elsewhere Elsewhere
}

var _ agenda.Store = (*AgendaStore)(nil)

// NewAgendaStore returns an AgendaStore using pool.
func NewAgendaStore(pool *pgxpool.Pool) *AgendaStore {
	return &AgendaStore{pool: pool, pageSize: 1000}
}

// WithElsewhere returns a store on the same pool whose citations of the
// kinds e names are recorded but not checked by the database, because
// those records live in another database (see Elsewhere). Of e, an
// AgendaStore uses Tickets.
func (s *AgendaStore) WithElsewhere(e Elsewhere) *AgendaStore {
	c := *s
	c.elsewhere = e
	return &c
}

// As sets *target to the store's *pgxpool.Pool when target is a
// **pgxpool.Pool, and reports whether it did.
func (s *AgendaStore) As(target any) bool { return asPool(s.pool, target) }

// column is an extra column written beside a JSON record.
type column struct {
	name  string
	value any
}

// putVersioned writes doc under id in table with the rule shared by
// agenda and project records: version 0 creates, otherwise the stored
// version must equal version. It reports whether the write happened.
func putVersioned(ctx context.Context, db execer, table, id string, version int64, doc []byte, extra ...column) (bool, error) {
	cols, vals := "id, version, doc", "$1, $2, $3"
	set := "version = $2, doc = $3"
	args := []any{id, version + 1, doc}
	for _, c := range extra {
		args = append(args, c.value)
		n := fmt.Sprintf("$%d", len(args))
		cols += ", " + c.name
		vals += ", " + n
		set += ", " + c.name + " = " + n
	}
	var sql string
	if version == 0 {
		sql = "INSERT INTO " + table + " (" + cols + ") VALUES (" + vals + ") ON CONFLICT (id) DO NOTHING"
	} else {
		args = append(args, version)
		sql = fmt.Sprintf("UPDATE %s SET %s WHERE id = $1 AND version = $%d", table, set, len(args))
	}
	tag, err := db.Exec(ctx, sql, args...)
	if err != nil {
		return false, err
	}
	return tag.RowsAffected() == 1, nil
}

// execer is what putVersioned needs: a pool or a transaction.
type execer interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// PutTopic implements agenda.Store. The topic's citations are written
// to link tables in the same transaction (migration 7): a cited ticket
// that is not in the database is refused with an *agenda.RefError, and a
// rewrite that drops a resolution a project cites with an
// *agenda.InputError; both wrap agenda.ErrInvalid and change nothing.
func (s *AgendaStore) PutTopic(ctx context.Context, t agenda.Topic) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	t.Version++
	doc, err := json.Marshal(t)
	if err != nil {
		return 0, wrap("put topic: encode", err)
	}
	prev := t.Version - 1
	err = inTx(ctx, s.pool, func(tx pgx.Tx) error {
		ok, err := putVersioned(ctx, tx, "agenda_topic", string(t.ID), prev, doc)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("postgres: topic %s at version %d: %w", t.ID, prev, agenda.ErrConflict)
		}
		return writeTopicRefs(ctx, tx, t, prev > 0, s.elsewhere)
	})
	if err != nil {
		err = topicRefError(ctx, s.pool, t, err)
		if errors.Is(err, agenda.ErrConflict) || errors.Is(err, agenda.ErrInvalid) || ctx.Err() != nil {
			return 0, err
		}
		return 0, wrap("put topic", err)
	}
	return t.Version, nil
}

// Topic implements agenda.Store.
func (s *AgendaStore) Topic(ctx context.Context, id agenda.TopicID) (agenda.Topic, error) {
	if err := ctx.Err(); err != nil {
		return agenda.Topic{}, err
	}
	var t agenda.Topic
	err := getVersioned(ctx, s.pool, "agenda_topic", string(id), &t, &t.Version)
	if errors.Is(err, pgx.ErrNoRows) {
		return agenda.Topic{}, &agenda.NotFoundError{Kind: "topic", ID: string(id)}
	}
	return t, wrap("topic", err)
}

// getVersioned reads the JSON record id of table into v and its version
// into version.
func getVersioned(ctx context.Context, pool *pgxpool.Pool, table, id string, v any, version *int64) error {
	var doc []byte
	var ver int64
	if err := pool.QueryRow(ctx, "SELECT doc, version FROM "+table+" WHERE id = $1", id).Scan(&doc, &ver); err != nil {
		return err
	}
	if err := json.Unmarshal(doc, v); err != nil {
		return fmt.Errorf("decoding stored %s %s: %w", table, id, err)
	}
	*version = ver
	return nil
}

// streamVersioned yields every record of table in id order, a page at a
// time; set stores the row's version in the decoded value.
func streamVersioned[T any](ctx context.Context, pool *pgxpool.Pool, table string, pageSize int, setVersion func(*T, int64)) iter.Seq2[T, error] {
	return streamWhere(ctx, pool, table, "TRUE", nil, pageSize, setVersion)
}

// streamWhere yields the records of table that meet cond, an SQL
// condition on its rows whose parameters $1, $2... are args, in id order,
// a page at a time.
func streamWhere[T any](ctx context.Context, pool *pgxpool.Pool, table, cond string, args []any, pageSize int, setVersion func(*T, int64)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		after, first := "", true
		keyset.Pages(ctx, pageSize, func(ctx context.Context) ([]T, error) {
			n := len(args)
			query := fmt.Sprintf("SELECT id, version, doc FROM %s WHERE (%s) ORDER BY id LIMIT $%d", table, cond, n+1)
			qargs := append(slices.Clip(args), pageSize)
			if !first {
				query = fmt.Sprintf("SELECT id, version, doc FROM %s WHERE (%s) AND id > $%d ORDER BY id LIMIT $%d", table, cond, n+1, n+2)
				qargs = append(slices.Clip(args), after, pageSize)
			}
			page, last, err := versionedPage(ctx, pool, query, setVersion, qargs...)
			after, first = last, false
			return page, wrap("list "+table, err)
		})(yield)
	}
}

// versionedPage reads the (id, version, doc) rows of query as records and
// returns them with the last id.
func versionedPage[T any](ctx context.Context, pool *pgxpool.Pool, query string, setVersion func(*T, int64), args ...any) ([]T, string, error) {
	rows, err := pool.Query(ctx, query, args...)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	var page []T
	var last string
	for rows.Next() {
		var ver int64
		var doc []byte
		var v T
		if err := rows.Scan(&last, &ver, &doc); err != nil {
			return nil, "", err
		}
		if err := json.Unmarshal(doc, &v); err != nil {
			return nil, "", err
		}
		setVersion(&v, ver)
		page = append(page, v)
	}
	return page, last, rows.Err()
}

// Topics implements agenda.Store.
func (s *AgendaStore) Topics(ctx context.Context) iter.Seq2[agenda.Topic, error] {
	return streamVersioned(ctx, s.pool, "agenda_topic", s.pageSize, func(t *agenda.Topic, v int64) { t.Version = v })
}

// PutMeeting implements agenda.Store.
func (s *AgendaStore) PutMeeting(ctx context.Context, m agenda.Meeting) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	m.Version++
	doc, err := json.Marshal(m)
	if err != nil {
		return 0, wrap("put meeting: encode", err)
	}
	ok, err := putVersioned(ctx, s.pool, "agenda_meeting", string(m.ID), m.Version-1, doc,
		column{"at_s", m.At.Unix()}, column{"at_ns", int32(m.At.Nanosecond())})
	if err != nil {
		return 0, wrap("put meeting", err)
	}
	if !ok {
		return 0, fmt.Errorf("postgres: meeting %s at version %d: %w", m.ID, m.Version-1, agenda.ErrConflict)
	}
	return m.Version, nil
}

// Meeting implements agenda.Store.
func (s *AgendaStore) Meeting(ctx context.Context, id agenda.MeetingID) (agenda.Meeting, error) {
	if err := ctx.Err(); err != nil {
		return agenda.Meeting{}, err
	}
	var m agenda.Meeting
	err := getVersioned(ctx, s.pool, "agenda_meeting", string(id), &m, &m.Version)
	if errors.Is(err, pgx.ErrNoRows) {
		return agenda.Meeting{}, &agenda.NotFoundError{Kind: "meeting", ID: string(id)}
	}
	return m, wrap("meeting", err)
}

// Meetings implements agenda.Store: the range and the order are on the
// exact instant (seconds, nanoseconds), then id, page by page.
func (s *AgendaStore) Meetings(ctx context.Context, from, to time.Time) iter.Seq2[agenda.Meeting, error] {
	return func(yield func(agenda.Meeting, error) bool) {
		// Keyset: (at_s, at_ns, id) at or after from on the first page,
		// strictly after the last row on the next ones.
		ks, kns := int64(-1<<62), int64(0)
		if !from.IsZero() {
			ks, kns = from.Unix(), int64(from.Nanosecond())
		}
		kid, inclusive := "", true
		open := to.IsZero()
		ts, tns := to.Unix(), int64(to.Nanosecond())
		keyset.Pages(ctx, s.pageSize, func(ctx context.Context) ([]agenda.Meeting, error) {
			cmp := ">"
			if inclusive {
				cmp = ">="
			}
			page, err := s.meetingPage(ctx, `SELECT id, version, at_s, at_ns, doc FROM agenda_meeting
				WHERE (at_s, at_ns, id) `+cmp+` ($1, $2, $3)
				AND ($4 OR (at_s, at_ns) < ($5, $6))
				ORDER BY at_s, at_ns, id LIMIT $7`, &ks, &kns, &kid, open, ts, tns)
			inclusive = false
			return page, wrap("meetings", err)
		})(yield)
	}
}

// meetingPage reads one page and advances the keyset to its last row.
func (s *AgendaStore) meetingPage(ctx context.Context, query string, ks, kns *int64, kid *string, open bool, ts, tns int64) ([]agenda.Meeting, error) {
	rows, err := s.pool.Query(ctx, query, *ks, *kns, *kid, open, ts, tns, s.pageSize)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var page []agenda.Meeting
	for rows.Next() {
		var ver int64
		var doc []byte
		var m agenda.Meeting
		if err := rows.Scan(kid, &ver, ks, kns, &doc); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(doc, &m); err != nil {
			return nil, err
		}
		m.Version = ver
		page = append(page, m)
	}
	return page, rows.Err()
}
