package ranked

import (
	"errors"
	"fmt"
)

// ErrInvalidBallot is wrapped by every BallotError.
var ErrInvalidBallot = errors.New("ranked: invalid ballot")

// ErrInvalidElection is returned when an Election cannot be counted at all:
// no candidates, duplicate candidate names, or more seats than candidates.
var ErrInvalidElection = errors.New("ranked: invalid election")

// ErrNoCandidates is returned (wrapped with ErrInvalidElection) when every
// candidate is withdrawn: nobody can be elected, and nobody is chosen by
// lot instead.
var ErrNoCandidates = errors.New("ranked: no eligible candidate")

// ErrNoBallots is returned (wrapped with ErrInvalidElection) when no ballot
// ranks or scores an eligible candidate: every candidate would tie at zero,
// and the count refuses rather than decide by lot.
var ErrNoBallots = errors.New("ranked: no ballots for an eligible candidate")

// ErrNoConvergence is returned when Meek's iteration does not settle within
// its iteration limit. It never happens with the default settings on real
// data; the limit only keeps a hostile input from looping for ever.
var ErrNoConvergence = errors.New("ranked: meek iteration did not converge")

// BallotError reports why a ballot was rejected. Index is the position of
// the ballot in Election.Ballots (0-based).
type BallotError struct {
	Index  int
	Reason string
}

// Error names the ballot and the reason.
func (e *BallotError) Error() string {
	return fmt.Sprintf("ranked: ballot %d: %s", e.Index, e.Reason)
}

// Unwrap returns ErrInvalidBallot.
func (e *BallotError) Unwrap() error { return ErrInvalidBallot }
