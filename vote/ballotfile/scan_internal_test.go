package ballotfile

import (
	"bytes"
	"encoding/binary"
	"testing"

	"pgregory.net/rapid"
)

// TestEqBytes: eqBytes flags exactly the bytes equal to c, whatever their
// neighbours (no borrow or carry across bytes, unlike the classic
// "has zero byte" test).
func TestEqBytes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		// Bytes near c and near 0x00/0x80 are where a carry would show.
		c := rapid.SampledFrom([]byte{';', '"', ',', 0, 0x80, 0xff, 1}).Draw(t, "c")
		b := rapid.SliceOfN(rapid.SampledFrom([]byte{c, c + 1, c - 1, c ^ 0x80, 0, 1, 0x7f, 0x80, 0xff}), 8, 8).Draw(t, "b")
		m := eqBytes(binary.LittleEndian.Uint64(b), c)
		for i, x := range b {
			if got := m>>(8*i)&0xff == 0x80; got != (x == c) {
				t.Fatalf("eqBytes(%x, %#x): byte %d flagged %v, is %#x", b, c, i, got, x)
			}
		}
		if m&^0x8080808080808080 != 0 {
			t.Fatalf("eqBytes(%x, %#x) = %#x sets other bits", b, c, m)
		}
	})
}

// TestLess: less orders strings as bytes.Compare orders their bytes.
func TestLess(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		gen := rapid.SliceOfN(rapid.SampledFrom([]byte{'0', '1', '9', 0, 0x7f, 0x80, 0xff}), 0, 20)
		a := gen.Draw(t, "a")
		b := gen.Draw(t, "b")
		if rapid.Bool().Draw(t, "prefix") && len(a) > 0 {
			b = append(a[:rapid.IntRange(0, len(a)).Draw(t, "n"):len(a)], b...)
		}
		if got, want := less(string(a), string(b)), bytes.Compare(a, b) < 0; got != want {
			t.Fatalf("less(%q, %q) = %v, want %v", a, b, got, want)
		}
	})
}
