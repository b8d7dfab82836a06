package pb_test

import (
	"encoding/json"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/gongzhi/gongzhi/vote/ballotfile"
	"github.com/gongzhi/gongzhi/vote/pb"
)

const elections = "../testdata/elections"

type expectedPB struct {
	File     string   `json:"file"`
	Budget   int64    `json:"budget"`
	Selected []string `json:"selected"`
	Voters   int      `json:"num_voters"`
	Projects int      `json:"num_projects"`
}

func load(t testing.TB, dir string) (pb.Instance, expectedPB) {
	t.Helper()
	var want expectedPB
	data, err := os.ReadFile(filepath.Join(elections, dir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(elections, dir, want.File))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	in, err := ballotfile.ReadPB(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Ballots) != want.Voters || len(in.Projects) != want.Projects {
		t.Fatalf("%d voters, %d projects; want %d, %d", len(in.Ballots), len(in.Projects), want.Voters, want.Projects)
	}
	return in, want
}

func TestGreedyReproducesOfficialResults(t *testing.T) {
	for _, dir := range []string{
		"pb_warszawa_2017_praga-polnoc", // approval, greedy by votes
		"pb_katowice_2021_koszutka",     // cumulative, greedy by points
		"pb_krakow_2020_swoszowice",     // ordinal, greedy by 3/2/1 points
		"pb_lodz_2022_large",            // approval, 90,494 voters
	} {
		t.Run(dir, func(t *testing.T) {
			in, want := load(t, dir)
			res, err := pb.Tally(pb.Rule{Method: pb.Greedy}, in)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(sorted(res.Winners), sorted(want.Selected)) {
				t.Errorf("selected %q\nwant     %q", res.Winners, want.Selected)
			}
			// The file's own "selected" column agrees too.
			var marked []string
			for _, p := range in.Projects {
				if p.Fields["selected"] == "1" {
					marked = append(marked, p.ID)
				}
			}
			if !slices.Equal(sorted(marked), sorted(res.Winners)) {
				t.Errorf("file marks %q selected, we select %q", marked, res.Winners)
			}
			if res.Cost.GreaterThan(in.Budget) {
				t.Errorf("cost %s exceeds budget %s", res.Cost, in.Budget)
			}
		})
	}
}

func sorted(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }

func diff(got, want []string) (extra, missing []string) {
	for _, g := range got {
		if !slices.Contains(want, g) {
			extra = append(extra, g)
		}
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			missing = append(missing, w)
		}
	}
	return extra, missing
}

func TestWieliczkaEqualShares(t *testing.T) {
	in, want := load(t, "pb_wieliczka_2023_mes")
	// Plain MES (cost utilities) selects the 21 projects pabutools finds.
	plain := []string{"17", "20", "24", "25", "26", "29", "34", "36", "39", "41", "43", "56", "58", "60", "62", "66", "69", "70", "71", "74", "88"}
	for _, tc := range []struct {
		name           string
		rule           pb.Rule
		extra, missing []string
	}{
		{"plain", pb.Rule{Method: pb.EqualShares}, []string{"66"}, []string{"40", "19", "6", "32", "42", "33", "9", "61", "7", "46"}},
		// Add1 stopping at the first exhaustive outcome (pabutools,
		// equalshares.net reference code): two projects too many, one missing.
		{"add1-stop-when-exhaustive", pb.Rule{Method: pb.EqualShares, Completion: pb.Add1}, []string{"66", "67"}, []string{"46"}},
		// Add1 until the next outcome would exceed the budget: the official result.
		{"preset", pb.EqualSharesAdd1(), nil, nil},
		// The same found by bisection, and the same stopping at the first
		// exhaustive outcome.
		{"preset-bisect", pb.Rule{Method: pb.EqualShares, Completion: pb.Add1, UntilOverBudget: true, Search: pb.Bisect}, nil, nil},
		{"add1-stop-when-exhaustive-bisect", pb.Rule{Method: pb.EqualShares, Completion: pb.Add1, Search: pb.Bisect}, []string{"66", "67"}, []string{"46"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := pb.Tally(tc.rule, in)
			if err != nil {
				t.Fatal(err)
			}
			extra, missing := diff(res.Winners, want.Selected)
			if !slices.Equal(extra, tc.extra) || !slices.Equal(missing, tc.missing) {
				t.Errorf("vs official: +%q -%q; want +%q -%q", extra, missing, tc.extra, tc.missing)
			}
			if tc.name == "plain" && !slices.Equal(sorted(res.Winners), plain) {
				t.Errorf("plain MES %q, want %q", sorted(res.Winners), plain)
			}
			if res.Cost.GreaterThan(in.Budget) {
				t.Errorf("cost %s exceeds budget", res.Cost)
			}
		})
	}
}

// MES with points as utilities on cumulative ballots (Katowice): exact
// accounting for every purchase and within budget.
func TestEqualSharesPointsKatowice(t *testing.T) {
	in, _ := load(t, "pb_katowice_2021_koszutka")
	res, err := pb.Tally(pb.Rule{Method: pb.EqualShares, Utility: pb.PointsUtility, Completion: pb.Utilitarian}, in)
	if err != nil {
		t.Fatal(err)
	}
	if res.Cost.GreaterThan(in.Budget) || len(res.Winners) == 0 {
		t.Fatalf("cost %s of %s, %d projects", res.Cost, in.Budget, len(res.Winners))
	}
	for _, rd := range res.Rounds {
		if rd.Phase != "mes" {
			continue
		}
		paid := new(big.Rat)
		for _, p := range rd.Payments {
			each, _ := new(big.Rat).SetString(p.Paid)
			paid.Add(paid, each.Mul(each, big.NewRat(int64(p.Voters), 1)))
		}
		if paid.Cmp(rd.Cost.Rat()) != 0 {
			t.Errorf("%s: paid %s for %s", rd.Project, paid.RatString(), rd.Cost)
		}
	}
}
