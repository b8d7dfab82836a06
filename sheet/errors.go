package sheet

import (
	"errors"
	"fmt"
	"strings"
)

var (
	// ErrBadRows is wrapped by *Error: some rows of the sheet cannot be
	// read.
	ErrBadRows = errors.New("sheet: bad rows")
	// ErrHeader reports a header row that does not fit the rule: no option
	// columns, or a missing column the layout needs.
	ErrHeader = errors.New("sheet: header does not fit the rule")
)

// RowError is a bad row: its 1-based number in the sheet (the header is row
// 1), the column if one cell is at fault, and what is wrong.
type RowError struct {
	Row    int    `json:"row"`
	Column string `json:"column,omitempty"`
	// Code says why, for a report in any language, with the values its
	// message names in Args; Reason is the English text.
	Code   RowCode  `json:"code,omitempty"`
	Args   []string `json:"args,omitempty"`
	Reason string   `json:"reason"`
}

// Error renders "row N (column): reason".
func (e RowError) Error() string {
	if e.Column != "" {
		return fmt.Sprintf("row %d (%s): %s", e.Row, e.Column, e.Reason)
	}
	return fmt.Sprintf("row %d: %s", e.Row, e.Reason)
}

// Error lists every bad row of a sheet. It wraps ErrBadRows.
type Error struct {
	Rows []RowError
}

// Error renders the count and the first 20 bad rows, one per line (Rows
// has them all).
func (e *Error) Error() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "sheet: %d bad row(s)", len(e.Rows))
	for i, r := range e.Rows {
		if i == 20 {
			fmt.Fprintf(&sb, "\n  ... and %d more", len(e.Rows)-20)
			break
		}
		sb.WriteString("\n  " + r.Error())
	}
	return sb.String()
}

// Unwrap returns ErrBadRows.
func (e *Error) Unwrap() error { return ErrBadRows }

// HeaderError says why the header row does not fit. It wraps ErrHeader.
type HeaderError struct {
	Reason string
}

// Error renders the reason.
func (e *HeaderError) Error() string { return "sheet: header (row 1): " + e.Reason }

// Unwrap returns ErrHeader.
func (e *HeaderError) Unwrap() error { return ErrHeader }
