package ranked_test

import (
	"regexp"
	"slices"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/gongzhi/gongzhi/vote/ranked"
)

type expectedScottish struct {
	Quota   int64    `json:"quota"`
	Winners []string `json:"winners_in_order"`
	Stages  struct {
		Table map[string][]float64 `json:"table"`
	} `json:"stages"`
}

// sheetName maps the result sheet's "GOLDIE, William (SNP)" to the ballot
// file's "William_GOLDIE_SNP".
var sheetName = regexp.MustCompile(`^(\S+), (\S+) \((\S+)\)$`)

func TestCumbernauldSouth2012(t *testing.T) {
	e := loadBLT(t, "stv_scotland_2012_cumbernauld_south", "cumbernauld_south_2012.blt")
	var want expectedScottish
	loadExpected(t, "stv_scotland_2012_cumbernauld_south", &want)
	res, err := ranked.Tally(ranked.ScottishSTV(4), e)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Winners, want.Winners) {
		t.Errorf("winners %q, want %q", res.Winners, want.Winners)
	}
	if q := decimal.NewFromInt(want.Quota); !res.Rounds[0].Threshold.Equal(q) {
		t.Errorf("quota %s, want %s", res.Rounds[0].Threshold, q)
	}
	// The sheet shows values to 2 decimal places: each must be our exact
	// value rounded half up.
	for sheet, stages := range want.Stages.Table {
		for i, w := range stages {
			if i >= len(res.Rounds) {
				t.Fatalf("only %d stages, sheet has %d", len(res.Rounds), len(stages))
			}
			r := res.Rounds[i]
			var got decimal.Decimal
			if sheet == "non-transferable" {
				got = r.Exhausted.Add(r.Lost)
			} else {
				m := sheetName.FindStringSubmatch(sheet)
				if m == nil {
					t.Fatalf("cannot map %q", sheet)
				}
				got = r.Tally[m[2]+"_"+m[1]+"_"+m[3]] // zero once excluded
			}
			if !got.Round(2).Equal(decimal.NewFromFloat(w).Round(2)) {
				t.Errorf("stage %d: %s has %s, sheet says %.2f", i+1, sheet, got, w)
			}
		}
	}
}

func TestMeekCumbernauldSouth(t *testing.T) {
	e := loadBLT(t, "stv_scotland_2012_cumbernauld_south", "cumbernauld_south_2012.blt")
	res, err := ranked.Tally(ranked.MeekSTV(4), e)
	if err != nil {
		t.Fatal(err)
	}
	// Meek elects the same four councillors as the official WIGM count.
	want := []string{"Allan_GRAHAM_Lab", "Paddy_HOGG_SNP", "Stephanie_MUIR_Lab", "William_GOLDIE_SNP"}
	if got := sorted(res.Winners); !slices.Equal(got, want) {
		t.Errorf("winners %q, want %q", got, want)
	}
	// Every elected candidate holds a quota (to within the tolerance) once
	// the keep factors have converged.
	last := res.Rounds[len(res.Rounds)-2]
	for _, w := range res.Winners[:2] {
		if d := last.Tally[w].Sub(last.Threshold).Abs(); d.GreaterThan(decimal.New(1, -4)) {
			t.Errorf("%s holds %s, quota %s", w, last.Tally[w], last.Threshold)
		}
	}
}
