package ticket

import (
	"context"
	"iter"
	"slices"
	"time"

	"github.com/gongzhi/gongzhi/grid"
)

// Store persists tickets for a Service. Implementations must be safe for
// concurrent use and must return tickets that share no memory with what
// they hold. Run tickettest.TestStore against any implementation.
type Store interface {
	// CreateTicket stores t, a ticket with Version 0, at version 1 and returns it
	// with created == true. If a ticket with t.ID exists and SameIntake(t,
	// stored) holds, CreateTicket returns the stored ticket, created == false and
	// no error, changing nothing (a retried intake). If the stored intake
	// differs, it returns ErrDuplicateKey.
	CreateTicket(ctx context.Context, t Ticket) (stored Ticket, created bool, err error)
	// UpdateTickets atomically writes every ticket of ts, each of which must
	// carry the version it was read at: either all are written (each at
	// version+1, returned in order) or none. A stale version returns
	// ErrConflict, an unknown ID ErrNotFound. UpdateTickets with no tickets does
	// nothing.
	UpdateTickets(ctx context.Context, ts ...Ticket) ([]Ticket, error)
	// Ticket returns the ticket with id, or ErrNotFound.
	Ticket(ctx context.Context, id ID) (Ticket, error)
	// Tickets yields the tickets that match f, in ID order or, with
	// f.Newest, newest first; at most f.Limit of them when f.Limit > 0.
	// An empty store yields nothing. Errors (a cancelled context) are
	// yielded once, last. A store for many tickets answers a filter on
	// IDs, on Places, a received-time window and Newest with Limit from
	// indexes, without reading every ticket (the Open311 listing relies
	// on it).
	Tickets(ctx context.Context, f Filter) iter.Seq2[Ticket, error]
}

// Filter selects tickets in Store.Tickets. The zero Filter selects all,
// in ID order. Conditions combine with AND.
type Filter struct {
	// Open selects tickets not in a terminal state.
	Open bool `json:"open,omitempty"`
	// States selects these states (empty: any).
	States []State `json:"states,omitempty"`
	// Unit selects tickets whose lead unit is Unit (empty: any).
	Unit UnitID `json:"unit,omitempty"`
	// IDs selects these tickets (empty: any); unknown ids select nothing.
	IDs []ID `json:"ids,omitempty"`
	// Categories selects tickets whose category is one of these, exactly
	// (empty: any); a parent category does not select its children.
	Categories []CategoryID `json:"categories,omitempty"`
	// Places selects tickets whose Location is one of these grid places,
	// exactly (empty: any). A place does not select the places under it,
	// and a ticket without a Location matches no list (an empty entry
	// selects nothing). To select the tickets in an area (a jurisdiction,
	// a subdistrict), the caller lists the area's subtree as the grid has
	// it when asking (grid.View.Subtree): a ticket keeps the place it was
	// filed at, while the tree above the place changes with
	// redistricting, so the store indexes the place itself, not a path.
	Places []grid.ID `json:"places,omitempty"`
	// ReceivedFrom and ReceivedTo select tickets received (ReceivedAt) in
	// [ReceivedFrom, ReceivedTo], both included, compared as instants to
	// the nanosecond; a zero bound is open.
	ReceivedFrom time.Time `json:"received_from,omitzero"`
	ReceivedTo   time.Time `json:"received_to,omitzero"`
	// Newest orders the tickets newest first: ReceivedAt descending, then
	// ID ascending among tickets received at the same instant. Without
	// it the order is ID ascending.
	Newest bool `json:"newest,omitempty"`
	// Limit, when positive, stops after that many tickets, the first in
	// the order above. Zero or less: no limit.
	Limit int `json:"limit,omitempty"`
}

// Match reports whether t passes the filter's conditions (Newest and
// Limit are not conditions).
func (f Filter) Match(t *Ticket) bool {
	switch {
	case f.Open && t.State.Terminal():
		return false
	case len(f.States) > 0 && !slices.Contains(f.States, t.State):
		return false
	case f.Unit != "" && t.Lead.ID != f.Unit:
		return false
	case len(f.IDs) > 0 && !slices.Contains(f.IDs, t.ID):
		return false
	case len(f.Categories) > 0 && !slices.Contains(f.Categories, t.Category):
		return false
	case len(f.Places) > 0 && (t.Location == "" || !slices.Contains(f.Places, t.Location)):
		return false
	case !f.ReceivedFrom.IsZero() && t.ReceivedAt.Before(f.ReceivedFrom):
		return false
	case !f.ReceivedTo.IsZero() && t.ReceivedAt.After(f.ReceivedTo):
		return false
	}
	return true
}

// Before reports whether a comes before b in the order f asks for: ID
// ascending, or with Newest, ReceivedAt descending and then ID ascending.
// Stores that sort in memory use it.
func (f Filter) Before(a, b *Ticket) bool {
	if f.Newest {
		if c := a.ReceivedAt.Compare(b.ReceivedAt); c != 0 {
			return c > 0
		}
	}
	return a.ID < b.ID
}

// SameIntake reports whether a and b were opened from the same intake:
// same ID, channel, kind, category, urgency, location, contact, text,
// source and details. The receipt instant is not compared, so a retry stamped by the
// server a moment later is still recognised as a retry. Stores use it to
// make intake idempotent.
func SameIntake(a, b Ticket) bool {
	return a.ID == b.ID && a.Channel == b.Channel && a.Kind == b.Kind && a.Category == b.Category &&
		a.Urgency.norm() == b.Urgency.norm() && a.Location == b.Location && a.Contact == b.Contact &&
		a.Text == b.Text && a.Source == b.Source && a.Details.Equal(b.Details)
}
