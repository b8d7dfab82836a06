package vote

import (
	"slices"
	"strconv"
	"testing"

	"pgregory.net/rapid"
)

// firstPosition is the straightforward lookup the roll index must agree
// with: the position of the first voter with id, or -1.
func firstPosition(voters []Voter, id VoterID) int {
	return slices.IndexFunc(voters, func(v Voter) bool { return v.ID == id })
}

// TestPropRollIndexIsFirstPosition: for any list (repeats, empty and
// non-ASCII ids, lists that fill several probe sequences) and any id, on
// the list or not, the roll index answers what a scan for the first
// equal id answers, and reports the first repeat; also without tags, so
// that every probe compares ids.
func TestPropRollIndexIsFirstPosition(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		// A small alphabet makes repeats and shared prefixes common.
		id := rapid.Custom(func(t *rapid.T) VoterID {
			return VoterID(rapid.StringMatching(`[ab0\x00é]{0,5}`).Draw(t, "id"))
		})
		voters := make([]Voter, 0, 64)
		for _, v := range rapid.SliceOfN(id, 0, 64).Draw(rt, "voters") {
			voters = append(voters, Voter{ID: v})
		}
		ix, dup := newRollIndexTags(voters, !rapid.Bool().Draw(rt, "untagged"))
		if ix == nil {
			rt.Fatal("no index")
		}
		wantDup := -1
		for i, v := range voters {
			if firstPosition(voters, v.ID) != i {
				wantDup = i
				break
			}
		}
		if dup != wantDup {
			rt.Fatalf("first repeat at %d, want %d", dup, wantDup)
		}
		if ix.len() != len(voters) {
			rt.Fatalf("len %d, want %d", ix.len(), len(voters))
		}
		queries := append(rapid.SliceOfN(id, 0, 20).Draw(rt, "queries"), "")
		for _, v := range voters {
			queries = append(queries, v.ID)
		}
		for _, q := range queries {
			want := firstPosition(voters, q)
			got, ok := ix.position(q)
			if ok != (want >= 0) || got != want {
				rt.Fatalf("position(%q) = %d, %v; want %d", q, got, ok, want)
			}
		}
	})
}

// TestRollIndexLarge: every id of a list bigger than a probe window is
// found at its position, and ids next to them are not.
func TestRollIndexLarge(t *testing.T) {
	voters := make([]Voter, 100_000)
	for i := range voters {
		voters[i].ID = VoterID("110101199001" + strconv.Itoa(100000+i))
	}
	ix, dup := newRollIndex(voters)
	if dup != -1 {
		t.Fatalf("repeat reported at %d", dup)
	}
	for i, v := range voters {
		if got, ok := ix.position(v.ID); !ok || got != i {
			t.Fatalf("position(%s) = %d, %v; want %d", v.ID, got, ok, i)
		}
		if got, ok := ix.position(v.ID + "x"); ok {
			t.Fatalf("position(%sx) = %d, want none", v.ID, got)
		}
	}
}
