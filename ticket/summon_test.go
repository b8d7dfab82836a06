package ticket_test

import (
	"errors"
	"testing"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/ticket"
)

// Issue 18 item 4: who may summon is one rule, grid.MaySummon, which
// ticket and agenda both apply. A lead unit at each level summons iff the
// rule allows its level.
func TestSummonFollowsGridRule(t *testing.T) {
	cfg := shandongCfg(t)
	cfg.Policy.Rules[0].CoReport = calendar.Period{N: 1, Unit: calendar.WorkingDays}
	allowed := 0
	for _, l := range ticket.Levels() {
		u := ticket.Unit{ID: ticket.UnitID("u-" + l), Level: l}
		tk, _ := ticket.NewTicket(cfg, intake("T1", at("2025-03-03 09:00")))
		tk = mustApply(t, cfg, tk, ticket.Event{Kind: ticket.EvDispatch, At: at("2025-03-03 09:00"), Actor: hotline, Unit: u})
		tk = mustApply(t, cfg, tk, ticket.Event{Kind: ticket.EvAccept, At: at("2025-03-03 09:30"), Actor: member(u)})
		_, err := ticket.Apply(cfg, tk, ticket.Event{Kind: ticket.EvSummon, At: at("2025-03-03 10:00"), Actor: member(u),
			Summons: []ticket.Summon{{Unit: housing}}})
		if want := grid.MaySummon(string(l)); (err == nil) != want || (err != nil && !errors.Is(err, ticket.ErrUnauthorized)) {
			t.Errorf("lead at level %s summons: %v, grid rule allows %v", l, err, want)
		}
		if err == nil {
			allowed++
		}
	}
	if allowed != 1 {
		t.Errorf("%d levels summon, want only the subdistrict", allowed)
	}
}
