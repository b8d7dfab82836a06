package agenda_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/grid"
)

func TestComplianceChaoyang(t *testing.T) {
	tree := parents{"c1": "s1", "c2": "s1", "b1": "c1", "s1": "chaoyang"}
	var held []agenda.Held
	for i := range 6 { // c1: a meeting a month Jan-Jun
		held = append(held, agenda.Held{Grid: "c1", Kind: "council", At: date(2026, time.Month(i+1), 10), Quorate: true})
	}
	held = append(held,
		agenda.Held{Grid: "c2", Kind: "council", At: date(2026, 2, 1), Quorate: true},
		agenda.Held{Grid: "c2", Kind: "council", At: date(2026, 3, 1), Quorate: false}, // no quorum: does not count
		agenda.Held{Grid: "c2", Kind: "council", At: date(2025, 12, 1), Quorate: true}, // last year
		agenda.Held{Grid: "c2", Kind: "council", At: date(2026, 8, 1), Quorate: true},  // after the report day
		agenda.Held{Grid: "elsewhere", Kind: "council", At: date(2026, 2, 1), Quorate: true},
	)
	solved := []agenda.Closure{{Grid: "b1", At: date(2026, 5, 1)}, {Grid: "c1", At: date(2026, 6, 1)}}
	r, err := agenda.Compliance(agenda.Chaoyang(), tree, []grid.ID{"c1", "c2"}, held, solved, date(2026, 7, 1))
	if err != nil {
		t.Fatal(err)
	}
	// 2026-07-01 is day 182 of 365: due ceil(12*182/365) = 6 meetings and
	// ceil(3*182/365) = 2 solved.
	want := []agenda.CommunityCompliance{
		{Community: "c1", Meetings: 6, Solved: 2, MeetingsDue: 6, SolvedDue: 2, MeetingsLeft: 6, SolvedLeft: 1},
		{Community: "c2", Meetings: 1, Solved: 0, MeetingsDue: 6, SolvedDue: 2, MeetingsBehind: 5, SolvedBehind: 2, MeetingsLeft: 11, SolvedLeft: 3, Behind: true},
	}
	if d := cmp.Diff(want, r.Communities); d != "" {
		t.Errorf("communities (-want +got):\n%s", d)
	}
	s1, _ := r.Node("chaoyang")
	if s1.Communities != 2 || s1.Behind != 1 || s1.Meetings != 7 || s1.MeetingsBehind != 5 || r.Unplaced != 1 {
		t.Errorf("roll-up %+v unplaced %d", s1, r.Unplaced)
	}
}

// TestComplianceBruteForce: the report equals a brute-force count, for
// random trees, records and report days.
func TestComplianceBruteForce(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		// A random forest: node i's parent is a lower-numbered node or none.
		n := rapid.IntRange(1, 25).Draw(rt, "nodes")
		tree := parents{}
		id := func(i int) grid.ID { return grid.ID(fmt.Sprint("n", i)) }
		for i := 1; i < n; i++ {
			if p := rapid.IntRange(-1, i-1).Draw(rt, "parent"); p >= 0 {
				tree[id(i)] = id(p)
			}
		}
		var comms []grid.ID
		for i := range n {
			if rapid.Bool().Draw(rt, "community") {
				comms = append(comms, id(i))
			}
		}
		rule := agenda.Obligations{Meetings: rapid.IntRange(0, 15).Draw(rt, "m"), Solved: rapid.IntRange(1, 5).Draw(rt, "s"),
			Quorate: rapid.Bool().Draw(rt, "quorate")}
		if rapid.Bool().Draw(rt, "kinds") {
			rule.Kinds = []string{"council"}
		}
		kinds := []string{"council", "hearing"}
		rec := func() (grid.ID, time.Time) {
			return id(rapid.IntRange(0, n-1).Draw(rt, "at")), date(2025, 12, 1).AddDate(0, 0, rapid.IntRange(0, 420).Draw(rt, "day"))
		}
		var held []agenda.Held
		for range rapid.IntRange(0, 40).Draw(rt, "held") {
			g, at := rec()
			held = append(held, agenda.Held{Grid: g, At: at, Kind: rapid.SampledFrom(kinds).Draw(rt, "kind"), Quorate: rapid.Bool().Draw(rt, "q")})
		}
		var solved []agenda.Closure
		for range rapid.IntRange(0, 20).Draw(rt, "solved") {
			g, at := rec()
			solved = append(solved, agenda.Closure{Grid: g, At: at})
		}
		day := date(2026, 1, 1).AddDate(0, 0, rapid.IntRange(0, 364).Draw(rt, "report"))
		r, err := agenda.Compliance(rule, tree, comms, held, solved, day)
		if err != nil {
			rt.Fatal(err)
		}
		// Brute force.
		isComm := map[grid.ID]bool{}
		for _, c := range comms {
			isComm[c] = true
		}
		owner := func(g grid.ID) grid.ID { // nearest community at or above g
			for {
				if isComm[g] {
					return g
				}
				p, ok := tree[g]
				if !ok {
					return ""
				}
				g = p
			}
		}
		counts := func(at time.Time) bool { return at.Year() == 2026 && !at.After(day) }
		meetings, solvedN := map[grid.ID]int{}, map[grid.ID]int{}
		for _, h := range held {
			ok := counts(h.At) && (!rule.Quorate || h.Quorate) && (len(rule.Kinds) == 0 || h.Kind == "council")
			if c := owner(h.Grid); ok && c != "" {
				meetings[c]++
			}
		}
		for _, s := range solved {
			if c := owner(s.Grid); counts(s.At) && c != "" {
				solvedN[c]++
			}
		}
		elapsed := int(day.Sub(date(2026, 1, 1)).Hours()/24) + 1
		for _, c := range r.Communities {
			mDue := 0
			for mDue*365 < rule.Meetings*elapsed {
				mDue++
			}
			if c.Meetings != meetings[c.Community] || c.Solved != solvedN[c.Community] || c.MeetingsDue != mDue ||
				c.MeetingsBehind != max(0, mDue-c.Meetings) || c.Compliant != (c.Meetings >= rule.Meetings && c.Solved >= rule.Solved) {
				rt.Fatalf("community %s: %+v; brute force meetings %d solved %d due %d", c.Community, c, meetings[c.Community], solvedN[c.Community], mDue)
			}
		}
		// Roll-up: every node equals the sum over the communities below it.
		for _, nd := range r.Nodes {
			var want agenda.NodeCompliance
			want.Node = nd.Node
			for _, c := range r.Communities {
				for g, ok := c.Community, true; ok; g, ok = tree[g] {
					if g == nd.Node {
						want.Communities++
						want.Meetings += c.Meetings
						want.Solved += c.Solved
						want.MeetingsBehind += c.MeetingsBehind
						want.SolvedBehind += c.SolvedBehind
						if c.Compliant {
							want.Compliant++
						}
						if c.Behind {
							want.Behind++
						}
						break
					}
				}
			}
			if want != nd {
				rt.Fatalf("node %s: %+v, brute force %+v", nd.Node, nd, want)
			}
		}
	})
}
