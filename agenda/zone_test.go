package agenda_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/vote"
)

// zones are the zones of the test clocks: a server on UTC, one in Beijing,
// one in New York. The calendar's zone (Asia/Shanghai) must decide every
// day, so all three give the same outcomes.
var zones = func() []*time.Location {
	var out []*time.Location
	for _, name := range []string{"UTC", "Asia/Shanghai", "America/New_York"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			panic(err)
		}
		out = append(out, loc)
	}
	return out
}()

// publicityScenario runs a meeting, a resolution and its publicity period
// with a clock in zone loc; the instants are the same whatever loc. It
// returns the outcome of every step as text.
func publicityScenario(t interface{ Fatal(...any) }, loc *time.Location, notice, object, effect, warn time.Time) []string {
	ctx := context.Background()
	now := time.Time{}
	st := agenda.NewMemStore()
	s, err := agenda.NewService(st, &agenda.Options{Now: func() time.Time { return now.In(loc) }, Calendar: calendarChina})
	if err != nil {
		t.Fatal(err)
	}
	var log []string
	step := func(name string, err error, detail ...any) {
		log = append(log, fmt.Sprintf("%s: %v %v", name, err, detail))
	}
	now = date(2026, 3, 2).Add(10 * time.Hour)
	_, err = s.Raise(ctx, agenda.Topic{ID: "t1", Grid: "c1", Title: "Dog walking rules", Category: "dog-walking",
		Source: agenda.Source{Origin: agenda.FromResident, By: "res1"}})
	step("raise", err)
	_, err = s.Screen(ctx, "t1", agenda.Screening{Decision: agenda.Accept, By: "sec"})
	step("screen", err)
	m, err := s.Plan(ctx, agenda.Meeting{ID: "m1", Kind: "council", Grid: "c1", Title: "March council",
		At: date(2026, 3, 12).Add(19 * time.Hour), Participants: reps(5)})
	step("plan", err, m.NoticeDue.In(cst).Format(time.DateTime))
	_, err = s.Schedule(ctx, "m1", "t1")
	step("schedule", err)
	now = notice
	_, err = s.PostNotice(ctx, "m1")
	step("notice", err)
	if err != nil {
		return log
	}
	now = date(2026, 3, 12).Add(19 * time.Hour)
	_, err = s.Open(ctx, "m1", ids("r1", "r2", "r3", "o1"))
	step("open", err)
	_, err = s.Propose(ctx, "m1", agenda.Motion{ID: "mo1", Topic: "t1", Text: "leash dogs", Method: agenda.YesNo})
	step("propose", err)
	for _, v := range []string{"r1", "r2", "r3"} {
		_, err = s.Cast(ctx, "m1", "mo1", agenda.Ballot{Voter: grid.PersonID(v), Choice: vote.Yes})
		step("cast", err)
	}
	_, err = s.CloseVote(ctx, "m1", "mo1")
	step("close vote", err)
	tp, err := s.Resolve(ctx, "m1", "mo1", "res1", "")
	if err == nil {
		step("resolve", err, tp.Resolution.PublicityEnds.In(cst).Format(time.DateTime))
	} else {
		step("resolve", err)
	}
	now = object
	_, err = s.Object(ctx, "t1", agenda.Objection{By: "res2", Text: "too strict"})
	step("object", err)
	now = effect
	_, err = s.TakeEffect(ctx, "t1")
	step("take effect", err)
	if err == nil {
		_, err = s.Assign(ctx, "t1", agenda.Task{ID: "k1", Title: "signs", Unit: "property", Deadline: date(2026, 4, 1).In(loc)})
		step("assign", err)
		now = warn
		w, err := s.Warnings(ctx)
		step("warnings", err, w)
	}
	return log
}

// Issue 13 item 4: days are cut in the calendar's zone. With a UTC clock,
// an objection at 10:00 Beijing time on the last publicity day is
// accepted, and the resolution takes effect on the day after, not a day
// early; a notice posted on its due day is accepted.
func TestDaysInCalendarZone(t *testing.T) {
	utc := zones[0]
	at := func(y int, m time.Month, d, h, mi int) time.Time { return time.Date(y, m, d, h, mi, 0, 0, cst) }
	// Notice due 03-07; publicity ends 03-19.
	log := publicityScenario(t, utc, at(2026, 3, 7, 23, 30), at(2026, 3, 19, 10, 0), at(2026, 3, 20, 0, 30), at(2026, 4, 2, 7, 0))
	want := []string{
		"notice: <nil> []",
		"object: <nil> []",
		"take effect: <nil> []",
	}
	for _, w := range want {
		if !slices.Contains(log, w) {
			t.Errorf("missing %q in\n%v", w, log)
		}
	}
	// One minute later (UTC clock still on the same day): refused.
	log = publicityScenario(t, utc, at(2026, 3, 8, 0, 30), at(2026, 3, 19, 10, 0), at(2026, 3, 20, 0, 30), at(2026, 4, 2, 7, 0))
	if last := log[len(log)-1]; !strings.Contains(last, "notice posted 2026-03-08, must be by 2026-03-07") {
		t.Errorf("late notice: %v", log)
	}
	log = publicityScenario(t, utc, at(2026, 3, 7, 9, 0), at(2026, 3, 20, 7, 0), at(2026, 3, 19, 23, 30), at(2026, 4, 2, 7, 0))
	for _, w := range []string{"object: agenda: outside period: publicity of resolution res1 ended on 2026-03-19 []",
		"take effect: agenda: outside period: publicity of resolution res1 runs until 2026-03-19 []"} {
		if !slices.Contains(log, w) {
			t.Errorf("missing %q in\n%v", w, log)
		}
	}
}

// TestZoneInvariance runs the publicity scenario with instants drawn
// around the midnights that decide it, with clocks in UTC, Asia/Shanghai
// and America/New_York: the outcomes must be identical.
func TestZoneInvariance(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		near := func(d time.Time, label string) time.Time {
			return d.Add(time.Duration(rapid.IntRange(-36*60, 36*60).Draw(rt, label)) * time.Minute)
		}
		notice := near(date(2026, 3, 8), "notice")
		object := near(date(2026, 3, 20), "object")
		effect := near(date(2026, 3, 20), "effect")
		warn := near(date(2026, 4, 2), "warn")
		want := publicityScenario(rt, zones[1], notice, object, effect, warn)
		for _, loc := range []*time.Location{zones[0], zones[2]} {
			if got := publicityScenario(rt, loc, notice, object, effect, warn); !slices.Equal(got, want) {
				rt.Fatalf("clock in %s:\n%v\nclock in Asia/Shanghai:\n%v", loc, got, want)
			}
		}
	})
}

// TestRebasePublicity: a resolution adopted 2027-12-28 is posted for 7
// working days, into 2028 whose notice is not loaded: the end is
// provisional. Once the notice is loaded, Rebase moves it and records why;
// a second rebase has nothing to do.
func TestRebasePublicity(t *testing.T) {
	ctx := context.Background()
	now := date(2027, 12, 20).Add(10 * time.Hour)
	st := agenda.NewMemStore()
	p := agenda.Beijing()
	p.Publicity = calendar.Period{N: 7, Unit: calendar.WorkingDays}
	cal := calendar.China()
	s, err := agenda.NewService(st, &agenda.Options{Now: func() time.Time { return now }, Calendar: cal, Policy: &p})
	if err != nil {
		t.Fatal(err)
	}
	mt := must[agenda.Topic](t)
	mm := must[agenda.Meeting](t)
	mt(s.Raise(ctx, agenda.Topic{ID: "t1", Grid: "c1", Title: "Dog walking rules", Category: "dog-walking",
		Source: agenda.Source{Origin: agenda.FromResident, By: "res1"}}))
	mt(s.Screen(ctx, "t1", agenda.Screening{Decision: agenda.Accept, By: "sec"}))
	// A second meeting in January: its notice day is provisional.
	m2 := mm(s.Plan(ctx, agenda.Meeting{ID: "m2", Kind: "coordination", Grid: "c1", Title: "January coordination",
		At: date(2028, 1, 27).Add(19 * time.Hour), Participants: reps(3)}))
	// Provisionally 春节 is 01-25..01-28: a notice posted 01-20 has run 2
	// working days (01-21, 01-24) before the meeting on 01-27.
	if !m2.NoticeDue.Equal(date(2028, 1, 20)) || !m2.NoticeProvisional.IsProvisional() || m2.NoticeProvisional.Reason != "2028 notice not loaded; statutory days only, no 调休" {
		t.Fatalf("notice due %s not provisional: %+v", m2.NoticeDue, m2.NoticeProvisional)
	}
	mm(s.Plan(ctx, agenda.Meeting{ID: "m1", Kind: "council", Grid: "c1", Title: "December council", At: date(2027, 12, 28).Add(19 * time.Hour), Participants: reps(5)}))
	mt(s.Schedule(ctx, "m1", "t1"))
	mm(s.PostNotice(ctx, "m1"))
	now = date(2027, 12, 28).Add(19 * time.Hour)
	mm(s.Open(ctx, "m1", ids("r1", "r2", "r3", "o1")))
	mm(s.Propose(ctx, "m1", agenda.Motion{ID: "mo1", Topic: "t1", Text: "leash dogs", Method: agenda.YesNo}))
	for _, v := range []string{"r1", "r2", "r3"} {
		mm(s.Cast(ctx, "m1", "mo1", agenda.Ballot{Voter: grid.PersonID(v), Choice: vote.Yes}))
	}
	if _, err := s.CloseVote(ctx, "m1", "mo1"); err != nil {
		t.Fatal(err)
	}
	tp := mt(s.Resolve(ctx, "m1", "mo1", "res1", ""))
	// 7 working days after 12-28: 29, 30, 31, then 2028: 01-03 is off
	// (元旦 on a Saturday, art. 6), 04, 05, 06, 07.
	r := tp.Resolution
	if !r.PublicityEnds.Equal(date(2028, 1, 7)) || !r.PublicityProvisional.IsProvisional() {
		t.Fatalf("publicity ends %s, provisional %+v", r.PublicityEnds, r.PublicityProvisional)
	}
	// The 2028 notice: 元旦 01-01..01-03, 01-04 also off (a test notice).
	cal2, err := cal.ExtendJSON(strings.NewReader(`{"year": 2028, "holidays": [{"name": "元旦", "from": "2028-01-01", "to": "2028-01-04"},
		{"name": "春节", "from": "2028-01-24", "to": "2028-01-31", "makeup": ["2028-02-05"]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	now = date(2028, 1, 2).Add(9 * time.Hour)
	s2, err := agenda.NewService(st, &agenda.Options{Now: func() time.Time { return now }, Calendar: cal2, Policy: &p})
	if err != nil {
		t.Fatal(err)
	}
	moves, err := s2.Rebase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, m := range moves {
		got[m.What] = m.String()
	}
	// With 春节 from 01-24, the notice must go up by 01-19.
	wantNotice := "notice due moved from 2028-01-20 to 2028-01-19: 2028 notice loaded"
	if got["publicity end"] != "publicity end moved from 2028-01-07 to 2028-01-10: 2028 notice loaded" || got["notice due"] != wantNotice {
		t.Fatalf("moves %q", got)
	}
	tp = mt(s2.Topic(ctx, "t1"))
	if last := tp.History[len(tp.History)-1]; last.Action != agenda.ActRebase || last.Note != got["publicity end"] ||
		!tp.Resolution.PublicityEnds.Equal(date(2028, 1, 10)) || tp.Resolution.PublicityProvisional.IsProvisional() {
		t.Errorf("topic after rebase: %+v ends %s", last, tp.Resolution.PublicityEnds)
	}
	m2 = mm(s2.Meeting(ctx, "m2"))
	if len(m2.Rebased) != 1 || m2.NoticeProvisional.IsProvisional() || !m2.NoticeDue.Equal(date(2028, 1, 19)) {
		t.Errorf("meeting after rebase: due %s %+v %+v", m2.NoticeDue, m2.Rebased, m2.NoticeProvisional)
	}
	if moves, err := s2.Rebase(ctx); err != nil || len(moves) != 0 {
		t.Errorf("second rebase: %v %v", moves, err)
	}
}
