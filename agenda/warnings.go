package agenda

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// TopicWarnings returns the supervision warnings of t at instant at, from
// t's records as they stood then: tasks unfinished after their deadline
// day, departments that had not checked in to a summons after its due
// day, a publicity period over without the resolution taking effect. Steps,
// reports, check-ins and acceptances dated after at are ignored, so the
// same stored topic answers for any instant; for an instant after every
// record it is the topic as stored. Days are cut in at's zone. Pure.
func TopicWarnings(t Topic, at time.Time) []Warning {
	t = t.asOf(at)
	var out []Warning
	day := dayOf(at)
	late := func(d time.Time) int { return daysBetween(dayIn(d, at.Location()), day) }
	if t.Status == Executing || t.Status == Supervising {
		for _, k := range t.Tasks {
			if k.Done.IsZero() && k.Overdue(at) {
				out = append(out, Warning{Kind: TaskOverdue, Topic: t.ID, Ref: string(k.ID), Days: late(k.Deadline),
					Message: fmt.Sprintf("task %s (%s) is %d days past its deadline %s", k.ID, k.Unit, late(k.Deadline), k.Deadline.Format(time.DateOnly))})
			}
		}
	}
	for _, s := range t.Summons {
		if !day.After(s.Due) {
			continue
		}
		for _, d := range s.Missing() {
			out = append(out, Warning{Kind: SummonsUnheeded, Topic: t.ID, Ref: s.ID + "/" + d, Days: late(s.Due),
				Message: fmt.Sprintf("department %s has not reported to summons %s, due %s", d, s.ID, s.Due.Format(time.DateOnly))})
		}
	}
	if t.Status == Publicity && t.Resolution != nil && day.After(t.Resolution.PublicityEnds) {
		out = append(out, Warning{Kind: PublicityElapsed, Topic: t.ID, Ref: string(t.Resolution.ID), Days: late(t.Resolution.PublicityEnds),
			Message: fmt.Sprintf("resolution %s finished publicity on %s but has not taken effect", t.Resolution.ID, t.Resolution.PublicityEnds.Format(time.DateOnly))})
	}
	return out
}

// MeetingWarnings returns the supervision warnings of meeting m at instant
// at: the inquiries of a meeting closed by then (ClosedAt at or before at)
// that had no answer by then (Meeting.UnansweredAt), in the meeting's
// order, with the days since the meeting's day. A meeting closed before
// ClosedAt was kept counts as closed from its start. Days are cut in at's
// zone. Pure.
func MeetingWarnings(m Meeting, at time.Time) []Warning {
	if !m.closedBy(at) {
		return nil
	}
	var out []Warning
	for _, q := range m.UnansweredAt(at) {
		to := string(q.To)
		if to == "" {
			to = q.Unit
		}
		out = append(out, Warning{Kind: InquiryPending, Meeting: m.ID, Topic: q.Topic, Ref: string(q.ID),
			Days:    daysBetween(dayIn(m.At, at.Location()), dayOf(at)),
			Message: "inquiry " + string(q.ID) + " to " + to + " is unanswered"})
	}
	return out
}

// daysBetween returns the whole days from midnight a to midnight b, which
// may be 23 or 25 hours apart across a change of offset.
func daysBetween(a, b time.Time) int { return int(b.Sub(a).Hours()/24 + 0.5) }

// Warnings returns everything supervisors must look at on the service's
// clock: overdue tasks, unheeded summons, elapsed publicity periods, and
// unanswered inquiries of closed meetings. It is WarningsAt at the
// service's clock: records dated after the clock (a replay on an injected
// clock, reading back records a later run made) are not yet taken.
func (s *Service) Warnings(ctx context.Context) ([]Warning, error) {
	return s.warnings(ctx, s.now(), "")
}

// WarningsAt returns the warnings supervisors had to look at at instant
// at, from what the Store holds: each topic as its records stood then
// (TopicWarnings) and each meeting closed by then (MeetingWarnings), in
// the Store's order, topics first. Days are cut in the calendar's zone
// (ZoneOf), whatever at's zone. Warnings is the same computation at the
// service's clock, so for any instant the service was asked at, WarningsAt
// later returns what Warnings returned then, provided no record was dated
// at that very instant after it was asked. An instant after the last
// record gives what Warnings will report then if nothing is recorded
// meanwhile. A zero at is an *InputError. It only reads.
func (s *Service) WarningsAt(ctx context.Context, at time.Time) ([]Warning, error) {
	if at.IsZero() {
		return nil, invalid("at", "zero time: name the instant the warnings are asked for")
	}
	return s.warnings(ctx, at.In(s.loc), "")
}

// TopicWarningsAt returns the warnings of WarningsAt at instant at that
// concern topic id: its own (TopicWarnings) and those of unanswered
// inquiries about it. A zero at or an empty id is an *InputError; a topic
// the Store does not hold is a *NotFoundError. A topic raised after at has
// none. It only reads.
func (s *Service) TopicWarningsAt(ctx context.Context, id TopicID, at time.Time) ([]Warning, error) {
	switch {
	case at.IsZero():
		return nil, invalid("at", "zero time: name the instant the warnings are asked for")
	case strings.TrimSpace(string(id)) == "":
		return nil, invalid("topic", "empty id")
	}
	return s.warnings(ctx, at.In(s.loc), id)
}

// warnings computes the warnings at instant at (in the service's zone),
// of every topic or, if only is set, of that topic and of the inquiries
// about it.
func (s *Service) warnings(ctx context.Context, at time.Time, only TopicID) ([]Warning, error) {
	var out []Warning
	if only != "" {
		t, err := s.store.Topic(ctx, only)
		if err != nil {
			return nil, err
		}
		out = TopicWarnings(t, at)
	} else {
		for t, err := range s.store.Topics(ctx) {
			if err != nil {
				return nil, err
			}
			out = append(out, TopicWarnings(t, at)...)
		}
	}
	for m, err := range s.store.Meetings(ctx, time.Time{}, time.Time{}) {
		if err != nil {
			return nil, err
		}
		for _, w := range MeetingWarnings(m, at) {
			if only == "" || w.Topic == only {
				out = append(out, w)
			}
		}
	}
	return out, nil
}
