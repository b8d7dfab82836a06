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
