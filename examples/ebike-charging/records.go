package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/examples/internal/storage"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/vote"
)

// records takes each step of the replay through the agenda service unless
// the store shows it taken: with -db FILE, a second run reads the topic
// and meetings back, and a run after one killed midway finishes them.
type records struct {
	ctx    context.Context
	svc    *agenda.Service
	stores *storage.Stores
}

// topic returns the stored topic id.
func (r *records) topic(id agenda.TopicID) agenda.Topic { return check(r.svc.Topic(r.ctx, id)) }

// meeting returns the stored meeting id.
func (r *records) meeting(id agenda.MeetingID) agenda.Meeting { return check(r.svc.Meeting(r.ctx, id)) }

// raise raises t unless the store holds a topic with its id.
func (r *records) raise(t agenda.Topic) agenda.TopicID {
	_, err := r.svc.Topic(r.ctx, t.ID)
	switch {
	case err == nil:
		r.stores.ReadBack("topic", 1)
		return t.ID
	case !errors.Is(err, agenda.ErrNotFound):
		check(0, err)
	}
	return check(r.svc.Raise(r.ctx, t)).ID
}

// step runs do, the step that makes the nth entry of topic id's history,
// unless the history has n entries already.
func (r *records) step(id agenda.TopicID, n int, do func()) {
	if len(r.topic(id).History) < n {
		do()
	}
}

// topicAfter returns topic id with the status it had after the nth entry
// of its history: what the replay shows at that point, also when the
// topic read back from a file has moved on since.
func (r *records) topicAfter(id agenda.TopicID, n int) agenda.Topic {
	t := r.topic(id)
	t.Status = t.History[n-1].To
	return t
}

// plan plans m unless the store holds a meeting with its id.
func (r *records) plan(m agenda.Meeting) {
	_, err := r.svc.Meeting(r.ctx, m.ID)
	switch {
	case err == nil:
		r.stores.ReadBack("meeting", 1)
		return
	case !errors.Is(err, agenda.ErrNotFound):
		check(0, err)
	}
	check(r.svc.Plan(r.ctx, m))
}

// notice posts the notice of meeting id unless it is posted.
func (r *records) notice(id agenda.MeetingID) {
	if r.meeting(id).NoticePosted.IsZero() {
		check(r.svc.PostNotice(r.ctx, id))
	}
}

// open opens meeting id with those present unless it is open or over.
func (r *records) open(id agenda.MeetingID, present []grid.PersonID) {
	if r.meeting(id).Status == agenda.Planned {
		check(r.svc.Open(r.ctx, id, present))
	}
}

// closeMeeting closes meeting id unless it is closed.
func (r *records) closeMeeting(id agenda.MeetingID) {
	if r.meeting(id).Status != agenda.Closed {
		check(r.svc.CloseMeeting(r.ctx, id))
	}
}

// vote proposes motion mo at meeting id, casts choices[i] for
// representative rep<i+1> and closes the vote, skipping what the stored
// meeting holds, and returns the result.
func (r *records) vote(id agenda.MeetingID, mo agenda.Motion, choices []vote.Choice) agenda.MotionResult {
	stored, _, ok := r.meeting(id).Motion(mo.ID)
	if !ok {
		check(r.svc.Propose(r.ctx, id, mo))
	}
	if stored.Result != nil {
		return *stored.Result
	}
	for i, c := range choices {
		voter := grid.PersonID(fmt.Sprint("rep", i+1))
		if !slices.ContainsFunc(stored.Ballots, func(b agenda.Ballot) bool { return b.Voter == voter }) {
			check(r.svc.Cast(r.ctx, id, mo.ID, agenda.Ballot{Voter: voter, Choice: c}))
		}
	}
	return check(r.svc.CloseVote(r.ctx, id, mo.ID))
}

// inquiry returns inquiry q of meeting id as stored.
func (r *records) inquiry(id agenda.MeetingID, q agenda.InquiryID) (agenda.Inquiry, bool) {
	for _, x := range r.meeting(id).Inquiries {
		if x.ID == q {
			return x, true
		}
	}
	return agenda.Inquiry{}, false
}

// inquire puts inquiry q unless the meeting holds it.
func (r *records) inquire(id agenda.MeetingID, q agenda.Inquiry) {
	if _, ok := r.inquiry(id, q.ID); !ok {
		check(r.svc.Inquire(r.ctx, id, q))
	}
}

// answer records the answer to inquiry q and the asker's satisfaction,
// each unless stored.
func (r *records) answer(id agenda.MeetingID, q agenda.InquiryID, by grid.PersonID, text string) {
	if x, _ := r.inquiry(id, q); !x.Answered() {
		check(r.svc.Answer(r.ctx, id, q, by, text))
	}
	if x, _ := r.inquiry(id, q); x.Satisfied == nil {
		check(r.svc.Rate(r.ctx, id, q, true))
	}
}

// summons returns summons sid of topic tid as stored.
func (r *records) summons(tid agenda.TopicID, sid string) agenda.Summons {
	for _, s := range r.topic(tid).Summons {
		if s.ID == sid {
			return s
		}
	}
	check(0, fmt.Errorf("summons %s of topic %s: %w", sid, tid, agenda.ErrNotFound))
	return agenda.Summons{}
}

// checkedIn reports whether department d checked in to summons sid.
func (r *records) checkedIn(tid agenda.TopicID, sid, d string) bool {
	return slices.Contains(r.summons(tid, sid).Reported, d)
}

// checkIn checks department d in to summons sid unless it did.
func (r *records) checkIn(tid agenda.TopicID, sid, d string) {
	if !r.checkedIn(tid, sid, d) {
		check(r.svc.CheckIn(r.ctx, tid, sid, d))
	}
}

// task returns task k of topic tid as stored.
func (r *records) task(tid agenda.TopicID, k agenda.TaskID) (agenda.Task, bool) {
	for _, x := range r.topic(tid).Tasks {
		if x.ID == k {
			return x, true
		}
	}
	return agenda.Task{}, false
}

// progress files rep as the nth report on task k unless it has n.
func (r *records) progress(tid agenda.TopicID, k agenda.TaskID, n int, rep agenda.Report) {
	if x, _ := r.task(tid, k); len(x.Reports) < n {
		check(r.svc.Progress(r.ctx, tid, k, rep))
	}
}

// warnings prints what supervisors had to look at at now: the service's
// WarningsAt, which tells it from the records as they stood then also on
// a run that reads back records a later moment of the replay made.
func (r *records) warnings(now time.Time) {
	for _, w := range check(r.svc.WarningsAt(r.ctx, now)) {
		fmt.Println("warning:", w.Message)
	}
}
