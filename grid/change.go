package grid

import (
	"encoding/json"
	"time"
)

// Op is the kind of a Change.
type Op string

// Change kinds. Every change takes effect at its Batch's instant.
const (
	OpCreate   Op = "create"   // new node (Node, Parent, Level, Code, Name)
	OpMove     Op = "move"     // Node gets a new Parent (with its subtree)
	OpRecode   Op = "recode"   // Node gets a new Code ("" removes it)
	OpRename   Op = "rename"   // Node gets a new Name
	OpRetire   Op = "retire"   // Node stops being in effect; it must have no children
	OpPerson   Op = "person"   // Person is created or updated
	OpAssign   Op = "assign"   // Assignment is created
	OpUnassign Op = "unassign" // Assignment (by ID) ends
)

// Change is one step of a Batch. Which fields matter depends on Op; the
// constructors (Create, Move...) fill them. A Change is plain data and
// marshals to JSON, so a Store can persist it as is.
type Change struct {
	Op         Op          `json:"op"`
	Node       ID          `json:"node,omitempty"`
	Parent     ID          `json:"parent,omitempty"`
	Level      Level       `json:"level,omitempty"`
	Code       Code        `json:"code,omitempty"`
	Name       string      `json:"name,omitempty"`
	Person     *Person     `json:"person,omitempty"`
	Assignment *Assignment `json:"assignment,omitempty"`
}

// Create returns the change that creates node id at level under parent
// (empty parent: a root) with a code (may be empty) and a name.
func Create(id, parent ID, level Level, code Code, name string) Change {
	return Change{Op: OpCreate, Node: id, Parent: parent, Level: level, Code: code, Name: name}
}

// Move returns the change that moves node id, with its subtree, under
// parent.
func Move(id, parent ID) Change { return Change{Op: OpMove, Node: id, Parent: parent} }

// Recode returns the change that gives node id a new code.
func Recode(id ID, code Code) Change { return Change{Op: OpRecode, Node: id, Code: code} }

// Rename returns the change that gives node id a new name.
func Rename(id ID, name string) Change { return Change{Op: OpRename, Node: id, Name: name} }

// Retire returns the change that ends node id. Its open assignments end
// with it; retiring a node that still has children is rejected.
func Retire(id ID) Change { return Change{Op: OpRetire, Node: id} }

// PutPerson returns the change that records p.
func PutPerson(p Person) Change { return Change{Op: OpPerson, Person: &p} }

// Assign returns the change that records assignment a.
func Assign(a Assignment) Change { return Change{Op: OpAssign, Assignment: &a} }

// Unassign returns the change that ends the assignment with the given ID.
func Unassign(assignmentID string) Change {
	return Change{Op: OpUnassign, Assignment: &Assignment{ID: assignmentID}}
}

// Batch is a set of changes applied atomically, in order, at one instant:
// either all take effect or none does. Batches are recorded in effective
// time order; the log of batches is the grid's full history, and replaying
// it rebuilds the Tree.
type Batch struct {
	// ID makes the batch idempotent: a Store appends a batch ID once.
	ID string `json:"id"`
	// At is the instant the changes take effect.
	At time.Time `json:"at"`
	// Reason says why, for the record ("split of 和平里社区").
	Reason  string   `json:"reason,omitempty"`
	Changes []Change `json:"changes"`
}

// Equal reports whether b and o have the same content (instants compared
// as instants). Stores use it to tell an idempotent retry from a reused ID.
func (b Batch) Equal(o Batch) bool {
	if b.ID != o.ID || !b.At.Equal(o.At) || b.Reason != o.Reason || len(b.Changes) != len(o.Changes) {
		return false
	}
	for i := range b.Changes {
		x, err1 := json.Marshal(canonicalChange(b.Changes[i]))
		y, err2 := json.Marshal(canonicalChange(o.Changes[i]))
		if err1 != nil || err2 != nil || string(x) != string(y) {
			return false
		}
	}
	return true
}

func canonicalChange(c Change) Change {
	if c.Assignment != nil {
		a := *c.Assignment
		if !a.Period.From.IsZero() {
			a.Period.From = a.Period.From.UTC()
		}
		if !a.Period.To.IsZero() {
			a.Period.To = a.Period.To.UTC()
		}
		c.Assignment = &a
	}
	return c
}
