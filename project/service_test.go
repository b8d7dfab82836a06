package project_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/vote"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// clock returns a fixed clock that advances one hour per reading.
func clock() func() time.Time {
	now := t0
	return func() time.Time { now = now.Add(time.Hour); return now }
}

func newService() *project.Service {
	return project.NewService(project.NewMemStore(), &project.Options{Now: clock()})
}

// sixOptions and sixBallots replay the Shuangjing 2021 meeting: 46 representatives, 5
// votes each, at most one per project.
func sixOptions() []vote.Option {
	var o []vote.Option
	for i := 1; i <= 6; i++ {
		o = append(o, vote.Option{ID: vote.OptionID(fmt.Sprint("p", i))})
	}
	return o
}

func sixBallots() []vote.Ballot {
	leaveOut := []struct {
		option vote.OptionID
		n      int
	}{{"p1", 5}, {"p4", 6}, {"p2", 8}, {"p3", 9}, {"p5", 9}, {"p6", 9}}
	var bs []vote.Ballot
	for _, lo := range leaveOut {
		for range lo.n {
			b := vote.Ballot{ID: vote.BallotID(fmt.Sprintf("b%02d", len(bs)+1))}
			for _, o := range sixOptions() {
				if o.ID != lo.option {
					b.Marks = append(b.Marks, vote.Mark{Option: o.ID})
				}
			}
			bs = append(bs, b)
		}
	}
	return bs
}

func TestServiceScenario1(t *testing.T) {
	ctx := context.Background()
	s := newService()
	for i := 1; i <= 6; i++ {
		p := project.Project{ID: project.ID(fmt.Sprint("p", i)), Title: fmt.Sprint("project ", i), Grid: "shuangjing",
			Cost: project.Yuan(int64(i) * 10_000_000), Origin: project.FromResolution, Year: 2026}
		if _, err := s.Propose(ctx, p); err != nil {
			t.Fatal(err)
		}
		for _, to := range []project.Status{project.Screened, project.Shortlisted} {
			if _, err := s.Advance(ctx, p.ID, project.Step{To: to, By: "office"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	res, err := vote.Tally(vote.Poll{ID: "2026-projects", Rule: vote.ProjectPriorities(), Options: sixOptions()}, sixBallots())
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range sixOptions() {
		out, err := project.OutcomeFrom(res, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Advance(ctx, project.ID(o.ID), project.Step{To: project.Voted, Vote: &out}); err != nil {
			t.Fatal(err)
		}
	}
	p1, _ := s.Project(ctx, "p1")
	if p1.Vote.Support != 41 || p1.Vote.Base != 46 || !p1.Vote.Passed || !p1.Vote.Priority || p1.Vote.Threshold != vote.MoreThan(4, 5) {
		t.Errorf("p1 vote %+v", p1.Vote)
	}
	// Budget 1,000,000 yuan: priorities p1 (100k) and p4 (400k) first,
	// then p2 (38 votes, 200k); p3/p5/p6 (37 votes) by lower cost: p3 fits
	// (300k), p5 and p6 do not.
	plan, err := s.DrawPlan(ctx, project.PlanRule{Year: 2026, Budget: d("1000000")}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]project.ID{"p1", "p4", "p2", "p3"}, plan.Selected); diff != "" {
		t.Fatalf("selected (-want +got):\n%s\n%s", diff, plan.Explain())
	}
	if err := s.AdoptPlan(ctx, plan); err != nil {
		t.Fatal(err)
	}
	if err := s.AdoptPlan(ctx, plan); err != nil {
		t.Fatalf("adopting the same plan twice: %v", err)
	}
	other := plan
	other.Selected = nil
	if err := s.AdoptPlan(ctx, other); !errors.Is(err, project.ErrConflict) {
		t.Errorf("a second plan for 2026: %v", err)
	}
	p5, _ := s.Project(ctx, "p5")
	if p5.Status != project.Deferred || p5.Year != 2027 {
		t.Errorf("p5 should roll to 2027: %s %d", p5.Status, p5.Year)
	}
	pool, _ := s.Pool(ctx, 2027)
	if len(pool) != 2 {
		t.Errorf("pool 2027 has %d projects", len(pool))
	}
	p4, _ := s.Project(ctx, "p4")
	if p4.Status != project.Planned || p4.PlanYear != 2026 {
		t.Errorf("p4: %s", p4.Status)
	}

	// Budget: allocate, refuse spending before works start, spend, refuse overspending.
	open := project.Entry{ID: "e1", Kind: project.OpenSource, Source: "district", SourceKind: project.DistrictBudget, Amount: d("1000000")}
	if _, err := s.Record(ctx, open); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Record(ctx, project.Entry{ID: "e2", Kind: project.Allocate, Source: "district", Project: "p4", Amount: d("400000")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Record(ctx, project.Entry{ID: "e3", Kind: project.Allocate, Source: "district", Project: "p5", Amount: d("1")}); !errors.Is(err, project.ErrInvalid) {
		t.Errorf("allocating to a deferred project: %v", err)
	}
	if _, err := s.Record(ctx, project.Entry{ID: "e3", Kind: project.Spend, Source: "district", Project: "p4", Amount: d("1")}); !errors.Is(err, project.ErrInvalid) {
		t.Errorf("spending before the works: %v", err)
	}
	if _, err := s.Advance(ctx, "p4", project.Step{To: project.InProgress}); err != nil {
		t.Fatal(err)
	}
	spend := project.Entry{ID: "e3", Kind: project.Spend, Source: "district", Project: "p4", Amount: d("399999.99")}
	first, err := s.Record(ctx, spend)
	if err != nil {
		t.Fatal(err)
	}
	spend.At = first.At
	if again, err := s.Record(ctx, spend); err != nil || again.Seq != first.Seq {
		t.Errorf("retried entry: %+v %v", again, err)
	}
	if _, err := s.Record(ctx, project.Entry{ID: "e4", Kind: project.Spend, Source: "district", Project: "p4", Amount: d("0.02")}); !errors.Is(err, project.ErrOverBudget) {
		t.Errorf("overspending: %v", err)
	}
	r, err := s.Report(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Total.Spent.Equal(d("399999.99")) || !r.Total.Unallocated.Equal(d("600000")) {
		t.Errorf("report %+v", r.Total)
	}
	rows, err := s.ByGrid(ctx, nil)
	if err != nil || len(rows) != 1 || rows[0].Grid != "shuangjing" {
		t.Errorf("by grid %+v %v", rows, err)
	}

	// Milestones.
	if _, err := s.AddMilestone(ctx, "p4", project.Milestone{Name: "design", Due: t0.AddDate(0, 2, 0)}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ReachMilestone(ctx, "p4", "design", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ReachMilestone(ctx, "p4", "design", time.Time{}); !errors.Is(err, project.ErrInvalid) {
		t.Errorf("reaching twice: %v", err)
	}
	if _, err := s.ReachMilestone(ctx, "p4", "nope", time.Time{}); !errors.Is(err, project.ErrNotFound) {
		t.Errorf("unknown milestone: %v", err)
	}
}

func TestServiceRefusalsChangeNothing(t *testing.T) {
	ctx := context.Background()
	s := newService()
	p, err := s.Propose(ctx, project.Project{ID: "p1", Title: "x", Origin: project.FromTicket, Year: 2026, Cost: d("10")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Propose(ctx, project.Project{ID: "p1", Title: "x", Origin: project.FromTicket, Year: 2026}); !errors.Is(err, project.ErrConflict) {
		t.Errorf("duplicate propose: %v", err)
	}
	if _, err := s.Propose(ctx, project.Project{ID: "p2", Title: "x", Origin: "rumour", Year: 2026}); !errors.Is(err, project.ErrInvalid) {
		t.Errorf("bad origin: %v", err)
	}
	if _, err := s.Advance(ctx, "p1", project.Step{To: project.Closed}); !errors.Is(err, project.ErrIllegalTransition) {
		t.Errorf("illegal step: %v", err)
	}
	if _, err := s.Advance(ctx, "nope", project.Step{To: project.Screened}); !errors.Is(err, project.ErrNotFound) {
		t.Errorf("unknown project: %v", err)
	}
	got, _ := s.Project(ctx, "p1")
	if diff := cmp.Diff(p, got); diff != "" {
		t.Errorf("refusals changed the project (-want +got):\n%s", diff)
	}
	if _, err := s.DrawPlan(ctx, project.PlanRule{Year: 2026, Budget: d("1")}, []project.ManualChoice{{Project: "p1", Include: true, Reason: "x"}}, nil); !errors.Is(err, project.ErrNotFound) {
		t.Errorf("manual choice of a non-pool project: %v", err)
	}
}

// owners builds the owners of one stairwell of a 6-storey walk-up: two
// homes per floor, 80 m² and 60 m².
func owners() ([]vote.Unit, []project.Household) {
	var us []vote.Unit
	var hs []project.Household
	for f := 1; f <= 6; f++ {
		for _, a := range []struct{ n, area string }{{"01", "80"}, {"02", "60"}} {
			id := fmt.Sprintf("%d%s", f, a.n)
			us = append(us, vote.Unit{ID: id, Owner: vote.VoterID("o" + id), RegisteredArea: d(a.area)})
			hs = append(hs, project.Household{ID: project.HouseholdID(id), Floor: f, Area: d(a.area)})
		}
	}
	return us, hs
}

func ownersVote(t *testing.T, no ...string) vote.Result {
	t.Helper()
	units, _ := owners()
	voters, err := vote.CountOwners(units, "developer")
	if err != nil {
		t.Fatal(err)
	}
	var bs []vote.Ballot
	for _, v := range voters {
		if v.ID == "developer" {
			continue
		}
		c := vote.Yes
		for _, n := range no {
			if string(v.ID) == n {
				c = vote.No
			}
		}
		bs = append(bs, vote.Ballot{ID: vote.BallotID("b-" + v.ID), Voter: v.ID, Choice: c})
	}
	res, err := vote.Tally(vote.Poll{ID: "lift-vote", Rule: vote.OwnersSpecial(), Voters: voters}, bs)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestElevatorDecision(t *testing.T) {
	ctx := context.Background()
	s := newService()
	lift := project.Project{ID: "lift-3", Title: "3号楼2单元电梯更新", Grid: "b3", Cost: d("800000"), Origin: project.FromResolution, Year: 2026}
	if _, err := s.Propose(ctx, lift); err != nil {
		t.Fatal(err)
	}
	dec := project.ElevatorDecision{
		Result: ownersVote(t, "o101", "o102"),
		Group:  []string{"王建国", "李秀英", "张伟"},
		Funding: []project.Funding{
			{Kind: project.DistrictBudget, Amount: d("200000"), Note: "subsidy"},
			{Kind: project.MaintenanceFund, Amount: d("0")},
			{Kind: project.OwnerFunds, Amount: d("600000")},
		},
		Sharing:   project.GuangzhouElevator(),
		FiledAt:   t0.AddDate(0, 0, 10),
		FiledWith: project.FiledWithSubdistrict,
		FilingRef: "CY-2026-031",
	}
	p, err := s.DecideElevator(ctx, "lift-3", dec)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Representatives) != 3 || p.Sharing == nil || p.Vote.Support != 10 || p.Vote.Base != 12 || !p.Vote.Passed {
		t.Errorf("decided project %+v %+v", p, p.Vote)
	}
	_, hs := owners()
	bill, err := dec.Bill(hs)
	if err != nil {
		t.Fatal(err)
	}
	if !bill.Total().Equal(d("600000")) {
		t.Errorf("bill total %s", bill.Total())
	}
	if sh, _ := bill.Share("601"); !sh.Amount.Equal(d("100840.34")) {
		t.Errorf("601 pays %s", sh.Amount)
	}

	for name, mutate := range map[string]func(*project.ElevatorDecision){
		"rejected vote":   func(d *project.ElevatorDecision) { d.Result = ownersVote(t, "o101", "o102", "o201", "o202") },
		"two in group":    func(d *project.ElevatorDecision) { d.Group = d.Group[:2] },
		"duplicate name":  func(d *project.ElevatorDecision) { d.Group = []string{"a", "a", "b"} },
		"funding short":   func(d *project.ElevatorDecision) { d.Funding = d.Funding[:2] },
		"not filed":       func(d *project.ElevatorDecision) { d.FilingRef = "" },
		"ordinary matter": func(d *project.ElevatorDecision) { d.Result.Rule = vote.OwnersOrdinary() },
		"bad sharing":     func(d *project.ElevatorDecision) { d.Sharing = project.SharingRule{Method: "floor"} },
	} {
		bad := dec
		bad.Group = append([]string(nil), dec.Group...)
		mutate(&bad)
		if _, err := s.DecideElevator(ctx, "lift-3", bad); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	after, _ := s.Project(ctx, "lift-3")
	if diff := cmp.Diff(p, after, cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })); diff != "" {
		t.Errorf("refused decisions changed the project:\n%s", diff)
	}
}

func TestServiceReviewPlan(t *testing.T) {
	ctx := context.Background()
	s := newService()
	for _, id := range []project.ID{"r1", "r2", "r3"} {
		if _, err := s.Propose(ctx, project.Project{ID: id, Title: "t", Origin: project.FromResolution, Year: 2026}); err != nil {
			t.Fatal(err)
		}
		steps := []project.Step{{To: project.Screened}, {To: project.Planned, Year: 2026, Reason: "plan"}, {To: project.InProgress}, {To: project.Completed},
			{To: project.Accepted, Acceptance: &project.Acceptance{By: []string{"panel"}, Passed: true}}}
		if id == "r3" {
			steps = steps[:4]
		}
		for _, st := range steps {
			if _, err := s.Advance(ctx, id, st); err != nil {
				t.Fatal(err)
			}
		}
	}
	poll := func(ids ...vote.OptionID) vote.Result {
		var opts []vote.Option
		for _, id := range ids {
			opts = append(opts, vote.Option{ID: id})
		}
		var bs []vote.Ballot
		for i := range 5 {
			b := vote.Ballot{ID: vote.BallotID(fmt.Sprint("b", i))}
			for j, id := range ids {
				level := "satisfied"
				if (i+j)%3 == 0 {
					level = "dissatisfied"
				}
				b.Marks = append(b.Marks, vote.Mark{Option: id, Level: level})
			}
			bs = append(bs, b)
		}
		res, err := vote.Tally(vote.Poll{ID: "sat", Rule: vote.SatisfactionSurvey(), Options: opts}, bs)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	if _, err := s.ReviewPlan(ctx, 2026, poll("r1", "r3"), project.SatisfactionThreshold()); !errors.Is(err, project.ErrInvalid) {
		t.Errorf("reviewing a project that is not accepted: %v", err)
	}
	if p, _ := s.Project(ctx, "r1"); p.Status != project.Accepted {
		t.Errorf("a refused review changed r1: %s", p.Status)
	}
	if _, err := s.ReviewPlan(ctx, 2025, poll("r1"), project.SatisfactionThreshold()); !errors.Is(err, project.ErrInvalid) {
		t.Errorf("wrong plan year: %v", err)
	}
	revs, err := s.ReviewPlan(ctx, 2026, poll("r1", "r2"), project.SatisfactionThreshold())
	if err != nil {
		t.Fatal(err)
	}
	// r1: ballots 0 and 3 dissatisfied (3 of 5 satisfied); r2: ballots 2 (i+1=3) dissatisfied (4 of 5).
	if len(revs) != 2 || revs[0].Satisfied != 3 || revs[1].Satisfied != 4 || revs[0].Base != 5 || !revs[0].Passed {
		t.Errorf("reviews %+v", revs)
	}
	if p, _ := s.Project(ctx, "r2"); p.Status != project.Reviewed || p.Review == nil || p.Review.Satisfied != 4 {
		t.Errorf("r2 %+v", p)
	}
	// Calling again (a retry after a stop midway, here after r1 moved on)
	// returns the stored reviews and writes nothing.
	if _, err := s.Advance(ctx, "r1", project.Step{To: project.Closed}); err != nil {
		t.Fatal(err)
	}
	before, _ := s.Project(ctx, "r2")
	again, err := s.ReviewPlan(ctx, 2026, poll("r1", "r2"), project.SatisfactionThreshold())
	if err != nil || !slices.Equal(again, revs) {
		t.Errorf("ReviewPlan again = %+v, %v; want the stored %+v", again, err, revs)
	}
	if after, _ := s.Project(ctx, "r2"); after.Version != before.Version {
		t.Errorf("ReviewPlan again wrote r2 (version %d -> %d)", before.Version, after.Version)
	}
	// Another vote on a reviewed project is refused, and changes nothing.
	if _, err := s.ReviewPlan(ctx, 2026, poll("r2"), vote.AtLeast(99, 100)); !errors.Is(err, project.ErrInvalid) {
		t.Errorf("a second, different review: %v", err)
	}
	if after, _ := s.Project(ctx, "r2"); after.Version != before.Version {
		t.Errorf("a refused review wrote r2")
	}
}
