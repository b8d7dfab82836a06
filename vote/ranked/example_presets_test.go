package ranked_test

import (
	"fmt"
	"os"

	"github.com/gongzhi/gongzhi/vote/ballotfile"
	"github.com/gongzhi/gongzhi/vote/ranked"
)

func readBLT(path string) ranked.Election {
	f, err := os.Open("../testdata/elections/" + path)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	e, err := ballotfile.ReadBLT(f)
	if err != nil {
		panic(err)
	}
	return e
}

// The 2017 Minneapolis mayoral election, counted as the city did.
func ExampleMinneapolisIRV() {
	e := readBLT("rcv_2017_minneapolis_mayor/2017_minneapolis_mayor.blt")
	res, _ := ranked.Tally(ranked.MinneapolisIRV(), e)
	last := res.Rounds[len(res.Rounds)-1]
	fmt.Println(res.Winners, len(res.Rounds), "rounds")
	fmt.Println(last.Tally["Jacob Frey"], "of", last.Threshold, "needed;", len(res.Rounds[1].Eliminated), "eliminated together in round 2")
	// Output:
	// [Jacob Frey] 6 rounds
	// 46704 of 40838 needed; 13 eliminated together in round 2
}

// The 2013 Minneapolis Park Board at-large seats.
func ExampleMinneapolisSTV() {
	e := readBLT("rcv_2013_minneapolis_park/2013_minneapolis_park.blt")
	res, _ := ranked.Tally(ranked.MinneapolisSTV(3), e)
	fmt.Println(res.Winners, len(res.Rounds), "rounds, threshold", res.Rounds[0].Threshold)
	// Output: [JOHN ERWIN ANNIE YOUNG MEG FORNEY] 11 rounds, threshold 14866
}

// North Lanarkshire 2012, Cumbernauld South: Scottish STV stage by stage.
func ExampleScottishSTV() {
	e := readBLT("stv_scotland_2012_cumbernauld_south/cumbernauld_south_2012.blt")
	res, _ := ranked.Tally(ranked.ScottishSTV(4), e)
	fmt.Println(res.Winners)
	s2 := res.Rounds[1]
	fmt.Println("stage 2: Hogg", s2.Tally["Paddy_HOGG_SNP"], "non-transferable", s2.Exhausted.Add(s2.Lost))
	// Output:
	// [William_GOLDIE_SNP Allan_GRAHAM_Lab Stephanie_MUIR_Lab Paddy_HOGG_SNP]
	// stage 2: Hogg 810.19693 non-transferable 24.57337
}

// Meek's method elects the same councillors in Cumbernauld South.
func ExampleMeekSTV() {
	e := readBLT("stv_scotland_2012_cumbernauld_south/cumbernauld_south_2012.blt")
	res, _ := ranked.Tally(ranked.MeekSTV(4), e)
	fmt.Println(res.Winners)
	// Output: [William_GOLDIE_SNP Allan_GRAHAM_Lab Stephanie_MUIR_Lab Paddy_HOGG_SNP]
}

// A rule config names every variant; a mistake names the field.
func ExampleParseRule() {
	r, err := ranked.ParseRule([]byte(`{"method":"stv","seats":4,"transfer":"wigm","decimals":5,"tie_break":"forwards"}`))
	fmt.Println(r.Method, r.Seats, r.Transfer, r.Decimals, err)
	_, err = ranked.ParseRule([]byte(`{"method":"stv","transfer":"gregory"}`))
	fmt.Println(err)
	// Output:
	// stv 4 wigm 5 <nil>
	// vote: invalid rule config: transfer: unknown transfer "gregory"; one of wigm, meek
}

// Schulze ranks every candidate by beatpaths.
func ExampleTally_schulze() {
	res, _ := ranked.Tally(ranked.Rule{Method: ranked.Schulze}, schulzeExample())
	fmt.Println(res.Ranking)
	// Output: [E A C B D]
}
