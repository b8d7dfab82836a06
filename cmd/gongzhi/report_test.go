package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReportNotice(t *testing.T) {
	out := filepath.Join(t.TempDir(), "notice.html")
	code, _, errs := runCLI(t, "report", "--rule", "project-priorities", filepath.Join(sheets, "annual-meeting-ballots.csv"),
		"--notice", "--issuer", "某社区居民委员会", "--posted", "2025-12-08", "--objections", "向居委会书面反映", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<!DOCTYPE html>", "公 示", "至 2025年12月15日 17:30 止（5 个工作日）", "某社区居民委员会", "80.43 % (37/46)", "<svg"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("missing %q", want)
		}
	}
	if strings.Contains(string(page), "<script") {
		t.Error("the page has a script")
	}
	if code, _, errs := runCLI(t, "report", "--rule", "project-priorities", filepath.Join(sheets, "annual-meeting-ballots.csv"), "--notice", "--posted", "2025-13-40"); code != exitUsage {
		t.Errorf("bad --posted: %d %s", code, errs)
	}
}

// A result saved with tally --json is reported without the ballots, names
// included.
func TestReportSavedResult(t *testing.T) {
	code, saved, errs := runCLI(t, "tally", "--rule", "owners-special", "--json", filepath.Join(sheets, "elevator-households.csv"))
	if code != exitOK {
		t.Fatalf("tally: %d %s", code, errs)
	}
	path := write(t, "result.json", saved)
	code, page, errs := runCLI(t, "report", "--result", path, "--lang", "en")
	if code != exitOK {
		t.Fatalf("report: %d %s", code, errs)
	}
	for _, want := range []string{"By exclusive area", "By owners (headcount)", "71.38 % (766.15/1073.4)", "Not adopted"} {
		if !strings.Contains(page, want) {
			t.Errorf("missing %q", want)
		}
	}
	code, page, _ = runCLI(t, "report", "--rule", "minneapolis-irv", filepath.Join(elections, "rcv_2017_minneapolis_mayor/2017_minneapolis_mayor.blt"))
	if code != exitOK || !strings.Contains(page, "Votes per round") || !strings.Contains(page, "Jacob Frey") {
		t.Errorf("ranked report: %d", code)
	}
	if code, _, _ := runCLI(t, "report"); code != exitUsage {
		t.Errorf("no arguments: %d", code)
	}
}
