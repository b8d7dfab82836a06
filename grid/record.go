package grid

import (
	"cmp"
	"slices"
	"strconv"
	"time"
)

// Record is one stretch of a node's history in flat form, the unit of CSV
// and JSON import and export: the node's code, name, level and parent
// during [ValidFrom, ValidTo). A node whose parent, code or name changed
// has several records, each starting where the previous one ends.
type Record struct {
	// ID of the node; empty on import means "the code is the ID".
	ID   ID     `json:"id,omitempty"`
	Code Code   `json:"code,omitempty"`
	Name string `json:"name"`
	// Level is the level's name in the Hierarchy ("community").
	Level string `json:"level"`
	// ParentID names the parent; if empty on import, ParentCode is looked
	// up among the records at ValidFrom. Both empty: a root.
	ParentID   ID        `json:"parent_id,omitempty"`
	ParentCode Code      `json:"parent_code,omitempty"`
	ValidFrom  time.Time `json:"valid_from"`
	ValidTo    time.Time `json:"valid_to,omitzero"` // zero: still in effect
}

// Records returns the tree's full history as records, ordered by node
// creation and then time.
func (t *Tree) Records() []Record {
	var out []Record
	for i := range t.nodes {
		n := &t.nodes[i]
		h, _ := t.History(n.id)
		for _, r := range h {
			rec := Record{ID: n.id, Code: r.Code, Name: r.Name, Level: t.h.Name(n.level),
				ParentID: r.Parent, ValidFrom: r.Period.From, ValidTo: r.Period.To}
			if r.Parent != "" {
				if p, err := t.Node(r.Parent, r.Period.From); err == nil {
					rec.ParentCode = p.Code
				}
			}
			out = append(out, rec)
		}
	}
	return out
}

// PlanImport turns records into the batches that rebuild their history,
// one batch per instant, in time order, with IDs prefix + "@" + the
// instant. It checks what can be checked without a tree (unknown levels,
// gaps or overlaps in a node's records, a parent code that matches no
// record) and returns a *RecordError whose Line is the record's 1-based
// position. Apply the batches to an empty Tree (or through a Service);
// the tree checks the rest.
//
// Within an instant the batch creates nodes (parents first), moves,
// renames, retires (children first), then sets codes, so a code can pass
// from a retiring node to a new one at the same instant.
func PlanImport(h Hierarchy, recs []Record, prefix string) ([]Batch, error) {
	if err := h.Validate(); err != nil {
		return nil, err
	}
	type idx struct {
		rec  Record
		line int
	}
	bad := func(line int, field, reason string) error {
		return &RecordError{Line: line, Field: field, Reason: reason}
	}
	byID := map[ID][]idx{}
	var order []ID
	for k, r := range recs {
		line := k + 1
		if r.ID == "" {
			if r.Code == "" {
				return nil, bad(line, "id", "neither id nor code")
			}
			r.ID = ID(r.Code)
		}
		if _, ok := h.Level(r.Level); !ok {
			return nil, bad(line, "level", "unknown level "+strconv.Quote(r.Level))
		}
		if r.ValidFrom.IsZero() || !validInstant(r.ValidFrom) {
			return nil, bad(line, "valid_from", "missing or out of range")
		}
		if !r.ValidTo.IsZero() && (!validInstant(r.ValidTo) || !r.ValidTo.After(r.ValidFrom)) {
			return nil, bad(line, "valid_to", "not after valid_from")
		}
		if r.Code != "" {
			c, err := ParseCode(string(r.Code))
			if err != nil {
				return nil, bad(line, "code", err.Error())
			}
			r.Code = c
		}
		if _, seen := byID[r.ID]; !seen {
			order = append(order, r.ID)
		}
		byID[r.ID] = append(byID[r.ID], idx{r, line})
	}
	type span struct {
		code     Code
		id       ID
		from, to int64
	}
	var spans []span
	for _, id := range order {
		rs := byID[id]
		slices.SortStableFunc(rs, func(a, b idx) int { return a.rec.ValidFrom.Compare(b.rec.ValidFrom) })
		for k, r := range rs {
			if k > 0 {
				prev := rs[k-1].rec
				if prev.ValidTo.IsZero() || !prev.ValidTo.Equal(r.rec.ValidFrom) {
					return nil, bad(r.line, "valid_from", "does not start where the node's previous record ends")
				}
				if prev.Level != r.rec.Level {
					return nil, bad(r.line, "level", "a node's level cannot change")
				}
			}
			if r.rec.Code != "" {
				to := forever
				if !r.rec.ValidTo.IsZero() {
					to = r.rec.ValidTo.UnixNano()
				}
				spans = append(spans, span{r.rec.Code, id, r.rec.ValidFrom.UnixNano(), to})
			}
		}
	}
	codeIdx := map[Code][]int{}
	for k, s := range spans {
		codeIdx[s.code] = append(codeIdx[s.code], k)
	}
	codeAt := func(c Code, w int64) (ID, bool) {
		for _, k := range codeIdx[c] {
			if s := spans[k]; s.from <= w && w < s.to {
				return s.id, true
			}
		}
		return "", false
	}
	handedOver := func(c Code, w int64, id ID) bool { // another node's span of c ends at w
		for _, k := range codeIdx[c] {
			if s := spans[k]; s.to == w && s.id != id {
				return true
			}
		}
		return false
	}

	type ev struct {
		at    int64
		phase int // 0 create, 1 move, 2 rename, 3 retire, 4 release code, 5 set code
		level Level
		seq   int
		c     Change
	}
	var evs []ev
	add := func(at int64, phase int, l Level, c Change) {
		evs = append(evs, ev{at, phase, l, len(evs), c})
	}
	for _, id := range order {
		rs := byID[id]
		for k, r := range rs {
			rec := r.rec
			at := rec.ValidFrom.UnixNano()
			l, _ := h.Level(rec.Level)
			parent := rec.ParentID
			if parent == "" && rec.ParentCode != "" {
				p, ok := codeAt(rec.ParentCode, at)
				if !ok {
					return nil, bad(r.line, "parent_code", "no record holds code "+string(rec.ParentCode)+" at valid_from")
				}
				parent = p
			}
			defer1 := rec.Code != "" && handedOver(rec.Code, at, id)
			if k == 0 {
				code := rec.Code
				if defer1 {
					code = ""
					add(at, 5, l, Recode(id, rec.Code))
				}
				add(at, 0, l, Create(id, parent, l, code, rec.Name))
			} else {
				prev := rs[k-1].rec
				prevParent := rs[k-1].rec.ParentID
				if prevParent == "" && prev.ParentCode != "" {
					prevParent, _ = codeAt(prev.ParentCode, prev.ValidFrom.UnixNano())
				}
				if parent != prevParent {
					add(at, 1, l, Move(id, parent))
				}
				if rec.Name != prev.Name {
					add(at, 2, l, Rename(id, rec.Name))
				}
				if rec.Code != prev.Code {
					// Release first, so codes can be swapped or handed on.
					if prev.Code != "" {
						add(at, 4, l, Recode(id, ""))
					}
					if rec.Code != "" {
						add(at, 5, l, Recode(id, rec.Code))
					}
				}
			}
			if k == len(rs)-1 && !rec.ValidTo.IsZero() {
				add(rec.ValidTo.UnixNano(), 3, l, Retire(id))
			}
		}
	}
	slices.SortFunc(evs, func(a, b ev) int {
		if c := cmp.Compare(a.at, b.at); c != 0 {
			return c
		}
		if c := cmp.Compare(a.phase, b.phase); c != 0 {
			return c
		}
		switch a.phase {
		case 0:
			if c := cmp.Compare(a.level, b.level); c != 0 {
				return c
			}
		case 3:
			if c := cmp.Compare(b.level, a.level); c != 0 {
				return c
			}
		}
		return cmp.Compare(a.seq, b.seq)
	})
	var out []Batch
	for _, e := range evs {
		if len(out) == 0 || out[len(out)-1].At.UnixNano() != e.at {
			at := fromInstant(e.at)
			out = append(out, Batch{ID: prefix + "@" + at.Format(time.RFC3339Nano), At: at, Reason: "import"})
		}
		b := &out[len(out)-1]
		b.Changes = append(b.Changes, e.c)
	}
	return out, nil
}
