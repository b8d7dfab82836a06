package agenda

import (
	"context"

	"errors"
	"fmt"
	"github.com/gongzhi/gongzhi/calendar"
	"slices"
	"strings"
	"time"

	"github.com/gongzhi/gongzhi/grid"
)

// Plan records a new meeting; retrying the same request returns the stored
// meeting, and another meeting with the same id is ErrConflict. Its kind must exist in the policy; NoticeDue
// is computed from the kind's notice period and the calendar. A new meeting
// has participants but no attendance, topics, inquiries or motions (use
// Schedule to add topics).
func (s *Service) Plan(ctx context.Context, m Meeting) (Meeting, error) {
	if err := m.validateNew(s.policy); err != nil {
		return Meeting{}, err
	}
	if m.Version != 0 || m.Status != "" || len(m.Present) != 0 || len(m.Topics) != 0 || len(m.Inquiries) != 0 ||
		len(m.Motions) != 0 || !m.NoticePosted.IsZero() {
		return Meeting{}, invalid("meeting", "a new meeting carries no status, attendance, topics, inquiries, motions or notice")
	}
	k, _ := s.policy.Kind(m.Kind)
	due, ys, err := latestNotice(s.cal, k.Notice, m.At)
	if err != nil {
		return Meeting{}, err
	}
	m = m.Clone()
	m.Status = Planned
	m.NoticeDue, m.NoticeProvisional = due, calendar.NewProvisional(ys)
	v, err := s.store.PutMeeting(ctx, m)
	if errors.Is(err, ErrConflict) {
		// A retry of the same request returns the stored meeting.
		if old, gerr := s.store.Meeting(ctx, m.ID); gerr == nil && old.Kind == m.Kind && old.Grid == m.Grid &&
			old.Title == m.Title && old.Place == m.Place && old.At.Equal(m.At) && slices.Equal(old.Participants, m.Participants) {
			return old, nil
		}
	}
	if err != nil {
		return Meeting{}, fmt.Errorf("agenda: plan meeting %s: %w", m.ID, err)
	}
	m.Version = v
	return m, nil
}

// PostNotice records that the meeting's notice was posted at the service's
// clock. Posting after NoticeDue returns a *NoticeError and changes nothing.
func (s *Service) PostNotice(ctx context.Context, id MeetingID) (Meeting, error) {
	now := s.now()
	return s.updateMeeting(ctx, id, func(m *Meeting) error {
		if m.Status != Planned {
			return invalid("meeting", "meeting %s is %s", id, m.Status)
		}
		if dayIn(now, s.loc).After(m.NoticeDue) {
			k, _ := s.policy.Kind(m.Kind)
			return &NoticeError{Meeting: id, Required: k.Notice, Due: m.NoticeDue, Posted: now}
		}
		if m.NoticePosted.IsZero() {
			m.NoticePosted = now
		}
		return nil
	})
}

// Open opens the meeting with the participants present. Every id must be a
// participant.
func (s *Service) Open(ctx context.Context, id MeetingID, present []grid.PersonID) (Meeting, error) {
	return s.updateMeeting(ctx, id, func(m *Meeting) error {
		if m.Status != Planned {
			return invalid("meeting", "meeting %s is %s, not planned", id, m.Status)
		}
		for _, p := range present {
			if _, ok := m.Participant(p); !ok {
				return notFound("participant", string(p))
			}
		}
		m.Present = slices.Clone(present)
		slices.Sort(m.Present)
		m.Present = slices.Compact(m.Present)
		m.Status = Open
		return nil
	})
}

// Arrive records a participant arriving after the meeting opened. Arriving
// twice changes nothing.
func (s *Service) Arrive(ctx context.Context, id MeetingID, p grid.PersonID) (Meeting, error) {
	return s.updateMeeting(ctx, id, func(m *Meeting) error {
		if m.Status != Open {
			return invalid("meeting", "meeting %s is %s, not open", id, m.Status)
		}
		if _, ok := m.Participant(p); !ok {
			return notFound("participant", string(p))
		}
		if !m.IsPresent(p) {
			m.Present = append(m.Present, p)
			slices.Sort(m.Present)
		}
		return nil
	})
}

// Inquire records an inquiry (质询) put at an open meeting by a present
// representative to a named official (To, a participant who is not a
// representative) or a named unit.
func (s *Service) Inquire(ctx context.Context, id MeetingID, q Inquiry) (Meeting, error) {
	switch {
	case strings.TrimSpace(string(q.ID)) == "":
		return Meeting{}, invalid("inquiry.id", "empty")
	case strings.TrimSpace(q.Question) == "":
		return Meeting{}, invalid("inquiry.question", "empty")
	case q.To == "" && strings.TrimSpace(q.Unit) == "":
		return Meeting{}, invalid("inquiry.to", "an inquiry names the official or unit asked")
	case q.Answer != "" || q.AnsweredBy != "" || q.Satisfied != nil:
		return Meeting{}, invalid("inquiry", "a new inquiry has no answer")
	}
	if q.Asked.IsZero() {
		q.Asked = s.now()
	}
	return s.updateMeeting(ctx, id, func(m *Meeting) error {
		if m.Status != Open {
			return invalid("meeting", "meeting %s is %s, not open", id, m.Status)
		}
		if p, ok := m.Participant(q.Asker); !ok || p.Role != Representative || !m.IsPresent(q.Asker) {
			return invalid("inquiry.asker", "%s is not a representative present", q.Asker)
		}
		if q.To != "" {
			if p, ok := m.Participant(q.To); !ok || p.Role == Representative {
				return invalid("inquiry.to", "%s is not an official or unit of the meeting", q.To)
			}
		}
		if slices.ContainsFunc(m.Inquiries, func(x Inquiry) bool { return x.ID == q.ID }) {
			return invalid("inquiry.id", "inquiry %s exists", q.ID)
		}
		m.Inquiries = append(m.Inquiries, q)
		return nil
	})
}

// Answer records the answer to an inquiry and who gave it: the official
// asked, or any non-representative participant speaking for the unit.
// Answers may come after the meeting closed (in writing). An inquiry is
// answered once.
func (s *Service) Answer(ctx context.Context, id MeetingID, qid InquiryID, by grid.PersonID, answer string) (Meeting, error) {
	if strings.TrimSpace(answer) == "" {
		return Meeting{}, invalid("answer", "empty")
	}
	now := s.now()
	return s.updateMeeting(ctx, id, func(m *Meeting) error {
		i := slices.IndexFunc(m.Inquiries, func(x Inquiry) bool { return x.ID == qid })
		if i < 0 {
			return notFound("inquiry", string(qid))
		}
		q := &m.Inquiries[i]
		if q.Answered() {
			return invalid("answer", "inquiry %s is already answered", qid)
		}
		p, ok := m.Participant(by)
		if !ok || p.Role == Representative || (q.To != "" && q.To != by && p.Role == Observer) {
			return invalid("answer.by", "%s may not answer inquiry %s", by, qid)
		}
		q.Answer, q.AnsweredBy, q.AnsweredAt = answer, by, now
		return nil
	})
}

// Rate records whether the asker is satisfied with the answer.
func (s *Service) Rate(ctx context.Context, id MeetingID, qid InquiryID, satisfied bool) (Meeting, error) {
	return s.updateMeeting(ctx, id, func(m *Meeting) error {
		i := slices.IndexFunc(m.Inquiries, func(x Inquiry) bool { return x.ID == qid })
		if i < 0 {
			return notFound("inquiry", string(qid))
		}
		if !m.Inquiries[i].Answered() {
			return invalid("inquiry", "inquiry %s has no answer to rate", qid)
		}
		m.Inquiries[i].Satisfied = &satisfied
		return nil
	})
}

// PendingInquiry is an unanswered inquiry and its meeting.
type PendingInquiry struct {
	Meeting MeetingID `json:"meeting"`
	At      time.Time `json:"at"`
	Inquiry Inquiry   `json:"inquiry"`
}

// Unanswered returns every unanswered inquiry of every meeting, oldest
// meeting first. It is UnansweredAt at the service's clock.
func (s *Service) Unanswered(ctx context.Context) ([]PendingInquiry, error) {
	return s.unanswered(ctx, s.now())
}

// UnansweredAt returns the inquiries of every meeting that were unanswered
// at instant at (Meeting.UnansweredAt), oldest meeting first: what
// Unanswered listed at that instant, told from the stored records also
// after they were answered. A zero at is an *InputError. It only reads.
func (s *Service) UnansweredAt(ctx context.Context, at time.Time) ([]PendingInquiry, error) {
	if at.IsZero() {
		return nil, invalid("at", "zero time: name the instant asked about")
	}
	return s.unanswered(ctx, at)
}

// unanswered lists the inquiries unanswered at instant at.
func (s *Service) unanswered(ctx context.Context, at time.Time) ([]PendingInquiry, error) {
	var out []PendingInquiry
	for m, err := range s.store.Meetings(ctx, time.Time{}, time.Time{}) {
		if err != nil {
			return nil, err
		}
		for _, q := range m.UnansweredAt(at) {
			out = append(out, PendingInquiry{Meeting: m.ID, At: m.At, Inquiry: q})
		}
	}
	return out, nil
}

// Propose puts a motion before an open meeting of a kind that decides. A
// motion on a topic requires the topic to be scheduled for this meeting.
func (s *Service) Propose(ctx context.Context, id MeetingID, mo Motion) (Meeting, error) {
	if err := mo.validateNew(); err != nil {
		return Meeting{}, err
	}
	if mo.Topic != "" {
		t, err := s.store.Topic(ctx, mo.Topic)
		if err != nil {
			return Meeting{}, err
		}
		if t.Status != Scheduled || t.Meeting != id {
			return Meeting{}, invalid("motion.topic", "topic %s is %s, not scheduled for meeting %s", t.ID, t.Status, id)
		}
	}
	return s.updateMeeting(ctx, id, func(m *Meeting) error {
		if m.Status != Open {
			return invalid("meeting", "meeting %s is %s, not open", id, m.Status)
		}
		if k, _ := s.policy.Kind(m.Kind); !k.Decides {
			return invalid("meeting.kind", "a %s does not vote on motions", m.Kind)
		}
		if _, _, ok := m.Motion(mo.ID); ok {
			return invalid("motion.id", "motion %s exists", mo.ID)
		}
		m.Motions = append(m.Motions, mo.clone())
		return nil
	})
}

// Cast records a present representative's ballot on an open motion. Casting
// the same ballot again changes nothing; a different second ballot returns
// ErrAlreadyVoted.
func (s *Service) Cast(ctx context.Context, id MeetingID, mid MotionID, b Ballot) (Meeting, error) {
	b.Approve = slices.Clone(b.Approve)
	slices.Sort(b.Approve)
	return s.updateMeeting(ctx, id, func(m *Meeting) error {
		if m.Status != Open {
			return invalid("meeting", "meeting %s is %s, not open", id, m.Status)
		}
		mo, i, ok := m.Motion(mid)
		if !ok {
			return notFound("motion", string(mid))
		}
		if mo.Result != nil {
			return invalid("motion", "voting on motion %s is closed", mid)
		}
		if p, ok := m.Participant(b.Voter); !ok || p.Role != Representative || !m.IsPresent(b.Voter) {
			return invalid("ballot.voter", "%s is not a representative present", b.Voter)
		}
		if err := mo.checkBallot(b); err != nil {
			return err
		}
		j, found := slices.BinarySearchFunc(mo.Ballots, b.Voter, func(x Ballot, v grid.PersonID) int { return strings.Compare(string(x.Voter), string(v)) })
		if found {
			if mo.Ballots[j].Choice == b.Choice && slices.Equal(mo.Ballots[j].Approve, b.Approve) {
				return nil
			}
			return fmt.Errorf("%w: %s on motion %s", ErrAlreadyVoted, b.Voter, mid)
		}
		m.Motions[i].Ballots = slices.Insert(mo.Ballots, j, b)
		return nil
	})
}

// CloseVote closes voting on a motion and records its explained result.
// Without quorum the motion does not pass and the result says why.
func (s *Service) CloseVote(ctx context.Context, id MeetingID, mid MotionID) (MotionResult, error) {
	var res MotionResult
	_, err := s.updateMeeting(ctx, id, func(m *Meeting) error {
		if m.Status != Open {
			return invalid("meeting", "meeting %s is %s, not open", id, m.Status)
		}
		mo, i, ok := m.Motion(mid)
		if !ok {
			return notFound("motion", string(mid))
		}
		if mo.Result != nil {
			res = mo.Result.clone()
			return nil
		}
		k, _ := s.policy.Kind(m.Kind)
		invited, _ := m.Representatives()
		r, err := Tally(k, mo, invited, m.PresentRepresentatives())
		if err != nil {
			return err
		}
		m.Motions[i].Result = &r
		res = r.clone()
		return nil
	})
	return res, err
}

// Resolve turns a passed motion on a topic into a resolution (决议) and
// posts it for the policy's publicity period (公示), starting today. It
// requires a timely notice (*NoticeError), a quorum (ErrNoQuorum) and a
// passed vote (ErrNotPassed); each error explains the counts.
func (s *Service) Resolve(ctx context.Context, id MeetingID, mid MotionID, rid ResolutionID, text string) (Topic, error) {
	if strings.TrimSpace(string(rid)) == "" {
		return Topic{}, invalid("resolution.id", "empty")
	}
	m, err := s.store.Meeting(ctx, id)
	if err != nil {
		return Topic{}, err
	}
	mo, _, ok := m.Motion(mid)
	switch {
	case !ok:
		return Topic{}, notFound("motion", string(mid))
	case m.Status != Open:
		return Topic{}, invalid("meeting", "meeting %s is %s, not open", id, m.Status)
	case mo.Result == nil:
		return Topic{}, invalid("motion", "voting on motion %s is not closed", mid)
	case mo.Topic == "":
		return Topic{}, invalid("motion.topic", "motion %s is not on a topic", mid)
	}
	k, _ := s.policy.Kind(m.Kind)
	if m.NoticePosted.IsZero() || dayIn(m.NoticePosted, s.loc).After(m.NoticeDue) {
		return Topic{}, &NoticeError{Meeting: id, Required: k.Notice, Due: m.NoticeDue, Posted: m.NoticePosted}
	}
	if !mo.Result.Quorum.Met {
		q := mo.Result.Quorum
		return Topic{}, fmt.Errorf("%w: meeting %s: %d of %d representatives present, need %s (%d)", ErrNoQuorum, id, q.Present, q.Invited, q.Rule, q.Min)
	}
	if !mo.Result.Passed {
		return Topic{}, fmt.Errorf("%w: motion %s: %s", ErrNotPassed, mid, mo.Result.Reason)
	}
	if text == "" {
		text = mo.Text
	}
	now := s.now()
	ends, ys, err := lastDay(s.cal, s.policy.Publicity, now)
	if err != nil {
		return Topic{}, err
	}
	return s.updateTopic(ctx, mo.Topic, func(t *Topic) error {
		if t.Status == Scheduled && t.Meeting != id {
			return invalid("motion.topic", "topic %s is scheduled for meeting %s", t.ID, t.Meeting)
		}
		if err := t.apply(ActResolve, now, string(rid)); err != nil {
			return err
		}
		t.Resolution = &Resolution{ID: rid, Topic: t.ID, Meeting: id, Motion: mid, Text: text, Adopted: now,
			Vote: mo.Result.clone(), Publicity: s.policy.Publicity, PublicityEnds: ends,
			PublicityProvisional: calendar.NewProvisional(ys)}
		t.Meeting = ""
		return nil
	})
}

// CloseMeeting closes an open meeting: motions still open are tallied, and
// topics scheduled for it that were not resolved return to Accepted, to be
// scheduled again.
func (s *Service) CloseMeeting(ctx context.Context, id MeetingID) (Meeting, error) {
	now := s.now()
	m, err := s.updateMeeting(ctx, id, func(m *Meeting) error {
		if m.Status != Open {
			return invalid("meeting", "meeting %s is %s, not open", id, m.Status)
		}
		k, _ := s.policy.Kind(m.Kind)
		invited, _ := m.Representatives()
		for i, mo := range m.Motions {
			if mo.Result == nil {
				r, err := Tally(k, mo, invited, m.PresentRepresentatives())
				if err != nil {
					return err
				}
				m.Motions[i].Result = &r
			}
		}
		m.Status, m.ClosedAt = Closed, now
		return nil
	})
	if err != nil {
		return Meeting{}, err
	}
	for _, tid := range m.Topics {
		_, err := s.updateTopic(ctx, tid, func(t *Topic) error {
			if t.Status != Scheduled || t.Meeting != id {
				return errSkip
			}
			if err := t.apply(ActUnschedule, now, "meeting "+string(id)+" closed without a resolution"); err != nil {
				return err
			}
			t.Meeting = ""
			return nil
		})
		if err != nil && err != errSkip {
			return m, fmt.Errorf("agenda: meeting %s closed, but returning topic %s failed: %w", id, tid, err)
		}
	}
	return m, nil
}

// errSkip aborts an update without error.
var errSkip = fmt.Errorf("agenda: skip")
