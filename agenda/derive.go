package agenda

import (
	"bufio"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/gongzhi/gongzhi/internal/strictjson"
	"github.com/gongzhi/gongzhi/ticket"

	"github.com/gongzhi/gongzhi/grid"
)

// TicketRef is what agenda needs to know about a resident's ticket to
// derive topics from complaints: its id, place, category (a topic category
// of the policy, which callers map from the ticket's own category) and
// time. RefOf builds one from a ticket.
type TicketRef struct {
	ID       ticket.ID `json:"id"`
	Grid     grid.ID   `json:"grid"`
	Category string    `json:"category"` // a topic category of the policy
	At       time.Time `json:"at"`
}

// RefOf returns the ref of t under the topic category cat: its id, its
// location and its receipt time.
func RefOf(t ticket.Ticket, cat string) TicketRef {
	return TicketRef{ID: t.ID, Grid: t.Location, Category: cat, At: t.ReceivedAt}
}

// Derivation says when repeated complaints become a topic (未诉先办: solve the
// class of problem, not the single case): at least Min tickets of one
// category at one place within the last Window days.
type Derivation struct {
	Min int `json:"min"` // at least 2
	// Window is the number of days, ending on the derivation day, whose
	// tickets count; 0 counts every ticket up to that day.
	Window int `json:"window_days,omitempty"`
}

// Validate reports the first invalid field as a *ConfigError.
func (d Derivation) Validate() error {
	if d.Min < 2 {
		return &ConfigError{Field: "min", Reason: fmt.Sprintf("a cluster needs at least 2 tickets, got %d", d.Min)}
	}
	if d.Window < 0 || d.Window > maxDays {
		return &ConfigError{Field: "window_days", Reason: fmt.Sprintf("must be between 0 and %d, got %d", maxDays, d.Window)}
	}
	return nil
}

// DeriveTopics groups tickets by place and category and returns a draft
// topic (Origin FromTickets, citing the ticket ids) for every group of at
// least d.Min tickets dated within the window ending on day. Draft ids are
// "tickets/<grid>/<category>/<day>", so deriving twice on one day gives
// the same ids (Raise then reports ErrConflict for a new draft, or
// returns the stored topic for an identical one). Topics come sorted by
// ticket count, most first, then by id. Pure.
func DeriveTopics(d Derivation, tickets []TicketRef, day time.Time) ([]Topic, error) {
	if err := d.Validate(); err != nil {
		return nil, err
	}
	end := time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, day.Location())
	var start time.Time
	if d.Window > 0 {
		start = end.AddDate(0, 0, -d.Window)
	}
	type key struct {
		g grid.ID
		c string
	}
	groups := map[key][]ticket.ID{}
	for i, t := range tickets {
		if t.ID == "" || t.Grid == "" || t.Category == "" {
			return nil, invalid(fmt.Sprintf("tickets[%d]", i), "a ticket ref needs an id, a grid node and a category")
		}
		if !t.At.Before(end) || (!start.IsZero() && t.At.Before(start)) {
			continue
		}
		k := key{t.Grid, t.Category}
		groups[k] = append(groups[k], t.ID)
	}
	var out []Topic
	stamp := day.Format(time.DateOnly)
	for k, ids := range groups {
		slices.Sort(ids)
		ids = slices.Compact(ids)
		if len(ids) < d.Min {
			continue
		}
		out = append(out, Topic{
			ID:       TopicID(fmt.Sprintf("tickets/%s/%s/%s", k.g, k.c, stamp)),
			Grid:     k.g,
			Title:    fmt.Sprintf("%d tickets about %s at %s", len(ids), k.c, k.g),
			Category: k.c,
			Source:   Source{Origin: FromTickets, Ticket: ids},
			Raised:   day,
		})
	}
	slices.SortFunc(out, func(a, b Topic) int {
		return cmp.Or(cmp.Compare(len(b.Source.Ticket), len(a.Source.Ticket)), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// ReadTicketRefs reads ticket refs as JSON Lines (one object per line,
// blank lines ignored), strictly: unknown fields, missing fields and
// malformed lines are an error naming the line. At most 10 MiB are read.
func ReadTicketRefs(r io.Reader) ([]TicketRef, error) {
	sc := bufio.NewScanner(io.LimitReader(r, 10<<20))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	var out []TicketRef
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var t TicketRef
		if err := strictjson.Decode(b, &t); err != nil {
			return nil, invalid(fmt.Sprintf("line %d", line), "%s", strings.TrimPrefix(err.Error(), "json: "))
		}
		if t.ID == "" || t.Grid == "" || t.Category == "" || t.At.IsZero() {
			return nil, invalid(fmt.Sprintf("line %d", line), "a ticket ref needs id, grid, category and at")
		}
		out = append(out, t)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, invalid(fmt.Sprintf("line %d", line+1), "longer than 1 MiB")
		}
		return nil, fmt.Errorf("agenda: reading ticket refs: %w", err)
	}
	return out, nil
}
