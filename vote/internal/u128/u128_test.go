package u128

import (
	"math/big"
	"testing"

	"pgregory.net/rapid"
)

// TestAgainstBig: sums of products agree with math/big, and overflow is
// reported exactly when the big sum needs more than 128 bits.
func TestAgainstBig(t *testing.T) {
	limit := new(big.Int).Lsh(big.NewInt(1), 128)
	rapid.Check(t, func(t *rapid.T) {
		terms := rapid.IntRange(0, 8).Draw(t, "terms")
		var s U128
		want := new(big.Int)
		for range terms {
			a := rapid.OneOf(rapid.Uint64(), rapid.Just(uint64(1<<64-1)), rapid.Uint64Range(0, 10)).Draw(t, "a")
			b := rapid.OneOf(rapid.Uint64(), rapid.Just(uint64(1<<64-1)), rapid.Uint64Range(0, 10)).Draw(t, "b")
			want.Add(want, new(big.Int).Mul(new(big.Int).SetUint64(a), new(big.Int).SetUint64(b)))
			var ok bool
			s, ok = s.Add(Mul(a, b))
			if ok != (want.Cmp(limit) < 0) {
				t.Fatalf("overflow reported %v for sum %s", !ok, want)
			}
			if !ok {
				return
			}
		}
		if s.Big().Cmp(want) != 0 {
			t.Fatalf("sum %s, math/big %s", s.Big(), want)
		}
		if v, ok := s.Int64(); ok != want.IsInt64() || (ok && v != want.Int64()) {
			t.Fatalf("Int64() = %d, %v for %s", v, ok, want)
		}
		if d, ok := s.Sub(From(7)); ok != (want.Cmp(big.NewInt(7)) >= 0) || (ok && d.Big().Cmp(new(big.Int).Sub(want, big.NewInt(7))) != 0) {
			t.Fatalf("Sub(7) = %s, %v for %s", d.Big(), ok, want)
		}
		if c := s.Cmp(From(7)); c != want.Cmp(big.NewInt(7)) {
			t.Fatalf("Cmp = %d for %s vs 7", c, want)
		}
	})
}
