package ballotfile_test

import (
	"fmt"
	"strings"

	"github.com/gongzhi/gongzhi/vote/ballotfile"
	"github.com/gongzhi/gongzhi/vote/ranked"
)

func ExampleReadBLT() {
	e, err := ballotfile.ReadBLT(strings.NewReader(sampleBLT))
	fmt.Println(e.Title, e.Candidates, e.Seats, len(e.Ballots), err)
	_, err = ballotfile.ReadBLT(strings.NewReader("2 1\n1 1 4 0\n0\n\"A\"\n\"B\"\n"))
	fmt.Println(err)
	// Output:
	// Sample [Alice Bob Carol] 1 2 <nil>
	// blt: line 2: unknown candidate number "4"
}

// Cast-vote records with Chinese headers and a byte-order mark, counted
// under Minneapolis-style ballot rules.
func ExampleReadCVR() {
	csv := "\uFEFF选票编号,第一选择,第二选择,第三选择\n" +
		"1,张三,李四,\n2,overvote,李四,王五\n3,王五,,张三\n4,李四,张三,\n"
	e, _ := ballotfile.ReadCVR(strings.NewReader(csv), ballotfile.CVROptions{Overvote: ballotfile.SkipOvervote, MaxSkips: 1})
	res, _ := ranked.Tally(ranked.Rule{Method: ranked.IRV}, e)
	fmt.Println(e.Candidates, res.Winners)
	// Output: [张三 李四 王五] [李四]
}
