package grid

import (
	"testing"

	"pgregory.net/rapid"
)

// The code table behaves like a map under random sets and lookups,
// through growth.
func TestCodeTableModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var tab codeTable
		if rapid.Bool().Draw(t, "presized") {
			tab = newCodeTable(rapid.IntRange(0, 8).Draw(t, "hint"))
		} else {
			tab = newCodeTable(0)
		}
		count := 0
		model := map[Code]int32{}
		code := rapid.Custom(func(t *rapid.T) Code {
			n := rapid.SampledFrom([]int{6, 9, 12, 15, 16, 19, 21, 25}).Draw(t, "len")
			b := make([]byte, n)
			for i := range b {
				b[i] = byte('0' + rapid.IntRange(0, 2).Draw(t, "d"))
			}
			return Code(b)
		})
		for range rapid.IntRange(0, 200).Draw(t, "ops") {
			c := code.Draw(t, "code")
			if rapid.Bool().Draw(t, "set") {
				v := rapid.Int32Range(-1, 100).Draw(t, "v")
				tab.set(c, v, &count)
				model[c] = v
			}
			want, ok := model[c]
			if !ok {
				want = -1
			}
			if got := tab.head(c); got != want {
				t.Fatalf("head(%s) = %d, want %d", c, got, want)
			}
		}
		if count != len(model) {
			t.Fatalf("count %d, model %d", count, len(model))
		}
	})
}
