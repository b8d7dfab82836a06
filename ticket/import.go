package ticket

import (
	"fmt"
)

// Record is the portable form of a ticket: its intake and the events that
// followed, in order. Importing replays them through NewTicket and Apply,
// so an imported ticket is valid by construction and its clocks are
// recomputed with the importer's calendars.
type Record struct {
	Intake Intake  `json:"intake"`
	Events []Event `json:"events,omitempty"`
}

// Export returns the record that reproduces t (Notified lists are dropped:
// Apply recomputes them). Merge events are exported on the merged
// duplicate only.
func Export(t Ticket) Record {
	r := Record{Intake: Intake{ID: t.ID, Channel: t.Channel, Kind: t.Kind, Category: t.Category,
		Urgency: t.Urgency, Location: t.Location, Contact: t.Contact, Text: t.Text, Source: t.Source,
		At: t.ReceivedAt}}
	for i, e := range t.History {
		if i == 0 {
			r.Intake.By = e.Actor
			continue
		}
		if e.Kind == EvMerge && e.Into == t.ID {
			continue // the primary's side of a merge
		}
		e = e.clone()
		e.Notified = nil
		r.Events = append(r.Events, e)
	}
	return r
}

// ImportError reports which record of an import failed and why.
type ImportError struct {
	Index int   // position in the input, from 0
	ID    ID    // the record's intake ID, if any
	Event int   // index of the failing event, -1 for the intake
	Err   error // the underlying error
}

// Error implements the error interface.
func (e *ImportError) Error() string {
	where := "intake"
	if e.Event >= 0 {
		where = fmt.Sprintf("event %d", e.Event)
	}
	return fmt.Sprintf("ticket: import record %d (%s), %s: %v", e.Index, e.ID, where, e.Err)
}

// Unwrap returns the underlying error (a *ValidationError,
// *TransitionError, ...), so errors.Is(err, ErrInvalid) works.
func (e *ImportError) Unwrap() error { return e.Err }

// maxImport bounds the size of an import document.
const maxImport = 64 << 20

// Import decodes a JSON array of records (unknown fields rejected) and
// replays each under cfg. Merge events link two tickets: the duplicate is
// replayed with Merge against the primary, which must come earlier in the
// input. Duplicate intake IDs are rejected. Nothing is returned unless
// every record replays.
func Import(cfg Config, data []byte) ([]Ticket, error) {
	if len(data) > maxImport {
		return nil, &ValidationError{Field: "records", Reason: fmt.Sprintf("import larger than %d bytes", maxImport)}
	}
	var recs []Record
	if err := decodeStrict(data, &recs); err != nil {
		return nil, &ValidationError{Field: "records", Reason: err.Error()}
	}
	out := make([]Ticket, 0, len(recs))
	index := map[ID]int{}
	for i, r := range recs {
		t, err := NewTicket(cfg, r.Intake)
		if err != nil {
			return nil, &ImportError{Index: i, ID: r.Intake.ID, Event: -1, Err: err}
		}
		if _, dup := index[t.ID]; dup {
			return nil, &ImportError{Index: i, ID: t.ID, Event: -1, Err: &ValidationError{Field: "intake.id", Reason: "duplicate id"}}
		}
		for j, e := range r.Events {
			if e.Kind == EvMerge {
				k, ok := index[e.Into]
				if !ok {
					return nil, &ImportError{Index: i, ID: t.ID, Event: j, Err: &ValidationError{Field: "into", Reason: fmt.Sprintf("unknown or later ticket %q", e.Into)}}
				}
				var p Ticket
				if t, p, err = Merge(cfg, t, out[k], e); err != nil {
					return nil, &ImportError{Index: i, ID: r.Intake.ID, Event: j, Err: err}
				}
				out[k] = p
				continue
			}
			if t, err = Apply(cfg, t, e); err != nil {
				return nil, &ImportError{Index: i, ID: r.Intake.ID, Event: j, Err: err}
			}
		}
		index[t.ID] = len(out)
		out = append(out, t)
	}
	return out, nil
}
