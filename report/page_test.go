package report_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongzhi/gongzhi/report"
	"github.com/gongzhi/gongzhi/sheet"
)

// golden compares got with testdata/golden/name, or rewrites it under
// -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if !bytes.Equal(want, got) {
		wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
		for i := range min(len(wl), len(gl)) {
			if wl[i] != gl[i] {
				t.Fatalf("%s differs at line %d:\nwant %.300s\ngot  %.300s\n(go test ./report -update rewrites it after review)", name, i+1, wl[i], gl[i])
			}
		}
		t.Fatalf("%s differs in length: want %d lines, got %d", name, len(wl), len(gl))
	}
}

// Every page is self-contained and deterministic, and matches its golden
// file byte for byte.
func TestPagesGolden(t *testing.T) {
	first := pages(t)
	second := pages(t)
	for i, p := range first {
		if !bytes.Equal(p.html, second[i].html) {
			t.Errorf("%s: two renderings differ", p.name)
		}
		s := string(p.html)
		for _, banned := range []string{"<script", "http://", "https://", "@import", "url(", "<link", "<img"} {
			if strings.Contains(strings.ReplaceAll(s, `xmlns="http://www.w3.org/2000/svg"`, ""), banned) {
				t.Errorf("%s: contains %q; pages must not load anything", p.name, banned)
			}
		}
		if !strings.Contains(s, "<svg") {
			t.Errorf("%s: no chart", p.name)
		}
		golden(t, p.name+".html", p.html)
	}
}

func TestNotice(t *testing.T) {
	b, err := report.Page(sheetOutcome(t, "project-priorities", 0, "annual-meeting-ballots.csv", sheet.Options{}), report.PageOptions{Notice: annualNotice()})
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{
		"关于实事项目票决（每人5票，支持率超过80%）结果的公示",
		// Posted Monday 8 December 09:00; five working days run to the
		// close of Monday 15 December.
		"公示 5 个工作日，自 2025年12月8日 起，至 2025年12月15日 17:30 止。",
		"双井街道某社区居民委员会",
		"本次共计 46 张选票",
		"80.43 % (37/46)",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %q", want)
		}
	}
	if strings.Contains(s, "选票清单（按编号）") {
		t.Error("ballot list without BallotList")
	}
	n := annualNotice()
	n.BallotList = true
	b, err = report.Page(sheetOutcome(t, "project-priorities", 0, "annual-meeting-ballots.csv", sheet.Options{}), report.PageOptions{Notice: n})
	if err != nil {
		t.Fatal(err)
	}
	// Ballot 01 left out project 1 and marked the other five.
	if s := string(b); !strings.Contains(s, "选票清单（按编号）") || !strings.Contains(s, "<td class=\"s\">01</td><td>消除老旧小区房屋安全隐患、区域养老服务联合体、社区景观微更新改造、文创园区周边可持续更新提升、数字经济文化艺术街区科技景观场景打造</td>") {
		t.Errorf("ballot list missing or wrong")
	}
	n.Calendar = nil
	if _, err := report.Page(sheetOutcome(t, "project-priorities", 0, "annual-meeting-ballots.csv", sheet.Options{}), report.PageOptions{Notice: n}); err == nil {
		t.Error("a period without a calendar was accepted")
	}
}

func TestSummaryText(t *testing.T) {
	for _, o := range outcomes(t) {
		s := report.Summarize(o.out, o.lang)
		var b strings.Builder
		b.WriteString(s.Title + "\n")
		for _, f := range s.Facts {
			b.WriteString(f.Label + ": " + f.Value + "\n")
		}
		for _, tb := range s.Tables {
			b.WriteString("[" + tb.Caption + "] " + strings.Join(tb.Header, " | ") + "\n")
			for _, r := range tb.Rows {
				b.WriteString(strings.Join(r, " | ") + "\n")
			}
		}
		for _, l := range append(s.Outcome, s.Notes...) {
			b.WriteString(l + "\n")
		}
		golden(t, o.name+".txt", []byte(b.String()))
	}
}

// BenchmarkPage renders the annual meeting's notice with its ballot list.
func BenchmarkPage(b *testing.B) {
	out := sheetOutcome(b, "project-priorities", 0, "annual-meeting-ballots.csv", sheet.Options{})
	n := annualNotice()
	n.BallotList = true
	b.ReportAllocs()
	for b.Loop() {
		if _, err := report.Page(out, report.PageOptions{Notice: n}); err != nil {
			b.Fatal(err)
		}
	}
}
