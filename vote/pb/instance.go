package pb

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"
)

// VoteType is the kind of ballot of a participatory budget, as in pabulib.
type VoteType string

// The vote types.
const (
	Approval   VoteType = "approval"   // a set of approved projects
	Cumulative VoteType = "cumulative" // points spread over projects
	Ordinal    VoteType = "ordinal"    // projects in order of preference
	Scoring    VoteType = "scoring"    // a score per project
)

// ErrInvalidInstance is wrapped by errors for instances that cannot be
// counted: no projects, a duplicate project id, a negative cost or budget.
var ErrInvalidInstance = errors.New("pb: invalid instance")

// ErrInvalidBallot is wrapped by every *BallotError.
var ErrInvalidBallot = errors.New("pb: invalid ballot")

// BallotError reports why a ballot was rejected.
type BallotError struct {
	Voter  string
	Reason string
}

// Error names the ballot and the reason.
func (e *BallotError) Error() string {
	return fmt.Sprintf("pb: ballot of voter %s: %s", e.Voter, e.Reason)
}

// Unwrap returns ErrInvalidBallot.
func (e *BallotError) Unwrap() error { return ErrInvalidBallot }

// Project is a proposal with its cost. Fields keeps the other columns of the
// source file (votes, score, selected, category, ...) as text.
type Project struct {
	ID     string            `json:"id"`
	Cost   decimal.Decimal   `json:"cost"`
	Name   string            `json:"name,omitempty"`
	Fields map[string]string `json:"fields,omitempty"`
}

// Ballot is one voter's ballot. Projects are indices into
// Instance.Projects, most preferred first for ordinal ballots. Points, for
// cumulative and scoring ballots, has one entry per project in Projects.
type Ballot struct {
	Voter    string  `json:"voter"`
	Projects []int   `json:"projects"`
	Points   []int64 `json:"points,omitempty"`
}

// Instance is a participatory budget: the budget, the projects and the
// ballots. Meta keeps the file's META section (description, unit, rule,
// max_length, ...).
type Instance struct {
	Meta     map[string]string `json:"meta,omitempty"`
	Budget   decimal.Decimal   `json:"budget"`
	VoteType VoteType          `json:"vote_type"`
	Projects []Project         `json:"projects"`
	Ballots  []Ballot          `json:"ballots"`
}

// Validate checks that in can be counted: a non-negative budget, projects
// with unique ids and non-negative costs, and ballots naming known projects
// at most once with one point value per project.
func (in Instance) Validate() error {
	if in.Budget.IsNegative() {
		return fmt.Errorf("%w: negative budget %s", ErrInvalidInstance, in.Budget)
	}
	switch in.VoteType {
	case Approval, Cumulative, Ordinal, Scoring:
	default:
		return fmt.Errorf("%w: unknown vote type %q", ErrInvalidInstance, in.VoteType)
	}
	seen := make(map[string]bool, len(in.Projects))
	for _, p := range in.Projects {
		if seen[p.ID] {
			return fmt.Errorf("%w: project %q listed twice", ErrInvalidInstance, p.ID)
		}
		seen[p.ID] = true
		if p.Cost.IsNegative() {
			return fmt.Errorf("%w: project %q has negative cost %s", ErrInvalidInstance, p.ID, p.Cost)
		}
	}
	mark := make([]int, len(in.Projects))
	for i, b := range in.Ballots {
		for _, x := range b.Projects {
			if x < 0 || x >= len(in.Projects) {
				return &BallotError{Voter: b.Voter, Reason: fmt.Sprintf("unknown project index %d", x)}
			}
			if mark[x] == i+1 {
				return &BallotError{Voter: b.Voter, Reason: fmt.Sprintf("project %q listed twice", in.Projects[x].ID)}
			}
			mark[x] = i + 1
		}
		if b.Points != nil && len(b.Points) != len(b.Projects) {
			return &BallotError{Voter: b.Voter, Reason: fmt.Sprintf("%d points for %d projects", len(b.Points), len(b.Projects))}
		}
		for _, p := range b.Points {
			if p < 0 {
				return &BallotError{Voter: b.Voter, Reason: fmt.Sprintf("negative points %d", p)}
			}
		}
	}
	return nil
}
