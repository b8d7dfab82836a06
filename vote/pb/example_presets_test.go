package pb_test

import (
	"fmt"
	"os"

	"github.com/gongzhi/gongzhi/vote/ballotfile"
	"github.com/gongzhi/gongzhi/vote/pb"
)

func readPB(path string) pb.Instance {
	f, err := os.Open("../testdata/elections/" + path)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	in, err := ballotfile.ReadPB(f)
	if err != nil {
		panic(err)
	}
	return in
}

// Kraków 2020, Swoszowice: ordinal ballots, 3/2/1 points, greedy.
func ExampleGreedyByVotes() {
	in := readPB("pb_krakow_2020_swoszowice/poland_krakow_2020_swoszowice.pb")
	res, _ := pb.Tally(pb.GreedyByVotes(), in)
	fmt.Println(res.Winners, res.Cost)
	// Output: [4 2 11 12 3 13 5] 1338500
}

// Wieliczka 2023, "Zielony Milion": the Method of Equal Shares with Add1.
func ExampleEqualSharesAdd1() {
	in := readPB("pb_wieliczka_2023_mes/poland_wieliczka_2023.pb")
	res, _ := pb.Tally(pb.EqualSharesAdd1(), in)
	fmt.Println(len(res.Winners), "projects,", res.Cost, "PLN; share per voter", res.Share, "after", res.Steps, "increases")
	// Output: 30 projects, 995079 PLN; share per voter 1040052/3293 after 164 increases
}

// A rule config with every MES variant spelled out.
func ExampleParseRule() {
	r, err := pb.ParseRule([]byte(`{"method":"mes","utility":"cost","completion":"add1","step":"1","until_over_budget":true}`))
	fmt.Println(r.Method, r.Completion, r.Step, r.UntilOverBudget, err)
	_, err = pb.ParseRule([]byte(`{"method":"mes","completion":"add2"}`))
	fmt.Println(err)
	// Output:
	// mes add1 1 true <nil>
	// vote: invalid rule config: completion: unknown completion "add2"; one of none, add1, add1_utilitarian, utilitarian
}

// Poznań 2023, district 13 (Jeżyce, Św. Łazarz): the list stops at the
// first project that does not fit, so the 110,000 PLN left do not fund the
// 15,000 PLN project further down, as plain greedy would.
func ExamplePoznanDistrict2023() {
	in := poznan13.instance()
	res, _ := pb.Tally(pb.PoznanDistrict2023(), in)
	plain, _ := pb.Tally(pb.GreedyByVotes(), in)
	fmt.Println(res.Winners, res.Cost)
	fmt.Println(plain.Winners, plain.Cost)
	// Output:
	// [XIII.4 XIII.14] 1200000
	// [XIII.4 XIII.14 XIII.2] 1215000
}
