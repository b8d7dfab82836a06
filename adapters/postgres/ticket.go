package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/gongzhi/gongzhi/adapters/internal/ticketquery"
	"github.com/gongzhi/gongzhi/ticket"
)

// TicketStore is a ticket.Store on PostgreSQL. Each ticket is one row: the
// whole ticket as JSON plus the columns Tickets filters and orders on
// (state, whether it is terminal, the lead unit, the category, the receipt
// instant, the place). Create is idempotent by ticket id (the
// intake key); Update is all-or-nothing over its tickets and refuses a
// stale version with ticket.ErrConflict.
//
// Create it with NewTicketStore on a pool whose schema was migrated.
type TicketStore struct {
	pool     *pgxpool.Pool
	pageSize int
}

var _ ticket.Store = (*TicketStore)(nil)

// NewTicketStore returns a TicketStore using pool.
func NewTicketStore(pool *pgxpool.Pool) *TicketStore {
	return &TicketStore{pool: pool, pageSize: 1000}
}

// As sets *target to the store's *pgxpool.Pool when target is a
// **pgxpool.Pool, and reports whether it did.
func (s *TicketStore) As(target any) bool { return asPool(s.pool, target) }

func wrapTicket(op string, err error) error {
	var ve *ticket.InputError
	if errors.As(err, &ve) {
		return err
	}
	return passThrough(op, err, ticket.ErrNotFound, ticket.ErrConflict, ticket.ErrDuplicateKey,
		context.Canceled, context.DeadlineExceeded)
}

func ticketDoc(t ticket.Ticket) ([]byte, error) { return json.Marshal(t) }

func decodeTicket(doc []byte, version int64) (ticket.Ticket, error) {
	var t ticket.Ticket
	if err := json.Unmarshal(doc, &t); err != nil {
		return ticket.Ticket{}, fmt.Errorf("decoding stored ticket: %w", err)
	}
	t.Version = version
	return t, nil
}

// CreateTicket implements ticket.Store.
func (s *TicketStore) CreateTicket(ctx context.Context, t ticket.Ticket) (ticket.Ticket, bool, error) {
	if err := ctx.Err(); err != nil {
		return ticket.Ticket{}, false, err
	}
	if t.ID == "" {
		return ticket.Ticket{}, false, &ticket.InputError{Field: "id", Reason: "empty"}
	}
	if t.Version == 0 {
		t.Version = 1
		doc, err := ticketDoc(t)
		if err != nil {
			return ticket.Ticket{}, false, wrap("create ticket: encode", err)
		}
		tag, err := s.pool.Exec(ctx, `INSERT INTO ticket (id, version, state, terminal, lead_unit, received_at, category, received, place, doc)
			VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
			string(t.ID), string(t.State), t.State.Terminal(), string(t.Lead.ID), t.ReceivedAt, string(t.Category), ticketquery.Received(t.ReceivedAt),
			string(t.Location), doc)
		if err != nil {
			return ticket.Ticket{}, false, wrap("create ticket", err)
		}
		if tag.RowsAffected() == 1 {
			return t, true, nil
		}
		t.Version = 0
	}
	stored, err := s.Ticket(ctx, t.ID)
	if errors.Is(err, ticket.ErrNotFound) {
		return ticket.Ticket{}, false, fmt.Errorf("postgres: ticket %s: create at version %d: %w", t.ID, t.Version, ticket.ErrConflict)
	}
	if err != nil {
		return ticket.Ticket{}, false, err
	}
	if !ticket.SameIntake(stored, t) {
		return ticket.Ticket{}, false, fmt.Errorf("postgres: ticket %s: %w", t.ID, ticket.ErrDuplicateKey)
	}
	return stored, false, nil
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
	docs := make([][]byte, len(ts))
	for i, t := range ts {
		t.Version++
		doc, err := ticketDoc(t)
		if err != nil {
			return nil, wrap("update ticket: encode", err)
		}
		out[i], docs[i] = t, doc
	}
	err := inTx(ctx, s.pool, func(tx pgx.Tx) error {
		seen := make(map[ticket.ID]bool, len(ts))
		for i, t := range ts {
			if seen[t.ID] {
				return fmt.Errorf("postgres: ticket %s: written twice in one update: %w", t.ID, ticket.ErrConflict)
			}
			seen[t.ID] = true
			tag, err := tx.Exec(ctx, `UPDATE ticket SET version = $3, state = $4, terminal = $5, lead_unit = $6,
				received_at = $7, category = $8, received = $9, place = $10, doc = $11 WHERE id = $1 AND version = $2`,
				string(t.ID), t.Version, t.Version+1, string(t.State), t.State.Terminal(), string(t.Lead.ID), t.ReceivedAt,
				string(t.Category), ticketquery.Received(t.ReceivedAt), string(t.Location), docs[i])
			if err != nil {
				return err
			}
			if tag.RowsAffected() == 1 {
				continue
			}
			var stored int64
			err = tx.QueryRow(ctx, `SELECT version FROM ticket WHERE id = $1`, string(t.ID)).Scan(&stored)
			if errors.Is(err, pgx.ErrNoRows) {
				return fmt.Errorf("postgres: ticket %s: %w", t.ID, ticket.ErrNotFound)
			}
			if err != nil {
				return err
			}
			return fmt.Errorf("postgres: ticket %s: version %d, stored %d: %w", t.ID, t.Version, stored, ticket.ErrConflict)
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
	var doc []byte
	var version int64
	err := s.pool.QueryRow(ctx, `SELECT doc, version FROM ticket WHERE id = $1`, string(id)).Scan(&doc, &version)
	if errors.Is(err, pgx.ErrNoRows) {
		return ticket.Ticket{}, fmt.Errorf("postgres: ticket %s: %w", id, ticket.ErrNotFound)
	}
	if err != nil {
		return ticket.Ticket{}, wrap("get ticket", err)
	}
	t, err := decodeTicket(doc, version)
	return t, wrap("get ticket", err)
}

// tickets is the SQL of Tickets: placeholders $N, lists bound as text[].
var tickets = ticketquery.Dialect{
	Param: func(n int) string { return "$" + strconv.Itoa(n) },
	In:    func(column, param string) string { return column + " = ANY(" + param + ")" },
	List:  func(l []string) any { return l },
	Open:  "NOT terminal",
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
	rows, err := s.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, "", "", err
	}
	defer rows.Close()
	for rows.Next() {
		var doc []byte
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
