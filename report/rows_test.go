package report_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/gongzhi/gongzhi/catalog"
	"github.com/gongzhi/gongzhi/report"
	"github.com/gongzhi/gongzhi/sheet"
	"github.com/gongzhi/gongzhi/vote"
)

// The rows skipped from a tally sheet were listed in English in a Chinese
// result ("跳过的行：row 10 (乙): unreadable mark ..."): every sheet.RowCode
// now has a Chinese and an English text.
func TestSkippedRowsInLanguage(t *testing.T) {
	var info sheet.Info
	for i, code := range sheet.RowCodes() {
		info.Skipped = append(info.Skipped, sheet.RowError{Row: i + 2, Column: "乙", Code: code, Args: []string{"王", "2", "3", "4"}, Reason: "english " + string(code)})
	}
	info.Skipped = append(info.Skipped, sheet.RowError{Row: 99, Reason: "an old reason"})
	res := vote.Result{}
	out := catalog.Outcome{Kind: catalog.KindVote, Vote: &res, Poll: &vote.Poll{}, Sheet: &info}
	latin := regexp.MustCompile(`[A-Za-z]`)
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		notes := report.Summarize(out, lang).Notes
		var skipped []string
		for _, n := range notes {
			if strings.HasPrefix(n, lang.T("skipped", "")) {
				skipped = append(skipped, n)
			}
		}
		if len(skipped) != len(info.Skipped) {
			t.Fatalf("%s: %d skipped notes, want %d:\n%s", lang, len(skipped), len(info.Skipped), strings.Join(notes, "\n"))
		}
		for i, code := range sheet.RowCodes() {
			text := skipped[i]
			if strings.Contains(text, "%!") || strings.Contains(text, "english") {
				t.Errorf("%s %s: %q", lang, code, text)
			}
			if lang == report.Chinese && code != sheet.RowOtherCellProblem && latin.MatchString(text) {
				t.Errorf("%s: Chinese text %q has Latin letters", code, text)
			}
		}
		if got := skipped[len(skipped)-1]; !strings.Contains(got, "row 99: an old reason") {
			t.Errorf("%s: a row without a code: %q", lang, got)
		}
	}
	owner := sheet.RowError{Row: 8, Column: "表决意见", Code: sheet.RowOwnerConflict, Args: []string{"赵敏", "yes", "7", "no"}}
	info.Skipped = []sheet.RowError{owner}
	if got := report.Summarize(out, report.Chinese).Notes; len(got) == 0 || !strings.Contains(strings.Join(got, "\n"), "跳过的行：第 8 行（表决意见）：业主“赵敏”在第 7 行表决为同意，此处为反对；一名业主只有一票") {
		t.Errorf("owner conflict: %q", got)
	}
}
