package report_test

import (
	"testing"

	"github.com/gongzhi/gongzhi/report"
	"github.com/gongzhi/gongzhi/vote"
	"github.com/shopspring/decimal"
)

func TestRate(t *testing.T) {
	for _, tc := range []struct {
		count, base string
		want        string
	}{
		{"37", "46", "80.43 % (37/46)"},
		{"0", "0", "– (0/0)"},
		{"2", "3", "66.67 % (2/3)"},
		{"1", "8", "12.50 % (1/8)"}, // 12.5 exactly
		{"1", "200", "0.50 % (1/200)"},
		{"766.15", "1073.40", "71.38 % (766.15/1073.4)"},
		{"46", "46", "100.00 % (46/46)"},
	} {
		if got := report.Rate(decimal.RequireFromString(tc.count), decimal.RequireFromString(tc.base)); got != tc.want {
			t.Errorf("Rate(%s, %s) = %q, want %q", tc.count, tc.base, got, tc.want)
		}
	}
	if got := report.Chinese.Threshold(vote.MoreThan(4, 5), ""); got != "超过 4/5（参加投票人数）" {
		t.Errorf("zh threshold %q", got)
	}
	if got := report.English.Threshold(vote.AtLeast(2, 3), vote.BaseEligible); got != "at least 2/3 of the eligible voters" {
		t.Errorf("en threshold %q", got)
	}
}
