package vote_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"testing"

	"github.com/gongzhi/gongzhi/vote"
)

// receiptEncoding builds the hashed encoding of a receipt by hand, from
// the format's description (Receipt, Ballot.Hash): length-prefixed tag,
// poll, salt part, id, voter, choice, then the marks.
func receiptEncoding(tag string, poll vote.PollID, saltPart []byte, b vote.Ballot) []byte {
	var buf []byte
	field := func(s string) {
		buf = binary.BigEndian.AppendUint64(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	field(tag)
	field(string(poll))
	field(string(saltPart))
	field(string(b.ID))
	field(string(b.Voter))
	field(string(b.Choice))
	buf = binary.BigEndian.AppendUint64(buf, uint64(len(b.Marks)))
	for _, m := range b.Marks {
		field(string(m.Option))
		field(m.Level)
		buf = binary.BigEndian.AppendUint64(buf, uint64(max(m.Count, 1)))
	}
	return buf
}

// TestReceiptV3Encoding checks NewReceipt against the v3 format written
// out by hand: a salt of 32 lowercase hex digits is hashed as its 16
// bytes (marker 0), any other salt as its text (marker 1).
func TestReceiptV3Encoding(t *testing.T) {
	b := vote.Ballot{ID: "v1", Voter: "v1", Marks: []vote.Mark{{Option: "b", Count: 2}, {Option: "a", Count: 1}}}
	canon := vote.Ballot{ID: "v1", Voter: "v1", Marks: []vote.Mark{{Option: "a"}, {Option: "b", Count: 2}}}
	for _, tc := range []struct {
		name, salt string
		part       []byte
	}{
		{"hex salt as bytes", "00112233445566778899aabbccddeeff", append([]byte{0}, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff)},
		{"upper-case hex is text", "00112233445566778899AABBCCDDEEFF", append([]byte{1}, "00112233445566778899AABBCCDDEEFF"...)},
		{"short salt is text", "salt-x", append([]byte{1}, "salt-x"...)},
		{"empty salt", "", []byte{1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			part := binary.BigEndian.AppendUint64(nil, 3)
			part = append(part, tc.part...)
			sum := sha256.Sum256(receiptEncoding("gongzhi/vote receipt v3", "golden", part, canon))
			want := hex.EncodeToString(sum[:])
			got := vote.NewReceipt("golden", b, 3, tc.salt)
			if got.Hash != want || got.Salt != tc.salt || got.Version != 3 || got.Ballot != "v1" {
				t.Errorf("NewReceipt = %+v, want hash %s", got, want)
			}
		})
	}
	// A salt's bytes and a text that happens to be those bytes differ.
	raw, _ := hex.DecodeString("6162636465666768696a6b6c6d6e6f70")
	if vote.NewReceipt("p", b, 1, string(raw)).Hash == vote.NewReceipt("p", b, 1, hex.EncodeToString(raw)).Hash {
		t.Error("a text salt and a hex salt of the same bytes must hash differently")
	}
}

// v2Receipts are receipts written by the v2 format (before receipts
// hashed the salt's bytes), with hashes computed by that code. They must
// keep verifying.
var v2Receipts = []struct {
	r vote.Receipt
	b vote.Ballot
}{
	{vote.Receipt{Poll: "golden", Ballot: "v1", Version: 1, Salt: "00112233445566778899aabbccddeeff",
		Hash: "996a322a23b5c7d5cf8862e6dcd94e6d29d2d2b51f9d369dc709aca172240de2"},
		vote.Ballot{ID: "v1", Voter: "v1", Marks: []vote.Mark{{Option: "b", Count: 2}, {Option: "a"}}}},
	{vote.Receipt{Poll: "golden", Ballot: "v1", Version: 2, Salt: "salt-not-hex",
		Hash: "9afead54288dd21ab4a2734870d662d3b33eb36b2b88b8858cc94f805466ded5"},
		vote.Ballot{ID: "v1", Voter: "v1", Marks: []vote.Mark{{Option: "b", Count: 2}, {Option: "a"}}}},
	{vote.Receipt{Poll: "golden-secret", Ballot: "0f1e2d3c4b5a69788796a5b4c3d2e1f0", Version: 1, Salt: "ffeeddccbbaa99887766554433221100",
		Hash: "f7b5d4feba9379d9b99dc4ef1ab52beff0810b08458905588c03773ed45f4020"},
		vote.Ballot{ID: "0f1e2d3c4b5a69788796a5b4c3d2e1f0", Choice: vote.Yes}},
}

// TestReceiptV2StillVerifies: receipts of the previous format verify
// against the published list and against the store, and a v2 receipt
// with anything changed does not.
func TestReceiptV2StillVerifies(t *testing.T) {
	for _, g := range v2Receipts {
		if err := vote.VerifyReceipt(g.r, vote.FromSlice([]vote.Ballot{g.b})); err != nil {
			t.Errorf("v2 receipt %s/%s: %v", g.r.Poll, g.r.Ballot, err)
		}
		if vote.NewReceipt(g.r.Poll, g.b, g.r.Version, g.r.Salt).Hash == g.r.Hash {
			t.Errorf("NewReceipt must write v3, not v2")
		}
		for _, bad := range []vote.Receipt{
			func(r vote.Receipt) vote.Receipt { r.Version++; return r }(g.r),
			func(r vote.Receipt) vote.Receipt { r.Salt += "0"; return r }(g.r),
			func(r vote.Receipt) vote.Receipt { r.Hash = "0" + r.Hash[1:]; return r }(g.r),
		} {
			if err := vote.VerifyReceipt(bad, vote.FromSlice([]vote.Ballot{g.b})); !errors.Is(err, vote.ErrDigestMismatch) {
				t.Errorf("altered v2 receipt %+v: got %v, want ErrDigestMismatch", bad, err)
			}
		}
	}

	// A store that kept a v2 receipt (an open poll from before the
	// change): Service.Verify accepts it, and nothing altered.
	ctx := context.Background()
	store := vote.NewMemStore()
	svc, _ := newService(t, store)
	svc.Create(ctx, projectPoll("golden", false))
	svc.Open(ctx, "golden")
	g := v2Receipts[0]
	b := vote.Ballot{ID: "v000", Voter: "v000", Marks: []vote.Mark{{Option: "p1"}, {Option: "p3"}}}
	old := vote.Receipt{Poll: "golden", Ballot: "v000", Version: 1, Salt: g.r.Salt}
	old.Hash = v2Hash(old, b)
	if _, err := store.AppendBallot(ctx, vote.Entry{Poll: "golden", Voter: "v000", Ballot: b, Receipt: old}); err != nil {
		t.Fatal(err)
	}
	if err := svc.Verify(ctx, old); err != nil {
		t.Errorf("Verify(stored v2 receipt) = %v", err)
	}
	forged := old
	forged.Salt = "00000000000000000000000000000000"
	forged.Hash = v2Hash(forged, b)
	if err := svc.Verify(ctx, forged); !errors.Is(err, vote.ErrDigestMismatch) {
		t.Errorf("a v2 receipt with another salt: got %v, want ErrDigestMismatch", err)
	}
}

// v2Hash computes a v2 receipt hash by hand: tag v2, the salt's text.
func v2Hash(r vote.Receipt, b vote.Ballot) string {
	part := binary.BigEndian.AppendUint64(nil, uint64(r.Version))
	part = append(part, r.Salt...)
	sum := sha256.Sum256(receiptEncoding("gongzhi/vote receipt v2", r.Poll, part, b.Canonical()))
	return hex.EncodeToString(sum[:])
}

// TestV2EncodingMatchesGolden keeps v2Hash honest: it reproduces the
// hashes the v2 code wrote.
func TestV2EncodingMatchesGolden(t *testing.T) {
	for _, g := range v2Receipts {
		if got := v2Hash(g.r, g.b); got != g.r.Hash {
			t.Errorf("v2Hash = %s, want %s", got, g.r.Hash)
		}
	}
}

// countingReader counts the reads a Service makes of its Options.Rand.
type countingReader struct {
	r     io.Reader
	reads int
}

func (c *countingReader) Read(p []byte) (int, error) {
	c.reads++
	return c.r.Read(p)
}

// TestRandReadInBatches: a Service reads Options.Rand in batches, hands
// the bytes out once and in order (each ballot its own 16-byte salt), and
// when the source runs dry the cast fails and records nothing.
func TestRandReadInBatches(t *testing.T) {
	const casts = 40
	stream := make([]byte, casts*16)
	for i := range stream {
		stream[i] = byte(i * 7)
	}
	src := &countingReader{r: bytes.NewReader(stream)}
	ctx := context.Background()
	c := &clock{now: t0}
	svc := vote.NewService(vote.NewMemStore(), &vote.Options{Now: c.Now, Rand: src})
	svc.Create(ctx, projectPoll("batch", false))
	svc.Open(ctx, "batch")
	for i := range casts {
		voter := vote.VoterID(fmt.Sprintf("v%03d", i))
		r, err := svc.Cast(ctx, "batch", voter, marks("p1", "p2"))
		if err != nil {
			t.Fatal(err)
		}
		if want := hex.EncodeToString(stream[16*i : 16*i+16]); r.Salt != want {
			t.Fatalf("cast %d: salt %s, want the stream's bytes %s", i, r.Salt, want)
		}
		if err := svc.Verify(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if src.reads > 3 {
		t.Errorf("%d casts made %d reads of Options.Rand; want batches", casts, src.reads)
	}
	if _, err := svc.Cast(ctx, "batch", "v045", marks("p1")); err == nil || !errors.Is(err, io.EOF) {
		t.Fatalf("cast with the source exhausted: got %v, want a randomness error", err)
	}
	var who []vote.VoterID
	for v, err := range svc.Participants(ctx, "batch") {
		if err != nil {
			t.Fatal(err)
		}
		who = append(who, v)
	}
	if len(who) != casts || slices.Contains(who, "v045") {
		t.Errorf("participants after a failed cast: %v", who)
	}
}

// FuzzReceipt: for any salt and version, a receipt verifies against its
// ballot, and not with another salt or version; hex salts and their
// text never share a hash.
func FuzzReceipt(f *testing.F) {
	f.Add("00112233445566778899aabbccddeeff", int64(1), "p1")
	f.Add("salt", int64(2), "p2")
	f.Add("", int64(0), "")
	f.Fuzz(func(t *testing.T, salt string, version int64, option string) {
		b := vote.Ballot{ID: "v", Voter: "v", Marks: []vote.Mark{{Option: vote.OptionID(option)}}}
		r := vote.NewReceipt("p", b, version, salt)
		if err := vote.VerifyReceipt(r, vote.FromSlice([]vote.Ballot{b})); err != nil {
			t.Fatalf("own receipt: %v", err)
		}
		for _, bad := range []vote.Receipt{
			func() vote.Receipt { x := r; x.Salt += "0"; return x }(),
			func() vote.Receipt { x := r; x.Version++; return x }(),
		} {
			if err := vote.VerifyReceipt(bad, vote.FromSlice([]vote.Ballot{b})); !errors.Is(err, vote.ErrDigestMismatch) {
				t.Fatalf("altered receipt %+v verifies: %v", bad, err)
			}
		}
		if raw, err := hex.DecodeString(salt); err == nil && len(raw) == 16 && string(raw) != salt {
			if vote.NewReceipt("p", b, version, string(raw)).Hash == r.Hash {
				t.Fatalf("salt %q and its bytes as text share a hash", salt)
			}
		}
	})
}
