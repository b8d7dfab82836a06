package project_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/vote"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func voted(support, base int64, priority bool) *project.VoteOutcome {
	th := vote.MoreThan(4, 5)
	return &project.VoteOutcome{Support: support, Base: base, Threshold: th, Passed: th.Met(support, base), Priority: priority}
}

func TestChoose(t *testing.T) {
	cands := []project.Candidate{
		{Project: "p1", Cost: d("300"), Vote: voted(44, 46, true), Grid: "b1"},
		{Project: "p2", Cost: d("200"), Vote: voted(40, 46, false), Grid: "b1"},
		{Project: "p3", Cost: d("100"), Vote: voted(30, 46, false)},
		{Project: "p4", Cost: d("250"), Vote: voted(45, 46, true), Grid: "b2"},
		{Project: "p5", Cost: d("100"), Vote: voted(42, 46, false), Grid: "b2"},
		{Project: "p6", Cost: d("50")},
		{Project: "p7", Cost: d("10"), Vote: voted(46, 46, false), Exclude: "site not available"},
		{Project: "p8", Cost: d("80"), Pin: "safety hazard, district order"},
	}
	rule := project.PlanRule{Year: 2027, Budget: d("800"), Max: 4,
		Caps: []project.Cap{{Grid: "c1", Budget: dp("350")}}}
	plan, err := project.Choose(rule, cands, tree{"b1": {"c1"}, "b2": {"c2"}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]project.ID{"p8", "p4", "p1", "p5"}, plan.Selected); diff != "" {
		t.Errorf("selected (-want +got):\n%s", diff)
	}
	wantReasons := map[project.ID]string{
		"p8": "pinned by manual choice: safety hazard, district order",
		"p4": "priority; support 45 of 46",
		"p1": "priority; support 44 of 46",
		"p5": "support 42 of 46",
		"p2": "support 40 of 46; out: the maximum of 4 projects is reached",
		"p3": "vote failed: 30 of 46, needs > 4/5",
		"p6": "not voted on",
		"p7": "excluded by manual choice: site not available",
	}
	got := map[project.ID]string{}
	for _, dc := range plan.Decisions {
		got[dc.Project] = dc.Reason
	}
	if diff := cmp.Diff(wantReasons, got); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}
	if !plan.Total.Equal(d("730")) || !plan.Remaining.Equal(d("70")) {
		t.Errorf("total %s remaining %s", plan.Total, plan.Remaining)
	}
	if diff := cmp.Diff([]project.ID{"p2", "p3", "p6", "p7"}, plan.Out()); diff != "" {
		t.Errorf("out (-want +got):\n%s", diff)
	}

	// The grid cap of c1 (350) keeps p2 out once p1 is in.
	rule.Max, rule.Budget = 0, d("2000")
	plan, err = project.Choose(rule, cands, tree{"b1": {"c1"}, "b2": {"c2"}})
	if err != nil {
		t.Fatal(err)
	}
	if dc, _ := plan.Decision("p2"); dc.In || dc.Reason != "support 40 of 46; out: grid c1 budget cap leaves only 50.00" {
		t.Errorf("p2: %+v", dc)
	}

	// By ranking (e.g. the order of a PB rule's winners).
	plan, err = project.Choose(project.PlanRule{Year: 2027, Budget: d("400"), Selection: project.ByRanking, Ranking: []project.ID{"p3", "p6", "p1"}}, cands, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]project.ID{"p8", "p3", "p6"}, plan.Selected); diff != "" {
		t.Errorf("ranking (-want +got):\n%s\n%s", diff, plan.Explain())
	}
	if dc, _ := plan.Decision("p1"); dc.Reason != "ranked by the rule's ranking; out: costs 300.00, only 170.00 of the budget left" {
		t.Errorf("p1: %q", dc.Reason)
	}
}

func TestChooseErrors(t *testing.T) {
	ok := project.PlanRule{Year: 2027, Budget: d("100")}
	for name, tc := range map[string]struct {
		rule  project.PlanRule
		cands []project.Candidate
		is    error
	}{
		"no year":          {project.PlanRule{Budget: d("1")}, nil, project.ErrInvalidConfig},
		"negative budget":  {project.PlanRule{Year: 1, Budget: d("-1")}, nil, project.ErrInvalidConfig},
		"sub-fen budget":   {project.PlanRule{Year: 1, Budget: d("0.001")}, nil, project.ErrInvalidConfig},
		"empty cap":        {project.PlanRule{Year: 1, Budget: d("1"), Caps: []project.Cap{{Grid: "x"}}}, nil, project.ErrInvalidConfig},
		"bad selection":    {project.PlanRule{Year: 1, Budget: d("1"), Selection: "lottery"}, nil, project.ErrInvalidConfig},
		"stray ranking":    {project.PlanRule{Year: 1, Budget: d("1"), Ranking: []project.ID{"a"}}, nil, project.ErrInvalidConfig},
		"duplicate":        {ok, []project.Candidate{{Project: "a"}, {Project: "a"}}, project.ErrInvalid},
		"negative cost":    {ok, []project.Candidate{{Project: "a", Cost: d("-1")}}, project.ErrInvalid},
		"pin and exclude":  {ok, []project.Candidate{{Project: "a", Pin: "x", Exclude: "y"}}, project.ErrInvalid},
		"impossible vote":  {ok, []project.Candidate{{Project: "a", Vote: &project.VoteOutcome{Support: 5, Base: 4}}}, project.ErrInvalid},
		"empty project id": {ok, []project.Candidate{{}}, project.ErrInvalid},
	} {
		if _, err := project.Choose(tc.rule, tc.cands, nil); !errors.Is(err, tc.is) {
			t.Errorf("%s: err = %v, want %v", name, err, tc.is)
		}
	}
}

func genCandidates(t *rapid.T) []project.Candidate {
	n := rapid.IntRange(0, 40).Draw(t, "n")
	cs := make([]project.Candidate, n)
	for i := range cs {
		c := project.Candidate{
			Project:  project.ID(fmt.Sprintf("p%02d", i)),
			Grid:     grid.ID(rapid.SampledFrom([]string{"b1", "b2", "b3", ""}).Draw(t, "grid")),
			Category: rapid.SampledFrom([]string{"green", "safety"}).Draw(t, "cat"),
			Cost:     project.Yuan(rapid.Int64Range(0, 50000).Draw(t, "cost")),
			Year:     rapid.IntRange(2024, 2027).Draw(t, "year"),
		}
		if rapid.IntRange(0, 4).Draw(t, "voted") > 0 {
			base := rapid.Int64Range(1, 50).Draw(t, "base")
			c.Vote = voted(rapid.Int64Range(0, base).Draw(t, "support"), base, rapid.IntRange(0, 5).Draw(t, "prio") == 0)
		}
		switch rapid.IntRange(0, 9).Draw(t, "manual") {
		case 0:
			c.Pin = "pinned"
		case 1:
			c.Exclude = "excluded"
		}
		cs[i] = c
	}
	return cs
}

func TestPropChooseRespectsCaps(t *testing.T) {
	tr := tree{"b1": {"c1", "d"}, "b2": {"c1", "d"}, "b3": {"c2", "d"}}
	rapid.Check(t, func(t *rapid.T) {
		cands := genCandidates(t)
		rule := project.PlanRule{Year: 2027, Budget: project.Yuan(rapid.Int64Range(0, 500000).Draw(t, "budget")),
			Max:          rapid.IntRange(0, 20).Draw(t, "max"),
			AllowUnvoted: rapid.Bool().Draw(t, "unvoted"),
			Caps: []project.Cap{
				{Grid: "c1", Budget: dp(fmt.Sprint(rapid.Int64Range(0, 3000).Draw(t, "c1")))},
				{Category: "safety", Count: rapid.IntRange(1, 5).Draw(t, "safety")},
			}}
		plan, err := project.Choose(rule, cands, tr)
		if err != nil {
			t.Fatal(err)
		}
		byID := map[project.ID]project.Candidate{}
		for _, c := range cands {
			byID[c.Project] = c
		}
		total, c1 := decimal.Zero, decimal.Zero
		safety := 0
		for _, id := range plan.Selected {
			c := byID[id]
			total = total.Add(c.Cost)
			if c.Grid == "b1" || c.Grid == "b2" {
				c1 = c1.Add(c.Cost)
			}
			if c.Category == "safety" {
				safety++
			}
			if c.Exclude != "" || (c.Vote != nil && !c.Vote.Passed && c.Pin == "") {
				t.Fatalf("%s should never be planned", id)
			}
		}
		if total.GreaterThan(rule.Budget) || !total.Equal(plan.Total) || !plan.Total.Add(plan.Remaining).Equal(rule.Budget) {
			t.Fatalf("total %s, budget %s, plan %s + %s", total, rule.Budget, plan.Total, plan.Remaining)
		}
		if rule.Max > 0 && len(plan.Selected) > rule.Max {
			t.Fatalf("%d selected, at most %d", len(plan.Selected), rule.Max)
		}
		if c1.GreaterThan(*rule.Caps[0].Budget) || safety > rule.Caps[1].Count {
			t.Fatalf("caps exceeded: c1 %s, safety %d", c1, safety)
		}
		if len(plan.Decisions) != len(cands) {
			t.Fatalf("%d decisions for %d candidates", len(plan.Decisions), len(cands))
		}
		for _, dc := range plan.Decisions {
			if dc.Reason == "" {
				t.Fatalf("%s has no reason", dc.Project)
			}
		}
		// Order independence.
		again, err := project.Choose(rule, rapid.Permutation(cands).Draw(t, "perm"), tr)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(plan.Explain(), again.Explain()); diff != "" {
			t.Fatalf("order changed the plan:\n%s", diff)
		}
		// Every left-out candidate is listed for rolling over.
		if len(plan.Out())+len(plan.Selected) != len(cands) || slices.ContainsFunc(plan.Out(), func(id project.ID) bool { return slices.Contains(plan.Selected, id) }) {
			t.Fatalf("out and selected overlap or miss candidates")
		}
	})
}

// TestPlanShortfall: a target is a commitment, not a ceiling. The plan
// reports how many projects it lacks (0 exactly at the target), while the
// maximum, when set, still caps it; a target above the maximum is refused.
func TestPlanShortfall(t *testing.T) {
	var cands []project.Candidate
	for i := range 5 {
		cands = append(cands, project.Candidate{Project: project.ID(fmt.Sprint("p", i)), Cost: d("100"), Pin: "planned"})
	}
	for _, tc := range []struct {
		budget      string
		max, target int
		selected    int
		shortfall   int
		explain     string
	}{
		{"500", 0, 4, 5, 0, "target 4 met"},        // more than the target: not a ceiling
		{"400", 0, 4, 4, 0, "target 4 met"},        // exactly at the target
		{"300", 0, 4, 3, 1, "target 4: 1 short"},   // one short
		{"500", 3, 3, 3, 0, "at most 3; target 3"}, // the maximum caps it
		{"200", 3, 3, 2, 1, "target 3: 1 short"},
	} {
		rule := project.PlanRule{Year: 2027, Budget: d(tc.budget), Max: tc.max, Target: tc.target, Selection: project.ManualOnly}
		plan, err := project.Choose(rule, cands, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(plan.Selected) != tc.selected || plan.Shortfall != tc.shortfall || !strings.Contains(plan.Explain(), tc.explain) {
			t.Errorf("budget %s max %d target %d: %d selected, shortfall %d, want %d, %d; %q",
				tc.budget, tc.max, tc.target, len(plan.Selected), plan.Shortfall, tc.selected, tc.shortfall, strings.SplitN(plan.Explain(), "\n", 2)[0])
		}
	}
	if err := (project.PlanRule{Year: 2027, Budget: d("1"), Max: 3, Target: 4}).Validate(); !errors.Is(err, project.ErrInvalidConfig) {
		t.Errorf("target above the maximum: %v", err)
	}
}
