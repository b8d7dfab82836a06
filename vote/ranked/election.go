package ranked

import (
	"fmt"
	"slices"
)

// Ballot is one ranked ballot, or Weight identical ones. Ranking lists
// candidate indices (into Election.Candidates), most preferred first; a
// candidate appears at most once. Scores is used only by score voting: one
// score per candidate (len(Scores) == len(Candidates)), or nil.
type Ballot struct {
	Weight  int64   `json:"weight"`
	Ranking []int   `json:"ranking,omitempty"`
	Scores  []int64 `json:"scores,omitempty"`
}

// Election is the input of every ranked method: the candidates, the number
// of seats written in the ballot file (0 if the file does not say), and the
// ballots. Candidate names are the ids reported in results, exactly as they
// appear in the input.
type Election struct {
	Title      string   `json:"title,omitempty"`
	Candidates []string `json:"candidates"`
	Seats      int      `json:"seats,omitempty"`
	Ballots    []Ballot `json:"ballots"`
}

// Validate checks that e can be counted: at least one candidate, unique
// names, and ballots with a positive weight, known candidates and no
// repeated ranking. It returns ErrInvalidElection or a *BallotError.
func (e Election) Validate() error {
	if len(e.Candidates) == 0 {
		return fmt.Errorf("%w: no candidates", ErrInvalidElection)
	}
	seen := make(map[string]bool, len(e.Candidates))
	for _, c := range e.Candidates {
		if seen[c] {
			return fmt.Errorf("%w: candidate %q listed twice", ErrInvalidElection, c)
		}
		seen[c] = true
	}
	if e.Seats < 0 {
		return fmt.Errorf("%w: seats %d is negative", ErrInvalidElection, e.Seats)
	}
	n := len(e.Candidates)
	mark := make([]int, n)
	for i, b := range e.Ballots {
		if b.Weight <= 0 {
			return &BallotError{Index: i, Reason: fmt.Sprintf("weight %d is not positive", b.Weight)}
		}
		for _, c := range b.Ranking {
			if c < 0 || c >= n {
				return &BallotError{Index: i, Reason: fmt.Sprintf("unknown candidate index %d", c)}
			}
			if mark[c] == i+1 {
				return &BallotError{Index: i, Reason: fmt.Sprintf("candidate %q ranked twice", e.Candidates[c])}
			}
			mark[c] = i + 1
		}
		if b.Scores != nil && len(b.Scores) != n {
			return &BallotError{Index: i, Reason: fmt.Sprintf("%d scores for %d candidates", len(b.Scores), n)}
		}
	}
	return nil
}

// Index returns the index of the candidate named name, or -1.
func (e Election) Index(name string) int { return slices.Index(e.Candidates, name) }

// TotalWeight returns the number of ballots, counting weights.
func (e Election) TotalWeight() int64 {
	var t int64
	for _, b := range e.Ballots {
		t += b.Weight
	}
	return t
}
