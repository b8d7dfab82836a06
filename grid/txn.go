package grid

// txn is the undo log of one Apply.
type txn struct {
	nodes, codeUses, kidLinks, roots, assigns int
	saved                                     map[int32]node
	savedAssigns                              map[int32]Assignment
	savedPeople                               map[PersonID]*Person
	nodeAssigns                               map[int32]int
	batch                                     string
	latest                                    int64
	// lastParent caches the parent of the previous create.
	lastParent struct {
		id ID
		i  int32
		ok bool
	}
}

func (t *Tree) begin() *txn {
	return &txn{
		nodes: len(t.nodes), codeUses: len(t.codeUses), kidLinks: len(t.kidLinks),
		roots: len(t.roots), assigns: len(t.assigns),
	}
}

// touch saves node i's state before its first change in the batch.
func (t *Tree) touch(tx *txn, i int32) {
	if int(i) >= tx.nodes {
		return
	}
	if tx.saved == nil {
		tx.saved = map[int32]node{}
	}
	if _, ok := tx.saved[i]; ok {
		return
	}
	n := t.nodes[i]
	n.more = append([]rev(nil), n.more...)
	tx.saved[i] = n
}

func (t *Tree) rollback(tx *txn) {
	for k := len(t.codeUses) - 1; k >= tx.codeUses; k-- {
		u := t.codeUses[k]
		t.codes.set(u.code, u.next, &t.nCodes)
	}
	t.codeUses = t.codeUses[:tx.codeUses]
	for k := len(t.kidLinks) - 1; k >= tx.kidLinks; k-- {
		l := t.kidLinks[k]
		if int(l.parent) < len(t.firstKid) {
			t.firstKid[l.parent] = l.next
		}
	}
	t.kidLinks = t.kidLinks[:tx.kidLinks]
	for k := tx.nodes; k < len(t.nodes); k++ {
		delete(t.index, t.nodes[k].id)
	}
	t.nodes = t.nodes[:tx.nodes]
	t.firstKid = t.firstKid[:tx.nodes]
	t.roots = t.roots[:tx.roots]
	for i, n := range tx.saved {
		t.nodes[i] = n
	}
	for k := tx.assigns; k < len(t.assigns); k++ {
		delete(t.assignIndex, t.assigns[k].ID)
	}
	t.assigns = t.assigns[:tx.assigns]
	for i, a := range tx.savedAssigns {
		t.assigns[i] = a
	}
	for n, l := range tx.nodeAssigns {
		if l == 0 {
			delete(t.nodeAssigns, n)
		} else {
			t.nodeAssigns[n] = t.nodeAssigns[n][:l]
		}
	}
	for id, p := range tx.savedPeople {
		if p == nil {
			delete(t.people, id)
		} else {
			t.people[id] = *p
		}
	}
}
