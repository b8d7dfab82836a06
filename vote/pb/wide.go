package pb

import (
	"encoding/binary"
	"math/big"
	"math/bits"
)

// wideLimbs is the most 64-bit words a wide integer may use (512 bits).
const wideLimbs = 8

// wide is a non-negative fixed-width integer, least significant word
// first. Its operations are methods of limbs, which knows how many words
// are in use; they report overflow (or a negative result) instead of
// wrapping, so that the fast MES path can give up and stay exact.
type wide [wideLimbs]uint64

// limbs is the number of words in use by every wide value of a run: all
// words from n on are zero. It grows when a result needs another word.
type limbs struct{ n int }

// wideOf converts x; ok is false if x is negative or too wide.
func wideOf(x *big.Int) (w wide, ok bool) {
	if x.Sign() < 0 || x.BitLen() > 64*wideLimbs {
		return w, false
	}
	var buf [8 * wideLimbs]byte
	x.FillBytes(buf[:])
	for i := range w {
		w[i] = binary.BigEndian.Uint64(buf[len(buf)-8*(i+1):])
	}
	return w, true
}

// fit makes room for x, converted by wideOf.
func (l *limbs) fit(x *big.Int) {
	l.n = max(l.n, (x.BitLen()+63)/64, 1)
}

// isZero reports whether x is 0.
func (l *limbs) isZero(x *wide) bool {
	for _, v := range x[:l.n] {
		if v != 0 {
			return false
		}
	}
	return true
}

// cmp returns -1, 0 or +1 as x is less than, equal to or greater than y.
func (l *limbs) cmp(x, y *wide) int {
	for i := l.n - 1; i >= 0; i-- {
		if x[i] != y[i] {
			if x[i] < y[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// mul sets z = x*y and reports whether it fits. z may be x; otherwise z
// must have no words in use beyond l.n (a fresh value, or one written by
// these methods).
func (l *limbs) mul(z, x *wide, y uint64) bool {
	var carry uint64
	for i := range l.n {
		hi, lo := bits.Mul64(x[i], y)
		var c uint64
		lo, c = bits.Add64(lo, carry, 0)
		z[i] = lo
		carry = hi + c
	}
	if carry != 0 {
		if l.n == wideLimbs {
			return false
		}
		z[l.n] = carry
		l.n++
	}
	return true
}

// sub sets z = x-y and reports whether the result is non-negative. z may
// be x or y.
func (l *limbs) sub(z, x, y *wide) bool {
	var borrow uint64
	for i := range l.n {
		z[i], borrow = bits.Sub64(x[i], y[i], borrow)
	}
	return borrow == 0
}

// div sets z = x/y (y > 0) and returns x mod y. z may be x.
func (l *limbs) div(z, x *wide, y uint64) uint64 {
	var r uint64
	for i := l.n - 1; i >= 0; i-- {
		z[i], r = bits.Div64(r, x[i], y)
	}
	return r
}

// bitLen returns the number of bits of x.
func (l *limbs) bitLen(x *wide) int {
	for i := l.n - 1; i >= 0; i-- {
		if x[i] != 0 {
			return 64*i + bits.Len64(x[i])
		}
	}
	return 0
}

// shr64 returns floor(x / 2^s), which must fit in 64 bits.
func shr64(x *wide, s int) uint64 {
	i, off := s/64, uint(s%64)
	v := x[i] >> off
	if off > 0 && i+1 < wideLimbs {
		v |= x[i+1] << (64 - off)
	}
	return v
}

// gcd64 returns the greatest common divisor of a and b.
func gcd64(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
