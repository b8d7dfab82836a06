package report_test

import (
	"testing"

	"github.com/gongzhi/gongzhi/report"
)

func TestLang(t *testing.T) {
	for in, want := range map[string]report.Lang{"": report.Chinese, "zh": report.Chinese, "EN": report.English} {
		if got, err := report.ParseLang(in); err != nil || got != want {
			t.Errorf("ParseLang(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := report.ParseLang("fr"); err == nil {
		t.Error("fr accepted")
	}
	if got := report.English.T("verified"); got != "verified" {
		t.Errorf("en verified: %q", got)
	}
	if got := report.Chinese.T("verified"); got != "已核实" {
		t.Errorf("zh verified: %q", got)
	}
	if got := report.Chinese.T("no.such.key"); got != "no.such.key" {
		t.Errorf("missing key: %q", got)
	}
	if got := report.English.Title("甲", ""); got != "甲" {
		t.Errorf("fallback: %q", got)
	}
}
