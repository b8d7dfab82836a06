package project

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/vote/pb"
	"github.com/shopspring/decimal"
)

// PBBallot is a resident's participatory-budgeting ballot naming pool
// projects by id (most preferred first for ordinal ballots); Points has
// one entry per project for cumulative and scoring ballots.
type PBBallot struct {
	Voter    grid.PersonID `json:"voter"`
	Projects []ID          `json:"projects"`
	Points   []int64       `json:"points,omitempty"`
}

// ChooseByPB draws up a plan with a participatory-budgeting rule from
// vote/pb (greedy or the Method of Equal Shares). Pinned candidates are
// taken first and their cost is set aside; the others (excluded ones
// aside) are counted by pbRule over the ballots with the budget left; the
// winners are then planned in the order the rule chose them, under the
// plan's target and caps (Selection ByRanking). The pb.Result is returned
// alongside: its Rounds explain the ranking.
//
// Ballots naming an unknown or excluded project are an *InputError; pb
// rule and instance errors are returned as pb reports them.
func ChooseByPB(rule PlanRule, cands []Candidate, pbRule pb.Rule, voteType pb.VoteType, ballots []PBBallot, places Places) (Plan, pb.Result, error) {
	rule.Selection, rule.Ranking = ByRanking, nil
	if err := rule.Validate(); err != nil {
		return Plan{}, pb.Result{}, err
	}
	sorted := slices.Clone(cands)
	slices.SortFunc(sorted, func(a, b Candidate) int { return cmp.Compare(a.Project, b.Project) })
	in := pb.Instance{VoteType: voteType, Meta: map[string]string{"description": fmt.Sprintf("plan %d", rule.Year)}}
	idx := map[ID]int{}
	budget := rule.Budget
	for _, c := range sorted {
		if err := checkMoney(c.Cost); err != nil {
			return Plan{}, pb.Result{}, &InputError{ID: string(c.Project), Field: "cost", Reason: err.Error()}
		}
		switch {
		case c.Pin != "":
			budget = budget.Sub(c.Cost)
		case c.Exclude == "":
			idx[c.Project] = len(in.Projects)
			in.Projects = append(in.Projects, pb.Project{ID: string(c.Project), Cost: c.Cost})
		}
	}
	if budget.IsNegative() {
		budget = decimal.Zero
	}
	in.Budget = budget
	for _, b := range ballots {
		pbb := pb.Ballot{Voter: string(b.Voter), Points: slices.Clone(b.Points)}
		for _, id := range b.Projects {
			i, ok := idx[id]
			if !ok {
				return Plan{}, pb.Result{}, &InputError{ID: string(b.Voter), Field: "projects", Reason: fmt.Sprintf("%s is not a project open to the vote", id)}
			}
			pbb.Projects = append(pbb.Projects, i)
		}
		in.Ballots = append(in.Ballots, pbb)
	}
	res, err := pb.Tally(pbRule, in)
	if err != nil {
		return Plan{}, pb.Result{}, err
	}
	for _, w := range res.Winners {
		rule.Ranking = append(rule.Ranking, ID(w))
	}
	plan, err := Choose(rule, cands, places)
	return plan, res, err
}
