package main

import (
	"context"
	"fmt"
	"log"

	"github.com/gongzhi/gongzhi/examples/internal/storage"
	"github.com/gongzhi/gongzhi/vote"
)

// run creates, opens, fills, closes and tallies one poll, or, with -db
// FILE, reads it back from the file and finishes what an earlier run left
// undone (storage.Stores.RunPoll).
func run(ctx context.Context, stores *storage.Stores, svc *vote.Service, p vote.Poll, ballots map[vote.VoterID]vote.Ballot) vote.Result {
	res, err := stores.RunPoll(ctx, svc, p, ballots)
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

// lastYear lists the ten completed projects of 2021 (the report does not
// name them here: the names are illustrative).
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

// reviewBallots rates every project, as all 46 representatives did:
// project k (0-based) gets 38-k "satisfied", k/2 "dissatisfied" and the
// rest "basically satisfied" (the split is illustrative).
func reviewBallots(reps []vote.Voter) map[vote.VoterID]vote.Ballot {
	out := make(map[vote.VoterID]vote.Ballot, len(reps))
	for i, r := range reps {
		var b vote.Ballot
		for k, o := range lastYear() {
			level := "basically-satisfied"
			switch {
			case i < 38-k:
				level = "satisfied"
			case i >= 46-k/2:
				level = "dissatisfied"
			}
			b.Marks = append(b.Marks, vote.Mark{Option: o.ID, Level: level})
		}
		out[r.ID] = b
	}
	return out
}
