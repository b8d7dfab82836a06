package sheet_test

import (
	"fmt"
	"slices"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/gongzhi/gongzhi/sheet"
	"github.com/gongzhi/gongzhi/vote"
)

// A sheet of totals rebuilt into ballots counts exactly like the paper
// ballots it summarises: same checks, passes and selection.
func TestCountsRebuildLikeBallots(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		nOpt := rapid.IntRange(1, 7).Draw(t, "options")
		votes := rapid.IntRange(0, nOpt).Draw(t, "votes")
		rule := vote.LimitedApproval(votes, vote.Of(vote.MoreThan(rapid.Int64Range(0, 4).Draw(t, "num"), 5), vote.BaseCast), rapid.IntRange(0, 3).Draw(t, "select"))
		header := []string{"编号"}
		for i := range nOpt {
			header = append(header, fmt.Sprintf("项目%d", i+1))
		}
		ballots := [][]string{header}
		totals := make([]int, nOpt)
		for b := range rapid.IntRange(1, 40).Draw(t, "ballots") {
			row := []string{strconv.Itoa(b + 1)}
			limit := votes
			if limit == 0 {
				limit = nOpt
			}
			marked := 0
			for i := range nOpt {
				on := marked < limit && rapid.Bool().Draw(t, "mark")
				if on {
					row = append(row, "√")
					totals[i]++
					marked++
				} else {
					row = append(row, "")
				}
			}
			ballots = append(ballots, row)
		}
		counts := [][]string{{"项目", "票数"}}
		for i, n := range totals {
			counts = append(counts, []string{header[i+1], strconv.Itoa(n)})
		}
		counts = append(counts, []string{"投票人数", strconv.Itoa(len(ballots) - 1)})
		a := mustTally(t, rule, ballots)
		b := mustTally(t, rule, counts)
		if diff := cmp.Diff(a.Checks, b.Checks); diff != "" {
			t.Fatalf("checks (-ballots +counts):\n%s", diff)
		}
		if !slices.Equal(a.Selected, b.Selected) || !slices.Equal(a.Passed, b.Passed) || a.Cast != b.Cast || b.Invalid != 0 {
			t.Fatalf("ballots %v/%v, counts %v/%v", a.Passed, a.Selected, b.Passed, b.Selected)
		}
	})
}

func mustTally(t *rapid.T, rule vote.Rule, rows [][]string) vote.Result {
	s, err := sheet.Read(rule, rows, sheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := vote.Tally(s.Poll, s.Ballots)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// Read never panics and, on success, gives ballots the poll accepts.
func FuzzRead(f *testing.F) {
	f.Add("选票编号,甲,乙\n1,√,\n2,,○\n合计,1,1\n", "approval")
	f.Add("房号,业主,面积,表决意见\n101,张,56.3㎡,同意\n102,,70,\n", "double-majority")
	f.Add("项目,票数\n甲,3\n投票人数,4\n", "approval")
	f.Add("表决意见,票数\n同意,3\n反对,1\n", "motion")
	f.Fuzz(func(t *testing.T, text, method string) {
		var rows [][]string
		for _, line := range splitLines(text) {
			rows = append(rows, splitComma(line))
		}
		rules := map[string]vote.Rule{"approval": vote.ProjectPriorities(), "double-majority": vote.OwnersOrdinary(),
			"motion": vote.Recall(), "satisfaction": vote.SatisfactionSurvey(), "election": vote.CommitteeElection(2)}
		rule, ok := rules[method]
		if !ok {
			rule = vote.ProjectPriorities()
		}
		s, err := sheet.Read(rule, rows, sheet.Options{Eligible: 50, SkipBadRows: len(text)%2 == 0})
		if err != nil {
			return
		}
		if len(s.Ballots) > 0 || len(s.Poll.Options) > 0 {
			_, _ = vote.Tally(s.Poll, s.Ballots) // may refuse, must not panic
		}
	})
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := range len(s) {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func splitComma(s string) []string {
	var out []string
	start := 0
	for i := range len(s) {
		if s[i] == ',' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}
