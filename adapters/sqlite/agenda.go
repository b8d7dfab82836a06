package sqlite

import (
	"context"
	"encoding/json"
	"iter"
	"time"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/internal/keyset"
)

// AgendaStore is an agenda.Store in a SQLite file: topics and meetings as
// versioned JSON records; a stale or duplicate write is agenda.ErrConflict.
//
// Create it with NewAgendaStore on a DB from Open.
type AgendaStore struct {
	db        *DB
	pageSize  int
	elsewhere Elsewhere
}

var _ agenda.Store = (*AgendaStore)(nil)

// NewAgendaStore returns an AgendaStore on db.
func NewAgendaStore(db *DB) *AgendaStore {
	return &AgendaStore{db: db, pageSize: 1000}
}

// WithElsewhere returns a store on the same file whose citations of the
// kinds e names are recorded but not checked by the database, because
// those records live in another database (see Elsewhere). Of e, an
// AgendaStore uses Tickets.
func (s *AgendaStore) WithElsewhere(e Elsewhere) *AgendaStore {
	c := *s
	c.elsewhere = e
	return &c
}

// As sets *target to the store's *DB when target is a **DB, and reports
// whether it did.
func (s *AgendaStore) As(target any) bool { return asDB(s.db, target) }

func wrapAgenda(op string, err error) error {
	return passThrough(op, err, agenda.ErrConflict, agenda.ErrNotFound, agenda.ErrInvalid, context.Canceled, context.DeadlineExceeded)
}

// PutTopic implements agenda.Store. The topic's citations are written
// to link tables in the same transaction (migration 7): a cited ticket
// that is not in the file is refused with an *agenda.RefError, and a
// rewrite that drops a resolution a project cites with an
// *agenda.InputError; both wrap agenda.ErrInvalid and change nothing.
func (s *AgendaStore) PutTopic(ctx context.Context, t agenda.Topic) (int64, error) {
	want := t.Version
	t.Version++
	v, err := s.db.putRecord(ctx, "put topic", "agenda_topic", string(t.ID), want, t, agenda.ErrConflict,
		func(ctx context.Context, q querier, update bool) error {
			return writeTopicRefs(ctx, q, t, update, s.elsewhere)
		})
	return v, wrapAgenda("put topic", err)
}

// Topic implements agenda.Store.
func (s *AgendaStore) Topic(ctx context.Context, id agenda.TopicID) (agenda.Topic, error) {
	if err := ctx.Err(); err != nil {
		return agenda.Topic{}, err
	}
	var t agenda.Topic
	err := getVersioned(ctx, s.db.r, "agenda_topic", string(id), &t, &t.Version)
	if noRows(err) {
		return agenda.Topic{}, &agenda.NotFoundError{Kind: "topic", ID: string(id)}
	}
	return t, wrapAgenda("topic", err)
}

// Topics implements agenda.Store.
func (s *AgendaStore) Topics(ctx context.Context) iter.Seq2[agenda.Topic, error] {
	return streamVersioned(ctx, s.db, "agenda_topic", s.pageSize, func(t *agenda.Topic, v int64) { t.Version = v })
}

// PutMeeting implements agenda.Store.
func (s *AgendaStore) PutMeeting(ctx context.Context, m agenda.Meeting) (int64, error) {
	want := m.Version
	m.Version++
	v, err := s.db.putRecord(ctx, "put meeting", "agenda_meeting", string(m.ID), want, m, agenda.ErrConflict, nil,
		column{"at_s", m.At.Unix()}, column{"at_ns", int64(m.At.Nanosecond())})
	return v, wrapAgenda("put meeting", err)
}

// Meeting implements agenda.Store.
func (s *AgendaStore) Meeting(ctx context.Context, id agenda.MeetingID) (agenda.Meeting, error) {
	if err := ctx.Err(); err != nil {
		return agenda.Meeting{}, err
	}
	var m agenda.Meeting
	err := getVersioned(ctx, s.db.r, "agenda_meeting", string(id), &m, &m.Version)
	if noRows(err) {
		return agenda.Meeting{}, &agenda.NotFoundError{Kind: "meeting", ID: string(id)}
	}
	return m, wrapAgenda("meeting", err)
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
				WHERE (at_s, at_ns, id) `+cmp+` (?, ?, ?) AND (? OR (at_s, at_ns) < (?, ?))
				ORDER BY at_s, at_ns, id LIMIT ?`, &ks, &kns, &kid, open, ts, tns)
			inclusive = false
			return page, wrapAgenda("meetings", err)
		})(yield)
	}
}

// meetingPage reads one page and advances the keyset to its last row.
func (s *AgendaStore) meetingPage(ctx context.Context, query string, ks, kns *int64, kid *string, open bool, ts, tns int64) ([]agenda.Meeting, error) {
	rows, err := s.db.r.QueryContext(ctx, query, *ks, *kns, *kid, open, ts, tns, s.pageSize)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var page []agenda.Meeting
	for rows.Next() {
		var ver int64
		var doc string
		var m agenda.Meeting
		if err := rows.Scan(kid, &ver, ks, kns, &doc); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(doc), &m); err != nil {
			return nil, err
		}
		m.Version = ver
		page = append(page, m)
	}
	return page, rows.Err()
}
