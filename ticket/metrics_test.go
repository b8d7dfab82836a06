package ticket_test

import (
	"math/big"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/ticket"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

func drawFact(rt *rapid.T, i int) ticket.Fact {
	f := ticket.Fact{
		Ticket:  ticket.ID(string(rune('a' + i%26))),
		Channel: rapid.SampledFrom(ticket.Channels()).Draw(rt, "channel"),
		Node:    rapid.SampledFrom(append(gridNodes, "", "unknown")).Draw(rt, "node"),
		Unit:    rapid.SampledFrom([]ticket.UnitID{"", "u1", "u2"}).Draw(rt, "unit"),
		At:      time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rapid.IntRange(0, 800).Draw(rt, "day")) * 24 * time.Hour),
	}
	f.Dispatched = rapid.Bool().Draw(rt, "dispatched")
	f.Responded = rapid.Bool().Draw(rt, "responded")
	f.Resolved = rapid.Bool().Draw(rt, "resolved")
	if f.Resolved {
		f.ResolvedLevel = rapid.SampledFrom(ticket.Levels()).Draw(rt, "level")
	}
	f.Rated = rapid.Bool().Draw(rt, "rated")
	f.Overdue = !f.Rated && !f.Resolved && rapid.Bool().Draw(rt, "overdue")
	if f.Rated {
		f.Solved = rapid.Bool().Draw(rt, "solved")
		f.Satisfaction = rapid.SampledFrom([]ticket.Satisfaction{ticket.Satisfied, ticket.BasicSatisfied, ticket.Dissatisfied}).Draw(rt, "sat")
	}
	return f
}

// brute computes a tally the slow, obvious way.
func brute(facts []ticket.Fact, keep func(ticket.Fact) bool) ticket.Tally {
	var a ticket.Tally
	for _, f := range facts {
		if !keep(f) {
			continue
		}
		a.Tickets++
		if !f.Dispatched {
			continue
		}
		a.Dispatched++
		if f.Responded {
			a.Responded++
		}
		if f.Resolved {
			a.Resolved++
			for i, l := range ticket.Levels() {
				if l == f.ResolvedLevel {
					a.ByLevel[i]++
				}
			}
		}
		if f.Overdue {
			a.Overdue++
		}
		if f.Rated {
			a.Rated++
			if f.Solved {
				a.Solved++
			}
			if f.Satisfaction == ticket.Satisfied {
				a.Satisfied++
			}
			if f.Satisfaction == ticket.BasicSatisfied {
				a.Basic++
			}
		}
	}
	return a
}

func seq(fs []ticket.Fact) func(func(ticket.Fact) bool) {
	return func(yield func(ticket.Fact) bool) {
		for _, f := range fs {
			if !yield(f) {
				return
			}
		}
	}
}

func TestMetricsMatchBruteForce(t *testing.T) {
	tree := smallGrid()
	view := tree.At(gridStart.Add(time.Hour))
	rapid.Check(t, func(rt *rapid.T) {
		n := rapid.IntRange(0, 60).Draw(rt, "n")
		facts := make([]ticket.Fact, n)
		for i := range facts {
			facts[i] = drawFact(rt, i)
		}
		at := gridStart.Add(time.Hour)
		roll := ticket.RollUp(seq(facts), tree.At(at))
		dense, unplaced := ticket.RollUpView(seq(facts), view)
		spilled, _ := ticket.RollUpViewLimit(seq(facts), view, uint32(rapid.IntRange(1, 3).Draw(rt, "spill")))
		if d := cmp.Diff(dense, spilled); d != "" {
			rt.Fatalf("spilling compact counters changed the result (-plain +spilled):\n%s", d)
		}
		for _, id := range gridNodes {
			want := brute(facts, func(f ticket.Fact) bool { return f.Node != "" && tree.Within(f.Node, id, at) })
			got := ticket.Tally{}
			if a := roll[id]; a != nil {
				got = *a
			}
			if d := cmp.Diff(want, got); d != "" {
				rt.Fatalf("RollUp(%s) (-brute +got):\n%s", id, d)
			}
			i, _ := view.Index(id)
			if d := cmp.Diff(want, dense[i]); d != "" {
				rt.Fatalf("RollUpView(%s) (-brute +got):\n%s", id, d)
			}
		}
		wantOut := brute(facts, func(f ticket.Fact) bool { _, ok := view.Index(f.Node); return !ok })
		if d := cmp.Diff(wantOut, unplaced); d != "" {
			rt.Fatalf("unplaced (-brute +got):\n%s", d)
		}
		// Conservation: per unit and per period partitions add up to the total.
		total := brute(facts, func(ticket.Fact) bool { return true })
		for name, parts := range map[string]map[string]*ticket.Tally{
			"period": ticket.ByPeriod(seq(facts), ticket.Monthly, time.UTC),
			"unit": func() map[string]*ticket.Tally {
				out := map[string]*ticket.Tally{}
				for k, v := range ticket.ByUnit(seq(facts)) {
					out[string(k)] = v
				}
				return out
			}(),
		} {
			var sum ticket.Tally
			for _, a := range parts {
				sum.Merge(a)
			}
			if d := cmp.Diff(total, sum); d != "" {
				rt.Fatalf("%s partition does not add up (-total +sum):\n%s", name, d)
			}
		}
		// The composite is the exact weighted mean of the defined rates.
		w := ticket.Weights{Name: "w", Response: int64(rapid.IntRange(0, 5).Draw(rt, "wr")),
			Resolution: int64(rapid.IntRange(0, 5).Draw(rt, "ws")), Satisfaction: int64(rapid.IntRange(1, 5).Draw(rt, "wt")),
			StrictSatisfaction: rapid.Bool().Draw(rt, "strict"), RatedOnly: rapid.Bool().Draw(rt, "rated_only")}
		s := total.Score(w)
		sat := total.Satisfied
		if !w.StrictSatisfaction {
			sat += total.Basic
		}
		base := total.Rated + total.Overdue // overdue, never called back: neither solved nor satisfied
		if w.RatedOnly {
			base = total.Rated
		}
		num, den := new(big.Rat), int64(0)
		for _, p := range [][3]int64{{total.Responded, total.Dispatched, w.Response}, {total.Solved, base, w.Resolution}, {sat, base, w.Satisfaction}} {
			if p[1] > 0 && p[2] > 0 {
				num.Add(num, new(big.Rat).Mul(big.NewRat(p[0], p[1]), big.NewRat(p[2], 1)))
				den += p[2]
			}
		}
		if den == 0 {
			if s.CompositeExact() != nil {
				rt.Fatalf("composite %s with no defined rate", s.Exact)
			}
			return
		}
		want := num.Quo(num, big.NewRat(den, 1))
		if got := s.CompositeExact(); got == nil || got.Cmp(want) != 0 {
			rt.Fatalf("composite %v, want %v", got, want)
		}
	})
}

func TestRateExact(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		a := ticket.Rate{Num: rapid.Int64Range(0, 1<<40).Draw(rt, "a"), Den: rapid.Int64Range(1, 1<<40).Draw(rt, "b")}
		b := ticket.Rate{Num: rapid.Int64Range(0, 1<<40).Draw(rt, "c"), Den: rapid.Int64Range(1, 1<<40).Draw(rt, "d")}
		if got, want := a.Cmp(b), a.Rat().Cmp(b.Rat()); got != want {
			rt.Fatalf("%v cmp %v = %d, want %d", a, b, got, want)
		}
	})
	// 2/3 and 666666/1000000 differ although they print alike at 2 places.
	if (ticket.Rate{Num: 2, Den: 3}).Cmp(ticket.Rate{Num: 666666, Den: 1000000}) != 1 {
		t.Error("rates must compare exactly")
	}
}

func TestVolumeTrendScenario5(t *testing.T) {
	var facts []ticket.Fact
	add := func(year int, ch ticket.Channel, n int) {
		for i := range n {
			facts = append(facts, ticket.Fact{Channel: ch, At: time.Date(year, time.Month(1+i%12), 1+i%28, 10, 0, 0, 0, shanghai)})
		}
	}
	add(2023, ticket.Hotline, 490)
	add(2024, ticket.Hotline, 196)
	add(2024, ticket.ScanCode, 350)
	got := ticket.Volume(seq(facts), ticket.Yearly, shanghai)
	want := []ticket.Point{{"2023", ticket.Hotline, 490}, {"2024", ticket.Hotline, 196}, {"2024", ticket.ScanCode, 350}}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("Volume (-want +got):\n%s", d)
	}
	if c := ticket.Change(490, 196); c.String() != "-294/490 (-60.00%)" {
		t.Errorf("change %s", c)
	}
}

func TestWeightsValidate(t *testing.T) {
	for _, w := range []ticket.Weights{{}, {Response: -1, Satisfaction: 1}, {Response: 2_000_000}} {
		if err := w.Validate(); err == nil {
			t.Errorf("%+v accepted", w)
		}
	}
	if err := ticket.Jungar().Validate(); err != nil {
		t.Error(err)
	}
}
