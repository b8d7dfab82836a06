package project_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/vote"
	"github.com/gongzhi/gongzhi/vote/pb"
	"github.com/shopspring/decimal"
)

func ExampleAdvance() {
	at := time.Date(2027, 5, 1, 9, 0, 0, 0, time.UTC)
	p := project.Project{ID: "shed", Title: "e-bike charging shed", Origin: project.FromResolution, Year: 2027,
		Cost: decimal.RequireFromString("85000"), Status: project.Completed}
	// A failed acceptance sends the works back for rectification.
	p, err := project.Advance(p, project.Step{To: project.InProgress, At: at, Acceptance: &project.Acceptance{
		By: []string{"fire brigade"}, Findings: []string{"no smoke detector"}}})
	fmt.Println(p.Status, err)
	// Skipping steps is refused and changes nothing.
	_, err = project.Advance(p, project.Step{To: project.Closed, At: at})
	fmt.Println(errors.Is(err, project.ErrIllegalTransition), err)
	// Output:
	// in_progress <nil>
	// true project: shed: cannot go from in_progress to closed: not a lifecycle step
}

func ExampleRoll() {
	at := time.Date(2027, 12, 20, 0, 0, 0, 0, time.UTC)
	p := project.Project{ID: "lights", Title: "path lights", Origin: project.FromTicket, Year: 2027, Status: project.Voted}
	p, _ = project.Roll(p, 2028, at, "")
	fmt.Println(p.Status, p.Year, p.History[0].Reason)
	// Output: deferred 2028 not chosen; rolled to 2028
}

func ExampleOutcomeFrom() {
	options := []vote.Option{{ID: "p1"}, {ID: "p2"}, {ID: "p3"}}
	var ballots []vote.Ballot
	for i := range 10 {
		b := vote.Ballot{ID: vote.BallotID(fmt.Sprint("b", i)), Marks: []vote.Mark{{Option: "p1"}}}
		if i < 9 {
			b.Marks = append(b.Marks, vote.Mark{Option: "p2"})
		} else {
			b.Marks = append(b.Marks, vote.Mark{Option: "p3"})
		}
		ballots = append(ballots, b)
	}
	rule := vote.LimitedApproval(2, vote.Of(vote.MoreThan(4, 5), vote.BaseCast), 1)
	res, _ := vote.Tally(vote.Poll{ID: "poll", Rule: rule, Options: options}, ballots)
	for _, o := range options {
		out, _ := project.OutcomeFrom(res, o.ID)
		fmt.Printf("%s %d/%d passed=%v priority=%v\n", o.ID, out.Support, out.Base, out.Passed, out.Priority)
	}
	// Output:
	// p1 10/10 passed=true priority=true
	// p2 9/10 passed=true priority=false
	// p3 1/10 passed=false priority=false
}

func ExampleChooseByPB() {
	cands := []project.Candidate{
		{Project: "bench", Cost: decimal.RequireFromString("100")},
		{Project: "lights", Cost: decimal.RequireFromString("200")},
		{Project: "mural", Cost: decimal.RequireFromString("150")},
	}
	ballots := []project.PBBallot{
		{Voter: "v1", Projects: []project.ID{"lights", "bench"}},
		{Voter: "v2", Projects: []project.ID{"lights"}},
		{Voter: "v3", Projects: []project.ID{"mural", "bench"}},
	}
	plan, res, err := project.ChooseByPB(project.PlanRule{Year: 2027, Budget: decimal.RequireFromString("300")}, cands, pb.GreedyByVotes(), pb.Approval, ballots, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("pb winners:", res.Winners)
	fmt.Print(plan.Explain())
	// Output:
	// pb winners: [bench lights]
	// plan 2027: 2 projects, 300.00 of 300.00 yuan (0.00 left)
	//   in  bench              100.00  ranked by the rule's ranking
	//   in  lights             200.00  ranked by the rule's ranking
	//   out mural              150.00  not in the ranking
}

func ExampleReadHouseholds() {
	csv := "id,floor,area,exempt\n5-101,1,58.20,\n5-201,2,58.20,\n5-202,2,71.05,低保\n"
	hs, err := project.ReadHouseholds(strings.NewReader(csv))
	if err != nil {
		fmt.Println(err)
		return
	}
	s, _ := project.Split(project.AreaSplit(), decimal.RequireFromString("5000"), hs)
	for _, sh := range s.Shares {
		fmt.Println(sh.Household, sh.Amount.StringFixed(2), sh.Exempt != "")
	}
	// Output:
	// 5-101 2500.00 false
	// 5-201 2500.00 false
	// 5-202 0.00 true
}
