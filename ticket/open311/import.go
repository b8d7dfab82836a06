package open311

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongzhi/gongzhi/ticket"
)

// Importer copies the requests of a remote GeoReport endpoint into the
// ticket service, so that a district can migrate from an existing 311
// system or mirror one. New requests go through the service's history
// import (ticket.Service.Import), which replays each one and checks the
// order, the time and the authority of every event; a request already
// imported is left alone when nothing changed remotely, and re-replayed
// and rewritten when it did (closed since the last run). Importing the
// same window twice adds nothing.
type Importer struct {
	// Service receives the tickets; its category tree, SLA policy and
	// calendars compute the replayed clocks.
	Service *ticket.Service
	// Store is the service's store, for rewriting requests that changed
	// remotely.
	Store ticket.Store
	// Prefix names the remote system in ticket ids ("<prefix>:<remote id>")
	// and sources. Required.
	Prefix string
	// Categories maps remote service codes to ticket categories. A code
	// it lacks goes to Default, or is skipped when Default is empty.
	Categories map[string]ticket.CategoryID
	Default    ticket.CategoryID
	// Kind of the imported tickets; empty means ticket.Help.
	Kind ticket.Kind
	// Operator dispatches the imported tickets in their replayed history;
	// its zero value is a hotline actor named after Prefix.
	Operator ticket.Actor
}

// ImportStats counts what an import did.
type ImportStats struct {
	Seen, Created, Updated, Unchanged int
	// Skipped lists the requests left out and why.
	Skipped []Skipped
}

// Skipped is a remote request that was not imported.
type Skipped struct {
	ID     string
	Reason string
}

// Import reads every request of c with a requested_datetime in [from, to]
// and stores it as a ticket: new requests are created, requests whose
// remote state moved on (closed since the last import) are updated, and
// the rest are left as they are.
func (im *Importer) Import(ctx context.Context, c *Client, from, to time.Time) (ImportStats, error) {
	var st ImportStats
	if im.Service == nil || im.Store == nil {
		return st, &ConfigError{Field: "Service", Reason: "the importer needs a service and its store"}
	}
	if im.Prefix == "" || strings.ContainsAny(im.Prefix, ": ") {
		return st, &ConfigError{Field: "Prefix", Reason: "empty, or contains a colon or space"}
	}
	err := c.Each(ctx, from, to, func(sr ServiceRequest) error {
		st.Seen++
		rec, err := im.Record(sr)
		if err != nil {
			st.Skipped = append(st.Skipped, Skipped{ID: string(sr.ID), Reason: err.Error()})
			return nil
		}
		return im.store(ctx, sr, rec, &st)
	})
	return st, err
}

func (im *Importer) store(ctx context.Context, sr ServiceRequest, rec ticket.Record, st *ImportStats) error {
	old, err := im.Store.Ticket(ctx, rec.Intake.ID)
	if errors.Is(err, ticket.ErrNotFound) {
		if _, err := im.Service.Import(ctx, []ticket.Record{rec}); err != nil {
			if errors.Is(err, ticket.ErrInvalid) || errors.Is(err, ticket.ErrIllegalTransition) || errors.Is(err, ticket.ErrUnauthorized) {
				st.Skipped = append(st.Skipped, Skipped{ID: string(sr.ID), Reason: err.Error()})
				return nil
			}
			return err
		}
		st.Created++
		return nil
	}
	if err != nil {
		return err
	}
	// Already imported: replay the remote's current history and compare.
	data, err := json.Marshal([]ticket.Record{rec})
	if err != nil {
		return err
	}
	ts, err := ticket.Import(im.Service.Config(), data)
	if err != nil {
		st.Skipped = append(st.Skipped, Skipped{ID: string(sr.ID), Reason: err.Error()})
		return nil
	}
	t := ts[0]
	t.Version = old.Version
	if sameTicket(t, old) {
		st.Unchanged++
		return nil
	}
	if now, err := im.Service.Now(); err != nil || t.Updated.After(now) {
		st.Skipped = append(st.Skipped, Skipped{ID: string(sr.ID), Reason: "updated_datetime is after the service's clock"})
		return nil
	}
	if _, err := im.Store.UpdateTickets(ctx, t); err != nil {
		return err
	}
	st.Updated++
	return nil
}

// Record maps a remote request onto a ticket record: the intake at its
// requested_datetime, and for a request with an agency a dispatch to that
// agency; a closed request is accepted, started and resolved by the
// agency at its updated_datetime (GeoReport's "closed" means the matter
// was dealt with).
func (im *Importer) Record(sr ServiceRequest) (ticket.Record, error) {
	if sr.ID == "" || len(sr.ID) > 150 || !utf8.ValidString(string(sr.ID)) {
		return ticket.Record{}, fmt.Errorf("bad service_request_id %q", sr.ID)
	}
	requested, err := parseTime(sr.Requested)
	if err != nil {
		return ticket.Record{}, fmt.Errorf("requested_datetime: %v", err)
	}
	cat, ok := im.Categories[string(sr.ServiceCode)]
	if !ok {
		if im.Default == "" {
			return ticket.Record{}, fmt.Errorf("service_code %q is not mapped to a category", sr.ServiceCode)
		}
		cat = im.Default
	}
	kind := im.Kind
	if kind == "" {
		kind = ticket.Help
	}
	text := strings.TrimSpace(sr.Description)
	if text == "" {
		text = sr.ServiceName
	}
	if text == "" {
		text = string(sr.ServiceCode)
	}
	in := ticket.Intake{ID: ticket.ID(im.Prefix + ":" + string(sr.ID)), Channel: ticket.Hotline, Kind: kind,
		Category: cat, Text: text, Source: "open311-import:" + im.Prefix, At: requested,
		Contact: ticket.Contact{Address: sr.Address}}
	var d ticket.Details
	if sr.Lat != nil && sr.Long != nil {
		d.Point = &ticket.Position{Lat: *sr.Lat, Long: *sr.Long}
	}
	d.MediaURL = sr.MediaURL
	if d.Point != nil || d.MediaURL != "" {
		if err := d.Validate(); err != nil {
			d = ticket.Details{} // keep the request; drop a broken point or link
		} else {
			in.Details = &d
		}
	}
	rec := ticket.Record{Intake: in}
	agency := strings.TrimSpace(sr.AgencyResponsible)
	if agency == "" {
		if sr.Status == "closed" {
			agency = im.Prefix
		} else {
			return rec, nil
		}
	}
	op := im.Operator
	if op == (ticket.Actor{}) {
		op = ticket.Actor{ID: im.Prefix, Role: ticket.HotlineRole}
	}
	unit := ticket.Unit{ID: ticket.UnitID(im.Prefix + ":" + agency), Level: ticket.DepartmentLevel, Name: agency}
	staff := ticket.Actor{ID: im.Prefix, Role: ticket.UnitRole, Unit: unit.ID}
	rec.Events = append(rec.Events, ticket.Event{Kind: ticket.EvDispatch, At: requested, Actor: op, Unit: unit, Note: "imported from " + im.Prefix})
	if sr.Status != "closed" {
		return rec, nil
	}
	done := requested
	if u, err := parseTime(sr.Updated); err == nil && u.After(requested) {
		done = u
	}
	note := sr.StatusNotes
	if note == "" {
		note = "closed at " + im.Prefix
	}
	rec.Events = append(rec.Events,
		ticket.Event{Kind: ticket.EvAccept, At: requested, Actor: staff},
		ticket.Event{Kind: ticket.EvStart, At: requested, Actor: staff},
		ticket.Event{Kind: ticket.EvResolve, At: done, Actor: staff, Note: note})
	return rec, nil
}

// sameTicket compares two tickets by their JSON form, so that a store that
// round-trips through JSON (time zones as offsets) compares equal.
func sameTicket(a, b ticket.Ticket) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}
