package vote_test

import (
	"context"
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/gongzhi/gongzhi/vote"
)

func ExampleParseRule() {
	r, err := vote.ParseRule([]byte(`{
		"method": "approval",
		"votes": 5,
		"threshold": {"num": 4, "den": 5, "inclusive": false, "base": "cast"},
		"select": 2,
		"tie": {"method": "lot", "seed": 20240315}
	}`))
	fmt.Println(r.Method, r.Votes, r.Threshold, r.Select, r.Tie.Method, err)
	_, err = vote.ParseRule([]byte(`{"method":"approval","threshold":{"num":5,"den":4}}`))
	fmt.Println(err)
	// Output:
	// approval 5 > 4/5 of cast 2 lot <nil>
	// vote: invalid rule config: threshold.num: 5/4 is more than 1
}

func ExampleResult_Explain() {
	poll := vote.Poll{ID: "2024-projects", Rule: vote.ProjectPriorities(), Options: sixProjects()}
	res, _ := vote.Tally(poll, sixProjects46Reps())
	fmt.Print(res.Explain())
	// Output:
	// Poll 2024-projects: project support and priorities
	// Source: Shuangjing subdistrict (Chaoyang) annual co-governance meeting report, 2021-12-30
	// Ballots: 46 cast, 46 valid, 0 invalid; 0 eligible
	//   p1               41  selected
	//   p2               38  passed
	//   p3               37  passed
	//   p4               40  selected
	//   p5               37  passed
	//   p6               37  passed
	// Check support p1: 41 of 46 (cast) 89.13% > 4/5: met
	// Check support p2: 38 of 46 (cast) 82.61% > 4/5: met
	// Check support p3: 37 of 46 (cast) 80.43% > 4/5: met
	// Check support p4: 40 of 46 (cast) 86.96% > 4/5: met
	// Check support p5: 37 of 46 (cast) 80.43% > 4/5: met
	// Check support p6: 37 of 46 (cast) 80.43% > 4/5: met
	// Outcome: passed [p1 p4 p2 p3 p5 p6]; selected [p1 p4]
}

func ExampleSatisfactionSurvey() {
	poll := vote.Poll{ID: "review", Rule: vote.SatisfactionSurvey(), Options: []vote.Option{{ID: "lights"}, {ID: "benches"}}}
	answer := func(lights, benches string) vote.Ballot {
		return vote.Ballot{Marks: []vote.Mark{{Option: "lights", Level: lights}, {Option: "benches", Level: benches}}}
	}
	res, _ := vote.Tally(poll, []vote.Ballot{
		answer("satisfied", "satisfied"),
		answer("satisfied", "basically-satisfied"),
		answer("basically-satisfied", "dissatisfied"),
		answer("dissatisfied", "satisfied"),
	})
	for _, o := range res.Options {
		fmt.Println(o.Option, o.Levels, "satisfied:", o.Satisfied, "of", o.Votes)
	}
	fmt.Println("all answers by level:", res.Levels)
	// Output:
	// lights [2 1 1] satisfied: 3 of 4
	// benches [2 1 1] satisfied: 3 of 4
	// all answers by level: [4 2 2]
}

func ExampleCountOwners() {
	m2 := decimal.RequireFromString
	units := []vote.Unit{
		{ID: "1-101", Owner: "wang", RegisteredArea: m2("89.50")},
		{ID: "1-102", Owner: "wang", RegisteredArea: m2("60.20")},        // one buyer, two units: one head
		{ID: "1-201", Owner: "li", SurveyedArea: m2("89.47")},            // not registered: surveyed area
		{ID: "1-202", ContractArea: m2("61.00")},                         // unsold
		{ID: "1-301", SurveyedArea: m2("88.90"), ContractArea: m2("90")}, // unsold
	}
	voters, _ := vote.CountOwners(units, "developer")
	for _, v := range voters {
		fmt.Println(v.ID, v.Weight)
	}
	// Output:
	// developer 149.9
	// li 89.47
	// wang 149.7
}

func ExampleOwnersSpecial() {
	voters := []vote.Voter{
		{ID: "101", Weight: decimal.RequireFromString("60.5")},
		{ID: "102", Weight: decimal.RequireFromString("60.5")},
		{ID: "201", Weight: decimal.RequireFromString("88.0")},
		{ID: "202", Weight: decimal.RequireFromString("88.0")},
		{ID: "301", Weight: decimal.RequireFromString("120.0")},
		{ID: "302", Weight: decimal.RequireFromString("75.0")},
	}
	ballots := []vote.Ballot{
		{Voter: "201", Choice: vote.Yes}, {Voter: "202", Choice: vote.Yes},
		{Voter: "301", Choice: vote.Yes}, {Voter: "302", Choice: vote.Yes},
		{Voter: "101", Choice: vote.No},
	}
	res, _ := vote.Tally(vote.Poll{ID: "lift", Rule: vote.OwnersSpecial(), Voters: voters}, ballots)
	for _, c := range res.Checks {
		fmt.Printf("%-20s %s of %s %s: %v\n", c.Name, c.Count, c.Base, c.Ratio, c.Met)
	}
	fmt.Println("adopted:", res.Adopted)
	// Output:
	// participation area   431.5 of 492 >= 2/3: true
	// participation owners 5 of 6 >= 2/3: true
	// approval area        371 of 431.5 >= 3/4: true
	// approval owners      4 of 5 >= 3/4: true
	// adopted: true
}

func ExampleCommitteeElection() {
	rule := vote.CommitteeElection(3)
	poll := vote.Poll{ID: "rc-2026", Rule: rule, Voters: voters(30),
		Options: []vote.Option{{ID: "zhang"}, {ID: "wang"}, {ID: "li"}, {ID: "zhao"}, {ID: "sun"}}}
	ballots := concat(
		repeat(9, marks("zhang", "wang", "li")),
		repeat(6, marks("zhang", "zhao", "sun")),
		repeat(2, marks("wang", "sun")),
		repeat(1, marks("zhang", "wang", "li", "zhao")), // names 4 for 3 seats: invalid
	)
	res, _ := vote.Tally(poll, ballots)
	fmt.Println("cast", res.Cast, "invalid", res.Invalid)
	fmt.Println("elected", res.Selected)
	fmt.Println("runoff for", res.Runoff.Seats, "seat among", res.Runoff.Candidates, "needing", res.Runoff.Rule.Threshold)
	// Output:
	// cast 18 invalid 1
	// elected [zhang wang]
	// runoff for 1 seat among [li sun] needing >= 1/3 of cast
}

func ExampleBeijingResidentsElection() {
	// Beijing's residents' committees may list as many candidates as
	// seats (等额); normally one or two more; not three more.
	for _, n := range []int{5, 7, 8} {
		var cands []vote.Option
		for i := range n {
			cands = append(cands, vote.Option{ID: vote.OptionID(fmt.Sprintf("c%d", i+1))})
		}
		poll := vote.Poll{ID: "rc", Rule: vote.BeijingResidentsElection(5), Options: cands, Voters: voters(30)}
		fmt.Println(n, "candidates for 5 seats:", poll.Validate() == nil)
	}
	// Output:
	// 5 candidates for 5 seats: true
	// 7 candidates for 5 seats: true
	// 8 candidates for 5 seats: false
}

func ExampleRecall() {
	poll := vote.Poll{ID: "recall", Rule: vote.Recall(), Voters: voters(9)}
	var ballots []vote.Ballot
	for i, c := range []vote.Choice{vote.Yes, vote.Yes, vote.Yes, vote.No, vote.Abstain} {
		ballots = append(ballots, vote.Ballot{Voter: voters(9)[i].ID, Choice: c})
	}
	res, _ := vote.Tally(poll, ballots)
	for _, c := range res.Checks {
		fmt.Println(c.Name, c.Count, "of", c.Base, c.Ratio, c.Met)
	}
	fmt.Println("adopted:", res.Adopted)
	// Output:
	// quorum 5 of 9 > 1/2 true
	// approval 3 of 5 > 1/2 true
	// adopted: true
}

func ExampleTieBreak_Break() {
	lot := vote.TieBreak{Method: vote.TieLot, Seed: 42}
	tie := lot.Break("select", 12, []vote.OptionID{"north-gate", "east-garden", "bike-shed"}, 1)
	fmt.Println(tie.Among, "->", tie.Chosen, "seed", tie.Seed)
	order := vote.TieBreak{Method: vote.TieOrder, Order: []vote.OptionID{"bike-shed", "north-gate", "east-garden"}}
	fmt.Println(order.Break("select", 12, []vote.OptionID{"north-gate", "east-garden"}, 1).Chosen)
	// Output:
	// [bike-shed east-garden north-gate] -> [north-gate] seed 42
	// [north-gate]
}

func ExampleService() {
	ctx := context.Background()
	svc := vote.NewService(vote.NewMemStore(), nil)
	reps := []vote.Voter{{ID: "rep-1"}, {ID: "rep-2"}, {ID: "rep-3"}}
	svc.Create(ctx, vote.Poll{ID: "shed", Title: "build a charging shed", Rule: vote.ResidentsMeeting(), Voters: reps})
	svc.Open(ctx, "shed")
	r, _ := svc.Cast(ctx, "shed", "rep-1", vote.Ballot{Choice: vote.Yes})
	again, _ := svc.Cast(ctx, "shed", "rep-1", vote.Ballot{Choice: vote.Yes})
	fmt.Println("retry gives the same receipt:", r == again)
	_, err := svc.Cast(ctx, "shed", "rep-1", vote.Ballot{Choice: vote.No})
	fmt.Println(err)
	svc.Cast(ctx, "shed", "rep-2", vote.Ballot{Choice: vote.Yes})
	p, _ := svc.Close(ctx, "shed")
	res, _ := svc.Tally(ctx, "shed")
	fmt.Println(p.Count, "ballots; adopted:", res.Adopted, "; digest matches:", res.Digest == p.Digest)
	fmt.Println("receipt verifies:", svc.Verify(ctx, r) == nil)
	// Output:
	// retry gives the same receipt: true
	// vote: voter already voted
	// 2 ballots; adopted: true ; digest matches: true
	// receipt verifies: true
}
