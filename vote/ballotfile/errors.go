package ballotfile

import (
	"errors"
	"fmt"
	"strings"
)

// ErrSyntax is wrapped by every *ParseError and *DeviationError.
var ErrSyntax = errors.New("ballotfile: malformed file")

// ParseError reports a malformed input file and the line at fault. When a
// reader option would accept the construct, Flag names the command-line
// flag that does (the Options field is documented beside it).
type ParseError struct {
	Format string // "blt", "pb", "csv", "jsonl"
	Line   int    // 1-based; 0 when the fault is the file as a whole
	Msg    string
	Flag   string // e.g. "--equal-ranks=keep"; "" when no option accepts it
}

// Error renders "format: line N: message (accepted with FLAG)".
func (e *ParseError) Error() string {
	msg := e.Msg
	if e.Flag != "" {
		msg += " (accepted with " + e.Flag + ")"
	}
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.Format, msg)
	}
	return fmt.Sprintf("%s: line %d: %s", e.Format, e.Line, msg)
}

// Unwrap returns ErrSyntax.
func (e *ParseError) Unwrap() error { return ErrSyntax }

func perr(format string, line int, msg string, args ...any) error {
	return &ParseError{Format: format, Line: line, Msg: fmt.Sprintf(msg, args...)}
}

// DeviationError is returned in strict mode (Options.Strict) by a file that
// the tolerant reader accepts but that deviates from its format's
// specification. It names every deviation, each with its first line.
type DeviationError struct {
	Format     string
	Deviations []Deviation
}

// Error lists the deviations, one per construct.
func (e *DeviationError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: strict: %d deviation(s) from the format, accepted without --strict:", e.Format, len(e.Deviations))
	for _, d := range e.Deviations {
		b.WriteString("\n  ")
		b.WriteString(d.String())
	}
	return b.String()
}

// Unwrap returns ErrSyntax.
func (e *DeviationError) Unwrap() error { return ErrSyntax }
