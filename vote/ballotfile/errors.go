package ballotfile

import (
	"errors"
	"fmt"
)

// ErrSyntax is wrapped by every *ParseError.
var ErrSyntax = errors.New("ballotfile: malformed file")

// ParseError reports a malformed input file and the line at fault.
type ParseError struct {
	Format string // "blt", "pb", "csv", "jsonl"
	Line   int    // 1-based; 0 when the fault is the file as a whole
	Msg    string
}

// Error renders "format: line N: message".
func (e *ParseError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.Format, e.Msg)
	}
	return fmt.Sprintf("%s: line %d: %s", e.Format, e.Line, e.Msg)
}

// Unwrap returns ErrSyntax.
func (e *ParseError) Unwrap() error { return ErrSyntax }

func perr(format string, line int, msg string, args ...any) error {
	return &ParseError{Format: format, Line: line, Msg: fmt.Sprintf(msg, args...)}
}
