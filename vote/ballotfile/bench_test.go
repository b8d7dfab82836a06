package ballotfile_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/gongzhi/gongzhi/internal/cputime"
	"github.com/gongzhi/gongzhi/vote/ballotfile"
)

// BenchmarkReadPBLodz parses the Łódź 2022 participatory budget (3.8 MB,
// 90,494 voters). Target: under 20 ms on an idle machine; on a shared one
// compare cpu-ns/op.
func BenchmarkReadPBLodz(b *testing.B) {
	data, err := os.ReadFile("../testdata/elections/pb_lodz_2022_large/poland_lodz_2022_.pb")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	defer cputime.Report(b)() // CPU per read: ns/op counts other processes' time on a shared machine
	for b.Loop() {
		if _, err := ballotfile.ReadPB(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadBLTMinneapolis parses the Minneapolis 2017 mayoral BLT.
func BenchmarkReadBLTMinneapolis(b *testing.B) {
	data, err := os.ReadFile("../testdata/elections/rcv_2017_minneapolis_mayor/2017_minneapolis_mayor.blt")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ballotfile.ReadBLT(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
