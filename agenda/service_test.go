package agenda_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/vote"
)

// clock is a settable test clock.
type clock struct{ t time.Time }

func (c *clock) now() time.Time                 { return c.t }
func (c *clock) set(y int, m time.Month, d int) { c.t = date(y, m, d).Add(10 * time.Hour) }

func newService(t testing.TB) (*agenda.Service, *clock, *agenda.MemStore) {
	t.Helper()
	c := &clock{}
	c.set(2026, 3, 2)
	st := agenda.NewMemStore()
	s, err := agenda.NewService(st, &agenda.Options{Now: c.now, Calendar: calendar.China()})
	if err != nil {
		t.Fatal(err)
	}
	return s, c, st
}

func reps(n int) []agenda.Participant {
	var out []agenda.Participant
	for i := 1; i <= n; i++ {
		out = append(out, agenda.Participant{ID: grid.PersonID(fmt.Sprint("r", i)), Name: fmt.Sprint("Rep ", i), Role: agenda.Representative})
	}
	return append(out, agenda.Participant{ID: "o1", Name: "Zhao", Role: agenda.Official, Unit: "street office"})
}

func ids(ps ...string) []grid.PersonID {
	var out []grid.PersonID
	for _, p := range ps {
		out = append(out, grid.PersonID(p))
	}
	return out
}

func must[T any](t testing.TB) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func TestServiceWorkflow(t *testing.T) {
	ctx := context.Background()
	s, c, _ := newService(t)
	mt := must[agenda.Topic](t)
	mm := must[agenda.Meeting](t)

	mt(s.Raise(ctx, agenda.Topic{ID: "t1", Grid: "c1", Title: "Dog walking rules", Category: "dog-walking",
		Source: agenda.Source{Origin: agenda.FromResident, By: "res1"}}))
	mt(s.Screen(ctx, "t1", agenda.Screening{Decision: agenda.Accept, By: "sec"}))
	m := mm(s.Plan(ctx, agenda.Meeting{ID: "m1", Kind: "council", Grid: "c1", Title: "March council", At: date(2026, 3, 12).Add(19 * time.Hour), Participants: reps(5)}))
	if want := date(2026, 3, 7); !m.NoticeDue.Equal(want) { // 5 natural days before 03-12
		t.Errorf("notice due %s, want %s", m.NoticeDue, want)
	}
	mt(s.Schedule(ctx, "m1", "t1"))
	mm(s.PostNotice(ctx, "m1"))
	c.set(2026, 3, 12)
	mm(s.Open(ctx, "m1", ids("r1", "r2", "r3", "o1")))
	mm(s.Propose(ctx, "m1", agenda.Motion{ID: "mo1", Topic: "t1", Text: "leash dogs in the yard", Method: agenda.YesNo}))
	for _, v := range []string{"r1", "r2"} {
		mm(s.Cast(ctx, "m1", "mo1", agenda.Ballot{Voter: grid.PersonID(v), Choice: vote.Yes}))
	}
	mm(s.Cast(ctx, "m1", "mo1", agenda.Ballot{Voter: "r3", Choice: vote.No}))
	// Retrying the same ballot is harmless; changing it is not.
	mm(s.Cast(ctx, "m1", "mo1", agenda.Ballot{Voter: "r3", Choice: vote.No}))
	if _, err := s.Cast(ctx, "m1", "mo1", agenda.Ballot{Voter: "r3", Choice: vote.Yes}); !errors.Is(err, agenda.ErrAlreadyVoted) {
		t.Errorf("second ballot: %v", err)
	}
	if _, err := s.Cast(ctx, "m1", "mo1", agenda.Ballot{Voter: "r4", Choice: vote.Yes}); !errors.Is(err, agenda.ErrInvalid) {
		t.Errorf("absent representative voted: %v", err)
	}
	res, err := s.CloseVote(ctx, "m1", "mo1")
	if err != nil || !res.Passed || res.Votes(vote.Yes) != 2 {
		t.Fatalf("vote: %+v %v", res, err)
	}
	tp := mt(s.Resolve(ctx, "m1", "mo1", "res1", ""))
	// Publicity: 7 natural days from 03-12 end on 03-19 (a Thursday).
	if tp.Status != agenda.Publicity || !tp.Resolution.PublicityEnds.Equal(date(2026, 3, 19)) {
		t.Fatalf("after resolve: %s ends %s", tp.Status, tp.Resolution.PublicityEnds)
	}
	if _, err := s.TakeEffect(ctx, "t1"); !errors.Is(err, agenda.ErrPeriod) {
		t.Errorf("take effect during publicity: %v", err)
	}
	mm(s.CloseMeeting(ctx, "m1"))
	c.set(2026, 3, 20)
	if _, err := s.Object(ctx, "t1", agenda.Objection{By: "res2", Text: "late"}); !errors.Is(err, agenda.ErrPeriod) {
		t.Errorf("objection after publicity: %v", err)
	}
	mt(s.TakeEffect(ctx, "t1"))
	mt(s.Assign(ctx, "t1", agenda.Task{ID: "k1", Title: "signs", Unit: "property", Deadline: date(2026, 4, 1)}))
	if _, err := s.Complete(ctx, "t1"); !errors.Is(err, agenda.ErrInvalid) {
		t.Errorf("complete with open task: %v", err)
	}
	c.set(2026, 4, 3)
	w, _ := s.Warnings(ctx)
	if len(w) != 1 || w[0].Kind != agenda.TaskOverdue || w[0].Days != 2 {
		t.Errorf("warnings %+v", w)
	}
	mt(s.Progress(ctx, "t1", "k1", agenda.Report{By: "property", Note: "signs up", Percent: 100}))
	mt(s.Complete(ctx, "t1"))
	mt(s.Accept(ctx, "t1", agenda.Acceptance{By: "street + reps", Passed: true}))
	tp = mt(s.Evaluate(ctx, "t1", agenda.Satisfaction{Satisfied: 30, Basic: 5, Dissatisfied: 3}))
	if tp.Status != agenda.Solved || tp.Solved.IsZero() {
		t.Fatalf("evaluate: %s", tp.Status)
	}
	rep, err := s.Compliance(ctx, agenda.Chaoyang(), parents{"c1": "s1"}, []grid.ID{"c1"})
	if err != nil {
		t.Fatal(err)
	}
	if c1, _ := rep.Community("c1"); c1.Meetings != 1 || c1.Solved != 1 {
		t.Errorf("compliance %+v", c1)
	}
}

// setupMeeting raises and accepts topic t1, plans meeting m1 on 2026-03-12
// with 5 representatives, schedules t1, posts the notice and opens it with
// the given people present.
func setupMeeting(t *testing.T, s *agenda.Service, c *clock, present ...string) {
	t.Helper()
	ctx := context.Background()
	mt := must[agenda.Topic](t)
	mm := must[agenda.Meeting](t)
	mt(s.Raise(ctx, agenda.Topic{ID: "t1", Grid: "c1", Title: "Parking", Category: "parking",
		Source: agenda.Source{Origin: agenda.FromTickets, Ticket: []ticket.ID{"tk1"}}}))
	mt(s.Screen(ctx, "t1", agenda.Screening{Decision: agenda.Accept}))
	mm(s.Plan(ctx, agenda.Meeting{ID: "m1", Kind: "council", Grid: "c1", At: date(2026, 3, 12), Participants: reps(5)}))
	mt(s.Schedule(ctx, "m1", "t1"))
	mm(s.PostNotice(ctx, "m1"))
	c.set(2026, 3, 12)
	mm(s.Open(ctx, "m1", ids(present...)))
	mm(s.Propose(ctx, "m1", agenda.Motion{ID: "mo1", Topic: "t1", Text: "paint bays", Method: agenda.YesNo}))
	for _, p := range present {
		if p[0] == 'r' {
			mm(s.Cast(ctx, "m1", "mo1", agenda.Ballot{Voter: grid.PersonID(p), Choice: vote.Yes}))
		}
	}
}

func TestServiceNoQuorum(t *testing.T) {
	ctx := context.Background()
	s, c, st := newService(t)
	setupMeeting(t, s, c, "r1", "r2", "o1") // 2 of 5: not more than half
	res, err := s.CloseVote(ctx, "m1", "mo1")
	if err != nil {
		t.Fatal(err)
	}
	if res.Passed || res.Quorum.Met || res.Reason != "no quorum: 2 of 5 representatives present, need > 1/2 (3); no resolution can be adopted" {
		t.Errorf("result %+v", res)
	}
	before, _ := st.Topic(ctx, "t1")
	if _, err := s.Resolve(ctx, "m1", "mo1", "r1", ""); !errors.Is(err, agenda.ErrNoQuorum) {
		t.Errorf("resolve without quorum: %v", err)
	}
	after, _ := st.Topic(ctx, "t1")
	if d := cmp.Diff(before, after); d != "" {
		t.Errorf("a refused resolution changed the topic:\n%s", d)
	}
	// Closing the meeting returns the topic to Accepted.
	must[agenda.Meeting](t)(s.CloseMeeting(ctx, "m1"))
	if tp, _ := s.Topic(ctx, "t1"); tp.Status != agenda.Accepted || tp.Meeting != "" {
		t.Errorf("after close: %s %q", tp.Status, tp.Meeting)
	}
}

func TestServiceLateNotice(t *testing.T) {
	ctx := context.Background()
	s, c, _ := newService(t)
	must[agenda.Meeting](t)(s.Plan(ctx, agenda.Meeting{ID: "m1", Kind: "council", Grid: "c1", At: date(2026, 3, 12), Participants: reps(3)}))
	c.set(2026, 3, 9)
	_, err := s.PostNotice(ctx, "m1")
	var ne *agenda.NoticeError
	if !errors.As(err, &ne) || !errors.Is(err, agenda.ErrLateNotice) || !ne.Due.Equal(date(2026, 3, 7)) {
		t.Fatalf("late notice: %v", err)
	}
	if m, _ := s.Meeting(ctx, "m1"); !m.NoticePosted.IsZero() {
		t.Error("a late notice was recorded")
	}
	// A meeting without a timely notice can talk but not decide.
	must[agenda.Topic](t)(s.Raise(ctx, agenda.Topic{ID: "t1", Grid: "c1", Title: "x", Category: "parking", Source: agenda.Source{Origin: agenda.FromGridWorker, By: "gw"}}))
	must[agenda.Topic](t)(s.Screen(ctx, "t1", agenda.Screening{Decision: agenda.Accept}))
	must[agenda.Topic](t)(s.Schedule(ctx, "m1", "t1"))
	must[agenda.Meeting](t)(s.Open(ctx, "m1", ids("r1", "r2", "r3")))
	must[agenda.Meeting](t)(s.Propose(ctx, "m1", agenda.Motion{ID: "mo1", Topic: "t1", Text: "x", Method: agenda.YesNo}))
	for _, p := range []string{"r1", "r2", "r3"} {
		must[agenda.Meeting](t)(s.Cast(ctx, "m1", "mo1", agenda.Ballot{Voter: grid.PersonID(p), Choice: vote.Yes}))
	}
	if _, err := s.CloseVote(ctx, "m1", "mo1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Resolve(ctx, "m1", "mo1", "res", ""); !errors.As(err, &ne) {
		t.Errorf("resolve without notice: %v", err)
	}
}

func TestServiceObjectionSendsBack(t *testing.T) {
	ctx := context.Background()
	s, c, _ := newService(t)
	setupMeeting(t, s, c, "r1", "r2", "r3", "r4")
	must[agenda.MotionResult](t)(s.CloseVote(ctx, "m1", "mo1"))
	must[agenda.Topic](t)(s.Resolve(ctx, "m1", "mo1", "res1", "paint 20 bays"))
	if _, err := s.SendBack(ctx, "t1", "no objection yet"); !errors.Is(err, agenda.ErrInvalid) {
		t.Errorf("send back without objection: %v", err)
	}
	c.set(2026, 3, 15)
	must[agenda.Topic](t)(s.Object(ctx, "t1", agenda.Objection{By: "res7", Text: "blocks the fire lane"}))
	tp := must[agenda.Topic](t)(s.SendBack(ctx, "t1", "fire lane objection upheld"))
	if tp.Status != agenda.Accepted || tp.Resolution != nil || len(tp.Withdrawn) != 1 || tp.Withdrawn[0].Withdrawn == "" {
		t.Errorf("after send back: %+v", tp)
	}
}

func TestServiceScreening(t *testing.T) {
	ctx := context.Background()
	s, _, _ := newService(t)
	raise := func(id string, tickets ...ticket.ID) {
		must[agenda.Topic](t)(s.Raise(ctx, agenda.Topic{ID: agenda.TopicID(id), Grid: "c1", Title: id, Category: "ebike-charging",
			Source: agenda.Source{Origin: agenda.FromTickets, Ticket: tickets}}))
	}
	raise("a", "t1", "t2")
	raise("b", "t2", "t3")
	raise("c", "t4")
	must[agenda.Topic](t)(s.Screen(ctx, "a", agenda.Screening{Decision: agenda.Accept}))
	must[agenda.Topic](t)(s.Screen(ctx, "b", agenda.Screening{Decision: agenda.Merge, Into: "a"}))
	if a, _ := s.Topic(ctx, "a"); !cmp.Equal(a.Tickets(), []ticket.ID{"t1", "t2", "t3"}) || !cmp.Equal(a.MergedFrom, []agenda.TopicID{"b"}) {
		t.Errorf("merge target: %v %v", a.Tickets(), a.MergedFrom)
	}
	for _, sc := range []agenda.Screening{
		{Decision: agenda.Reject},                 // no reason
		{Decision: agenda.Refer},                  // no target
		{Decision: agenda.Merge, Into: "c"},       // self
		{Decision: agenda.Merge, Into: "b"},       // merged target is final
		{Decision: agenda.Merge, Into: "missing"}, // unknown
		{Decision: "maybe"},
	} {
		if _, err := s.Screen(ctx, "c", sc); err == nil {
			t.Errorf("screening %+v accepted", sc)
		}
	}
	tp := must[agenda.Topic](t)(s.Screen(ctx, "c", agenda.Screening{Decision: agenda.Refer, To: "12345 hotline", Reason: "a single household's matter"}))
	if tp.Status != agenda.Referred {
		t.Errorf("refer: %s", tp.Status)
	}
	if _, err := s.Screen(ctx, "c", agenda.Screening{Decision: agenda.Accept}); !errors.Is(err, agenda.ErrIllegalTransition) {
		t.Errorf("screen a referred topic: %v", err)
	}
	if _, err := s.Raise(ctx, agenda.Topic{ID: "d", Grid: "c1", Title: "x", Category: "karaoke", Source: agenda.Source{Origin: agenda.FromResident, By: "x"}}); !errors.Is(err, agenda.ErrInvalid) {
		t.Errorf("unknown category: %v", err)
	}
	if _, err := s.Raise(ctx, agenda.Topic{ID: "a", Grid: "c1", Title: "x", Category: "parking", Source: agenda.Source{Origin: agenda.FromResident, By: "x"}}); !errors.Is(err, agenda.ErrConflict) {
		t.Errorf("duplicate id: %v", err)
	}
}

func TestServiceEvaluateSendsBack(t *testing.T) {
	ctx := context.Background()
	s, c, _ := newService(t)
	setupMeeting(t, s, c, "r1", "r2", "r3")
	must[agenda.MotionResult](t)(s.CloseVote(ctx, "m1", "mo1"))
	must[agenda.Topic](t)(s.Resolve(ctx, "m1", "mo1", "res1", ""))
	c.set(2026, 3, 20)
	must[agenda.Topic](t)(s.TakeEffect(ctx, "t1"))
	must[agenda.Topic](t)(s.Assign(ctx, "t1", agenda.Task{ID: "k", Unit: "property", Deadline: date(2026, 4, 1)}))
	must[agenda.Topic](t)(s.Progress(ctx, "t1", "k", agenda.Report{By: "property", Percent: 100}))
	must[agenda.Topic](t)(s.Complete(ctx, "t1"))
	tp := must[agenda.Topic](t)(s.Accept(ctx, "t1", agenda.Acceptance{By: "street", Passed: false, Note: "paint peeling"}))
	if tp.Status != agenda.Executing || !tp.Tasks[0].Done.IsZero() {
		t.Fatalf("failed acceptance: %s", tp.Status)
	}
	must[agenda.Topic](t)(s.Progress(ctx, "t1", "k", agenda.Report{By: "property", Percent: 100}))
	must[agenda.Topic](t)(s.Complete(ctx, "t1"))
	must[agenda.Topic](t)(s.Accept(ctx, "t1", agenda.Acceptance{By: "street", Passed: true}))
	tp = must[agenda.Topic](t)(s.Evaluate(ctx, "t1", agenda.Satisfaction{Satisfied: 2, Basic: 2, Dissatisfied: 4}))
	if tp.Status != agenda.Accepted || len(tp.Withdrawn) != 1 || tp.Evaluation[0].Solved {
		t.Errorf("dissatisfied residents: %s", tp.Status)
	}
}

func TestNewServiceRejectsBadPolicy(t *testing.T) {
	p := agenda.Beijing()
	p.Satisfaction = vote.Ratio{Num: 1}
	if _, err := agenda.NewService(agenda.NewMemStore(), &agenda.Options{Policy: &p}); !errors.Is(err, agenda.ErrInvalidConfig) {
		t.Errorf("bad policy: %v", err)
	}
	if _, err := agenda.NewService(agenda.NewMemStore(), nil); err != nil {
		t.Errorf("nil options: %v", err)
	}
}

func TestServiceRetries(t *testing.T) {
	ctx := context.Background()
	s, _, _ := newService(t)
	tp := agenda.Topic{ID: "t", Grid: "c1", Title: "x", Category: "parking", Raised: date(2026, 3, 1),
		Source: agenda.Source{Origin: agenda.FromResident, By: "r"}}
	a := must[agenda.Topic](t)(s.Raise(ctx, tp))
	b, err := s.Raise(ctx, tp)
	if err != nil || !cmp.Equal(a, b) {
		t.Errorf("retried Raise: %v %s", err, cmp.Diff(a, b))
	}
	tp.Title = "other"
	if _, err := s.Raise(ctx, tp); !errors.Is(err, agenda.ErrConflict) {
		t.Errorf("different topic, same id: %v", err)
	}
	m := agenda.Meeting{ID: "m", Kind: "council", Grid: "c1", At: date(2026, 3, 20), Participants: reps(3)}
	x := must[agenda.Meeting](t)(s.Plan(ctx, m))
	y, err := s.Plan(ctx, m)
	if err != nil || !cmp.Equal(x, y) {
		t.Errorf("retried Plan: %v", err)
	}
	m.Place = "elsewhere"
	if _, err := s.Plan(ctx, m); !errors.Is(err, agenda.ErrConflict) {
		t.Errorf("different meeting, same id: %v", err)
	}
}

// TestServiceConcurrentBallots: representatives voting at once all count;
// version conflicts are retried, never lost.
func TestServiceConcurrentBallots(t *testing.T) {
	ctx := context.Background()
	s, c, _ := newService(t)
	const n = 30
	mm := must[agenda.Meeting](t)
	mm(s.Plan(ctx, agenda.Meeting{ID: "m", Kind: "council", Grid: "c1", At: date(2026, 3, 20), Participants: reps(n)}))
	c.set(2026, 3, 20)
	var present []grid.PersonID
	for i := 1; i <= n; i++ {
		present = append(present, grid.PersonID(fmt.Sprint("r", i)))
	}
	mm(s.Open(ctx, "m", present))
	mm(s.Propose(ctx, "m", agenda.Motion{ID: "mo", Text: "x", Method: agenda.YesNo}))
	var wg sync.WaitGroup
	for _, p := range present {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := s.Cast(ctx, "m", "mo", agenda.Ballot{Voter: p, Choice: vote.Yes}); err != nil {
				t.Errorf("cast %s: %v", p, err)
			}
		}()
	}
	wg.Wait()
	r := must[agenda.MotionResult](t)(s.CloseVote(ctx, "m", "mo"))
	if r.Votes(vote.Yes) != n {
		t.Errorf("%d yes votes recorded, want %d", r.Votes(vote.Yes), n)
	}
}

func TestServiceTopicFilters(t *testing.T) {
	ctx := context.Background()
	s, c, _ := newService(t)
	setupMeeting(t, s, c, "r1", "r2", "r3")
	must[agenda.Topic](t)(s.Raise(ctx, agenda.Topic{ID: "t2", Grid: "c2", Title: "Dogs", Category: "dog-walking", Source: agenda.Source{Origin: agenda.FromResident, By: "x"}}))
	must[agenda.MotionResult](t)(s.CloseVote(ctx, "m1", "mo1"))
	must[agenda.Topic](t)(s.Resolve(ctx, "m1", "mo1", "res1", ""))
	for f, want := range map[agenda.TopicFilter][]agenda.TopicID{
		{}:                                {"t1", "t2"},
		{Grid: "c2"}:                      {"t2"},
		{Stage: agenda.Deliberate}:        {"t1"},
		{Status: agenda.Raised}:           {"t2"},
		{Category: "parking", Grid: "c2"}: nil,
	} {
		got, err := s.Topics(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var ids []agenda.TopicID
		for _, x := range got {
			ids = append(ids, x.ID)
		}
		if !cmp.Equal(ids, want) {
			t.Errorf("Topics(%+v) = %v, want %v", f, ids, want)
		}
	}
}

func TestAssignFromGrid(t *testing.T) {
	ctx := context.Background()
	s, c, _ := newService(t)
	tree, err := grid.NewTree(grid.DefaultHierarchy())
	if err != nil {
		t.Fatal(err)
	}
	err = tree.Apply(grid.Batch{ID: "init", At: date(2025, 1, 1), Changes: []grid.Change{
		grid.Create("bj", "", grid.LevelCity, "", "北京市"),
		grid.Create("cy", "bj", grid.LevelDistrict, "", "朝阳区"),
		grid.Create("sj", "cy", grid.LevelSubdistrict, "", "双井街道"),
		grid.Create("c1", "sj", grid.LevelCommunity, "", "社区"),
		grid.Create("b3", "c1", grid.LevelBuilding, "", "3号楼"),
		grid.PutPerson(grid.Person{ID: "pm", Name: "Manager Sun", Org: "Huaxia Property"}),
		grid.Assign(grid.Assignment{ID: "a-pm", Person: "pm", Role: grid.PropertyCompany, Node: "c1"}),
	}})
	if err != nil {
		t.Fatal(err)
	}
	setupMeeting(t, s, c, "r1", "r2", "r3")
	must[agenda.MotionResult](t)(s.CloseVote(ctx, "m1", "mo1"))
	must[agenda.Topic](t)(s.Resolve(ctx, "m1", "mo1", "res1", ""))
	c.set(2026, 3, 20)
	must[agenda.Topic](t)(s.TakeEffect(ctx, "t1"))
	tp, resp, err := s.AssignFromGrid(ctx, "t1", agenda.Task{ID: "k", Title: "paint", Grid: "b3", Deadline: date(2026, 4, 30)},
		tree.At(date(2026, 3, 20)), grid.Query{Roles: []grid.Role{grid.PropertyCompany}})
	if err != nil {
		t.Fatal(err)
	}
	k := tp.Tasks[0]
	if k.Unit != "Huaxia Property" || k.Person != "pm" || k.Assignment != "a-pm" || resp.Node != "c1" {
		t.Errorf("task %+v, responsibility at %s", k, resp.Node)
	}
	if _, _, err := s.AssignFromGrid(ctx, "t1", agenda.Task{ID: "k2", Grid: "b3", Deadline: date(2026, 4, 30)},
		tree.At(date(2026, 3, 20)), grid.Query{Roles: []grid.Role{grid.GridWorker}}); err == nil {
		t.Error("no grid worker assigned, but a task was")
	}
}
