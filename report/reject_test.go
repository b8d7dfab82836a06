package report_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/gongzhi/gongzhi/catalog"
	"github.com/gongzhi/gongzhi/report"
	"github.com/gongzhi/gongzhi/vote"
)

// The invalid ballots of a Chinese result gave their reasons in English
// ("unknown option", "names more candidates than the 5 seats"): every
// vote.RejectCode now has a Chinese and an English text, filled in with
// the option's name, the limit and the value quoted.
func TestRejectedInLanguage(t *testing.T) {
	poll := vote.Poll{ID: "p", Options: []vote.Option{{ID: "c1", Name: "王芳"}}}
	var res vote.Result
	for i, code := range vote.RejectCodes() {
		res.Rejected = append(res.Rejected, vote.Rejection{Ballot: vote.BallotID(rune('A' + i)), Option: "c1", Code: code, Limit: 5, Value: "也许", Reason: "english " + string(code)})
	}
	// A result saved before codes keeps its English reason.
	res.Rejected = append(res.Rejected, vote.Rejection{Ballot: "Z", Reason: "unknown option"})
	latin := regexp.MustCompile(`[A-Za-z]`)
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		s := report.Summarize(catalog.Outcome{Kind: catalog.KindVote, Vote: &res, Poll: &poll}, lang)
		var rows [][]string
		for _, tb := range s.Tables {
			if tb.Caption == lang.T("rejected") {
				rows = tb.Rows
			}
		}
		if len(rows) != len(res.Rejected) {
			t.Fatalf("%s: %d rejected rows, want %d", lang, len(rows), len(res.Rejected))
		}
		for i, code := range vote.RejectCodes() {
			text := rows[i][1]
			if text == "" || strings.Contains(text, "%!") || strings.Contains(text, "english") {
				t.Errorf("%s %s: %q", lang, code, text)
			}
			if lang == report.Chinese && latin.MatchString(text) {
				t.Errorf("%s: Chinese text %q has Latin letters", code, text)
			}
			if strings.Contains(string(code), "option") || strings.Contains(string(code), "repeated") {
				if !strings.Contains(text, "王芳") {
					t.Errorf("%s %s: %q does not name the option", lang, code, text)
				}
			}
		}
		if got := rows[len(rows)-1][1]; got != "unknown option" {
			t.Errorf("%s: a rejection without a code: %q", lang, got)
		}
	}
	if got := report.Chinese.T("reject.too-many-candidates", 5, "", ""); got != "所选人数多于应选名额 5 名" {
		t.Errorf("too many candidates: %q", got)
	}
}
