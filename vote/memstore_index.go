package vote

import "math"

// This file holds MemStore's lookup structures: the slot table that maps
// the ids of a poll's eligibility list to marks and ballots without a map
// lookup inside the poll's lock, and the maps for every other id.

// A poll's participation marks and ballot ids are kept in a dense slot
// table for the ids of its eligibility list (built once, when the poll
// first opens empty), and in maps for any other id. A slot is keyed by an
// id string only: the mark of voter v and the ballot whose id equals v
// share a slot, which in a public poll (ballot id = voter id) makes a cast
// one lookup, and in a secret poll relates nothing (its tokens are not
// voter ids).
type memSlot struct {
	mark   int32 // 0: no mark; markSecret; else log index + 1
	ballot int32 // 0: no ballot with this id; else log index + 1
}

// markSecret is the mark of a secret poll's voter: no log index is kept.
const markSecret = -1

// voterIndex maps the ids of a poll's eligibility list (without
// duplicates) to slots, slot i being Voters[i]; it never changes once
// built. Ballot ids use the slots only in a poll that was public when it
// opened (where they are voter ids); a secret poll's tokens stay in byID.
type voterIndex struct {
	roll    *rollIndex // slot i is position i
	ballots bool       // ballot ids use the slots too
}

// indexVoters builds the slot table from the eligibility list, and the
// mark codec from the options and levels, when the poll is open and
// nothing has been cast yet; mp.mu must be held for writing (or mp not
// yet shared).
func (mp *memPoll) indexVoters() {
	if mp.poll.State != StateOpen || mp.log.n != 0 || len(mp.marks) != 0 {
		return
	}
	if mp.codec.Load() == nil {
		mp.codec.Store(newMarkCodec(mp.poll))
	}
	if len(mp.poll.Voters) == 0 || mp.index.Load() != nil {
		return
	}
	n := len(mp.poll.Voters) // at most one ballot per voter
	roll, dup := newRollIndex(mp.poll.Voters)
	if roll == nil || dup >= 0 || n > math.MaxInt32-1 { // not a valid list: keep to the maps
		mp.marks, mp.byID = make(map[VoterID]int32, n), make(map[BallotID]int32, n)
		return
	}
	ix := &voterIndex{roll: roll, ballots: !mp.poll.Secret}
	if !ix.ballots {
		mp.byID = make(map[BallotID]int32, n) // the tokens go there
	}
	mp.slots = make([]memSlot, n)
	mp.index.Store(ix)
}

// ballotSlot returns the slot of ballot id (-1 if none), given the slot
// vs of voter.
func (ix *voterIndex) ballotSlot(id BallotID, voter VoterID, vs int32) int32 {
	switch {
	case ix == nil || !ix.ballots:
		return -1
	case string(id) == string(voter):
		return vs
	}
	return ix.slotOf(string(id))
}

// slotOf returns the slot of id in ix, or -1.
func (ix *voterIndex) slotOf(id string) int32 {
	if ix == nil {
		return -1
	}
	if i, ok := ix.roll.position(VoterID(id)); ok {
		return int32(i)
	}
	return -1
}

// hinted returns the slot of voter, trying the hint first.
func (ix *voterIndex) hinted(voter VoterID, hint int32) int32 {
	if ix != nil && hint >= 0 && int(hint) < len(ix.roll.ids) && ix.roll.ids[hint] == voter {
		return hint
	}
	return ix.slotOf(string(voter))
}

// ballotAt returns the log index of the live ballot with id, given id's
// slot (-1 if none); mp.mu must be held.
func (mp *memPoll) ballotAt(id BallotID, slot int32) (int32, bool) {
	if slot >= 0 {
		x := mp.slots[slot].ballot
		return x - 1, x != 0
	}
	i, ok := mp.byID[id]
	return i, ok
}

// markOf returns voter's mark (memSlot.mark encoding, 0 if none) given the
// voter's slot (-1 if none); mp.mu must be held.
func (mp *memPoll) markOf(voter VoterID, slot int32) int32 {
	if slot >= 0 {
		return mp.slots[slot].mark
	}
	return mp.marks[voter]
}

// setBallot records that the ballot id (with slot bs, -1 if none) is at
// log index i, or is gone if i < 0; mp.mu must be held for writing.
func (mp *memPoll) setBallot(id BallotID, bs, i int32) {
	switch {
	case bs >= 0:
		mp.slots[bs].ballot = i + 1
	case i >= 0:
		mp.byID[id] = i
	default:
		delete(mp.byID, id)
	}
}
