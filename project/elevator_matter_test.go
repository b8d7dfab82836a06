package project_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/vote"
)

// ownersTally: n owners of 100 m² each all vote, yes of them approve,
// counted under the art. 278 rule of matter m.
func ownersTally(t *testing.T, m vote.Matter, n, yes int) vote.Result {
	t.Helper()
	var voters []vote.Voter
	var bs []vote.Ballot
	for i := range n {
		id := vote.VoterID(fmt.Sprintf("o%02d", i))
		voters = append(voters, vote.Voter{ID: id, Weight: d("100")})
		c := vote.No
		if i < yes {
			c = vote.Yes
		}
		bs = append(bs, vote.Ballot{ID: vote.BallotID("b-" + id), Voter: id, Choice: c})
	}
	res, err := vote.Tally(vote.Poll{ID: "lift", Rule: vote.OwnersDecision(m), Voters: voters}, bs)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestElevatorMatterBoundaries classifies each lift decision by the matter
// of Civil Code art. 278 it is and checks the approval boundary of each:
// a replacement of worn lifts paid from the maintenance fund is item 5
// (more than half), a replacement with a new owners' levy item 6 (at least
// 3/4), a new lift retrofit item 7 (at least 3/4). 20 owners of equal area
// all vote, so support k means k/20 by area and by headcount.
func TestElevatorMatterBoundaries(t *testing.T) {
	lift := project.Project{ID: "lift", Title: "lift", Cost: d("300000"), Origin: project.FromResolution, Year: 2026, Status: project.Proposed}
	fund := []project.Funding{{Kind: project.MaintenanceFund, Amount: d("200000")}, {Kind: project.DistrictBudget, Amount: d("100000")}}
	levy := []project.Funding{{Kind: project.MaintenanceFund, Amount: d("200000")}, {Kind: project.OwnerFunds, Amount: d("100000")}}
	decision := func(work project.LiftWork, funding []project.Funding, res vote.Result) project.ElevatorDecision {
		return project.ElevatorDecision{Work: work, Result: res, Group: []string{"a", "b", "c"}, Funding: funding,
			Sharing: project.AreaSplit(), FiledWith: project.FiledWithOwnersCommittee, FiledAt: t0, FilingRef: "F-1"}
	}
	for _, tc := range []struct {
		name    string
		work    project.LiftWork
		funding []project.Funding
		matter  vote.Matter
		fail    int // the largest support that must be refused
	}{
		{"replacement from the fund (item 5)", project.Replacement, fund, vote.MatterUseFund, 10},
		{"replacement with a levy (item 6)", project.Replacement, levy, vote.MatterRaiseFund, 14},
		{"retrofit (item 7)", project.Retrofit, fund, vote.MatterRebuild, 14},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := decision(tc.work, tc.funding, vote.Result{}).Matter(); got != tc.matter {
				t.Fatalf("classified as %s, want %s", got, tc.matter)
			}
			for _, yes := range []int{tc.fail - 1, tc.fail, tc.fail + 1, tc.fail + 2} {
				_, err := project.DecideElevator(lift, decision(tc.work, tc.funding, ownersTally(t, tc.matter, 20, yes)))
				if (err == nil) != (yes > tc.fail) {
					t.Errorf("%d of 20 in favour: %v", yes, err)
				}
			}
			p, err := project.DecideElevator(lift, decision(tc.work, tc.funding, ownersTally(t, tc.matter, 20, 20)))
			if err != nil {
				t.Fatal(err)
			}
			want := fmt.Sprintf("art. 278 item %d", int(tc.matter))
			if !strings.Contains(strings.Join(p.Evidence, "\n"), want) || !strings.Contains(strings.Join(p.Evidence, "\n"), "with the owners' committee") {
				t.Errorf("evidence %q lacks %q or the filing target", p.Evidence, want)
			}
		})
	}
	// An ordinary majority does not carry a retrofit or a levy, however
	// large the support.
	for _, tc := range []struct {
		work    project.LiftWork
		funding []project.Funding
	}{{project.Retrofit, fund}, {project.Replacement, levy}} {
		_, err := project.DecideElevator(lift, decision(tc.work, tc.funding, ownersTally(t, vote.MatterUseFund, 20, 20)))
		if !errors.Is(err, project.ErrInvalid) {
			t.Errorf("%s with %v under an ordinary rule: %v", tc.work, tc.funding[1].Kind, err)
		}
	}
	// The filing target is required.
	bad := decision(project.Replacement, fund, ownersTally(t, vote.MatterUseFund, 20, 20))
	bad.FiledWith = ""
	if _, err := project.DecideElevator(lift, bad); !errors.Is(err, project.ErrInvalid) {
		t.Errorf("no filing target: %v", err)
	}
}
