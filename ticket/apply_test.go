package ticket_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/ticket"
)

var shanghai = mustLoc("Asia/Shanghai")

func mustLoc(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, shanghai)
	if err != nil {
		panic(err)
	}
	return t
}

var (
	hotline    = ticket.Actor{ID: "op1", Role: ticket.HotlineRole}
	supervisor = ticket.Actor{ID: "sup", Role: ticket.SupervisorRole}
	resident   = ticket.Actor{ID: "res", Role: ticket.ResidentRole}
	community  = ticket.Unit{ID: "c1", Level: ticket.CommunityLevel, Node: "n-c1"}
	street     = ticket.Unit{ID: "s1", Level: ticket.SubdistrictLevel, Node: "n-s1"}
	waterDept  = ticket.Unit{ID: "water", Level: ticket.DepartmentLevel}
	housing    = ticket.Unit{ID: "housing", Level: ticket.DepartmentLevel}
)

func member(u ticket.Unit) ticket.Actor {
	return ticket.Actor{ID: "staff-" + string(u.ID), Role: ticket.UnitRole, Unit: u.ID}
}

func shandongCfg(t testing.TB) ticket.Config {
	t.Helper()
	cats, err := ticket.NewCategories(ticket.CommunityCategories())
	if err != nil {
		t.Fatal(err)
	}
	p := ticket.Shandong()
	p.Rules[0].Pauses = testPauses()
	return ticket.Config{Categories: cats, Policy: p,
		Calendars: ticket.Calendars{Working: calendar.China(), RoundTheClock: calendar.RoundTheClock()}}
}

// testPauses allows two pauses of at most 5 working days, 7 in all; a unit
// takes up to 2 on its own, longer ones need the hotline's approval.
func testPauses() *ticket.PauseRule {
	return &ticket.PauseRule{Reasons: []ticket.PauseReason{"awaiting_requester", "inspection"}, Max: 2,
		Longest: calendar.Period{N: 5, Unit: calendar.WorkingDays}, Total: calendar.Period{N: 7, Unit: calendar.WorkingDays},
		Approval: calendar.Period{N: 2, Unit: calendar.WorkingDays}}
}

func intake(id string, when time.Time) ticket.Intake {
	return ticket.Intake{ID: ticket.ID(id), Channel: ticket.Hotline, Kind: ticket.Complaint,
		Category: "housing.property", Location: "b1", Text: "lift broken",
		Contact: ticket.Contact{Name: "张三", Phone: "13812345678"}, At: when, By: hotline}
}

func mustApply(t *testing.T, cfg ticket.Config, tk ticket.Ticket, e ticket.Event) ticket.Ticket {
	t.Helper()
	n, err := ticket.Apply(cfg, tk, e)
	if err != nil {
		t.Fatalf("%s: %v", e.Kind, err)
	}
	return n
}

func TestLifecycleHappyPath(t *testing.T) {
	cfg := shandongCfg(t)
	tk, err := ticket.NewTicket(cfg, intake("T1", at("2025-03-03 09:00"))) // Monday
	if err != nil {
		t.Fatal(err)
	}
	c1 := member(community)
	steps := []ticket.Event{
		{Kind: ticket.EvDispatch, At: at("2025-03-03 09:10"), Actor: hotline, Unit: community},
		{Kind: ticket.EvAccept, At: at("2025-03-03 09:30"), Actor: c1},
		{Kind: ticket.EvContact, At: at("2025-03-03 10:00"), Actor: c1},
		{Kind: ticket.EvProgress, At: at("2025-03-04 10:00"), Actor: c1, Note: "parts ordered"},
		{Kind: ticket.EvResolve, At: at("2025-03-05 16:00"), Actor: c1, Note: "lift repaired"},
		{Kind: ticket.EvCallback, At: at("2025-03-06 10:00"), Actor: hotline,
			Rating: &ticket.Rating{Solved: true, Satisfaction: ticket.Satisfied}},
		{Kind: ticket.EvClose, At: at("2025-03-06 10:05"), Actor: hotline},
	}
	states := []ticket.State{ticket.Dispatched, ticket.Accepted, ticket.InProgress, ticket.InProgress,
		ticket.Resolved, ticket.CalledBack, ticket.Closed}
	for i, e := range steps {
		before := tk
		tk = mustApply(t, cfg, tk, e)
		if tk.State != states[i] {
			t.Fatalf("after %s: state %s, want %s", e.Kind, tk.State, states[i])
		}
		if len(before.History) != i+1 {
			t.Fatalf("Apply modified its argument: history %d", len(before.History))
		}
	}
	c, ok := tk.Clock(ticket.ResolutionClock)
	if !ok {
		t.Fatal("no resolution clock")
	}
	if got := c.Phase(at("2025-04-01 00:00")); got != ticket.Met {
		t.Errorf("resolution phase %s, want met", got)
	}
	// 5 working days from Mon 3 March 09:10 end at close of Mon 10 March.
	if want := at("2025-03-10 17:00"); !c.Due.After(at("2025-03-10 00:00")) || c.Due.After(want.Add(2*time.Hour)) {
		t.Errorf("due %s, want close of business on 2025-03-10", c.Due)
	}
	if tk.ResolvedBy.ID != community.ID {
		t.Errorf("resolved by %q", tk.ResolvedBy.ID)
	}
}

func TestIllegalTransitions(t *testing.T) {
	cfg := shandongCfg(t)
	t0 := at("2025-03-03 09:00")
	fresh, err := ticket.NewTicket(cfg, intake("T1", t0))
	if err != nil {
		t.Fatal(err)
	}
	dispatched := mustApply(t, cfg, fresh, ticket.Event{Kind: ticket.EvDispatch, At: t0, Actor: hotline, Unit: community})
	c1 := member(community)
	other := member(street)
	tests := []struct {
		name string
		tk   ticket.Ticket
		e    ticket.Event
		want error
	}{
		{"accept before dispatch", fresh, ticket.Event{Kind: ticket.EvAccept, At: t0, Actor: c1}, ticket.ErrUnauthorized},
		{"resolve when dispatched", dispatched, ticket.Event{Kind: ticket.EvResolve, At: t0, Actor: c1, Note: "x"}, ticket.ErrIllegalTransition},
		{"other unit accepts", dispatched, ticket.Event{Kind: ticket.EvAccept, At: t0, Actor: other}, ticket.ErrUnauthorized},
		{"resident dispatches", fresh, ticket.Event{Kind: ticket.EvDispatch, At: t0, Actor: resident, Unit: community}, ticket.ErrUnauthorized},
		{"dispatch twice", dispatched, ticket.Event{Kind: ticket.EvDispatch, At: t0, Actor: hotline, Unit: street}, ticket.ErrIllegalTransition},
		{"time runs backwards", dispatched, ticket.Event{Kind: ticket.EvAccept, At: t0.Add(-time.Minute), Actor: c1}, ticket.ErrInvalid},
		{"unknown kind", dispatched, ticket.Event{Kind: "teleport", At: t0, Actor: c1}, ticket.ErrInvalid},
		{"object without reason", dispatched, ticket.Event{Kind: ticket.EvObject, At: t0, Actor: c1}, ticket.ErrInvalid},
		{"answer a complaint on the spot", fresh, ticket.Event{Kind: ticket.EvDispose, At: t0, Actor: hotline, Outcome: ticket.AnsweredOnSpot}, ticket.ErrIllegalTransition},
		{"transfer without line", fresh, ticket.Event{Kind: ticket.EvDispose, At: t0, Actor: hotline, Outcome: ticket.TransferredEmergency}, ticket.ErrInvalid},
		{"late objection", dispatched, ticket.Event{Kind: ticket.EvObject, At: at("2025-03-07 09:00"), Actor: c1, Note: "not ours"}, ticket.ErrLimitExceeded},
		{"extension before accept", dispatched, ticket.Event{Kind: ticket.EvRequestExtension, At: t0, Actor: c1, Note: "x",
			Limit: calendar.Period{N: 5, Unit: calendar.WorkingDays}}, ticket.ErrIllegalTransition},
		{"merge via Apply", dispatched, ticket.Event{Kind: ticket.EvMerge, At: t0, Actor: hotline, Into: "T2"}, ticket.ErrIllegalTransition},
		{"summon by a community", dispatched, ticket.Event{Kind: ticket.EvSummon, At: t0, Actor: c1,
			Summons: []ticket.Summon{{Unit: waterDept}}}, ticket.ErrUnauthorized},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := tc.tk.History
			got, err := ticket.Apply(cfg, tc.tk, tc.e)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if got.ID != "" || len(tc.tk.History) != len(before) {
				t.Fatal("a rejected event changed something")
			}
		})
	}
}

func TestObjectionRedispatch(t *testing.T) {
	cfg := shandongCfg(t)
	tk, _ := ticket.NewTicket(cfg, intake("T1", at("2025-03-03 09:00")))
	tk = mustApply(t, cfg, tk, ticket.Event{Kind: ticket.EvDispatch, At: at("2025-03-03 09:00"), Actor: hotline, Unit: community})
	tk = mustApply(t, cfg, tk, ticket.Event{Kind: ticket.EvObject, At: at("2025-03-04 09:00"), Actor: member(community), Note: "water mains are the utility's"})
	if tk.State != ticket.Objected || tk.Objection == nil {
		t.Fatalf("state %s objection %v", tk.State, tk.Objection)
	}
	if _, err := ticket.Apply(cfg, tk, ticket.Event{Kind: ticket.EvReview, At: at("2025-03-04 10:00"), Actor: hotline, Approve: true, Unit: waterDept}); !errors.Is(err, ticket.ErrUnauthorized) {
		t.Fatalf("hotline reviewing: %v", err)
	}
	tk = mustApply(t, cfg, tk, ticket.Event{Kind: ticket.EvReview, At: at("2025-03-04 10:00"), Actor: supervisor, Approve: true, Unit: waterDept})
	if tk.State != ticket.Dispatched || tk.Lead.ID != waterDept.ID || tk.Dispatches != 2 {
		t.Fatalf("after review: %s lead %s dispatches %d", tk.State, tk.Lead.ID, tk.Dispatches)
	}
	c, _ := tk.Clock(ticket.ResolutionClock)
	if !c.Start.Equal(at("2025-03-04 10:00")) {
		t.Errorf("resolution clock restarted at %s", c.Start)
	}
	if _, err := ticket.Apply(cfg, tk, ticket.Event{Kind: ticket.EvAccept, At: at("2025-03-04 11:00"), Actor: member(community)}); !errors.Is(err, ticket.ErrUnauthorized) {
		t.Fatalf("old unit accepting: %v", err)
	}
	mustApply(t, cfg, tk, ticket.Event{Kind: ticket.EvAccept, At: at("2025-03-04 11:00"), Actor: member(waterDept)})
}

func TestPauseExtensionReopen(t *testing.T) {
	cfg := shandongCfg(t)
	c1 := member(community)
	tk, _ := ticket.NewTicket(cfg, intake("T1", at("2025-03-03 09:00")))
	for _, e := range []ticket.Event{
		{Kind: ticket.EvDispatch, At: at("2025-03-03 09:00"), Actor: hotline, Unit: community},
		{Kind: ticket.EvAccept, At: at("2025-03-03 09:00"), Actor: c1},
		{Kind: ticket.EvStart, At: at("2025-03-03 09:00"), Actor: c1},
	} {
		tk = mustApply(t, cfg, tk, e)
	}
	due0 := mustClock(t, tk).Due
	tk = mustApply(t, cfg, tk, pauseEvent(at("2025-03-04 09:00"), c1))
	if got := mustClock(t, tk).Phase(at("2025-03-05 09:00")); got != ticket.PausedPh {
		t.Fatalf("paused clock phase %s", got)
	}
	// A 2-working-day pause ends by itself: weeks later the clock has run again.
	if got := mustClock(t, tk).Phase(at("2025-04-30 09:00")); got != ticket.Breached {
		t.Fatalf("clock weeks after its pause ended: %s", got)
	}
	tk = mustApply(t, cfg, tk, ticket.Event{Kind: ticket.EvResume, At: at("2025-03-06 09:00"), Actor: c1})
	// Two working days of pause push the deadline by two working days.
	if due := mustClock(t, tk).Due; due.Sub(due0) < 48*time.Hour {
		t.Errorf("due %s not pushed from %s", due, due0)
	}
	long := calendar.Period{N: 11, Unit: calendar.WorkingDays}
	if _, err := ticket.Apply(cfg, tk, ticket.Event{Kind: ticket.EvRequestExtension, At: at("2025-03-06 10:00"), Actor: c1, Note: "parts", Limit: long}); !errors.Is(err, ticket.ErrLimitExceeded) {
		t.Fatalf("11-day extension: %v", err)
	}
	ten := calendar.Period{N: 10, Unit: calendar.WorkingDays}
	tk = mustApply(t, cfg, tk, ticket.Event{Kind: ticket.EvRequestExtension, At: at("2025-03-06 10:00"), Actor: c1, Note: "parts", Limit: ten})
	before := mustClock(t, tk).Due
	tk = mustApply(t, cfg, tk, ticket.Event{Kind: ticket.EvDecideExtension, At: at("2025-03-06 11:00"), Actor: hotline, Approve: true})
	last := tk.History[len(tk.History)-1]
	if len(last.Notified) != 3 || last.Notified[1] != ticket.ToResident || last.Notified[2] != ticket.ToHotline {
		t.Errorf("extension notified %v, want unit, resident and hotline", last.Notified)
	}
	if after := mustClock(t, tk).Due; !after.After(before.Add(10 * 24 * time.Hour)) {
		t.Errorf("extended due %s, before %s", after, before)
	}
	if _, err := ticket.Apply(cfg, tk, ticket.Event{Kind: ticket.EvRequestExtension, At: at("2025-03-07 10:00"), Actor: c1, Note: "again", Limit: ten}); !errors.Is(err, ticket.ErrLimitExceeded) {
		t.Fatalf("second extension: %v", err)
	}
	tk = mustApply(t, cfg, tk, ticket.Event{Kind: ticket.EvResolve, At: at("2025-03-07 10:00"), Actor: c1, Note: "done"})
	tk = mustApply(t, cfg, tk, ticket.Event{Kind: ticket.EvCallback, At: at("2025-03-07 12:00"), Actor: hotline,
		Rating: &ticket.Rating{Solved: false, Satisfaction: ticket.Dissatisfied}})
	tk = mustApply(t, cfg, tk, ticket.Event{Kind: ticket.EvReopen, At: at("2025-03-07 12:00"), Actor: hotline})
	if tk.State != ticket.InProgress || tk.Reopens != 1 || tk.Rating != nil {
		t.Fatalf("after reopen: %s reopens %d rating %v", tk.State, tk.Reopens, tk.Rating)
	}
	if c := mustClock(t, tk); !c.Start.Equal(at("2025-03-07 12:00")) || !c.Running {
		t.Errorf("reopened clock %+v", c)
	}
}

func mustClock(t *testing.T, tk ticket.Ticket) ticket.Clock {
	t.Helper()
	c, ok := tk.Clock(ticket.ResolutionClock)
	if !ok {
		t.Fatal("no resolution clock")
	}
	return c
}

func TestSummonAndCoUnits(t *testing.T) {
	cfg := shandongCfg(t)
	cfg.Policy.Rules[0].CoReport = calendar.Period{N: 1, Unit: calendar.WorkingDays}
	s1 := member(street)
	tk, _ := ticket.NewTicket(cfg, intake("T1", at("2025-03-03 09:00")))
	for _, e := range []ticket.Event{
		{Kind: ticket.EvDispatch, At: at("2025-03-03 09:00"), Actor: hotline, Unit: street},
		{Kind: ticket.EvAccept, At: at("2025-03-03 09:30"), Actor: s1},
		{Kind: ticket.EvSummon, At: at("2025-03-03 10:00"), Actor: s1, Summons: []ticket.Summon{
			{Unit: waterDept, Limit: calendar.Period{N: 4, Unit: calendar.Hours}},
			{Unit: housing},
		}},
	} {
		tk = mustApply(t, cfg, tk, e)
	}
	if got := tk.History[1].Notified; len(got) != 2 || got[1] != ticket.ToDistrict {
		t.Errorf("dispatch to a subdistrict notified %v, want the district copied", got)
	}
	tk = mustApply(t, cfg, tk, ticket.Event{Kind: ticket.EvReport, At: at("2025-03-03 12:00"), Actor: member(waterDept), Note: "valve replaced"})
	if _, err := ticket.Apply(cfg, tk, ticket.Event{Kind: ticket.EvReport, At: at("2025-03-03 12:00"), Actor: member(waterDept), Note: "again"}); !errors.Is(err, ticket.ErrIllegalTransition) {
		t.Fatalf("double report: %v", err)
	}
	if _, err := ticket.Apply(cfg, tk, ticket.Event{Kind: ticket.EvReport, At: at("2025-03-03 12:00"), Actor: member(community), Note: "?"}); !errors.Is(err, ticket.ErrUnauthorized) {
		t.Fatalf("report by a stranger: %v", err)
	}
	st := ticket.StatusAt(tk, at("2025-03-05 10:00"))
	if len(st.Reported) != 1 || st.Reported[0] != waterDept.ID || len(st.NotReported) != 1 || st.NotReported[0] != housing.ID {
		t.Fatalf("reported %v not reported %v", st.Reported, st.NotReported)
	}
	var late bool
	for _, b := range st.Breached {
		if b.Kind == ticket.ReportClock && b.Unit == housing.ID {
			late = true
		}
	}
	if !late {
		t.Errorf("housing department is past its 1-working-day report deadline: %s", st.Explain())
	}
	// Co-unit under first-receiver responsibility.
	tk = mustApply(t, cfg, tk, ticket.Event{Kind: ticket.EvAddCoUnit, At: at("2025-03-05 09:00"), Actor: s1, Unit: community})
	if len(tk.PendingParties()) != 2 {
		t.Errorf("pending parties %d", len(tk.PendingParties()))
	}
	// The parties at an earlier instant, from the same ticket: before the
	// water department's report (12:00) and the community's addition
	// (03-05).
	st = ticket.StatusAt(tk, at("2025-03-03 11:00"))
	if len(st.Reported) != 0 || !slices.Equal(st.NotReported, []ticket.UnitID{waterDept.ID, housing.ID}) {
		t.Errorf("at 11:00: reported %v not reported %v, want none and [%s %s]", st.Reported, st.NotReported, waterDept.ID, housing.ID)
	}
}

func TestDisposeAndMerge(t *testing.T) {
	cfg := shandongCfg(t)
	in := intake("Q1", at("2025-03-03 09:00"))
	in.Kind = ticket.Consultation
	q, _ := ticket.NewTicket(cfg, in)
	q = mustApply(t, cfg, q, ticket.Event{Kind: ticket.EvDispose, At: at("2025-03-03 09:05"), Actor: hotline, Outcome: ticket.AnsweredOnSpot})
	if q.State != ticket.Disposed || !q.State.Terminal() {
		t.Fatalf("state %s", q.State)
	}
	if _, err := ticket.Apply(cfg, q, ticket.Event{Kind: ticket.EvDispatch, At: at("2025-03-03 10:00"), Actor: hotline, Unit: community}); !errors.Is(err, ticket.ErrIllegalTransition) {
		t.Fatalf("dispatch after disposal: %v", err)
	}
	a, _ := ticket.NewTicket(cfg, intake("A", at("2025-03-03 09:00")))
	b, _ := ticket.NewTicket(cfg, intake("B", at("2025-03-03 09:30")))
	d, p, err := ticket.Merge(cfg, b, a, ticket.Event{At: at("2025-03-03 10:00"), Actor: hotline})
	if err != nil {
		t.Fatal(err)
	}
	if d.State != ticket.Merged || d.MergedInto != "A" || len(p.MergedFrom) != 1 || p.MergedFrom[0] != "B" {
		t.Fatalf("merge: dup %s into %s, primary from %v", d.State, d.MergedInto, p.MergedFrom)
	}
	if _, _, err := ticket.Merge(cfg, a, a, ticket.Event{At: at("2025-03-03 10:00"), Actor: hotline}); !errors.Is(err, ticket.ErrInvalid) {
		t.Fatalf("self merge: %v", err)
	}
	if _, _, err := ticket.Merge(cfg, a, d, ticket.Event{At: at("2025-03-03 10:00"), Actor: hotline}); !errors.Is(err, ticket.ErrIllegalTransition) {
		t.Fatalf("merge into a merged ticket: %v", err)
	}
}

func TestContactMasking(t *testing.T) {
	cfg := shandongCfg(t)
	tk, _ := ticket.NewTicket(cfg, intake("T1", at("2025-03-03 09:00")))
	if got := tk.View(ticket.ObserverRole).Contact; got.Name != "张*" || got.Phone != "138****5678" || got.Address != "" {
		t.Errorf("observer sees %+v", got)
	}
	if got := tk.View(ticket.UnitRole).Contact; got.Phone != "13812345678" {
		t.Errorf("unit sees %+v", got)
	}
	if tk.Contact.Phone != "13812345678" {
		t.Error("View modified the ticket")
	}
}

func TestEscalation(t *testing.T) {
	cfg := shandongCfg(t)
	c1 := member(community)
	tk, _ := ticket.NewTicket(cfg, intake("T1", at("2025-03-03 09:00")))
	for _, e := range []ticket.Event{
		{Kind: ticket.EvDispatch, At: at("2025-03-03 09:00"), Actor: hotline, Unit: community},
		{Kind: ticket.EvAccept, At: at("2025-03-03 10:00"), Actor: c1},
		{Kind: ticket.EvStart, At: at("2025-03-03 10:00"), Actor: c1},
	} {
		tk = mustApply(t, cfg, tk, e)
	}
	building := ticket.Unit{ID: "b", Level: ticket.BuildingLevel}
	if _, err := ticket.Apply(cfg, tk, ticket.Event{Kind: ticket.EvEscalate, At: at("2025-03-04 10:00"), Actor: c1, Unit: building, Note: "x"}); !errors.Is(err, ticket.ErrInvalid) {
		t.Fatalf("escalating downwards: %v", err)
	}
	start := mustClock(t, tk).Start
	tk = mustApply(t, cfg, tk, ticket.Event{Kind: ticket.EvEscalate, At: at("2025-03-04 10:00"), Actor: c1, Unit: street, Note: "needs the street's coordination"})
	if tk.State != ticket.Dispatched || tk.Lead.ID != street.ID || tk.Escalations != 1 || !mustClock(t, tk).Start.Equal(start) {
		t.Fatalf("after escalation: %s lead %s escalations %d", tk.State, tk.Lead.ID, tk.Escalations)
	}
	if _, err := ticket.Apply(cfg, tk, ticket.Event{Kind: ticket.EvObject, At: at("2025-03-04 11:00"), Actor: member(street), Note: "no"}); !errors.Is(err, ticket.ErrIllegalTransition) {
		t.Fatalf("objecting to an escalation: %v", err)
	}
	mustApply(t, cfg, tk, ticket.Event{Kind: ticket.EvAccept, At: at("2025-03-04 11:00"), Actor: member(street)})
}

func TestNaturalDayExtension(t *testing.T) {
	cfg := exampleConfig(ticket.NationalPetition())
	tk, _ := ticket.NewTicket(cfg, ticket.Intake{ID: "p", Channel: ticket.WalkIn, Kind: ticket.Complaint, Category: "other", Text: "x", At: at("2025-03-03 10:00")})
	c1 := member(community)
	for _, e := range []ticket.Event{
		{Kind: ticket.EvDispatch, At: at("2025-03-03 10:00"), Actor: hotline, Unit: community},
		{Kind: ticket.EvAccept, At: at("2025-03-03 11:00"), Actor: c1},
		{Kind: ticket.EvStart, At: at("2025-03-03 11:00"), Actor: c1},
		{Kind: ticket.EvRequestExtension, At: at("2025-04-20 11:00"), Actor: c1, Note: "survey", Limit: calendar.Period{N: 30, Unit: calendar.NaturalDays}},
		{Kind: ticket.EvDecideExtension, At: at("2025-04-21 11:00"), Actor: hotline, Approve: true},
	} {
		tk = mustApply(t, cfg, tk, e)
	}
	c := mustClock(t, tk)
	// 60 days from March 3 end at 24:00 on May 2, inside the Labour Day
	// holiday (May 1-5), so they run to the next working day: 24:00 May 6.
	// 30 more days end at 24:00 on June 5.
	if want := at("2025-06-06 00:00"); !c.Due.Equal(want) {
		t.Errorf("extended due %s, want %s", c.Due, want)
	}
}

// Issue 14 item 11: any resident could resume someone else's paused
// ticket, restarting the unit's clock. Only the lead unit or a supervisor
// resumes.
func TestResumeOnlyByLeadOrSupervisor(t *testing.T) {
	cfg := shandongCfg(t)
	c1 := member(community)
	tk, _ := ticket.NewTicket(cfg, intake("T1", at("2025-03-03 09:00")))
	for _, e := range []ticket.Event{
		{Kind: ticket.EvDispatch, At: at("2025-03-03 09:00"), Actor: hotline, Unit: community},
		{Kind: ticket.EvAccept, At: at("2025-03-03 09:00"), Actor: c1},
		{Kind: ticket.EvStart, At: at("2025-03-03 09:00"), Actor: c1},
		{Kind: ticket.EvAddCoUnit, At: at("2025-03-03 09:30"), Actor: c1, Unit: waterDept, Limit: calendar.Period{N: 1, Unit: calendar.WorkingDays}},
	} {
		tk = mustApply(t, cfg, tk, e)
	}
	paused := mustApply(t, cfg, tk, pauseEvent(at("2025-03-04 09:00"), c1))
	resume := at("2025-03-05 09:00")
	for _, who := range []ticket.Actor{resident, hotline, member(waterDept), member(street), {ID: "x", Role: ticket.ObserverRole}} {
		_, err := ticket.Apply(cfg, paused, ticket.Event{Kind: ticket.EvResume, At: resume, Actor: who})
		if !errors.Is(err, ticket.ErrUnauthorized) {
			t.Errorf("resume by %s/%s: %v, want ErrUnauthorized", who.Role, who.Unit, err)
		}
	}
	for _, who := range []ticket.Actor{c1, supervisor} {
		got, err := ticket.Apply(cfg, paused, ticket.Event{Kind: ticket.EvResume, At: resume, Actor: who})
		if err != nil || got.State != ticket.InProgress || !mustClock(t, got).Running {
			t.Errorf("resume by %s: %v", who.Role, err)
		}
	}
}

// pauseEvent is a pause by the lead unit that any test policy allows.
func pauseEvent(when time.Time, by ticket.Actor) ticket.Event {
	return ticket.Event{Kind: ticket.EvPause, At: when, Actor: by, Note: "resident away", Reason: "awaiting_requester",
		Limit: calendar.Period{N: 2, Unit: calendar.WorkingDays}}
}
