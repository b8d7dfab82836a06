package ranked_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/gongzhi/gongzhi/vote/ballotfile"
	"github.com/gongzhi/gongzhi/vote/ranked"
)

const elections = "../testdata/elections"

type expectedRound struct {
	Round      int               `json:"round"`
	Threshold  string            `json:"threshold"`
	Tally      map[string]string `json:"tally"`
	Eliminated []string          `json:"eliminated"`
	Elected    []string          `json:"elected"`
}

type expectedRCV struct {
	Winners []string        `json:"winners"`
	Rounds  []expectedRound `json:"rounds"`
}

func loadBLT(t testing.TB, dir, file string) ranked.Election {
	t.Helper()
	f, err := os.Open(filepath.Join(elections, dir, file))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	e, err := ballotfile.ReadBLT(f)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func loadExpected(t testing.TB, dir string, v any) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(elections, dir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatal(err)
	}
}

func sorted(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }

// checkRound compares one computed round with the published one.
func checkRound(t *testing.T, want expectedRound, got ranked.Round) {
	t.Helper()
	if th := decimal.RequireFromString(want.Threshold); !th.Equal(got.Threshold) {
		t.Errorf("round %d: threshold %s, want %s", want.Round, got.Threshold, th)
	}
	if len(got.Tally) != len(want.Tally) {
		t.Errorf("round %d: %d candidates in tally, want %d", want.Round, len(got.Tally), len(want.Tally))
	}
	for name, v := range want.Tally {
		if g, ok := got.Tally[name]; !ok || !g.Equal(decimal.RequireFromString(v)) {
			t.Errorf("round %d: %s has %s, want %s", want.Round, name, g, v)
		}
	}
	if !slices.Equal(sorted(want.Eliminated), sorted(got.Eliminated)) {
		t.Errorf("round %d: eliminated %q, want %q", want.Round, got.Eliminated, want.Eliminated)
	}
	if !slices.Equal(want.Elected, got.Elected) {
		t.Errorf("round %d: elected %q, want %q", want.Round, got.Elected, want.Elected)
	}
}

func TestMinneapolisMayor2017(t *testing.T) {
	e := loadBLT(t, "rcv_2017_minneapolis_mayor", "2017_minneapolis_mayor.blt")
	var want expectedRCV
	loadExpected(t, "rcv_2017_minneapolis_mayor", &want)
	if got := e.TotalWeight(); got != 104484 && got != 105928 {
		t.Logf("ballots in BLT: %d", got)
	}
	res, err := ranked.Tally(ranked.MinneapolisIRV(), e)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Winners, want.Winners) {
		t.Fatalf("winners %q, want %q", res.Winners, want.Winners)
	}
	if len(res.Rounds) != len(want.Rounds) {
		t.Fatalf("%d rounds, want %d", len(res.Rounds), len(want.Rounds))
	}
	for i, w := range want.Rounds {
		checkRound(t, w, res.Rounds[i])
	}

	// Plain IRV, one elimination per round: same winner and final round.
	plain, err := ranked.Tally(ranked.Rule{Method: ranked.IRV, TieBreak: ranked.Lot}, e)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(plain.Winners, want.Winners) {
		t.Fatalf("plain IRV winners %q, want %q", plain.Winners, want.Winners)
	}
	checkRound(t, want.Rounds[len(want.Rounds)-1], plain.Rounds[len(plain.Rounds)-1])
	if len(plain.Rounds) <= len(res.Rounds) {
		t.Errorf("plain IRV took %d rounds, batch %d: want more", len(plain.Rounds), len(res.Rounds))
	}
}

func TestMinneapolisPark2013(t *testing.T) {
	e := loadBLT(t, "rcv_2013_minneapolis_park", "2013_minneapolis_park.blt")
	var want expectedRCV
	loadExpected(t, "rcv_2013_minneapolis_park", &want)
	res, err := ranked.Tally(ranked.MinneapolisSTV(3), e)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Winners, want.Winners) {
		t.Errorf("winners %q, want %q", res.Winners, want.Winners)
	}
	if len(res.Rounds) != len(want.Rounds) {
		t.Fatalf("%d rounds, want %d", len(res.Rounds), len(want.Rounds))
	}
	for i, w := range want.Rounds {
		checkRound(t, w, res.Rounds[i])
	}
}
