package project

import (
	"github.com/shopspring/decimal"
)

// decimals holds the decimal value of each distinct amount, so that homes
// paying the same share one immutable decimal rather than allocating one
// each: densely over the range of amounts when it is narrow, else in a
// map of bounded size.
type decimals struct {
	min   int64
	dense []decimal.Decimal
	cache map[int64]decimal.Decimal
}

func amountDecimals(amounts []int64) *decimals {
	d := &decimals{}
	if len(amounts) == 0 {
		return d
	}
	lo, hi := amounts[0], amounts[0]
	for _, a := range amounts[1:] {
		lo, hi = min(lo, a), max(hi, a)
	}
	if span := uint64(hi - lo); span < uint64(len(amounts)) {
		d.min, d.dense = lo, make([]decimal.Decimal, span+1)
		return d
	}
	d.cache = make(map[int64]decimal.Decimal, 64)
	return d
}

func (d *decimals) at(fen int64) decimal.Decimal {
	if d.dense != nil {
		p := &d.dense[fen-d.min]
		if *p == (decimal.Decimal{}) { // Yuan never returns the zero struct
			*p = Yuan(fen)
		}
		return *p
	}
	a, ok := d.cache[fen]
	if !ok {
		a = Yuan(fen)
		if len(d.cache) < 1<<15 {
			d.cache[fen] = a
		}
	}
	return a
}
