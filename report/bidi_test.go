package report_test

import (
	"strings"
	"testing"

	"github.com/gongzhi/gongzhi/catalog"
	"github.com/gongzhi/gongzhi/report"
	"github.com/gongzhi/gongzhi/sheet"
)

// A candidate named with a right-to-left override (U+202E) reversed what
// followed the name on its line: the page's outcome "当选：赵六（1/3 名）"
// displayed as "当选：赵六（名 3/1）" (seen in headless Chromium). Direction
// controls are shown as code points in the summary and the page; a Uyghur
// name (right to left by its letters) is left as it is.
func TestDirectionControlsShown(t *testing.T) {
	rule, err := catalog.Preset("committee-election", 2)
	if err != nil {
		t.Fatal(err)
	}
	const uyghur = "ئابدۇرېھىم ئابلىمىت"
	rows := [][]string{{"选票编号", "赵六\u202e", "钱七\u2067", uyghur}}
	for _, b := range []string{"01", "02", "03", "04"} {
		rows = append(rows, []string{b, "○", "", "○"})
	}
	out, err := catalog.CountSheet(rule, rows, sheet.Options{Eligible: 6})
	if err != nil {
		t.Fatal(err)
	}
	s := report.Summarize(out, report.Chinese)
	all := strings.Join(s.Outcome, "\n")
	for _, tb := range s.Tables {
		for _, r := range tb.Rows {
			all += "\n" + strings.Join(r, "|")
		}
	}
	page, err := report.Page(out, report.PageOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"summary": all, "page": string(page)} {
		if strings.ContainsAny(text, "\u202e\u2067") || !strings.Contains(text, "赵六[U+202E]") || !strings.Contains(text, "钱七[U+2067]") || !strings.Contains(text, uyghur) {
			t.Errorf("%s:\n%s", name, text)
		}
	}
}

// Next to a long name the table squeezed the result column to one
// character: "未当选" broke as 未当/选 (seen in headless Chromium at 900 px
// and 390 px). Short text cells are kept on one line; long ones wrap.
func TestShortCellsKeptOnOneLine(t *testing.T) {
	rule, err := catalog.Preset("committee-election", 1)
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("阿卜杜热依木·", 8)
	rows := [][]string{{"选票编号", long, "钱七"}, {"01", "○", ""}, {"02", "", "○"}, {"03", "○", ""}}
	out, err := catalog.CountSheet(rule, rows, sheet.Options{Eligible: 3})
	if err != nil {
		t.Fatal(err)
	}
	page, err := report.Page(out, report.PageOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	if !strings.Contains(s, `td.s { white-space: nowrap; }`) || !strings.Contains(s, `<td class="s">未当选</td>`) || !strings.Contains(s, "<td>"+long+"</td>") {
		t.Errorf("short cells not kept on one line:\n%s", s)
	}
}
