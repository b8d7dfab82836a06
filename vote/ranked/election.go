package ranked

import (
	"fmt"
	"math"
	"slices"
)

// Ballot is one ranked ballot, or Weight identical ones. Ranking lists
// candidate indices (into Election.Candidates), most preferred first; a
// candidate appears at most once.
//
// Equal, when set, marks equal rankings (written "2=3" in a BLT file):
// Equal[i] reports that Ranking[i] shares the rank of Ranking[i-1], so
// len(Equal) == len(Ranking) and Equal[0] is false. The pairwise methods
// (Condorcet, Schulze, Copeland) count two equally ranked candidates as
// neither preferred to the other; every other method refuses such a ballot
// with a *BallotError (read the file with the ballots truncated at the
// first equal ranking to count it as Scottish and ERS rules do).
//
// Scores is used only by score voting, densely or sparsely. Dense: one
// score per candidate (len(Scores) == len(Candidates)) and Scored nil.
// Sparse: Scores[i] is the score of candidate Scored[i] (len(Scores) ==
// len(Scored), each candidate at most once) and every other candidate
// scores 0, so that a ballot costs memory for what it says, not for the
// number of candidates. Scores nil means no scores.
type Ballot struct {
	Weight  int64   `json:"weight"`
	Ranking []int   `json:"ranking,omitempty"`
	Equal   []bool  `json:"equal,omitempty"`
	Scores  []int64 `json:"scores,omitempty"`
	Scored  []int   `json:"scored,omitempty"`
}

// HasEqual reports whether b ranks two candidates equal.
func (b Ballot) HasEqual() bool {
	return slices.Contains(b.Equal, true)
}

// Score returns the i-th score of b and the candidate it belongs to, in
// either the dense or the sparse form; i runs over 0..len(b.Scores)-1.
func (b Ballot) Score(i int) (candidate int, score int64) {
	if b.Scored != nil {
		return b.Scored[i], b.Scores[i]
	}
	return i, b.Scores[i]
}

// Election is the input of every ranked method: the candidates, the number
// of seats written in the ballot file (0 if the file does not say), and the
// ballots. Candidate names are the ids reported in results, exactly as they
// appear in the input.
//
// Withdrawn lists the indices of candidates withdrawn before the count (a
// BLT "-k" line): they stay in Candidates so that names and numbers match
// the file, and ballot readers leave them out of every ranking. Parties,
// when set, gives each candidate's party as published beside the name
// (parallel to Candidates, "" for none), so that a name stays the name the
// voters read.
type Election struct {
	Title      string   `json:"title,omitempty"`
	Candidates []string `json:"candidates"`
	Parties    []string `json:"parties,omitempty"`
	Withdrawn  []int    `json:"withdrawn,omitempty"`
	Seats      int      `json:"seats,omitempty"`
	Ballots    []Ballot `json:"ballots"`
}

// Validate checks that e can be counted: at least one candidate, unique
// names, ballots with a positive weight, known candidates and no repeated
// ranking, and weights that add up to at most math.MaxInt64 (so that
// TotalWeight and every per-candidate count are exact in int64). It
// returns ErrInvalidElection or a *BallotError.
func (e Election) Validate() error {
	_, err := e.validate()
	return err
}

// summary is what validate learns on its one pass over the ballots, so
// that Tally need not pass over them again.
type summary struct {
	total      int64 // the weights added up
	firstEqual int   // index of the first ballot ranking candidates equal, or -1
	anyRanked  bool  // some ballot ranks a candidate
	anyScores  bool  // some ballot has scores (Scores not nil)
	ranks      int   // the rankings' lengths added up
}

func (e Election) validate() (summary, error) {
	sum := summary{firstEqual: -1}
	fail := func(err error) (summary, error) { return summary{}, err }
	if len(e.Candidates) == 0 {
		return fail(fmt.Errorf("%w: no candidates", ErrInvalidElection))
	}
	seen := make(map[string]bool, len(e.Candidates))
	for _, c := range e.Candidates {
		if seen[c] {
			return fail(fmt.Errorf("%w: candidate %q listed twice", ErrInvalidElection, c))
		}
		seen[c] = true
	}
	if e.Seats < 0 {
		return fail(fmt.Errorf("%w: seats %d is negative", ErrInvalidElection, e.Seats))
	}
	n := len(e.Candidates)
	if e.Parties != nil && len(e.Parties) != n {
		return fail(fmt.Errorf("%w: %d parties for %d candidates", ErrInvalidElection, len(e.Parties), n))
	}
	mark := make([]int, n)
	for _, c := range e.Withdrawn {
		if c < 0 || c >= n || mark[c] != 0 {
			return fail(fmt.Errorf("%w: withdrawn candidate index %d is unknown or repeated", ErrInvalidElection, c))
		}
		mark[c] = -1
	}
	clear(mark)
	var total int64
	for i := range e.Ballots {
		b := &e.Ballots[i] // not a copy: the struct is large, the pass is hot
		sum.ranks += len(b.Ranking)
		sum.anyScores = sum.anyScores || b.Scores != nil
		if sum.firstEqual < 0 && b.Equal != nil && b.HasEqual() {
			sum.firstEqual = i
		}
		if b.Weight <= 0 {
			return fail(&BallotError{Index: i, Reason: fmt.Sprintf("weight %d is not positive", b.Weight)})
		}
		if total > math.MaxInt64-b.Weight {
			return fail(fmt.Errorf("%w: ballot weights add up to more than %d (from ballot %d on)", ErrInvalidElection, int64(math.MaxInt64), i))
		}
		total += b.Weight
		for _, c := range b.Ranking {
			if c < 0 || c >= n {
				return fail(&BallotError{Index: i, Reason: fmt.Sprintf("unknown candidate index %d", c)})
			}
			if mark[c] == i+1 {
				return fail(&BallotError{Index: i, Reason: fmt.Sprintf("candidate %q ranked twice", e.Candidates[c])})
			}
			mark[c] = i + 1
		}
		if b.Equal != nil && (len(b.Equal) != len(b.Ranking) || len(b.Equal) > 0 && b.Equal[0]) {
			return fail(&BallotError{Index: i, Reason: fmt.Sprintf("%d equal-rank marks for %d ranks (the first must be false)", len(b.Equal), len(b.Ranking))})
		}
		if b.Scored != nil {
			if len(b.Scores) != len(b.Scored) {
				return fail(&BallotError{Index: i, Reason: fmt.Sprintf("%d scores for %d scored candidates", len(b.Scores), len(b.Scored))})
			}
			for _, c := range b.Scored {
				if c < 0 || c >= n {
					return fail(&BallotError{Index: i, Reason: fmt.Sprintf("unknown scored candidate index %d", c)})
				}
				if mark[c] == -(i + 1) {
					return fail(&BallotError{Index: i, Reason: fmt.Sprintf("candidate %q scored twice", e.Candidates[c])})
				}
				mark[c] = -(i + 1)
			}
		} else if b.Scores != nil && len(b.Scores) != n {
			return fail(&BallotError{Index: i, Reason: fmt.Sprintf("%d scores for %d candidates", len(b.Scores), n)})
		}
	}
	sum.total = total
	sum.anyRanked = sum.ranks > 0
	return sum, nil
}

// Index returns the index of the candidate named name, or -1.
func (e Election) Index(name string) int { return slices.Index(e.Candidates, name) }

// total is TotalWeight for an election that passed Validate (no check
// needed: the sum fits).
func (e Election) total() int64 {
	var t int64
	for _, b := range e.Ballots {
		t += b.Weight
	}
	return t
}

// TotalWeight returns the number of ballots, counting weights. It is exact
// for every election that passes Validate; for one whose weights add up to
// more than math.MaxInt64 it returns math.MaxInt64.
func (e Election) TotalWeight() int64 {
	var t int64
	for _, b := range e.Ballots {
		if b.Weight > 0 && t > math.MaxInt64-b.Weight {
			return math.MaxInt64
		}
		t += b.Weight
	}
	return t
}
