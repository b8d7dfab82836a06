package vote

import (
	"context"
	"errors"
	"math"
	"slices"
	"strconv"
	"testing"
	"unsafe"

	"github.com/google/go-cmp/cmp"
)

// These tests reach into MemStore's fast paths (the voter slot table, the
// Service's position hint, packed marks) that the conformance suite only
// sees from outside.

func internalPoll(id PollID, secret bool, voters ...VoterID) Poll {
	p := Poll{ID: id, Rule: SatisfactionSurvey(), Options: []Option{{ID: "a"}, {ID: "b"}, {ID: "c"}}, Secret: secret, State: StateOpen}
	for _, v := range voters {
		p.Voters = append(p.Voters, Voter{ID: v})
	}
	return p
}

func internalEntry(p PollID, voter VoterID, id BallotID, secret bool, ms ...Mark) Entry {
	b := Ballot{ID: id, Marks: ms}
	if !secret {
		b.Voter = voter
	}
	b = b.Canonical()
	return Entry{Poll: p, Voter: voter, Ballot: b, Receipt: NewReceipt(p, b, 1, "salt-"+string(id)), Secret: secret}
}

// appendHint is AppendBallot with the Service's position hint (-1: none).
func (s *MemStore) appendHint(ctx context.Context, e Entry, hint int32) (Receipt, error) {
	e.hint = hint + 1
	return s.AppendBallot(ctx, e)
}

func TestMemStorePackedMarksRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := NewMemStore()
	if err := s.CreatePoll(ctx, internalPoll("p", false, "v1", "v2", "v3", "v4", "v5", "v6")); err != nil {
		t.Fatal(err)
	}
	many := make([]Mark, maxPacked+1)
	for i := range many {
		many[i] = Mark{Option: "a", Count: i}
	}
	cases := map[VoterID][]Mark{
		"v1": {{Option: "a", Level: "satisfied"}, {Option: "c", Level: "dissatisfied"}},  // packed
		"v2": {{Option: "b", Count: 3}, {Option: "zed"}},                                 // write-in: kept whole
		"v3": {{Option: "a", Level: "unknown-level"}},                                    // unknown level: kept whole
		"v4": many,                                                                       // too many to pack
		"v5": {{Option: "a", Count: math.MaxInt32}, {Option: "c", Count: math.MinInt32}}, // packed: counts fit 32 bits
		"v6": {{Option: "b", Count: math.MaxInt32 + 1}},                                  // count beyond 32 bits: kept whole
	}
	want := map[BallotID]Ballot{}
	for v, ms := range cases {
		e := internalEntry("p", v, BallotID(v), false, ms...)
		if _, err := s.AppendBallot(ctx, e); err != nil {
			t.Fatalf("%s: %v", v, err)
		}
		want[e.Ballot.ID] = e.Ballot
	}
	mp, _ := s.get("p")
	if mb := mp.log.at(mp.slots[0].ballot - 1); mb.packed == nil || mb.ballot.Marks != nil {
		t.Errorf("v1's marks should be stored packed")
	}
	if mb := mp.log.at(mp.slots[1].ballot - 1); mb.packed != nil {
		t.Errorf("a write-in must not be packed")
	}
	if mb := mp.log.at(mp.slots[4].ballot - 1); mb.packed == nil {
		t.Errorf("v5's marks should be stored packed")
	}
	if mb := mp.log.at(mp.slots[5].ballot - 1); mb.packed != nil {
		t.Errorf("a count beyond 32 bits must not be packed")
	}
	for id, w := range want {
		got, _, err := s.Ballot(ctx, "p", id)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(w, got); diff != "" {
			t.Errorf("Ballot(%s) (-want +got):\n%s", id, diff)
		}
		if got.Hash("p") != w.Hash("p") {
			t.Errorf("Ballot(%s): hash changed", id)
		}
		if len(got.Marks) > 0 {
			got.Marks[0].Option = "mutated" // must not reach the store
		}
	}
	var n int
	for b, err := range s.Ballots(ctx, "p") {
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want[b.ID], b); diff != "" {
			t.Errorf("Ballots: %s (-want +got):\n%s", b.ID, diff)
		}
		n++
	}
	if n != len(want) {
		t.Errorf("Ballots streamed %d ballots, want %d", n, len(want))
	}
}

func TestMemStoreWrongHint(t *testing.T) {
	ctx := context.Background()
	s := NewMemStore()
	if err := s.CreatePoll(ctx, internalPoll("p", false, "v1", "v2")); err != nil {
		t.Fatal(err)
	}
	e1 := internalEntry("p", "v1", "v1", false, Mark{Option: "a", Level: "satisfied"})
	e2 := internalEntry("p", "v2", "v2", false, Mark{Option: "b", Level: "satisfied"})
	r1, err := s.appendHint(ctx, e1, 1) // v2's position
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.appendHint(ctx, e2, 99); err != nil { // out of range
		t.Fatal(err)
	}
	if r, err := s.appendHint(ctx, e1, 0); err != nil || r != r1 {
		t.Fatalf("retry with the right hint = %v, %v; want %v", r, err, r1)
	}
	other := internalEntry("p", "v1", "v1", false, Mark{Option: "c", Level: "dissatisfied"})
	if _, err := s.appendHint(ctx, other, 1); !errors.Is(err, ErrAlreadyVoted) {
		t.Fatalf("second ballot with a wrong hint: %v, want ErrAlreadyVoted", err)
	}
	// An unlisted voter goes to the maps, whatever the hint says.
	e3 := internalEntry("p", "x", "x", false)
	if _, err := s.appendHint(ctx, e3, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.appendHint(ctx, internalEntry("p", "x", "x", false, Mark{Option: "a"}), 0); !errors.Is(err, ErrAlreadyVoted) {
		t.Fatalf("unlisted voter's second ballot: %v, want ErrAlreadyVoted", err)
	}
	var got []VoterID
	for v, err := range s.Participants(ctx, "p") {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
	}
	if want := []VoterID{"v1", "v2", "x"}; !slices.Equal(got, want) {
		t.Errorf("Participants = %v, want %v", got, want)
	}
}

func TestMemStoreReplaceInSlots(t *testing.T) {
	ctx := context.Background()
	s := NewMemStore()
	if err := s.CreatePoll(ctx, internalPoll("p", false, "v1", "v2")); err != nil {
		t.Fatal(err)
	}
	first := internalEntry("p", "v1", "v1", false, Mark{Option: "a", Level: "satisfied"})
	if _, err := s.AppendBallot(ctx, first); err != nil {
		t.Fatal(err)
	}
	// v2 may not take v1's ballot id, even when replacing.
	steal := internalEntry("p", "v2", "v1", false, Mark{Option: "b", Level: "satisfied"})
	steal.Replace = true
	if _, err := s.AppendBallot(ctx, steal); !errors.Is(err, ErrConflict) {
		t.Fatalf("ballot id of another voter: %v, want ErrConflict", err)
	}
	// Nor may v2 move its own ballot onto v1's id by a change.
	own := internalEntry("p", "v2", "v2", false, Mark{Option: "b", Level: "satisfied"})
	if _, err := s.AppendBallot(ctx, own); err != nil {
		t.Fatal(err)
	}
	move := internalEntry("p", "v2", "v1", false, Mark{Option: "c", Level: "satisfied"})
	move.Replace = true
	move.Receipt = NewReceipt("p", move.Ballot, 2, "salt-move")
	if _, err := s.AppendBallot(ctx, move); !errors.Is(err, ErrConflict) {
		t.Fatalf("change onto another voter's ballot id: %v, want ErrConflict", err)
	}
	if b, r, err := s.Ballot(ctx, "p", "v2"); err != nil || r.Version != 1 || !cmp.Equal(b, own.Ballot) {
		t.Fatalf("after a refused change Ballot(v2) = %v, %v, %v; want version 1 unchanged", b, r, err)
	}
	if b, _, err := s.Ballot(ctx, "p", "v1"); err != nil || !cmp.Equal(b, first.Ballot) {
		t.Fatalf("after a refused change Ballot(v1) = %v, %v; want %v", b, err, first.Ballot)
	}
	second := internalEntry("p", "v1", "v1", false, Mark{Option: "c", Level: "dissatisfied"})
	second.Replace = true
	second.Receipt = NewReceipt("p", second.Ballot, 2, "salt-2")
	r, err := s.AppendBallot(ctx, second)
	if err != nil {
		t.Fatal(err)
	}
	if r.Hash != second.Receipt.Hash {
		t.Fatalf("replace returned %v", r)
	}
	b, _, err := s.Ballot(ctx, "p", "v1")
	if err != nil || !cmp.Equal(b, second.Ballot) {
		t.Fatalf("after replace Ballot = %v, %v; want %v", b, err, second.Ballot)
	}
	var n int
	for range s.Ballots(ctx, "p") {
		n++
	}
	if n != 2 {
		t.Errorf("%d ballots after a replace, want 2", n)
	}
}

func TestMemStoreSecretCloseKeepsEverything(t *testing.T) {
	ctx := context.Background()
	s := NewMemStore()
	var voters []VoterID
	for i := range 50 {
		voters = append(voters, VoterID("v"+strconv.Itoa(i)))
	}
	if err := s.CreatePoll(ctx, internalPoll("p", true, voters...)); err != nil {
		t.Fatal(err)
	}
	receipts := map[VoterID]Receipt{}
	for i, v := range voters {
		// Tokens in reverse order of casting; some tokens equal a listed
		// voter id (which must not relate anything) and some do not.
		tok := BallotID("t" + strconv.Itoa(1000-i))
		if i%7 == 0 {
			tok = BallotID(voters[len(voters)-1-i])
		}
		r, err := s.AppendBallot(ctx, internalEntry("p", v, tok, true, Mark{Option: "b", Level: "satisfied"}))
		if err != nil {
			t.Fatal(err)
		}
		receipts[v] = r
	}
	p, _ := s.Poll(ctx, "p")
	p.State = StateClosed
	if _, err := s.UpdatePoll(ctx, p); err != nil {
		t.Fatal(err)
	}
	var ids []BallotID
	for b, err := range s.Ballots(ctx, "p") {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, b.ID)
	}
	if len(ids) != len(voters) || !slices.IsSorted(ids) {
		t.Fatalf("Ballots after close: %d ids, sorted %v", len(ids), slices.IsSorted(ids))
	}
	for v, r := range receipts {
		b, stored, err := s.Ballot(ctx, "p", r.Ballot)
		if err != nil || stored != r || NewReceipt("p", b, r.Version, r.Salt) != r {
			t.Fatalf("%s's ballot after close: %v, %v", v, b, err)
		}
	}
	var n int
	for range s.Participants(ctx, "p") {
		n++
	}
	if n != len(voters) {
		t.Errorf("%d participants, want %d", n, len(voters))
	}
}

func TestMemStoreDuplicateVotersUseMaps(t *testing.T) {
	ctx := context.Background()
	s := NewMemStore()
	if err := s.CreatePoll(ctx, internalPoll("p", false, "v1", "v1")); err != nil {
		t.Fatal(err)
	}
	mp, _ := s.get("p")
	if mp.index.Load() != nil {
		t.Fatal("a list with duplicates must not get a slot table")
	}
	e := internalEntry("p", "v1", "v1", false)
	if _, err := s.appendHint(ctx, e, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := s.appendHint(ctx, internalEntry("p", "v1", "v1", false, Mark{Option: "a"}), 0); !errors.Is(err, ErrAlreadyVoted) {
		t.Fatalf("second ballot: %v, want ErrAlreadyVoted", err)
	}
}

func TestMemStoreIndexBuiltOnOpen(t *testing.T) {
	ctx := context.Background()
	s := NewMemStore()
	p := internalPoll("p", false, "v1", "v2")
	p.State = StateDraft
	if err := s.CreatePoll(ctx, p); err != nil {
		t.Fatal(err)
	}
	mp, _ := s.get("p")
	if mp.index.Load() != nil || mp.codec.Load() != nil {
		t.Fatal("a draft needs no index")
	}
	p, _ = s.Poll(ctx, "p")
	p.State = StateOpen
	if _, err := s.UpdatePoll(ctx, p); err != nil {
		t.Fatal(err)
	}
	if mp.index.Load() == nil || mp.codec.Load() == nil {
		t.Fatal("opening must build the index and the codec")
	}
}

// TestMemStoreSecretCloseForgetsCastOrder checks the comment of
// forgetCastOrder: after a secret poll closes, the ballots' marks lie in
// the arenas in token order, not in the order of casting, and every string
// of a ballot is a fresh copy.
func TestMemStoreSecretCloseForgetsCastOrder(t *testing.T) {
	ctx := context.Background()
	s := NewMemStore()
	var voters []VoterID
	for i := range 40 {
		voters = append(voters, VoterID("v"+strconv.Itoa(i)))
	}
	if err := s.CreatePoll(ctx, internalPoll("p", true, voters...)); err != nil {
		t.Fatal(err)
	}
	mp, _ := s.get("p")
	oldHash := map[BallotID]*byte{}
	for i, v := range voters {
		tok := BallotID("t" + strconv.Itoa(1000-i)) // token order is the reverse of casting
		ms := []Mark{{Option: "b", Level: "satisfied"}}
		if i%5 == 0 {
			ms = []Mark{{Option: OptionID("write-in-" + strconv.Itoa(i))}} // kept unpacked
		}
		if _, err := s.AppendBallot(ctx, internalEntry("p", v, tok, true, ms...)); err != nil {
			t.Fatal(err)
		}
	}
	mp.mu.Lock()
	for _, i := range mp.canonical() {
		mb := mp.log.at(i)
		oldHash[mb.ballot.ID] = unsafe.StringData(mb.rcpt)
	}
	mp.mu.Unlock()
	p, _ := s.Poll(ctx, "p")
	p.State = StateClosed
	if _, err := s.UpdatePoll(ctx, p); err != nil {
		t.Fatal(err)
	}
	mp.mu.Lock()
	defer mp.mu.Unlock()
	var lastPacked, lastMarks uintptr
	var lastID BallotID
	for i := range mp.log.n {
		mb := mp.log.at(i)
		if i > 0 && mb.ballot.ID <= lastID {
			t.Fatalf("log entry %d (%s) is not in token order after %s", i, mb.ballot.ID, lastID)
		}
		lastID = mb.ballot.ID
		switch {
		case mb.packed != nil:
			a := uintptr(unsafe.Pointer(&mb.packed[0]))
			if a <= lastPacked {
				t.Errorf("packed marks of %s lie before those of the previous token: arena still in casting order", mb.ballot.ID)
			}
			lastPacked = a
		case len(mb.ballot.Marks) > 0:
			a := uintptr(unsafe.Pointer(&mb.ballot.Marks[0]))
			if a <= lastMarks {
				t.Errorf("marks of %s lie before those of the previous token: arena still in casting order", mb.ballot.ID)
			}
			lastMarks = a
		}
		if unsafe.StringData(mb.rcpt) == oldHash[mb.ballot.ID] {
			t.Errorf("receipt hash of %s is the string stored at cast time", mb.ballot.ID)
		}
	}
}
