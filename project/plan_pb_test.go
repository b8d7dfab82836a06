package project_test

import (
	"errors"
	"testing"

	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/vote/pb"
	"github.com/google/go-cmp/cmp"
)

func TestChooseByPB(t *testing.T) {
	cands := []project.Candidate{
		{Project: "bench", Cost: d("100")},
		{Project: "lights", Cost: d("200")},
		{Project: "mural", Cost: d("150")},
		{Project: "ramp", Cost: d("50"), Pin: "accessibility order"},
		{Project: "kiosk", Cost: d("10"), Exclude: "no permit"},
	}
	ballots := []project.PBBallot{
		{Voter: "v1", Projects: []project.ID{"lights", "bench"}},
		{Voter: "v2", Projects: []project.ID{"lights"}},
		{Voter: "v3", Projects: []project.ID{"mural", "bench"}},
		{Voter: "v4", Projects: []project.ID{"bench"}},
	}
	rule := project.PlanRule{Year: 2027, Budget: d("400")}
	plan, res, err := project.ChooseByPB(rule, cands, pb.GreedyByVotes(), pb.Approval, ballots, nil)
	if err != nil {
		t.Fatal(err)
	}
	// 350 left after the pinned ramp: bench (3 votes), lights (2) fit;
	// mural (1) does not.
	if diff := cmp.Diff([]string{"bench", "lights"}, res.Winners); diff != "" {
		t.Errorf("pb winners (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]project.ID{"ramp", "bench", "lights"}, plan.Selected); diff != "" {
		t.Errorf("plan (-want +got):\n%s\n%s", diff, plan.Explain())
	}
	if dc, _ := plan.Decision("kiosk"); dc.In || dc.Reason != "excluded by manual choice: no permit" {
		t.Errorf("kiosk %+v", dc)
	}
	if _, _, err := project.ChooseByPB(rule, cands, pb.GreedyByVotes(), pb.Approval, []project.PBBallot{{Voter: "v9", Projects: []project.ID{"kiosk"}}}, nil); !errors.Is(err, project.ErrInvalid) {
		t.Errorf("ballot for an excluded project: %v", err)
	}
	mes, _, err := project.ChooseByPB(rule, cands, pb.EqualSharesAdd1(), pb.Approval, ballots, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(mes.Selected) == 0 || mes.Selected[0] != "ramp" || mes.Total.GreaterThan(rule.Budget) {
		t.Errorf("mes plan %v", mes.Explain())
	}
}
