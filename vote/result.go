package vote

import (
	"github.com/shopspring/decimal"
)

// Result is the outcome of a tally with its reasoning as data: the counts,
// every threshold applied with its numbers, ties and how they were broken,
// and what must happen next (a revote, a runoff). It marshals to JSON and
// back without loss; Explain renders it for people.
type Result struct {
	Poll PollID `json:"poll,omitempty"`
	// Rule is the rule the ballots were counted under.
	Rule Rule `json:"rule"`

	// Eligible is the number of eligible voters (the length of the
	// eligibility list), Cast the number of ballots, Valid and Invalid
	// their split. Cast = Valid + Invalid.
	Eligible int64 `json:"eligible"`
	Cast     int64 `json:"cast"`
	Valid    int64 `json:"valid"`
	Invalid  int64 `json:"invalid"`
	// Rejected lists invalid ballots with their reasons, sorted by ballot
	// id: all of them, or the first MaxRejected in that order when there
	// are more (Invalid has the full count).
	Rejected []Rejection `json:"rejected,omitempty"`

	// EligibleWeight and CastWeight are the total weights (areas) of the
	// eligible voters and of those who cast a ballot (double majority).
	EligibleWeight decimal.Decimal `json:"eligible_weight,omitzero"`
	CastWeight     decimal.Decimal `json:"cast_weight,omitzero"`

	// Voted is the number of people who voted (Poll.Voted), 0 if not
	// known; Cast may not exceed it.
	Voted int64 `json:"voted,omitempty"`

	// Void is set when the poll cannot produce a result, with the reason:
	// more ballots than eligible voters or than people who voted, or the
	// quorum was not met.
	Void       bool   `json:"void,omitempty"`
	VoidReason string `json:"void_reason,omitempty"`

	// Checks lists every threshold applied, in the order applied.
	Checks []Check `json:"checks"`

	// Options has one entry per option in the poll's order; for motions
	// and double majorities the entries are yes, no and abstain.
	Options []OptionResult `json:"options,omitempty"`
	// Levels sums the satisfaction levels over all options, in the rule's
	// level order (satisfaction only).
	Levels []int64 `json:"levels,omitempty"`

	// Passed lists the options that met the threshold, most votes first
	// (ties in option order). Selected lists the priorities (top Select
	// of the passed) or the elected candidates, in order of votes.
	Passed   []OptionID `json:"passed,omitempty"`
	Selected []OptionID `json:"selected,omitempty"`
	// Adopted is the decision of a motion or double majority: true when
	// the quorum and every approval threshold were met.
	Adopted bool `json:"adopted"`

	// Ties lists the ties for the last places and how each was settled.
	Ties []Tie `json:"ties,omitempty"`
	// Revote lists the candidates tied for the last seats that the rule
	// did not separate: the law calls for a revote among them.
	Revote []OptionID `json:"revote,omitempty"`
	// Runoff is the second poll an election needs for its empty seats.
	Runoff *RunoffPlan `json:"runoff,omitempty"`

	// Steps narrates the count in order, one line per step.
	Steps []string `json:"steps,omitempty"`
	// Digest is the audit digest of the ballots counted (see Digest).
	Digest string `json:"digest,omitempty"`
}

// MaxRejected is the most invalid ballots a Result lists individually.
const MaxRejected = 100

// Rejection is an invalid ballot in a Result.
type Rejection struct {
	Ballot BallotID `json:"ballot,omitempty"`
	Option OptionID `json:"option,omitempty"`
	// Code says why, for a report in any language; Reason is its English
	// text. Limit is the number a code's message names (seats, votes) and
	// Value the text it quotes (an unknown answer or level).
	Code   RejectCode `json:"code,omitempty"`
	Limit  int        `json:"limit,omitempty"`
	Value  string     `json:"value,omitempty"`
	Reason string     `json:"reason"`
}

// OptionResult is the count for one option (or one answer of a motion).
type OptionResult struct {
	Option OptionID `json:"option"`
	// Votes is the number of marks (cumulative: votes) the option got;
	// for a motion, the number of ballots with that answer; for a
	// satisfaction vote, the number of answers about the option.
	Votes int64 `json:"votes"`
	// Weight is the area behind the answer (double majority).
	Weight decimal.Decimal `json:"weight,omitzero"`
	// Levels counts the satisfaction levels given to the option, in the
	// rule's level order; Satisfied is the sum of the satisfied levels.
	Levels    []int64 `json:"levels,omitempty"`
	Satisfied int64   `json:"satisfied,omitempty"`
	// Rank is 1 + the number of options with more votes (satisfaction:
	// more satisfied answers); tied options share a rank.
	Rank     int  `json:"rank"`
	Passed   bool `json:"passed"`
	Selected bool `json:"selected,omitempty"`
	// WriteIn marks a candidate named by voters, not listed (elections
	// with write-ins).
	WriteIn bool `json:"write_in,omitempty"`
}

// Check is one threshold applied: Count out of Base (the number of ballots
// or voters, or an area) against Ratio, and whether it was met.
type Check struct {
	// Name says what was checked: "quorum", "support", "satisfaction",
	// "participation area", "approval owners", "seat", "runoff".
	Name   string          `json:"name"`
	Option OptionID        `json:"option,omitempty"`
	Count  decimal.Decimal `json:"count"`
	Base   decimal.Decimal `json:"base"`
	// Of says what Base is: cast, valid, eligible, or for areas the same
	// words applied to area.
	Of    Base  `json:"of"`
	Ratio Ratio `json:"ratio"`
	Met   bool  `json:"met"`
}

// RunoffPlan is the second poll an election prepares for its empty seats
// (另行选举): the seats, the candidates (the best-placed unelected, in
// order of first-round votes) and the rule to count it by.
type RunoffPlan struct {
	Seats      int        `json:"seats"`
	Candidates []OptionID `json:"candidates"`
	Rule       Rule       `json:"rule"`
}

// Option returns the result for option id and whether it exists.
func (r Result) Option(id OptionID) (OptionResult, bool) {
	for _, o := range r.Options {
		if o.Option == id {
			return o, true
		}
	}
	return OptionResult{}, false
}

// Check returns the first check named name for option (empty for
// poll-wide checks) and whether it exists.
func (r Result) Check(name string, option OptionID) (Check, bool) {
	for _, c := range r.Checks {
		if c.Name == name && c.Option == option {
			return c, true
		}
	}
	return Check{}, false
}

func intCheck(name string, option OptionID, count, base int64, of Base, ratio Ratio) Check {
	return Check{Name: name, Option: option, Count: decimal.NewFromInt(count), Base: decimal.NewFromInt(base),
		Of: of, Ratio: ratio, Met: ratio.Met(count, base)}
}

func weightCheck(name string, count, base decimal.Decimal, of Base, ratio Ratio) Check {
	return Check{Name: name, Count: count, Base: base, Of: of, Ratio: ratio, Met: ratio.MetDecimal(count, base)}
}
