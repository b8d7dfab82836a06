package vote

import "errors"

// ErrInvalidConfig is wrapped by every error that rejects a rule config.
var ErrInvalidConfig = errors.New("vote: invalid rule config")

// ConfigError names the field of a rule config that is invalid and why.
type ConfigError struct {
	Field  string // JSON path of the offending field, e.g. "threshold.den"
	Reason string
}

// Error implements the error interface.
func (e *ConfigError) Error() string {
	return "vote: invalid rule config: " + e.Field + ": " + e.Reason
}

// Unwrap returns ErrInvalidConfig.
func (e *ConfigError) Unwrap() error { return ErrInvalidConfig }

// Sentinel errors of the ballot box. Stores return them (wrapped or not);
// callers test with errors.Is.
var (
	// ErrNotFound: no poll (or ballot) with that id.
	ErrNotFound = errors.New("vote: not found")
	// ErrExists: a poll with that id already exists.
	ErrExists = errors.New("vote: already exists")
	// ErrConflict: the poll changed since it was read (version mismatch),
	// or a ballot id is already used by another ballot.
	ErrConflict = errors.New("vote: version conflict")
	// ErrAlreadyVoted: the voter already cast a different ballot and the
	// rule does not allow changing it.
	ErrAlreadyVoted = errors.New("vote: voter already voted")
	// ErrInvalidBallot is wrapped by every *BallotError.
	ErrInvalidBallot = errors.New("vote: invalid ballot")
	// ErrNotEligible: the voter is not on the poll's eligibility list.
	ErrNotEligible = errors.New("vote: voter not eligible")
	// ErrWrongState is wrapped by every *StateError: the operation is not
	// allowed in the poll's state or outside its opening window.
	ErrWrongState = errors.New("vote: operation not allowed in this poll state")
	// ErrInvalidPoll is wrapped by *PollError: the poll definition is
	// inconsistent (duplicate options, no voters where needed, ...).
	ErrInvalidPoll = errors.New("vote: invalid poll")
)

// BallotError reports why a ballot was rejected or counted as invalid.
type BallotError struct {
	Ballot BallotID
	Option OptionID // empty when the whole ballot is at fault
	// Code is the reason's code when the ballot's content is at fault
	// (see RejectCode), empty otherwise.
	Code   RejectCode
	Reason string // "too many votes", "unknown option", ...
}

// Error implements the error interface.
func (e *BallotError) Error() string {
	s := "vote: invalid ballot"
	if e.Ballot != "" {
		s += " " + string(e.Ballot)
	}
	if e.Option != "" {
		s += ": option " + string(e.Option)
	}
	return s + ": " + e.Reason
}

// Unwrap returns ErrInvalidBallot.
func (e *BallotError) Unwrap() error { return ErrInvalidBallot }

// StateError reports an operation refused because of the poll's state.
type StateError struct {
	Poll  PollID
	State State
	Op    string // "cast", "open", "close", "tally", "update"
	// Reason adds detail, such as "before the opening time".
	Reason string
}

// Error implements the error interface.
func (e *StateError) Error() string {
	s := "vote: poll " + string(e.Poll) + " is " + string(e.State) + ": cannot " + e.Op
	if e.Reason != "" {
		s += " (" + e.Reason + ")"
	}
	return s
}

// Unwrap returns ErrWrongState.
func (e *StateError) Unwrap() error { return ErrWrongState }

// PollError names the field of a poll definition that is invalid.
type PollError struct {
	Poll   PollID
	Field  string // "options[2].id", "voters", "rule.seats"
	Reason string
}

// Error implements the error interface.
func (e *PollError) Error() string {
	return "vote: invalid poll " + string(e.Poll) + ": " + e.Field + ": " + e.Reason
}

// Unwrap returns ErrInvalidPoll.
func (e *PollError) Unwrap() error { return ErrInvalidPoll }
