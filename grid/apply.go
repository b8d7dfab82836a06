package grid

import "strconv"

// setRev gives node i a new revision at instant at (replacing one made at
// the same instant).
func (t *Tree) setRev(tx *txn, i int32, at int64, f func(r *rev)) {
	t.touch(tx, i)
	n := &t.nodes[i]
	l := n.last()
	if l.at == at {
		f(l)
		return
	}
	r := *l
	r.at = at
	f(&r)
	if r.parent == l.parent && r.code == l.code && r.name == l.name {
		return // nothing changed: no new revision
	}
	n.more = append(n.more, r)
}

func (t *Tree) addCodeUse(c Code, i int32) {
	if c == "" {
		return
	}
	next := t.codes.head(c)
	// A node that held c before and holds it again needs no second use.
	for k := next; k >= 0; k = t.codeUses[k].next {
		if t.codeUses[k].node == i {
			return
		}
	}
	t.codes.set(c, int32(len(t.codeUses)), &t.nCodes)
	t.codeUses = append(t.codeUses, codeUse{code: c, node: i, next: next})
}

func (t *Tree) addKid(child, parent int32) {
	if parent < 0 {
		return
	}
	for k := t.firstKid[parent]; k >= 0; k = t.kidLinks[k].next {
		if t.kidLinks[k].child == child {
			return
		}
	}
	t.kidLinks = append(t.kidLinks, kidLink{child: child, parent: parent, next: t.firstKid[parent]})
	t.firstKid[parent] = int32(len(t.kidLinks) - 1)
}

// codeHolder returns the node holding code c from instant at on, or -1.
func (t *Tree) codeHolder(c Code, at int64) int32 {
	for k := t.codes.head(c); k >= 0; k = t.codeUses[k].next {
		n := &t.nodes[t.codeUses[k].node]
		if n.alive(at) && n.last().code == c {
			return t.codeUses[k].node
		}
	}
	return -1
}

func (t *Tree) liveNode(id ID, at int64) (int32, string) {
	i, ok := t.index[id]
	if !ok {
		return -1, "unknown node " + strconv.Quote(string(id))
	}
	if !t.nodes[i].alive(at) {
		return -1, "node " + strconv.Quote(string(id)) + " is not in effect"
	}
	return i, ""
}

func (t *Tree) checkParent(level Level, parent ID, at int64) (int32, string) {
	p, reason := t.liveNode(parent, at)
	if reason != "" {
		return -1, "parent: " + reason
	}
	pl := t.nodes[p].level
	if pl >= level {
		return -1, "parent level " + strconv.Quote(t.h.Name(pl)) + " is not above " + strconv.Quote(t.h.Name(level))
	}
	if t.h.Strict && pl != level-1 {
		return -1, "strict hierarchy: parent must be at level " + strconv.Quote(t.h.Name(level-1))
	}
	return p, ""
}

// apply performs one change, or returns why it cannot.
func (t *Tree) apply(tx *txn, at int64, c Change) string {
	if c.Op != OpCreate {
		tx.lastParent.ok = false // a move or retirement may change the parent
	}
	switch c.Op {
	case OpCreate:
		if c.Node == "" {
			return "empty node id"
		}
		if c.Level < 0 || int(c.Level) >= len(t.h.Levels) {
			return "unknown level " + strconv.Itoa(int(c.Level))
		}
		if r := t.h.allows(c.Level, c.Code); r != "" {
			return r
		}
		head := int32(-1)
		if c.Code != "" {
			if head = t.codes.head(c.Code); head >= 0 {
				if h := t.codeHolder(c.Code, at); h >= 0 {
					return "code " + string(c.Code) + " is held by node " + strconv.Quote(string(t.nodes[h].id))
				}
			}
		}
		p := int32(-1)
		if c.Parent != "" {
			if c.Parent == tx.lastParent.id && tx.lastParent.ok {
				p = tx.lastParent.i // bulk loads create siblings in a row
			} else {
				var r string
				if p, r = t.checkParent(c.Level, c.Parent, at); r != "" {
					return r
				}
			}
			pl := t.nodes[p].level
			if pl >= c.Level || (t.h.Strict && pl != c.Level-1) {
				if _, r := t.checkParent(c.Level, c.Parent, at); r != "" {
					return r
				}
			}
			tx.lastParent.id, tx.lastParent.i, tx.lastParent.ok = c.Parent, p, true
		}
		i := int32(len(t.nodes))
		// Insert and detect a duplicate in one map operation (bulk loads
		// are dominated by this map); on a duplicate, restore the entry.
		before := len(t.index)
		t.index[c.Node] = i
		if len(t.index) == before {
			for k := range t.nodes {
				if t.nodes[k].id == c.Node {
					t.index[c.Node] = int32(k)
				}
			}
			return "node id already used"
		}
		t.nodes = append(t.nodes, node{id: c.Node, level: c.Level, from: at, to: forever,
			r0: rev{at: at, parent: p, code: c.Code, name: c.Name}})
		t.firstKid = append(t.firstKid, -1)
		if c.Code != "" {
			t.codes.set(c.Code, int32(len(t.codeUses)), &t.nCodes)
			t.codeUses = append(t.codeUses, codeUse{code: c.Code, node: i, next: head})
		}
		if p < 0 {
			t.roots = append(t.roots, i)
		} else {
			t.kidLinks = append(t.kidLinks, kidLink{child: i, parent: p, next: t.firstKid[p]})
			t.firstKid[p] = int32(len(t.kidLinks) - 1)
		}
		return ""
	case OpMove:
		i, r := t.liveNode(c.Node, at)
		if r != "" {
			return r
		}
		if c.Parent == "" {
			return "would orphan the node (no parent)"
		}
		if t.nodes[i].last().parent < 0 {
			return "a root cannot be moved"
		}
		p, r := t.checkParent(t.nodes[i].level, c.Parent, at)
		if r != "" {
			return r
		}
		for a := p; a >= 0; a = t.nodes[a].last().parent {
			if a == i {
				return "would create a cycle"
			}
		}
		t.setRev(tx, i, at, func(r *rev) { r.parent = p })
		t.addKid(i, p)
	case OpRecode:
		i, r := t.liveNode(c.Node, at)
		if r != "" {
			return r
		}
		if r := t.h.allows(t.nodes[i].level, c.Code); r != "" {
			return r
		}
		if h := t.codeHolder(c.Code, at); c.Code != "" && h >= 0 && h != i {
			return "code " + string(c.Code) + " is held by node " + strconv.Quote(string(t.nodes[h].id))
		}
		t.setRev(tx, i, at, func(r *rev) { r.code = c.Code })
		t.addCodeUse(c.Code, i)
	case OpRename:
		i, r := t.liveNode(c.Node, at)
		if r != "" {
			return r
		}
		t.setRev(tx, i, at, func(r *rev) { r.name = c.Name })
	case OpRetire:
		i, r := t.liveNode(c.Node, at)
		if r != "" {
			return r
		}
		kids := 0
		for k := t.firstKid[i]; k >= 0; k = t.kidLinks[k].next {
			ch := &t.nodes[t.kidLinks[k].child]
			if ch.alive(at) && ch.last().parent == i {
				kids++
			}
		}
		if kids > 0 {
			return "would orphan " + strconv.Itoa(kids) + " children"
		}
		t.touch(tx, i)
		t.nodes[i].to = at
		for _, a := range t.nodeAssigns[i] {
			if t.assigns[a].Period.To.IsZero() || t.assigns[a].Period.To.UnixNano() > at {
				t.saveAssign(tx, a)
				t.assigns[a].Period.To = fromInstant(at)
			}
		}
	case OpPerson:
		if c.Person == nil || c.Person.ID == "" {
			return "person without id"
		}
		if tx.savedPeople == nil {
			tx.savedPeople = map[PersonID]*Person{}
		}
		if _, ok := tx.savedPeople[c.Person.ID]; !ok {
			if old, ok := t.people[c.Person.ID]; ok {
				tx.savedPeople[c.Person.ID] = &old
			} else {
				tx.savedPeople[c.Person.ID] = nil
			}
		}
		t.people[c.Person.ID] = *c.Person
	case OpAssign:
		if c.Assignment == nil || c.Assignment.ID == "" {
			return "assignment without id"
		}
		a := *c.Assignment
		a.Matters = append([]Matter(nil), a.Matters...)
		if _, dup := t.assignIndex[a.ID]; dup {
			return "assignment id already used"
		}
		if _, ok := t.people[a.Person]; !ok {
			return "unknown person " + strconv.Quote(string(a.Person))
		}
		if a.Role == "" {
			return "empty role"
		}
		if a.Period.From.IsZero() {
			a.Period.From = fromInstant(at)
		}
		if !validInstant(a.Period.From) || (!a.Period.To.IsZero() && !validInstant(a.Period.To)) {
			return "assignment period out of range"
		}
		a.Period.From = a.Period.From.UTC()
		if !a.Period.To.IsZero() {
			a.Period.To = a.Period.To.UTC()
			if !a.Period.To.After(a.Period.From) {
				return "assignment ends before it starts"
			}
		}
		ni, ok := t.index[a.Node]
		if !ok {
			return "unknown node " + strconv.Quote(string(a.Node))
		}
		n := &t.nodes[ni]
		if f := a.Period.From.UnixNano(); f < n.from || f >= n.to {
			return "node " + strconv.Quote(string(a.Node)) + " is not in effect when the assignment starts"
		}
		if !a.Period.To.IsZero() && n.to != forever && a.Period.To.UnixNano() > n.to {
			return "assignment outlasts node " + strconv.Quote(string(a.Node))
		}
		if a.Period.To.IsZero() && n.to != forever {
			a.Period.To = fromInstant(n.to)
		}
		k := int32(len(t.assigns))
		t.assigns = append(t.assigns, a)
		t.assignIndex[a.ID] = k
		if tx.nodeAssigns == nil {
			tx.nodeAssigns = map[int32]int{}
		}
		if _, ok := tx.nodeAssigns[ni]; !ok {
			tx.nodeAssigns[ni] = len(t.nodeAssigns[ni])
		}
		t.nodeAssigns[ni] = append(t.nodeAssigns[ni], k)
	case OpUnassign:
		if c.Assignment == nil {
			return "assignment without id"
		}
		k, ok := t.assignIndex[c.Assignment.ID]
		if !ok {
			return "unknown assignment " + strconv.Quote(c.Assignment.ID)
		}
		a := &t.assigns[k]
		if !a.Period.To.IsZero() && a.Period.To.UnixNano() <= at {
			return "assignment already ended"
		}
		if a.Period.From.UnixNano() > at {
			return "assignment has not started"
		}
		t.saveAssign(tx, k)
		a.Period.To = fromInstant(at)
	default:
		return "unknown op " + strconv.Quote(string(c.Op))
	}
	return ""
}

func (t *Tree) saveAssign(tx *txn, k int32) {
	if int(k) >= tx.assigns {
		return
	}
	if tx.savedAssigns == nil {
		tx.savedAssigns = map[int32]Assignment{}
	}
	if _, ok := tx.savedAssigns[k]; !ok {
		tx.savedAssigns[k] = t.assigns[k]
	}
}
