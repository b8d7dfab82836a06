package ticket

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"
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
		Details: t.Details.Clone(), At: t.ReceivedAt}}
	for i, e := range t.History {
		if i == 0 {
			r.Intake.By = e.Actor
			continue
		}
		if e.Kind == EvMerge && e.Into == t.ID {
			continue // the primary's side of a merge
		}
		if e.Kind == EvRebase {
			continue // recomputed by the importer's calendars
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

// Unwrap returns the underlying error (a *InputError,
// *TransitionError, ...), so errors.Is(err, ErrInvalid) works.
func (e *ImportError) Unwrap() error { return e.Err }

// maxImport bounds the size of an import document.
const maxImport = 64 << 20

// DecodeRecords decodes a JSON array of records, rejecting unknown fields,
// trailing data, text that is not UTF-8 (naming its line) and documents
// over 64 MiB.
func DecodeRecords(data []byte) ([]Record, error) {
	if len(data) > maxImport {
		return nil, &InputError{Field: "records", Reason: fmt.Sprintf("import larger than %d bytes", maxImport)}
	}
	// encoding/json would replace each byte that is not UTF-8 with U+FFFD:
	// a GBK export's names and texts would be lost without a word.
	if !utf8.Valid(data) {
		return nil, &InputError{Field: "records", Reason: fmt.Sprintf("not UTF-8 text (line %d); JSON is UTF-8: export or save the file as UTF-8", badUTF8Line(data))}
	}
	var recs []Record
	if err := decodeStrict(data, &recs); err != nil {
		return nil, &InputError{Field: "records", Reason: err.Error()}
	}
	return recs, nil
}

// Import decodes a JSON array of records (unknown fields rejected) and
// replays each under cfg. Merge events link two tickets: the duplicate is
// replayed with Merge against the primary, which must come earlier in the
// input. Duplicate intake IDs are rejected. Nothing is returned unless
// every record replays.
//
// Import is the pure replay: it checks roles, states, limits and the order
// of events, not who the people were. Service.Import also checks each
// person's authority as of each event and stores the result.
func Import(cfg Config, data []byte) ([]Ticket, error) {
	recs, err := DecodeRecords(data)
	if err != nil {
		return nil, err
	}
	return replay(cfg, recs, replayChecks{})
}

// replayChecks are extra checks a replay runs before the intake and before
// each event (nil: none).
type replayChecks struct {
	intake func(in Intake) error
	event  func(t Ticket, e Event) error
}

func replay(cfg Config, recs []Record, chk replayChecks) ([]Ticket, error) {
	out := make([]Ticket, 0, len(recs))
	index := map[ID]int{}
	for i, r := range recs {
		t, err := NewTicket(cfg, r.Intake)
		if err == nil && chk.intake != nil {
			err = chk.intake(r.Intake)
		}
		if err != nil {
			return nil, &ImportError{Index: i, ID: r.Intake.ID, Event: -1, Err: err}
		}
		if _, dup := index[t.ID]; dup {
			return nil, &ImportError{Index: i, ID: t.ID, Event: -1, Err: &InputError{Field: "intake.id", Reason: "duplicate id"}}
		}
		for j, e := range r.Events {
			if chk.event != nil {
				if err := chk.event(t, e); err != nil {
					return nil, &ImportError{Index: i, ID: t.ID, Event: j, Err: err}
				}
			}
			if e.Kind == EvMerge {
				k, ok := index[e.Into]
				if !ok {
					return nil, &ImportError{Index: i, ID: t.ID, Event: j, Err: &InputError{Field: "into", Reason: fmt.Sprintf("unknown or later ticket %q", e.Into)}}
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

// Import replays records of past tickets (from another system, or an
// Export) and stores them. Unlike live events, whose instant the service
// stamps, imported events keep their own instants, so Import checks what
// Act would have checked at each of them:
//
//   - order: the intake comes first and events never run backwards
//     (*InputError), states, roles and limits hold as Apply checks
//     them;
//   - time: no intake or event lies after the service's clock (a
//     forward-dated event would lock every later actor out);
//   - authority: the Directory, if any, authorizes the person behind each
//     intake and event as of that event's instant, for the unit the ticket
//     had then.
//
// Merge events need their primary earlier in recs. Every record is
// replayed and checked before anything is written, so a record that fails
// a check writes nothing. Records are then created one by one: a record
// already stored with the same intake and the same events is returned as
// stored, so re-running an import that a store error interrupted completes
// it; one stored with a different history fails with ErrDuplicateKey.
// Import sends no notifications.
func (s *Service) Import(ctx context.Context, recs []Record) ([]Ticket, error) {
	now, err := s.clock()
	if err != nil {
		return nil, err
	}
	future := func(field string, at time.Time) error {
		if at.After(now) {
			return &InputError{Field: field, Reason: fmt.Sprintf("%s is after the service's clock %s",
				at.Format(time.RFC3339), now.Format(time.RFC3339))}
		}
		return nil
	}
	chk := replayChecks{
		intake: func(in Intake) error {
			if err := future("intake.at", in.At); err != nil {
				return err
			}
			if s.opts.Directory != nil && in.By != (Actor{}) && in.By.Role != UnitRole {
				return s.opts.Directory.Authorize(ctx, in.By, Unit{}, in.At)
			}
			return nil
		},
		event: func(t Ticket, e Event) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := future("at", e.At); err != nil {
				return err
			}
			if e.At.IsZero() {
				return nil // Apply names the zero time
			}
			return s.authorize(ctx, t, e)
		},
	}
	ts, err := replay(s.opts.Config, recs, chk)
	if err != nil {
		return nil, err
	}
	out := make([]Ticket, len(ts))
	for i, t := range ts {
		stored, created, err := s.store.CreateTicket(ctx, t)
		if err == nil && !created && !sameHistory(stored, t) {
			err = fmt.Errorf("ticket %s is stored with a different history: %w", t.ID, ErrDuplicateKey)
		}
		if err != nil {
			return nil, &ImportError{Index: i, ID: t.ID, Event: -1, Err: err}
		}
		out[i] = stored
	}
	return out, nil
}

// sameHistory reports whether a and b record the same events (kind,
// instant and actor, in order).
func sameHistory(a, b Ticket) bool {
	if len(a.History) != len(b.History) {
		return false
	}
	for i := range a.History {
		x, y := &a.History[i], &b.History[i]
		if x.Kind != y.Kind || !x.At.Equal(y.At) || x.Actor != y.Actor {
			return false
		}
	}
	return true
}

// badUTF8Line returns the 1-based line of the first byte of data that is
// not UTF-8.
func badUTF8Line(data []byte) int {
	line := 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size == 1 {
			break
		}
		if r == '\n' {
			line++
		}
		data = data[size:]
	}
	return line
}
