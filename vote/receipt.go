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
//	       "gongzhi/vote receipt v3", with Version and the salt after
//	       the poll: the salt's 16 bytes when Salt is 32 lowercase hex
//	       digits (as a Service draws it), else Salt's text, marked so
//	       that the two cannot be confused
//
// (see NewReceipt). Salt is drawn at random for every ballot by the
// Service and kept by the store beside the ballot. Receipts of format v2
// (tag "gongzhi/vote receipt v2", Salt hashed as its hex text), which
// Services wrote before v3, still verify: Service.Verify and
// VerifyReceipt accept either format.
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
// as version version with salt salt (hex, as a Service draws it), in the
// current format (v3).
func NewReceipt(poll PollID, b Ballot, version int64, salt string) Receipt {
	c := b.Canonical()
	return Receipt{Poll: poll, Ballot: c.ID, Version: version, Salt: salt, Hash: c.receiptHash(poll, version, salt)}
}

// The receipt formats' domain tags.
const (
	receiptTag   = "gongzhi/vote receipt v3"
	receiptTagV2 = "gongzhi/vote receipt v2" // salt hashed as its text
)

// receiptHash is the receipt hash of a ballot c already in canonical form.
func (c Ballot) receiptHash(poll PollID, version int64, salt string) string {
	var out [2 * sha256.Size]byte
	c.receiptHex(out[:], poll, version, salt)
	return string(out[:])
}

// receiptHex writes the hex receipt hash (v3) of c (canonical) into dst.
func (c Ballot) receiptHex(dst []byte, poll PollID, version int64, salt string) {
	var raw [saltBytes]byte
	if hexSalt(&raw, salt) {
		c.receiptHexRaw(dst, poll, version, &raw)
		return
	}
	var stack [80]byte
	prefix := binary.BigEndian.AppendUint64(stack[:0], uint64(version))
	prefix = append(prefix, saltText)
	prefix = append(prefix, salt...)
	sum := c.sumWith(receiptTag, poll, prefix)
	hex.Encode(dst, sum[:])
}

// receiptHexRaw is receiptHex for a salt given as its 16 bytes (the salt
// string is their lowercase hex).
func (c Ballot) receiptHexRaw(dst []byte, poll PollID, version int64, raw *[saltBytes]byte) {
	var stack [9 + saltBytes]byte
	binary.BigEndian.PutUint64(stack[:8], uint64(version))
	stack[8] = saltHex
	copy(stack[9:], raw[:])
	sum := c.sumWith(receiptTag, poll, stack[:])
	hex.Encode(dst, sum[:])
}

// How a v3 receipt hashes its salt: the bytes a salt of 32 lowercase hex
// digits stands for, or the text of any other salt.
const (
	saltHex  byte = 0
	saltText byte = 1
)

// hexSalt decodes salt into raw if it is exactly 2*saltBytes lowercase
// hex digits, the form a Service draws (so that each 16 bytes have one
// salt string).
func hexSalt(raw *[saltBytes]byte, salt string) bool {
	if len(salt) != 2*saltBytes {
		return false
	}
	for i := range saltBytes {
		hi, ok1 := lowerHex(salt[2*i])
		lo, ok2 := lowerHex(salt[2*i+1])
		if !ok1 || !ok2 {
			return false
		}
		raw[i] = hi<<4 | lo
	}
	return true
}

func lowerHex(ch byte) (byte, bool) {
	switch {
	case '0' <= ch && ch <= '9':
		return ch - '0', true
	case 'a' <= ch && ch <= 'f':
		return ch - 'a' + 10, true
	}
	return 0, false
}

// receiptHexV2 writes the hex receipt hash of c (canonical) in format v2
// into dst.
func (c Ballot) receiptHexV2(dst []byte, poll PollID, version int64, salt string) {
	var stack [80]byte
	prefix := binary.BigEndian.AppendUint64(stack[:0], uint64(version))
	prefix = append(prefix, salt...)
	sum := c.sumWith(receiptTagV2, poll, prefix)
	hex.Encode(dst, sum[:])
}

// proves reports whether hash is the receipt hash of c (canonical) with
// poll, version and salt in either format. Both are computed and compared
// in constant time, so the time taken does not tell which matched.
func (c Ballot) proves(hash string, poll PollID, version int64, salt string) bool {
	var v3, v2 [2 * sha256.Size]byte
	c.receiptHex(v3[:], poll, version, salt)
	c.receiptHexV2(v2[:], poll, version, salt)
	h := []byte(hash)
	return subtle.ConstantTimeCompare(v3[:], h)|subtle.ConstantTimeCompare(v2[:], h) == 1
}

// matches reports whether r is the receipt of the stored ballot b with
// the stored receipt stored, in constant time with respect to the hashes.
func (r Receipt) matches(b Ballot, stored Receipt) bool {
	ok := subtle.ConstantTimeCompare([]byte(r.Salt), []byte(stored.Salt)) == 1
	ok = r.Version == stored.Version && ok
	return b.Canonical().proves(r.Hash, r.Poll, r.Version, r.Salt) && ok
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
			if !b.Canonical().proves(r.Hash, r.Poll, r.Version, r.Salt) {
				return fmt.Errorf("%w: ballot %q does not match the receipt", ErrDigestMismatch, r.Ballot)
			}
			return nil
		}
	}
	return fmt.Errorf("%w: ballot %q in poll %s", ErrNotFound, r.Ballot, r.Poll)
}
