package ballotfile

import (
	"fmt"
	"slices"
)

// Construct names a deviation from a format's specification that the
// tolerant readers accept, because published files contain it. Strict
// mode (Options.Strict) refuses a file with any of them, naming each.
type Construct string

// The constructs the readers tolerate.
const (
	// BOM is a UTF-8 byte-order mark at the start of the file.
	BOM Construct = "bom"
	// CRLF is a line ending in a carriage return and line feed.
	CRLF Construct = "crlf"
	// BlankLine is an empty line where the format has none.
	BlankLine Construct = "blank-line"
	// CommentLine is a BLT line starting with "#" (ERS and OpenSTV files).
	CommentLine Construct = "comment-line"
	// TrailingComment is an OpenSTV comment after the data of a BLT line,
	// "12 1 2 0  # postal votes".
	TrailingComment Construct = "trailing-comment"
	// BallotWithoutZero is a BLT ballot line without its closing 0, which
	// OpenTally and the HWW description make optional.
	BallotWithoutZero Construct = "ballot-without-zero"
	// SkippedRank is OpenSTV's "-" for a rank left blank, "1 2 - 3 0"; the
	// ballot goes on to the next rank.
	SkippedRank Construct = "skipped-rank"
	// UnquotedName is a BLT candidate name without quotes.
	UnquotedName Construct = "unquoted-name"
	// UnquotedTitle is a BLT title without quotes.
	UnquotedTitle Construct = "unquoted-title"
	// SpreadsheetQuotes is a BLT name written with doubled quotes by a
	// spreadsheet export, `"""Name"" ""Party"""`: the name and party are
	// read apart (Election.Parties).
	SpreadsheetQuotes Construct = "spreadsheet-quotes"
	// EqualRanks is a BLT ballot ranking candidates equal, "2=3".
	EqualRanks Construct = "equal-ranks"
	// MetaWithoutHeader is a pabulib META section without its "key;value"
	// header line (the Warszawa 2017-2018 files).
	MetaWithoutHeader Construct = "meta-without-header"
	// CommaDecimal is a pabulib cost or amount with a decimal comma, "10,5".
	CommaDecimal Construct = "comma-decimal"
	// ExtraWhitespace is whitespace around a pabulib field or a section
	// name.
	ExtraWhitespace Construct = "extra-whitespace"
	// RepeatedMetaKey is a pabulib META key given twice with the same
	// value (with different values it is an error).
	RepeatedMetaKey Construct = "repeated-meta-key"
	// NoIDColumn is a pabulib PROJECTS header without project_id (the
	// first column is the id) or a VOTES header without voter_id (ballots
	// are numbered 1, 2, ... in file order), as pabutools reads them.
	NoIDColumn Construct = "no-id-column"
	// UnquotedSemicolon is a pabulib META value holding ";" without
	// quotes ("description;Budżet; edycja 2019"); the value keeps it.
	UnquotedSemicolon Construct = "unquoted-semicolon"
	// MissingFields is a pabulib PROJECTS or VOTES row with fewer fields
	// than its header, as exporters that drop empty trailing fields write
	// them; the missing fields are empty.
	MissingFields Construct = "missing-fields"
)

var constructText = map[Construct]string{
	BOM:               "byte-order mark",
	CRLF:              "CRLF line ends",
	BlankLine:         "blank line",
	CommentLine:       "comment line",
	TrailingComment:   "comment after the data",
	BallotWithoutZero: "ballot line without its closing 0",
	SkippedRank:       "skipped rank \"-\"",
	UnquotedName:      "candidate name without quotes",
	UnquotedTitle:     "title without quotes",
	SpreadsheetQuotes: "name and party in spreadsheet doubled quotes",
	EqualRanks:        "equal rankings",
	MetaWithoutHeader: "META without its key;value header",
	CommaDecimal:      "decimal comma",
	ExtraWhitespace:   "whitespace around a field",
	RepeatedMetaKey:   "META key given twice",
	UnquotedSemicolon: "META value with an unquoted ;",
	NoIDColumn:        "header without project_id or voter_id",
	MissingFields:     "row with fewer fields than its header",
}

// Deviation is one construct a tolerant reader accepted: where it first
// appeared and how many lines have it.
type Deviation struct {
	Construct Construct `json:"construct"`
	Line      int       `json:"line"`  // first line, 1-based
	Count     int       `json:"count"` // lines with the construct
	Example   string    `json:"example,omitempty"`
}

// String renders "line 4: candidate name without quotes (unquoted-name,
// 3 lines)".
func (d Deviation) String() string {
	s := fmt.Sprintf("line %d: %s (%s", d.Line, constructText[d.Construct], d.Construct)
	if d.Count > 1 {
		s += fmt.Sprintf(", %d lines", d.Count)
	}
	s += ")"
	if d.Example != "" {
		s += ": " + d.Example
	}
	return s
}

// deviations records the deviations of one read, one entry per construct,
// so that its memory is bounded whatever the file.
type deviations struct {
	list []Deviation
}

// note records construct c at line.
func (d *deviations) note(c Construct, line int, example string) {
	for i := range d.list {
		if d.list[i].Construct == c {
			d.list[i].Count++
			return
		}
	}
	d.list = append(d.list, Deviation{Construct: c, Line: line, Count: 1, Example: clip(example)})
}

// finish returns the deviations in order of first line, or a
// *DeviationError in strict mode.
func (d *deviations) finish(format string, strict bool) ([]Deviation, error) {
	out := slices.Clone(d.list)
	slices.SortStableFunc(out, func(a, b Deviation) int { return a.Line - b.Line })
	if strict && len(out) > 0 {
		return out, &DeviationError{Format: format, Deviations: out}
	}
	return out, nil
}
