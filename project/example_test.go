package project_test

import (
	"context"
	"fmt"
	"time"

	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/vote"
	"github.com/shopspring/decimal"
)

func ExampleSplit() {
	hs := []project.Household{
		{ID: "101", Floor: 1, Area: decimal.RequireFromString("60")},
		{ID: "102", Floor: 1, Area: decimal.RequireFromString("60")},
		{ID: "201", Floor: 2, Area: decimal.RequireFromString("90")},
	}
	s, err := project.Split(project.EqualSplit(), decimal.RequireFromString("1000.00"), hs)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, sh := range s.Shares {
		fmt.Println(sh.Household, sh.Amount.StringFixed(2), sh.RoundedUp)
	}
	fmt.Println("total", s.Total().StringFixed(2))
	// Output:
	// 101 333.34 true
	// 102 333.33 false
	// 201 333.33 false
	// total 1000.00
}

func ExampleAreaSplit() {
	hs := []project.Household{
		{ID: "a", Area: decimal.RequireFromString("75.5")},
		{ID: "b", Area: decimal.RequireFromString("120")},
		{ID: "c", Area: decimal.RequireFromString("54.5")},
	}
	s, _ := project.Split(project.AreaSplit(), decimal.RequireFromString("10000"), hs)
	for _, sh := range s.Shares {
		fmt.Println(sh.Household, sh.Amount.StringFixed(2))
	}
	// Output:
	// a 3020.00
	// b 4800.00
	// c 2180.00
}

func ExampleGuangzhouElevator() {
	var hs []project.Household
	for f := 1; f <= 6; f++ {
		hs = append(hs, project.Household{ID: project.HouseholdID(fmt.Sprintf("%d01", f)), Floor: f, Area: decimal.RequireFromString("70")})
	}
	s, _ := project.Split(project.GuangzhouElevator(), decimal.RequireFromString("340000"), hs)
	fmt.Print(s.Explain())
	// Output:
	// cost 340000.00 by floor_area (illustrative: Guangzhou estate scheme (zjtcn.com/zhishi/dcjzdtfa), not a Beijing rule)
	//   340000.00 shared among 4 payers in proportion to weight; rounded down to the fen, then 0 leftover fen to the largest remainders (ties by household id)
	//   101        floor  1  weight 0                    0.00  exempt: floor 1 is exempt
	//   201        floor  2  weight 0                    0.00  exempt: floor 2 is exempt
	//   301        floor  3  weight 49               70000.00
	//   401        floor  4  weight 56               80000.00
	//   501        floor  5  weight 63               90000.00
	//   601        floor  6  weight 70              100000.00
}

func ExampleSharingRule_mixAndCap() {
	rule, err := project.ParseSharingRule([]byte(`{
		"method": "mix",
		"parts": [{"weight": "1", "rule": {"method": "equal"}}, {"weight": "1", "rule": {"method": "area"}}],
		"cap": "400"}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	hs := []project.Household{
		{ID: "a", Area: decimal.RequireFromString("200")},
		{ID: "b", Area: decimal.RequireFromString("50")},
		{ID: "c", Area: decimal.RequireFromString("50"), Exempt: "低保 household"},
	}
	s, _ := project.Split(rule, decimal.RequireFromString("700"), hs)
	for _, sh := range s.Shares {
		fmt.Println(sh.Household, sh.Amount.StringFixed(2), sh.Capped)
	}
	// Output:
	// a 400.00 true
	// b 300.00 false
	// c 0.00 false
}

func ExampleChoose() {
	// Outcomes of a vote with a support bar of more than 80% (Shuangjing 2021).
	out := func(support int64, priority bool) *project.VoteOutcome {
		th := vote.MoreThan(4, 5)
		return &project.VoteOutcome{Support: support, Base: 46, Threshold: th, Passed: th.Met(support, 46), Priority: priority}
	}
	cands := []project.Candidate{
		{Project: "lights", Cost: decimal.RequireFromString("300000"), Vote: out(44, true)},
		{Project: "benches", Cost: decimal.RequireFromString("80000"), Vote: out(40, false)},
		{Project: "mural", Cost: decimal.RequireFromString("150000"), Vote: out(39, false)},
		{Project: "fountain", Cost: decimal.RequireFromString("90000"), Vote: out(20, false)},
		{Project: "ramp", Cost: decimal.RequireFromString("30000"), Pin: "accessibility complaint hot spot"},
	}
	plan, _ := project.Choose(project.PlanRule{Year: 2027, Budget: decimal.RequireFromString("500000")}, cands, nil)
	fmt.Print(plan.Explain())
	fmt.Println("roll over:", plan.Out())
	// Output:
	// plan 2027: 3 projects, 410000.00 of 500000.00 yuan (90000.00 left)
	//   in  ramp             30000.00  pinned by manual choice: accessibility complaint hot spot
	//   in  lights          300000.00  priority; support 44 of 46
	//   in  benches          80000.00  support 40 of 46
	//   out mural           150000.00  support 39 of 46; out: costs 150000.00, only 90000.00 of the budget left
	//   out fountain         90000.00  vote failed: 20 of 46, needs > 4/5
	// roll over: [mural fountain]
}

func ExampleLedger() {
	at := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	var l project.Ledger
	for _, e := range []project.Entry{
		{ID: "1", Kind: project.OpenSource, Source: "street", SourceKind: project.SubdistrictFund, Amount: decimal.RequireFromString("500000")},
		{ID: "2", Kind: project.Allocate, Source: "street", Project: "lights", Amount: decimal.RequireFromString("300000")},
		{ID: "3", Kind: project.Spend, Source: "street", Project: "lights", Amount: decimal.RequireFromString("299000.50")},
		{ID: "4", Kind: project.Spend, Source: "street", Project: "lights", Amount: decimal.RequireFromString("1000")},
	} {
		e.At = at
		if err := l.Apply(e); err != nil {
			fmt.Println(err)
		}
	}
	fmt.Print(l.Report().Explain())
	// Output:
	// project: entry 4: allocation exceeded: requested 1000.00, available 999.50
	// sources
	//   street (subdistrict) cap      500000.00  allocated      300000.00  spent      299000.50  unallocated      200000.00
	// projects
	//   lights               allocated      300000.00  spent      299000.50  unspent         999.50
	// total
	//                        cap      500000.00  allocated      300000.00  spent      299000.50  unallocated      200000.00
}

func ExampleService() {
	ctx := context.Background()
	now := time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC)
	svc := project.NewService(project.NewMemStore(), &project.Options{Now: func() time.Time { now = now.Add(time.Hour); return now }})
	_, _ = svc.Propose(ctx, project.Project{ID: "ramp", Title: "无障碍坡道", Grid: "c1", Cost: decimal.RequireFromString("30000"), Origin: project.FromTicket, Ref: "T-2026-1187", Year: 2027})
	_, _ = svc.Advance(ctx, "ramp", project.Step{To: project.Screened, By: "office", Reason: "feasible"})
	plan, _ := svc.DrawPlan(ctx, project.PlanRule{Year: 2027, Budget: decimal.RequireFromString("100000")},
		[]project.ManualChoice{{Project: "ramp", Include: true, Reason: "hot spot of 12 tickets"}}, nil)
	_ = svc.AdoptPlan(ctx, plan)
	p, _ := svc.Project(ctx, "ramp")
	for _, e := range p.History {
		fmt.Println(e.At.Format("15:04"), e.From, "->", e.To, e.Reason)
	}
	// Output:
	// 10:00  -> proposed from ticket T-2026-1187
	// 11:00 proposed -> screened feasible
	// 12:00 screened -> planned plan 2027: pinned by manual choice: hot spot of 12 tickets
}
