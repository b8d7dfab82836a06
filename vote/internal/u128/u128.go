// Package u128 is unsigned 128-bit arithmetic for the vote counters:
// sums of int64 weights times int64 points or positions, which overflow
// int64 on hostile input but never 128 bits on any input that fits in
// memory. Every operation reports overflow instead of wrapping.
package u128

import (
	"math/big"
	"math/bits"
)

// U128 is an unsigned 128-bit integer, Hi*2^64 + Lo. The zero value is 0.
type U128 struct{ Hi, Lo uint64 }

// From returns x as a U128.
func From(x uint64) U128 { return U128{Lo: x} }

// Mul returns the exact product a*b.
func Mul(a, b uint64) U128 {
	hi, lo := bits.Mul64(a, b)
	return U128{Hi: hi, Lo: lo}
}

// Add returns x+y and false if the sum does not fit in 128 bits.
func (x U128) Add(y U128) (U128, bool) {
	lo, c := bits.Add64(x.Lo, y.Lo, 0)
	hi, c := bits.Add64(x.Hi, y.Hi, c)
	return U128{Hi: hi, Lo: lo}, c == 0
}

// Sub returns x-y and false if y > x.
func (x U128) Sub(y U128) (U128, bool) {
	lo, b := bits.Sub64(x.Lo, y.Lo, 0)
	hi, b := bits.Sub64(x.Hi, y.Hi, b)
	return U128{Hi: hi, Lo: lo}, b == 0
}

// Cmp returns -1, 0 or +1 as x is less than, equal to or greater than y.
func (x U128) Cmp(y U128) int {
	switch {
	case x.Hi < y.Hi:
		return -1
	case x.Hi > y.Hi:
		return 1
	case x.Lo < y.Lo:
		return -1
	case x.Lo > y.Lo:
		return 1
	}
	return 0
}

// Big returns x as a new big.Int.
func (x U128) Big() *big.Int {
	b := new(big.Int).SetUint64(x.Hi)
	b.Lsh(b, 64)
	return b.Or(b, new(big.Int).SetUint64(x.Lo))
}

// Int64 returns x and true if it fits in an int64.
func (x U128) Int64() (int64, bool) {
	if x.Hi != 0 || x.Lo > 1<<63-1 {
		return 0, false
	}
	return int64(x.Lo), true
}
