package vote_test

import (
	"fmt"

	"github.com/gongzhi/gongzhi/vote"
)

// sixProjects are the six proposed projects of the Shuangjing 2021 meeting.
func sixProjects() []vote.Option {
	return []vote.Option{
		{ID: "p1", Name: "deepening the 1-3 community"},
		{ID: "p2", Name: "removing safety hazards in old buildings"},
		{ID: "p3", Name: "regional elderly-care alliance"},
		{ID: "p4", Name: "micro-renewal of community landscapes"},
		{ID: "p5", Name: "renewal around the cultural-creative park"},
		{ID: "p6", Name: "digital-economy art-district landscape"},
	}
}

// sixProjects46Reps builds 46 ballots consistent with the report: each
// representative spends all 5 votes, so each leaves out one project.
func sixProjects46Reps() []vote.Ballot {
	leaveOut := []struct {
		option vote.OptionID
		n      int
	}{{"p1", 5}, {"p4", 6}, {"p2", 8}, {"p3", 9}, {"p5", 9}, {"p6", 9}}
	var ballots []vote.Ballot
	for _, lo := range leaveOut {
		for range lo.n {
			b := vote.Ballot{ID: vote.BallotID(fmt.Sprintf("b%02d", len(ballots)+1))}
			for _, o := range sixProjects() {
				if o.ID != lo.option {
					b.Marks = append(b.Marks, vote.Mark{Option: o.ID})
				}
			}
			ballots = append(ballots, b)
		}
	}
	return ballots
}

func ExampleTally() {
	poll := vote.Poll{ID: "2024-projects", Rule: vote.ProjectPriorities(), Options: sixProjects()}
	res, err := vote.Tally(poll, sixProjects46Reps())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, o := range res.Options {
		fmt.Println(o.Option, o.Votes, o.Passed)
	}
	fmt.Println("priorities:", res.Selected)
	// Output:
	// p1 41 true
	// p2 38 true
	// p3 37 true
	// p4 40 true
	// p5 37 true
	// p6 37 true
	// priorities: [p1 p4]
}
