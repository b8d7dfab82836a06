package project

import (
	"iter"
	"slices"
	"time"

	"github.com/gongzhi/gongzhi/grid"
)

// DatedTree is the part of a dated grid hierarchy (such as *grid.Tree)
// that AsOf needs: the ancestors of a node at an instant, parent first.
type DatedTree interface {
	Ancestors(id grid.ID, at time.Time) iter.Seq[grid.ID]
}

// AsOf adapts a dated grid hierarchy to the Tree used by plans and
// budget roll-ups, frozen at instant at (for example the first day of
// the plan year, so that a later redistricting does not move figures).
func AsOf(t DatedTree, at time.Time) Tree { return asOf{t, at} }

type asOf struct {
	t  DatedTree
	at time.Time
}

func (a asOf) Ancestors(id grid.ID) []grid.ID { return slices.Collect(a.t.Ancestors(id, a.at)) }
