package report_test

import (
	"fmt"

	"github.com/gongzhi/gongzhi/catalog"
	"github.com/gongzhi/gongzhi/report"
	"github.com/gongzhi/gongzhi/sheet"
	"github.com/gongzhi/gongzhi/vote"
	"github.com/shopspring/decimal"
)

func ExampleRate() {
	fmt.Println(report.Rate(decimal.NewFromInt(37), decimal.NewFromInt(46)))
	fmt.Println(report.Chinese.Threshold(vote.MoreThan(4, 5), vote.BaseCast))
	fmt.Println(report.English.Threshold(vote.AtLeast(2, 3), vote.BaseEligible))
	// Output:
	// 80.43 % (37/46)
	// 超过 4/5（参加投票人数）
	// at least 2/3 of the eligible voters
}

// A residents' meeting tallied from a sheet of totals, summarised in
// Chinese: names, exact rates and the decision in words.
func ExampleSummarize() {
	rule, _ := catalog.Preset("residents-meeting", 0)
	out, err := catalog.CountSheet(rule, [][]string{{"表决意见", "票数"}, {"同意", "212"}, {"反对", "37"}, {"弃权", "11"}}, sheet.Options{Eligible: 480})
	if err != nil {
		fmt.Println(err)
		return
	}
	s := report.Summarize(out, report.Chinese)
	fmt.Println(s.Title)
	for _, row := range s.Tables[0].Rows {
		fmt.Println(row)
	}
	fmt.Println(s.Outcome)
	// Output:
	// 居民会议决定
	// [同意 212 81.54 % (212/260)]
	// [反对 37 14.23 % (37/260)]
	// [弃权 11 4.23 % (11/260)]
	// [表决通过]
}
