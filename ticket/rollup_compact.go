package ticket

// compact holds one node's own counts during RollUpView: sixteen 8-bit
// lanes packed in two words (16 bytes, so a million nodes take 16 MB and a
// record never straddles a cache line), added to with two word additions.
//
// Lane 0 counts tickets. A fact adds exactly one to it and at most one to
// every other lane, so no lane exceeds lane 0; while lane 0 stays at most
// laneMax no lane carries into its neighbour. A record is spilled into
// its node's int64 Tally before lane 0 would pass the limit.
type compact [2]uint64

const (
	laneBits = 8
	laneMax  = 1<<laneBits - 1 // the largest count a lane holds
	perWord  = 64 / laneBits
)

// Lanes of a compact record, in the order of the Tally fields.
const (
	lTickets = iota
	lDispatched
	lResponded
	lResolved
	lRated
	lSolved
	lSatisfied
	lBasic
	lLevel0  // ByLevel[0..5]
	lOverdue = lLevel0 + 6
)

// one returns the record that counts one in lane l.
func one(l int) compact {
	var c compact
	c[l/perWord] = 1 << (laneBits * (l % perWord))
	return c
}

// b2w converts a bool to 0 or 1.
func b2w(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// deltaOf returns what fact f adds to a compact record, matching Tally.Add.
// It avoids branches on the fact's flags where it can: in a stream of
// facts they are unpredictable. (Lanes 0-7 are in word 0.)
func deltaOf(f *Fact) compact {
	if !f.Dispatched {
		return compact{1}
	}
	var d compact
	if f.Resolved {
		if i := levelIndex(f.ResolvedLevel); i >= 0 {
			d = one(lLevel0 + i)
		}
	}
	rated := b2w(f.Rated)
	d[1] |= b2w(f.Overdue && !f.Rated && !f.Resolved) << (laneBits * (lOverdue % perWord))
	d[0] = 1 | 1<<(laneBits*lDispatched) | b2w(f.Responded)<<(laneBits*lResponded) |
		b2w(f.Resolved)<<(laneBits*lResolved) | rated<<(laneBits*lRated) |
		rated&b2w(f.Solved)<<(laneBits*lSolved) |
		rated&b2w(f.Satisfaction == Satisfied)<<(laneBits*lSatisfied) |
		rated&b2w(f.Satisfaction == BasicSatisfied)<<(laneBits*lBasic)
	return d
}

// merge adds d into c; the caller keeps every lane of the sum at most
// laneMax.
func (c *compact) merge(d *compact) {
	c[0] += d[0]
	c[1] += d[1]
}

// tickets returns the count in lane 0.
func (c *compact) tickets() uint64 { return c[0] & laneMax }

// get returns the count in lane l.
func (c *compact) get(l int) int64 {
	return int64(c[l/perWord] >> (laneBits * (l % perWord)) & laneMax)
}

// flush adds c into a and zeroes c.
func (c *compact) flush(a *Tally) {
	a.Tickets += c.get(lTickets)
	a.Dispatched += c.get(lDispatched)
	a.Responded += c.get(lResponded)
	a.Resolved += c.get(lResolved)
	a.Rated += c.get(lRated)
	a.Solved += c.get(lSolved)
	a.Satisfied += c.get(lSatisfied)
	a.Basic += c.get(lBasic)
	a.Overdue += c.get(lOverdue)
	for i := range a.ByLevel {
		a.ByLevel[i] += c.get(lLevel0 + i)
	}
	*c = compact{}
}
