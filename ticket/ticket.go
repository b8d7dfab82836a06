package ticket

import (
	"github.com/gongzhi/gongzhi/calendar"

	"fmt"
	"time"

	"github.com/gongzhi/gongzhi/grid"
)

// ID identifies a ticket. It doubles as the intake key: retrying an intake
// with the same ID and identical content is idempotent.
type ID string

// UnitID identifies a handling unit (承办单位).
type UnitID string

// Unit is a handling unit: a building steward, a grid, a community, a
// subdistrict, the district or a department. Node is the grid node a
// place-bound unit is responsible for (empty for departments).
type Unit struct {
	ID    UnitID  `json:"id"`
	Level Level   `json:"level"`
	Node  grid.ID `json:"node,omitempty"`
	Name  string  `json:"name,omitempty"`
}

func (u Unit) validate(field string) error {
	if u.ID == "" {
		return &InputError{Field: field + ".id", Reason: "empty"}
	}
	if !u.Level.Valid() {
		return &InputError{Field: field + ".level", Reason: fmt.Sprintf("unknown level %q", u.Level)}
	}
	return nil
}

// Actor is who performs an event: a person acting in a role, for a unit
// when the role is UnitRole.
type Actor struct {
	ID   string `json:"id"`
	Role Role   `json:"role"`
	Unit UnitID `json:"unit,omitempty"`
}

// Participant is a unit other than the lead that must report on a ticket:
// a co-unit under first-receiver responsibility (首接负责制, art. 14) or a
// department summoned by a subdistrict (吹哨报到, art. 16).
type Participant struct {
	Unit       Unit      `json:"unit"`
	Summoned   bool      `json:"summoned,omitempty"` // true: summoned department; false: co-unit
	By         UnitID    `json:"by"`                 // the lead unit that added it
	Clock      Clock     `json:"clock"`              // its report deadline
	ReportedAt time.Time `json:"reported_at,omitzero"`
	Report     string    `json:"report,omitempty"`
}

// Reported reports whether the participant has reported.
func (p Participant) Reported() bool { return !p.ReportedAt.IsZero() }

// Rating is the requester's verdict at callback (回访, art. 23).
type Rating struct {
	Solved       bool         `json:"solved"`
	Satisfaction Satisfaction `json:"satisfaction"`
	Comment      string       `json:"comment,omitempty"`
}

// ExtensionRequest is a pending or decided request to extend the
// resolution deadline (延期).
type ExtensionRequest struct {
	Limit  calendar.Period `json:"limit"`
	Reason string          `json:"reason"`
	At     time.Time       `json:"at"`
	By     UnitID          `json:"by"`
}

// Objection is a dispatch objection (派单异议, art. 12) awaiting review.
type Objection struct {
	Unit   UnitID    `json:"unit"`
	Reason string    `json:"reason"`
	At     time.Time `json:"at"`
}

// Ticket is a resident's request (诉求 / 工单) and everything that happened
// to it. It is a plain value: Apply returns a new Ticket and never modifies
// its argument.
type Ticket struct {
	ID       ID         `json:"id"`
	Version  int64      `json:"version"` // store version for optimistic concurrency; 0 before the first write
	Channel  Channel    `json:"channel"`
	Kind     Kind       `json:"kind"`
	Category CategoryID `json:"category"`
	Urgency  Urgency    `json:"urgency"`
	Location grid.ID    `json:"location,omitempty"`
	Contact  Contact    `json:"contact,omitzero"`
	Text     string     `json:"text"`
	Source   string     `json:"source,omitempty"`  // e.g. hotline work-order number, building-code payload id
	Details  *Details   `json:"details,omitempty"` // point, photo, answers to the category's questions

	ReceivedAt time.Time `json:"received_at"`
	Updated    time.Time `json:"updated"` // time of the last event
	State      State     `json:"state"`
	SLA        Rule      `json:"sla"` // the rule matched at intake

	Lead       Unit `json:"lead,omitzero"` // the handling unit; it leads (首接负责制)
	Dispatches int  `json:"dispatches,omitempty"`
	// Escalations counts hand-overs to higher-level units (art. 20).
	Escalations int           `json:"escalations,omitempty"`
	Clocks      []Clock       `json:"clocks,omitempty"`
	Parties     []Participant `json:"parties,omitempty"`

	Objection  *Objection         `json:"objection,omitempty"`
	Pending    *ExtensionRequest  `json:"pending_extension,omitempty"`
	Extensions []ExtensionRequest `json:"extensions,omitempty"` // approved ones
	// Pauses lists every pause of the resolution clock, in order;
	// PendingPause is a request awaiting the hotline's approval.
	Pauses       []Pause `json:"pauses,omitempty"`
	PendingPause *Pause  `json:"pending_pause,omitempty"`

	FirstContactAt time.Time `json:"first_contact_at,omitzero"`
	AcceptedAt     time.Time `json:"accepted_at,omitzero"`
	ResolvedAt     time.Time `json:"resolved_at,omitzero"`
	ResolvedBy     Unit      `json:"resolved_by,omitzero"`
	ClosedAt       time.Time `json:"closed_at,omitzero"`
	Rating         *Rating   `json:"rating,omitempty"`
	Reopens        int       `json:"reopens,omitempty"`

	Outcome    Outcome       `json:"outcome,omitempty"`
	Line       EmergencyLine `json:"line,omitempty"`
	MergedInto ID            `json:"merged_into,omitempty"`
	MergedFrom []ID          `json:"merged_from,omitempty"`

	PausedFrom State   `json:"paused_from,omitempty"`
	History    []Event `json:"history"`
}

// Clock returns the ticket's clock of kind, if it runs one.
func (t Ticket) Clock(kind ClockKind) (Clock, bool) {
	for _, c := range t.Clocks {
		if c.Kind == kind {
			return c, true
		}
	}
	return Clock{}, false
}

// PendingParties returns the participants that have not reported yet.
func (t Ticket) PendingParties() []Participant {
	var out []Participant
	for _, p := range t.Parties {
		if !p.Reported() {
			out = append(out, p)
		}
	}
	return out
}

// View returns the ticket as role may see it: roles that do not need the
// requester's contact (SeesContact) get it masked, in the ticket and in its
// history.
func (t Ticket) View(r Role) Ticket {
	if SeesContact(r) {
		return t
	}
	t = t.clone()
	t.Contact = t.Contact.Masked()
	return t
}

func (t Ticket) clone() Ticket {
	t.Clocks = append([]Clock(nil), t.Clocks...)
	for i := range t.Clocks {
		t.Clocks[i] = t.Clocks[i].clone()
	}
	t.Parties = append([]Participant(nil), t.Parties...)
	for i := range t.Parties {
		t.Parties[i].Clock = t.Parties[i].Clock.clone()
	}
	if t.Objection != nil {
		o := *t.Objection
		t.Objection = &o
	}
	if t.Pending != nil {
		p := *t.Pending
		t.Pending = &p
	}
	if t.Rating != nil {
		r := *t.Rating
		t.Rating = &r
	}
	t.Extensions = append([]ExtensionRequest(nil), t.Extensions...)
	t.Pauses = append([]Pause(nil), t.Pauses...)
	if t.SLA.Pauses != nil {
		p := *t.SLA.Pauses
		p.Reasons = append([]PauseReason(nil), p.Reasons...)
		t.SLA.Pauses = &p
	}
	if t.PendingPause != nil {
		p := *t.PendingPause
		t.PendingPause = &p
	}
	t.MergedFrom = append([]ID(nil), t.MergedFrom...)
	t.Details = t.Details.Clone()
	t.History = append([]Event(nil), t.History...)
	for i := range t.History {
		t.History[i] = t.History[i].clone()
	}
	return t
}

// Intake is what a channel supplies to open a ticket (art. 10: at least the
// time, the matter and the contact).
type Intake struct {
	ID       ID         `json:"id"` // intake key: hotline call id, scan id, ...
	Channel  Channel    `json:"channel"`
	Kind     Kind       `json:"kind"`
	Category CategoryID `json:"category"`
	Urgency  Urgency    `json:"urgency,omitempty"`
	Location grid.ID    `json:"location,omitempty"`
	Contact  Contact    `json:"contact,omitzero"`
	Text     string     `json:"text"`
	Source   string     `json:"source,omitempty"`
	Details  *Details   `json:"details,omitempty"`
	At       time.Time  `json:"at"`
	By       Actor      `json:"by,omitzero"` // who recorded it (operator, grid worker, the resident)
}

// Validate checks the intake fields against cfg's category tree.
func (in Intake) Validate(cats *Categories) error {
	switch {
	case in.ID == "":
		return &InputError{Field: "id", Reason: "empty"}
	case len(in.ID) > 200:
		return &InputError{Field: "id", Reason: "longer than 200 bytes"}
	case !in.Channel.Valid():
		return &InputError{Field: "channel", Reason: fmt.Sprintf("unknown channel %q", in.Channel)}
	case !in.Kind.Valid():
		return &InputError{Field: "kind", Reason: fmt.Sprintf("unknown kind %q", in.Kind)}
	case in.Category == "":
		return &InputError{Field: "category", Reason: "empty"}
	case cats != nil && !cats.Has(in.Category):
		return &InputError{Field: "category", Reason: fmt.Sprintf("unknown category %q", in.Category)}
	case !in.Urgency.Valid():
		return &InputError{Field: "urgency", Reason: fmt.Sprintf("unknown urgency %q", in.Urgency)}
	case in.Text == "":
		return &InputError{Field: "text", Reason: "empty"}
	case in.At.IsZero():
		return &InputError{Field: "at", Reason: "zero time"}
	case in.By != (Actor{}) && !in.By.Role.Valid():
		return &InputError{Field: "by.role", Reason: fmt.Sprintf("unknown role %q", in.By.Role)}
	}
	return in.Details.Validate()
}

// Config is what the pure core needs besides the ticket: the category tree,
// the SLA policy and the calendars.
type Config struct {
	// Categories is the category tree; nil accepts any non-empty category
	// and matches policy rules by exact category.
	Categories *Categories
	Policy     Policy
	Calendars  Calendars
}

// Validate checks the policy against the category tree.
func (c Config) Validate() error { return c.Policy.Validate(c.Categories) }

// NewTicket opens a ticket from an intake: it validates the intake, matches
// the SLA rule, and starts the dispatch clock if the rule has one.
func NewTicket(cfg Config, in Intake) (Ticket, error) {
	if err := in.Validate(cfg.Categories); err != nil {
		return Ticket{}, err
	}
	rule, err := cfg.Policy.Match(cfg.Categories, in.Category, in.Urgency)
	if err != nil {
		return Ticket{}, err
	}
	t := Ticket{
		ID: in.ID, Channel: in.Channel, Kind: in.Kind, Category: in.Category, Urgency: in.Urgency.norm(),
		Location: in.Location, Contact: in.Contact, Text: in.Text, Source: in.Source,
		Details: in.Details.Clone(), ReceivedAt: in.At, Updated: in.At, State: Received, SLA: rule,
	}
	if !noLimit(rule.Dispatch) {
		c, err := StartClock(cfg.Calendars, DispatchClock, rule.Dispatch, rule.RoundTheClock, cfg.Policy.Warn, in.At)
		if err != nil {
			return Ticket{}, err
		}
		t.Clocks = append(t.Clocks, c)
	}
	t.History = []Event{{Kind: EvIntake, At: in.At, Actor: in.By, Note: in.Text}}
	return t, nil
}
