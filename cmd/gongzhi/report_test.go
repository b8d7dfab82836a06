package main

import (
	"encoding/json"
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
	for _, want := range []string{"<!DOCTYPE html>", "公 示", "公示 5 个工作日，自 2025年12月8日 起，至 2025年12月15日 17:30 止。", "某社区居民委员会", "80.43 % (37/46)", "<svg"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("missing %q", want)
		}
	}
	if strings.Contains(string(page), "<script") {
		t.Error("the page has a script")
	}
	// A month is stated as a month (it was restated as "22 个工作日" and
	// ended "至 2027年2月1日 00:00"), with its last day, moved off 30
	// January (a Saturday) to the make-up working day.
	code, _, errs = runCLI(t, "report", "--rule", "project-priorities", filepath.Join(sheets, "annual-meeting-ballots.csv"),
		"--notice", "--posted", "2026-12-30", "--period", "1 months", "--out", out)
	page, _ = os.ReadFile(out)
	if want := "公示一个月，自 2026年12月30日 起，至 2027年1月31日 止。"; code != exitOK || !strings.Contains(string(page), want) || strings.Contains(string(page), "个工作日") {
		t.Errorf("1 months: exit %d %s; want %q", code, errs, want)
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

// The digest posted with a notice is recomputed from the ballot list, a
// voter finds their ballot by its number, and a changed ballot breaks the
// digest.
func TestVerify(t *testing.T) {
	sheet := filepath.Join(sheets, "annual-meeting-ballots.csv")
	code, out, errs := runCLI(t, "tally", "--rule", "project-priorities", "--json", sheet)
	if code != exitOK {
		t.Fatalf("tally: %d %s", code, errs)
	}
	var res struct {
		Result struct {
			Digest string `json:"digest"`
		} `json:"result"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Result.Digest) != 64 {
		t.Fatalf("digest %q: %v", res.Result.Digest, err)
	}
	d := res.Result.Digest
	code, out, errs = runCLI(t, "verify", "--rule", "project-priorities", sheet, "--digest", d, "--ballot", "07")
	if code != exitOK || !strings.Contains(out, "选票 07：双井1-3社区深化打造、消除老旧小区房屋安全隐患、区域养老服务联合体、文创园区周边可持续更新提升、数字经济文化艺术街区科技景观场景打造（校验码 ") ||
		!strings.Contains(out, "一致：46 张选票的摘要为 "+d) {
		t.Errorf("verify: %d %s\n%s", code, errs, out)
	}
	data, _ := os.ReadFile(sheet)
	// Ballots 07 and 20 swap two marks: the totals row still agrees, only
	// the digest can tell.
	swapped := strings.Replace(string(data), "07,√,√,√,,√,√,", "07,√,√,,√,√,√,", 1)
	swapped = strings.Replace(swapped, "20,√,√,,√,√,√,", "20,√,√,√,,√,√,", 1)
	changed := write(t, "changed.csv", swapped)
	if code, out, _ := runCLI(t, "verify", "--rule", "project-priorities", changed, "--digest", d); code != exitCount || !strings.Contains(out, "不一致") {
		t.Errorf("changed ballot: %d\n%s", code, out)
	}
	if code, _, _ := runCLI(t, "verify", "--rule", "project-priorities", sheet, "--ballot", "99"); code != exitCount {
		t.Errorf("unknown ballot: %d", code)
	}
}
