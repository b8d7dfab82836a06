package agenda_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/vote"
)

// asked is what the live service reported at one instant.
type asked struct {
	at         time.Time
	warnings   []agenda.Warning
	unanswered []agenda.PendingInquiry
}

// TestWarningsAtReplaysLive runs a Service on an injected clock through a
// random history (topics raised and resolved, meetings with inquiries,
// summons and check-ins, tasks reported done and reopened by a failed
// acceptance, resolutions sent back) and records what Warnings reported
// and Unanswered listed after each step. From the final store, WarningsAt
// and UnansweredAt of each step's instant must return exactly that, and
// TopicWarningsAt the part about a topic.
// The clock moves forward before every step, so no record shares the
// instant of an earlier question.
func TestWarningsAtReplaysLive(t *testing.T) {
	seen := map[agenda.WarningKind]int{}
	reopen, reopenLate := 0, 0
	defer func() {
		t.Logf("warnings compared, by kind: %v; %d failed acceptances, %d after a deadline", seen, reopen, reopenLate)
		if t.Failed() {
			return
		}
		for _, k := range []agenda.WarningKind{agenda.TaskOverdue, agenda.SummonsUnheeded, agenda.InquiryPending, agenda.PublicityElapsed} {
			if seen[k] == 0 {
				t.Errorf("no history produced a %s warning; the property was not checked on it", k)
			}
		}
		if reopenLate == 0 {
			t.Error("no acceptance failed after a task's deadline: reopened tasks were not checked")
		}
	}()
	rapid.Check(t, func(rt *rapid.T) {
		ctx := context.Background()
		c := &clock{t: date(2026, 1, 5).Add(9 * time.Hour)}
		st := agenda.NewMemStore()
		s, err := agenda.NewService(st, &agenda.Options{Now: c.now, Calendar: calendarChina})
		if err != nil {
			rt.Fatal(err)
		}
		var topics []agenda.TopicID
		var meetings []agenda.MeetingID
		n := 0
		next := func(p string) string { n++; return fmt.Sprint(p, n) }
		topicIn := func(rt *rapid.T, want ...agenda.Status) (agenda.Topic, bool) {
			var in []agenda.Topic
			for _, id := range topics {
				tp, _ := st.Topic(ctx, id)
				if slices.Contains(want, tp.Status) {
					in = append(in, tp)
				}
			}
			if len(in) == 0 {
				return agenda.Topic{}, false
			}
			return rapid.SampledFrom(in).Draw(rt, "topic"), true
		}
		meetingIn := func(rt *rapid.T, want agenda.MeetingStatus) (agenda.Meeting, bool) {
			var in []agenda.Meeting
			for _, id := range meetings {
				m, _ := st.Meeting(ctx, id)
				if m.Status == want {
					in = append(in, m)
				}
			}
			if len(in) == 0 {
				return agenda.Meeting{}, false
			}
			return rapid.SampledFrom(in).Draw(rt, "meeting"), true
		}
		late := func() bool { return c.t.After(date(2026, 11, 1)) } // stay in the years calendar.China() covers
		ops := map[string]func(*rapid.T){
			"raise": func(rt *rapid.T) {
				id := agenda.TopicID(next("t"))
				if _, err := s.Raise(ctx, agenda.Topic{ID: id, Grid: "c1", Title: "x", Category: "parking", Source: agenda.Source{Origin: agenda.FromResident, By: "r"}}); err != nil {
					rt.Fatal(err)
				}
				topics = append(topics, id)
				if _, err := s.Screen(ctx, id, agenda.Screening{Decision: agenda.Accept}); err != nil {
					rt.Fatal(err)
				}
			},
			"plan": func(rt *rapid.T) {
				tp, ok := topicIn(rt, agenda.Accepted)
				if !ok || late() {
					return
				}
				id := agenda.MeetingID(next("m"))
				at := dayOfTest(c.t).AddDate(0, 0, rapid.IntRange(7, 11).Draw(rt, "in")).Add(19 * time.Hour)
				if _, err := s.Plan(ctx, agenda.Meeting{ID: id, Kind: "council", Grid: "c1", At: at, Participants: reps(5)}); err != nil {
					rt.Fatal(err)
				}
				meetings = append(meetings, id)
				if _, err := s.Schedule(ctx, id, tp.ID); err != nil {
					rt.Fatal(err)
				}
				_, _ = s.PostNotice(ctx, id) // late when a holiday moves the due day: the meeting cannot resolve
			},
			"open": func(rt *rapid.T) {
				m, ok := meetingIn(rt, agenda.Planned)
				if !ok {
					return
				}
				if m.At.After(c.t) {
					c.t = m.At
				}
				present := ids("o1")
				for i := 1; i <= 5; i++ {
					if rapid.IntRange(0, 5).Draw(rt, "absent") != 0 {
						present = append(present, grid.PersonID(fmt.Sprint("r", i)))
					}
				}
				if _, err := s.Open(ctx, m.ID, present); err != nil {
					rt.Fatal(err)
				}
			},
			"inquire": func(rt *rapid.T) {
				m, ok := meetingIn(rt, agenda.Open)
				if !ok || len(m.PresentRepresentatives()) == 0 {
					return
				}
				q := agenda.Inquiry{ID: agenda.InquiryID(next("q")), Asker: rapid.SampledFrom(m.PresentRepresentatives()).Draw(rt, "asker"), Question: "why?"}
				if rapid.Bool().Draw(rt, "to official") {
					q.To = "o1"
				} else {
					q.Unit = "power-supply"
				}
				if len(m.Topics) > 0 {
					q.Topic = m.Topics[0]
				}
				if _, err := s.Inquire(ctx, m.ID, q); err != nil {
					rt.Fatal(err)
				}
			},
			"answer": func(rt *rapid.T) {
				var open []agenda.PendingInquiry
				for _, id := range meetings {
					m, _ := st.Meeting(ctx, id)
					for _, q := range m.Unanswered() {
						open = append(open, agenda.PendingInquiry{Meeting: id, Inquiry: q})
					}
				}
				if len(open) == 0 {
					return
				}
				p := rapid.SampledFrom(open).Draw(rt, "inquiry")
				if _, err := s.Answer(ctx, p.Meeting, p.Inquiry.ID, "o1", "because"); err != nil {
					rt.Fatal(err)
				}
			},
			"vote": func(rt *rapid.T) {
				m, ok := meetingIn(rt, agenda.Open)
				if !ok || len(m.Topics) == 0 {
					return
				}
				tp, _ := st.Topic(ctx, m.Topics[0])
				if tp.Status != agenda.Scheduled || tp.Meeting != m.ID {
					return
				}
				mo := agenda.MotionID(next("mo"))
				if _, err := s.Propose(ctx, m.ID, agenda.Motion{ID: mo, Topic: tp.ID, Text: "x", Method: agenda.YesNo}); err != nil {
					rt.Fatal(err)
				}
				for _, p := range m.PresentRepresentatives() {
					ch := rapid.SampledFrom([]vote.Choice{vote.Yes, vote.Yes, vote.Yes, vote.No}).Draw(rt, "choice")
					if _, err := s.Cast(ctx, m.ID, mo, agenda.Ballot{Voter: p, Choice: ch}); err != nil {
						rt.Fatal(err)
					}
				}
				if _, err := s.CloseVote(ctx, m.ID, mo); err != nil {
					rt.Fatal(err)
				}
				_, _ = s.Resolve(ctx, m.ID, mo, agenda.ResolutionID(mo), "") // may lack quorum or votes
			},
			"close": func(rt *rapid.T) {
				if m, ok := meetingIn(rt, agenda.Open); ok {
					if _, err := s.CloseMeeting(ctx, m.ID); err != nil {
						rt.Fatal(err)
					}
				}
			},
			"object": func(rt *rapid.T) {
				tp, ok := topicIn(rt, agenda.Publicity)
				if !ok {
					return
				}
				if _, err := s.Object(ctx, tp.ID, agenda.Objection{By: "x", Text: "no"}); err == nil && rapid.Bool().Draw(rt, "send back") {
					if _, err := s.SendBack(ctx, tp.ID, "upheld"); err != nil {
						rt.Fatal(err)
					}
				}
			},
			"take-effect": func(rt *rapid.T) {
				tp, ok := topicIn(rt, agenda.Publicity)
				if !ok {
					return
				}
				if after := tp.Resolution.PublicityEnds.AddDate(0, 0, 1).Add(9 * time.Hour); after.After(c.t) && rapid.Bool().Draw(rt, "wait") {
					c.t = after
				}
				_, _ = s.TakeEffect(ctx, tp.ID) // ErrPeriod while publicity runs
			},
			"deliberate": func(rt *rapid.T) {
				// A whole meeting that resolves on an accepted topic, in one
				// step, so that later stages are reached often.
				tp, ok := topicIn(rt, agenda.Accepted)
				if !ok || late() {
					return
				}
				id := agenda.MeetingID(next("m"))
				at := dayOfTest(c.t).AddDate(0, 0, 7).Add(19 * time.Hour)
				if _, err := s.Plan(ctx, agenda.Meeting{ID: id, Kind: "council", Grid: "c1", At: at, Participants: reps(5)}); err != nil {
					rt.Fatal(err)
				}
				meetings = append(meetings, id)
				if _, err := s.Schedule(ctx, id, tp.ID); err != nil {
					rt.Fatal(err)
				}
				_, _ = s.PostNotice(ctx, id)
				c.t = at
				if _, err := s.Open(ctx, id, ids("o1", "r1", "r2", "r3", "r4", "r5")); err != nil {
					rt.Fatal(err)
				}
				mo := agenda.MotionID(next("mo"))
				if _, err := s.Propose(ctx, id, agenda.Motion{ID: mo, Topic: tp.ID, Text: "x", Method: agenda.YesNo}); err != nil {
					rt.Fatal(err)
				}
				for _, p := range ids("r1", "r2", "r3", "r4", "r5") {
					if _, err := s.Cast(ctx, id, mo, agenda.Ballot{Voter: p, Choice: vote.Yes}); err != nil {
						rt.Fatal(err)
					}
				}
				if _, err := s.CloseVote(ctx, id, mo); err != nil {
					rt.Fatal(err)
				}
				_, _ = s.Resolve(ctx, id, mo, agenda.ResolutionID(mo), "") // refused after a late notice
				if rapid.Bool().Draw(rt, "inquiry") {
					q := agenda.Inquiry{ID: agenda.InquiryID(next("q")), Asker: "r2", Unit: "power-supply", Topic: tp.ID, Question: "who pays?"}
					if _, err := s.Inquire(ctx, id, q); err != nil {
						rt.Fatal(err)
					}
				}
				if _, err := s.CloseMeeting(ctx, id); err != nil {
					rt.Fatal(err)
				}
			},
			"assign": func(rt *rapid.T) {
				tp, ok := topicIn(rt, agenda.Executing)
				if !ok {
					return
				}
				k := agenda.Task{ID: agenda.TaskID(next("k")), Unit: "property", Deadline: c.t.AddDate(0, 0, rapid.IntRange(0, 6).Draw(rt, "days"))}
				if _, err := s.Assign(ctx, tp.ID, k); err != nil {
					rt.Fatal(err)
				}
			},
			"progress": func(rt *rapid.T) {
				tp, ok := topicIn(rt, agenda.Executing)
				if !ok || len(tp.Tasks) == 0 {
					return
				}
				k := rapid.SampledFrom(tp.Tasks).Draw(rt, "task")
				pct := rapid.SampledFrom([]int{100, 100, 60}).Draw(rt, "percent")
				_, _ = s.Progress(ctx, tp.ID, k.ID, agenda.Report{By: "property", Percent: pct}) // done, or below the last report
			},
			"finish": func(rt *rapid.T) {
				tp, ok := topicIn(rt, agenda.Executing)
				if !ok || len(tp.Tasks) == 0 {
					return
				}
				for _, k := range tp.Tasks {
					if k.Done.IsZero() {
						if _, err := s.Progress(ctx, tp.ID, k.ID, agenda.Report{By: "property", Percent: 100}); err != nil {
							rt.Fatal(err)
						}
					}
				}
				if _, err := s.Complete(ctx, tp.ID); err != nil {
					rt.Fatal(err)
				}
			},
			"complete": func(rt *rapid.T) {
				if tp, ok := topicIn(rt, agenda.Executing); ok {
					_, _ = s.Complete(ctx, tp.ID) // refused while a task is open
				}
			},
			"accept": func(rt *rapid.T) {
				if tp, ok := topicIn(rt, agenda.Supervising); ok {
					passed := rapid.Bool().Draw(rt, "passed")
					if !passed {
						reopen++
						for _, k := range tp.Tasks {
							if dayOfTest(c.t).After(k.Deadline) {
								reopenLate++
								break
							}
						}
					}
					if _, err := s.Accept(ctx, tp.ID, agenda.Acceptance{By: "street", Passed: passed}); err != nil {
						rt.Fatal(err)
					}
				}
			},
			"evaluate": func(rt *rapid.T) {
				if tp, ok := topicIn(rt, agenda.Evaluating); ok {
					sat := agenda.Satisfaction{Satisfied: rapid.Int64Range(0, 20).Draw(rt, "satisfied"), Dissatisfied: rapid.Int64Range(1, 10).Draw(rt, "dissatisfied")}
					if _, err := s.Evaluate(ctx, tp.ID, sat); err != nil {
						rt.Fatal(err)
					}
				}
			},
			"summon": func(rt *rapid.T) {
				tp, ok := topicIn(rt, agenda.Accepted, agenda.Scheduled, agenda.Publicity, agenda.Executing)
				if !ok {
					return
				}
				sm := agenda.Summons{ID: next("s"), By: "sj", ByLevel: "subdistrict", Reason: "x",
					Departments: []string{"fire", "housing", "power-supply"}, Due: c.t.AddDate(0, 0, rapid.IntRange(0, 4).Draw(rt, "days"))}
				if _, err := s.Summon(ctx, tp.ID, sm); err != nil {
					rt.Fatal(err)
				}
			},
			"check-in": func(rt *rapid.T) {
				var with []agenda.Topic
				for _, id := range topics {
					if tp, _ := st.Topic(ctx, id); len(tp.Summons) > 0 {
						with = append(with, tp)
					}
				}
				if len(with) == 0 {
					return
				}
				tp := rapid.SampledFrom(with).Draw(rt, "topic")
				sm := rapid.SampledFrom(tp.Summons).Draw(rt, "summons")
				if _, err := s.CheckIn(ctx, tp.ID, sm.ID, rapid.SampledFrom(sm.Departments).Draw(rt, "department")); err != nil {
					rt.Fatal(err)
				}
			},
			"advance": func(rt *rapid.T) {
				if !late() {
					c.t = c.t.AddDate(0, 0, rapid.IntRange(1, 9).Draw(rt, "days"))
				}
			},
		}
		// Late stages first: rapid draws small indices more often.
		weighted := []string{"accept", "finish", "assign", "accept", "finish", "assign", "take-effect", "evaluate", "take-effect",
			"progress", "complete", "object", "deliberate", "raise", "summon", "check-in", "advance", "plan", "open", "inquire",
			"answer", "vote", "vote", "close", "check-in", "advance", "advance", "raise", "deliberate"}
		var live []asked
		for range rapid.IntRange(20, 100).Draw(rt, "steps") {
			// Every step is later than the question before it.
			c.t = c.t.Add(time.Duration(rapid.IntRange(1, 600).Draw(rt, "minutes")) * time.Minute)
			ops[rapid.SampledFrom(weighted).Draw(rt, "action")](rt)
			w, err := s.Warnings(ctx)
			if err != nil {
				rt.Fatal(err)
			}
			u, err := s.Unanswered(ctx)
			if err != nil {
				rt.Fatal(err)
			}
			live = append(live, asked{at: c.t, warnings: w, unanswered: u})
		}
		for _, a := range live {
			// Ask in another zone: days are cut in the calendar's.
			got, err := s.WarningsAt(ctx, a.at.In(time.UTC))
			if err != nil {
				rt.Fatal(err)
			}
			if d := cmp.Diff(a.warnings, got); d != "" {
				rt.Fatalf("WarningsAt(%s) differs from what Warnings reported then (-live +as-of):\n%s", a.at, d)
			}
			for _, w := range a.warnings {
				seen[w.Kind]++
			}
			u, err := s.UnansweredAt(ctx, a.at)
			if err != nil {
				rt.Fatal(err)
			}
			if d := cmp.Diff(a.unanswered, u); d != "" {
				rt.Fatalf("UnansweredAt(%s) differs from what Unanswered listed then (-live +as-of):\n%s", a.at, d)
			}
			if len(topics) > 0 {
				id := rapid.SampledFrom(topics).Draw(rt, "topic asked")
				got, err := s.TopicWarningsAt(ctx, id, a.at)
				if err != nil {
					rt.Fatal(err)
				}
				var want []agenda.Warning
				for _, w := range a.warnings {
					if w.Topic == id {
						want = append(want, w)
					}
				}
				if d := cmp.Diff(want, got); d != "" {
					rt.Fatalf("TopicWarningsAt(%s, %s) differs (-live +as-of):\n%s", id, a.at, d)
				}
			}
		}
	})
}

// TestWarningsAtRejects checks the typed errors for bad input, and that
// asking writes nothing.
func TestWarningsAtRejects(t *testing.T) {
	ctx := context.Background()
	c := &clock{t: date(2026, 3, 2).Add(9 * time.Hour)}
	st := &countingStore{Store: agenda.NewMemStore()}
	s, err := agenda.NewService(st, &agenda.Options{Now: c.now, Calendar: calendarChina})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Raise(ctx, agenda.Topic{ID: "t1", Grid: "c1", Title: "x", Category: "parking", Source: agenda.Source{Origin: agenda.FromResident, By: "r"}}); err != nil {
		t.Fatal(err)
	}
	before := st.writes
	var in *agenda.InputError
	if _, err := s.WarningsAt(ctx, time.Time{}); !errors.As(err, &in) || in.Field != "at" || !errors.Is(err, agenda.ErrInvalid) {
		t.Errorf("WarningsAt(zero) = %v, want an *InputError on at", err)
	}
	if _, err := s.UnansweredAt(ctx, time.Time{}); !errors.As(err, &in) || in.Field != "at" {
		t.Errorf("UnansweredAt(zero) = %v, want an *InputError on at", err)
	}
	if _, err := s.TopicWarningsAt(ctx, "t1", time.Time{}); !errors.As(err, &in) || in.Field != "at" {
		t.Errorf("TopicWarningsAt(zero) = %v, want an *InputError on at", err)
	}
	if _, err := s.TopicWarningsAt(ctx, " ", c.t); !errors.As(err, &in) || in.Field != "topic" {
		t.Errorf("TopicWarningsAt(blank id) = %v, want an *InputError on topic", err)
	}
	var nf *agenda.NotFoundError
	if _, err := s.TopicWarningsAt(ctx, "t9", c.t); !errors.As(err, &nf) || nf.ID != "t9" || !errors.Is(err, agenda.ErrNotFound) {
		t.Errorf("TopicWarningsAt(unknown) = %v, want a *NotFoundError", err)
	}
	if w, err := s.TopicWarningsAt(ctx, "t1", date(2020, 1, 1)); err != nil || len(w) != 0 {
		t.Errorf("TopicWarningsAt before the topic was raised = %v, %v; want none", w, err)
	}
	if st.writes != before {
		t.Errorf("asking for warnings wrote %d records", st.writes-before)
	}
}
