package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

const sheets = "../../sheet/testdata"

func TestTallySheetCSV(t *testing.T) {
	code, out, errs := runCLI(t, "tally", "--rule", "project-priorities", filepath.Join(sheets, "annual-meeting-ballots.csv"))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"80.43 % (37/46)", "列为年度重点：双井1-3社区深化打造、社区景观微更新改造", "逐票登记"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	code, out, _ = runCLI(t, "tally", "--rule", "project-priorities", "--lang", "en", filepath.Join(sheets, "annual-meeting-counts.csv"))
	if code != exitOK || !strings.Contains(out, "totals only, cannot be audited per ballot") || !strings.Contains(out, "Priorities: 双井1-3社区深化打造, 社区景观微更新改造") {
		t.Errorf("counts sheet: %d\n%s", code, out)
	}
}

// Excel on Chinese Windows saves CSV in GBK: it is detected and decoded.
func TestTallySheetGBK(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(sheets, "elevator-households.csv"))
	if err != nil {
		t.Fatal(err)
	}
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(data)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "households-gbk.csv")
	if err := os.WriteFile(path, gbk, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "tally", "--rule", "owners-ordinary", path)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"表决通过", "87.50 % (14/16)", "1073.4 ㎡，总面积 1307.1 ㎡", "同意的业主人数"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	code, out, _ = runCLI(t, "tally", "--rule", "owners-special", "--json", path)
	if code != exitOK || !strings.Contains(out, `"adopted": false`) || !strings.Contains(out, `"layout": "households"`) {
		t.Errorf("special: %d\n%s", code, out)
	}
}

// A UTF-8 sheet with one byte that is not (a Latin-1 é in a remark) was
// decoded as GBK: every Chinese header became mojibake, and a sheet marked
// with 1 was counted under those names. It is refused, naming the line.
func TestTallySheetDamagedUTF8(t *testing.T) {
	path := filepath.Join(t.TempDir(), "damaged.csv")
	data := "选票编号,甲,乙,备注\n1,1,,\n2,,1,caf\xe9\n3,1,1,\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "tally", "--rule", "project-priorities", path)
	if code == exitOK || out != "" || !strings.Contains(errs, "neither UTF-8 (line 3 is not) nor GBK") {
		t.Errorf("exit %d\nstdout %s\nstderr %s", code, out, errs)
	}
}

// An .xlsx workbook, written here with excelize, tallies like the CSV.
func TestTallySheetXLSX(t *testing.T) {
	rows := [][]any{
		{"选票编号", "刘春燕", "王志刚", "陈晓梅", "另选他人"},
		{"001", "○", "○", "", ""},
		{"002", "○", "", "○", ""},
		{"003", "", "○", "○", ""},
		{"004", "○", "", "", "郑小红"},
		{"005", 1, 1, "", ""},
	}
	f := excelize.NewFile()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "election.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	roll := write(t, "roll.csv", "姓名\n甲\n乙\n丙\n丁\n戊\n己\n庚\n辛\n")
	code, out, errs := runCLI(t, "tally", "--rule", "committee-election", "--seats", "2", "--roll", roll, "--lang", "en", path)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// 刘春燕 4 of 5 (ballot 004 marks her and writes in 郑小红, who is
	// counted as a candidate: the preset admits write-ins); 5 of 8
	// registered voters voted.
	for _, want := range []string{"62.50 % (5/8)", "刘春燕                 4  80.00 % (4/5)  elected", "郑小红 (write-in)      1  20.00 % (1/5)  not elected", "Elected: 刘春燕, 王志刚 (2 of 2 seats)"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
}

// A workbook written by a program stores a formula without its value: the
// cell read as empty, so a ballot marked by a formula counted as no vote.
// It is refused, naming the cell (TestTallySheetXLSX reads a workbook of
// values).
func TestTallySheetUncalculatedFormula(t *testing.T) {
	f := excelize.NewFile()
	for i, r := range [][]any{{"选票编号", "甲", "乙"}, {"1", "√", ""}, {"2", "", "√"}, {"3"}} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SetCellFormula("Sheet1", "B4", `IF(1,"√","")`); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "formula.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "tally", "--rule", "project-priorities", path)
	if code == exitOK || out != "" || !strings.Contains(errs, "cell B4: the formula =IF(1,\"√\",\"\") has no computed value") {
		t.Errorf("exit %d\nstdout %s\nstderr %s", code, out, errs)
	}
}

// An .xlsx whose parts unzip to more than maxUnzippedBytes (a zip bomb:
// here a worksheet that declares 1 TB) is refused before it is unzipped.
func TestTallySheetZipBomb(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Store,
		CompressedSize64: 1, UncompressedSize64: 1 << 40})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(" ")); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	_, _, err = readSheet(bytes.NewReader(buf.Bytes()), "bomb.xlsx", "")
	if err == nil || !strings.Contains(err.Error(), "unzip size exceeds the 268435456 bytes limit") {
		t.Errorf("zip bomb: %v", err)
	}
}

func TestTallySheetBadRows(t *testing.T) {
	data, _ := os.ReadFile(filepath.Join(sheets, "annual-meeting-ballots.csv"))
	lines := strings.Split(string(data), "\r\n")
	lines[4] = strings.Replace(lines[4], "√", "x", 1)
	lines[9] = strings.Replace(lines[9], "√", "2", 1)
	path := write(t, "bad.csv", "\uFEFF"+strings.Join(lines, "\r\n"))
	code, out, errs := runCLI(t, "tally", "--rule", "project-priorities", path)
	if code != exitInput || out != "" || !strings.Contains(errs, "2 bad row(s); nothing was counted") ||
		!strings.Contains(errs, "bad.csv:row 5 (") || !strings.Contains(errs, "bad.csv:row 10 (") || !strings.Contains(errs, "--skip-bad-rows") {
		t.Errorf("exit %d\nstdout %s\nstderr %s", code, out, errs)
	}
	// The rest is counted; the totals row is not checked against a sheet
	// with bad rows.
	code, out, errs = runCLI(t, "tally", "--rule", "project-priorities", "--skip-bad-rows", path)
	if code != exitOK || !strings.Contains(errs, "skipped row 5") || !strings.Contains(out, "跳过的行：第 10 行（双井1-3社区深化打造）：无法识别的标记“2”") {
		t.Errorf("skip: exit %d\n%s\n%s", code, out, errs)
	}
	if code, _, errs := runCLI(t, "tally", "--rule", "committee-election", "--seats", "5", filepath.Join(sheets, "committee-election.csv")); code != exitInput || !strings.Contains(errs, "give the roll") {
		t.Errorf("no roll: %d %s", code, errs)
	}
}

// FuzzReadSheet: any bytes either read as rows or fail with an error; GBK
// and UTF-8 text with a Chinese header decode to the same rows.
func FuzzReadSheet(f *testing.F) {
	f.Add([]byte("\uFEFF房号,业主,面积,表决意见\n101,张,56.3,同意\n"), false)
	f.Add([]byte("选票编号\t甲\t乙\n1\t√\t\n"), true)
	f.Add([]byte{0xff, 0xfe, 'a', 0, ',', 0, 'b', 0}, false)
	f.Add([]byte("PK\x03\x04garbage"), false)
	f.Fuzz(func(t *testing.T, data []byte, tsv bool) {
		name := "s.csv"
		if tsv {
			name = "s.tsv"
		}
		rows, _, err := readSheet(bytes.NewReader(data), name, "")
		if err != nil {
			return
		}
		for _, r := range rows {
			for _, c := range r {
				if !utf8.ValidString(c) {
					t.Fatalf("cell %q is not UTF-8", c)
				}
			}
		}
		gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(data)
		if err != nil || !utf8.Valid(data) || bytes.HasPrefix(data, []byte("\uFEFF")) || bytes.HasPrefix(data, []byte("PK")) || utf8.Valid(gbk) {
			return
		}
		again, _, err := readSheet(bytes.NewReader(gbk), name, "")
		if err != nil {
			t.Fatalf("GBK of a readable sheet fails: %v", err)
		}
		if fmt.Sprint(again) != fmt.Sprint(rows) {
			t.Fatalf("GBK rows %q, UTF-8 rows %q", again, rows)
		}
	})
}

// A sheet with only its header (or only blank rows), an empty JSON Lines
// file, or a sheet whose every row is skipped as bad holds no ballots: the
// count announces nothing ("通过：无" was printed for them) and exits 5.
func TestTallyNoBallots(t *testing.T) {
	for name, c := range map[string]struct {
		file, content string
		args          []string
		want          string
	}{
		"header only":  {"h.csv", "选票编号,甲,乙\n", nil, "holds no ballots"},
		"blank rows":   {"b.csv", "选票编号,甲,乙\n,,\n,,\n", nil, "holds no ballots"},
		"empty jsonl":  {"e.jsonl", "", nil, "holds no ballots"},
		"all rows bad": {"x.csv", "选票编号,甲,乙\n1,x,\n2,2,\n", []string{"--skip-bad-rows"}, "2 bad row(s); nothing was counted"},
	} {
		path := write(t, c.file, c.content)
		args := append([]string{"tally", "--rule", "project-priorities"}, c.args...)
		code, out, errs := runCLI(t, append(args, path)...)
		want := exitCount
		if name == "all rows bad" {
			want = exitInput
		}
		if code != want || out != "" || !strings.Contains(errs, c.want) || strings.Contains(out+errs, "通过") {
			t.Errorf("%s: exit %d (want %d)\nstdout %s\nstderr %s", name, code, want, out, errs)
		}
		rargs := append([]string{"report", "--rule", "project-priorities"}, c.args...)
		if code, _, _ := runCLI(t, append(rargs, path, "--out", filepath.Join(t.TempDir(), "r.html"))...); code != want {
			t.Errorf("%s: report exit %d, want %d", name, code, want)
		}
	}
}

// A workbook with a draft on its first worksheet and the count on the
// second was tallied from the first (exit 0, the draft's result), with no
// word of the other. Several worksheets with data are refused naming them;
// --sheet picks one; empty extra worksheets (Sheet2, Sheet3) are ignored.
func TestTallySheetSeveralWorksheets(t *testing.T) {
	save := func(sheets map[string][][]any, order ...string) string {
		f := excelize.NewFile()
		f.SetSheetName("Sheet1", order[0])
		for i, name := range order {
			if i > 0 {
				if _, err := f.NewSheet(name); err != nil {
					t.Fatal(err)
				}
			}
			for j, r := range sheets[name] {
				cell, _ := excelize.CoordinatesToCellName(1, j+1)
				if err := f.SetSheetRow(name, cell, &r); err != nil {
					t.Fatal(err)
				}
			}
		}
		path := filepath.Join(t.TempDir(), "book.xlsx")
		if err := f.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		return path
	}
	sheets := map[string][][]any{
		"草稿": {{"选票编号", "甲", "乙"}, {"1", "√", ""}, {"2", "√", ""}},
		"正式": {{"选票编号", "甲", "乙"}, {"1", "", "√"}, {"2", "", "√"}, {"3", "√", "√"}},
	}
	book := save(sheets, "草稿", "正式", "Sheet3")
	code, _, errs := runCLI(t, "tally", "--rule", "project-priorities", book)
	if code != exitInput || !strings.Contains(errs, "2 worksheets with data (草稿, 正式): name the one to count with --sheet") {
		t.Errorf("two filled worksheets: exit %d %s", code, errs)
	}
	code, out, errs := runCLI(t, "tally", "--rule", "project-priorities", "--sheet", "正式", book)
	if code != exitOK || !strings.Contains(out, "通过：乙") {
		t.Errorf("--sheet 正式: exit %d %s\n%s", code, errs, out)
	}
	code, out, errs = runCLI(t, "tally", "--rule", "project-priorities", save(sheets, "Sheet0", "正式", "Sheet3"))
	if code != exitOK || !strings.Contains(out, "通过：乙") {
		t.Errorf("one filled worksheet of three: exit %d %s\n%s", code, errs, out)
	}
}
