package vote

import (
	"maps"
	"slices"
	"strings"
)

// forgetCastOrder rewrites a secret poll's storage in token order when it
// stops accepting ballots, so that the process's memory no longer records
// the order of casting either: the ballot log, the arenas that hold the
// marks, the strings of every ballot (ids, receipts, write-ins) and the
// keys of the maps are all copied afresh, ballot by ballot in token order,
// and the old storage is left to the garbage collector. (While the poll is
// open, memory does follow the casting order: whoever can read the
// process's memory can read the ballot box. See SECURITY.md.) mp.mu must
// be held for writing.
func (mp *memPoll) forgetCastOrder() {
	var log chunks[memBallot]
	moved := make([]int32, mp.log.n) // old log index -> new log index + 1
	mp.packs, mp.spare, mp.arena = nil, nil, nil
	codec := mp.codec.Load()
	for _, i := range mp.canonical() {
		old := mp.log.at(i)
		mb := memBallot{
			rcpt:    strings.Clone(old.rcpt),
			saltLen: old.saltLen,
			version: old.version,
			live:    true,
		}
		mb.ballot.ID = BallotID(strings.Clone(string(old.ballot.ID)))
		mb.ballot.Choice = Choice(strings.Clone(string(old.ballot.Choice)))
		if old.packed != nil {
			mb.packed = mp.keepPacked(old.packed)
		} else {
			ms := slices.Clone(old.ballot.Marks)
			for k := range ms {
				if codec == nil || codec.option(ms[k].Option) < 0 { // a write-in: the caller's string
					ms[k].Option = OptionID(strings.Clone(string(ms[k].Option)))
				}
				ms[k].Level = strings.Clone(ms[k].Level)
			}
			mb.ballot.Marks = mp.keepMarks(ms)
		}
		j := log.add(mb)
		moved[i] = j + 1
	}
	remap := func(x int32) int32 {
		if x > 0 {
			return moved[x-1]
		}
		return x
	}
	remark := func(x int32) int32 {
		if y := remap(x); y != 0 || x == 0 {
			return y
		}
		return markSecret // a mark is never lost
	}
	for k := range mp.slots {
		sl := &mp.slots[k]
		sl.mark, sl.ballot = remark(sl.mark), remap(sl.ballot)
	}
	marks := make(map[VoterID]int32, len(mp.marks))
	for _, v := range slices.Sorted(maps.Keys(mp.marks)) {
		marks[VoterID(strings.Clone(string(v)))] = remark(mp.marks[v])
	}
	byID := make(map[BallotID]int32, len(mp.byID))
	for _, i := range mp.byID {
		if j := moved[i] - 1; j >= 0 {
			byID[log.at(j).ballot.ID] = j
		}
	}
	mp.log, mp.order, mp.marks, mp.byID = log, nil, marks, byID
	mp.nLive = int(log.n)
}
