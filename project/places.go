package project

import (
	"iter"

	"github.com/gongzhi/gongzhi/grid"
)

// Places is the part of the place graph that plans and budget roll-ups
// read: the ancestors of a grid node, parent first, as the grid stood at
// one instant. A *grid.View satisfies it; freeze the grid at the instant
// the figures belong to (tree.At(firstDayOfPlanYear)), so that a later
// redistricting does not move them.
type Places interface {
	Ancestors(id grid.ID) iter.Seq[grid.ID]
}

var _ Places = (*grid.View)(nil)
