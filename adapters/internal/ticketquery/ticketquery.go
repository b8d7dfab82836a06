// Package ticketquery is the SQL of ticket.Store's Tickets that both
// adapters share: a ticket.Filter as conditions on the indexed columns of
// table ticket (migrations 8 and 9), the keyset that resumes a listing after the
// last ticket of the page before (id order, or received DESC, id when
// newest first), and the filter's limit counted across pages. An adapter
// names its dialect and reads each page's query on its own connection.
package ticketquery

import (
	"context"
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gongzhi/gongzhi/internal/keyset"
	"github.com/gongzhi/gongzhi/ticket"
)

// Dialect is what the adapters' SQL does differently.
type Dialect struct {
	// Param is the placeholder of the nth argument (from 1), such as "$3"
	// or "?3".
	Param func(n int) string
	// In is the condition that column holds one of the strings of the list
	// bound at param (a placeholder of Param).
	In func(column, param string) string
	// List is a list of strings as In binds it.
	List func([]string) any
	// Open is the condition of a ticket not yet in a terminal state.
	Open string
}

// Received is the value of the received column: the instant in UTC with
// nine fraction digits, so that text order is time order.
func Received(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000000Z") }

// ReadPage runs query, whose rows are doc, version, id and received, and
// returns its tickets with the id and received columns of the last one.
type ReadPage func(ctx context.Context, query string, args []any) (page []ticket.Ticket, lastID, lastReceived string, err error)

// Stream is ticket.Store's Tickets for f: the tickets read through read, a
// page of pageSize at the most at a time, until a short page or f.Limit.
func Stream(ctx context.Context, f ticket.Filter, d Dialect, pageSize int, read ReadPage) iter.Seq2[ticket.Ticket, error] {
	return func(yield func(ticket.Ticket, error) bool) {
		p := newPages(f, d, pageSize)
		keyset.Pages(ctx, pageSize, func(ctx context.Context) ([]ticket.Ticket, error) {
			query, args, ok := p.next()
			if !ok {
				return nil, nil // the limit is reached: an empty page ends the stream
			}
			page, lastID, lastReceived, err := read(ctx, query, args)
			p.read(len(page), lastID, lastReceived)
			return page, err
		})(yield)
	}
}

// pages is one listing of f, a page at a time: next gives a page's query
// and read takes what the page held.
type pages struct {
	d            Dialect
	where        []string
	args         []any
	order        string
	newest       bool
	size         int
	limit, left  int // left: of limit, when limit > 0
	started      bool
	lastID, last string
}

// newPages returns the listing of f, pageSize tickets a page at the most.
func newPages(f ticket.Filter, d Dialect, pageSize int) *pages {
	p := &pages{d: d, order: "id", newest: f.Newest, size: pageSize, limit: max(f.Limit, 0), left: max(f.Limit, 0)}
	if f.Newest {
		p.order = "received DESC, id"
	}
	if f.Open {
		p.where = append(p.where, d.Open)
	}
	p.in("state", strs(f.States))
	if f.Unit != "" {
		p.where = append(p.where, "lead_unit = "+p.arg(string(f.Unit)))
	}
	p.in("id", strs(f.IDs))
	p.in("category", strs(f.Categories))
	if len(f.Places) > 0 { // place '' is a ticket without one, which no list selects: even an emptied list is a condition
		places := slices.DeleteFunc(strs(f.Places), func(p string) bool { return p == "" })
		p.where = append(p.where, p.d.In("place", p.arg(p.d.List(places))))
	}
	if !f.ReceivedFrom.IsZero() {
		p.where = append(p.where, "received >= "+p.arg(Received(f.ReceivedFrom)))
	}
	if !f.ReceivedTo.IsZero() {
		p.where = append(p.where, "received <= "+p.arg(Received(f.ReceivedTo)))
	}
	return p
}

// arg binds v and returns its placeholder.
func (p *pages) arg(v any) string {
	p.args = append(p.args, v)
	return p.d.Param(len(p.args))
}

// in adds the condition that column is one of list, unless list is empty.
func (p *pages) in(column string, list []string) {
	if len(list) > 0 {
		p.where = append(p.where, p.d.In(column, p.arg(p.d.List(list))))
	}
}

// next returns the query and arguments of the next page, or ok false when
// the filter's limit has been reached. The first page starts at the
// beginning; each later one after the ticket that read was last given.
func (p *pages) next() (query string, args []any, ok bool) {
	if p.limit > 0 && p.left == 0 {
		return "", nil, false
	}
	conds, args := p.where, p.args
	if p.started {
		args = append(append([]any(nil), p.args...), p.lastID)
		n := p.d.Param(len(args))
		after := "id > " + n
		if p.newest {
			args = append(args, p.last)
			r := p.d.Param(len(args))
			after = "(received < " + r + " OR (received = " + r + " AND id > " + n + "))"
		}
		conds = append(append([]string(nil), p.where...), after)
	}
	size := p.size
	if p.limit > 0 {
		size = min(size, p.left)
	}
	query = "SELECT doc, version, id, received FROM ticket"
	if len(conds) > 0 {
		query += " WHERE " + strings.Join(conds, " AND ")
	}
	return query + " ORDER BY " + p.order + " LIMIT " + strconv.Itoa(size), args, true
}

// read takes what the page of the last next held: n tickets, the last of
// them with id and received columns lastID and lastReceived.
func (p *pages) read(n int, lastID, lastReceived string) {
	p.started = true
	p.left = max(p.left-n, 0)
	if n > 0 {
		p.lastID, p.last = lastID, lastReceived
	}
}

func strs[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}
