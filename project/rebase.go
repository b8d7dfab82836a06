package project

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
)

// schedule computes the due instant of a milestone given as a time limit
// (Limit from From, From defaulting to the service's clock) on the
// service's calendar, with its provisional standing. A milestone with a
// plain Due is left as it is.
func (s *Service) schedule(m *Milestone) error {
	if m.Limit == (calendar.Period{}) {
		if !m.From.IsZero() {
			return errors.New("from is only used with a limit")
		}
		return nil
	}
	if !m.Due.IsZero() {
		return errors.New("give either a due date or a limit, not both")
	}
	if s.cal == nil {
		return errors.New("a milestone given as a limit needs Options.Calendar")
	}
	if m.From.IsZero() {
		m.From = s.now()
	}
	d, err := m.Limit.Due(s.cal, m.From)
	if err != nil {
		return err
	}
	m.Due = d.At
	m.Provisional = calendar.NewProvisional(s.cal.ProvisionalYears(m.From, d.At))
	if !d.Provisional {
		m.Provisional = calendar.Provisional{}
	}
	return nil
}

// Move is a milestone deadline that Service.Rebase moved after a holiday
// notice was loaded (or, when Kept is set, would have moved into the past,
// and so kept).
type Move struct {
	Project   ID        `json:"project"`
	Milestone string    `json:"milestone"`
	From      time.Time `json:"from"`
	To        time.Time `json:"to"`
	Kept      bool      `json:"kept,omitempty"`
	Reason    string    `json:"reason"` // e.g. "2028 notice loaded"
}

// String renders the move as it is recorded in the project's history.
func (m Move) String() string {
	const f = "2006-01-02 15:04"
	if m.Kept {
		return fmt.Sprintf("milestone %s deadline kept at %s (the new one, %s, has already passed): %s", m.Milestone, m.From.Format(f), m.To.Format(f), m.Reason)
	}
	return fmt.Sprintf("milestone %s deadline moved from %s to %s: %s", m.Milestone, m.From.Format(f), m.To.Format(f), m.Reason)
}

// Rebase recomputes, with the service's calendar, the milestones computed
// provisionally (Milestone.Provisional) whose years' notices have since
// been loaded: run it with a Service built on the calendar extended with
// the new notice (calendar.Calendar.Extend). A milestone already reached
// or whose deadline has passed is never moved, and one the notice would
// move into the past is kept. Each move is recorded in the project's
// history (an Event with By "rebase" whose Reason reads "milestone works
// deadline moved from X to Y: 2028 notice loaded").
func (s *Service) Rebase(ctx context.Context) ([]Move, error) {
	if s.cal == nil {
		return nil, nil
	}
	now := s.now()
	var ids []ID
	for p, err := range s.store.Projects(ctx) {
		if err != nil {
			return nil, err
		}
		for _, m := range p.Milestones {
			if m.Provisional.IsProvisional() && m.Done.IsZero() {
				ids = append(ids, p.ID)
				break
			}
		}
	}
	var moves []Move
	var errs []error
	for _, id := range ids {
		var mv []Move
		_, err := s.update(ctx, id, func(p Project) (Project, error) {
			mv = nil
			q := p.Clone()
			changed := false
			for i := range q.Milestones {
				m := &q.Milestones[i]
				if !m.Provisional.IsProvisional() || !m.Done.IsZero() || !m.Due.After(now) {
					continue
				}
				loaded := m.Provisional.Loaded(s.cal)
				if len(loaded) == 0 {
					continue
				}
				d, err := m.Limit.Due(s.cal, m.From)
				if err != nil {
					return p, err
				}
				changed = true
				m.Provisional = calendar.Provisional{}
				if d.Provisional {
					m.Provisional = calendar.NewProvisional(s.cal.ProvisionalYears(m.From, d.At))
				}
				if d.At.Equal(m.Due) {
					continue
				}
				mo := Move{Project: p.ID, Milestone: m.Name, From: m.Due, To: d.At, Reason: calendar.LoadedReason(loaded)}
				if d.At.Before(now) {
					mo.Kept = true
				} else {
					m.Due = d.At
				}
				q.History = append(q.History, Event{From: q.Status, To: q.Status, At: now, By: "rebase", Reason: mo.String()})
				mv = append(mv, mo)
			}
			if !changed {
				return p, nil
			}
			return q, nil
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("project: rebase %s: %w", id, err))
			continue
		}
		moves = append(moves, mv...)
	}
	return moves, errors.Join(errs...)
}
