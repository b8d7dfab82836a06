package agenda

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/ticket"
)

// TopicID identifies a topic (议题).
type TopicID string

// Origin says who raised a topic.
type Origin string

// Origins of a topic.
const (
	FromResident       Origin = "resident"       // a resident (民事民提)
	FromRepresentative Origin = "representative" // a deliberation representative
	FromGridWorker     Origin = "grid-worker"    // a grid worker (网格员), e.g. proactive (未诉先办)
	FromTickets        Origin = "tickets"        // derived from resident tickets (诉求)
)

// Source records where a topic came from.
type Source struct {
	Origin Origin        `json:"origin"`
	By     grid.PersonID `json:"by,omitempty"`      // who raised it; empty for FromTickets
	Name   string        `json:"name,omitempty"`    // display name of By
	Ticket []ticket.ID   `json:"tickets,omitempty"` // the tickets it cites
}

// Decision is the outcome of screening a topic.
type Decision string

// Screening decisions.
const (
	Accept Decision = "accept" // accepted for deliberation
	Merge  Decision = "merge"  // merged into another topic (Into)
	Reject Decision = "reject" // rejected (Reason required)
	Refer  Decision = "refer"  // referred to another body (To required), e.g. the hotline or a department
)

// Screening is the recorded decision on a raised topic.
type Screening struct {
	Decision Decision      `json:"decision"`
	Into     TopicID       `json:"into,omitempty"`   // Merge: the surviving topic
	To       string        `json:"to,omitempty"`     // Refer: who takes it over
	Reason   string        `json:"reason,omitempty"` // required for Reject and Refer
	By       grid.PersonID `json:"by,omitempty"`
	At       time.Time     `json:"at"`
}

func (s Screening) action() (Action, error) {
	switch s.Decision {
	case Accept:
		return ActAccept, nil
	case Merge:
		if s.Into == "" {
			return "", invalid("screening.into", "a merge names the topic it merges into")
		}
		return ActMerge, nil
	case Reject:
		if strings.TrimSpace(s.Reason) == "" {
			return "", invalid("screening.reason", "a rejection states its reason")
		}
		return ActReject, nil
	case Refer:
		if strings.TrimSpace(s.To) == "" {
			return "", invalid("screening.to", "a referral names who takes the topic over")
		}
		return ActRefer, nil
	}
	return "", invalid("screening.decision", "unknown decision %q", s.Decision)
}

// Step is one entry of a topic's history.
type Step struct {
	At     time.Time `json:"at"`
	Action Action    `json:"action"`
	From   Status    `json:"from"`
	To     Status    `json:"to"`
	Note   string    `json:"note,omitempty"`
}

// Topic is a matter brought for deliberation (议题) and everything that
// happened to it, from collection to evaluation. It is the unit the Store
// versions.
type Topic struct {
	ID       TopicID   `json:"id"`
	Grid     grid.ID   `json:"grid"` // where the matter is: a community, a building...
	Title    string    `json:"title"`
	Category string    `json:"category"`
	Source   Source    `json:"source"`
	Raised   time.Time `json:"raised"`
	Status   Status    `json:"status"`

	Screening  *Screening   `json:"screening,omitempty"`
	MergedFrom []TopicID    `json:"merged_from,omitempty"` // topics merged into this one
	Meeting    MeetingID    `json:"meeting,omitempty"`     // meeting it is scheduled for, while Scheduled
	Resolution *Resolution  `json:"resolution,omitempty"`  // the current resolution, from Publicity on
	Withdrawn  []Resolution `json:"withdrawn,omitempty"`   // resolutions sent back
	Tasks      []Task       `json:"tasks,omitempty"`
	Summons    []Summons    `json:"summons,omitempty"`
	Acceptance []Acceptance `json:"acceptance,omitempty"`
	Evaluation []Evaluation `json:"evaluation,omitempty"`
	Solved     time.Time    `json:"solved,omitzero"` // when it closed as solved
	History    []Step       `json:"history,omitempty"`

	Version int64 `json:"version"` // set by the Store; 0 before the first write
}

// apply moves t by action a at time at. It returns a *TransitionError and
// leaves t unchanged if a is not allowed.
func (t *Topic) apply(a Action, at time.Time, note string) error {
	to, err := Next(t.Status, a)
	if err != nil {
		return &TransitionError{Topic: t.ID, From: t.Status, Action: a}
	}
	t.History = append(t.History, Step{At: at, Action: a, From: t.Status, To: to, Note: note})
	t.Status = to
	return nil
}

// Stage returns the topic's current stage.
func (t Topic) Stage() Stage { return t.Status.Stage() }

// Tickets returns the ids of all tickets the topic cites, including those of
// topics merged into it, sorted and without duplicates.
func (t Topic) Tickets() []ticket.ID {
	out := slices.Clone(t.Source.Ticket)
	slices.Sort(out)
	return slices.Compact(out)
}

// Clone returns a deep copy of t.
func (t Topic) Clone() Topic {
	c := t
	c.Source.Ticket = slices.Clone(t.Source.Ticket)
	if t.Screening != nil {
		s := *t.Screening
		c.Screening = &s
	}
	c.MergedFrom = slices.Clone(t.MergedFrom)
	if t.Resolution != nil {
		r := t.Resolution.clone()
		c.Resolution = &r
	}
	c.Withdrawn = make([]Resolution, len(t.Withdrawn))
	for i, r := range t.Withdrawn {
		c.Withdrawn[i] = r.clone()
	}
	if t.Withdrawn == nil {
		c.Withdrawn = nil
	}
	c.Tasks = make([]Task, len(t.Tasks))
	for i, k := range t.Tasks {
		c.Tasks[i] = k
		c.Tasks[i].Reports = slices.Clone(k.Reports)
	}
	if t.Tasks == nil {
		c.Tasks = nil
	}
	c.Summons = make([]Summons, len(t.Summons))
	for i, s := range t.Summons {
		c.Summons[i] = s
		c.Summons[i].Departments = slices.Clone(s.Departments)
		c.Summons[i].Reported = slices.Clone(s.Reported)
		c.Summons[i].CheckedIn = maps.Clone(s.CheckedIn)
	}
	if t.Summons == nil {
		c.Summons = nil
	}
	c.Acceptance = slices.Clone(t.Acceptance)
	c.Evaluation = slices.Clone(t.Evaluation)
	c.History = slices.Clone(t.History)
	return c
}

func (t Topic) validateNew(p Policy) error {
	switch {
	case strings.TrimSpace(string(t.ID)) == "":
		return invalid("topic.id", "empty")
	case t.Grid == "":
		return invalid("topic.grid", "a topic is raised at a grid node")
	case strings.TrimSpace(t.Title) == "":
		return invalid("topic.title", "empty")
	case !p.HasCategory(t.Category):
		return invalid("topic.category", "unknown category %q", t.Category)
	}
	switch t.Source.Origin {
	case FromResident, FromRepresentative, FromGridWorker:
		if t.Source.By == "" {
			return invalid("topic.source.by", "a %s topic names who raised it", t.Source.Origin)
		}
	case FromTickets:
		if len(t.Source.Ticket) == 0 {
			return invalid("topic.source.tickets", "a topic derived from tickets cites at least one ticket id")
		}
	default:
		return invalid("topic.source.origin", "unknown origin %q", t.Source.Origin)
	}
	for i, id := range t.Source.Ticket {
		if strings.TrimSpace(string(id)) == "" {
			return invalid(fmt.Sprintf("topic.source.tickets[%d]", i), "empty ticket id")
		}
	}
	return nil
}
