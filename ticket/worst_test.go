package ticket_test

import (
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/gongzhi/gongzhi/ticket"
)

// worstByPhase is Worst as it is specified: the most severe Phase of the
// open clocks, a paused clock that ran over counting as breached.
func worstByPhase(t *ticket.Ticket, now time.Time) ticket.Phase {
	rank := map[ticket.Phase]int{ticket.OnTrack: 1, ticket.Warning: 2, ticket.Breached: 3}
	var worst ticket.Phase
	check := func(c ticket.Clock) {
		p := c.Phase(now)
		if p == ticket.PausedPh && c.Spent > c.Budget {
			p = ticket.Breached
		}
		if rank[p] > rank[worst] {
			worst = p
		}
	}
	for _, c := range t.Clocks {
		check(c)
	}
	for _, p := range t.Parties {
		check(p.Clock)
	}
	return worst
}

// TestWorstMatchesPhase checks the sweep's fast path against the phases of
// random clocks: running, paused (with and without an end), stopped, over
// and within budget, instants on both sides of now.
func TestWorstMatchesPhase(t *testing.T) {
	base := at("2025-03-06 15:00")
	instant := func(t *rapid.T, name string) time.Time {
		h := rapid.IntRange(-3, 2).Draw(t, name) // -3: unset
		if h == -3 {
			return time.Time{}
		}
		return base.Add(time.Duration(h) * time.Hour)
	}
	clock := func(t *rapid.T) ticket.Clock {
		return ticket.Clock{
			Running:     rapid.Bool().Draw(t, "running"),
			Stopped:     instant(t, "stopped"),
			Spent:       time.Duration(rapid.IntRange(0, 2).Draw(t, "spent")) * time.Hour,
			Budget:      time.Duration(rapid.IntRange(0, 2).Draw(t, "budget")) * time.Hour,
			BreachAfter: instant(t, "breach_after"),
			WarnAt:      instant(t, "warn_at"),
			PausedUntil: instant(t, "paused_until"),
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		var tk ticket.Ticket
		for range rapid.IntRange(0, 3).Draw(t, "clocks") {
			tk.Clocks = append(tk.Clocks, clock(t))
		}
		for range rapid.IntRange(0, 2).Draw(t, "parties") {
			tk.Parties = append(tk.Parties, ticket.Participant{Clock: clock(t)})
		}
		now := base.Add(time.Duration(rapid.IntRange(-2, 2).Draw(t, "now")) * time.Hour)
		if got, want := ticket.Worst(&tk, now), worstByPhase(&tk, now); got != want {
			t.Fatalf("Worst = %q, want %q", got, want)
		}
	})
}
