package grid

import (
	"strconv"
	"time"
)

// Part is a place created by a split, with the children of the split node
// it takes over.
type Part struct {
	ID       ID     `json:"id"`
	Code     Code   `json:"code,omitempty"`
	Name     string `json:"name"`
	Children []ID   `json:"children,omitempty"`
}

// SplitChanges plans the split of node src at instant at (not before
// Latest): every part is created as a sibling of src (same parent, same
// level) and the children it lists move to it. If retire is true, src is
// retired, so every one of its children must be listed in some part;
// otherwise src keeps the children not listed. Put the result in a Batch
// and Apply it: the tree records the moves, so queries before at still
// see the old community.
func (t *Tree) SplitChanges(src ID, at time.Time, parts []Part, retire bool) ([]Change, error) {
	fail := func(reason string) ([]Change, error) {
		return nil, &ChangeError{Index: -1, Op: "split", Node: src, Reason: reason}
	}
	w := max(instant(at), t.latest)
	i, r, err := t.find(src, w)
	if err != nil {
		return fail("node not in effect")
	}
	if len(parts) == 0 {
		return fail("no parts")
	}
	var parent ID
	if r.parent >= 0 {
		parent = t.nodes[r.parent].id
	}
	kids := map[ID]bool{}
	for _, k := range t.kidsAt(i, w) {
		kids[t.nodes[k].id] = false
	}
	// Parts get their codes last, so a part may take over the code of the
	// retiring source.
	var out, codes []Change
	for _, p := range parts {
		out = append(out, Create(p.ID, parent, t.nodes[i].level, "", p.Name))
		if p.Code != "" {
			codes = append(codes, Recode(p.ID, p.Code))
		}
	}
	for _, p := range parts {
		for _, c := range p.Children {
			taken, ok := kids[c]
			if !ok {
				return fail(strconv.Quote(string(c)) + " is not a child of the split node")
			}
			if taken {
				return fail(strconv.Quote(string(c)) + " is listed in two parts")
			}
			kids[c] = true
			out = append(out, Move(c, p.ID))
		}
	}
	if retire {
		for _, k := range t.kidsAt(i, w) {
			if !kids[t.nodes[k].id] {
				return fail("child " + strconv.Quote(string(t.nodes[k].id)) + " is in no part, and the split node retires")
			}
		}
		out = append(out, Retire(src))
	}
	return append(out, codes...), nil
}

// MergeChanges plans the merger of the sources into one place at instant
// at (not before Latest): all children of every source move to into, and
// the sources retire. If into.ID names a node in effect it receives them
// (it may be one of the sources, which then stays); otherwise a node is
// created with into's ID, code and name as a sibling of the first source.
// into.Children is ignored.
func (t *Tree) MergeChanges(sources []ID, into Part, at time.Time) ([]Change, error) {
	fail := func(reason string) ([]Change, error) {
		return nil, &ChangeError{Index: -1, Op: "merge", Node: into.ID, Reason: reason}
	}
	if len(sources) == 0 {
		return fail("no sources")
	}
	w := max(instant(at), t.latest)
	var out, codes []Change
	if _, _, err := t.find(into.ID, w); err != nil {
		i, r, err := t.find(sources[0], w)
		if err != nil {
			return fail("source " + strconv.Quote(string(sources[0])) + " not in effect")
		}
		var parent ID
		if r.parent >= 0 {
			parent = t.nodes[r.parent].id
		}
		// The code comes last: it may be a retiring source's.
		out = append(out, Create(into.ID, parent, t.nodes[i].level, "", into.Name))
		if into.Code != "" {
			codes = append(codes, Recode(into.ID, into.Code))
		}
	}
	seen := map[ID]bool{}
	for _, s := range sources {
		if seen[s] {
			return fail("source " + strconv.Quote(string(s)) + " listed twice")
		}
		seen[s] = true
		if s == into.ID {
			continue
		}
		i, _, err := t.find(s, w)
		if err != nil {
			return fail("source " + strconv.Quote(string(s)) + " not in effect")
		}
		for _, k := range t.kidsAt(i, w) {
			out = append(out, Move(t.nodes[k].id, into.ID))
		}
		out = append(out, Retire(s))
	}
	return append(out, codes...), nil
}
