// Package agendatest checks that an agenda.Store meets its contract. The
// in-memory store and every adapter run the same suite:
//
//	func TestStore(t *testing.T) {
//		agendatest.TestStore(t, func(t *testing.T) agenda.Store { return agenda.NewMemStore() })
//	}
package agendatest

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
	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/vote"
)

// TestStore checks that a Store meets the agenda.Store contract. newStore
// must return an empty, independent store; register cleanup with t.Cleanup.
// Run it under -race.
func TestStore(t *testing.T, newStore func(t *testing.T) agenda.Store) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, s agenda.Store)
	}{
		{"TopicRoundTrip", topicRoundTrip},
		{"MeetingRoundTrip", meetingRoundTrip},
		{"NotFound", notFound},
		{"CreateConflict", createConflict},
		{"StaleVersion", staleVersion},
		{"TopicsOrdered", topicsOrdered},
		{"MeetingsRange", meetingsRange},
		{"EmptyStreams", emptyStreams},
		{"ConcurrentPut", concurrentPut},
		{"CanceledContext", canceledContext},
		{"StopIteration", stopIteration},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, newStore(t)) })
	}
	t.Run("Model", func(t *testing.T) { model(t, newStore) })
}

var day0 = time.Date(2026, 3, 2, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))

// FullTopic returns a topic with every field set, for round-trip tests.
func FullTopic(id agenda.TopicID) agenda.Topic {
	yes := vote.MoreThan(1, 2)
	res := agenda.Resolution{ID: "r-" + agenda.ResolutionID(id), Topic: id, Meeting: "m1", Motion: "mo1", Text: "build a charging shed",
		Adopted: day0, Publicity: calendar.Period{N: 7, Unit: calendar.NaturalDays}, PublicityEnds: day0.AddDate(0, 0, 7).Truncate(24 * time.Hour),
		Vote: agenda.MotionResult{Motion: "mo1", Method: agenda.YesNo, Quorum: agenda.Quorum(yes, 20, 15), Base: 15,
			Approval: yes, Need: 8, Vote: vote.Result{Cast: 15, Valid: 15, Adopted: true, Options: []vote.OptionResult{
				{Option: "yes", Votes: 12}, {Option: "no", Votes: 2}, {Option: "abstain", Votes: 1}}}, Passed: true, Reason: "passed"},
		Objections: []agenda.Objection{{By: "res-9", Name: "Wang", Text: "too close to my window", At: day0.Add(time.Hour)}}}
	old := res
	old.ID = "r-old"
	old.Withdrawn = "objection upheld"
	return agenda.Topic{
		ID: id, Grid: "community-1", Title: "E-bike charging in building 3", Category: "ebike-charging",
		Source: agenda.Source{Origin: agenda.FromTickets, Ticket: []ticket.ID{"t-1", "t-2"}},
		Raised: day0, Status: agenda.Executing,
		Screening:  &agenda.Screening{Decision: agenda.Accept, By: "sec", At: day0},
		MergedFrom: []agenda.TopicID{"x-1"},
		Resolution: &res,
		Withdrawn:  []agenda.Resolution{old},
		Tasks: []agenda.Task{{ID: "k1", Title: "build shed", Unit: "property", Grid: "bldg-3", Person: "pm", Assignment: "a-pm", Assigned: day0,
			Deadline: day0.AddDate(0, 1, 0), Reports: []agenda.Report{{At: day0, By: "property", Note: "started", Percent: 10}}}},
		Summons:    []agenda.Summons{{ID: "s1", Reason: "fire safety", By: "sj", ByLevel: "subdistrict", Departments: []string{"fire", "housing"}, At: day0, Due: day0.AddDate(0, 0, 3), Reported: []string{"fire"}}},
		Acceptance: []agenda.Acceptance{{At: day0, By: "street", Passed: false, Note: "no extinguisher"}},
		Evaluation: []agenda.Evaluation{{At: day0, Counts: agenda.Satisfaction{Satisfied: 3, Basic: 1, Dissatisfied: 9}, Rule: yes, Base: 13, Rate: 4, Need: 7, Reason: "sent back"}},
		History:    []agenda.Step{{At: day0, Action: agenda.ActAccept, From: agenda.Raised, To: agenda.Accepted, Note: "ok"}},
	}
}

// FullMeeting returns a meeting with every field set, for round-trip tests.
func FullMeeting(id agenda.MeetingID, at time.Time) agenda.Meeting {
	yes := true
	return agenda.Meeting{
		ID: id, Kind: "council", Grid: "community-1", Title: "Charging", Place: "hall", At: at, Status: agenda.Closed,
		ClosedAt:  at.Add(2*time.Hour + 30*time.Second),
		NoticeDue: at.AddDate(0, 0, -5).Truncate(24 * time.Hour), NoticePosted: at.AddDate(0, 0, -7),
		Participants: []agenda.Participant{{ID: "r1", Name: "Li", Role: agenda.Representative, Unit: "bldg 3"},
			{ID: "o1", Name: "Zhao", Role: agenda.Official, Unit: "street office"}},
		Present: []grid.PersonID{"o1", "r1"},
		Topics:  []agenda.TopicID{"t1"},
		Inquiries: []agenda.Inquiry{{ID: "q1", Asker: "r1", To: "o1", Unit: "street", Topic: "t1", Question: "where?", Asked: at,
			Answer: "east yard", AnsweredBy: "o1", AnsweredAt: at.Add(time.Minute), Satisfied: &yes}},
		Motions: []agenda.Motion{{ID: "mo1", Topic: "t1", Text: "choose", Method: agenda.LimitedApproval,
			Options: []vote.Option{{ID: "a", Name: "A"}, {ID: "b", Name: "B"}}, Votes: 1, Priorities: 1, Approval: vote.AtLeast(1, 2),
			Ballots: []agenda.Ballot{{Voter: "r1", Approve: []vote.OptionID{"a"}}},
			Result: &agenda.MotionResult{Motion: "mo1", Method: agenda.LimitedApproval, Vote: vote.Result{Cast: 1, Valid: 1,
				Options: []vote.OptionResult{{Option: "a", Votes: 1, Passed: true, Selected: true}}, Selected: []vote.OptionID{"a"}}, Passed: true}}},
	}
}

func topicRoundTrip(t *testing.T, s agenda.Store) {
	ctx := context.Background()
	want := FullTopic("t1")
	v, err := s.PutTopic(ctx, want)
	if err != nil || v != 1 {
		t.Fatalf("PutTopic(new) = %d, %v; want version 1: creating a topic returns version 1", v, err)
	}
	want.Version = 1
	got, err := s.Topic(ctx, "t1")
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Topic after PutTopic differs (-want +got): the store must keep every field\n%s", d)
	}
	got.Title = "changed"
	v, err = s.PutTopic(ctx, got)
	if err != nil || v != 2 {
		t.Fatalf("PutTopic(update) = %d, %v; want version 2", v, err)
	}
	again, _ := s.Topic(ctx, "t1")
	if again.Title != "changed" || again.Version != 2 {
		t.Errorf("update not stored: %q v%d", again.Title, again.Version)
	}
}

func meetingRoundTrip(t *testing.T, s agenda.Store) {
	ctx := context.Background()
	want := FullMeeting("m1", day0)
	if _, err := s.PutMeeting(ctx, want); err != nil {
		t.Fatal(err)
	}
	want.Version = 1
	got, err := s.Meeting(ctx, "m1")
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Meeting after PutMeeting differs (-want +got): the store must keep every field\n%s", d)
	}
}

func notFound(t *testing.T, s agenda.Store) {
	ctx := context.Background()
	if _, err := s.Topic(ctx, "nope"); !errors.Is(err, agenda.ErrNotFound) {
		t.Errorf("Topic(missing) error = %v, want ErrNotFound", err)
	}
	if _, err := s.Meeting(ctx, "nope"); !errors.Is(err, agenda.ErrNotFound) {
		t.Errorf("Meeting(missing) error = %v, want ErrNotFound", err)
	}
	tp := FullTopic("t1")
	tp.Version = 3
	if _, err := s.PutTopic(ctx, tp); !errors.Is(err, agenda.ErrConflict) {
		t.Errorf("PutTopic(missing, version 3) error = %v, want ErrConflict: only version 0 creates", err)
	}
	if _, err := s.Topic(ctx, "t1"); !errors.Is(err, agenda.ErrNotFound) {
		t.Errorf("a rejected write created the topic: %v", err)
	}
}

func createConflict(t *testing.T, s agenda.Store) {
	ctx := context.Background()
	if _, err := s.PutTopic(ctx, FullTopic("t1")); err != nil {
		t.Fatal(err)
	}
	other := FullTopic("t1")
	other.Title = "second"
	if _, err := s.PutTopic(ctx, other); !errors.Is(err, agenda.ErrConflict) {
		t.Errorf("creating an existing topic: error = %v, want ErrConflict", err)
	}
	got, _ := s.Topic(ctx, "t1")
	if got.Title == "second" || got.Version != 1 {
		t.Errorf("a conflicting create changed the topic: %q v%d", got.Title, got.Version)
	}
	m := FullMeeting("m1", day0)
	if _, err := s.PutMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutMeeting(ctx, m); !errors.Is(err, agenda.ErrConflict) {
		t.Errorf("creating an existing meeting: error = %v, want ErrConflict", err)
	}
}

func staleVersion(t *testing.T, s agenda.Store) {
	ctx := context.Background()
	if _, err := s.PutTopic(ctx, FullTopic("t1")); err != nil {
		t.Fatal(err)
	}
	a, _ := s.Topic(ctx, "t1")
	b, _ := s.Topic(ctx, "t1")
	a.Title = "a"
	if _, err := s.PutTopic(ctx, a); err != nil {
		t.Fatal(err)
	}
	b.Title = "b"
	if _, err := s.PutTopic(ctx, b); !errors.Is(err, agenda.ErrConflict) {
		t.Errorf("stale write error = %v, want ErrConflict", err)
	}
	got, _ := s.Topic(ctx, "t1")
	if got.Title != "a" || got.Version != 2 {
		t.Errorf("after a stale write got %q v%d, want \"a\" v2", got.Title, got.Version)
	}
	if _, err := s.PutMeeting(ctx, FullMeeting("m1", day0)); err != nil {
		t.Fatal(err)
	}
	m, _ := s.Meeting(ctx, "m1")
	if _, err := s.PutMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutMeeting(ctx, m); !errors.Is(err, agenda.ErrConflict) {
		t.Errorf("stale meeting write error = %v, want ErrConflict", err)
	}
}

func topicsOrdered(t *testing.T, s agenda.Store) {
	ctx := context.Background()
	for _, id := range []agenda.TopicID{"c", "a", "b"} {
		if _, err := s.PutTopic(ctx, FullTopic(id)); err != nil {
			t.Fatal(err)
		}
	}
	var got []agenda.TopicID
	for tp, err := range s.Topics(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, tp.ID)
	}
	if d := cmp.Diff([]agenda.TopicID{"a", "b", "c"}, got); d != "" {
		t.Errorf("Topics must stream in id order (-want +got):\n%s", d)
	}
}

func meetingsRange(t *testing.T, s agenda.Store) {
	ctx := context.Background()
	for i, id := range []agenda.MeetingID{"m3", "m1", "m2", "m0"} {
		at := day0.AddDate(0, 0, []int{2, 0, 1, 1}[i])
		if _, err := s.PutMeeting(ctx, FullMeeting(id, at)); err != nil {
			t.Fatal(err)
		}
	}
	list := func(from, to time.Time) []agenda.MeetingID {
		var out []agenda.MeetingID
		for m, err := range s.Meetings(ctx, from, to) {
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, m.ID)
		}
		return out
	}
	if d := cmp.Diff([]agenda.MeetingID{"m1", "m0", "m2", "m3"}, list(time.Time{}, time.Time{})); d != "" {
		t.Errorf("Meetings(all) must order by At then id (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]agenda.MeetingID{"m0", "m2"}, list(day0.AddDate(0, 0, 1), day0.AddDate(0, 0, 2))); d != "" {
		t.Errorf("Meetings(from, to) must be the half-open range [from, to) (-want +got):\n%s", d)
	}
}

func emptyStreams(t *testing.T, s agenda.Store) {
	ctx := context.Background()
	for range s.Topics(ctx) {
		t.Error("an empty store streamed a topic")
	}
	for range s.Meetings(ctx, time.Time{}, time.Time{}) {
		t.Error("an empty store streamed a meeting")
	}
}

func concurrentPut(t *testing.T, s agenda.Store) {
	ctx := context.Background()
	if _, err := s.PutTopic(ctx, FullTopic("t1")); err != nil {
		t.Fatal(err)
	}
	base, _ := s.Topic(ctx, "t1")
	const n = 8
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins := 0
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tp := base
			tp.Title = fmt.Sprint("writer ", i)
			_, err := s.PutTopic(ctx, tp)
			switch {
			case err == nil:
				mu.Lock()
				wins++
				mu.Unlock()
			case !errors.Is(err, agenda.ErrConflict):
				t.Errorf("concurrent PutTopic: %v", err)
			}
		}()
	}
	wg.Wait()
	if wins != 1 {
		t.Errorf("%d concurrent writes of the same version succeeded, want exactly 1", wins)
	}
	got, _ := s.Topic(ctx, "t1")
	if got.Version != 2 {
		t.Errorf("version after concurrent writes = %d, want 2", got.Version)
	}
}

func canceledContext(t *testing.T, s agenda.Store) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.PutTopic(ctx, FullTopic("t1")); !errors.Is(err, context.Canceled) {
		t.Errorf("PutTopic(canceled) error = %v, want context.Canceled", err)
	}
	if _, err := s.Topic(context.Background(), "t1"); !errors.Is(err, agenda.ErrNotFound) {
		t.Errorf("a canceled PutTopic stored the topic: %v", err)
	}
	if _, err := s.PutMeeting(ctx, FullMeeting("m1", day0)); !errors.Is(err, context.Canceled) {
		t.Errorf("PutMeeting(canceled) error = %v, want context.Canceled", err)
	}
	if _, err := s.Meeting(ctx, "m1"); !errors.Is(err, context.Canceled) {
		t.Errorf("Meeting(canceled) error = %v, want context.Canceled", err)
	}
	for _, err := range s.Topics(ctx) {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Topics(canceled) error = %v, want context.Canceled", err)
		}
		break
	}
	for _, err := range s.Meetings(ctx, time.Time{}, time.Time{}) {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Meetings(canceled) error = %v, want context.Canceled", err)
		}
		break
	}
}

func stopIteration(t *testing.T, s agenda.Store) {
	ctx := context.Background()
	for _, id := range []agenda.TopicID{"a", "b", "c"} {
		if _, err := s.PutTopic(ctx, FullTopic(id)); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	for range s.Topics(ctx) {
		n++
		break
	}
	if n != 1 {
		t.Errorf("breaking out of Topics yielded %d, want 1", n)
	}
	// The store stays usable after an abandoned iteration.
	if _, err := s.PutTopic(ctx, FullTopic("d")); err != nil {
		t.Errorf("PutTopic after an abandoned iteration: %v", err)
	}
}

// model runs random operation sequences against a map model.
func model(t *testing.T, newStore func(t *testing.T) agenda.Store) {
	rapid.Check(t, func(rt *rapid.T) {
		s := newStore(t)
		ctx := context.Background()
		want := map[agenda.TopicID]int64{} // id -> version
		title := map[agenda.TopicID]string{}
		ids := []agenda.TopicID{"a", "b", "c", "d"}
		rt.Repeat(map[string]func(*rapid.T){
			"put": func(rt *rapid.T) {
				id := rapid.SampledFrom(ids).Draw(rt, "id")
				v := rapid.Int64Range(0, 4).Draw(rt, "version")
				tp := FullTopic(id)
				tp.Grid = grid.ID("g")
				tp.Title = rapid.StringMatching(`[a-z]{1,5}`).Draw(rt, "title")
				tp.Version = v
				got, err := s.PutTopic(ctx, tp)
				if cur, ok := want[id]; (ok && cur == v) || (!ok && v == 0) {
					if err != nil || got != v+1 {
						rt.Fatalf("PutTopic(%s v%d) = %d, %v; want %d", id, v, got, err, v+1)
					}
					want[id] = v + 1
					title[id] = tp.Title
				} else if !errors.Is(err, agenda.ErrConflict) {
					rt.Fatalf("PutTopic(%s v%d) with stored %v: error %v, want ErrConflict", id, v, want[id], err)
				}
			},
			"get": func(rt *rapid.T) {
				id := rapid.SampledFrom(ids).Draw(rt, "id")
				got, err := s.Topic(ctx, id)
				if v, ok := want[id]; ok {
					if err != nil || got.Version != v || got.Title != title[id] {
						rt.Fatalf("Topic(%s) = v%d %q, %v; want v%d %q", id, got.Version, got.Title, err, v, title[id])
					}
				} else if !errors.Is(err, agenda.ErrNotFound) {
					rt.Fatalf("Topic(%s) error %v, want ErrNotFound", id, err)
				}
			},
			"": func(rt *rapid.T) {
				n := 0
				for tp, err := range s.Topics(ctx) {
					if err != nil {
						rt.Fatal(err)
					}
					if want[tp.ID] != tp.Version {
						rt.Fatalf("Topics: %s v%d, model v%d", tp.ID, tp.Version, want[tp.ID])
					}
					n++
				}
				if n != len(want) {
					rt.Fatalf("Topics streamed %d, model has %d", n, len(want))
				}
			},
		})
	})
}
