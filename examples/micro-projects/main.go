// Command micro-projects replays one plan year, 2026, of Tongzhou
// district's 2022–2026 micro-projects plan: the district runs a pool of
// micro-projects (项目库), commits to implementing 100 a year, and rolls
// the rest into the next year (滚动实施). It also replays the Shuangjing 2021 meeting's
// satisfaction vote on last year's ten projects.
//
// Steps: 320 candidates (proposals, ticket hot spots, resolutions,
// department lists, and projects rolled over from earlier years) enter the
// pool; screening drops the infeasible ones; 120 representatives approve
// projects in a vote (more than half of the ballots to pass, the ten
// most-approved become priorities); the 2026 plan chooses under the
// district budget, a cap per subdistrict and a count cap for one
// category, with one manual inclusion and one exclusion, each with its
// reason, and reports how far it falls short of the 100-a-year commitment
// (a commitment, not a ceiling); the plan is adopted, the rest rolls to
// 2027; budgets are allocated and rolled up the grid. The 100 a year and
// the plan's span are Tongzhou's; the candidates, votes and budget are
// synthetic (a fixed seed) and printed as illustrative.
package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/gongzhi/gongzhi/examples/internal/storage"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/vote"
	"github.com/shopspring/decimal"
)

func main() {
	stores := storage.Open(context.Background()) // -db FILE.sqlite keeps the records in a file
	defer stores.Close()
	if err := run(stores); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

var categories = []string{"greening", "safety", "elderly care", "culture", "accessibility", "parking"}

// buildGrid creates the district, 4 subdistricts and 20 communities.
func buildGrid(at time.Time) (*grid.Tree, []grid.ID, error) {
	h := grid.DefaultHierarchy()
	lv := func(name string) grid.Level { l, _ := h.Level(name); return l }
	t, err := grid.NewTree(h)
	if err != nil {
		return nil, nil, err
	}
	changes := []grid.Change{grid.Create("district", "", lv("district"), "", "示范区")}
	var communities []grid.ID
	for s := 1; s <= 4; s++ {
		sid := grid.ID(fmt.Sprintf("sub-%d", s))
		changes = append(changes, grid.Create(sid, "district", lv("subdistrict"), "", fmt.Sprintf("街道%d", s)))
		for c := 1; c <= 5; c++ {
			cid := grid.ID(fmt.Sprintf("sub-%d/com-%d", s, c))
			changes = append(changes, grid.Create(cid, sid, lv("community"), "", fmt.Sprintf("社区%d-%d", s, c)))
			communities = append(communities, cid)
		}
	}
	if err := t.Apply(grid.Batch{ID: "setup", At: at, Reason: "example grid", Changes: changes}); err != nil {
		return nil, nil, err
	}
	return t, communities, nil
}

func run(stores *storage.Stores) error {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(2026, 7)) // fixed seed: deterministic output
	now := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { now = now.Add(time.Minute); return now }
	// The owners' votes are counted here (vote.Tally) but their polls are
	// not stored: the projects cite polls kept elsewhere.
	svc := project.NewService(stores.ProjectWith(storage.Elsewhere{Polls: true}), &project.Options{Now: clock})
	ps := &projects{ctx: ctx, svc: svc, stores: stores, tick: clock}
	gridAt := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	tree, communities, err := buildGrid(gridAt)
	if err != nil {
		return err
	}
	frozen := tree.At(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))

	// Last year's ten projects, accepted and awaiting the residents' review.
	if err := reviewLastYear(ps, communities); err != nil {
		return err
	}

	// The pool.
	origins := []project.Origin{project.FromProposal, project.FromTicket, project.FromResolution, project.FromDepartment}
	var ids []project.ID
	var pool []project.Project // as stored, in ids order
	popularity := map[project.ID]float64{}
	cancelled := 0
	for i := range 320 {
		id := project.ID(fmt.Sprintf("mp-%03d", i+1))
		year := 2026
		if i%16 == 0 {
			year = 2025 + i%2 // rolled over from earlier plans
		}
		p := project.Project{
			ID: id, Title: fmt.Sprintf("micro-project %d", i+1), Grid: communities[rng.IntN(len(communities))],
			Category: categories[rng.IntN(len(categories))], Cost: project.Yuan(int64(20_000+rng.IntN(480_000)) * 100),
			Origin: origins[i%len(origins)], Ref: fmt.Sprintf("ref-%d", i+1), Year: year,
		}
		stored, err := ps.propose(p)
		if err != nil {
			return err
		}
		if rng.IntN(20) == 0 {
			if err := ps.advance(&stored, project.Step{To: project.Cancelled, By: "screening panel", Reason: "screening: site belongs to a private owner"}); err != nil {
				return err
			}
			cancelled++
			continue
		}
		if err := ps.advance(&stored, project.Step{To: project.Screened, By: "screening panel", Reason: "feasible"}); err != nil {
			return err
		}
		if year < 2026 {
			if err := ps.advance(&stored, project.Step{To: project.Deferred, Reason: fmt.Sprintf("rolled over from the %d plan", year), Year: 2026}); err != nil {
				return err
			}
		}
		if err := ps.advance(&stored, project.Step{To: project.Shortlisted, By: "district office"}); err != nil {
			return err
		}
		pool = append(pool, stored)
		ids = append(ids, id)
		popularity[id] = 0.25 + 0.6*rng.Float64()
	}
	fmt.Printf("== pool: 320 candidates, %d dropped at screening, %d put to the vote\n", cancelled, len(ids))

	// The representatives' approval vote.
	options := make([]vote.Option, len(ids))
	for i, id := range ids {
		options[i] = vote.Option{ID: vote.OptionID(id)}
	}
	rule := vote.LimitedApproval(0, vote.Of(vote.MoreThan(1, 2), vote.BaseCast), 10)
	rule.Name, rule.Source = "district micro-project vote", "illustrative: approval by more than half, 10 priorities"
	var ballots []vote.Ballot
	for r := range 120 {
		b := vote.Ballot{ID: vote.BallotID(fmt.Sprintf("rep-%03d", r+1))}
		for _, id := range ids {
			if rng.Float64() < popularity[id] {
				b.Marks = append(b.Marks, vote.Mark{Option: vote.OptionID(id)})
			}
		}
		ballots = append(ballots, b)
	}
	res, err := vote.Tally(vote.Poll{ID: "vote-2026", Rule: rule, Options: options}, ballots)
	if err != nil {
		return err
	}
	passed := 0
	for i, id := range ids {
		out, err := project.OutcomeFrom(res, vote.OptionID(id))
		if err != nil {
			return err
		}
		if out.Passed {
			passed++
		}
		if err := ps.advance(&pool[i], project.Step{To: project.Voted, Vote: &out}); err != nil {
			return err
		}
	}
	fmt.Printf("== vote: 120 ballots, %d projects passed (%s of ballots)\n", passed, rule.Threshold.Ratio)
	fmt.Printf("  priorities %v", res.Selected)
	for _, tie := range res.Ties {
		fmt.Printf("; tie for %d place(s) left open among %v", tie.Places, tie.Among)
	}
	fmt.Println()

	// The 2026 plan.
	subCap := decimal.RequireFromString("7000000")
	planRule := project.PlanRule{
		Year: 2026, Budget: decimal.RequireFromString("22000000"), Target: 100,
		Caps: []project.Cap{
			{Grid: "sub-1", Budget: &subCap}, {Grid: "sub-2", Budget: &subCap},
			{Grid: "sub-3", Budget: &subCap}, {Grid: "sub-4", Budget: &subCap},
			{Category: "parking", Count: 12},
		},
	}
	manual := []project.ManualChoice{
		{Project: ids[7], Include: true, Reason: "gas-pipe hazard found by the 2025 inspection"},
		{Project: ids[3], Include: false, Reason: "duplicates a department project already funded"},
	}
	plan, err := ps.adopt(planRule, manual, frozen)
	if err != nil {
		return err
	}
	fmt.Printf("== plan 2026, year 5 of Tongzhou's 2022–2026 plan: %d projects, %s of %s yuan (budget illustrative), %s left\n", len(plan.Selected), plan.Total.StringFixed(2), planRule.Budget.StringFixed(2), plan.Remaining.StringFixed(2))
	if plan.Shortfall > 0 {
		fmt.Printf("  commitment: %d micro-projects a year; this plan is %d short\n", planRule.Target, plan.Shortfall)
	} else {
		fmt.Printf("  commitment: %d micro-projects a year; met\n", planRule.Target)
	}
	lines := strings.Split(plan.Explain(), "\n")
	for _, l := range lines[1:8] {
		fmt.Println(l)
	}
	fmt.Println("  ...")
	outWhy := map[string]int{}
	for _, dc := range plan.Decisions {
		if dc.In {
			continue
		}
		why := "other"
		switch r := dc.Reason; {
		case strings.HasPrefix(r, "excluded"):
			why = "excluded by manual choice"
		case strings.HasPrefix(r, "vote failed"):
			why = "vote failed"
		case strings.Contains(r, "target of"):
			why = "target of 100 projects reached"
		case strings.Contains(r, "count cap"):
			why = "category count cap reached"
		case strings.Contains(r, "budget cap"):
			why = "subdistrict budget cap"
		case strings.Contains(r, "of the budget left"):
			why = "over the remaining district budget"
		}
		outWhy[why]++
	}
	fmt.Println("== left out, by reason")
	var whys []string
	for w := range outWhy {
		whys = append(whys, w)
	}
	sort.Strings(whys)
	for _, w := range whys {
		fmt.Printf("  %3d  %s\n", outWhy[w], w)
	}

	pool28, err := svc.Pool(ctx, 2027)
	if err != nil {
		return err
	}
	fmt.Printf("== rolled into the 2027 pool: %d projects\n", len(pool28))

	// Budget: the district fund allocates each planned project's cost.
	recorded, err := ps.ledger()
	if err != nil {
		return err
	}
	if err := ps.record(recorded, project.Entry{ID: "open-district", Kind: project.OpenSource, Source: "district-2026", SourceKind: project.DistrictBudget, Name: "district micro-project fund 2026", Grid: "district", Amount: planRule.Budget}); err != nil {
		return err
	}
	for _, id := range plan.Selected {
		dc, _ := plan.Decision(id)
		if err := ps.record(recorded, project.Entry{ID: "alloc-" + string(id), Kind: project.Allocate, Source: "district-2026", Project: id, Amount: dc.Cost}); err != nil {
			return err
		}
	}
	rows, err := svc.ByGrid(ctx, frozen)
	if err != nil {
		return err
	}
	fmt.Println("== allocations rolled up the grid")
	for _, r := range rows {
		if strings.Contains(string(r.Grid), "/") {
			continue // communities omitted
		}
		fmt.Printf("  %-9s %3d projects  %14s yuan\n", r.Grid, r.Projects, r.Allocated.StringFixed(2))
	}
	rep, err := svc.Report(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("  ledger: cap %s, allocated %s, unallocated %s\n", rep.Total.Cap.StringFixed(2), rep.Total.Allocated.StringFixed(2), rep.Total.Unallocated.StringFixed(2))
	stores.PrintReadBack()
	return nil
}

// reviewLastYear replays the Shuangjing 2021 meeting's satisfaction vote on last year's ten
// projects: 46 representatives rate each one satisfied, basically
// satisfied or dissatisfied; a project passes its review with more than
// half satisfied answers.
func reviewLastYear(ps *projects, communities []grid.ID) error {
	var options []vote.Option
	var last []project.Project // as stored, in options order
	for i := range 10 {
		id := project.ID(fmt.Sprintf("2025-%02d", i+1))
		p := project.Project{ID: id, Title: fmt.Sprintf("2025 project %d", i+1), Grid: communities[i], Cost: decimal.RequireFromString("300000"),
			Origin: project.FromResolution, Year: 2025}
		stored, err := ps.propose(p)
		if err != nil {
			return err
		}
		steps := []project.Step{
			{To: project.Screened}, {To: project.Planned, Year: 2025, Reason: "2025 plan"}, {To: project.InProgress},
			{To: project.Completed}, {To: project.Accepted, Acceptance: &project.Acceptance{By: []string{"district acceptance panel"}, Passed: true}},
		}
		for _, s := range steps {
			if err := ps.advance(&stored, s); err != nil {
				return err
			}
		}
		last = append(last, stored)
		options = append(options, vote.Option{ID: vote.OptionID(id)})
	}
	levels := []string{"satisfied", "basically-satisfied", "dissatisfied"}
	var ballots []vote.Ballot
	for r := range 46 {
		b := vote.Ballot{ID: vote.BallotID(fmt.Sprintf("rep-%02d", r+1))}
		for i, o := range options {
			// Deterministic pattern: project 7 disappointed many.
			l := [7]int{0, 0, 0, 1, 1, 0, 2}[(r+i)%7]
			if i == 6 {
				l = [3]int{1, 2, 2}[r%3]
			}
			b.Marks = append(b.Marks, vote.Mark{Option: o.ID, Level: levels[l]})
		}
		ballots = append(ballots, b)
	}
	res, err := vote.Tally(vote.Poll{ID: "satisfaction-2025", Rule: vote.SatisfactionSurvey(), Options: options}, ballots)
	if err != nil {
		return err
	}
	fmt.Println("== satisfaction review of last year's ten projects (46 representatives)")
	reviews, err := ps.review(last, res)
	if err != nil {
		return err
	}
	for i, rev := range reviews {
		if err := ps.advance(&last[i], project.Step{To: project.Closed}); err != nil {
			return err
		}
		fmt.Printf("  %s  satisfied %2d of %d  passed %v\n", last[i].ID, rev.Satisfied, rev.Base, rev.Passed)
	}
	return nil
}
