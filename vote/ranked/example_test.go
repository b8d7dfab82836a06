package ranked_test

import (
	"fmt"

	"github.com/gongzhi/gongzhi/vote/ranked"
)

// A small residents' committee chair election by instant runoff.
func ExampleTally() {
	e := ranked.Election{
		Candidates: []string{"张三", "李四", "王五"},
		Ballots: []ranked.Ballot{
			{Weight: 8, Ranking: []int{0, 1}},
			{Weight: 7, Ranking: []int{1, 0}},
			{Weight: 4, Ranking: []int{2, 1}},
		},
	}
	res, err := ranked.Tally(ranked.Rule{Method: ranked.IRV}, e)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(res.Explain())
	// Output:
	// Method: irv, 1 seat(s), 19 ballots
	// Winners: 李四
	//
	// Candidate  R1  R2
	// 张三         8   8
	// 李四         7   11 *
	// 王五         4 x
	// Exhausted  0   0
	// Threshold  10  10
	// (* elected, x eliminated)
	// Round 1: eliminated 王五
	// Round 2: elected 李四
}
