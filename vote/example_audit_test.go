package vote_test

import (
	"fmt"

	"github.com/gongzhi/gongzhi/vote"
)

func ExampleDigest() {
	published := []vote.Ballot{
		{ID: "4f1c", Marks: []vote.Mark{{Option: "p1"}, {Option: "p4"}}},
		{ID: "9a07", Marks: []vote.Mark{{Option: "p2"}}},
	}
	poll := vote.Poll{ID: "2024-projects", Voters: []vote.Voter{{ID: "rep-01"}, {ID: "rep-02"}}}
	d1, n, _ := vote.Digest(poll, vote.FromSlice(published))
	// Altering one mark changes the digest.
	published[1].Marks[0].Option = "p3"
	d2, _, _ := vote.Digest(poll, vote.FromSlice(published))
	// So does a voter added to the roll after the fact.
	poll.Voters = append(poll.Voters, vote.Voter{ID: "rep-03"})
	d3, _, _ := vote.Digest(poll, vote.FromSlice(published))
	fmt.Println(n, "ballots; digest changed:", d1 != d2, d2 != d3)
	// Output: 2 ballots; digest changed: true true
}

func ExampleRunoffPoll() {
	poll := vote.Poll{ID: "rc", Title: "residents' committee", Rule: vote.CommitteeElection(2), Voters: voters(10),
		Options: []vote.Option{{ID: "a", Name: "An"}, {ID: "b", Name: "Bai"}, {ID: "c", Name: "Cao"}, {ID: "d", Name: "Du"}}}
	res, _ := vote.Tally(poll, concat(repeat(5, marks("a", "b")), repeat(4, marks("a", "c")), repeat(1, marks("d"))))
	second, _ := vote.RunoffPoll(poll, res, "rc-runoff")
	fmt.Println("elected:", res.Selected)
	fmt.Println(second.Title+":", second.Options, "for", second.Rule.Seats, "seat, winner needs", second.Rule.Threshold)
	// Output:
	// elected: [a]
	// residents' committee (runoff): [{b Bai} {c Cao}] for 1 seat, winner needs >= 1/3 of cast
}
