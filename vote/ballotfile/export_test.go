package ballotfile_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/gongzhi/gongzhi/vote/ballotfile"
	"github.com/gongzhi/gongzhi/vote/ranked"
)

// rctab is the part of RCTab's summary JSON that charting tools read.
type rctab struct {
	Config            map[string]string `json:"config"`
	JSONFormatVersion string            `json:"jsonFormatVersion"`
	Results           []struct {
		Round        int               `json:"round"`
		Tally        map[string]string `json:"tally"`
		Threshold    string            `json:"threshold"`
		TallyResults []struct {
			Eliminated string            `json:"eliminated"`
			Elected    string            `json:"elected"`
			Transfers  map[string]string `json:"transfers"`
		} `json:"tallyResults"`
	} `json:"results"`
	Summary struct {
		FinalThreshold  string `json:"finalThreshold"`
		NumWinners      int    `json:"numWinners"`
		TotalNumBallots string `json:"totalNumBallots"`
	} `json:"summary"`
}

func loadMinneapolis(t *testing.T) (ranked.Election, ranked.Result) {
	t.Helper()
	f, err := os.Open("../testdata/elections/rcv_2017_minneapolis_mayor/2017_minneapolis_mayor.blt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	e, err := ballotfile.ReadBLT(f)
	if err != nil {
		t.Fatal(err)
	}
	res, err := ranked.Tally(ranked.MinneapolisIRV(), e)
	if err != nil {
		t.Fatal(err)
	}
	return e, res
}

// Our RCTab summary of Minneapolis 2017 matches the one RCTab published:
// every round's tally, threshold and decision, and the transfers of each
// single elimination.
func TestWriteRCTabJSONMatchesRCTab(t *testing.T) {
	e, res := loadMinneapolis(t)
	var buf bytes.Buffer
	if err := ballotfile.WriteRCTabJSON(&buf, e, res, ballotfile.RCTabConfig{Contest: "2017 Minneapolis mayoral race", Date: "2017-11-07", Jurisdiction: "Minneapolis, MN", Office: "Mayor"}); err != nil {
		t.Fatal(err)
	}
	var got, want rctab
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../testdata/elections/rcv_2017_minneapolis_mayor/2017_minneapolis_mayor_expected_detailed_report.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	if len(got.Results) != len(want.Results) {
		t.Fatalf("%d rounds, RCTab has %d", len(got.Results), len(want.Results))
	}
	for i, w := range want.Results {
		g := got.Results[i]
		// RCTab calls the write-ins "Undeclared Write-ins"; the BLT keeps
		// the CVR's label.
		wt := map[string]string{}
		for k, v := range w.Tally {
			if v != "0" || g.Tally[k] != "" {
				wt[k] = v
			}
		}
		gt := map[string]string{}
		for k, v := range g.Tally {
			if k == "UWI" {
				k = "Undeclared Write-ins"
			}
			if v != "0" || wt[k] != "" {
				gt[k] = v
			}
		}
		if d := cmp.Diff(wt, gt); d != "" || g.Threshold != w.Threshold {
			t.Errorf("round %d: threshold %s, RCTab %s; tally (-RCTab +ours)\n%s", i+1, g.Threshold, w.Threshold, d)
		}
		var wd, gd []string
		for _, x := range w.TallyResults {
			wd = append(wd, x.Eliminated+x.Elected)
		}
		for _, x := range g.TallyResults {
			gd = append(gd, strings.ReplaceAll(x.Eliminated+x.Elected, "UWI", "Undeclared Write-ins"))
		}
		slices.Sort(wd)
		slices.Sort(gd)
		if d := cmp.Diff(wd, gd); d != "" {
			t.Errorf("round %d decisions (-RCTab +ours)\n%s", i+1, d)
		}
		if len(w.TallyResults) == 1 && len(g.TallyResults) == 1 {
			if d := cmp.Diff(w.TallyResults[0].Transfers, g.TallyResults[0].Transfers); d != "" {
				t.Errorf("round %d transfers (-RCTab +ours)\n%s", i+1, d)
			}
		}
	}
	// totalNumBallots differs: RCTab counts the 1,444 ballots that rank
	// nobody, which the BLT made from the CVR leaves out.
	if got.Summary.FinalThreshold != want.Summary.FinalThreshold || got.Summary.TotalNumBallots != "104484" || got.Summary.NumWinners != 1 || got.Config["office"] != "Mayor" || got.JSONFormatVersion != "1" {
		t.Errorf("summary %+v config %v", got.Summary, got.Config)
	}
}

func TestWriteRoundsCSV(t *testing.T) {
	_, res := loadMinneapolis(t)
	var buf bytes.Buffer
	if err := ballotfile.WriteRoundsCSV(&buf, res); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"candidate", "round 1", "round 2", "round 3", "round 4", "round 5", "round 6"}; !slices.Equal(rows[0], want) {
		t.Fatalf("header %q", rows[0])
	}
	if want := []string{"Jacob Frey", "26104", "26112"}; !slices.Equal(rows[1][:3], want) || rows[1][6] != "46704" {
		t.Errorf("first row %q", rows[1])
	}
	last := rows[len(rows)-2]
	if last[0] != "elected" || last[6] != "Jacob Frey" {
		t.Errorf("elected row %q", last)
	}
}

// The multi-seat Minneapolis Park Board 2013 count exports as RCTab
// reported it: every round's tally equal in value (RCTab writes "3803.0000"
// once fractional transfers begin), the same threshold and decisions.
func TestWriteRCTabJSONMultiSeat(t *testing.T) {
	f, err := os.Open("../testdata/elections/rcv_2013_minneapolis_park/2013_minneapolis_park.blt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	e, err := ballotfile.ReadBLT(f)
	if err != nil {
		t.Fatal(err)
	}
	res, err := ranked.Tally(ranked.MinneapolisSTV(3), e)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := ballotfile.WriteRCTabJSON(&buf, e, res, ballotfile.RCTabConfig{Decimals: 4}); err != nil {
		t.Fatal(err)
	}
	var got, want rctab
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../testdata/elections/rcv_2013_minneapolis_park/2013_minneapolis_park_expected_detailed_report.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	if len(got.Results) != len(want.Results) {
		t.Fatalf("%d rounds, RCTab has %d", len(got.Results), len(want.Results))
	}
	value := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
	for i, w := range want.Results {
		g := got.Results[i]
		for name, v := range w.Tally {
			if gv, ok := g.Tally[name]; !ok && v != "0" || ok && !value(gv).Equal(value(v)) {
				t.Errorf("round %d: %s has %s, RCTab %s", i+1, name, gv, v)
			}
		}
		if !value(g.Threshold).Equal(value(w.Threshold)) || !strings.HasSuffix(g.Tally["JOHN ERWIN"], ".0000") {
			t.Errorf("round %d: threshold %s, RCTab %s; tally %v", i+1, g.Threshold, w.Threshold, g.Tally)
		}
		var wd, gd []string
		for _, x := range w.TallyResults {
			wd = append(wd, x.Eliminated+x.Elected)
		}
		for _, x := range g.TallyResults {
			gd = append(gd, x.Eliminated+x.Elected)
		}
		slices.Sort(wd)
		slices.Sort(gd)
		if !slices.Equal(wd, gd) {
			t.Errorf("round %d decisions %q, RCTab %q", i+1, gd, wd)
		}
	}
	if got.Summary.NumWinners != 3 {
		t.Errorf("summary %+v", got.Summary)
	}
}
