package agenda

import (
	"fmt"
	"time"

	"github.com/gongzhi/gongzhi/vote"
)

// Acceptance is the inspection of finished work (验收).
type Acceptance struct {
	At     time.Time `json:"at"`
	By     string    `json:"by"` // who signed off, e.g. "街道城建科 + 居民代表"
	Passed bool      `json:"passed"`
	Note   string    `json:"note,omitempty"`
}

// Satisfaction is the count of a satisfaction vote on a topic's outcome.
type Satisfaction struct {
	Satisfied    int64 `json:"satisfied"`    // 满意
	Basic        int64 `json:"basic"`        // 基本满意
	Dissatisfied int64 `json:"dissatisfied"` // 不满意
}

// Evaluation is the explained result of the residents' satisfaction vote
// (评): the satisfaction rate counts satisfied and basically satisfied
// ballots out of all ballots.
type Evaluation struct {
	At     time.Time    `json:"at"`
	Counts Satisfaction `json:"counts"`
	Rule   vote.Ratio   `json:"rule"`
	Base   int64        `json:"base"` // ballots counted
	Rate   int64        `json:"rate"` // satisfied + basically satisfied
	Need   int64        `json:"need"`
	Solved bool         `json:"solved"`
	Reason string       `json:"reason"`
}

// Assess applies rule to a satisfaction count. Pure.
func Assess(rule vote.Ratio, c Satisfaction, at time.Time) (Evaluation, error) {
	if c.Satisfied < 0 || c.Basic < 0 || c.Dissatisfied < 0 {
		return Evaluation{}, invalid("satisfaction", "negative count")
	}
	if err := rule.Validate(); err != nil {
		return Evaluation{}, invalid("satisfaction.rule", "%v", err)
	}
	e := Evaluation{At: at, Counts: c, Rule: rule, Base: c.Satisfied + c.Basic + c.Dissatisfied, Rate: c.Satisfied + c.Basic}
	if e.Base == 0 {
		return Evaluation{}, invalid("satisfaction", "no ballots")
	}
	e.Need = rule.Min(e.Base)
	e.Solved = rule.Met(e.Rate, e.Base)
	verdict := "solved"
	if !e.Solved {
		verdict = "sent back"
	}
	e.Reason = fmt.Sprintf("%s: %d of %d satisfied or basically satisfied, need %s (%d)", verdict, e.Rate, e.Base, rule, e.Need)
	return e, nil
}

// Satisfaction levels of a resident's evaluation ballot, the levels of
// vote.SatisfactionSurvey.
const (
	LevelSatisfied    = "satisfied"           // 满意
	LevelBasic        = "basically-satisfied" // 基本满意
	LevelDissatisfied = "dissatisfied"        // 不满意
)

// CountSatisfaction counts residents' evaluation answers (one level each)
// through vote's satisfaction rule (vote.SatisfactionSurvey) and returns
// the counts for Assess or Service.Evaluate. An unknown level is an error
// wrapping ErrInvalid; nothing is counted.
func CountSatisfaction(answers []string) (Satisfaction, error) {
	if len(answers) == 0 {
		return Satisfaction{}, invalid("answers", "no answers")
	}
	poll := vote.Poll{ID: "evaluation", Rule: vote.SatisfactionSurvey(), Options: []vote.Option{{ID: "outcome"}}}
	ballots := make([]vote.Ballot, len(answers))
	for i, a := range answers {
		ballots[i] = vote.Ballot{ID: vote.BallotID(fmt.Sprint("b", i)), Marks: []vote.Mark{{Option: "outcome", Level: a}}}
	}
	res, err := vote.Tally(poll, ballots)
	if err != nil {
		return Satisfaction{}, fmt.Errorf("agenda: counting satisfaction: %w", err)
	}
	if res.Invalid > 0 {
		return Satisfaction{}, invalid("answers", "%d invalid answers: %s", res.Invalid, res.Rejected[0].Reason)
	}
	var c Satisfaction
	for i, l := range poll.Rule.Levels {
		if i >= len(res.Levels) {
			break
		}
		switch l {
		case LevelSatisfied:
			c.Satisfied = res.Levels[i]
		case LevelBasic:
			c.Basic = res.Levels[i]
		case LevelDissatisfied:
			c.Dissatisfied = res.Levels[i]
		}
	}
	return c, nil
}
