package vote

import (
	"fmt"
	"strings"
)

// RejectCode says why a ballot is invalid, as a stable code that a report
// renders in its own language; Rejection.Reason and BallotError.Reason
// hold the English text. Limit and Value of the Rejection fill in the
// number and the text the code's message needs.
type RejectCode string

// The reasons a ballot is invalid.
const (
	RejectMarksOnMotion        RejectCode = "marks-on-motion"        // a motion ballot marks options
	RejectNoChoice             RejectCode = "no-choice"              // a motion ballot without an answer
	RejectUnknownChoice        RejectCode = "unknown-choice"         // Value: the answer given
	RejectChoiceOnMarks        RejectCode = "choice-on-marks"        // a yes/no answer on a ballot that marks options
	RejectUnknownOption        RejectCode = "unknown-option"         // an option not on the ballot (no write-ins)
	RejectRepeatedVote         RejectCode = "repeated-vote"          // two votes for one option
	RejectOptionVotes          RejectCode = "option-votes"           // Limit: the votes one option may get
	RejectWriteInCount         RejectCode = "write-in-count"         // a write-in given a count or level
	RejectTooManyCandidates    RejectCode = "too-many-candidates"    // Limit: the seats
	RejectTooManyVotes         RejectCode = "too-many-votes"         // Limit: the votes per ballot
	RejectNegativeCount        RejectCode = "negative-count"         // a mark with a negative count
	RejectLevelOnMarks         RejectCode = "level-on-marks"         // a satisfaction level on a ballot that marks options
	RejectChoiceOnSatisfaction RejectCode = "choice-on-satisfaction" // a yes/no answer on a satisfaction ballot
	RejectCountOnLevel         RejectCode = "count-on-level"         // a satisfaction answer with a count
	RejectUnknownLevel         RejectCode = "unknown-level"          // Value: the level given
	RejectRepeatedAnswer       RejectCode = "repeated-answer"        // two answers about one option
)

// rejectEnglish is the English text of each code; %[1]d is Limit and
// %[2]q is Value.
var rejectEnglish = map[RejectCode]string{
	RejectMarksOnMotion:        "a motion ballot has a choice, not marks",
	RejectNoChoice:             "no choice",
	RejectUnknownChoice:        "unknown choice %[2]q",
	RejectChoiceOnMarks:        "a choice on a ballot that marks options",
	RejectUnknownOption:        "unknown option",
	RejectRepeatedVote:         "more than one vote for the option",
	RejectOptionVotes:          "more than %[1]d votes for the option",
	RejectWriteInCount:         "a write-in takes one plain mark",
	RejectTooManyCandidates:    "names more candidates than the %[1]d seats",
	RejectTooManyVotes:         "more than %[1]d votes",
	RejectNegativeCount:        "negative count",
	RejectLevelOnMarks:         "a level on a ballot that marks options",
	RejectChoiceOnSatisfaction: "a choice on a satisfaction ballot",
	RejectCountOnLevel:         "a satisfaction answer has no count",
	RejectUnknownLevel:         "unknown level %[2]q",
	RejectRepeatedAnswer:       "more than one answer for the option",
}

// RejectCodes lists every code, so that a report's translations can be
// checked for completeness.
func RejectCodes() []RejectCode {
	return []RejectCode{RejectMarksOnMotion, RejectNoChoice, RejectUnknownChoice, RejectChoiceOnMarks,
		RejectUnknownOption, RejectRepeatedVote, RejectOptionVotes, RejectWriteInCount,
		RejectTooManyCandidates, RejectTooManyVotes, RejectNegativeCount, RejectLevelOnMarks,
		RejectChoiceOnSatisfaction, RejectCountOnLevel, RejectUnknownLevel, RejectRepeatedAnswer}
}

// reject builds the Rejection of ballot id for code, with its English
// reason.
func reject(id BallotID, opt OptionID, code RejectCode, limit int, value string) *Rejection {
	reason := rejectEnglish[code]
	if strings.Contains(reason, "%") {
		// Every format has an explicit index, so an unused argument is
		// not reported as EXTRA.
		reason = fmt.Sprintf(reason, limit, value)
	}
	return &Rejection{Ballot: id, Option: opt, Code: code, Limit: limit, Value: value, Reason: reason}
}
