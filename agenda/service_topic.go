package agenda

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Raise records a new topic (集). The topic must name a grid node, a title,
// a category of the policy and its source; a topic derived from tickets
// cites their ids. Raise sets Status to Raised, and Raised to now when
// zero. Retrying a request that carried its Raised time returns the stored
// topic; another topic with the same id is ErrConflict.
func (s *Service) Raise(ctx context.Context, t Topic) (Topic, error) {
	if err := t.validateNew(s.policy); err != nil {
		return Topic{}, err
	}
	if t.Status != 0 || t.Version != 0 || t.Screening != nil || t.Resolution != nil || len(t.History) != 0 ||
		len(t.Tasks) != 0 || len(t.Summons) != 0 || len(t.Evaluation) != 0 || len(t.Acceptance) != 0 ||
		t.Meeting != "" || len(t.MergedFrom) != 0 || len(t.Withdrawn) != 0 || !t.Solved.IsZero() {
		return Topic{}, invalid("topic", "a new topic carries only its id, grid, title, category, source and raised time")
	}
	if err := s.checkTickets(ctx, t.Source.Ticket); err != nil {
		return Topic{}, err
	}
	t = t.Clone()
	t.Status = Raised
	if t.Raised.IsZero() {
		t.Raised = s.now()
	}
	v, err := s.store.PutTopic(ctx, t)
	if errors.Is(err, ErrConflict) {
		// A retry of the same request returns the stored topic.
		if old, gerr := s.store.Topic(ctx, t.ID); gerr == nil && sameRaise(old, t) {
			return old, nil
		}
	}
	if err != nil {
		return Topic{}, fmt.Errorf("agenda: raise topic %s: %w", t.ID, err)
	}
	t.Version = v
	return t, nil
}

// sameRaise reports whether a and b were raised by the same request.
func sameRaise(a, b Topic) bool {
	return a.ID == b.ID && a.Grid == b.Grid && a.Title == b.Title && a.Category == b.Category &&
		a.Source.Origin == b.Source.Origin && a.Source.By == b.Source.By && a.Source.Name == b.Source.Name &&
		slices.Equal(a.Source.Ticket, b.Source.Ticket) && a.Raised.Equal(b.Raised)
}

// Screen records the screening decision on a topic: accept it, merge it into
// another (whose ticket ids it inherits), reject it with a reason, or refer
// it elsewhere. Merging writes the merged topic first, then the surviving
// one.
func (s *Service) Screen(ctx context.Context, id TopicID, sc Screening) (Topic, error) {
	a, err := sc.action()
	if err != nil {
		return Topic{}, err
	}
	if sc.At.IsZero() {
		sc.At = s.now()
	}
	var merged Topic
	if a == ActMerge {
		if sc.Into == id {
			return Topic{}, invalid("screening.into", "a topic cannot merge into itself")
		}
		into, err := s.store.Topic(ctx, sc.Into)
		if err != nil {
			return Topic{}, err
		}
		if into.Status.Final() {
			return Topic{}, invalid("screening.into", "topic %s is %s and cannot take a merge", into.ID, into.Status)
		}
	}
	t, err := s.updateTopic(ctx, id, func(t *Topic) error {
		if err := t.apply(a, sc.At, sc.Reason); err != nil {
			return err
		}
		sc := sc
		t.Screening = &sc
		merged = t.Clone()
		return nil
	})
	if err != nil || a != ActMerge {
		return t, err
	}
	_, err = s.updateTopic(ctx, sc.Into, func(into *Topic) error {
		into.MergedFrom = append(into.MergedFrom, id)
		into.Source.Ticket = append(into.Source.Ticket, merged.Source.Ticket...)
		slices.Sort(into.Source.Ticket)
		into.Source.Ticket = slices.Compact(into.Source.Ticket)
		return nil
	})
	if err != nil {
		return Topic{}, fmt.Errorf("agenda: topic %s merged, but updating %s failed: %w", id, sc.Into, err)
	}
	return t, nil
}

// Schedule puts an accepted topic on the agenda of a planned or open
// meeting (议). The meeting is written first.
func (s *Service) Schedule(ctx context.Context, mid MeetingID, tid TopicID) (Topic, error) {
	t, err := s.store.Topic(ctx, tid)
	if err != nil {
		return Topic{}, err
	}
	if _, err := Next(t.Status, ActSchedule); err != nil {
		return Topic{}, &TransitionError{Topic: tid, From: t.Status, Action: ActSchedule}
	}
	_, err = s.updateMeeting(ctx, mid, func(m *Meeting) error {
		if m.Status == Closed {
			return invalid("meeting", "meeting %s is closed", mid)
		}
		if !slices.Contains(m.Topics, tid) {
			m.Topics = append(m.Topics, tid)
		}
		return nil
	})
	if err != nil {
		return Topic{}, err
	}
	return s.updateTopic(ctx, tid, func(t *Topic) error {
		if err := t.apply(ActSchedule, s.now(), string(mid)); err != nil {
			return err
		}
		t.Meeting = mid
		return nil
	})
}

// Object records a resident's objection to a topic's resolution during its
// publicity period, dated by the service's clock; after the period it
// returns ErrPeriod.
func (s *Service) Object(ctx context.Context, tid TopicID, o Objection) (Topic, error) {
	if strings.TrimSpace(o.Text) == "" || o.By == "" {
		return Topic{}, invalid("objection", "an objection names who objects and why")
	}
	o.At = s.now() // objections are dated when recorded, so none slips in late
	return s.updateTopic(ctx, tid, func(t *Topic) error {
		if t.Status != Publicity || t.Resolution == nil {
			return &TransitionError{Topic: tid, From: t.Status, Action: "object"}
		}
		if !t.Resolution.InPublicity(o.At) {
			return fmt.Errorf("%w: publicity of resolution %s ended on %s", ErrPeriod, t.Resolution.ID, t.Resolution.PublicityEnds.Format("2006-01-02"))
		}
		t.Resolution.Objections = append(t.Resolution.Objections, o)
		return nil
	})
}

// SendBack withdraws a resolution under publicity because its objections
// were upheld, and returns the topic to deliberation. The resolution is kept
// in Withdrawn with reason.
func (s *Service) SendBack(ctx context.Context, tid TopicID, reason string) (Topic, error) {
	if strings.TrimSpace(reason) == "" {
		return Topic{}, invalid("reason", "sending a topic back states why")
	}
	return s.updateTopic(ctx, tid, func(t *Topic) error {
		if t.Status == Publicity && (t.Resolution == nil || len(t.Resolution.Objections) == 0) {
			return invalid("objections", "a resolution under publicity is sent back only on an objection")
		}
		if t.Status != Publicity {
			return &TransitionError{Topic: tid, From: t.Status, Action: ActSendBack}
		}
		if err := t.apply(ActSendBack, s.now(), reason); err != nil {
			return err
		}
		withdraw(t, reason)
		return nil
	})
}

func withdraw(t *Topic, reason string) {
	if t.Resolution != nil {
		r := *t.Resolution
		r.Withdrawn = reason
		t.Withdrawn = append(t.Withdrawn, r)
		t.Resolution = nil
	}
	t.Meeting = ""
}

// TakeEffect puts a resolution in force once its publicity period has ended
// (办). Before the end it returns ErrPeriod.
func (s *Service) TakeEffect(ctx context.Context, tid TopicID) (Topic, error) {
	now := s.now()
	return s.updateTopic(ctx, tid, func(t *Topic) error {
		if t.Status == Publicity && t.Resolution != nil && t.Resolution.InPublicity(now) {
			return fmt.Errorf("%w: publicity of resolution %s runs until %s", ErrPeriod, t.Resolution.ID, t.Resolution.PublicityEnds.Format("2006-01-02"))
		}
		return t.apply(ActTakeEffect, now, "")
	})
}

// errTransition returns a *TransitionError if a is not allowed for t.
func errTransition(t Topic, a Action) error {
	if _, err := Next(t.Status, a); err != nil {
		return &TransitionError{Topic: t.ID, From: t.Status, Action: a}
	}
	return nil
}
