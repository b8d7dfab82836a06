package gongzhi_test

import (
	"fmt"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/vote"
)

// Example walks one matter through three packages: the grid says where it
// happens, the calendar says when the answer is due, and a vote of the
// residents' representatives decides what is done.
func Example() {
	// Where: a building in a community of Dongcheng district.
	tree, _ := grid.NewTree(grid.DefaultHierarchy())
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	err := tree.Apply(grid.Batch{ID: "init", At: at, Changes: []grid.Change{
		grid.Create("dc", "", grid.LevelDistrict, "110101", "东城区"),
		grid.Create("dhm", "dc", grid.LevelSubdistrict, "110101001", "东华门街道"),
		grid.Create("c1", "dhm", grid.LevelCommunity, "110101001001", "社区甲"),
		grid.Create("g1", "c1", grid.LevelGrid, "110101001001001", "甲一网格"),
		grid.Create("b1", "g1", grid.LevelBuilding, "1101010010010010001", "1号楼"),
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	community, _ := tree.At(at.AddDate(0, 6, 0)).AncestorAt("b1", grid.LevelCommunity)
	fmt.Println("building b1 belongs to community", community)

	// When: a complaint received the evening before the 2025 National Day
	// holiday, with 5 working days to answer.
	cal := calendar.China()
	received := time.Date(2025, 9, 30, 20, 30, 0, 0, cal.Location())
	due, _ := cal.AddWorkingDays(received, 5)
	fmt.Println("answer due", due.Format("2006-01-02 15:04"))

	// What: 5 representatives approve at most 2 of 3 projects; a project
	// passes with more than 4/5 of the ballots cast, and the most voted
	// one becomes the priority.
	rule := vote.LimitedApproval(2, vote.Of(vote.MoreThan(4, 5), vote.BaseCast), 1)
	poll := vote.Poll{ID: "2025-projects", Rule: rule, Options: []vote.Option{
		{ID: "shed", Name: "e-bike charging shed"}, {ID: "lift", Name: "elevator"}, {ID: "trees", Name: "greening"},
	}}
	var ballots []vote.Ballot
	for i, picks := range [][]vote.OptionID{
		{"shed", "lift"}, {"shed", "lift"}, {"shed", "lift"}, {"shed", "lift"}, {"shed", "trees"},
	} {
		b := vote.Ballot{ID: vote.BallotID(fmt.Sprintf("b%d", i+1))}
		for _, o := range picks {
			b.Marks = append(b.Marks, vote.Mark{Option: o})
		}
		ballots = append(ballots, b)
	}
	res, err := vote.Tally(poll, ballots)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, o := range res.Options {
		fmt.Println(o.Option, o.Votes, "passed:", o.Passed)
	}
	fmt.Println("priority:", res.Selected)
	// Output:
	// building b1 belongs to community c1
	// answer due 2025-10-14 17:30
	// shed 5 passed: true
	// lift 4 passed: false
	// trees 1 passed: false
	// priority: [shed]
}
