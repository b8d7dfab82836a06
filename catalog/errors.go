package catalog

import "errors"

var (
	// ErrUnknown reports a preset name, kind or rule method that the
	// catalogue does not know.
	ErrUnknown = errors.New("catalog: unknown")
	// ErrMismatch reports ballots that the rule cannot count: a
	// participatory budget under a ranked rule, ranked ballots under a
	// budget rule, and so on.
	ErrMismatch = errors.New("catalog: ballots do not fit the rule")
	// ErrSeats reports a preset that counts seats given no number of seats.
	ErrSeats = errors.New("catalog: the rule needs the number of seats")
	// ErrNoBallots reports a count of vote ballots with none to count: a
	// tally sheet with only its header, an empty JSON Lines file. A count
	// of nothing announces no result (no "passed: none"), as a ranked
	// count refuses with ranked.ErrNoBallots.
	ErrNoBallots = errors.New("catalog: no ballots to count")
)
