package ranked

import (
	"errors"
	"fmt"
)

// Limits bounds the work of the methods whose cost grows faster than the
// ballot file: a count that would pass a limit is refused before it
// starts, with a *LimitError naming the limit. A zero field means its
// default (DefaultLimits); a negative one means no limit.
//
// The defaults are far above every real election in the tests (the
// largest has 19 candidates) and keep a hostile file to seconds of CPU and
// tens of megabytes.
type Limits struct {
	// Candidates bounds IRV and STV counts, whose round records hold a
	// tally per continuing candidate per round (candidates squared).
	// Default 500.
	Candidates int `json:"candidates,omitempty"`
	// PairwiseCandidates bounds Condorcet, Schulze and Copeland: the
	// pairwise matrix takes candidates squared memory and Schulze's
	// strongest paths candidates cubed time. Default 500.
	PairwiseCandidates int `json:"pairwise_candidates,omitempty"`
	// MeekSeatCandidates bounds seats times candidates for Meek's method:
	// the exact numbers grow with the seats (9 digits per seat) and the
	// rounds with the candidates. Default 2000 (for example 20 seats and
	// 100 candidates).
	MeekSeatCandidates int `json:"meek_seat_candidates,omitempty"`
}

// DefaultLimits returns the limits used for zero fields of Limits.
func DefaultLimits() Limits {
	return Limits{Candidates: 500, PairwiseCandidates: 500, MeekSeatCandidates: 2000}
}

// ErrLimit is wrapped by every *LimitError.
var ErrLimit = errors.New("ranked: count exceeds a limit")

// LimitError reports a count refused before it started because it would
// pass one of the Limits.
type LimitError struct {
	Limit string // the Limits field, e.g. "PairwiseCandidates"
	Value int    // what the election needs
	Max   int    // the limit in force
}

// Error names the limit, the value and how to raise it.
func (e *LimitError) Error() string {
	return fmt.Sprintf("ranked: %d exceeds the limit Limits.%s = %d (raise it to count this election)", e.Value, e.Limit, e.Max)
}

// Unwrap returns ErrLimit.
func (e *LimitError) Unwrap() error { return ErrLimit }

// check refuses e under r if it would pass a limit. e is the election
// actually counted (without withdrawn candidates).
func (l Limits) check(r Rule, e Election) error {
	d := DefaultLimits()
	pick := func(v, def int) int {
		switch {
		case v == 0:
			return def
		case v < 0:
			return int(^uint(0) >> 1)
		}
		return v
	}
	n := len(e.Candidates)
	over := func(name string, value, limit int) error {
		if value > limit {
			return &LimitError{Limit: name, Value: value, Max: limit}
		}
		return nil
	}
	switch r.Method {
	case IRV, STV:
		if err := over("Candidates", n, pick(l.Candidates, d.Candidates)); err != nil {
			return err
		}
		if r.Transfer == Meek {
			return over("MeekSeatCandidates", r.seats(e)*n, pick(l.MeekSeatCandidates, d.MeekSeatCandidates))
		}
	case Condorcet, Schulze, Copeland:
		return over("PairwiseCandidates", n, pick(l.PairwiseCandidates, d.PairwiseCandidates))
	}
	return nil
}
