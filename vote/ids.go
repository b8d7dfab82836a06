package vote

import "github.com/shopspring/decimal"

// PollID identifies a poll (a ballot box).
type PollID string

// OptionID identifies an option of a poll: a project, a candidate, an item
// of a satisfaction survey.
type OptionID string

// VoterID identifies an eligible voter: a representative, a resident, an
// owner (see CountOwners for how owners are counted).
type VoterID string

// BallotID identifies a ballot within its poll. In a secret poll it is an
// unpredictable token held by the voter, so that the voter can find their
// ballot in the published list and nobody else can link it to them.
type BallotID string

// Option is one choice offered by a poll.
type Option struct {
	ID   OptionID `json:"id"`
	Name string   `json:"name,omitempty"`
}

// Voter is one entry of a poll's eligibility list. Weight is the voter's
// weight in weighted rules: the exclusive area (专有部分面积, m²) of an
// owner in a double-majority vote. Unweighted rules ignore it.
type Voter struct {
	ID     VoterID         `json:"id"`
	Name   string          `json:"name,omitempty"`
	Weight decimal.Decimal `json:"weight,omitzero"`
}
