package agenda

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gongzhi/gongzhi/ticket"
)

// Options configures a Service. The zero Options is valid.
type Options struct {
	// Now is the clock; nil means time.Now. Inject a clock for
	// deterministic replays.
	Now func() time.Time
	// Policy is the deliberation policy; nil means Beijing().
	Policy *Policy
	// Calendar computes notice and publicity periods, and its zone decides
	// which day it is (see Calendar and ZoneOf), whatever the zone of Now.
	// Nil means plain date arithmetic for natural-day periods (no holiday
	// shift) in Asia/Shanghai, and working-day periods fail with
	// ErrNoCalendar.
	Calendar Calendar
	// Tickets, if set, is where the tickets a topic cites are looked up
	// when it is raised: a topic citing a ticket the store does not hold
	// is refused with a *RefError. A ticket.Store or ticket.Service fits.
	Tickets Tickets
	// Retries is how many times a write that lost an optimistic-concurrency
	// race (ErrConflict) is re-read, re-checked and retried; 0 means 32,
	// because every representative of a meeting casts on the same record.
	Retries int
}

// Service runs the deliberation workflow, 集·议·办·督·评, over a Store: it
// checks who may do what in which state, computes notice and publicity
// periods, tallies motions and records everything on the topics and
// meetings. Invalid input and illegal transitions return typed errors and
// change nothing. A Service is safe for concurrent use when its Store is.
type Service struct {
	store   Store
	tickets Tickets
	now     func() time.Time
	policy  Policy
	cal     Calendar
	loc     *time.Location // where days are cut: ZoneOf(cal)
	retries int
}

// NewService returns a Service over s. It returns a *ConfigError if
// opts.Policy is invalid.
func NewService(s Store, opts *Options) (*Service, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	svc := &Service{store: s, now: o.Now, cal: o.Calendar, policy: Beijing(), retries: o.Retries, tickets: o.Tickets}
	if svc.now == nil {
		svc.now = time.Now
	}
	// Every instant the service reads is taken in the calendar's zone, so
	// that "which day is it" never depends on the clock's zone.
	svc.loc = ZoneOf(o.Calendar)
	clock := svc.now
	svc.now = func() time.Time { return clock().In(svc.loc) }
	if svc.retries <= 0 {
		svc.retries = 32
	}
	if o.Policy != nil {
		if err := o.Policy.Validate(); err != nil {
			return nil, err
		}
		svc.policy = *o.Policy
	}
	return svc, nil
}

// Policy returns the service's deliberation policy.
func (s *Service) Policy() Policy { return s.policy }

// updateTopic reads a topic, lets fn change the copy, and writes it back,
// retrying on ErrConflict. If fn fails nothing is written.
func (s *Service) updateTopic(ctx context.Context, id TopicID, fn func(t *Topic) error) (Topic, error) {
	for range s.retries + 1 {
		t, err := s.store.Topic(ctx, id)
		if err != nil {
			return Topic{}, err
		}
		if err := fn(&t); err != nil {
			return Topic{}, err
		}
		v, err := s.store.PutTopic(ctx, t)
		if errors.Is(err, ErrConflict) {
			continue
		}
		if err != nil {
			return Topic{}, err
		}
		t.Version = v
		return t, nil
	}
	return Topic{}, ErrConflict
}

// updateMeeting is updateTopic for meetings.
func (s *Service) updateMeeting(ctx context.Context, id MeetingID, fn func(m *Meeting) error) (Meeting, error) {
	for range s.retries + 1 {
		m, err := s.store.Meeting(ctx, id)
		if err != nil {
			return Meeting{}, err
		}
		if err := fn(&m); err != nil {
			return Meeting{}, err
		}
		v, err := s.store.PutMeeting(ctx, m)
		if errors.Is(err, ErrConflict) {
			continue
		}
		if err != nil {
			return Meeting{}, err
		}
		m.Version = v
		return m, nil
	}
	return Meeting{}, ErrConflict
}

// Topic returns a topic.
func (s *Service) Topic(ctx context.Context, id TopicID) (Topic, error) {
	return s.store.Topic(ctx, id)
}

// Meeting returns a meeting.
func (s *Service) Meeting(ctx context.Context, id MeetingID) (Meeting, error) {
	return s.store.Meeting(ctx, id)
}

// Tickets looks up the tickets that topics cite. ticket.Store satisfies it.
type Tickets interface {
	Ticket(ctx context.Context, id ticket.ID) (ticket.Ticket, error)
}

var _ Tickets = ticket.Store(nil)

// checkTickets refuses a citation of a ticket that does not exist.
func (s *Service) checkTickets(ctx context.Context, ids []ticket.ID) error {
	if s.tickets == nil {
		return nil
	}
	for i, id := range ids {
		if _, err := s.tickets.Ticket(ctx, id); err != nil {
			return &RefError{Field: fmt.Sprintf("source.tickets[%d]", i), Ref: string(id), Err: err}
		}
	}
	return nil
}
