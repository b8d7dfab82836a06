package vote

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"iter"
)

// ErrDigestMismatch reports that a poll's ballots no longer hash to the
// digest fixed when it closed: a ballot was inserted, removed or altered.
var ErrDigestMismatch = errors.New("vote: ballots do not match the poll's digest")

// Digest returns the audit digest of a poll's ballot list and the number
// of ballots. The list must be in canonical order (ascending ballot id);
// Digest returns an error otherwise, and on any stream error.
//
// The digest is a hash chain over the ballots' canonical hashes:
//
//	h0 = SHA-256("gongzhi/vote digest v1" || 0x00 || poll)
//	hi = SHA-256(h(i-1) || Ballot.Hash(poll) of ballot i, as hex)
//
// and the digest is the hex of the last h. Inserting, removing, reordering
// or altering any ballot changes it. Anyone holding the published ballot
// list can recompute it.
func Digest(poll PollID, ballots iter.Seq2[Ballot, error]) (string, int64, error) {
	d := newDigester(poll)
	for b, err := range ballots {
		if err != nil {
			return "", 0, fmt.Errorf("vote: digest of poll %s: %w", poll, err)
		}
		if err := d.add(b); err != nil {
			return "", 0, err
		}
	}
	return d.sum(), d.n, nil
}

type digester struct {
	poll PollID
	h    [sha256.Size]byte
	last BallotID
	n    int64
}

func newDigester(poll PollID) *digester {
	d := &digester{poll: poll}
	d.h = sha256.Sum256(append([]byte("gongzhi/vote digest v1\x00"), poll...))
	return d
}

func (d *digester) add(b Ballot) error {
	if d.n > 0 && b.ID <= d.last {
		return fmt.Errorf("vote: digest of poll %s: ballot %q out of canonical order after %q", d.poll, b.ID, d.last)
	}
	d.last = b.ID
	d.n++
	buf := make([]byte, 0, sha256.Size+64)
	buf = append(buf, d.h[:]...)
	buf = append(buf, b.Hash(d.poll)...)
	d.h = sha256.Sum256(buf)
	return nil
}

func (d *digester) sum() string { return hex.EncodeToString(d.h[:]) }

// VerifyReceipt reports whether the published ballot list contains the
// ballot of receipt r with unchanged content. It returns nil if so, an
// error wrapping ErrNotFound if no ballot has r's id, and one wrapping
// ErrDigestMismatch if the ballot's content differs from the receipt.
func VerifyReceipt(r Receipt, ballots iter.Seq2[Ballot, error]) error {
	for b, err := range ballots {
		if err != nil {
			return fmt.Errorf("vote: verifying receipt: %w", err)
		}
		if b.ID == r.Ballot {
			return checkReceipt(r, b)
		}
	}
	return fmt.Errorf("%w: ballot %q in poll %s", ErrNotFound, r.Ballot, r.Poll)
}

func checkReceipt(r Receipt, b Ballot) error {
	if got := b.Hash(r.Poll); got != r.Hash {
		return fmt.Errorf("%w: ballot %q hashes to %s, receipt says %s", ErrDigestMismatch, r.Ballot, got, r.Hash)
	}
	return nil
}
