package ticket

import (
	"time"

	"github.com/gongzhi/gongzhi/calendar"
)

// EventKind names a lifecycle event.
type EventKind string

// Event kinds and who may perform them.
const (
	EvIntake           EventKind = "intake"            // recorded by NewTicket
	EvDispatch         EventKind = "dispatch"          // hotline: received -> dispatched (派单)
	EvDispose          EventKind = "dispose"           // hotline: received -> disposed (art. 11 outcome)
	EvAccept           EventKind = "accept"            // lead unit: dispatched -> accepted (签收)
	EvObject           EventKind = "object"            // lead unit: dispatched -> objected (派单异议)
	EvReview           EventKind = "review"            // supervisor: objected -> dispatched (same or new unit)
	EvContact          EventKind = "contact"           // lead unit: first contact with the requester
	EvStart            EventKind = "start"             // lead unit: accepted -> in progress
	EvProgress         EventKind = "progress"          // lead unit, a party or the hotline: posts an update
	EvPause            EventKind = "pause"             // lead unit: in progress -> paused, or a pause request pending approval
	EvDecidePause      EventKind = "decide_pause"      // hotline: approves (-> paused) or denies a pending pause request
	EvResume           EventKind = "resume"            // lead unit or supervisor: paused -> in progress
	EvRequestExtension EventKind = "request_extension" // lead unit: asks for more time (延期)
	EvDecideExtension  EventKind = "decide_extension"  // hotline: approves or denies it
	EvAddCoUnit        EventKind = "add_co_unit"       // lead unit: adds a co-unit that reports to it
	EvSummon           EventKind = "summon"            // subdistrict lead: summons departments (吹哨)
	EvReport           EventKind = "report"            // co-unit or summoned department reports (报到)
	EvEscalate         EventKind = "escalate"          // lead unit: hands the ticket to a higher-level unit (art. 20)
	EvResolve          EventKind = "resolve"           // lead unit: in progress -> resolved
	EvCallback         EventKind = "callback"          // hotline: resolved, or unresolved past its time limit -> called back, with the rating (回访, art. 23)
	EvClose            EventKind = "close"             // hotline: called back -> closed
	EvReopen           EventKind = "reopen"            // hotline: called back -> in progress (dissatisfied)
	EvMerge            EventKind = "merge"             // hotline: duplicate -> merged into another ticket
	EvRebase           EventKind = "rebase"            // recorded by Rebase: a provisional deadline moved when a holiday notice was loaded
)

// Valid reports whether k is a defined event kind that callers may apply
// (EvIntake is recorded by NewTicket only, EvRebase by Rebase).
func (k EventKind) Valid() bool {
	switch k {
	case EvDispatch, EvDispose, EvAccept, EvObject, EvReview, EvContact, EvStart, EvProgress,
		EvPause, EvDecidePause, EvResume, EvRequestExtension, EvDecideExtension, EvAddCoUnit, EvSummon, EvReport,
		EvEscalate, EvResolve, EvCallback, EvClose, EvReopen, EvMerge:
		return true
	}
	return false
}

// Party is someone told about an event.
type Party string

// Parties that events notify.
const (
	ToResident Party = "resident"
	ToHotline  Party = "hotline"
	ToUnit     Party = "unit"     // the lead unit
	ToDistrict Party = "district" // the district government, copied on dispatches to a subdistrict (art. 12)
)

// Summon names a department summoned by a subdistrict and its own report
// deadline (zero: the SLA rule's co_report limit).
type Summon struct {
	Unit  Unit            `json:"unit"`
	Limit calendar.Period `json:"limit,omitzero"`
}

// Event is one step of a ticket's life. Which fields matter depends on Kind:
//
//   - Unit: dispatch, review (the new unit when the objection is upheld),
//     add_co_unit, escalate (the higher-level unit)
//   - Summons: summon
//   - Limit: request_extension (the extra time), add_co_unit (report
//     deadline), pause (its length)
//   - Reason: pause (one of the SLA rule's PauseRule.Reasons)
//   - Approve: review (objection upheld), decide_extension and
//     decide_pause (approved)
//   - Outcome, Line: dispose
//   - Rating: callback
//   - Into: merge
//   - Note: the reason, update or result text (required for object, pause,
//     progress, request_extension, resolve, report)
//
// Notified is filled in by Apply with the parties the event must be told to.
type Event struct {
	Kind     EventKind       `json:"kind"`
	At       time.Time       `json:"at"`
	Actor    Actor           `json:"actor,omitzero"`
	Unit     Unit            `json:"unit,omitzero"`
	Summons  []Summon        `json:"summons,omitempty"`
	Limit    calendar.Period `json:"limit,omitzero"`
	Reason   PauseReason     `json:"reason,omitempty"`
	Approve  bool            `json:"approve,omitempty"`
	Outcome  Outcome         `json:"outcome,omitempty"`
	Line     EmergencyLine   `json:"line,omitempty"`
	Rating   *Rating         `json:"rating,omitempty"`
	Into     ID              `json:"into,omitempty"`
	Note     string          `json:"note,omitempty"`
	Notified []Party         `json:"notified,omitempty"`
}

func (e Event) clone() Event {
	e.Summons = append([]Summon(nil), e.Summons...)
	e.Notified = append([]Party(nil), e.Notified...)
	if e.Rating != nil {
		r := *e.Rating
		e.Rating = &r
	}
	return e
}
