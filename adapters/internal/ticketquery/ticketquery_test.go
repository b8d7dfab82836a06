package ticketquery_test

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gongzhi/gongzhi/adapters/internal/ticketquery"
	"github.com/gongzhi/gongzhi/ticket"
)

var pg = ticketquery.Dialect{
	Param: func(n int) string { return "$" + strconv.Itoa(n) },
	In:    func(column, param string) string { return column + " = ANY(" + param + ")" },
	List:  func(l []string) any { return strings.Join(l, ",") },
	Open:  "NOT terminal",
}

// pager is a ReadPage that records each query and returns pages of n
// tickets t-<i>, received R<i> (fewer if the query's LIMIT says so),
// until it has returned total.
type pager struct {
	n, total, sent int
	got            []string
}

func (p *pager) read(_ context.Context, query string, args []any) ([]ticket.Ticket, string, string, error) {
	p.got = append(p.got, fmt.Sprint(query, " ", args))
	_, limit, _ := strings.Cut(query, " LIMIT ")
	n, err := strconv.Atoi(limit)
	if err != nil {
		return nil, "", "", err
	}
	var page []ticket.Ticket
	for len(page) < min(n, p.n) && p.sent < p.total {
		p.sent++
		page = append(page, ticket.Ticket{ID: ticket.ID(fmt.Sprint("t-", p.sent))})
	}
	if len(page) == 0 {
		return nil, "", "", nil
	}
	return page, fmt.Sprint("t-", p.sent), fmt.Sprint("R", p.sent), nil
}

func ids(t *testing.T, seq iter.Seq2[ticket.Ticket, error]) []ticket.ID {
	t.Helper()
	var out []ticket.ID
	for tk, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, tk.ID)
	}
	return out
}

// A filter of every kind, newest first with a limit across pages: each
// page resumes after the last ticket read and asks only for what is left.
func TestStreamNewestWithLimit(t *testing.T) {
	at := time.Date(2026, 3, 1, 9, 0, 0, 5, time.FixedZone("CST", 8*3600))
	f := ticket.Filter{Open: true, States: []ticket.State{"received", "assigned"}, Unit: "u1",
		IDs: []ticket.ID{"t-1"}, Categories: []ticket.CategoryID{"noise"}, ReceivedFrom: at, ReceivedTo: at.Add(time.Hour),
		Newest: true, Limit: 5}
	p := &pager{n: 3, total: 100}
	got := ids(t, ticketquery.Stream(context.Background(), f, pg, 3, p.read))
	if want := []ticket.ID{"t-1", "t-2", "t-3", "t-4", "t-5"}; !slices.Equal(got, want) {
		t.Fatalf("Stream = %v, want %v", got, want)
	}
	where := "NOT terminal AND state = ANY($1) AND lead_unit = $2 AND id = ANY($3) AND category = ANY($4) AND received >= $5 AND received <= $6"
	args := []any{"received,assigned", "u1", "t-1", "noise", "2026-03-01T01:00:00.000000005Z", "2026-03-01T02:00:00.000000005Z"}
	want := []string{
		fmt.Sprint("SELECT doc, version, id, received FROM ticket WHERE "+where+" ORDER BY received DESC, id LIMIT 3 ", args),
		fmt.Sprint("SELECT doc, version, id, received FROM ticket WHERE "+where+
			" AND (received < $8 OR (received = $8 AND id > $7)) ORDER BY received DESC, id LIMIT 2 ", append(args, "t-3", "R3")),
	}
	if d := cmp.Diff(want, p.got); d != "" {
		t.Fatalf("queries (-want +got):\n%s", d)
	}
}

// No filter, no limit: id order, page after page until a short one.
func TestStreamAll(t *testing.T) {
	p := &pager{n: 2, total: 5}
	got := ids(t, ticketquery.Stream(context.Background(), ticket.Filter{}, pg, 2, p.read))
	if len(got) != 5 {
		t.Fatalf("Stream = %v, want 5 tickets", got)
	}
	want := []string{
		"SELECT doc, version, id, received FROM ticket ORDER BY id LIMIT 2 []",
		"SELECT doc, version, id, received FROM ticket WHERE id > $1 ORDER BY id LIMIT 2 [t-2]",
		"SELECT doc, version, id, received FROM ticket WHERE id > $1 ORDER BY id LIMIT 2 [t-4]",
	}
	if d := cmp.Diff(want, p.got); d != "" {
		t.Fatalf("queries (-want +got):\n%s", d)
	}
}
