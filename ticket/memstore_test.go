package ticket_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/grid"
	"pgregory.net/rapid"

	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/ticket/tickettest"
)

func TestMemStore(t *testing.T) {
	tickettest.TestStore(t, func(t *testing.T) ticket.Store { return ticket.NewMemStore() })
}

// TestMemStoreQueryMatchesDefinition compares every answer of
// MemStore.Tickets with the filter's definition (Match, Before, Limit)
// applied to every ticket, over random tickets that are created, moved
// to other instants and places, and queried by places, windows, order
// and limit: both the per-place index and the walk of the receipt index
// (taken when the window is smaller) must give the definition's answer.
func TestMemStoreQueryMatchesDefinition(t *testing.T) {
	base := time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	places := []grid.ID{"", "p1", "p2", "p3", "p4"}
	rapid.Check(t, func(rt *rapid.T) {
		ctx := context.Background()
		s := ticket.NewMemStore()
		all := map[ticket.ID]ticket.Ticket{}
		draw := func(tk *ticket.Ticket) {
			tk.ReceivedAt = base.Add(time.Duration(rapid.IntRange(0, 6).Draw(rt, "minute")) * time.Minute)
			tk.Location = rapid.SampledFrom(places).Draw(rt, "place")
		}
		for i := range rapid.IntRange(1, 30).Draw(rt, "tickets") {
			tk := ticket.Ticket{ID: ticket.ID(fmt.Sprintf("t%02d", i)), Channel: ticket.Hotline, Kind: ticket.Help,
				Category: "roads", Text: "x", State: ticket.Received}
			draw(&tk)
			stored, _, err := s.CreateTicket(ctx, tk)
			if err != nil {
				rt.Fatal(err)
			}
			all[tk.ID] = stored
		}
		for _, id := range rapid.SliceOfDistinct(rapid.SampledFrom(slices.Sorted(maps.Keys(all))), func(id ticket.ID) ticket.ID { return id }).Draw(rt, "moved") {
			tk := all[id]
			draw(&tk)
			out, err := s.UpdateTickets(ctx, tk)
			if err != nil {
				rt.Fatal(err)
			}
			all[id] = out[0]
		}
		for range 5 {
			f := ticket.Filter{Places: rapid.SliceOf(rapid.SampledFrom(places)).Draw(rt, "places"),
				Newest: rapid.Bool().Draw(rt, "newest"), Limit: rapid.IntRange(0, 5).Draw(rt, "limit")}
			if rapid.Bool().Draw(rt, "from") {
				f.ReceivedFrom = base.Add(time.Duration(rapid.IntRange(0, 6).Draw(rt, "from minute")) * time.Minute)
			}
			if rapid.Bool().Draw(rt, "to") {
				f.ReceivedTo = base.Add(time.Duration(rapid.IntRange(0, 6).Draw(rt, "to minute")) * time.Minute)
			}
			var want []ticket.ID
			var sel []ticket.Ticket
			for _, tk := range all {
				if f.Match(&tk) {
					sel = append(sel, tk)
				}
			}
			slices.SortFunc(sel, func(a, b ticket.Ticket) int {
				if f.Before(&a, &b) {
					return -1
				}
				return 1
			})
			for _, tk := range sel {
				if f.Limit > 0 && len(want) == f.Limit {
					break
				}
				want = append(want, tk.ID)
			}
			var got []ticket.ID
			for tk, err := range s.Tickets(ctx, f) {
				if err != nil {
					rt.Fatal(err)
				}
				got = append(got, tk.ID)
			}
			if !slices.Equal(got, want) {
				rt.Fatalf("Tickets(%+v) = %v, want %v", f, got, want)
			}
		}
	})
}
