package vote

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"iter"
	"slices"
)

// ErrDigestMismatch reports that a poll's ballots no longer hash to the
// digest fixed when it closed: a ballot was inserted, removed or altered.
var ErrDigestMismatch = errors.New("vote: ballots do not match the poll's digest")

// Digest returns the audit digest of poll p's ballot list and the number
// of ballots. The list must be in canonical order (ascending ballot id);
// Digest returns an error otherwise, and on any stream error.
//
// The digest is a hash chain that starts from the poll's voter roll and
// runs over the ballots' canonical hashes:
//
//	h0 = SHA-256("gongzhi/vote digest v2" || 0x00 || p.ID || 0x00 || p.RollDigest())
//	hi = SHA-256(h(i-1) || Ballot.Hash(p.ID) of ballot i, as hex)
//
// and the digest is the hex of the last h. Inserting, removing, reordering
// or altering any ballot changes it, and so does any change to the voter
// roll: Service.Audit detects a roll edited after the poll closed. Anyone
// holding the published ballot list and roll can recompute it.
func Digest(p Poll, ballots iter.Seq2[Ballot, error]) (string, int64, error) {
	d := newDigester(p)
	for b, err := range ballots {
		if err != nil {
			return "", 0, fmt.Errorf("vote: digest of poll %s: %w", p.ID, err)
		}
		if err := d.add(b); err != nil {
			return "", 0, err
		}
	}
	return d.sum(), d.n, nil
}

// RollDigest returns the hex SHA-256 of p's voter roll: for each voter in
// ascending id order, the length-prefixed id and weight (its shortest
// decimal form, "0" when unset), after the tag "gongzhi/vote roll v1".
// Names are not covered; an empty roll has a digest too.
func (p Poll) RollDigest() string {
	vs := slices.Clone(p.Voters)
	slices.SortFunc(vs, func(a, b Voter) int { return cmp.Compare(a.ID, b.ID) })
	h := sha256.New()
	field := func(s string) {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	field("gongzhi/vote roll v1")
	for _, v := range vs {
		field(string(v.ID))
		field(v.Weight.String())
	}
	return hex.EncodeToString(h.Sum(nil))
}

type digester struct {
	poll PollID
	h    [sha256.Size]byte
	last BallotID
	n    int64
}

func newDigester(p Poll) *digester {
	d := &digester{poll: p.ID}
	seed := append([]byte("gongzhi/vote digest v2\x00"), p.ID...)
	seed = append(seed, 0)
	seed = append(seed, p.RollDigest()...)
	d.h = sha256.Sum256(seed)
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
