package sheet_test

import (
	"fmt"

	"github.com/gongzhi/gongzhi/sheet"
	"github.com/gongzhi/gongzhi/vote"
)

// An owners' vote on a lift, one row per unit: 张伟 owns two units and
// answers once; unit 302 is unsold and counts with the developer.
func ExampleRead() {
	rows := [][]string{
		{"房号", "业主", "专有部分面积（㎡）", "表决意见"},
		{"101", "王建国", "56.30", "反对"},
		{"201", "刘洋", "56.30", "同意"},
		{"202", "张伟", "72.15", "同意"},
		{"301", "张伟", "56.30", ""},
		{"302", "", "72.15", ""},
		{"401", "赵敏", "89.40", "同意"},
	}
	s, err := sheet.Read(vote.OwnersOrdinary(), rows, sheet.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, _ := vote.Tally(s.Poll, s.Ballots)
	yes, _ := res.Option("yes")
	fmt.Println(s.Info.Layout, len(s.Poll.Voters), "owners,", res.Cast, "voted")
	fmt.Println("yes:", yes.Votes, "owners,", yes.Weight, "m² of", res.CastWeight)
	fmt.Println("adopted:", res.Adopted)

	_, err = sheet.Read(vote.OwnersOrdinary(), append(rows, []string{"402", "赵敏", "70", "反对"}), sheet.Options{})
	fmt.Println(err)
	// Output:
	// households 5 owners, 4 voted
	// yes: 3 owners, 274.15 m² of 330.45
	// adopted: true
	// sheet: 1 bad row(s)
	//   row 8 (表决意见): owner "赵敏" answered yes on row 7 and no here; one owner has one vote
}
