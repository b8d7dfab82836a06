package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const published = "../../vote/ballotfile/testdata/published"

func TestConvertRoundTrip(t *testing.T) {
	dir := t.TempDir()
	blt := filepath.Join(elections, "stv_scotland_2012_cumbernauld_south/cumbernauld_south_2012.blt")
	jsonl := filepath.Join(dir, "ward.jsonl")
	back := filepath.Join(dir, "ward.blt")
	if code, _, errs := runCLI(t, "convert", blt, jsonl); code != exitOK {
		t.Fatalf("blt → jsonl: exit %d: %s", code, errs)
	}
	if code, _, errs := runCLI(t, "convert", "--strict", jsonl, back); code != exitOK {
		t.Fatalf("jsonl → blt: exit %d: %s", code, errs)
	}
	_, a, _ := runCLI(t, "tally", "--rule", "scottish-stv", "--json", blt)
	_, b, _ := runCLI(t, "tally", "--rule", "scottish-stv", "--json", back)
	if a == "" || a != b {
		t.Errorf("the count differs after blt → jsonl → blt")
	}
	code, out, _ := runCLI(t, "convert", "--to", "csv", blt, "-")
	if code != exitOK || !strings.HasPrefix(out, "weight,rank1,") {
		t.Errorf("to stdout: exit %d, %.60q", code, out)
	}
	// A CSV records no seats; a BLT header needs them.
	csv := filepath.Join(dir, "ward.csv")
	if code, _, errs := runCLI(t, "convert", blt, csv); code != exitOK {
		t.Fatalf("blt → csv: exit %d: %s", code, errs)
	}
	if code, _, errs := runCLI(t, "convert", csv, filepath.Join(dir, "noseats.blt")); code != exitUsage || !strings.Contains(errs, "--seats") {
		t.Errorf("csv → blt without seats: exit %d: %s", code, errs)
	}
	if code, _, errs := runCLI(t, "convert", "--seats", "4", csv, filepath.Join(dir, "seats.blt")); code != exitOK {
		t.Errorf("csv → blt with --seats: exit %d: %s", code, errs)
	}
	// A participatory budget is not a ranked election.
	pbFile := filepath.Join(elections, "pb_katowice_2021_koszutka/poland_katowice_2021_koszutka.pb")
	if code, _, errs := runCLI(t, "convert", pbFile, filepath.Join(dir, "x.blt")); code != exitInput || !strings.Contains(errs, "participatory budget") {
		t.Errorf("pb → blt: exit %d: %s", code, errs)
	}
}

func TestTolerantAndStrict(t *testing.T) {
	ward := filepath.Join(published, "ward_spreadsheet_quotes.blt")
	code, _, errs := runCLI(t, "tally", "--rule", "scottish-stv", ward)
	if code != exitOK || !strings.Contains(errs, "note:") || !strings.Contains(errs, "spreadsheet-quotes") {
		t.Errorf("tolerant: exit %d: %s", code, errs)
	}
	code, _, errs = runCLI(t, "tally", "--strict", "--rule", "scottish-stv", ward)
	if code != exitInput || !strings.Contains(errs, "unquoted-title") || !strings.Contains(errs, "spreadsheet-quotes") {
		t.Errorf("strict: exit %d: %s", code, errs)
	}
	ers := filepath.Join(published, "ers_comments_equal_ranks.blt")
	code, _, errs = runCLI(t, "tally", "--equal-ranks", "refuse", "--rule", "minneapolis-irv", ers)
	if code != exitInput || !strings.Contains(errs, ":6:") || !strings.Contains(errs, "--equal-ranks=keep") {
		t.Errorf("refused equal ranks: exit %d: %s", code, errs)
	}
	code, _, errs = runCLI(t, "tally", "--rule", "minneapolis-irv", ers)
	if code != exitCount || !strings.Contains(errs, "--equal-ranks=truncate") {
		t.Errorf("IRV on kept equal ranks: exit %d: %s", code, errs)
	}
	if code, _, errs = runCLI(t, "tally", "--equal-ranks", "truncate", "--rule", "minneapolis-irv", ers); code != exitOK {
		t.Errorf("IRV on truncated equal ranks: exit %d: %s", code, errs)
	}
	pbFile := filepath.Join(published, "warszawa_style_meta_without_header.pb")
	code, _, errs = runCLI(t, "tally", "--rule", "greedy", pbFile)
	if code != exitOK || !strings.Contains(errs, "koordynator") || !strings.Contains(errs, "meta-without-header") {
		t.Errorf("pb notes: exit %d: %s", code, errs)
	}
	cvr := filepath.Join(published, "nyc_style_cvr.csv")
	if code, _, errs = runCLI(t, "tally", "--rule", "minneapolis-irv", "--rank-columns", "Mayor Choice*", cvr); code != exitInput || !strings.Contains(errs, "--rank-columns") {
		t.Errorf("bad column map: exit %d: %s", code, errs)
	}
}

func TestTallyOut(t *testing.T) {
	dir := t.TempDir()
	mpls := filepath.Join(elections, "rcv_2017_minneapolis_mayor/2017_minneapolis_mayor.blt")
	summary := filepath.Join(dir, "summary.json")
	if code, _, errs := runCLI(t, "tally", "--rule", "minneapolis-irv", "--out", summary, mpls); code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var s struct {
		Results []struct {
			Round int `json:"round"`
		} `json:"results"`
		Summary struct {
			FinalThreshold string `json:"finalThreshold"`
		} `json:"summary"`
	}
	data, _ := os.ReadFile(summary)
	if err := json.Unmarshal(data, &s); err != nil || len(s.Results) != 6 || s.Summary.FinalThreshold != "40838" {
		t.Errorf("RCTab summary: %v %+v", err, s)
	}
	rounds := filepath.Join(dir, "rounds.csv")
	if code, _, errs := runCLI(t, "tally", "--rule", "minneapolis-irv", "--out", rounds, mpls); code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if data, _ := os.ReadFile(rounds); !strings.HasPrefix(string(data), "candidate,round 1,") {
		t.Errorf("round table %.80q", data)
	}
	pbFile := filepath.Join(elections, "pb_wieliczka_2023_mes/poland_wieliczka_2023.pb")
	selected := filepath.Join(dir, "selected.pb")
	code, out, errs := runCLI(t, "tally", "--rule", "mes", "--json", "--out", selected, pbFile)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var res struct {
		Winners []string `json:"winners"`
	}
	_ = json.Unmarshal([]byte(out), &res)
	code, out2, errs := runCLI(t, "convert", "--to", "jsonl", selected, filepath.Join(dir, "x.jsonl"))
	if code != exitInput || out2 != "" {
		t.Errorf("pb → jsonl should be refused: exit %d %s", code, errs)
	}
	data, _ = os.ReadFile(selected)
	var got []string
	section := ""
	col := -1
	for _, l := range strings.Split(string(data), "\n") {
		switch strings.TrimSpace(l) {
		case "PROJECTS", "VOTES", "META":
			section = strings.TrimSpace(l)
			col = -1
			continue
		}
		f := strings.Split(l, ";")
		if section == "PROJECTS" && col < 0 {
			col = slices.Index(f, "selected")
			continue
		}
		if section == "PROJECTS" && col >= 0 && len(f) > col && f[col] == "1" {
			got = append(got, f[0])
		}
	}
	slices.Sort(got)
	slices.Sort(res.Winners)
	if len(got) == 0 || !slices.Equal(got, res.Winners) {
		t.Errorf("selected column %q, MES selected %q", got, res.Winners)
	}
	if code, _, errs := runCLI(t, "tally", "--rule", "mes", "--out", filepath.Join(dir, "x.json"), pbFile); code != exitUsage {
		t.Errorf("pb with a .json export: exit %d: %s", code, errs)
	}
}

// An STV count's RCTab summary writes votes with the rule's decimal
// places, as RCTab's own report of the Park Board 2013 count does.
func TestTallyOutSTVDecimals(t *testing.T) {
	summary := filepath.Join(t.TempDir(), "park.json")
	park := filepath.Join(elections, "rcv_2013_minneapolis_park/2013_minneapolis_park.blt")
	if code, _, errs := runCLI(t, "tally", "--rule", "minneapolis-stv", "--seats", "3", "--out", summary, park); code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	data, _ := os.ReadFile(summary)
	if !strings.Contains(string(data), `"JOHN ERWIN": "14866.0000"`) {
		t.Errorf("no 4-decimal votes in %.300s", data)
	}
}

// A tabulator's own markers: "OV" for an overvote, "SKIP" for a skipped
// rank and "//" between overvoted candidates.
func TestCVRMarkerFlags(t *testing.T) {
	cvr := write(t, "cvr.csv", "BallotID,Choice 1,Choice 2,Choice 3\n1,Ann,SKIP,Bo\n2,OV,Bo,Ann\n3,Ann//Bo,Cy,\n4,Bo,Ann,\n5,Cy,Bo,\n")
	code, out, errs := runCLI(t, "convert", "--overvote-label", "OV", "--undervote-label", "SKIP", "--overvote-delimiter", "//", "--overvote", "skip", cvr, "-", "--to", "jsonl")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{`"ranking":["Ann","Bo"]`, `"ranking":["Bo","Ann"]`, `"ranking":["Cy"]`, `"ranking":["Cy","Bo"]`} {
		if !strings.Contains(out, want) {
			t.Errorf("no %s in\n%s", want, out)
		}
	}
}
