package sheet

import (
	"fmt"

	"github.com/gongzhi/gongzhi/vote"
)

// Layout is how a tally sheet is arranged.
type Layout string

// The layouts.
const (
	Ballots    Layout = "ballots"    // one row per paper ballot
	Counts     Layout = "counts"     // one row per option with its total
	Households Layout = "households" // owners' decisions: one row per unit
)

// MaxRows bounds the rows of a sheet (a district-wide owners' vote is a few
// hundred thousand units at most).
const MaxRows = 1_000_000

// MaxColumns bounds the columns of a sheet: Excel's own limit (XFD), so
// that any workbook saved by a spreadsheet program fits.
const MaxColumns = 16_384

// Developer is the voter id of the developer, who holds the unsold units
// of a households sheet (SPC interpretation art. 9: counted as one owner).
const Developer vote.VoterID = "developer"

// Options say how to read a sheet. The zero value detects the layout and
// rejects a sheet with any bad row.
type Options struct {
	// Layout forces a layout; "" detects it from the rule and the header.
	Layout Layout
	// Options are the poll's options; a header cell names one by id or by
	// name. Nil makes every option column an option named by its header.
	Options []vote.Option
	// Roll names the registered voters (elections, motions with a
	// quorum); Eligible gives only their number. Roll wins if both are set.
	Roll     []string
	Eligible int
	// Cast is the number of ballots cast for a counts sheet; 0 takes it
	// from the sheet's total row (投票人数 / ballots cast), else from the
	// largest total.
	Cast int
	// SkipBadRows counts the rows that can be read and lists the others in
	// Info.Skipped, instead of failing with *Error.
	SkipBadRows bool
	// PollID is the id of the poll built; "" means "sheet".
	PollID vote.PollID
}

// Info describes how a sheet was read.
type Info struct {
	Layout Layout `json:"layout"`
	// Auditable is false for a counts sheet: the ballots were rebuilt from
	// totals and cannot be checked one by one.
	Auditable bool `json:"auditable"`
	// Rows is the number of data rows read (ballots, options or units).
	Rows int `json:"rows"`
	// Skipped lists the bad rows left out under Options.SkipBadRows.
	Skipped []RowError `json:"skipped,omitempty"`
}

// Result is a sheet read under a rule: the poll (its rule, options and
// voters) and the ballots, ready for vote.Tally.
type Result struct {
	Poll    vote.Poll
	Ballots []vote.Ballot
	Info    Info
}

// Read reads rows (the header first) as a tally sheet for rule. It is pure
// and deterministic. A header that does not fit is a *HeaderError; bad rows
// are an *Error listing them all (unless opts.SkipBadRows and some row is
// good); nothing is returned but the error. A ballots or counts sheet with
// no rows below its header reads as no ballots; counting them
// (catalog.CountSheet) refuses with catalog.ErrNoBallots.
func Read(rule vote.Rule, rows [][]string, opts Options) (Result, error) {
	if err := rule.Validate(); err != nil {
		return Result{}, err
	}
	if len(rows) == 0 {
		return Result{}, &HeaderError{Reason: "the sheet is empty"}
	}
	if len(rows) > MaxRows {
		return Result{}, &HeaderError{Reason: fmt.Sprintf("%d rows; at most %d", len(rows), MaxRows)}
	}
	if len(rows[0]) > MaxColumns {
		return Result{}, &HeaderError{Reason: fmt.Sprintf("%d columns; at most %d", len(rows[0]), MaxColumns)}
	}
	h := readHeader(rows[0])
	layout := opts.Layout
	if layout == "" {
		layout = h.detect(rule)
	}
	r := &reader{rule: rule, opts: opts, h: h, poll: vote.Poll{ID: opts.PollID, Rule: rule}}
	if r.poll.ID == "" {
		r.poll.ID = "sheet"
	}
	rows = r.unheaded(rows)
	unheaded := len(r.bad) > 0
	var err error
	switch layout {
	case Ballots:
		err = r.ballots(rows[1:])
	case Counts:
		err = r.counts(rows[1:])
	case Households:
		err = r.households(rows[1:])
	default:
		return Result{}, &HeaderError{Reason: fmt.Sprintf("unknown layout %q", layout)}
	}
	if err != nil {
		return Result{}, err
	}
	if unheaded {
		r.sortBad()
	}
	// Skipping bad rows counts the rest; when no row is left there is
	// nothing to count, and the bad rows are the answer.
	if len(r.bad) > 0 && (!opts.SkipBadRows || len(r.out) == 0) {
		return Result{}, &Error{Rows: r.bad}
	}
	return Result{Poll: r.poll, Ballots: r.out, Info: Info{Layout: layout, Auditable: layout != Counts, Rows: r.rows, Skipped: r.bad}}, nil
}

// reader holds the state of one Read.
type reader struct {
	rule vote.Rule
	opts Options
	h    header
	poll vote.Poll
	out  []vote.Ballot
	bad  []RowError
	rows int
	seq  int // rebuilt ballots numbered so far
	// byName finds an option by id or name (optionID).
	byName map[string]vote.OptionID
}

// roll sets the poll's voters from the options: the named roll, or
// Eligible anonymous entries.
func (r *reader) roll() error {
	switch {
	case len(r.opts.Roll) > 0:
		seen := map[string]bool{}
		for i, n := range r.opts.Roll {
			n = clean(n)
			if n == "" || seen[n] {
				return &HeaderError{Reason: fmt.Sprintf("roll entry %d is empty or repeated (%q)", i+1, n)}
			}
			seen[n] = true
			r.poll.Voters = append(r.poll.Voters, vote.Voter{ID: vote.VoterID(n)})
		}
	case r.opts.Eligible > 0:
		if r.opts.Eligible > MaxRows*10 {
			return &HeaderError{Reason: fmt.Sprintf("%d eligible voters is implausible", r.opts.Eligible)}
		}
		for i := range r.opts.Eligible {
			r.poll.Voters = append(r.poll.Voters, vote.Voter{ID: vote.VoterID(fmt.Sprintf("roll-%07d", i+1))})
		}
	}
	if len(r.poll.Voters) == 0 && needsRoll(r.rule) {
		return &HeaderError{Reason: fmt.Sprintf("rule %s counts the registered voters: give the roll or its size", r.rule.Method)}
	}
	return nil
}

func needsRoll(r vote.Rule) bool {
	return r.Method == vote.MethodElection || r.Quorum != nil ||
		(r.Threshold != nil && r.Threshold.Base == vote.BaseEligible)
}
