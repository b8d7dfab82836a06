package sheet

import (
	"fmt"
	"strconv"
)

// RowCode says why a row is bad, as a stable code that a report renders in
// its own language; RowError.Reason holds the English text and
// RowError.Args the values the code's message names, in order.
type RowCode string

// The reasons a row is bad. The comment names the Args.
const (
	RowMissingBallot    RowCode = "missing-ballot-number" //
	RowDuplicateBallot  RowCode = "duplicate-ballot"      // ballot, earlier row
	RowMissingVoter     RowCode = "missing-voter"         //
	RowVoterVoted       RowCode = "voter-voted"           // voter, earlier row
	RowNotOnRoll        RowCode = "not-on-roll"           // voter
	RowAmbiguousMark    RowCode = "ambiguous-mark"        // cell
	RowUnreadableMark   RowCode = "unreadable-mark"       // cell
	RowNotWholeNumber   RowCode = "not-whole-number"      // cell
	RowImplausibleCount RowCode = "implausible-count"     // cell, most
	RowPerOptionVotes   RowCode = "per-option-votes"      // votes on the option, votes per ballot
	RowUnreadableChoice RowCode = "unreadable-choice"     // cell
	RowUnknownLevel     RowCode = "unknown-level"         // cell, levels
	RowBadArea          RowCode = "bad-area"              // cell
	RowImplausibleArea  RowCode = "implausible-area"      // cell
	RowTotalsMismatch   RowCode = "totals-mismatch"       // total written, total of the ballots
	RowMissingOption    RowCode = "missing-option"        //
	RowDuplicateOption  RowCode = "duplicate-option"      // option, earlier row
	RowMotionAnswer     RowCode = "motion-answer"         // name
	RowUnknownOption    RowCode = "unknown-option"        // name
	RowAnswersOverMax   RowCode = "answers-over-max"      // most
	RowCastMismatch     RowCode = "cast-mismatch"         // ballots cast, sum of the answers
	RowVotesOverCast    RowCode = "votes-over-cast"       // votes, ballots cast
	RowMarksDoNotFit    RowCode = "marks-do-not-fit"      // marks, ballots cast, marks per ballot
	RowMissingUnit      RowCode = "missing-unit"          //
	RowDuplicateUnit    RowCode = "duplicate-unit"        // unit, earlier row
	RowDeveloperName    RowCode = "developer-name"        // owner
	RowOwnerConflict    RowCode = "owner-conflict"        // owner, earlier answer, earlier row, this answer
	RowFooterLine       RowCode = "footer-line"           // cell
	RowUnheadedCell     RowCode = "unheaded-cell"         // column letter, cell
	RowStatsMismatch    RowCode = "stats-mismatch"        // label, value written, value expected
	RowInvalidInCounts  RowCode = "invalid-in-counts"     // invalid ballots
	RowOtherCellProblem RowCode = "cell"                  // the error's text (English)
)

// RowCodes lists every code, so that a report's translations can be
// checked for completeness.
func RowCodes() []RowCode {
	return []RowCode{RowMissingBallot, RowDuplicateBallot, RowMissingVoter, RowVoterVoted, RowNotOnRoll,
		RowAmbiguousMark, RowUnreadableMark, RowNotWholeNumber, RowImplausibleCount, RowPerOptionVotes,
		RowUnreadableChoice, RowUnknownLevel, RowBadArea, RowImplausibleArea, RowTotalsMismatch,
		RowMissingOption, RowDuplicateOption, RowMotionAnswer, RowUnknownOption, RowAnswersOverMax,
		RowCastMismatch, RowVotesOverCast, RowMarksDoNotFit, RowMissingUnit, RowDuplicateUnit,
		RowDeveloperName, RowOwnerConflict, RowFooterLine, RowUnheadedCell, RowStatsMismatch, RowInvalidInCounts, RowOtherCellProblem}
}

// cellError is why a cell cannot be read: its code and arguments, and the
// English text.
type cellError struct {
	code RowCode
	args []string
	text string
}

func (e *cellError) Error() string { return e.text }

func cellErr(code RowCode, text string, args ...string) error {
	return &cellError{code: code, args: args, text: text}
}

// failCode records a bad row with its code, arguments and English reason.
func (r *reader) failCode(row int, column string, code RowCode, args []string, format string, a ...any) {
	r.bad = append(r.bad, RowError{Row: row, Column: column, Code: code, Args: args, Reason: fmt.Sprintf(format, a...)})
}

// failCell records a bad cell from the error a cell reader returned.
func (r *reader) failCell(row int, column string, err error) {
	if ce, ok := err.(*cellError); ok {
		r.failCode(row, column, ce.code, ce.args, "%s", ce.text)
		return
	}
	r.failCode(row, column, RowOtherCellProblem, []string{err.Error()}, "%v", err)
}

func itoa[T int | int64](n T) string { return strconv.FormatInt(int64(n), 10) }
