package pb_test

import (
	"testing"

	"github.com/gongzhi/gongzhi/vote/pb"
)

// BenchmarkGreedyLodz: greedy on Łódź 2022 (160 projects, 90,494 voters).
// Target: under 5 ms.
func BenchmarkGreedyLodz(b *testing.B) {
	in, _ := load(b, "pb_lodz_2022_large")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pb.Tally(pb.GreedyByVotes(), in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMESLodz: plain MES on Łódź 2022. Target: under 200 ms.
func BenchmarkMESLodz(b *testing.B) {
	in, _ := load(b, "pb_lodz_2022_large")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pb.Tally(pb.EqualSharesPlain(), in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMESAdd1Wieliczka: MES with the Add1 completion on Wieliczka
// 2023 (164 MES runs). Target: under 100 ms.
func BenchmarkMESAdd1Wieliczka(b *testing.B) {
	in, _ := load(b, "pb_wieliczka_2023_mes")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pb.Tally(pb.EqualSharesAdd1(), in); err != nil {
			b.Fatal(err)
		}
	}
}
