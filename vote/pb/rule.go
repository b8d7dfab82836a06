package pb

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/gongzhi/gongzhi/internal/strictjson"

	"github.com/shopspring/decimal"

	"github.com/gongzhi/gongzhi/vote"
)

// Method names a participatory-budgeting rule.
type Method string

// The rules.
const (
	// Greedy sorts projects by score, highest first, and funds each one
	// that still fits in the budget, skipping those that do not.
	Greedy Method = "greedy"
	// EqualShares is the Method of Equal Shares (Peters, Pierczyński,
	// Skowron 2021): the budget is split equally among the voters and a
	// project is funded only by its supporters' shares.
	EqualShares Method = "mes"
)

// Score names what greedy sorts by.
type Score string

// The scores.
const (
	// Votes counts the ballots that include the project.
	Votes Score = "votes"
	// Points sums the points of cumulative and scoring ballots.
	Points Score = "points"
	// RankPoints gives RankPoints[p] to the project at position p of an
	// ordinal ballot.
	RankPoints Score = "rank_points"
)

// Utility names how much a supporter gains from a project under MES.
type Utility string

// The utilities.
const (
	// CostUtility: a supporter's utility is the project's cost (the
	// default of equalshares.net and of pabulib "Cost_Sat").
	CostUtility Utility = "cost"
	// ApprovalUtility: every supported project is worth 1.
	ApprovalUtility Utility = "approval"
	// PointsUtility: the points the voter gave the project.
	PointsUtility Utility = "points"
)

// Completion names how MES spends the budget it leaves over.
type Completion string

// The completions.
const (
	// NoCompletion stops when no project is affordable by its supporters.
	NoCompletion Completion = "none"
	// Add1 raises every voter's share by Step and reruns MES, as long as
	// the outcome still fits the real budget; it keeps the last outcome
	// that fits (stopping early when an outcome leaves no fundable project).
	Add1 Completion = "add1"
	// Add1Utilitarian is Add1 followed by greedy by votes within the budget
	// left over.
	Add1Utilitarian Completion = "add1_utilitarian"
	// Utilitarian completes plain MES with greedy by votes.
	Utilitarian Completion = "utilitarian"
)

// TieBreak orders projects that tie (equal score, or equal MES price).
type TieBreak string

// The tie-breaks.
const (
	// InputOrder prefers the project listed first in the instance.
	InputOrder TieBreak = "input_order"
	// VotesThenCost prefers more votes, then lower cost, then input order
	// (equalshares.net).
	VotesThenCost TieBreak = "votes_cost"
	// LowerCost prefers the cheaper project, then input order.
	LowerCost TieBreak = "lower_cost"
	// CostThenVotes prefers the cheaper project, then more votes, then
	// input order (equalshares.net reference implementation).
	CostThenVotes TieBreak = "cost_votes"
)

// Rule configures a participatory-budgeting count. Zero values are
// documented defaults; only Method is required.
type Rule struct {
	// Method is greedy or mes (required).
	Method Method `json:"method"`
	// Budget overrides the instance's budget when set.
	Budget *decimal.Decimal `json:"budget,omitempty"`
	// Score is what greedy sorts by; "" means votes for approval ballots,
	// points for cumulative and scoring ballots, rank_points for ordinal.
	Score Score `json:"score,omitempty"`
	// RankPoints are the points for positions 1, 2, ... of an ordinal
	// ballot. Empty means L, L-1, ..., 1 where L is the META max_length or
	// else the longest ballot (Kraków: 3, 2, 1).
	RankPoints []int64 `json:"rank_points,omitempty"`
	// Utility is the MES utility; "" means cost.
	Utility Utility `json:"utility,omitempty"`
	// Completion is the MES completion; "" means none.
	Completion Completion `json:"completion,omitempty"`
	// Step is the per-voter increment of the Add1 completions; zero means 1
	// (one currency unit per voter).
	Step decimal.Decimal `json:"step,omitzero"`
	// FloorShare makes Add1 start from the per-voter share rounded down to
	// a whole currency unit, so the shares tried after plain MES are
	// floor(B/n)+Step, floor(B/n)+2*Step, ... (the equalshares.net reference
	// implementation). By default they are B/n+Step, B/n+2*Step, ...
	FloorShare bool `json:"floor_share,omitempty"`
	// UntilOverBudget makes Add1 keep raising the shares after an outcome
	// that leaves no fundable project, stopping only before the first share
	// whose outcome costs more than the budget. By default Add1 stops at the
	// first exhaustive outcome (pabutools exhaustion_by_budget_increase,
	// equalshares.net reference code). The official Wieliczka 2023 result
	// needs it.
	UntilOverBudget bool `json:"until_over_budget,omitempty"`
	// Search is how Add1 looks for the share it keeps: linear (the
	// default, every step in order) or bisect.
	Search Search `json:"search,omitempty"`
	// MaxSteps bounds the steps the linear Add1 search tries; 0 means
	// DefaultMaxSteps. The search never needs more steps than it takes for
	// the share to exceed the cost of all projects together (after that
	// nothing changes); if it reaches MaxSteps first, the count fails with
	// a *StepLimitError instead of keeping a truncated outcome.
	MaxSteps int `json:"max_steps,omitempty"`
	// StopAtFirstMisfit makes greedy stop at the first project (in order of
	// score) that does not fit in what is left, instead of skipping it and
	// funding cheaper projects further down the list (Poznań 2023, Gdynia
	// 2020, Wrocław).
	StopAtFirstMisfit bool `json:"stop_at_first_misfit,omitempty"`
	// MinScore is the lowest greedy score (votes or points) a project needs
	// to be funded; 0 means no minimum.
	MinScore int64 `json:"min_score,omitempty"`
	// Pool, when set, is the share of the budget this count may spend, for
	// files that state one budget for several pools: the pool is
	// budget*Num/Den rounded down to a hundredth (Gdynia 2020 small
	// projects: 1/9 of the stated budget).
	Pool *Fraction `json:"pool,omitempty"`
	// TieBreak orders tied projects; "" means input_order for greedy and
	// votes_cost for MES.
	TieBreak TieBreak `json:"tie_break,omitempty"`
}

// Fraction is an exact share Num/Den.
type Fraction struct {
	Num int64 `json:"num"`
	Den int64 `json:"den"`
}

// of returns budget*Num/Den rounded down to a hundredth, exactly.
func (f Fraction) of(budget decimal.Decimal) decimal.Decimal {
	x := new(big.Rat).Mul(budget.Rat(), big.NewRat(f.Num, f.Den))
	cents := new(big.Int).Quo(new(big.Int).Mul(x.Num(), big.NewInt(100)), x.Denom())
	return decimal.NewFromBigInt(cents, -2)
}

// ParseRule decodes a JSON rule config and validates it. Unknown fields,
// duplicate keys, keys that differ from a field only by case and bad
// values return a *vote.ConfigError naming the field.
func ParseRule(data []byte) (Rule, error) {
	var r Rule
	if err := strictjson.Decode(data, &r); err != nil {
		var ce *vote.ConfigError
		if errors.As(err, &ce) {
			return Rule{}, ce
		}
		f, reason := "(document)", err.Error()
		var se *strictjson.Error
		if errors.As(err, &se) {
			reason = se.Reason
			if se.Field != "" {
				f = se.Field
			}
		}
		return Rule{}, &vote.ConfigError{Field: f, Reason: reason}
	}
	return r, r.Validate()
}

// Validate reports the first invalid field of r as a *vote.ConfigError.
func (r Rule) Validate() error {
	bad := func(field, format string, args ...any) error {
		return &vote.ConfigError{Field: field, Reason: fmt.Sprintf(format, args...)}
	}
	switch r.Method {
	case Greedy, EqualShares:
	case "":
		return bad("method", "missing; one of greedy, mes")
	default:
		return bad("method", "unknown method %q; one of greedy, mes", r.Method)
	}
	if r.Budget != nil && r.Budget.IsNegative() {
		return bad("budget", "must not be negative, got %s", r.Budget)
	}
	switch r.Score {
	case "", Votes, Points, RankPoints:
	default:
		return bad("score", "unknown score %q; one of votes, points, rank_points", r.Score)
	}
	if r.Score != "" && r.Method != Greedy {
		return bad("score", "applies to method greedy only")
	}
	for i, p := range r.RankPoints {
		if p < 0 {
			return bad(fmt.Sprintf("rank_points[%d]", i), "must not be negative, got %d", p)
		}
	}
	switch r.Utility {
	case "", CostUtility, ApprovalUtility, PointsUtility:
	default:
		return bad("utility", "unknown utility %q; one of cost, approval, points", r.Utility)
	}
	switch r.Completion {
	case "", NoCompletion, Add1, Add1Utilitarian, Utilitarian:
	default:
		return bad("completion", "unknown completion %q; one of none, add1, add1_utilitarian, utilitarian", r.Completion)
	}
	if r.Method != EqualShares && (r.Utility != "" || (r.Completion != "" && r.Completion != NoCompletion)) {
		return bad("completion", "utility and completion apply to method mes only")
	}
	if r.Step.IsNegative() {
		return bad("step", "must be positive, got %s", r.Step)
	}
	if r.MaxSteps < 0 {
		return bad("max_steps", "must not be negative, got %d", r.MaxSteps)
	}
	if (r.StopAtFirstMisfit || r.MinScore != 0) && r.Method != Greedy {
		return bad("stop_at_first_misfit", "stop_at_first_misfit and min_score apply to method greedy only")
	}
	if r.MinScore < 0 {
		return bad("min_score", "must not be negative, got %d", r.MinScore)
	}
	if r.Pool != nil && (r.Pool.Num <= 0 || r.Pool.Den <= 0 || r.Pool.Num > r.Pool.Den) {
		return bad("pool", "must be a fraction num/den with 0 < num <= den, got %d/%d", r.Pool.Num, r.Pool.Den)
	}
	switch r.Search {
	case "":
	case Linear, Bisect:
		if r.Completion != Add1 && r.Completion != Add1Utilitarian {
			return bad("search", "applies to the add1 completions only")
		}
	default:
		return bad("search", "unknown search %q; one of linear, bisect", r.Search)
	}
	switch r.TieBreak {
	case "", InputOrder, VotesThenCost, LowerCost, CostThenVotes:
	default:
		return bad("tie_break", "unknown tie-break %q; one of input_order, votes_cost, lower_cost, cost_votes", r.TieBreak)
	}
	return nil
}
