// Package gridrow is the row format of the grid log that both storage
// adapters keep: a batch is one header row (version, id, the instant as
// text, reason, number of changes) and one row per change (op, node,
// parent, level, code, name, and the person and assignment as JSON or
// NULL). It converts between those rows and grid values, and groups
// headers so that a reader fetches the changes of many small batches in
// one query; the adapters only run the queries.
package gridrow

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/gongzhi/gongzhi/grid"
)

// Header is a batch's row in grid_batch.
type Header struct {
	Version int64
	ID      string
	At      string // the instant as time.Time.MarshalText writes it (RFC 3339, nanoseconds, offset)
	Reason  string
	Changes int // how many rows of grid_change the batch has
}

// Change is a change's row in grid_change, without its version and seq.
type Change struct {
	Op, Node, Parent, Code, Name string
	Level                        int64
	Person, Assignment           []byte // JSON; nil is NULL
}

// Encode returns the row of c. A person or assignment that JSON cannot
// encode is an error wrapping grid.ErrInvalidChange.
func Encode(c grid.Change) (Change, error) {
	r := Change{Op: string(c.Op), Node: string(c.Node), Parent: string(c.Parent), Code: string(c.Code),
		Name: c.Name, Level: int64(c.Level)}
	var err error
	if c.Person != nil {
		if r.Person, err = json.Marshal(c.Person); err != nil {
			return Change{}, fmt.Errorf("person: %w", grid.ErrInvalidChange)
		}
	}
	if c.Assignment != nil {
		if r.Assignment, err = json.Marshal(c.Assignment); err != nil {
			return Change{}, fmt.Errorf("assignment: %w", grid.ErrInvalidChange)
		}
	}
	return r, nil
}

// Decode returns the change r holds.
func (r Change) Decode() (grid.Change, error) {
	c := grid.Change{Op: grid.Op(r.Op), Node: grid.ID(r.Node), Parent: grid.ID(r.Parent), Level: grid.Level(r.Level),
		Code: grid.Code(r.Code), Name: r.Name}
	if r.Person != nil {
		c.Person = new(grid.Person)
		if err := json.Unmarshal(r.Person, c.Person); err != nil {
			return grid.Change{}, err
		}
	}
	if r.Assignment != nil {
		c.Assignment = new(grid.Assignment)
		if err := json.Unmarshal(r.Assignment, c.Assignment); err != nil {
			return grid.Change{}, err
		}
	}
	return c, nil
}

// Groups cuts hs (consecutive batches) into runs whose changes add up to
// at most chunk, so that each run's changes are read with one query and
// memory holds one run; a batch of more than chunk changes is a run of its
// own.
func Groups(hs []Header, chunk int) [][]Header {
	var out [][]Header
	for start := 0; start < len(hs); {
		end, n := start+1, hs[start].Changes
		for end < len(hs) && n+hs[end].Changes <= chunk {
			n += hs[end].Changes
			end++
		}
		out = append(out, hs[start:end])
		start = end
	}
	return out
}

// Batches assembles the entries of consecutive batches from their change
// rows, read in (version, seq) order.
type Batches struct {
	entries []grid.Entry
	want    []int // changes each header announces
	index   map[int64]int
}

// NewBatches starts the entries of hs; a stored instant that does not
// parse is an error.
func NewBatches(hs []Header) (*Batches, error) {
	b := &Batches{entries: make([]grid.Entry, len(hs)), want: make([]int, len(hs)), index: make(map[int64]int, len(hs))}
	for k, h := range hs {
		var at time.Time
		if err := at.UnmarshalText([]byte(h.At)); err != nil {
			return nil, fmt.Errorf("grid batch %d: stored instant %q: %w", h.Version, h.At, err)
		}
		b.entries[k] = grid.Entry{Version: h.Version, Batch: grid.Batch{ID: h.ID, At: at, Reason: h.Reason,
			Changes: make([]grid.Change, 0, h.Changes)}}
		b.index[h.Version], b.want[k] = k, h.Changes
	}
	return b, nil
}

// Add appends the change r of batch version; a row of another batch is
// ignored.
func (b *Batches) Add(version int64, r Change) error {
	k, ok := b.index[version]
	if !ok {
		return nil
	}
	c, err := r.Decode()
	if err != nil {
		return err
	}
	b.entries[k].Batch.Changes = append(b.entries[k].Batch.Changes, c)
	return nil
}

// Entries returns the batches; one whose change rows are fewer or more
// than its header says is an error.
func (b *Batches) Entries() ([]grid.Entry, error) {
	for k, e := range b.entries {
		if len(e.Batch.Changes) != b.want[k] {
			return nil, fmt.Errorf("grid batch %d: %d changes stored, header says %d", e.Version, len(e.Batch.Changes), b.want[k])
		}
	}
	return b.entries, nil
}
