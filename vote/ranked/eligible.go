package ranked

import (
	"fmt"
	"slices"
)

// eligible checks that e has something to decide under r and returns the
// election actually counted: e itself, or, when candidates are withdrawn,
// e without them (their names, parties, rankings and scores removed, the
// ballots kept in order so that ballot indices in errors still match).
// Withdrawn candidates are therefore never elected, never ranked and never
// given points by any method; Borda counts positions among the eligible
// candidates only.
//
// It refuses, instead of deciding by lot: an election whose candidates are
// all withdrawn (ErrNoCandidates), one where no ballot ranks or scores an
// eligible candidate (ErrNoBallots), and more seats than eligible
// candidates (ErrInvalidElection), for every method.
func eligible(r Rule, e Election) (Election, error) {
	n := len(e.Candidates) - len(e.Withdrawn)
	if n == 0 {
		return e, fmt.Errorf("%w: %w: all %d candidates are withdrawn", ErrInvalidElection, ErrNoCandidates, len(e.Candidates))
	}
	if s := r.seats(e); s > n {
		return e, fmt.Errorf("%w: %d seats for %d eligible candidates", ErrInvalidElection, s, n)
	}
	if len(e.Withdrawn) > 0 {
		e = withoutWithdrawn(e)
	}
	for _, b := range e.Ballots {
		if len(b.Ranking) > 0 || (r.Method == Score && b.Scores != nil) {
			return e, nil
		}
	}
	return e, fmt.Errorf("%w: %w: none of %d ballots ranks or scores an eligible candidate", ErrInvalidElection, ErrNoBallots, len(e.Ballots))
}

// withoutWithdrawn returns a copy of e without its withdrawn candidates,
// with every index renumbered. e must be valid.
func withoutWithdrawn(e Election) Election {
	out := e
	out.Withdrawn = nil
	newIdx := make([]int, len(e.Candidates))
	for _, c := range e.Withdrawn {
		newIdx[c] = -1
	}
	out.Candidates = nil
	out.Parties = nil
	for c, name := range e.Candidates {
		if newIdx[c] < 0 {
			continue
		}
		newIdx[c] = len(out.Candidates)
		out.Candidates = append(out.Candidates, name)
		if e.Parties != nil {
			out.Parties = append(out.Parties, e.Parties[c])
		}
	}
	out.Ballots = make([]Ballot, len(e.Ballots))
	for i, b := range e.Ballots {
		nb := Ballot{Weight: b.Weight}
		group, prevGroup := 0, -1
		for k, c := range b.Ranking {
			if k > 0 && (b.Equal == nil || !b.Equal[k]) {
				group++
			}
			if newIdx[c] < 0 {
				continue
			}
			if b.Equal != nil {
				nb.Equal = append(nb.Equal, len(nb.Ranking) > 0 && group == prevGroup)
			}
			nb.Ranking = append(nb.Ranking, newIdx[c])
			prevGroup = group
		}
		if b.Equal != nil && nb.Equal == nil {
			nb.Equal = []bool{}
		}
		if b.Ranking != nil && nb.Ranking == nil {
			nb.Ranking = []int{}
		}
		switch {
		case b.Scores == nil:
		case b.Scored != nil:
			nb.Scores, nb.Scored = []int64{}, []int{}
			for k, c := range b.Scored {
				if newIdx[c] >= 0 {
					nb.Scores, nb.Scored = append(nb.Scores, b.Scores[k]), append(nb.Scored, newIdx[c])
				}
			}
		default:
			nb.Scores = make([]int64, 0, len(out.Candidates))
			for c, s := range b.Scores {
				if newIdx[c] >= 0 {
					nb.Scores = append(nb.Scores, s)
				}
			}
		}
		out.Ballots[i] = nb
	}
	return out
}

// withdrawnNames returns the names of e's withdrawn candidates, in the
// order of Candidates.
func withdrawnNames(e Election) []string {
	if len(e.Withdrawn) == 0 {
		return nil
	}
	w := slices.Sorted(slices.Values(e.Withdrawn))
	out := make([]string, len(w))
	for i, c := range w {
		out[i] = e.Candidates[c]
	}
	return out
}
