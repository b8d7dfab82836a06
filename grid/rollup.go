package grid

import "iter"

// Integer is the constraint of RollUp's figures: counts and sums are
// exact integers (money and areas roll up with Fold over decimals).
type Integer interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64
}

// RollUp returns, for every node of v, the sum of figures over the node's
// subtree (the node itself and all its descendants). figures is indexed by
// v's dense index (see View.Index) and must have length v.Len(); RollUp
// panics otherwise, as a slice index would. It is one backward pass over
// the nodes and allocates only the result.
func RollUp[T Integer](v *View, figures []T) []T {
	out := make([]T, len(figures))
	copy(out, figures)
	RollUpInPlace(v, out)
	return out
}

// RollUpInPlace is RollUp overwriting figures with the subtree totals; it
// does not allocate.
func RollUpInPlace[T Integer](v *View, figures []T) {
	if len(figures) != len(v.parent) {
		panic("grid: RollUp figures length does not match the view")
	}
	parent := v.parent
	for i := len(parent) - 1; i > 0; i-- {
		if p := parent[i]; p >= 0 {
			figures[p] += figures[i]
		}
	}
}

// Fold rolls any per-node figure up the tree: for every node from the
// leaves up, merge(&acc[parent], &acc[node]) adds the node's accumulated
// value into its parent's. acc is indexed by v's dense index, has length
// v.Len() and holds each node's own figure on entry; on return it holds
// subtree totals. Use it for struct metrics or decimal sums.
func Fold[T any](v *View, acc []T, merge func(parent, child *T)) {
	if len(acc) != len(v.parent) {
		panic("grid: Fold accumulator length does not match the view")
	}
	for i := len(v.parent) - 1; i > 0; i-- {
		if p := v.parent[i]; p >= 0 {
			merge(&acc[p], &acc[i])
		}
	}
}

// Sum rolls up a sparse per-node figure given by node ID: the result maps
// every node in effect whose subtree total is non-zero to that total.
// Figures for nodes not in effect at the view's instant are returned in
// unknown, untouched.
func (v *View) Sum(figures map[ID]int64) (totals map[ID]int64, unknown map[ID]int64) {
	dense := make([]int64, v.Len())
	for id, f := range figures {
		if i, ok := v.lookup(id); ok {
			dense[i] += f
		} else {
			if unknown == nil {
				unknown = map[ID]int64{}
			}
			unknown[id] = f
		}
	}
	RollUpInPlace(v, dense)
	totals = map[ID]int64{}
	for i, f := range dense {
		if f != 0 {
			totals[v.ids[i]] = f
		}
	}
	return totals, unknown
}

// Count counts the places yielded (one per occurrence, e.g. the place of
// every ticket) and rolls the counts up: the result is indexed by v's
// dense index. Places not in effect at the view's instant are counted in
// unknown.
func (v *View) Count(places iter.Seq[ID]) (counts []int64, unknown int64) {
	counts = make([]int64, v.Len())
	for id := range places {
		if i, ok := v.lookup(id); ok {
			counts[i]++
		} else {
			unknown++
		}
	}
	RollUpInPlace(v, counts)
	return counts, unknown
}
