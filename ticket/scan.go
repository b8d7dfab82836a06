package ticket

import (
	"strings"
	"time"

	"github.com/gongzhi/gongzhi/grid"
)

// Scanner resolves a scanned building-code payload (一楼一码) to the place
// it names, verifying its signature at an instant. *grid.Tree satisfies it.
type Scanner interface {
	Scan(kr grid.Keyring, s string, at time.Time) (grid.Node, grid.Payload, error)
}

var _ Scanner = (*grid.Tree)(nil)

// ScanError reports a scan-to-report payload that was rejected. It wraps
// both ErrInvalid and the grid's error (grid.ErrInvalidPayload, with the
// fault in a *grid.PayloadError).
type ScanError struct {
	Err error
}

// Error implements the error interface.
func (e *ScanError) Error() string { return "ticket: scanned code rejected: " + e.Err.Error() }

// Unwrap returns ErrInvalid and the grid's error.
func (e *ScanError) Unwrap() []error { return []error{ErrInvalid, e.Err} }

// ScanIntake completes in from a scanned building code: it verifies the
// payload with kr at in.At and sets the channel to ScanCode, the location to
// the scanned place and Source to "scan:<key>:<code or node>". A forged,
// revoked or foreign code yields a *ScanError and no intake. Spaces and
// line breaks around the payload (a handheld scanner ends its input with
// Enter) are dropped; inside it they make it malformed, as grid.Keyring.Verify
// accepts only the exact string it signed.
func ScanIntake(sc Scanner, kr grid.Keyring, payload string, in Intake) (Intake, error) {
	if in.At.IsZero() {
		return Intake{}, &InputError{Field: "at", Reason: "zero time"}
	}
	node, p, err := sc.Scan(kr, strings.TrimSpace(payload), in.At)
	if err != nil {
		return Intake{}, &ScanError{Err: err}
	}
	in.Channel = ScanCode
	in.Location = node.ID
	ref := string(p.Code)
	if ref == "" {
		ref = string(p.Node)
	}
	in.Source = "scan:" + p.KeyID + ":" + ref
	return in, nil
}
