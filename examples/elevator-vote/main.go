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

	"github.com/gongzhi/gongzhi/vote"
)

func main() {
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
	fmt.Print(tally(owners, choices).Explain())

	fmt.Println()
	fmt.Println("== Had the owner of 201 abstained ==")
	choices["chen"] = vote.Abstain
	res := tally(owners, choices)
	fmt.Print(res.Explain())
	for _, c := range res.Checks {
		if !c.Met {
			fmt.Printf("Falls short: %s needs %s of %s, has %s\n", c.Name, c.Ratio, c.Base, c.Count)
		}
	}
}

// tally runs the vote through a ballot box and returns the result.
func tally(owners []vote.Voter, choices map[vote.VoterID]vote.Choice) vote.Result {
	ctx := context.Background()
	svc := vote.NewService(vote.NewMemStore(), nil)
	p := vote.Poll{ID: "lift-unit-3", Title: "retrofit a lift in unit 3, building 12", Rule: vote.OwnersSpecial(), Voters: owners}
	if _, err := svc.Create(ctx, p); err != nil {
		log.Fatal(err)
	}
	if _, err := svc.Open(ctx, p.ID); err != nil {
		log.Fatal(err)
	}
	for _, o := range owners {
		if c, ok := choices[o.ID]; ok {
			if _, err := svc.Cast(ctx, p.ID, o.ID, vote.Ballot{Choice: c}); err != nil {
				log.Fatal(err)
			}
		}
	}
	if _, err := svc.Close(ctx, p.ID); err != nil {
		log.Fatal(err)
	}
	res, err := svc.Tally(ctx, p.ID)
	if err != nil {
		log.Fatal(err)
	}
	return res
}
