package project

import (
	"fmt"
	"slices"
	"time"

	"github.com/gongzhi/gongzhi/calendar"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/vote"
	"github.com/shopspring/decimal"
)

// ID identifies a practical project (实事项目). IDs never change.
type ID string

// Origin says where a project came from.
type Origin string

// Origins of projects in the pool.
const (
	FromProposal   Origin = "proposal"   // a resident's proposal
	FromResolution Origin = "resolution" // a deliberation resolution (agenda)
	FromTicket     Origin = "ticket"     // a ticket hot spot
	FromDepartment Origin = "department" // a government department
)

// Project is a practical project from the pool to closing. It is plain
// data; lifecycle changes go through Advance and Roll, which return a new
// value and leave the old one untouched.
type Project struct {
	ID       ID              `json:"id"`
	Title    string          `json:"title"`
	Grid     grid.ID         `json:"grid"`
	Category string          `json:"category,omitempty"`
	Cost     decimal.Decimal `json:"cost"` // estimated cost in yuan, to the fen
	Origin   Origin          `json:"origin"`
	// Ref is the reference of an originating record outside gongzhi (a
	// department's letter, a proposal form), if any.
	Ref string `json:"ref,omitempty"`
	// Topic and Resolution cite the deliberation that created the
	// project (Origin FromResolution); Tickets cite the residents'
	// tickets behind it (FromTicket, or the tickets of the topic). A
	// Service with Options.Topics (Options.Tickets) refuses citations of
	// records that do not exist; package trace follows them.
	Topic      agenda.TopicID      `json:"topic,omitempty"`
	Resolution agenda.ResolutionID `json:"resolution,omitempty"`
	Tickets    []ticket.ID         `json:"tickets,omitempty"`
	Proposer   string              `json:"proposer,omitempty"`
	Evidence   []string            `json:"evidence,omitempty"`
	// Year is the pool year: the year the project is a candidate for. It
	// moves forward when the project rolls over.
	Year int `json:"year"`
	// PlanYear is the year of the plan that chose the project, 0 if none.
	PlanYear int    `json:"plan_year,omitempty"`
	Status   Status `json:"status"`
	// Representatives are the people who speak for the beneficiaries, for
	// example the 3-person owner group of a lift retrofit.
	Representatives []string `json:"representatives,omitempty"`
	// Sharing is the cost-sharing rule adopted for the project, if the
	// beneficiaries pay part of it.
	Sharing     *SharingRule `json:"sharing,omitempty"`
	Vote        *VoteOutcome `json:"vote,omitempty"`
	Milestones  []Milestone  `json:"milestones,omitempty"`
	Acceptances []Acceptance `json:"acceptances,omitempty"`
	Review      *Review      `json:"review,omitempty"`
	History     []Event      `json:"history,omitempty"`
	Version     int64        `json:"version"`
}

// Event is one recorded lifecycle step.
type Event struct {
	From   Status    `json:"from"`
	To     Status    `json:"to"`
	At     time.Time `json:"at"`
	By     string    `json:"by,omitempty"`
	Reason string    `json:"reason,omitempty"`
}

// VoteOutcome is the result of the residents' vote on a project, as
// taken from a vote poll (for example limited approval with an 80%
// support threshold and two priorities, as at the Shuangjing subdistrict (Chaoyang) annual co-governance meeting of 2021-12-30).
type VoteOutcome struct {
	Poll      vote.PollID `json:"poll,omitempty"` // the vote poll
	Support   int64       `json:"support"`        // approvals received
	Base      int64       `json:"base"`           // voters
	Threshold vote.Ratio  `json:"threshold"`
	Passed    bool        `json:"passed"`
	Priority  bool        `json:"priority,omitempty"` // chosen as a priority (关注度)
}

// Milestone is a planned step of the works and when it was reached. Its
// due instant is given (Due), or computed by the Service as a time limit
// (Limit, e.g. 30 working days) from From on the service's calendar; a
// computed Due that rests on a year without a loaded holiday notice is
// Provisional, and Service.Rebase recomputes it once the notice is loaded.
type Milestone struct {
	Name        string               `json:"name"`
	Due         time.Time            `json:"due"`
	Done        time.Time            `json:"done,omitempty"` // zero until reached
	Limit       calendar.Period      `json:"limit,omitzero"`
	From        time.Time            `json:"from,omitzero"`
	Provisional calendar.Provisional `json:"provisional,omitzero"`
}

// Acceptance is one acceptance inspection (验收). A failed one lists its
// findings and sends the project back for rectification.
type Acceptance struct {
	By       []string  `json:"by"`
	At       time.Time `json:"at"`
	Passed   bool      `json:"passed"`
	Findings []string  `json:"findings,omitempty"`
}

// Review is the residents' satisfaction vote on a finished project.
type Review struct {
	Poll      vote.PollID `json:"poll,omitempty"`
	Satisfied int64       `json:"satisfied"`
	Base      int64       `json:"base"`
	Threshold vote.Ratio  `json:"threshold"`
	Passed    bool        `json:"passed"`
}

// NewReview builds a Review, deciding Passed with the exact threshold.
func NewReview(poll vote.PollID, satisfied, base int64, threshold vote.Ratio) Review {
	return Review{Poll: poll, Satisfied: satisfied, Base: base, Threshold: threshold, Passed: threshold.Met(satisfied, base)}
}

// Clone returns a deep copy of p.
func (p Project) Clone() Project {
	q := p
	q.Evidence = slices.Clone(p.Evidence)
	q.Tickets = slices.Clone(p.Tickets)
	q.Representatives = slices.Clone(p.Representatives)
	if p.Sharing != nil {
		s := cloneRule(*p.Sharing)
		q.Sharing = &s
	}
	if p.Vote != nil {
		v := *p.Vote
		q.Vote = &v
	}
	q.Milestones = slices.Clone(p.Milestones)
	for i := range q.Milestones {
		q.Milestones[i].Provisional = q.Milestones[i].Provisional.Clone()
	}
	q.Acceptances = make([]Acceptance, len(p.Acceptances))
	for i, a := range p.Acceptances {
		a.By = slices.Clone(a.By)
		a.Findings = slices.Clone(a.Findings)
		q.Acceptances[i] = a
	}
	if p.Acceptances == nil {
		q.Acceptances = nil
	}
	if p.Review != nil {
		r := *p.Review
		q.Review = &r
	}
	q.History = slices.Clone(p.History)
	return q
}

func cloneRule(r SharingRule) SharingRule {
	r.Floors = slices.Clone(r.Floors)
	r.ExemptFloors = slices.Clone(r.ExemptFloors)
	if r.Cap != nil {
		c := *r.Cap
		r.Cap = &c
	}
	parts := make([]Part, len(r.Parts))
	for i, p := range r.Parts {
		p.Rule = cloneRule(p.Rule)
		parts[i] = p
	}
	if r.Parts != nil {
		r.Parts = parts
	}
	return r
}

// Validate checks a project as entered into the pool.
func (p Project) Validate() error {
	id := string(p.ID)
	switch {
	case p.ID == "":
		return &InputError{Field: "id", Reason: "empty project id"}
	case p.Title == "":
		return &InputError{ID: id, Field: "title", Reason: "empty title"}
	case p.Year <= 0:
		return &InputError{ID: id, Field: "year", Reason: "must be positive"}
	case !p.Status.valid():
		return &InputError{ID: id, Field: "status", Reason: "unknown status " + string(p.Status)}
	}
	switch p.Origin {
	case FromProposal, FromResolution, FromTicket, FromDepartment:
	default:
		return &InputError{ID: id, Field: "origin", Reason: "unknown origin " + string(p.Origin)}
	}
	if err := checkPrecision(p.Cost); err != nil {
		return &InputError{ID: id, Field: "cost", Reason: err.Error()}
	}
	if p.Cost.IsNegative() || !isFen(p.Cost) {
		return &InputError{ID: id, Field: "cost", Reason: "must be a non-negative whole number of fen"}
	}
	if p.Sharing != nil {
		if err := p.Sharing.Validate(); err != nil {
			return err
		}
	}
	if p.Resolution != "" && p.Topic == "" {
		return &InputError{ID: id, Field: "topic", Reason: "a project citing a resolution cites its topic too"}
	}
	for i, t := range p.Tickets {
		if t == "" {
			return &InputError{ID: id, Field: fmt.Sprintf("tickets[%d]", i), Reason: "empty ticket id"}
		}
	}
	return nil
}
