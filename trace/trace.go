package trace

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/vote"
)

// Tickets reads tickets; ticket.Store satisfies it.
type Tickets interface {
	Ticket(ctx context.Context, id ticket.ID) (ticket.Ticket, error)
}

// Agenda reads topics and meetings; agenda.Store satisfies it.
type Agenda interface {
	Topic(ctx context.Context, id agenda.TopicID) (agenda.Topic, error)
	Topics(ctx context.Context) iter.Seq2[agenda.Topic, error]
	Meetings(ctx context.Context, from, to time.Time) iter.Seq2[agenda.Meeting, error]
}

// Projects reads projects; project.Store satisfies it.
type Projects interface {
	Project(ctx context.Context, id project.ID) (project.Project, error)
	Projects(ctx context.Context) iter.Seq2[project.Project, error]
}

// Polls reads vote polls; vote.Store satisfies it.
type Polls interface {
	Poll(ctx context.Context, id vote.PollID) (vote.Poll, error)
}

// TopicIndex is an optional interface of Sources.Agenda, found by type
// assertion: a store that indexes the tickets its topics cite (the
// PostgreSQL and SQLite adapters do) answers From without streaming every
// topic.
type TopicIndex interface {
	// TopicsCiting streams, in id order, the topics whose Source.Ticket
	// holds id; none cite it, it yields nothing.
	TopicsCiting(ctx context.Context, id ticket.ID) iter.Seq2[agenda.Topic, error]
}

// ProjectIndex is an optional interface of Sources.Projects, found by type
// assertion: a store that indexes the tickets and topics its projects cite
// answers From without streaming every project.
type ProjectIndex interface {
	// ProjectsCiting streams, in id order and once each, the projects whose
	// Tickets hold id or whose Topic is one of topics; none, it yields
	// nothing.
	ProjectsCiting(ctx context.Context, id ticket.ID, topics []agenda.TopicID) iter.Seq2[project.Project, error]
}

var (
	_ Tickets  = ticket.Store(nil)
	_ Agenda   = agenda.Store(nil)
	_ Projects = project.Store(nil)
	_ Polls    = vote.Store(nil)
)

// Sources are the stores a trace reads. Polls may be nil: the project's
// vote outcomes are then shown as the project records them, without the
// polls' own records.
type Sources struct {
	Tickets  Tickets
	Agenda   Agenda
	Projects Projects
	Polls    Polls
}

// ErrBroken is wrapped by every *BrokenError.
var ErrBroken = errors.New("trace: broken citation")

// BrokenError reports a record that cites another that cannot be read.
type BrokenError struct {
	From string // the citing record, e.g. "project lift-3"
	To   string // the cited record, e.g. "topic t-9"
	Err  error  // the store's error
}

// Error implements the error interface.
func (e *BrokenError) Error() string {
	return fmt.Sprintf("trace: %s cites %s: %v", e.From, e.To, e.Err)
}

// Unwrap returns ErrBroken and the store's error.
func (e *BrokenError) Unwrap() []error { return []error{ErrBroken, e.Err} }

// Chain is everything a project comes from, read back from its record.
type Chain struct {
	Project project.Project
	// Polls are the vote polls the project cites (its vote, its review),
	// in that order, when Sources.Polls holds them.
	Polls []vote.Poll
	// Topic and Resolution are the deliberation that created the project;
	// nil when the project cites none.
	Topic      *agenda.Topic
	Resolution *agenda.Resolution
	// Meetings are the meetings that had the topic on their agenda or put
	// a motion on it to the vote, in time order.
	Meetings []agenda.Meeting
	// Tickets are the tickets the topic and the project cite, by id.
	Tickets []ticket.Ticket
}

// Back reads the chain behind project id: its polls, its topic and
// resolution, the meetings that deliberated the topic, and the tickets
// cited along the way.
func Back(ctx context.Context, src Sources, id project.ID) (Chain, error) {
	p, err := src.Projects.Project(ctx, id)
	if err != nil {
		return Chain{}, err
	}
	c := Chain{Project: p}
	from := "project " + string(p.ID)
	if src.Polls != nil {
		for _, poll := range citedPolls(p) {
			pl, err := src.Polls.Poll(ctx, poll)
			if err != nil {
				return Chain{}, &BrokenError{From: from, To: "poll " + string(poll), Err: err}
			}
			c.Polls = append(c.Polls, pl)
		}
	}
	ids := slices.Clone(p.Tickets)
	if p.Topic != "" {
		t, err := src.Agenda.Topic(ctx, p.Topic)
		if err != nil {
			return Chain{}, &BrokenError{From: from, To: "topic " + string(p.Topic), Err: err}
		}
		c.Topic = &t
		if p.Resolution != "" {
			r := resolution(t, p.Resolution)
			if r == nil {
				return Chain{}, &BrokenError{From: from, To: "resolution " + string(p.Resolution),
					Err: fmt.Errorf("not a resolution of topic %s: %w", t.ID, agenda.ErrNotFound)}
			}
			c.Resolution = r
		}
		if c.Meetings, err = meetingsOf(ctx, src.Agenda, t.ID); err != nil {
			return Chain{}, err
		}
		ids = append(ids, t.Tickets()...)
	}
	slices.Sort(ids)
	for _, id := range slices.Compact(ids) {
		tk, err := src.Tickets.Ticket(ctx, id)
		if err != nil {
			return Chain{}, &BrokenError{From: from, To: "ticket " + string(id), Err: err}
		}
		c.Tickets = append(c.Tickets, tk)
	}
	return c, nil
}

// Forward is everything a ticket led to.
type Forward struct {
	Ticket ticket.Ticket
	// Topics cite the ticket (directly or through a topic merged into
	// them), by id.
	Topics []agenda.Topic
	// Projects cite the ticket or one of those topics, by id.
	Projects []project.Project
}

// From reads what ticket id led to: the topics that cite it and the
// projects that cite the ticket or those topics. It streams every topic
// and project once, unless the stores implement TopicIndex and
// ProjectIndex, which it then asks for the citing records only.
func From(ctx context.Context, src Sources, id ticket.ID) (Forward, error) {
	tk, err := src.Tickets.Ticket(ctx, id)
	if err != nil {
		return Forward{}, err
	}
	f := Forward{Ticket: tk}
	var topics []agenda.TopicID
	for t, err := range topicsCiting(ctx, src.Agenda, id) {
		if err != nil {
			return Forward{}, err
		}
		f.Topics = append(f.Topics, t)
		topics = append(topics, t.ID)
	}
	for p, err := range projectsCiting(ctx, src.Projects, id, topics) {
		if err != nil {
			return Forward{}, err
		}
		f.Projects = append(f.Projects, p)
	}
	return f, nil
}

// topicsCiting streams the topics citing id, in id order: from the index
// if a has one, else by filtering every topic.
func topicsCiting(ctx context.Context, a Agenda, id ticket.ID) iter.Seq2[agenda.Topic, error] {
	if idx, ok := a.(TopicIndex); ok {
		return idx.TopicsCiting(ctx, id)
	}
	return func(yield func(agenda.Topic, error) bool) {
		for t, err := range a.Topics(ctx) {
			if (err != nil || slices.Contains(t.Source.Ticket, id)) && !yield(t, err) {
				return
			}
		}
	}
}

// projectsCiting streams the projects citing id or one of topics, in id
// order: from the index if ps has one, else by filtering every project.
func projectsCiting(ctx context.Context, ps Projects, id ticket.ID, topics []agenda.TopicID) iter.Seq2[project.Project, error] {
	if idx, ok := ps.(ProjectIndex); ok {
		return idx.ProjectsCiting(ctx, id, topics)
	}
	return func(yield func(project.Project, error) bool) {
		for p, err := range ps.Projects(ctx) {
			if (err != nil || slices.Contains(topics, p.Topic) && p.Topic != "" || slices.Contains(p.Tickets, id)) && !yield(p, err) {
				return
			}
		}
	}
}

// citedPolls returns the polls a project cites: its vote, then its review.
func citedPolls(p project.Project) []vote.PollID {
	var out []vote.PollID
	if p.Vote != nil && p.Vote.Poll != "" {
		out = append(out, p.Vote.Poll)
	}
	if p.Review != nil && p.Review.Poll != "" && !slices.Contains(out, p.Review.Poll) {
		out = append(out, p.Review.Poll)
	}
	return out
}

// resolution returns the topic's resolution with id, current or withdrawn.
func resolution(t agenda.Topic, id agenda.ResolutionID) *agenda.Resolution {
	if t.Resolution != nil && t.Resolution.ID == id {
		r := *t.Resolution
		return &r
	}
	for _, r := range t.Withdrawn {
		if r.ID == id {
			return &r
		}
	}
	return nil
}

// meetingsOf returns the meetings that had topic on their agenda or voted
// a motion on it, in time order.
func meetingsOf(ctx context.Context, a Agenda, topic agenda.TopicID) ([]agenda.Meeting, error) {
	var out []agenda.Meeting
	for m, err := range a.Meetings(ctx, time.Time{}, time.Time{}) {
		if err != nil {
			return nil, err
		}
		if slices.Contains(m.Topics, topic) || slices.ContainsFunc(m.Motions, func(mo agenda.Motion) bool { return mo.Topic == topic }) {
			out = append(out, m)
		}
	}
	return out, nil
}
