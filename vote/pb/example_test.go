package pb_test

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/gongzhi/gongzhi/vote/pb"
)

func smallBudget() pb.Instance {
	return pb.Instance{
		Budget:   decimal.NewFromInt(100),
		VoteType: pb.Approval,
		Projects: []pb.Project{
			{ID: "playground", Cost: decimal.NewFromInt(60)},
			{ID: "benches", Cost: decimal.NewFromInt(30)},
			{ID: "library", Cost: decimal.NewFromInt(50)},
		},
		Ballots: []pb.Ballot{
			{Voter: "1", Projects: []int{0, 1}},
			{Voter: "2", Projects: []int{0, 1}},
			{Voter: "3", Projects: []int{0}},
			{Voter: "4", Projects: []int{2}},
		},
	}
}

// Greedy funds the most-voted projects that fit.
func ExampleTally_greedy() {
	res, _ := pb.Tally(pb.GreedyByVotes(), smallBudget())
	fmt.Println(res.Winners, res.Cost)
	// Output: [playground benches] 90
}

// The Method of Equal Shares gives each of the four voters 25. The three
// playground supporters pay 20 each (a price of 1/3 per unit of utility);
// the two bench supporters then have 5 each, too little for the benches, and
// the library's lone supporter cannot pay 50 alone.
func ExampleTally_equalShares() {
	res, _ := pb.Tally(pb.Rule{Method: pb.EqualShares}, smallBudget())
	for _, rd := range res.Rounds {
		fmt.Println(rd.Project, "price", rd.Rho, "payments", rd.Payments)
	}
	fmt.Println(res.Winners)
	// Output:
	// playground price 1/3 payments [{3 20 5}]
	// [playground]
}

// Explain shows each purchase, who paid what, and the money left.
func ExampleResult_Explain() {
	res, _ := pb.Tally(pb.EqualSharesPlain(), smallBudget())
	fmt.Print(res.Explain())
	// Output:
	// Method: mes, budget 100, 4 voters
	// Share per voter: 25
	// Selected (1): playground
	// Cost: 60, left: 40
	//
	// Round  Project     Phase  Votes/score  Cost  Selected  Left  Reason
	// 1      playground  mes    3            60    yes       40    lowest price per unit of utility (0.333333); 3 supporters share the cost
	// Round 1 (playground) payments: 3 voter(s) paid 20 each, 5 left;
	// Money left with the voters: 3 voter(s) 5 each; 1 voter(s) 25 each;
}
