// Command annual-meeting replays the annual co-governance meeting of
// scenario 1: 46 resident representatives first rate last year's ten
// completed projects (satisfied / basically satisfied / dissatisfied),
// then vote on six proposed projects with 5 votes each, at most one per
// project. Every project needs a support rate over 80% of the ballots
// cast, and the two most-voted become this year's priorities.
//
// The ballots are constructed to agree with the public report (all six
// projects above 80%, projects 1 and 4 on top); the individual ballots
// were not published.
package main

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/gongzhi/gongzhi/vote"
)

func main() {
	ctx := context.Background()
	meeting := time.Date(2024, 3, 15, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
	clock := meeting.Add(30 * time.Minute)
	svc := vote.NewService(vote.NewMemStore(), &vote.Options{Now: func() time.Time { return clock }})

	reps := make([]vote.Voter, 46)
	for i := range reps {
		reps[i] = vote.Voter{ID: vote.VoterID(fmt.Sprintf("rep-%02d", i+1))}
	}

	fmt.Println("== Satisfaction with last year's ten projects ==")
	satisfaction := run(ctx, svc, vote.Poll{
		ID: "2023-review", Title: "satisfaction with the 2023 practical projects",
		Rule: vote.SatisfactionSurvey(), Options: lastYear(), Voters: reps,
		Opens: meeting, Closes: meeting.Add(time.Hour),
	}, reviewBallots(reps))
	fmt.Print(satisfaction.Explain())

	fmt.Println()
	fmt.Println("== Vote on the six proposed projects ==")
	projects := run(ctx, svc, vote.Poll{
		ID: "2024-projects", Title: "2024 practical projects",
		Rule: vote.ProjectPriorities(), Options: sixProjects(), Voters: reps,
		Opens: meeting, Closes: meeting.Add(time.Hour),
	}, projectBallots(reps))
	fmt.Print(projects.Explain())
	fmt.Println()
	for _, id := range projects.Selected {
		fmt.Printf("Priority: %s (%s)\n", id, name(sixProjects(), id))
	}
}

// run creates, opens, fills, closes and tallies one poll.
func run(ctx context.Context, svc *vote.Service, p vote.Poll, ballots map[vote.VoterID]vote.Ballot) vote.Result {
	must := func(_ any, err error) {
		if err != nil {
			log.Fatal(err)
		}
	}
	must(svc.Create(ctx, p))
	must(svc.Open(ctx, p.ID))
	for _, v := range p.Voters {
		if b, ok := ballots[v.ID]; ok {
			must(svc.Cast(ctx, p.ID, v.ID, b))
		}
	}
	must(svc.Close(ctx, p.ID))
	res, err := svc.Tally(ctx, p.ID)
	if err != nil {
		log.Fatal(err)
	}
	return res
}

func sixProjects() []vote.Option {
	return []vote.Option{
		{ID: "p1", Name: "deepening the 1-3 community (双井1-3社区深化打造)"},
		{ID: "p2", Name: "removing safety hazards in old residential buildings (消除老旧小区房屋安全隐患)"},
		{ID: "p3", Name: "regional elderly-care alliance (区域养老服务联合体)"},
		{ID: "p4", Name: "micro-renewal of community landscapes (社区景观微更新改造)"},
		{ID: "p5", Name: "sustainable renewal around the cultural-creative park (文创园区周边可持续更新提升)"},
		{ID: "p6", Name: "digital-economy art-district landscape (数字经济文化艺术街区科技景观场景打造)"},
	}
}

// lastYear lists ten completed projects (illustrative names).
func lastYear() []vote.Option {
	names := []string{"elevator retrofits", "barrier-free paths", "pocket park", "parking reorganisation",
		"waste-sorting stations", "e-bike charging shed", "elderly canteen", "facade repairs",
		"street lighting", "community library"}
	out := make([]vote.Option, len(names))
	for i, n := range names {
		out[i] = vote.Option{ID: vote.OptionID(fmt.Sprintf("r%02d", i+1)), Name: n}
	}
	return out
}

func name(opts []vote.Option, id vote.OptionID) string {
	for _, o := range opts {
		if o.ID == id {
			return o.Name
		}
	}
	return ""
}

// projectBallots gives each representative 5 marks, leaving out one
// project: p1 is left out 5 times, p4 6, p2 8, and p3, p5, p6 9 times
// each, so the projects get 41, 38, 37, 40, 37 and 37 votes.
func projectBallots(reps []vote.Voter) map[vote.VoterID]vote.Ballot {
	leaveOut := []struct {
		option vote.OptionID
		n      int
	}{{"p1", 5}, {"p4", 6}, {"p2", 8}, {"p3", 9}, {"p5", 9}, {"p6", 9}}
	out := make(map[vote.VoterID]vote.Ballot, len(reps))
	i := 0
	for _, lo := range leaveOut {
		for range lo.n {
			var b vote.Ballot
			for _, o := range sixProjects() {
				if o.ID != lo.option {
					b.Marks = append(b.Marks, vote.Mark{Option: o.ID})
				}
			}
			out[reps[i].ID] = b
			i++
		}
	}
	return out
}

// reviewBallots rates every project: project k (0-based) gets 36-k
// "satisfied", k/2 "dissatisfied" and the rest "basically satisfied"; two
// representatives do not take part.
func reviewBallots(reps []vote.Voter) map[vote.VoterID]vote.Ballot {
	out := make(map[vote.VoterID]vote.Ballot, len(reps))
	for i, r := range reps[:44] {
		var b vote.Ballot
		for k, o := range lastYear() {
			level := "basically-satisfied"
			switch {
			case i < 36-k:
				level = "satisfied"
			case i >= 44-k/2:
				level = "dissatisfied"
			}
			b.Marks = append(b.Marks, vote.Mark{Option: o.ID, Level: level})
		}
		out[r.ID] = b
	}
	return out
}
