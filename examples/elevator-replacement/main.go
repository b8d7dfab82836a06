// Command elevator-replacement replays the lift replacement of 怡海花园社区
// (新村街道, Fengtai district, Beijing) as the community's report tells it:
// the lifts of three buildings are worn out; a joint meeting (联席会) of the
// owners' committee, the property company and resident representatives
// sets up a working group (工作专班); each building is represented by a
// 3-person owner group; the funding method and per-floor cost sharing are
// adopted by the owners and filed with the owners' committee
// (报业委会审核备案); the works are carried out, fail a first acceptance,
// are rectified and accepted; and every household gets its bill, exact to
// the fen.
//
// The decision is classified by the matter of Civil Code art. 278 it is: a
// replacement paid from the maintenance fund alone would be item 5 (an
// ordinary majority); here the owners also pay a contribution, which
// raises funds (item 6, three quarters).
//
// The report gives the community, the three buildings, the joint meeting,
// the working group, the 3-person owner groups and the filing with the
// owners' committee. It gives no amounts, areas, votes, names or dates for
// one stairwell: those are illustrative and printed as such. The floor
// coefficients are the illustrative Guangzhou preset
// (project.GuangzhouElevator), not Beijing's official ranges, which could
// not be read (see rules-cn.md §2).
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/gongzhi/gongzhi/examples/internal/storage"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/vote"
	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func main() {
	stores := storage.Open(context.Background()) // -db FILE.sqlite keeps the records in a file
	defer stores.Close()
	if err := run(stores); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

// stairwell is building 3, unit 2: six floors, three homes per floor.
func stairwell() ([]vote.Unit, []project.Household) {
	areas := []string{"86.40", "62.15", "74.80"}
	var units []vote.Unit
	var hs []project.Household
	for f := 1; f <= 6; f++ {
		for i, a := range areas {
			id := fmt.Sprintf("3-2-%d0%d", f, i+1)
			owner := vote.VoterID("owner-" + id)
			if id == "3-2-602" {
				owner = "owner-3-2-601" // one buyer of two flats counts once (SPC art. 9)
			}
			units = append(units, vote.Unit{ID: id, Owner: owner, RegisteredArea: d(a)})
			hs = append(hs, project.Household{ID: project.HouseholdID(id), Floor: f, Area: d(a)})
		}
	}
	// A 低保 family on the fifth floor is exempted by agreement.
	hs[12].Exempt = "minimum-living-allowance household, agreed at the meeting"
	return units, hs
}

func run(stores *storage.Stores) error {
	ctx := context.Background()
	now := time.Date(2026, 4, 7, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { now = now.Add(time.Hour); return now }
	// The owners' votes are counted here (vote.Tally) but their polls are
	// not stored: the projects cite polls kept elsewhere.
	svc := project.NewService(stores.ProjectWith(storage.Elsewhere{Polls: true}), &project.Options{Now: clock})

	fmt.Println("== 怡海花园社区 (新村街道, Fengtai): lift replacement in 3 buildings")
	fmt.Println("  joint meeting (联席会): owners' committee, property company, resident representatives")
	fmt.Println("  working group (工作专班) set up; each building represented by a 3-person owner group")
	fmt.Println("  one stairwell follows: building 3, unit 2 (areas, votes, names, amounts and dates illustrative)")
	lift := project.Project{
		ID: "lift-3-2", Title: "3号楼2单元电梯更新 (replace the lift of building 3, unit 2)", Grid: "bldg-3",
		Category: "elevator", Cost: d("960000.00"), Origin: project.FromResolution, Ref: "joint meeting 2026-04 (illustrative)",
		Proposer: "owners' committee", Year: 2026,
		Evidence: []string{"joint meeting (联席会): owners' committee, property company, resident representatives", "working group (工作专班)"},
	}
	w, err := start(ctx, stores, svc, clock, lift)
	if err != nil {
		return err
	}
	if err := w.advance(project.Step{To: project.Screened, By: "housing office", Reason: "lift past service life; structure suitable"}); err != nil {
		return err
	}

	// The owners vote by the special double majority (art. 278 items 7-8).
	units, hs := stairwell()
	voters, err := vote.CountOwners(units, "developer")
	if err != nil {
		return err
	}
	var ballots []vote.Ballot
	for _, v := range voters {
		choice := vote.Yes
		switch v.ID {
		case "owner-3-2-101", "owner-3-2-102":
			choice = vote.No // ground floor: no benefit
		case "owner-3-2-103", "developer":
			continue // did not vote
		}
		ballots = append(ballots, vote.Ballot{ID: vote.BallotID("b-" + v.ID), Voter: v.ID, Choice: choice})
	}
	res, err := vote.Tally(vote.Poll{ID: "owners-lift-3-2", Rule: vote.OwnersSpecial(), Voters: voters}, ballots)
	if err != nil {
		return err
	}
	fmt.Println("== owners' vote (Civil Code art. 278; ballots illustrative)")
	for _, ch := range res.Checks {
		fmt.Printf("  %-22s %s of %s %s: %v\n", ch.Name, ch.Count, ch.Base, ch.Ratio, ch.Met)
	}
	fmt.Println("  adopted:", res.Adopted)

	dec := project.ElevatorDecision{
		Work:   project.Replacement,
		Result: res,
		Group:  []string{"owner of 601", "owner of 403", "owner of 302"}, // names not published
		Funding: []project.Funding{
			{Kind: project.DistrictBudget, Amount: d("240000.00"), Note: "district subsidy for old-lift renewal"},
			{Kind: project.MaintenanceFund, Amount: d("300000.00"), Note: "building's maintenance fund"},
			{Kind: project.OwnerFunds, Amount: d("420000.00"), Note: "owners, by floor coefficient × area"},
		},
		Sharing:   project.GuangzhouElevator(),
		FiledAt:   time.Date(2026, 4, 20, 0, 0, 0, 0, time.UTC),
		FiledWith: project.FiledWithOwnersCommittee,
		FilingRef: "YH-2026-0412 (illustrative)",
	}
	if err := w.decide(dec); err != nil {
		return err
	}
	p := w.p
	fmt.Printf("== decision: art. 278 item %d (%s), filed with %s\n", int(dec.Matter()), dec.Matter(), dec.FiledWith)
	fmt.Println("  owner group:", p.Representatives)
	for _, e := range p.Evidence {
		fmt.Println("  evidence:", e)
	}
	for _, step := range []project.Step{
		{To: project.Shortlisted, By: "subdistrict office"},
		{To: project.Voted, Vote: p.Vote},
		{To: project.Planned, Year: 2026},
	} {
		if err := w.advance(step); err != nil {
			return err
		}
	}

	// Budget: one source per funding line, allocations to the project.
	for i, f := range dec.Funding {
		src := project.SourceID(f.Kind)
		if err := w.record(project.Entry{ID: fmt.Sprint("open-", i), Kind: project.OpenSource, Source: src, SourceKind: f.Kind, Name: f.Note, Grid: "bldg-3", Amount: f.Amount}); err != nil {
			return err
		}
		if err := w.record(project.Entry{ID: fmt.Sprint("alloc-", i), Kind: project.Allocate, Source: src, Project: lift.ID, Amount: f.Amount}); err != nil {
			return err
		}
	}
	if err := w.advance(project.Step{To: project.InProgress, By: "contractor"}); err != nil {
		return err
	}
	if err := w.milestone(project.Milestone{Name: "old lift removed", Due: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		return err
	}
	for i, f := range dec.Funding {
		if err := w.record(project.Entry{ID: fmt.Sprint("pay-", i), Kind: project.Spend, Source: project.SourceID(f.Kind), Project: lift.ID, Amount: f.Amount.Sub(d("5000")), Reason: "contract payment"}); err != nil {
			return err
		}
	}
	// Spending beyond the allocation is refused without a recorded change.
	err = w.refused(project.Entry{ID: "pay-extra", Kind: project.Spend, Source: "district", Project: lift.ID, Amount: d("5000.01")})
	fmt.Println("== overspending attempt:", err)

	steps := []project.Step{
		{To: project.Completed, By: "contractor"},
		{To: project.InProgress, By: "acceptance panel", Reason: "rectify", Acceptance: &project.Acceptance{
			By: []string{"special-equipment inspector", "owner group"}, Findings: []string{"landing door gap over tolerance on 4F"}}},
		{To: project.Completed, By: "contractor", Reason: "door re-hung"},
		{To: project.Accepted, By: "acceptance panel", Acceptance: &project.Acceptance{By: []string{"special-equipment inspector", "owner group"}, Passed: true}},
	}
	for _, s := range steps {
		if err := w.advance(s); err != nil {
			return err
		}
	}
	rev := project.NewReview("satisfaction-lift-3-2", 15, 17, project.SatisfactionThreshold())
	if err := w.advance(project.Step{To: project.Reviewed, Review: &rev}); err != nil {
		return err
	}
	if err := w.advance(project.Step{To: project.Closed, By: "subdistrict office"}); err != nil {
		return err
	}
	p = w.p
	fmt.Println("== lifecycle")
	for _, e := range p.History {
		fmt.Printf("  %s  %-11s -> %-11s %s\n", e.At.Format("01-02 15:04"), e.From, e.To, e.Reason)
	}
	fmt.Printf("  acceptances: %d (first failed: %v)\n", len(p.Acceptances), p.Acceptances[0].Findings)

	r, err := svc.Report(ctx)
	if err != nil {
		return err
	}
	fmt.Println("== budget by source (amounts illustrative)")
	for _, s := range r.Sources {
		fmt.Printf("  %-17s cap %11s allocated %11s spent %11s\n", s.Source, s.Cap.StringFixed(2), s.Allocated.StringFixed(2), s.Spent.StringFixed(2))
	}
	fmt.Printf("  %-17s cap %11s allocated %11s spent %11s\n", "total", r.Total.Cap.StringFixed(2), r.Total.Allocated.StringFixed(2), r.Total.Spent.StringFixed(2))

	bill, err := dec.Bill(hs)
	if err != nil {
		return err
	}
	fmt.Println("== per-household bill (owners' part; areas and amounts illustrative)")
	fmt.Print(bill.Explain())
	fmt.Println("  sum of bills:", bill.Total().StringFixed(2), "= owners' part", dec.OwnersPart().StringFixed(2))
	stores.PrintReadBack()
	return nil
}
