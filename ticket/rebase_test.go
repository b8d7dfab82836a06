package ticket_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/ticket"
)

// notice2028 is a 2028 holiday notice for the tests (the real one is not
// published yet): 春节 from 01-24 to 01-31 where the statutory days alone
// give 01-25 to 01-28.
const notice2028 = `{"year": 2028, "source": "test notice", "holidays": [
	{"name": "元旦", "from": "2028-01-01", "to": "2028-01-03"},
	{"name": "春节", "from": "2028-01-24", "to": "2028-01-31", "makeup": ["2028-02-05"]}]}`

// rebaseCfg is the Shandong regime with a 25-working-day resolution limit,
// on cal.
func rebaseCfg(t *testing.T, cal *calendar.Calendar) ticket.Config {
	t.Helper()
	cfg := shandongCfg(t)
	cfg.Policy.Rules[0].Resolution = wd(25)
	cfg.Calendars.Working = cal
	return cfg
}

// Issue 13: a ticket dispatched 2027-12-20 runs into 2028, whose notice is
// not loaded: its deadline is provisional. It can be paused and resumed in
// 2028, and once the notice is loaded Rebase moves the deadline and
// records why; a deadline already met stays.
func TestRebaseProvisionalDeadline(t *testing.T) {
	ctx := context.Background()
	cal := calendar.China()
	now := at("2027-12-20 09:00")
	st := ticket.NewMemStore()
	svc := ticket.NewService(st, &ticket.Options{Now: func() time.Time { return now }, Config: rebaseCfg(t, cal)})
	c1 := member(community)
	open := func(id string) {
		t.Helper()
		if _, _, err := svc.Intake(ctx, intake(id, time.Time{})); err != nil {
			t.Fatal(err)
		}
		for _, e := range []ticket.Event{
			{Kind: ticket.EvDispatch, Actor: hotline, Unit: community},
			{Kind: ticket.EvAccept, Actor: c1},
			{Kind: ticket.EvStart, Actor: c1},
		} {
			if _, err := svc.Act(ctx, ticket.ID(id), e); err != nil {
				t.Fatalf("%s %s: %v", id, e.Kind, err)
			}
		}
	}
	act := func(id string, e ticket.Event) ticket.Ticket {
		t.Helper()
		tk, err := svc.Act(ctx, ticket.ID(id), e)
		if err != nil {
			t.Fatalf("%s %s: %v", id, e.Kind, err)
		}
		return tk
	}
	get := func(id string) ticket.Clock {
		t.Helper()
		tk, err := st.Ticket(ctx, ticket.ID(id))
		if err != nil {
			t.Fatal(err)
		}
		return mustClock(t, tk)
	}
	open("plain")  // 25 working days: 9 in December, then 2028
	open("paused") // the same, paused for one working day in 2028
	open("met")    // resolved before the notice: its clock stopped

	// Provisionally 2028-01-03 is off (元旦 on a Saturday, art. 6) and 春节
	// is 01-25 to 01-28: the 25th working day is 01-31.
	c := get("plain")
	want := "2028 notice not loaded; statutory days only, no 调休"
	if !c.Due.Equal(at("2028-01-31 17:30")) || c.Provisional == nil || c.Provisional.Reason != want {
		t.Fatalf("provisional clock: due %v, provisional %v", c.Due, c.Provisional)
	}
	if st := ticket.StatusAt(mustTicket(t, st, "plain"), now); !st.Clocks[len(st.Clocks)-1].Provisional ||
		!strings.Contains(st.Explain(), "(provisional)") {
		t.Errorf("status does not say provisional:\n%s", st.Explain())
	}

	now = at("2027-12-21 10:00")
	act("met", ticket.Event{Kind: ticket.EvResolve, Actor: c1, Note: "fixed"})

	// Paused and resumed in the provisional year.
	now = at("2028-01-04 09:00")
	act("paused", ticket.Event{Kind: ticket.EvPause, Actor: c1, Note: "waiting", Reason: "awaiting_requester", Limit: wd(2)})
	now = at("2028-01-05 09:00")
	act("paused", ticket.Event{Kind: ticket.EvResume, Actor: c1})
	if c := get("paused"); !c.Due.Equal(at("2028-02-01 17:30")) || c.Provisional == nil {
		t.Fatalf("after the pause: due %v, provisional %v", c.Due, c.Provisional)
	}

	// The 2028 notice is loaded: a service on the extended calendar rebases.
	cal2028, err := cal.ExtendJSON(strings.NewReader(notice2028))
	if err != nil {
		t.Fatal(err)
	}
	now = at("2028-01-10 10:00")
	svc2 := ticket.NewService(st, &ticket.Options{Now: func() time.Time { return now }, Config: rebaseCfg(t, cal2028)})
	moves, err := svc2.Rebase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(moves) != 2 {
		t.Fatalf("moves = %+v, want the plain and the paused ticket's resolution deadlines", moves)
	}
	for id, due := range map[string]string{"plain": "2028-02-02 17:30", "paused": "2028-02-03 17:30"} {
		c := get(id)
		if !c.Due.Equal(at(due)) || c.Provisional != nil {
			t.Errorf("%s: due %v provisional %v, want %s and not provisional", id, c.Due, c.Provisional, due)
		}
		tk := mustTicket(t, st, id)
		last := tk.History[len(tk.History)-1]
		from := map[string]string{"plain": "2028-01-31 17:30", "paused": "2028-02-01 17:30"}[id]
		if wantNote := "resolution deadline moved from " + from + " to " + due + ": 2028 notice loaded"; last.Kind != ticket.EvRebase ||
			last.Note != wantNote || !last.At.Equal(now) {
			t.Errorf("%s: last event %s %q at %v, want %q", id, last.Kind, last.Note, last.At, wantNote)
		}
	}
	// The met deadline did not move, and nothing was recorded.
	if c := get("met"); !c.Due.Equal(at("2028-01-31 17:30")) || c.Stopped.IsZero() {
		t.Errorf("met clock changed: %+v", c)
	}
	if tk := mustTicket(t, st, "met"); tk.History[len(tk.History)-1].Kind == ticket.EvRebase {
		t.Error("met ticket got a rebase event")
	}
	// A second rebase has nothing left to do.
	if moves, err := svc2.Rebase(ctx); err != nil || len(moves) != 0 {
		t.Errorf("second rebase: %v, %v", moves, err)
	}
	// Export leaves the rebase events out; the import recomputes the
	// same clocks with the new calendar.
	tk := mustTicket(t, st, "paused")
	rec := ticket.Export(tk)
	for _, e := range rec.Events {
		if e.Kind == ticket.EvRebase {
			t.Fatal("Export kept a rebase event")
		}
	}
}

// A running deadline that has already passed is never moved, and one the
// notice would move into the past is kept and the keeping recorded.
func TestRebaseKeepsPassedDeadlines(t *testing.T) {
	cal := calendar.China()
	cfg := rebaseCfg(t, cal)
	c1 := member(community)
	tk, err := ticket.NewTicket(cfg, intake("k", at("2027-12-20 09:00")))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []ticket.Event{
		{Kind: ticket.EvDispatch, At: at("2027-12-20 09:00"), Actor: hotline, Unit: community},
		{Kind: ticket.EvAccept, At: at("2027-12-20 09:00"), Actor: c1},
		{Kind: ticket.EvStart, At: at("2027-12-20 09:00"), Actor: c1},
	} {
		tk = mustApply(t, cfg, tk, e)
	}
	cal2028, err := cal.ExtendJSON(strings.NewReader(notice2028))
	if err != nil {
		t.Fatal(err)
	}
	cfg2 := rebaseCfg(t, cal2028)
	// Passed: the provisional deadline 2028-01-31 17:30 is over.
	if _, moves, changed, err := ticket.Rebase(cfg2, tk, at("2028-02-01 09:00")); err != nil || changed || len(moves) != 0 {
		t.Errorf("passed deadline: changed %v, moves %v, %v", changed, moves, err)
	}
	// A notice that makes the deadline earlier than now: kept, recorded.
	earlier := `{"year": 2028, "holidays": [{"name": "元旦", "from": "2028-01-01"}]}`
	cal2, err := cal.ExtendJSON(strings.NewReader(earlier))
	if err != nil {
		t.Fatal(err)
	}
	// Without 01-03 and 春节 off the 25th working day is 2028-01-24.
	n, moves, changed, err := ticket.Rebase(rebaseCfg(t, cal2), tk, at("2028-01-26 09:00"))
	if err != nil || !changed || len(moves) != 1 || !moves[0].Kept || !moves[0].To.Equal(at("2028-01-24 17:30")) {
		t.Fatalf("earlier deadline: changed %v, moves %+v, %v", changed, moves, err)
	}
	if c := mustClock(t, n); !c.Due.Equal(at("2028-01-31 17:30")) || c.Provisional != nil {
		t.Errorf("kept clock: due %v provisional %v", c.Due, c.Provisional)
	}
	if last := n.History[len(n.History)-1]; !strings.HasPrefix(last.Note, "resolution deadline kept at 2028-01-31 17:30") {
		t.Errorf("event %q", last.Note)
	}
}

func mustTicket(t *testing.T, st *ticket.MemStore, id string) ticket.Ticket {
	t.Helper()
	tk, err := st.Ticket(context.Background(), ticket.ID(id))
	if err != nil {
		t.Fatal(err)
	}
	return tk
}
