package grid

import "time"

// Difference is how one node differs between two instants. Before is nil
// for a node created in between, After is nil for one retired in between.
type Difference struct {
	ID     ID    `json:"id"`
	Before *Node `json:"before,omitempty"`
	After  *Node `json:"after,omitempty"`
}

// Created reports whether the node came into effect between the instants.
func (d Difference) Created() bool { return d.Before == nil }

// Retired reports whether the node went out of effect between the instants.
func (d Difference) Retired() bool { return d.After == nil }

// Moved reports whether the node has a different parent.
func (d Difference) Moved() bool {
	return d.Before != nil && d.After != nil && d.Before.Parent != d.After.Parent
}

// Recoded reports whether the node has a different code.
func (d Difference) Recoded() bool {
	return d.Before != nil && d.After != nil && d.Before.Code != d.After.Code
}

// Renamed reports whether the node has a different name.
func (d Difference) Renamed() bool {
	return d.Before != nil && d.After != nil && d.Before.Name != d.After.Name
}

// Diff lists the nodes whose existence, parent, code or name differ
// between instants a and b, in creation order: the record of a
// redistricting ("what changed in Dongcheng this year"). Restrict it to a
// part of the city with Within on Before or After.
func (t *Tree) Diff(a, b time.Time) []Difference {
	wa, wb := instant(a), instant(b)
	var out []Difference
	for i := range t.nodes {
		n := &t.nodes[i]
		ra, rb := n.revAt(wa), n.revAt(wb)
		switch {
		case ra == nil && rb == nil:
			continue
		case ra != nil && rb != nil && ra.parent == rb.parent && ra.code == rb.code && ra.name == rb.name:
			continue
		}
		d := Difference{ID: n.id}
		if ra != nil {
			v := t.nodeAt(int32(i), ra)
			d.Before = &v
		}
		if rb != nil {
			v := t.nodeAt(int32(i), rb)
			d.After = &v
		}
		out = append(out, d)
	}
	return out
}
