package agenda

import (
	"slices"
	"strings"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/grid"
)

// MeetingID identifies a meeting.
type MeetingID string

// Role is a participant's role in a meeting.
type Role string

// Participant roles.
const (
	Representative Role = "representative" // deliberation representative (居民议事代表): votes
	Official       Role = "official"       // an official of the subdistrict or community: answers inquiries
	Department     Role = "department"     // a government department or unit summoned or invited: answers
	Observer       Role = "observer"       // a resident, expert or press: no vote
	Host           Role = "host"           // chairs the meeting: no vote
)

func (r Role) valid() bool {
	switch r {
	case Representative, Official, Department, Observer, Host:
		return true
	}
	return false
}

// Participant is a person invited to a meeting.
type Participant struct {
	ID   grid.PersonID `json:"id"`
	Name string        `json:"name"`
	Role Role          `json:"role"`
	Unit string        `json:"unit,omitempty"` // office, department or the community they represent
}

// MeetingStatus is where a meeting stands.
type MeetingStatus string

// Meeting statuses.
const (
	Planned MeetingStatus = "planned" // announced; may take inquiries, motions and ballots once opened
	Open    MeetingStatus = "open"    // in session: attendance taken
	Closed  MeetingStatus = "closed"  // over; minutes final
)

// Meeting is a deliberation meeting (议事会, 听证会, 协调会 ...) with its
// participants, attendance, inquiries and motions. It is the unit the Store
// versions.
type Meeting struct {
	ID     MeetingID     `json:"id"`
	Kind   string        `json:"kind"` // a Policy kind name
	Grid   grid.ID       `json:"grid"` // the community (or subdistrict) holding it
	Title  string        `json:"title"`
	Place  string        `json:"place,omitempty"`
	At     time.Time     `json:"at"`
	Status MeetingStatus `json:"status"`
	// ClosedAt is when the meeting closed (CloseMeeting, on the service's
	// clock); zero while it is planned or open, and on meetings closed
	// before it was kept.
	ClosedAt time.Time `json:"closed_at,omitzero"`

	// NoticeDue is the latest day the notice may be posted (00:00 in the
	// calendar's zone), from the kind's notice period and the calendar;
	// NoticePosted is when it was. NoticeProvisional is set when NoticeDue
	// rests on a year without a loaded holiday notice; Service.Rebase
	// recomputes it, and Rebased records each move.
	NoticeDue         time.Time            `json:"notice_due"`
	NoticePosted      time.Time            `json:"notice_posted,omitzero"`
	NoticeProvisional calendar.Provisional `json:"notice_provisional,omitzero"`
	Rebased           []Move               `json:"rebased,omitempty"`

	Participants []Participant   `json:"participants"`
	Present      []grid.PersonID `json:"present,omitempty"` // sorted
	Topics       []TopicID       `json:"topics,omitempty"`  // agenda, in order
	Inquiries    []Inquiry       `json:"inquiries,omitempty"`
	Motions      []Motion        `json:"motions,omitempty"`

	Version int64 `json:"version"`
}

// Participant returns the participant with the given id.
func (m Meeting) Participant(id grid.PersonID) (Participant, bool) {
	for _, p := range m.Participants {
		if p.ID == id {
			return p, true
		}
	}
	return Participant{}, false
}

// IsPresent reports whether id attended.
func (m Meeting) IsPresent(id grid.PersonID) bool {
	_, ok := slices.BinarySearch(m.Present, id)
	return ok
}

// Representatives returns the number of representatives invited and present.
func (m Meeting) Representatives() (invited, present int64) {
	for _, p := range m.Participants {
		if p.Role == Representative {
			invited++
			if m.IsPresent(p.ID) {
				present++
			}
		}
	}
	return invited, present
}

// PresentRepresentatives returns the representatives present, sorted.
func (m Meeting) PresentRepresentatives() []grid.PersonID {
	var out []grid.PersonID
	for _, id := range m.Present {
		if p, ok := m.Participant(id); ok && p.Role == Representative {
			out = append(out, id)
		}
	}
	return out
}

// Motion returns the motion with the given id and its index.
func (m Meeting) Motion(id MotionID) (Motion, int, bool) {
	for i, x := range m.Motions {
		if x.ID == id {
			return x, i, true
		}
	}
	return Motion{}, -1, false
}

// Unanswered returns the inquiries that have no answer yet.
func (m Meeting) Unanswered() []Inquiry {
	var out []Inquiry
	for _, q := range m.Inquiries {
		if !q.Answered() {
			out = append(out, q)
		}
	}
	return out
}

// UnansweredAt returns the inquiries that were unanswered at instant at,
// from their stored times: asked at or before at (Asked zero counts as
// asked) and without an answer dated at or before at (an answer without
// AnsweredAt counts as given). Each is returned as it stood then: an
// answer given later, and the asker's verdict on it, are left out. For an
// instant after every record it is Unanswered.
func (m Meeting) UnansweredAt(at time.Time) []Inquiry {
	var out []Inquiry
	for _, q := range m.Inquiries {
		if !q.Asked.After(at) && (!q.Answered() || q.AnsweredAt.After(at)) {
			q.Answer, q.AnsweredBy, q.AnsweredAt, q.Satisfied = "", "", time.Time{}, nil
			out = append(out, q)
		}
	}
	return out
}

// Clone returns a deep copy of m.
func (m Meeting) Clone() Meeting {
	c := m
	c.Participants = slices.Clone(m.Participants)
	c.Present = slices.Clone(m.Present)
	c.Topics = slices.Clone(m.Topics)
	c.NoticeProvisional = m.NoticeProvisional.Clone()
	c.Rebased = slices.Clone(m.Rebased)
	c.Inquiries = slices.Clone(m.Inquiries)
	for i := range c.Inquiries {
		if s := m.Inquiries[i].Satisfied; s != nil {
			v := *s
			c.Inquiries[i].Satisfied = &v
		}
	}
	if m.Motions != nil {
		c.Motions = make([]Motion, len(m.Motions))
		for i, x := range m.Motions {
			c.Motions[i] = x.clone()
		}
	}
	return c
}

func (m Meeting) validateNew(p Policy) error {
	switch {
	case strings.TrimSpace(string(m.ID)) == "":
		return invalid("meeting.id", "empty")
	case m.Grid == "":
		return invalid("meeting.grid", "a meeting is held by a grid node")
	case m.At.IsZero():
		return invalid("meeting.at", "a meeting has a date")
	}
	if _, ok := p.Kind(m.Kind); !ok {
		return invalid("meeting.kind", "unknown meeting kind %q", m.Kind)
	}
	seen := map[grid.PersonID]bool{}
	for _, pt := range m.Participants {
		switch {
		case pt.ID == "":
			return invalid("meeting.participants", "participant without id")
		case seen[pt.ID]:
			return invalid("meeting.participants", "participant %s listed twice", pt.ID)
		case !pt.Role.valid():
			return invalid("meeting.participants", "participant %s has unknown role %q", pt.ID, pt.Role)
		}
		seen[pt.ID] = true
	}
	return nil
}
