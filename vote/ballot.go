package vote

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"iter"
	"slices"

	"github.com/gongzhi/gongzhi/internal/strictjson"
)

// Choice is the answer of a motion or owners' ballot.
type Choice string

// The answers of a motion (表决: 同意 / 反对 / 弃权).
const (
	Yes     Choice = "yes"
	No      Choice = "no"
	Abstain Choice = "abstain"
)

// Mark is one entry of a ballot: a mark for an option (approval,
// election), Count marks (cumulative), or a Level given to an option
// (satisfaction).
type Mark struct {
	Option OptionID `json:"option"`
	// Count is the number of votes given to Option; 0 means 1.
	Count int `json:"count,omitempty"`
	// Level is the satisfaction level given to Option.
	Level string `json:"level,omitempty"`
}

// Ballot is one voter's ballot. Option-based methods read Marks; motions
// and double majorities read Choice. Voter is empty in a secret poll.
//
// A ballot with no marks is a blank ballot: valid, counted as cast, and
// supporting nothing.
type Ballot struct {
	ID     BallotID `json:"id,omitempty"`
	Voter  VoterID  `json:"voter,omitempty"`
	Marks  []Mark   `json:"marks,omitempty"`
	Choice Choice   `json:"choice,omitempty"`
}

// DecodeBallot decodes one JSON ballot strictly (unknown fields, duplicate
// keys, keys that differ from a field only by case and trailing data are
// errors). It checks the form only; whether the ballot
// is valid in a poll is for Poll.CheckBallot. Errors wrap ErrInvalidBallot.
func DecodeBallot(data []byte) (Ballot, error) {
	var b Ballot
	if err := strictjson.Decode(data, &b); err != nil {
		return Ballot{}, &BallotError{Reason: "malformed JSON: " + err.Error()}
	}
	for _, m := range b.Marks {
		if m.Option == "" {
			return Ballot{}, &BallotError{Ballot: b.ID, Reason: "mark without an option"}
		}
		if m.Count < 0 {
			return Ballot{}, &BallotError{Ballot: b.ID, Option: m.Option, Reason: "negative count"}
		}
	}
	return b, nil
}

// Canonical returns b with its marks sorted by option, then level, and
// every Count of 1 written as 0 (the default: one vote): two ballots with
// the same content have the same canonical form. A ballot already canonical is returned as is
// (sharing its marks); otherwise the marks are copied.
func (b Ballot) Canonical() Ballot {
	if b.isCanonical() {
		return b
	}
	c := b
	c.Marks = slices.Clone(b.Marks)
	for i := range c.Marks {
		if c.Marks[i].Count == 1 {
			c.Marks[i].Count = 0
		}
	}
	slices.SortFunc(c.Marks, compareMarks)
	return c
}

func compareMarks(x, y Mark) int {
	return cmp.Or(cmp.Compare(x.Option, y.Option), cmp.Compare(x.Level, y.Level), cmp.Compare(x.Count, y.Count))
}

func (b Ballot) isCanonical() bool {
	for i, m := range b.Marks {
		if m.Count == 1 || i > 0 && compareMarks(b.Marks[i-1], m) > 0 {
			return false
		}
	}
	return true
}

// Hash returns the SHA-256 of the canonical encoding of b within poll,
// as hex. It covers the ballot id, the voter (empty in secret polls), the
// marks (with their effective counts, so Count 0 and 1 hash alike) and
// the choice, each length-prefixed so no two ballots share an encoding. Receipts and the audit digest are built from it.
func (b Ballot) Hash(poll PollID) string {
	return b.Canonical().hash(poll)
}

// hash is Hash for a ballot c already in canonical form.
func (c Ballot) hash(poll PollID) string {
	var out [2 * sha256.Size]byte
	sum := c.sumWith("gongzhi/vote ballot v1", poll, nil)
	hex.Encode(out[:], sum[:])
	return string(out[:]) // one allocation, where hex.EncodeToString makes two
}

// sumWith hashes c's canonical encoding under a domain tag; prefix, if
// any, is encoded after the poll (a receipt's version and salt).
func (c Ballot) sumWith(tag string, poll PollID, prefix []byte) [sha256.Size]byte {
	var stack [512]byte
	buf := stack[:0]
	field := func(s string) {
		buf = binary.BigEndian.AppendUint64(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	field(tag)
	field(string(poll))
	if prefix != nil {
		buf = binary.BigEndian.AppendUint64(buf, uint64(len(prefix)))
		buf = append(buf, prefix...)
	}
	field(string(c.ID))
	field(string(c.Voter))
	field(string(c.Choice))
	buf = binary.BigEndian.AppendUint64(buf, uint64(len(c.Marks)))
	for _, m := range c.Marks {
		field(string(m.Option))
		field(m.Level)
		buf = binary.BigEndian.AppendUint64(buf, uint64(max(m.Count, 1)))
	}
	return sha256.Sum256(buf)
}

// clone returns a deep copy of b.
func (b Ballot) clone() Ballot {
	b.Marks = slices.Clone(b.Marks)
	return b
}

// String renders b compactly, for messages.
func (b Ballot) String() string {
	if b.Choice != "" {
		return fmt.Sprintf("ballot %s: %s", b.ID, b.Choice)
	}
	return fmt.Sprintf("ballot %s: %d marks", b.ID, len(b.Marks))
}

// FromSlice streams ballots from a slice, for TallySeq, TallyAudited,
// Digest and VerifyReceipt.
func FromSlice(ballots []Ballot) iter.Seq2[Ballot, error] {
	return func(yield func(Ballot, error) bool) {
		for _, b := range ballots {
			if !yield(b, nil) {
				return
			}
		}
	}
}
