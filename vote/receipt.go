package vote

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"iter"
)

// Receipt is what a voter keeps after casting. It names the poll, the
// ballot id (the voter's id in a public poll, the voter's token in a
// secret one) and the ballot's version (1 for the first ballot, one more
// for each change), and binds the ballot's content with a salted hash:
//
//	Hash = hex SHA-256 of the ballot's canonical encoding under the tag
//	       "gongzhi/vote receipt v2", with Salt and Version after the poll
//
// (see NewReceipt). Salt is drawn at random for every ballot by the
// Service and kept by the store beside the ballot.
//
// What a receipt proves: that the ballot with this id and this content was
// accepted into the box (Service.Verify while the poll is open, against
// the stored ballot and salt; VerifyReceipt after close, against the
// published list). What it does not: it is no proof of identity, and it
// does not prove to a third party how its holder voted in a secret poll
// once the list is published, since anyone can write a matching receipt
// for any published ballot with a salt of their choosing (see the package
// documentation on receipt-freeness).
//
// Because the salt is secret and random, a receipt cannot be guessed: a
// Verify call with a made-up receipt fails whether or not its ballot
// content is right, so Verify is no oracle for a voter's choice.
type Receipt struct {
	Poll    PollID   `json:"poll"`
	Ballot  BallotID `json:"ballot"`
	Version int64    `json:"version"`
	Salt    string   `json:"salt"`
	Hash    string   `json:"hash"`
}

// NewReceipt returns the receipt of ballot b (canonicalised here) in poll
// as version version with salt salt (hex, as a Service draws it).
func NewReceipt(poll PollID, b Ballot, version int64, salt string) Receipt {
	c := b.Canonical()
	return Receipt{Poll: poll, Ballot: c.ID, Version: version, Salt: salt, Hash: c.receiptHash(poll, version, salt)}
}

// receiptHash is the receipt hash of a ballot c already in canonical form.
func (c Ballot) receiptHash(poll PollID, version int64, salt string) string {
	var out [2 * sha256.Size]byte
	c.receiptHex(out[:], poll, version, salt)
	return string(out[:])
}

// receiptHex writes the hex receipt hash of c (canonical) into dst.
func (c Ballot) receiptHex(dst []byte, poll PollID, version int64, salt string) {
	var stack [80]byte
	prefix := binary.BigEndian.AppendUint64(stack[:0], uint64(version))
	prefix = append(prefix, salt...)
	sum := c.sumWith("gongzhi/vote receipt v2", poll, prefix)
	hex.Encode(dst, sum[:])
}

// matches reports whether r is the receipt of the stored ballot b with
// the stored receipt stored, in constant time with respect to the hashes.
func (r Receipt) matches(b Ballot, stored Receipt) bool {
	ok := subtle.ConstantTimeCompare([]byte(r.Salt), []byte(stored.Salt)) == 1
	ok = r.Version == stored.Version && ok
	got := b.Canonical().receiptHash(r.Poll, r.Version, r.Salt)
	return subtle.ConstantTimeCompare([]byte(got), []byte(r.Hash)) == 1 && ok
}

// VerifyReceipt reports whether the published ballot list contains the
// ballot of receipt r with unchanged content. It returns nil if so, an
// error wrapping ErrNotFound if no ballot has r's id, and one wrapping
// ErrDigestMismatch if the ballot does not match the receipt. The errors
// never show a stored hash.
func VerifyReceipt(r Receipt, ballots iter.Seq2[Ballot, error]) error {
	for b, err := range ballots {
		if err != nil {
			return fmt.Errorf("vote: verifying receipt: %w", err)
		}
		if b.ID == r.Ballot {
			got := b.Canonical().receiptHash(r.Poll, r.Version, r.Salt)
			if subtle.ConstantTimeCompare([]byte(got), []byte(r.Hash)) != 1 {
				return fmt.Errorf("%w: ballot %q does not match the receipt", ErrDigestMismatch, r.Ballot)
			}
			return nil
		}
	}
	return fmt.Errorf("%w: ballot %q in poll %s", ErrNotFound, r.Ballot, r.Poll)
}
