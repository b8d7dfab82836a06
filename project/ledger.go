package project

import (
	"fmt"
	"time"

	"github.com/gongzhi/gongzhi/grid"
	"github.com/shopspring/decimal"
)

// EntryKind is the kind of a ledger entry.
type EntryKind string

// Ledger entry kinds.
const (
	// OpenSource creates a funding source with Amount as its cap.
	OpenSource EntryKind = "open_source"
	// ChangeCap moves a source's cap by Amount (may be negative); needs a
	// Reason, and the cap may not fall below what is allocated.
	ChangeCap EntryKind = "change_cap"
	// Allocate approves Amount from Source to Project. A project gets one
	// approved allocation per source; later changes are ChangeAllocation.
	Allocate EntryKind = "allocate"
	// ChangeAllocation moves an approved allocation by Amount (may be
	// negative); needs a Reason (the recorded change, 变更). It may not
	// exceed the source cap nor fall below what is spent.
	ChangeAllocation EntryKind = "change_allocation"
	// Spend records Amount paid out of an allocation; it may never exceed
	// the allocation.
	Spend EntryKind = "spend"
)

// Entry is one line of the append-only budget ledger. Amounts are yuan,
// whole fen.
type Entry struct {
	ID      string          `json:"id"`
	Seq     int64           `json:"seq"` // position in the ledger, assigned by the Store (1, 2, ...)
	Kind    EntryKind       `json:"kind"`
	At      time.Time       `json:"at"`
	By      grid.PersonID   `json:"by,omitempty"`
	Reason  string          `json:"reason,omitempty"`
	Source  SourceID        `json:"source"`
	Project ID              `json:"project,omitempty"`
	Amount  decimal.Decimal `json:"amount"`
	// SourceKind, Name and Grid describe the source; OpenSource only.
	SourceKind SourceKind `json:"source_kind,omitempty"`
	Name       string     `json:"name,omitempty"`
	Grid       grid.ID    `json:"grid,omitempty"`
}

// SameEntry reports whether a and b are the same ledger request: every
// field equal but Seq, which the Store assigns (instants and amounts
// compared by value). Stores use it to make AppendEntry idempotent.
func SameEntry(a, b Entry) bool {
	return a.ID == b.ID && a.Kind == b.Kind && a.At.Equal(b.At) && a.By == b.By && a.Reason == b.Reason &&
		a.Source == b.Source && a.Project == b.Project && a.Amount.Equal(b.Amount) &&
		a.SourceKind == b.SourceKind && a.Name == b.Name && a.Grid == b.Grid
}

type sourceState struct {
	id        SourceID
	kind      SourceKind
	name      string
	grid      grid.ID
	cap       int64 // fen
	allocated int64
	spent     int64
}

type allocKey struct {
	project ID
	source  SourceID
}

type allocState struct {
	allocated int64
	spent     int64
	changes   int
}

// Ledger is the budget state built by replaying entries: sources with
// caps, allocations per project and source, and spending. Every figure is
// an integer number of fen, so totals balance exactly. The zero Ledger is
// empty and ready to use; a Ledger is not safe for concurrent writes.
type Ledger struct {
	sources map[SourceID]*sourceState
	allocs  map[allocKey]*allocState
	ids     map[string]bool
	n       int64
}

// NewLedger replays entries in order. It fails on the first entry that
// Apply rejects.
func NewLedger(entries []Entry) (*Ledger, error) {
	l := &Ledger{}
	for _, e := range entries {
		if err := l.Apply(e); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// Len returns the number of entries applied.
func (l *Ledger) Len() int64 { return l.n }

// Check reports whether Apply would accept e, without changing l.
func (l *Ledger) Check(e Entry) error {
	_, err := l.check(e)
	return err
}

// Apply validates e against the ledger and records it. A rejected entry
// changes nothing and returns an *InputError (malformed, unknown source
// or allocation: wraps ErrInvalid or ErrNotFound) or a *BudgetError
// (a cap or allocation would be exceeded: wraps ErrOverBudget).
func (l *Ledger) Apply(e Entry) error {
	commit, err := l.check(e)
	if err != nil {
		return err
	}
	commit()
	return nil
}

func (l *Ledger) check(e Entry) (func(), error) {
	bad := func(field, reason string) error { return &InputError{ID: e.ID, Field: field, Reason: reason} }
	if e.ID == "" {
		return nil, bad("id", "empty entry id")
	}
	if l.ids[e.ID] {
		return nil, bad("id", "entry id already used")
	}
	if e.At.IsZero() {
		return nil, bad("at", "entry has no time")
	}
	if e.Source == "" {
		return nil, bad("source", "empty source id")
	}
	if err := checkPrecision(e.Amount); err != nil {
		return nil, bad("amount", err.Error())
	}
	if !isFen(e.Amount) {
		return nil, bad("amount", "must be a whole number of fen")
	}
	amt := Fen(e.Amount)
	src := l.sources[e.Source]
	if e.Kind != OpenSource && src == nil {
		return nil, &NotFoundError{Kind: "source", ID: string(e.Source)}
	}
	done := func(f func()) func() {
		return func() {
			f()
			if l.ids == nil {
				l.ids = map[string]bool{}
			}
			l.ids[e.ID] = true
			l.n++
		}
	}
	switch e.Kind {
	case OpenSource:
		if src != nil {
			return nil, bad("source", "source already open")
		}
		if !e.SourceKind.valid() {
			return nil, bad("source_kind", fmt.Sprintf("unknown source kind %q", e.SourceKind))
		}
		if amt < 0 {
			return nil, bad("amount", "a cap must not be negative")
		}
		return done(func() {
			if l.sources == nil {
				l.sources = map[SourceID]*sourceState{}
			}
			l.sources[e.Source] = &sourceState{id: e.Source, kind: e.SourceKind, name: e.Name, grid: e.Grid, cap: amt}
		}), nil
	case ChangeCap:
		if e.Reason == "" {
			return nil, bad("reason", "a cap change needs a reason")
		}
		nc := src.cap + amt
		if nc < src.allocated {
			return nil, &BudgetError{Entry: e.ID, Limit: "source cap below allocations", Requested: Yuan(src.allocated).StringFixed(2), Available: Yuan(nc).StringFixed(2)}
		}
		if nc >= maxFen {
			return nil, bad("amount", "cap too large")
		}
		return done(func() { src.cap = nc }), nil
	case Allocate, ChangeAllocation, Spend:
	default:
		return nil, bad("kind", fmt.Sprintf("unknown entry kind %q", e.Kind))
	}
	if e.Project == "" {
		return nil, bad("project", "empty project id")
	}
	key := allocKey{e.Project, e.Source}
	al := l.allocs[key]
	switch e.Kind {
	case Allocate:
		if al != nil {
			return nil, bad("kind", "project already has an allocation from this source; record a change_allocation")
		}
		if amt <= 0 {
			return nil, bad("amount", "must be positive")
		}
		if avail := src.cap - src.allocated; amt > avail {
			return nil, &BudgetError{Entry: e.ID, Limit: "source cap", Requested: e.Amount.StringFixed(2), Available: Yuan(avail).StringFixed(2)}
		}
		return done(func() {
			if l.allocs == nil {
				l.allocs = map[allocKey]*allocState{}
			}
			l.allocs[key] = &allocState{allocated: amt}
			src.allocated += amt
		}), nil
	case ChangeAllocation:
		if al == nil {
			return nil, &NotFoundError{Kind: "allocation", ID: string(e.Project) + "/" + string(e.Source)}
		}
		if e.Reason == "" {
			return nil, bad("reason", "a change to an allocation needs a recorded reason")
		}
		if amt == 0 {
			return nil, bad("amount", "must not be zero")
		}
		if avail := src.cap - src.allocated; amt > avail {
			return nil, &BudgetError{Entry: e.ID, Limit: "source cap", Requested: e.Amount.StringFixed(2), Available: Yuan(avail).StringFixed(2)}
		}
		if al.allocated+amt < al.spent {
			return nil, &BudgetError{Entry: e.ID, Limit: "allocation below spending", Requested: Yuan(al.allocated + amt).StringFixed(2), Available: Yuan(al.spent).StringFixed(2)}
		}
		return done(func() {
			al.allocated += amt
			al.changes++
			src.allocated += amt
		}), nil
	default: // Spend
		if al == nil {
			return nil, &NotFoundError{Kind: "allocation", ID: string(e.Project) + "/" + string(e.Source)}
		}
		if amt <= 0 {
			return nil, bad("amount", "must be positive")
		}
		if avail := al.allocated - al.spent; amt > avail {
			return nil, &BudgetError{Entry: e.ID, Limit: "allocation", Requested: e.Amount.StringFixed(2), Available: Yuan(avail).StringFixed(2)}
		}
		return done(func() {
			al.spent += amt
			src.spent += amt
		}), nil
	}
}

// maxFen bounds caps (1e15 yuan) so that sums never overflow int64.
const maxFen = 100_000_000_000_000_000
