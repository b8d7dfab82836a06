// Command elevator-vote runs an owners' vote on retrofitting a lift in one
// stairwell (单元) of a six-storey walk-up built in the 1990s: twelve flats,
// two per floor. Retrofitting a lift rebuilds common parts, so it is a
// special matter of Civil Code art. 278 (items 7-8): owners with at least
// 2/3 of the exclusive area and 2/3 of the headcount must take part, and at
// least 3/4 of the participating area and of the participating owners must
// agree.
//
// Owners are counted by the Supreme People's Court rules: registered area
// first (one flat has only a surveyed area), one head per flat, but the
// buyer of two flats counts once and the unsold flat counts for the
// developer. Areas and names are illustrative.
package main

import (
	"context"
	"fmt"
	"log"

	"github.com/shopspring/decimal"

	"github.com/gongzhi/gongzhi/examples/internal/storage"
	"github.com/gongzhi/gongzhi/vote"
)

func main() {
	stores := storage.Open(context.Background()) // -db FILE.sqlite keeps the ballot boxes in a file
	defer stores.Close()
	svc := vote.NewService(stores.Vote(), nil)
	m2 := decimal.RequireFromString
	units := []vote.Unit{
		{ID: "101", Owner: "wang", RegisteredArea: m2("58.62")},
		{ID: "102", Owner: "liu", RegisteredArea: m2("74.15")},
		{ID: "201", Owner: "chen", RegisteredArea: m2("58.62")},
		{ID: "202", Owner: "yang", RegisteredArea: m2("74.15")},
		{ID: "301", Owner: "zhou", RegisteredArea: m2("58.62")},
		{ID: "302", Owner: "wu", SurveyedArea: m2("74.08")}, // never registered
		{ID: "401", Owner: "xu", RegisteredArea: m2("58.62")},
		{ID: "402", Owner: "sun", RegisteredArea: m2("74.15")},
		{ID: "501", Owner: "zhao", RegisteredArea: m2("58.62")},
		{ID: "502", Owner: "zhao", RegisteredArea: m2("74.15")}, // one buyer, two flats
		{ID: "601", RegisteredArea: m2("58.62")},                // unsold: the developer's
		{ID: "602", Owner: "ma", RegisteredArea: m2("74.15")},
	}
	owners, err := vote.CountOwners(units, "developer")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d flats, %d owners by headcount:\n", len(units), len(owners))
	for _, o := range owners {
		fmt.Printf("  %-10s %7s m²\n", o.ID, o.Weight.StringFixed(2))
	}

	choices := map[vote.VoterID]vote.Choice{
		"wang": vote.No, "liu": vote.Abstain, // the ground floor gains little
		"chen": vote.Yes, "yang": vote.Yes, "zhou": vote.Yes, "wu": vote.Yes,
		"xu": vote.Yes, "sun": vote.Yes, "zhao": vote.Yes, "ma": vote.Yes,
		// the developer does not take part
	}
	fmt.Println()
	fmt.Println("== The vote ==")
	fmt.Print(tally(stores, svc, "lift-unit-3", owners, choices).Explain())

	fmt.Println()
	fmt.Println("== Had the owner of 201 abstained ==")
	choices["chen"] = vote.Abstain
	res := tally(stores, svc, "lift-unit-3-what-if", owners, choices)
	fmt.Print(res.Explain())
	for _, c := range res.Checks {
		if !c.Met {
			fmt.Printf("Falls short: %s needs %s of %s, has %s\n", c.Name, c.Ratio, c.Base, c.Count)
		}
	}
	stores.PrintReadBack()
}

// tally runs the vote through the ballot box id and returns the result.
// With -db FILE the box is kept in the file: a later run finds it there,
// finishes whatever an interrupted run left undone, and reads the result
// back after auditing it (storage.Stores.RunPoll).
func tally(stores *storage.Stores, svc *vote.Service, id vote.PollID, owners []vote.Voter, choices map[vote.VoterID]vote.Choice) vote.Result {
	ballots := map[vote.VoterID]vote.Ballot{}
	for v, c := range choices {
		ballots[v] = vote.Ballot{Choice: c}
	}
	res, err := stores.RunPoll(context.Background(), svc, vote.Poll{ID: id, Title: "retrofit a lift in unit 3, building 12",
		Rule: vote.OwnersSpecial(), Voters: owners}, ballots)
	if err != nil {
		log.Fatal(err)
	}
	return res
}
