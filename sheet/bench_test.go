package sheet_test

import (
	"fmt"
	"testing"

	"github.com/gongzhi/gongzhi/sheet"
	"github.com/gongzhi/gongzhi/vote"
)

// BenchmarkReadHouseholds reads an owners' sheet of 100,000 units (a large
// district-wide vote) and tallies it.
func BenchmarkReadHouseholds(b *testing.B) {
	rows := [][]string{{"房号", "业主", "专有部分面积", "表决意见"}}
	choices := []string{"同意", "反对", "弃权", ""}
	for i := range 100_000 {
		owner, choice := fmt.Sprintf("业主%06d", i), choices[i%4]
		if i%10 == 0 {
			owner, choice = "", "" // unsold
		}
		rows = append(rows, []string{fmt.Sprintf("%d-%d-%03d", i/1000, i/100%10, i%100), owner, fmt.Sprintf("%d.%02d", 50+i%90, i%100), choice})
	}
	b.ReportAllocs()
	for b.Loop() {
		s, err := sheet.Read(vote.OwnersSpecial(), rows, sheet.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := vote.Tally(s.Poll, s.Ballots); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadBallots reads 10,000 paper ballots of 12 options.
func BenchmarkReadBallots(b *testing.B) {
	header := []string{"编号"}
	for j := range 12 {
		header = append(header, fmt.Sprintf("项目%d", j+1))
	}
	rows := [][]string{header}
	for i := range 10_000 {
		row := []string{fmt.Sprint(i + 1)}
		for j := range 12 {
			if (i+j)%3 == 0 {
				row = append(row, "√")
			} else {
				row = append(row, "")
			}
		}
		rows = append(rows, row)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sheet.Read(vote.LimitedApproval(5, nil, 2), rows, sheet.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
