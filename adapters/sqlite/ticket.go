package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"strconv"

	"github.com/gongzhi/gongzhi/adapters/internal/ticketquery"
	"github.com/gongzhi/gongzhi/ticket"
)

// TicketStore is a ticket.Store in a SQLite file. Each ticket is one row:
// the whole ticket as JSON plus the columns Tickets filters and orders on (state,
// whether it is terminal, the lead unit, the category, the receipt instant,
// the place). Create is idempotent by ticket
// id (the intake key); Update is all-or-nothing over its tickets and
// refuses a stale version with ticket.ErrConflict.
//
// Create it with NewTicketStore on a DB from Open.
type TicketStore struct {
	db       *DB
	pageSize int
}

var _ ticket.Store = (*TicketStore)(nil)

// NewTicketStore returns a TicketStore on db.
func NewTicketStore(db *DB) *TicketStore {
	return &TicketStore{db: db, pageSize: 1000}
}

// As sets *target to the store's *DB when target is a **DB, and reports
// whether it did.
func (s *TicketStore) As(target any) bool { return asDB(s.db, target) }

func wrapTicket(op string, err error) error {
	var ve *ticket.InputError
	if errors.As(err, &ve) {
		return err
	}
	return passThrough(op, err, ticket.ErrNotFound, ticket.ErrConflict, ticket.ErrDuplicateKey,
		context.Canceled, context.DeadlineExceeded)
}

func decodeTicket(doc string, version int64) (ticket.Ticket, error) {
	var t ticket.Ticket
	if err := json.Unmarshal([]byte(doc), &t); err != nil {
		return ticket.Ticket{}, fmt.Errorf("decoding stored ticket: %w", err)
	}
	t.Version = version
	return t, nil
}

// getTicket reads one ticket with q; a missing one is ticket.ErrNotFound.
func getTicket(ctx context.Context, q querier, id ticket.ID) (ticket.Ticket, error) {
	var doc string
	var version int64
	err := q.QueryRowContext(ctx, `SELECT doc, version FROM ticket WHERE id = ?`, string(id)).Scan(&doc, &version)
	if errors.Is(err, sql.ErrNoRows) {
		return ticket.Ticket{}, fmt.Errorf("sqlite: ticket %s: %w", id, ticket.ErrNotFound)
	}
	if err != nil {
		return ticket.Ticket{}, err
	}
	return decodeTicket(doc, version)
}

// CreateTicket implements ticket.Store.
func (s *TicketStore) CreateTicket(ctx context.Context, t ticket.Ticket) (ticket.Ticket, bool, error) {
	if err := ctx.Err(); err != nil {
		return ticket.Ticket{}, false, err
	}
	if t.ID == "" {
		return ticket.Ticket{}, false, &ticket.InputError{Field: "id", Reason: "empty"}
	}
	var doc []byte
	if t.Version == 0 {
		t.Version = 1
		var err error
		if doc, err = json.Marshal(t); err != nil {
			return ticket.Ticket{}, false, wrap("create ticket: encode", err)
		}
		t.Version = 0
	}
	var stored ticket.Ticket
	var created bool
	err := s.db.writer.do(ctx, func(ctx context.Context, q querier) error {
		created = false
		if t.Version == 0 {
			res, err := q.ExecContext(ctx, `INSERT INTO ticket (id, version, state, terminal, lead_unit, category, received, place, doc)
				VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
				string(t.ID), string(t.State), t.State.Terminal(), string(t.Lead.ID), string(t.Category), ticketquery.Received(t.ReceivedAt),
				string(t.Location), string(doc))
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n == 1 {
				stored, created = t, true
				stored.Version = 1
				return nil
			}
		}
		var err error
		stored, err = getTicket(ctx, q, t.ID)
		if errors.Is(err, ticket.ErrNotFound) {
			return fmt.Errorf("sqlite: ticket %s: create at version %d: %w", t.ID, t.Version, ticket.ErrConflict)
		}
		if err != nil {
			return err
		}
		if !ticket.SameIntake(stored, t) {
			return fmt.Errorf("sqlite: ticket %s: %w", t.ID, ticket.ErrDuplicateKey)
		}
		return nil
	})
	if err != nil {
		return ticket.Ticket{}, false, wrapTicket("create ticket", err)
	}
	return stored, created, nil
}

// UpdateTickets implements ticket.Store. All tickets are written in one
// transaction; the first stale or unknown one rolls it back.
func (s *TicketStore) UpdateTickets(ctx context.Context, ts ...ticket.Ticket) ([]ticket.Ticket, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if len(ts) == 0 {
		return []ticket.Ticket{}, nil
	}
	out := make([]ticket.Ticket, len(ts))
	docs := make([]string, len(ts))
	for i, t := range ts {
		t.Version++
		doc, err := json.Marshal(t)
		if err != nil {
			return nil, wrap("update ticket: encode", err)
		}
		out[i], docs[i] = t, string(doc)
	}
	err := s.db.writer.do(ctx, func(ctx context.Context, q querier) error {
		seen := make(map[ticket.ID]bool, len(ts))
		for i, t := range ts {
			if seen[t.ID] {
				return fmt.Errorf("sqlite: ticket %s: written twice in one update: %w", t.ID, ticket.ErrConflict)
			}
			seen[t.ID] = true
			res, err := q.ExecContext(ctx, `UPDATE ticket SET version = ?, state = ?, terminal = ?, lead_unit = ?,
				category = ?, received = ?, place = ?, doc = ? WHERE id = ? AND version = ?`,
				t.Version+1, string(t.State), t.State.Terminal(), string(t.Lead.ID), string(t.Category), ticketquery.Received(t.ReceivedAt),
				string(t.Location), docs[i], string(t.ID), t.Version)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n == 1 {
				continue
			}
			stored, err := getTicket(ctx, q, t.ID)
			if err != nil {
				return err
			}
			return fmt.Errorf("sqlite: ticket %s: version %d, stored %d: %w", t.ID, t.Version, stored.Version, ticket.ErrConflict)
		}
		return nil
	})
	if err != nil {
		return nil, wrapTicket("update tickets", err)
	}
	return out, nil
}

// Ticket implements ticket.Store.
func (s *TicketStore) Ticket(ctx context.Context, id ticket.ID) (ticket.Ticket, error) {
	if err := ctx.Err(); err != nil {
		return ticket.Ticket{}, err
	}
	t, err := getTicket(ctx, s.db.r, id)
	return t, wrapTicket("get ticket", err)
}

// tickets is the SQL of Tickets: placeholders ?N, lists bound as JSON
// arrays and read with json_each, booleans stored as 0 and 1.
var tickets = ticketquery.Dialect{
	Param: func(n int) string { return "?" + strconv.Itoa(n) },
	In:    func(column, param string) string { return column + " IN (SELECT value FROM json_each(" + param + "))" },
	List:  func(l []string) any { return jsonArray(l) },
	Open:  "terminal = 0",
}

// Tickets implements ticket.Store. The filter runs in the database on indexed
// columns; results come a page at a time in id order, or newest first
// (received DESC, id) on the received index, up to f.Limit.
func (s *TicketStore) Tickets(ctx context.Context, f ticket.Filter) iter.Seq2[ticket.Ticket, error] {
	return ticketquery.Stream(ctx, f, tickets, s.pageSize, s.listPage)
}

// listPage reads a page of tickets, with the id and received columns of
// the last (a ticketquery.ReadPage).
func (s *TicketStore) listPage(ctx context.Context, query string, args []any) (page []ticket.Ticket, lastID, lastReceived string, err error) {
	defer func() { err = wrapTicket("list tickets", err) }()
	rows, err := s.db.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, "", "", err
	}
	defer rows.Close()
	for rows.Next() {
		var doc string
		var version int64
		if err := rows.Scan(&doc, &version, &lastID, &lastReceived); err != nil {
			return nil, "", "", err
		}
		t, err := decodeTicket(doc, version)
		if err != nil {
			return nil, "", "", err
		}
		page = append(page, t)
	}
	return page, lastID, lastReceived, rows.Err()
}
