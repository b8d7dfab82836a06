package agenda_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/vote"
)

// sixProjects is the Shuangjing 2021 limited-approval motion: 6 projects, 5 votes
// each, more than 80% support, 2 priorities.
func sixProjects() agenda.Motion {
	return agenda.Motion{ID: "projects", Text: "2026 practical projects", Method: agenda.LimitedApproval,
		Options: []vote.Option{
			{ID: "p1", Name: "双井1-3社区深化打造"},
			{ID: "p2", Name: "消除老旧小区房屋安全隐患"},
			{ID: "p3", Name: "区域养老服务联合体"},
			{ID: "p4", Name: "社区景观微更新改造"},
			{ID: "p5", Name: "文创园区周边可持续更新提升"},
			{ID: "p6", Name: "数字经济文化艺术街区科技景观场景打造"},
		},
		Votes: 5, Priorities: 2, Approval: vote.MoreThan(4, 5)}
}

// sixProjectBallots returns 46 ballots, each approving 5 of the 6
// projects. The omitted project per representative gives supports p1 45,
// p2 40, p3 38, p4 44, p5 35, p6 28 (illustrative counts: the public report
// gives only the outcome, priorities p1 and p4).
func sixProjectBallots() []agenda.Ballot {
	omit := map[string]int{"p1": 1, "p2": 6, "p3": 8, "p4": 2, "p5": 11, "p6": 18}
	all := []vote.OptionID{"p1", "p2", "p3", "p4", "p5", "p6"}
	var out []agenda.Ballot
	n := 0
	for _, o := range all {
		for range omit[string(o)] {
			n++
			var approve []vote.OptionID
			for _, x := range all {
				if x != o {
					approve = append(approve, x)
				}
			}
			out = append(out, agenda.Ballot{Voter: grid.PersonID(fmt.Sprintf("rep%02d", n)), Approve: approve})
		}
	}
	return out
}

func TestTallyScenario1(t *testing.T) {
	m := sixProjects()
	m.Ballots = sixProjectBallots()
	k := agenda.Beijing().Kinds[1] // assembly
	r, err := agenda.Tally(k, m, 46, repIDs(46))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]vote.OptionID{"p1", "p4"}, r.Priorities()); d != "" {
		t.Errorf("priorities (-want +got):\n%s", d)
	}
	var support []int64
	for _, o := range r.Ranked() {
		support = append(support, o.Votes)
	}
	if d := cmp.Diff([]int64{45, 44, 40, 38, 35, 28}, support); d != "" {
		t.Errorf("supports (-want +got):\n%s", d)
	}
	if r.Need != 37 || !r.Passed {
		t.Errorf("need %d passed %v, want 37 true", r.Need, r.Passed)
	}
}

func TestTallyRejectsBadBallots(t *testing.T) {
	k := agenda.Beijing().Kinds[0]
	cases := map[string]agenda.Ballot{
		"too many":   {Voter: "a", Approve: []vote.OptionID{"p1", "p2", "p3", "p4", "p5", "p6"}},
		"twice":      {Voter: "a", Approve: []vote.OptionID{"p1", "p1"}},
		"unknown":    {Voter: "a", Approve: []vote.OptionID{"p9"}},
		"yes choice": {Voter: "a", Choice: vote.Yes},
	}
	for name, b := range cases {
		t.Run(name, func(t *testing.T) {
			m := sixProjects()
			m.Ballots = []agenda.Ballot{b}
			if _, err := agenda.Tally(k, m, 10, voterIDs(10)); !errors.Is(err, agenda.ErrInvalid) {
				t.Errorf("Tally error = %v, want ErrInvalid", err)
			}
		})
	}
}

// voterIDs returns the ids yesNoBallots uses for n voters: v000, v001...
func voterIDs(n int) []grid.PersonID {
	var out []grid.PersonID
	for i := range n {
		out = append(out, grid.PersonID(fmt.Sprintf("v%03d", i)))
	}
	return out
}

// repIDs returns the ids sixProjectBallots uses: rep01...rep46.
func repIDs(n int) []grid.PersonID {
	var out []grid.PersonID
	for i := range n {
		out = append(out, grid.PersonID(fmt.Sprintf("rep%02d", i+1)))
	}
	return out
}

func presentIDs(n int) []grid.PersonID {
	var out []grid.PersonID
	for i := range n {
		out = append(out, grid.PersonID(fmt.Sprint("v", i)))
	}
	return out
}

func yesNoBallots(yes, no, abstain int) []agenda.Ballot {
	var out []agenda.Ballot
	add := func(n int, c vote.Choice) {
		for range n {
			out = append(out, agenda.Ballot{Voter: grid.PersonID(fmt.Sprintf("v%03d", len(out))), Choice: c})
		}
	}
	add(yes, vote.Yes)
	add(no, vote.No)
	add(abstain, vote.Abstain)
	return out
}

// TestTallyYesNoExact checks the pass rule at every boundary: a motion
// passes iff the meeting is quorate and yes*den beats present*num (or
// equals it for an inclusive ratio), whatever the ballot order.
func TestTallyYesNoExact(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		den := rapid.Int64Range(1, 10).Draw(rt, "den")
		num := rapid.Int64Range(0, den).Draw(rt, "num")
		incl := rapid.Bool().Draw(rt, "inclusive")
		qden := rapid.Int64Range(1, 5).Draw(rt, "qden")
		qnum := rapid.Int64Range(0, qden).Draw(rt, "qnum")
		invited := rapid.Int64Range(1, 60).Draw(rt, "invited")
		present := rapid.Int64Range(0, invited).Draw(rt, "present")
		yes := rapid.IntRange(0, int(present)).Draw(rt, "yes")
		no := rapid.IntRange(0, int(present)-yes).Draw(rt, "no")
		abstain := rapid.IntRange(0, int(present)-yes-no).Draw(rt, "abstain")
		k := agenda.Kind{Name: "k", Quorum: vote.Ratio{Num: qnum, Den: qden}, Approval: vote.Ratio{Num: num, Den: den, Inclusive: incl}, Decides: true}
		m := agenda.Motion{ID: "m", Text: "x", Method: agenda.YesNo, Ballots: yesNoBallots(yes, no, abstain)}
		r, err := agenda.Tally(k, m, invited, voterIDs(int(present)))
		if err != nil {
			rt.Fatal(err)
		}
		lhs, rhs := int64(yes)*den, present*num
		pass := lhs > rhs || (incl && lhs == rhs)
		quorate := present*qden > invited*qnum
		if present == 0 {
			pass = false
		}
		if r.Passed != (pass && quorate) || r.Quorum.Met != quorate {
			rt.Fatalf("yes %d/%d ratio %s quorum %d/%d: passed %v quorate %v; want %v %v (%s)", yes, present, k.Approval, present, invited, r.Passed, r.Quorum.Met, pass && quorate, quorate, r.Reason)
		}
		if r.Votes(vote.Yes) != int64(yes) || r.Votes(vote.No) != int64(no) || r.Votes(vote.Abstain) != int64(abstain) {
			rt.Fatalf("counts %d/%d/%d, want %d/%d/%d", r.Votes(vote.Yes), r.Votes(vote.No), r.Votes(vote.Abstain), yes, no, abstain)
		}
		// Order independence.
		perm := rapid.Permutation(m.Ballots).Draw(rt, "perm")
		m.Ballots = perm
		r2, _ := agenda.Tally(k, m, invited, voterIDs(int(present)))
		if d := cmp.Diff(r, r2); d != "" {
			rt.Fatalf("ballot order changed the result:\n%s", d)
		}
	})
}

// TestTallyApprovalProperties: supports add up to the approvals cast,
// priorities are passing options in support order, none outranked by a
// tied or non-chosen option, and order does not matter.
func TestTallyApprovalProperties(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		nopt := rapid.IntRange(2, 6).Draw(rt, "options")
		m := agenda.Motion{ID: "m", Text: "x", Method: agenda.LimitedApproval,
			Votes: rapid.IntRange(0, nopt).Draw(rt, "votes"), Priorities: rapid.IntRange(0, nopt).Draw(rt, "priorities")}
		var ids []vote.OptionID
		for i := range nopt {
			id := vote.OptionID(fmt.Sprint("o", i))
			ids = append(ids, id)
			m.Options = append(m.Options, vote.Option{ID: id})
		}
		limit := m.Votes
		if limit == 0 {
			limit = nopt
		}
		present := rapid.IntRange(1, 30).Draw(rt, "present")
		total := 0
		for v := range rapid.IntRange(0, present).Draw(rt, "voters") {
			pick := rapid.SliceOfNDistinct(rapid.SampledFrom(ids), 0, limit, func(o vote.OptionID) vote.OptionID { return o }).Draw(rt, "pick")
			total += len(pick)
			m.Ballots = append(m.Ballots, agenda.Ballot{Voter: grid.PersonID(fmt.Sprint("v", v)), Approve: pick})
		}
		k := agenda.Kind{Name: "k", Quorum: vote.AtLeast(0, 1), Approval: vote.AtLeast(rapid.Int64Range(0, 3).Draw(rt, "num"), 3), Decides: true}
		r, err := agenda.Tally(k, m, int64(present), presentIDs(present))
		if err != nil {
			rt.Fatal(err)
		}
		sum := int64(0)
		support := map[vote.OptionID]int64{}
		for _, o := range r.Ranked() {
			sum += o.Votes
			support[o.Option] = o.Votes
			if o.Passed != k.Approval.Met(o.Votes, int64(present)) {
				rt.Fatalf("option %s passed=%v with support %d", o.Option, o.Passed, o.Votes)
			}
		}
		if sum != int64(total) {
			rt.Fatalf("supports add to %d, %d approvals cast", sum, total)
		}
		if m.Priorities > 0 && len(r.Priorities()) > m.Priorities {
			rt.Fatalf("%d priorities, at most %d", len(r.Priorities()), m.Priorities)
		}
		for i, p := range r.Priorities() {
			if i > 0 && support[r.Priorities()[i-1]] < support[p] {
				rt.Fatalf("priorities out of order: %v", r.Priorities())
			}
			for _, o := range r.Ranked() {
				if o.Passed && !slices.Contains(r.Priorities(), o.Option) && o.Votes >= support[p] && !slices.Contains(r.Tied(), o.Option) {
					rt.Fatalf("option %s (%d) left out while %s (%d) chosen", o.Option, o.Votes, p, support[p])
				}
				if slices.Contains(r.Tied(), o.Option) && o.Votes >= support[p] {
					rt.Fatalf("tied option %s (%d) not below chosen %s (%d)", o.Option, o.Votes, p, support[p])
				}
			}
		}
		perm := rapid.Permutation(m.Ballots).Draw(rt, "perm")
		m.Ballots = perm
		r2, _ := agenda.Tally(k, m, int64(present), presentIDs(present))
		if d := cmp.Diff(r, r2); d != "" {
			rt.Fatalf("ballot order changed the result:\n%s", d)
		}
	})
}

func TestQuorumBoundary(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		den := rapid.Int64Range(1, 10).Draw(rt, "den")
		r := vote.Ratio{Num: rapid.Int64Range(1, den).Draw(rt, "num"), Den: den, Inclusive: rapid.Bool().Draw(rt, "incl")}
		invited := rapid.Int64Range(1, 200).Draw(rt, "invited")
		q := agenda.Quorum(r, invited, 0)
		if q.Min > invited {
			return // unreachable threshold
		}
		if !agenda.Quorum(r, invited, q.Min).Met || (q.Min > 0 && agenda.Quorum(r, invited, q.Min-1).Met) {
			rt.Fatalf("quorum %s of %d: min %d is not the boundary", r, invited, q.Min)
		}
	})
}

func TestAssess(t *testing.T) {
	half := vote.MoreThan(1, 2)
	e, err := agenda.Assess(half, agenda.Satisfaction{Satisfied: 3, Basic: 2, Dissatisfied: 5}, date(2026, 5, 1))
	if err != nil || e.Solved || e.Rate != 5 || e.Base != 10 || e.Need != 6 {
		t.Errorf("5 of 10 under > 1/2: %+v %v", e, err)
	}
	e, _ = agenda.Assess(half, agenda.Satisfaction{Satisfied: 3, Basic: 3, Dissatisfied: 5}, date(2026, 5, 1))
	if !e.Solved {
		t.Errorf("6 of 11 under > 1/2 must solve: %s", e.Reason)
	}
	if _, err := agenda.Assess(half, agenda.Satisfaction{}, date(2026, 5, 1)); !errors.Is(err, agenda.ErrInvalid) {
		t.Errorf("no ballots: %v", err)
	}
	if _, err := agenda.Assess(half, agenda.Satisfaction{Satisfied: -1}, date(2026, 5, 1)); !errors.Is(err, agenda.ErrInvalid) {
		t.Errorf("negative: %v", err)
	}
}

// TestCountSatisfaction: counting through vote equals counting by hand.
func TestCountSatisfaction(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		levels := []string{agenda.LevelSatisfied, agenda.LevelBasic, agenda.LevelDissatisfied}
		answers := rapid.SliceOfN(rapid.SampledFrom(levels), 1, 60).Draw(rt, "answers")
		var want agenda.Satisfaction
		for _, a := range answers {
			switch a {
			case agenda.LevelSatisfied:
				want.Satisfied++
			case agenda.LevelBasic:
				want.Basic++
			default:
				want.Dissatisfied++
			}
		}
		got, err := agenda.CountSatisfaction(answers)
		if err != nil || got != want {
			rt.Fatalf("CountSatisfaction = %+v, %v; want %+v", got, err, want)
		}
	})
	if _, err := agenda.CountSatisfaction([]string{"satisfied", "meh"}); !errors.Is(err, agenda.ErrInvalid) {
		t.Errorf("unknown level: %v", err)
	}
	if _, err := agenda.CountSatisfaction(nil); !errors.Is(err, agenda.ErrInvalid) {
		t.Errorf("no answers: %v", err)
	}
}
