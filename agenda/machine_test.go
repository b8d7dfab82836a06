package agenda_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/vote"
)

// countingStore counts the successful writes of a Store: a failed
// Service operation must write nothing.
type countingStore struct {
	agenda.Store
	mu     sync.Mutex
	writes int
}

func (c *countingStore) PutTopic(ctx context.Context, t agenda.Topic) (int64, error) {
	v, err := c.Store.PutTopic(ctx, t)
	if err == nil {
		c.mu.Lock()
		c.writes++
		c.mu.Unlock()
	}
	return v, err
}

func (c *countingStore) PutMeeting(ctx context.Context, m agenda.Meeting) (int64, error) {
	v, err := c.Store.PutMeeting(ctx, m)
	if err == nil {
		c.mu.Lock()
		c.writes++
		c.mu.Unlock()
	}
	return v, err
}

// snapshot returns every record of the store.
func snapshot(t *rapid.T, st agenda.Store) ([]agenda.Topic, []agenda.Meeting) {
	ctx := context.Background()
	var ts []agenda.Topic
	for tp, err := range st.Topics(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		ts = append(ts, tp)
	}
	var ms []agenda.Meeting
	for m, err := range st.Meetings(ctx, time.Time{}, time.Time{}) {
		if err != nil {
			t.Fatal(err)
		}
		ms = append(ms, m)
	}
	return ts, ms
}

// TestServiceStateMachine drives a Service with random operations, legal
// and illegal, against a model of topic statuses. Invariants: a failed
// operation changes nothing; a successful one moves the topic exactly as
// Next says; every resolution has a quorate meeting, a timely notice and a
// passed vote recorded in that meeting; publicity ends on the day the
// calendar says.
func TestServiceStateMachine(t *testing.T) {
	reached := map[agenda.Status]int{}
	defer func() {
		t.Logf("statuses reached: %v", reached)
		// The walk must reach every status, or the invariants above were
		// never checked on the topics in it.
		if t.Failed() {
			return
		}
		for st := agenda.Raised; st <= agenda.Solved; st++ {
			if reached[st] == 0 {
				t.Errorf("the random walk never reached status %s; weight the actions that lead there", st)
			}
		}
	}()
	rapid.Check(t, func(rt *rapid.T) {
		ctx := context.Background()
		c := &clock{t: date(2026, 1, 5).Add(9 * time.Hour)}
		st := &countingStore{Store: agenda.NewMemStore()}
		s, err := agenda.NewService(st, &agenda.Options{Now: c.now, Calendar: calendarChina})
		if err != nil {
			rt.Fatal(err)
		}
		model := map[agenda.TopicID]agenda.Status{}
		var topics []agenda.TopicID
		var meetings []agenda.MeetingID
		motions := 0
		pickTopic := func(rt *rapid.T) agenda.TopicID {
			if len(topics) == 0 || rapid.IntRange(0, 9).Draw(rt, "unknown") == 9 {
				return "missing"
			}
			return rapid.SampledFrom(topics).Draw(rt, "topic")
		}
		// pickIn prefers a topic in one of the given statuses, so that
		// random runs reach the later stages.
		pickIn := func(rt *rapid.T, want ...agenda.Status) agenda.TopicID {
			var in []agenda.TopicID
			for _, id := range topics {
				for _, w := range want {
					if model[id] == w {
						in = append(in, id)
					}
				}
			}
			if len(in) == 0 || rapid.IntRange(0, 4).Draw(rt, "any") == 4 {
				return pickTopic(rt)
			}
			return rapid.SampledFrom(in).Draw(rt, "topic")
		}
		pickMeeting := func(rt *rapid.T) agenda.MeetingID {
			if len(meetings) == 0 || rapid.IntRange(0, 9).Draw(rt, "unknown") == 9 {
				return "missing"
			}
			return rapid.SampledFrom(meetings).Draw(rt, "meeting")
		}
		// step runs op; on error nothing may change, on success the topic
		// (if any) must be in the status the model predicts via action a.
		step := func(rt *rapid.T, tid agenda.TopicID, a agenda.Action, op func() error) {
			before := st.writes
			err := op()
			if err != nil {
				if st.writes != before {
					rt.Fatalf("failed %s (%v) wrote %d records", a, err, st.writes-before)
				}
				if _, ok := model[tid]; ok && a != "" {
					if _, nerr := agenda.Next(model[tid], a); nerr != nil && !errors.Is(err, agenda.ErrIllegalTransition) &&
						!errors.Is(err, agenda.ErrInvalid) && !errors.Is(err, agenda.ErrPeriod) && !errors.Is(err, agenda.ErrNotFound) {
						rt.Fatalf("illegal %s from %s failed with unexpected error %v", a, model[tid], err)
					}
				}
				return
			}
			if a == "" {
				return
			}
			want, nerr := agenda.Next(model[tid], a)
			if nerr != nil {
				rt.Fatalf("%s succeeded from %s, which the machine forbids", a, model[tid])
			}
			got, _ := st.Topic(ctx, tid)
			if got.Status != want {
				rt.Fatalf("%s: topic %s is %s, model %s", a, tid, got.Status, want)
			}
			model[tid] = want
			reached[want]++
		}
		// Meetings have their own small model: planned -> open -> closed,
		// and a notice only while planned and not after its due day.
		mstatus := map[agenda.MeetingID]agenda.MeetingStatus{}
		postNotice := func(rt *rapid.T, mid agenda.MeetingID) {
			m, merr := st.Meeting(ctx, mid)
			want := merr == nil && mstatus[mid] == agenda.Planned && !dayOfTest(c.t).After(m.NoticeDue)
			var err error
			step(rt, "", "", func() error { _, err = s.PostNotice(ctx, mid); return err })
			if (err == nil) != want {
				rt.Fatalf("PostNotice(%s) at %s, status %s: error %v, model says ok=%v", mid, c.t, mstatus[mid], err, want)
			}
		}
		openMeeting := func(rt *rapid.T, mid agenda.MeetingID, present []grid.PersonID) {
			want := mstatus[mid] == agenda.Planned
			var err error
			step(rt, "", "", func() error { _, err = s.Open(ctx, mid, present); return err })
			if (err == nil) != want {
				rt.Fatalf("Open(%s) in status %q: error %v", mid, mstatus[mid], err)
			}
			if err == nil {
				mstatus[mid] = agenda.Open
			}
		}
		closeMeeting := func(rt *rapid.T, mid agenda.MeetingID) error {
			want := mstatus[mid] == agenda.Open
			_, err := s.CloseMeeting(ctx, mid)
			if (err == nil) != want {
				rt.Fatalf("CloseMeeting(%s) in status %q: error %v", mid, mstatus[mid], err)
			}
			if err == nil {
				mstatus[mid] = agenda.Closed
			}
			return err
		}
		ops := map[string]func(*rapid.T){
			"raise": func(rt *rapid.T) {
				id := agenda.TopicID(fmt.Sprint("t", len(topics)))
				cat := rapid.SampledFrom([]string{"parking", "dog-walking", "bogus"}).Draw(rt, "category")
				before := st.writes
				_, err := s.Raise(ctx, agenda.Topic{ID: id, Grid: "c1", Title: "x", Category: cat, Source: agenda.Source{Origin: agenda.FromResident, By: "r"}})
				if (err == nil) != (cat != "bogus") {
					rt.Fatalf("raise with category %s: %v", cat, err)
				}
				if err != nil {
					if st.writes != before {
						rt.Fatal("failed raise wrote to the store")
					}
					return
				}
				topics = append(topics, id)
				model[id] = agenda.Raised
				reached[agenda.Raised]++
			},
			"screen": func(rt *rapid.T) {
				id := pickIn(rt, agenda.Raised)
				d := rapid.SampledFrom([]agenda.Decision{agenda.Accept, agenda.Accept, agenda.Accept, agenda.Reject, agenda.Refer, agenda.Merge}).Draw(rt, "decision")
				sc := agenda.Screening{Decision: d, Reason: "r", To: "hotline"}
				act := map[agenda.Decision]agenda.Action{agenda.Accept: agenda.ActAccept, agenda.Reject: agenda.ActReject, agenda.Refer: agenda.ActRefer, agenda.Merge: agenda.ActMerge}[d]
				if d == agenda.Merge {
					sc.Into = pickTopic(rt)
					if sc.Into == id {
						return // rejected before any transition check
					}
					// A merge also writes the target; check it separately.
					into, _ := st.Topic(ctx, sc.Into)
					_, err := s.Screen(ctx, id, sc)
					if err == nil {
						got, _ := st.Topic(ctx, sc.Into)
						if len(got.MergedFrom) != len(into.MergedFrom)+1 {
							rt.Fatalf("merge target %s not updated", sc.Into)
						}
						want, nerr := agenda.Next(model[id], agenda.ActMerge)
						if nerr != nil {
							rt.Fatalf("merge from %s succeeded", model[id])
						}
						model[id] = want
						reached[want]++
					}
					return
				}
				step(rt, id, act, func() error { _, err := s.Screen(ctx, id, sc); return err })
			},
			"plan": func(rt *rapid.T) {
				id := agenda.MeetingID(fmt.Sprint("m", len(meetings)))
				at := dayOfTest(c.t).AddDate(0, 0, rapid.IntRange(0, 12).Draw(rt, "in"))
				step(rt, "", "", func() error {
					_, err := s.Plan(ctx, agenda.Meeting{ID: id, Kind: "council", Grid: "c1", At: at.Add(19 * time.Hour), Participants: reps(5)})
					if err == nil {
						meetings = append(meetings, id)
						mstatus[id] = agenda.Planned
					}
					return err
				})
				if rapid.IntRange(0, 4).Draw(rt, "notice now") != 4 {
					postNotice(rt, id)
				}
			},
			"schedule": func(rt *rapid.T) {
				tid, mid := pickIn(rt, agenda.Accepted), pickMeeting(rt)
				before, _ := st.Topic(ctx, tid)
				_, err := s.Schedule(ctx, mid, tid)
				if err == nil {
					want, nerr := agenda.Next(model[tid], agenda.ActSchedule)
					if nerr != nil {
						rt.Fatalf("schedule from %s succeeded", model[tid])
					}
					model[tid] = want
					reached[want]++
				} else if after, _ := st.Topic(ctx, tid); !cmp.Equal(before, after) {
					rt.Fatalf("failed schedule changed topic %s", tid)
				}
			},
			"notice": func(rt *rapid.T) {
				mid := pickMeeting(rt)
				postNotice(rt, mid)
			},
			"open": func(rt *rapid.T) {
				mid := pickMeeting(rt)
				n := rapid.IntRange(1, 5).Draw(rt, "present")
				var present []grid.PersonID
				for i := 1; i <= n; i++ {
					present = append(present, grid.PersonID(fmt.Sprint("r", i)))
				}
				openMeeting(rt, mid, present)
			},
			"propose-and-vote": func(rt *rapid.T) {
				tid := pickIn(rt, agenda.Scheduled)
				mid := pickMeeting(rt)
				if tp, err := st.Topic(ctx, tid); err == nil && tp.Meeting != "" && rapid.IntRange(0, 4).Draw(rt, "own meeting") != 4 {
					mid = tp.Meeting
				}
				motions++
				moid := agenda.MotionID(fmt.Sprint("mo", motions))
				step(rt, "", "", func() error {
					_, err := s.Propose(ctx, mid, agenda.Motion{ID: moid, Topic: tid, Text: "x", Method: agenda.YesNo})
					return err
				})
				for i := 1; i <= 5; i++ {
					ch := rapid.SampledFrom([]vote.Choice{vote.Yes, vote.Yes, vote.Yes, vote.No, vote.Abstain}).Draw(rt, "choice")
					step(rt, "", "", func() error {
						_, err := s.Cast(ctx, mid, moid, agenda.Ballot{Voter: grid.PersonID(fmt.Sprint("r", i)), Choice: ch})
						return err
					})
				}
				step(rt, "", "", func() error { _, err := s.CloseVote(ctx, mid, moid); return err })
				step(rt, tid, agenda.ActResolve, func() error { _, err := s.Resolve(ctx, mid, moid, agenda.ResolutionID(moid), ""); return err })
			},
			"full-meeting": func(rt *rapid.T) {
				// A whole meeting on one topic, each step checked; attendance
				// and votes are random, so it may end without a resolution.
				if c.t.After(date(2026, 11, 1)) {
					return // stay inside the years calendar.China() covers
				}
				tid := pickIn(rt, agenda.Accepted)
				mid := agenda.MeetingID(fmt.Sprint("m", len(meetings)))
				at := dayOfTest(c.t).AddDate(0, 0, rapid.IntRange(4, 12).Draw(rt, "in")).Add(19 * time.Hour)
				if _, err := s.Plan(ctx, agenda.Meeting{ID: mid, Kind: "council", Grid: "c1", At: at, Participants: reps(5)}); err != nil {
					rt.Fatal(err)
				}
				meetings = append(meetings, mid)
				mstatus[mid] = agenda.Planned
				postNotice(rt, mid)
				_, err := s.Schedule(ctx, mid, tid)
				here := err == nil
				if here {
					model[tid] = agenda.Scheduled
				}
				c.t = at
				var present []grid.PersonID
				for i := 1; i <= 5; i++ {
					if rapid.IntRange(0, 3).Draw(rt, "attends") != 3 {
						present = append(present, grid.PersonID(fmt.Sprint("r", i)))
					}
				}
				openMeeting(rt, mid, present)
				motions++
				moid := agenda.MotionID(fmt.Sprint("mo", motions))
				step(rt, "", "", func() error {
					_, err := s.Propose(ctx, mid, agenda.Motion{ID: moid, Topic: tid, Text: "x", Method: agenda.YesNo})
					return err
				})
				for _, p := range present {
					ch := rapid.SampledFrom([]vote.Choice{vote.Yes, vote.Yes, vote.Yes, vote.No, vote.Abstain}).Draw(rt, "choice")
					step(rt, "", "", func() error { _, err := s.Cast(ctx, mid, moid, agenda.Ballot{Voter: p, Choice: ch}); return err })
				}
				step(rt, "", "", func() error { _, err := s.CloseVote(ctx, mid, moid); return err })
				step(rt, tid, agenda.ActResolve, func() error { _, err := s.Resolve(ctx, mid, moid, agenda.ResolutionID(moid), ""); return err })
				if err := closeMeeting(rt, mid); err != nil {
					rt.Fatal(err)
				}
				if here && model[tid] == agenda.Scheduled {
					model[tid] = agenda.Accepted
				}
			},
			"close-meeting": func(rt *rapid.T) {
				mid := pickMeeting(rt)
				if err := closeMeeting(rt, mid); err == nil {
					for id := range model {
						got, _ := st.Topic(ctx, id)
						if model[id] == agenda.Scheduled && got.Status == agenda.Accepted {
							model[id] = agenda.Accepted
						}
					}
				}
			},
			"object-and-send-back": func(rt *rapid.T) {
				tid := pickIn(rt, agenda.Publicity)
				step(rt, "", "", func() error { _, err := s.Object(ctx, tid, agenda.Objection{By: "x", Text: "no"}); return err })
				if rapid.IntRange(0, 3).Draw(rt, "send back") == 3 {
					step(rt, tid, agenda.ActSendBack, func() error { _, err := s.SendBack(ctx, tid, "upheld"); return err })
				}
			},
			"take-effect": func(rt *rapid.T) {
				tid := pickIn(rt, agenda.Publicity)
				if tp, err := st.Topic(ctx, tid); err == nil && tp.Resolution != nil && rapid.IntRange(0, 2).Draw(rt, "wait") != 2 {
					if after := tp.Resolution.PublicityEnds.AddDate(0, 0, 1).Add(9 * time.Hour); after.After(c.t) {
						c.t = after
					}
				}
				step(rt, tid, agenda.ActTakeEffect, func() error { _, err := s.TakeEffect(ctx, tid); return err })
			},
			"execute": func(rt *rapid.T) {
				tid := pickIn(rt, agenda.Executing)
				kid := agenda.TaskID(fmt.Sprint("k", rapid.IntRange(0, 2).Draw(rt, "task")))
				step(rt, "", "", func() error {
					_, err := s.Assign(ctx, tid, agenda.Task{ID: kid, Unit: "u", Deadline: c.t.AddDate(0, 0, 10)})
					return err
				})
				step(rt, "", "", func() error {
					_, err := s.Progress(ctx, tid, kid, agenda.Report{By: "u", Percent: rapid.SampledFrom([]int{100, 50}).Draw(rt, "pct")})
					return err
				})
				step(rt, tid, agenda.ActComplete, func() error { _, err := s.Complete(ctx, tid); return err })
			},
			"accept": func(rt *rapid.T) {
				tid := pickIn(rt, agenda.Supervising)
				ok := rapid.IntRange(0, 3).Draw(rt, "passed") != 3
				act := agenda.ActAcceptWork
				if !ok {
					act = agenda.ActRejectWork
				}
				step(rt, tid, act, func() error { _, err := s.Accept(ctx, tid, agenda.Acceptance{By: "x", Passed: ok}); return err })
			},
			"evaluate": func(rt *rapid.T) {
				tid := pickIn(rt, agenda.Evaluating)
				sat := agenda.Satisfaction{Satisfied: 20 - rapid.Int64Range(0, 20).Draw(rt, "sat"), Dissatisfied: rapid.Int64Range(1, 10).Draw(rt, "dis")}
				act := agenda.ActSendBack
				if vr := agenda.Beijing().Satisfaction; vr.Met(sat.Satisfied, sat.Satisfied+sat.Dissatisfied) {
					act = agenda.ActCloseSolved
				}
				step(rt, tid, act, func() error { _, err := s.Evaluate(ctx, tid, sat); return err })
			},
			"advance": func(rt *rapid.T) {
				if c.t.Before(date(2026, 11, 1)) {
					c.t = c.t.AddDate(0, 0, rapid.IntRange(1, 9).Draw(rt, "days"))
				}
			},
			"": func(rt *rapid.T) {
				ts, ms := snapshot(rt, st)
				for _, m := range ms {
					if m.Status != mstatus[m.ID] {
						rt.Fatalf("meeting %s is %s, model %s", m.ID, m.Status, mstatus[m.ID])
					}
				}
				for _, tp := range ts {
					if tp.Status != model[tp.ID] {
						rt.Fatalf("topic %s is %s, model %s", tp.ID, tp.Status, model[tp.ID])
					}
					hasRes := tp.Status == agenda.Publicity || tp.Status == agenda.Executing || tp.Status == agenda.Supervising || tp.Status == agenda.Evaluating || tp.Status == agenda.Solved
					if hasRes != (tp.Resolution != nil) {
						rt.Fatalf("topic %s is %s with resolution %v", tp.ID, tp.Status, tp.Resolution != nil)
					}
					if r := tp.Resolution; r != nil {
						m, err := st.Meeting(ctx, r.Meeting)
						if err != nil {
							rt.Fatalf("resolution %s: meeting: %v", r.ID, err)
						}
						mo, _, ok := m.Motion(r.Motion)
						if !ok || mo.Result == nil || !mo.Result.Passed || !mo.Result.Quorum.Met || !r.Vote.Passed || !r.Vote.Quorum.Met {
							rt.Fatalf("resolution %s without a quorate meeting and a passed vote", r.ID)
						}
						invited, present := m.Representatives()
						if !agenda.Beijing().Kinds[0].Quorum.Met(present, invited) {
							rt.Fatalf("resolution %s: meeting %s attendance %d/%d is not quorate", r.ID, m.ID, present, invited)
						}
						if m.NoticePosted.IsZero() || dayOfTest(m.NoticePosted).After(m.NoticeDue) {
							rt.Fatalf("resolution %s: meeting %s had no timely notice", r.ID, m.ID)
						}
						end, _ := agenda.LastDay(calendarChina, nd(7), r.Adopted)
						if !end.Equal(r.PublicityEnds) {
							rt.Fatalf("resolution %s: publicity ends %s, calendar says %s", r.ID, r.PublicityEnds, end)
						}
					}
				}
			},
		}
		// rapid's Repeat runs few steps by default; the later stages need
		// long runs, so draw the length and weight forward-moving actions.
		weighted := []string{"raise", "screen", "plan", "schedule", "notice", "open",
			"propose-and-vote", "full-meeting", "full-meeting", "close-meeting", "object-and-send-back",
			"take-effect", "take-effect", "take-effect", "execute", "execute", "execute", "accept", "accept", "accept", "evaluate", "evaluate", "evaluate", "advance"}
		for range 160 {
			ops[rapid.SampledFrom(weighted).Draw(rt, "action")](rt)
			ops[""](rt)
		}
	})
}

func dayOfTest(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}
