package agenda

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
)

// ActRebase is the history step Service.Rebase records on a topic whose
// publicity period it moved; it does not change the topic's status.
const ActRebase Action = "rebase"

// Move is a computed day that Service.Rebase moved after a holiday notice
// was loaded (or, when Kept is set, would have moved into the past, and so
// kept).
type Move struct {
	At      time.Time `json:"at"`   // when the rebase ran
	What    string    `json:"what"` // "notice due" or "publicity end"
	Meeting MeetingID `json:"meeting,omitempty"`
	Topic   TopicID   `json:"topic,omitempty"`
	From    time.Time `json:"from"`
	To      time.Time `json:"to"`
	Kept    bool      `json:"kept,omitempty"`
	Reason  string    `json:"reason"` // e.g. "2028 notice loaded"
}

// String renders the move as it is recorded, e.g. "publicity end moved
// from 2028-01-07 to 2028-01-10: 2028 notice loaded".
func (m Move) String() string {
	if m.Kept {
		return fmt.Sprintf("%s kept at %s (the new one, %s, has already passed): %s", m.What, m.From.Format(time.DateOnly), m.To.Format(time.DateOnly), m.Reason)
	}
	return fmt.Sprintf("%s moved from %s to %s: %s", m.What, m.From.Format(time.DateOnly), m.To.Format(time.DateOnly), m.Reason)
}

// loaded returns the years of p whose notices the service's calendar has
// since loaded.
func (s *Service) loaded(p calendar.Provisional) []int {
	if pc, ok := s.cal.(interface{ IsProvisional(y int) bool }); ok {
		return p.Loaded(pc)
	}
	return p.Loaded(nil)
}

// Rebase recomputes, with the service's calendar, the days computed
// provisionally (for a year without a loaded holiday notice) that are
// still open: the notice due day of planned meetings whose notice is not
// yet posted, and the publicity end of resolutions under publicity. Run it
// with a Service built on the calendar extended with the new notice
// (calendar.Calendar.Extend). A day already passed is never moved, and a
// day the new notice would move into the past is kept. Each move is
// recorded: on the meeting (Meeting.Rebased) or as an ActRebase step in
// the topic's history, whose note reads "publicity end moved from X to Y:
// 2028 notice loaded". Days that did not move lose their provisional flag
// when their years are no longer provisional.
func (s *Service) Rebase(ctx context.Context) ([]Move, error) {
	now := s.now()
	today := dayIn(now, s.loc)
	var moves []Move
	var mids []MeetingID
	for m, err := range s.store.Meetings(ctx, time.Time{}, time.Time{}) {
		if err != nil {
			return nil, err
		}
		if m.Status == Planned && m.NoticeProvisional.IsProvisional() {
			mids = append(mids, m.ID)
		}
	}
	var errs []error
	for _, id := range mids {
		var mv []Move
		_, err := s.updateMeeting(ctx, id, func(m *Meeting) error {
			mv = nil
			if m.Status != Planned || !m.NoticePosted.IsZero() || today.After(m.NoticeDue) {
				return nil
			}
			loaded := s.loaded(m.NoticeProvisional)
			if len(loaded) == 0 {
				return nil
			}
			k, _ := s.policy.Kind(m.Kind)
			due, ys, err := latestNotice(s.cal, k.Notice, m.At)
			if err != nil {
				return err
			}
			m.NoticeProvisional = calendar.NewProvisional(ys)
			if due.Equal(m.NoticeDue) {
				return nil
			}
			mo := Move{At: now, What: "notice due", Meeting: m.ID, From: m.NoticeDue, To: due, Reason: calendar.LoadedReason(loaded)}
			if due.Before(today) {
				mo.Kept = true
			} else {
				m.NoticeDue = due
			}
			m.Rebased = append(m.Rebased, mo)
			mv = []Move{mo}
			return nil
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("agenda: rebase meeting %s: %w", id, err))
			continue
		}
		moves = append(moves, mv...)
	}
	var tids []TopicID
	for t, err := range s.store.Topics(ctx) {
		if err != nil {
			return moves, err
		}
		if t.Status == Publicity && t.Resolution != nil && t.Resolution.PublicityProvisional.IsProvisional() {
			tids = append(tids, t.ID)
		}
	}
	for _, id := range tids {
		var mv []Move
		_, err := s.updateTopic(ctx, id, func(t *Topic) error {
			mv = nil
			r := t.Resolution
			if t.Status != Publicity || r == nil || today.After(r.PublicityEnds) {
				return nil
			}
			loaded := s.loaded(r.PublicityProvisional)
			if len(loaded) == 0 {
				return nil
			}
			ends, ys, err := lastDay(s.cal, r.Publicity, r.Adopted)
			if err != nil {
				return err
			}
			r.PublicityProvisional = calendar.NewProvisional(ys)
			if ends.Equal(r.PublicityEnds) {
				return nil
			}
			mo := Move{At: now, What: "publicity end", Topic: t.ID, From: r.PublicityEnds, To: ends, Reason: calendar.LoadedReason(loaded)}
			if ends.Before(today) {
				mo.Kept = true
			} else {
				r.PublicityEnds = ends
			}
			t.History = append(t.History, Step{At: now, Action: ActRebase, From: t.Status, To: t.Status, Note: mo.String()})
			mv = []Move{mo}
			return nil
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("agenda: rebase topic %s: %w", id, err))
			continue
		}
		moves = append(moves, mv...)
	}
	return moves, errors.Join(errs...)
}
