package ticket_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/ticket"
)

// inProgress returns a ticket dispatched to community and started at
// 2025-03-03 09:00 under cfg.
func inProgress(t *testing.T, cfg ticket.Config) ticket.Ticket {
	t.Helper()
	c1 := member(community)
	tk, err := ticket.NewTicket(cfg, intake("P1", at("2025-03-03 09:00")))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []ticket.Event{
		{Kind: ticket.EvDispatch, At: at("2025-03-03 09:00"), Actor: hotline, Unit: community},
		{Kind: ticket.EvAccept, At: at("2025-03-03 09:00"), Actor: c1},
		{Kind: ticket.EvStart, At: at("2025-03-03 09:00"), Actor: c1},
	} {
		tk = mustApply(t, cfg, tk, e)
	}
	return tk
}

func wd(n int) calendar.Period { return calendar.Period{N: n, Unit: calendar.WorkingDays} }

// Issue 14 item 12: pauses were unlimited (fourteen 30-day pauses kept a
// 14-month-old ticket "on track"). Now they need a configured reason,
// count toward caps, end by themselves, and long ones need approval.
func TestPauseLimits(t *testing.T) {
	cfg := shandongCfg(t) // testPauses: 2 pauses, each <= 5 wd, 7 in all, > 2 needs approval
	c1 := member(community)
	tk := inProgress(t, cfg)
	pause := func(when string, reason ticket.PauseReason, l calendar.Period) ticket.Event {
		return ticket.Event{Kind: ticket.EvPause, At: at(when), Actor: c1, Note: "n", Reason: reason, Limit: l}
	}
	for _, tc := range []struct {
		name string
		e    ticket.Event
		want error
	}{
		{"no reason", pause("2025-03-04 09:00", "", wd(1)), ticket.ErrInvalid},
		{"unlisted reason", pause("2025-03-04 09:00", "holiday", wd(1)), ticket.ErrInvalid},
		{"no length", pause("2025-03-04 09:00", "inspection", calendar.Period{}), ticket.ErrInvalid},
		{"30 natural days", pause("2025-03-04 09:00", "inspection", calendar.Period{N: 30, Unit: calendar.NaturalDays}), ticket.ErrLimitExceeded},
		{"longer than the longest", pause("2025-03-04 09:00", "inspection", wd(6)), ticket.ErrLimitExceeded},
	} {
		if _, err := ticket.Apply(cfg, tk, tc.e); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
	// A policy without a pause rule allows no pause.
	plain := cfg
	plain.Policy = ticket.Shandong()
	if _, err := ticket.Apply(plain, inProgress(t, plain), pause("2025-03-04 09:00", "inspection", wd(1))); !errors.Is(err, ticket.ErrLimitExceeded) {
		t.Errorf("pause under a rule without pauses: %v", err)
	}

	// 2 working days: the unit decides alone; the clock stops.
	tk = mustApply(t, cfg, tk, pause("2025-03-04 09:00", "awaiting_requester", wd(2)))
	if tk.State != ticket.Paused || len(tk.Pauses) != 1 || !tk.Pauses[0].Until.Equal(at("2025-03-06 17:30")) {
		t.Fatalf("short pause: %s %+v", tk.State, tk.Pauses)
	}
	tk = mustApply(t, cfg, tk, ticket.Event{Kind: ticket.EvResume, At: at("2025-03-05 09:00"), Actor: c1})

	// 5 working days: pending until the hotline approves; the clock runs meanwhile.
	tk = mustApply(t, cfg, tk, pause("2025-03-05 10:00", "inspection", wd(5)))
	if tk.State != ticket.InProgress || tk.PendingPause == nil || !mustClock(t, tk).Running {
		t.Fatalf("long pause before approval: %s pending %v", tk.State, tk.PendingPause)
	}
	if n := tk.History[len(tk.History)-1].Notified; len(n) != 1 || n[0] != ticket.ToHotline {
		t.Errorf("pause request notified %v, want the hotline", n)
	}
	if _, err := ticket.Apply(cfg, tk, ticket.Event{Kind: ticket.EvDecidePause, At: at("2025-03-05 11:00"), Actor: c1, Approve: true}); !errors.Is(err, ticket.ErrUnauthorized) {
		t.Errorf("the unit approves its own pause: %v", err)
	}
	denied := mustApply(t, cfg, tk, ticket.Event{Kind: ticket.EvDecidePause, At: at("2025-03-05 11:00"), Actor: hotline})
	if denied.State != ticket.InProgress || denied.PendingPause != nil || len(denied.Pauses) != 1 {
		t.Errorf("denied pause: %s %v", denied.State, denied.Pauses)
	}
	tk = mustApply(t, cfg, tk, ticket.Event{Kind: ticket.EvDecidePause, At: at("2025-03-05 11:00"), Actor: hotline, Approve: true})
	if tk.State != ticket.Paused || len(tk.Pauses) != 2 || !tk.Pauses[1].Approved || !tk.Pauses[1].From.Equal(at("2025-03-05 11:00")) {
		t.Fatalf("approved pause: %s %+v", tk.State, tk.Pauses)
	}
	// Nobody resumes: the pause ends by itself at the close of 2025-03-12 (17:30) and the
	// clock runs again.
	c := mustClock(t, tk)
	if p := c.Phase(at("2025-03-12 17:29")); p != ticket.PausedPh {
		t.Errorf("phase during the pause: %s", p)
	}
	if p := c.Phase(at("2025-03-13 09:00")); p == ticket.PausedPh {
		t.Errorf("phase at the pause's end: %s", p)
	}
	el0, _ := c.Elapsed(cfg.Calendars, at("2025-03-13 09:00"))
	el1, _ := c.Elapsed(cfg.Calendars, at("2025-03-13 10:00"))
	if el1-el0 != time.Hour {
		t.Errorf("an hour after the pause ended the clock counted %s", el1-el0)
	}
	tk = mustApply(t, cfg, tk, ticket.Event{Kind: ticket.EvResume, At: at("2025-03-14 09:00"), Actor: c1})
	if end := tk.Pauses[1].Ended; !end.Equal(at("2025-03-12 17:30")) {
		t.Errorf("the pause ended at %s, want its own end", end)
	}
	// The count cap (2) is reached; the total (7 wd) too.
	if _, err := ticket.Apply(cfg, tk, pause("2025-03-14 10:00", "inspection", wd(1))); !errors.Is(err, ticket.ErrLimitExceeded) {
		t.Errorf("third pause: %v", err)
	}
	// The explanation lists every pause.
	ex := ticket.StatusAt(tk, at("2025-03-14 10:00")).Explain()
	for _, want := range []string{
		"pause 1: awaiting_requester (2 working days) from 2025-03-04 09:00 to 2025-03-05 09:00: n",
		"pause 2: inspection (5 working days, approved) from 2025-03-05 11:00 to 2025-03-12 17:30: n",
	} {
		if !strings.Contains(ex, want) {
			t.Errorf("explanation lacks %q:\n%s", want, ex)
		}
	}
}

// The total cap counts requested lengths: 5 + 3 > 7 even with a pause left.
func TestPauseTotalCap(t *testing.T) {
	cfg := shandongCfg(t)
	cfg.Policy.Rules[0].Pauses.Max = 5
	c1 := member(community)
	tk := inProgress(t, cfg)
	tk = mustApply(t, cfg, tk, ticket.Event{Kind: ticket.EvPause, At: at("2025-03-04 09:00"), Actor: c1, Note: "n", Reason: "inspection", Limit: wd(5)})
	tk = mustApply(t, cfg, tk, ticket.Event{Kind: ticket.EvDecidePause, At: at("2025-03-04 10:00"), Actor: hotline, Approve: true})
	tk = mustApply(t, cfg, tk, ticket.Event{Kind: ticket.EvResume, At: at("2025-03-04 11:00"), Actor: c1})
	_, err := ticket.Apply(cfg, tk, ticket.Event{Kind: ticket.EvPause, At: at("2025-03-04 12:00"), Actor: c1, Note: "n", Reason: "inspection", Limit: wd(3)})
	var le *ticket.LimitError
	if !errors.As(err, &le) || le.What != "total pause length" {
		t.Fatalf("5 + 3 working days against a cap of 7: %v", err)
	}
	if _, err := ticket.Apply(cfg, tk, ticket.Event{Kind: ticket.EvPause, At: at("2025-03-04 12:00"), Actor: c1, Note: "n", Reason: "inspection", Limit: wd(2)}); err != nil {
		t.Fatalf("5 + 2 working days: %v", err)
	}
}

func TestPauseRuleValidate(t *testing.T) {
	good := *testPauses()
	for _, tc := range []struct {
		field string
		edit  func(r *ticket.PauseRule)
	}{
		{"rules[0].pauses.reasons", func(r *ticket.PauseRule) { r.Reasons = nil }},
		{"rules[0].pauses.reasons[1]", func(r *ticket.PauseRule) { r.Reasons = []ticket.PauseReason{"a", "a"} }},
		{"rules[0].pauses.reasons[0]", func(r *ticket.PauseRule) { r.Reasons = []ticket.PauseReason{""} }},
		{"rules[0].pauses.max", func(r *ticket.PauseRule) { r.Max = 0 }},
		{"rules[0].pauses.longest", func(r *ticket.PauseRule) { r.Longest = calendar.Period{} }},
		{"rules[0].pauses.total.unit", func(r *ticket.PauseRule) { r.Total = calendar.Period{N: 9, Unit: calendar.NaturalDays} }},
		{"rules[0].pauses.total", func(r *ticket.PauseRule) { r.Total = wd(4) }},
		{"rules[0].pauses.approval.unit", func(r *ticket.PauseRule) { r.Approval = calendar.Period{N: 1, Unit: calendar.Hours} }},
	} {
		r := good
		r.Reasons = append([]ticket.PauseReason(nil), good.Reasons...)
		tc.edit(&r)
		p := ticket.Shandong()
		p.Rules[0].Pauses = &r
		err := p.Validate(nil)
		var ce *ticket.ConfigError
		if !errors.As(err, &ce) || ce.Field != tc.field {
			t.Errorf("%s: %v", tc.field, err)
		}
	}
	p := ticket.Shandong()
	p.Rules[0].Pauses = &good
	if err := p.Validate(nil); err != nil {
		t.Errorf("good pause rule: %v", err)
	}
}
