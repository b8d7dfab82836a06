package sheet_test

import (
	"encoding/csv"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/gongzhi/gongzhi/sheet"
	"github.com/gongzhi/gongzhi/vote"
)

func readCSV(t *testing.T, name string) [][]string {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func tally(t *testing.T, rule vote.Rule, rows [][]string, opts sheet.Options) (vote.Result, sheet.Info) {
	t.Helper()
	s, err := sheet.Read(rule, rows, opts)
	if err != nil {
		t.Fatal(err)
	}
	res, err := vote.Tally(s.Poll, s.Ballots)
	if err != nil {
		t.Fatal(err)
	}
	return res, s.Info
}

func votes(res vote.Result) map[vote.OptionID]int64 {
	out := map[vote.OptionID]int64{}
	for _, o := range res.Options {
		out[o.Option] = o.Votes
	}
	return out
}

var annualWant = map[vote.OptionID]int64{
	"双井1-3社区深化打造": 41, "消除老旧小区房屋安全隐患": 38, "区域养老服务联合体": 37,
	"社区景观微更新改造": 40, "文创园区周边可持续更新提升": 37, "数字经济文化艺术街区科技景观场景打造": 37,
}

// The annual meeting's 46 paper ballots, one row each, and the same vote
// as a sheet of totals give the same result; only the first is auditable.
func TestAnnualMeetingBallotsAndCounts(t *testing.T) {
	res, info := tally(t, vote.ProjectPriorities(), readCSV(t, "annual-meeting-ballots.csv"), sheet.Options{})
	if diff := cmp.Diff(annualWant, votes(res)); diff != "" {
		t.Errorf("votes (-want +got):\n%s", diff)
	}
	if res.Cast != 46 || res.Valid != 46 || len(res.Passed) != 6 {
		t.Errorf("cast %d valid %d passed %v", res.Cast, res.Valid, res.Passed)
	}
	if want := []vote.OptionID{"双井1-3社区深化打造", "社区景观微更新改造"}; !slices.Equal(res.Selected, want) {
		t.Errorf("selected %v, want %v", res.Selected, want)
	}
	if info.Layout != sheet.Ballots || !info.Auditable || info.Rows != 46 {
		t.Errorf("info %+v", info)
	}
	res2, info2 := tally(t, vote.ProjectPriorities(), readCSV(t, "annual-meeting-counts.csv"), sheet.Options{})
	if info2.Layout != sheet.Counts || info2.Auditable {
		t.Errorf("counts info %+v", info2)
	}
	if diff := cmp.Diff(res.Checks, res2.Checks); diff != "" || !slices.Equal(res.Selected, res2.Selected) || res2.Cast != 46 {
		t.Errorf("counts sheet differs (-ballots +counts):\n%s", diff)
	}
}

func TestTotalsRowChecked(t *testing.T) {
	rows := readCSV(t, "annual-meeting-ballots.csv")
	rows[len(rows)-1][2] = "39" // the ballots give 38
	_, err := sheet.Read(vote.ProjectPriorities(), rows, sheet.Options{})
	var se *sheet.Error
	if !errors.As(err, &se) || len(se.Rows) != 1 || se.Rows[0].Row != 48 || !strings.Contains(se.Rows[0].Reason, "says 39") {
		t.Fatalf("err %v", err)
	}
}

// Bad rows are all reported with their numbers, nothing is counted, and
// SkipBadRows counts the rest and lists them.
func TestBadRows(t *testing.T) {
	rows := readCSV(t, "annual-meeting-ballots.csv")
	rows[3][1] = "x"   // row 4: ambiguous
	rows[10][2] = "2"  // row 11: not a mark
	rows[20][0] = "05" // row 21: ballot 05 is row 6
	s, err := sheet.Read(vote.ProjectPriorities(), rows[:len(rows)-1], sheet.Options{})
	var se *sheet.Error
	if !errors.As(err, &se) || !errors.Is(err, sheet.ErrBadRows) || len(s.Ballots) != 0 {
		t.Fatalf("err %v", err)
	}
	var got []int
	for _, r := range se.Rows {
		got = append(got, r.Row)
	}
	if !slices.Equal(got, []int{4, 11, 21}) || !strings.Contains(se.Error(), "row 21 (选票编号): ballot \"05\" already on row 6") || !strings.Contains(se.Error(), "ambiguous") {
		t.Errorf("rows %v:\n%v", got, err)
	}
	// Each bad row carries a code and the values its message names, for a
	// report in Chinese or English.
	var codes []string
	for _, r := range se.Rows {
		codes = append(codes, string(r.Code)+" "+strings.Join(r.Args, ","))
	}
	if want := []string{"ambiguous-mark x", "unreadable-mark 2", "duplicate-ballot 05,6"}; !slices.Equal(codes, want) {
		t.Errorf("codes %q, want %q", codes, want)
	}
	s, err = sheet.Read(vote.ProjectPriorities(), rows[:len(rows)-1], sheet.Options{SkipBadRows: true})
	if err != nil || len(s.Ballots) != 43 || len(s.Info.Skipped) != 3 {
		t.Errorf("skip: %v, %d ballots, %v", err, len(s.Ballots), s.Info.Skipped)
	}
}

func TestSatisfactionBallots(t *testing.T) {
	res, _ := tally(t, vote.SatisfactionSurvey(), readCSV(t, "satisfaction-ballots.csv"), sheet.Options{})
	if res.Cast != 46 || len(res.Options) != 10 || len(res.Levels) != 3 {
		t.Fatalf("%+v", res)
	}
	var answers int64
	for _, n := range res.Levels {
		answers += n
	}
	if answers == 0 || answers > 460 {
		t.Errorf("levels %v", res.Levels)
	}
	// The same answers as a sheet of totals per project and level.
	rows := [][]string{{"项目", "满意", "基本满意", "不满意"}}
	for _, o := range res.Options {
		rows = append(rows, []string{string(o.Option), itoa(o.Levels[0]), itoa(o.Levels[1]), itoa(o.Levels[2])})
	}
	rows = append(rows, []string{"投票人数", "46"})
	res2, info := tally(t, vote.SatisfactionSurvey(), rows, sheet.Options{})
	if info.Layout != sheet.Counts || !slices.Equal(res.Levels, res2.Levels) || res2.Cast != 46 {
		t.Errorf("counts: %v %v %+v", res.Levels, res2.Levels, info)
	}
	for i := range res.Options {
		if res.Options[i].Satisfied != res2.Options[i].Satisfied {
			t.Errorf("%s: %d vs %d satisfied", res.Options[i].Option, res.Options[i].Satisfied, res2.Options[i].Satisfied)
		}
	}
}

// The elevator vote of one stairwell: 18 units, 马超 owns two, two are
// unsold; art. 278 counted by area and by heads.
func TestOwnersHouseholds(t *testing.T) {
	s, err := sheet.Read(vote.OwnersSpecial(), readCSV(t, "elevator-households.csv"), sheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Poll.Voters) != 16 || len(s.Ballots) != 14 || s.Info.Layout != sheet.Households {
		t.Fatalf("%d voters, %d ballots, %+v", len(s.Poll.Voters), len(s.Ballots), s.Info)
	}
	res, err := vote.Tally(s.Poll, s.Ballots)
	if err != nil {
		t.Fatal(err)
	}
	if !res.EligibleWeight.Equal(decimal.RequireFromString("1307.10")) || !res.CastWeight.Equal(decimal.RequireFromString("1073.40")) {
		t.Errorf("areas %s of %s", res.CastWeight, res.EligibleWeight)
	}
	yes, _ := res.Option("yes")
	if yes.Votes != 10 || !yes.Weight.Equal(decimal.RequireFromString("766.15")) {
		t.Errorf("yes %d heads, %s m²", yes.Votes, yes.Weight)
	}
	// 10 of 14 owners is less than 3/4: a special matter fails by heads.
	if res.Adopted {
		t.Errorf("adopted:\n%s", res.Explain())
	}
	ord, _ := tally(t, vote.OwnersOrdinary(), readCSV(t, "elevator-households.csv"), sheet.Options{})
	if !ord.Adopted {
		t.Errorf("ordinary matter not adopted:\n%s", ord.Explain())
	}
}

func TestOwnersConflicts(t *testing.T) {
	rows := readCSV(t, "elevator-households.csv")
	rows[15][3] = "反对"     // 马超's second unit (row 16) disagrees with row 14
	rows[5][2] = "七十二"     // row 6: area
	rows[7][0] = "3-2-201" // row 8: duplicate unit of row 5
	_, err := sheet.Read(vote.OwnersSpecial(), rows, sheet.Options{})
	var se *sheet.Error
	if !errors.As(err, &se) || len(se.Rows) != 3 {
		t.Fatalf("%v", err)
	}
	if !strings.Contains(se.Error(), "owner \"马超\" answered yes on row 14 and no here") {
		t.Errorf("%v", err)
	}
	_, err = sheet.Read(vote.OwnersSpecial(), [][]string{{"房号", "表决意见"}, {"101", "同意"}}, sheet.Options{})
	if !errors.Is(err, sheet.ErrHeader) {
		t.Errorf("no area column: %v", err)
	}
}

// A committee election: 7 candidates for 5 seats, write-ins, 98 ballots
// from a roll of 120; one ballot marks six candidates and is invalid.
func TestCommitteeElection(t *testing.T) {
	rule := vote.CommitteeElection(5) // admits write-ins (另选他人)
	rows := readCSV(t, "committee-election.csv")
	if _, err := sheet.Read(rule, rows, sheet.Options{}); !errors.Is(err, sheet.ErrHeader) {
		t.Errorf("no roll: %v", err)
	}
	res, info := tally(t, rule, rows, sheet.Options{Eligible: 120})
	if res.Eligible != 120 || res.Cast != 98 || res.Invalid != 1 || !info.Auditable {
		t.Fatalf("eligible %d cast %d invalid %d\n%s", res.Eligible, res.Cast, res.Invalid, res.Explain())
	}
	wi, ok := res.Option("郑小红")
	if !ok || !wi.WriteIn || wi.Votes != 4 {
		t.Errorf("write-in 郑小红: %+v", wi)
	}
	if len(res.Selected) == 0 || res.Selected[0] != "刘春燕" {
		t.Errorf("selected %v\n%s", res.Selected, res.Explain())
	}
	// Without write-ins allowed, the ballots naming others are invalid.
	rule.WriteIns = false
	strict, _ := tally(t, rule, rows, sheet.Options{Eligible: 120})
	if strict.Invalid <= res.Invalid {
		t.Errorf("write-ins not refused: %d invalid", strict.Invalid)
	}
}

func TestMotionSheets(t *testing.T) {
	rows := [][]string{{"代表姓名", "表决意见"}, {"甲", "同意"}, {"乙", "赞成"}, {"丙", "反对"}, {"丁", "弃权"}, {"戊", "yes"}}
	res, _ := tally(t, vote.RepresentativesAssembly(), rows, sheet.Options{Roll: []string{"甲", "乙", "丙", "丁", "戊", "己"}})
	if !res.Adopted || res.Cast != 5 {
		t.Errorf("%s", res.Explain())
	}
	_, err := sheet.Read(vote.RepresentativesAssembly(), append(rows, []string{"庚", "同意"}), sheet.Options{Roll: []string{"甲", "乙", "丙", "丁", "戊", "己"}})
	var se *sheet.Error
	if !errors.As(err, &se) || se.Rows[0].Row != 7 || !strings.Contains(se.Rows[0].Reason, "not on the roll") {
		t.Errorf("off-roll voter: %v", err)
	}
	counts := [][]string{{"表决意见", "票数"}, {"同意", "30"}, {"反对", "8"}, {"弃权", "2"}}
	res, info := tally(t, vote.Recall(), counts, sheet.Options{Eligible: 60})
	if info.Layout != sheet.Counts || res.Cast != 40 || !res.Adopted {
		t.Errorf("%+v\n%s", info, res.Explain())
	}
}

func TestCountsSheetErrors(t *testing.T) {
	rule := vote.ProjectPriorities()
	for name, rows := range map[string][][]string{
		"no cast":        {{"项目", "票数"}, {"甲", "3"}},
		"cumulative":     {{"项目", "票数"}, {"甲", "3"}, {"投票人数", "5"}},
		"no count col":   {{"项目", "说明"}, {"甲", "好"}},
		"empty":          {},
		"motion options": {{"表决意见", "甲"}, {"同意", "1"}},
		// two totals columns were read from the first, silently
		"two totals": {{"项目", "票数", "得票数"}, {"甲", "3", "30"}, {"投票人数", "40", "40"}},
	} {
		r := rule
		if name == "cumulative" {
			r = vote.Cumulative(3, 2, 1)
		}
		if name == "motion options" {
			r = vote.Recall()
		}
		if _, err := sheet.Read(r, rows, sheet.Options{Eligible: 10, Layout: map[bool]sheet.Layout{true: sheet.Ballots}[name == "motion options"]}); !errors.Is(err, sheet.ErrHeader) {
			t.Errorf("%s: %v", name, err)
		}
	}
	_, err := sheet.Read(rule, [][]string{{"项目", "票数"}, {"甲", "7"}, {"乙", "abc"}, {"投票人数", "5"}}, sheet.Options{})
	var se *sheet.Error
	if !errors.As(err, &se) || len(se.Rows) != 1 || se.Rows[0].Row != 3 {
		t.Errorf("bad count: %v", err)
	}
	_, err = sheet.Read(rule, [][]string{{"项目", "票数"}, {"甲", "7"}, {"投票人数", "5"}}, sheet.Options{})
	if !errors.As(err, &se) || !strings.Contains(se.Error(), "only 5 ballots cast") {
		t.Errorf("more votes than ballots: %v", err)
	}
}

func itoa(n int64) string { return decimal.NewFromInt(n).String() }

// A count or an area with a comma out of place ("1,2", a decimal comma or a
// typo) is refused, not read as 12; thousands separators still read.
func TestNumbersWithSeparators(t *testing.T) {
	rule := vote.ProjectPriorities()
	_, err := sheet.Read(rule, [][]string{{"项目", "票数"}, {"甲", "1,2"}, {"乙", "3"}, {"投票人数", "20"}}, sheet.Options{})
	var se *sheet.Error
	if !errors.As(err, &se) || len(se.Rows) != 1 || se.Rows[0].Row != 2 {
		t.Errorf("count 1,2: %v", err)
	}
	res, _ := tally(t, rule, [][]string{{"项目", "票数"}, {"甲", "1,200"}, {"投票人数", "1，500"}}, sheet.Options{})
	if votes(res)["甲"] != 1200 || res.Cast != 1500 {
		t.Errorf("1,200 of 1，500: %s", res.Explain())
	}
	head := []string{"房号", "业主姓名", "专有部分面积（㎡）", "表决意见"}
	for _, a := range []string{"56,30", "1e5", "1,23.5", "12,3456"} {
		_, err := sheet.Read(vote.OwnersSpecial(), [][]string{head, {"1", "王", a, "同意"}, {"2", "李", "60", "反对"}}, sheet.Options{})
		if !errors.As(err, &se) || len(se.Rows) != 1 || se.Rows[0].Row != 2 {
			t.Errorf("area %q: %v", a, err)
		}
	}
	s, err := sheet.Read(vote.OwnersSpecial(), [][]string{head, {"1", "王", "1,234.5", "同意"}, {"2", "李", "60", "反对"}}, sheet.Options{})
	i := slices.IndexFunc(s.Poll.Voters, func(v vote.Voter) bool { return v.ID == "王" })
	if err != nil || i < 0 || s.Poll.Voters[i].Weight.String() != "1234.5" {
		t.Errorf("area 1,234.5: %v %+v", err, s.Poll.Voters)
	}
}

// A motion's totals are rebuilt into ballots: totals too large to be a
// real vote are refused by row, not allocated until memory runs out.
func TestMotionCountsBounded(t *testing.T) {
	for name, rows := range map[string][][]string{
		"one huge":  {{"表决意见", "票数"}, {"同意", "9223372036854775807"}, {"反对", "1"}},
		"sum huge":  {{"表决意见", "票数"}, {"同意", "9000000"}, {"反对", "9000000"}},
		"max+1 row": {{"表决意见", "票数"}, {"同意", "10000001"}},
	} {
		_, err := sheet.Read(vote.ResidentsMeeting(), rows, sheet.Options{Eligible: 100})
		var se *sheet.Error
		if !errors.As(err, &se) || len(se.Rows) == 0 || se.Rows[0].Row < 2 {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// A households sheet with two area columns (建筑面积 before 专有部分面积)
// counted the first, the gross floor area; two columns of one role are
// now a header error naming both.
func TestHouseholdsTwoColumnsOfOneRole(t *testing.T) {
	for _, head := range [][]string{
		{"房号", "业主姓名", "建筑面积", "专有部分面积", "表决意见"},
		{"房号", "业主姓名", "专有部分面积", "面积", "表决意见"},
		{"房号", "业主姓名", "专有部分面积", "表决意见", "表决意见（第二项）"},
	} {
		_, err := sheet.Read(vote.OwnersSpecial(), [][]string{head, {"1", "王", "60", "50", "同意"}}, sheet.Options{})
		var he *sheet.HeaderError
		if !errors.As(err, &he) || !strings.Contains(he.Reason, "mean the same") {
			t.Errorf("%v: %v", head, err)
		}
	}
}

// A ballots sheet with two ballot-number columns (选票编号 and 编号)
// numbered the ballots from the first, silently; the number is what a
// voter looks up in the posted ballot list. Two columns of the ballot
// number, the voter or the choice, and a counts sheet with two columns of
// option names, are a header error naming both.
func TestBallotsTwoColumnsOfOneRole(t *testing.T) {
	for _, c := range []struct {
		rule vote.Rule
		rows [][]string
		want []string
	}{
		{vote.ProjectPriorities(), [][]string{{"选票编号", "编号", "甲", "乙"}, {"1", "7", "√", ""}}, []string{`"选票编号"`, `"编号"`, "ballot number"}},
		{vote.ProjectPriorities(), [][]string{{"代表", "投票人", "甲"}, {"王", "李", "√"}}, []string{`"代表"`, `"投票人"`, "voter"}},
		{vote.ResidentsMeeting(), [][]string{{"编号", "表决意见", "意见"}, {"1", "同意", "反对"}}, []string{`"表决意见"`, `"意见"`, "choice"}},
		{vote.ProjectPriorities(), [][]string{{"选项", "候选人", "票数"}, {"甲", "乙", "3"}, {"投票人数", "", "3"}}, []string{`"选项"`, `"候选人"`, "option name"}},
	} {
		_, err := sheet.Read(c.rule, c.rows, sheet.Options{Eligible: 10})
		var he *sheet.HeaderError
		if !errors.As(err, &he) {
			t.Errorf("%v: %v, want a HeaderError", c.rows[0], err)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(he.Reason, w) {
				t.Errorf("%v: %q does not say %s", c.rows[0], he.Reason, w)
			}
		}
	}
}

// The lines a clerk signs below the ballots (计票人, 监票人, the date) are
// not ballots: counted as blank ballots they raised the ballots cast from
// 46 to 48 and four projects fell under the 80 % line. They are bad rows
// naming the line; a numbered ballot without marks is still a blank ballot.
func TestFooterLines(t *testing.T) {
	ballots := readCSV(t, "annual-meeting-ballots.csv")
	blankCols := make([]string, len(ballots[0])-1)
	foot := func(rows [][]string, width int, lines ...string) [][]string {
		rows = slices.Clone(rows)
		rows = append(rows, make([]string, width))
		for _, l := range lines {
			rows = append(rows, append([]string{l}, make([]string, width-1)...))
		}
		return rows
	}
	signed := foot(ballots, len(ballots[0]), "计票人：张三", "监票人: 李四", "2025年12月6日", "２０２５／１２／６")
	_, err := sheet.Read(vote.ProjectPriorities(), signed, sheet.Options{})
	var se *sheet.Error
	if !errors.As(err, &se) {
		t.Fatalf("signed ballots sheet: %v", err)
	}
	var got []string
	for _, r := range se.Rows {
		got = append(got, itoa(int64(r.Row))+" "+string(r.Code)+" "+strings.Join(r.Args, ","))
	}
	want := []string{"50 footer-line 计票人：张三", "51 footer-line 监票人: 李四", "52 footer-line 2025年12月6日", "53 footer-line ２０２５／１２／６"}
	if !slices.Equal(got, want) || !strings.Contains(se.Error(), "row 50 (选票编号): \"计票人：张三\" is a signature, date or remarks line") {
		t.Errorf("rows %q, want %q\n%v", got, want, err)
	}
	res, info := tally(t, vote.ProjectPriorities(), signed, sheet.Options{SkipBadRows: true})
	if res.Cast != 46 || len(res.Passed) != 6 || len(info.Skipped) != 4 {
		t.Errorf("skipping the footer: cast %d, passed %v, skipped %v", res.Cast, res.Passed, info.Skipped)
	}
	// A numbered ballot with no marks is a blank ballot: it is cast.
	withBlank := slices.Insert(slices.Clone(ballots), len(ballots)-1, append([]string{"47"}, blankCols...))
	if res, _ := tally(t, vote.ProjectPriorities(), withBlank, sheet.Options{}); res.Cast != 47 {
		t.Errorf("blank ballot 47: cast %d, want 47", res.Cast)
	}
	// A counts sheet would list the line as an option with no votes.
	counts := foot(readCSV(t, "annual-meeting-counts.csv"), 2, "计票人：张三", "2025-12-06")
	if _, err := sheet.Read(vote.ProjectPriorities(), counts, sheet.Options{}); !errors.As(err, &se) || len(se.Rows) != 2 || se.Rows[0].Code != sheet.RowFooterLine {
		t.Errorf("signed counts sheet: %v", err)
	}
	households := foot(readCSV(t, "elevator-households.csv"), 4, "备注：501、503为同一业主")
	if _, err := sheet.Read(vote.OwnersSpecial(), households, sheet.Options{}); !errors.As(err, &se) || len(se.Rows) != 1 || se.Rows[0].Code != sheet.RowFooterLine {
		t.Errorf("households sheet with a remark: %v", err)
	}
}

// Digits typed with a Chinese input method in full-width mode (４１, ５６．３０,
// a mark １) are the same numbers; they were refused as "not a whole number".
func TestFullWidthNumbers(t *testing.T) {
	res, _ := tally(t, vote.ProjectPriorities(), [][]string{{"项目", "票数"}, {"甲", "４１"}, {"乙", "１，２００"}, {"投票人数", "１５００"}}, sheet.Options{})
	if votes(res)["甲"] != 41 || votes(res)["乙"] != 1200 || res.Cast != 1500 {
		t.Errorf("full-width counts: %s", res.Explain())
	}
	res, _ = tally(t, vote.ProjectPriorities(), [][]string{{"选票编号", "甲", "乙"}, {"01", "１", ""}, {"02", "１", "１"}}, sheet.Options{})
	if votes(res)["甲"] != 2 || votes(res)["乙"] != 1 {
		t.Errorf("full-width marks: %v", votes(res))
	}
	head := []string{"房号", "业主姓名", "专有部分面积（㎡）", "表决意见"}
	s, err := sheet.Read(vote.OwnersSpecial(), [][]string{head, {"1", "王", "５６．３０㎡", "同意"}, {"2", "李", "60", "反对"}}, sheet.Options{})
	i := slices.IndexFunc(s.Poll.Voters, func(v vote.Voter) bool { return v.ID == "王" })
	if err != nil || i < 0 || s.Poll.Voters[i].Weight.String() != "56.3" {
		t.Errorf("area ５６．３０㎡: %v %+v", err, s.Poll.Voters)
	}
	// A full-width minus is still a negative count.
	var se *sheet.Error
	if _, err := sheet.Read(vote.ProjectPriorities(), [][]string{{"项目", "票数"}, {"甲", "－１"}, {"投票人数", "5"}}, sheet.Options{}); !errors.As(err, &se) {
		t.Errorf("count －１: %v", err)
	}
}

// A counts sheet read against a given option list (Options.Options) names
// the options by id or name; every row was refused as "not an option of the
// poll", because only a ballots sheet set the poll's options.
func TestCountsWithOptionList(t *testing.T) {
	opts := []vote.Option{{ID: "a", Name: "甲"}, {ID: "b", Name: "乙"}}
	s, err := sheet.Read(vote.ProjectPriorities(), [][]string{{"项目", "票数"}, {"甲", "3"}, {"b", "2"}, {"投票人数", "4"}}, sheet.Options{Options: opts})
	if err != nil {
		t.Fatal(err)
	}
	res, err := vote.Tally(s.Poll, s.Ballots)
	if err != nil || votes(res)["a"] != 3 || votes(res)["b"] != 2 || len(s.Poll.Options) != 2 {
		t.Errorf("%v: %v, options %v", err, votes(res), s.Poll.Options)
	}
	var se *sheet.Error
	if _, err := sheet.Read(vote.ProjectPriorities(), [][]string{{"项目", "票数"}, {"丙", "3"}, {"投票人数", "4"}}, sheet.Options{Options: opts}); !errors.As(err, &se) || se.Rows[0].Code != sheet.RowUnknownOption {
		t.Errorf("unknown option 丙: %v", err)
	}
}

// A sheet as wide as Excel allows is read (options are found by a map, not
// a scan per column: 16,384 columns took 18 s, a million never finished);
// a wider header is refused.
func TestWideSheet(t *testing.T) {
	wide := func(n int) [][]string {
		head, row := []string{"选票编号"}, []string{"01"}
		for i := range n - 1 {
			head = append(head, "p"+itoa(int64(i)))
			row = append(row, "")
		}
		row[1] = "1"
		return [][]string{head, row}
	}
	s, err := sheet.Read(vote.ProjectPriorities(), wide(sheet.MaxColumns), sheet.Options{})
	if err != nil || len(s.Poll.Options) != sheet.MaxColumns-1 || len(s.Ballots) != 1 {
		t.Fatalf("%d columns: %v", sheet.MaxColumns, err)
	}
	if _, err := vote.Tally(s.Poll, s.Ballots); err != nil {
		t.Fatal(err)
	}
	var he *sheet.HeaderError
	if _, err := sheet.Read(vote.ProjectPriorities(), wide(sheet.MaxColumns+1), sheet.Options{}); !errors.As(err, &he) || !strings.Contains(err.Error(), "at most 16384") {
		t.Errorf("%d columns: %v", sheet.MaxColumns+1, err)
	}
}

// A value in a column without a header was dropped without a word: a count
// typed with its thousands separator but without quotes (甲,1,234 counted 1
// vote, not 1,234) or a mark right of the last option. Such a row is bad,
// naming the column as the spreadsheet does; empty trailing columns are fine.
func TestUnheadedCells(t *testing.T) {
	var se *sheet.Error
	_, err := sheet.Read(vote.ProjectPriorities(), [][]string{{"项目", "票数"}, {"甲", "1", "234"}, {"乙", "500", ""}, {"投票人数", "2000"}}, sheet.Options{})
	if !errors.As(err, &se) || len(se.Rows) != 1 || se.Rows[0].Row != 2 || se.Rows[0].Code != sheet.RowUnheadedCell ||
		!slices.Equal(se.Rows[0].Args, []string{"C", "234"}) {
		t.Fatalf("甲,1,234: %v", err)
	}
	rows := [][]string{{"选票编号", "甲", "", "乙"}, {"1", "√", "", "", "√"}, {"2", "", "√", "√"}, {"3", "x", "", ""}, {"4", "√", "", "√"}}
	_, err = sheet.Read(vote.ProjectPriorities(), rows, sheet.Options{})
	var got []string
	if errors.As(err, &se) {
		for _, r := range se.Rows {
			got = append(got, itoa(int64(r.Row))+" "+string(r.Code)+" "+strings.Join(r.Args, ","))
		}
	}
	if want := []string{"2 unheaded-cell E,√", "3 unheaded-cell C,√", "4 ambiguous-mark x"}; !slices.Equal(got, want) {
		t.Errorf("marks in unnamed columns: %q, want %q (%v)", got, want, err)
	}
	s, err := sheet.Read(vote.ProjectPriorities(), rows, sheet.Options{SkipBadRows: true})
	if err != nil || len(s.Ballots) != 1 || len(s.Info.Skipped) != 3 {
		t.Errorf("skip: %v %d %v", err, len(s.Ballots), s.Info.Skipped)
	}
	res, _ := tally(t, vote.ProjectPriorities(), [][]string{{"选票编号", "甲", "乙", "", ""}, {"1", "√", "", "", ""}, {"2", "√", "√"}}, sheet.Options{})
	if votes(res)["甲"] != 2 || votes(res)["乙"] != 1 {
		t.Errorf("trailing empty columns: %v", votes(res))
	}
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA", 16383: "XFD"} {
		if got := sheet.ColumnLettersForTest(i); got != want {
			t.Errorf("column %d: %s, want %s", i, got, want)
		}
	}
}

// The ballot statistics under a sheet of totals (发出选票, 有效票, 无效票)
// were read as projects: 有效票 passed with 45 of 46 and became a priority,
// pushing 乙 out. They are statistics, checked against the ballots cast;
// invalid ballots cannot be rebuilt from totals and are refused.
func TestCountsBallotStatistics(t *testing.T) {
	res, info := tally(t, vote.ProjectPriorities(), [][]string{{"项目", "票数"}, {"发出选票", "50"}, {"收回选票", "46"}, {"有效票", "46"}, {"无效票", "0"}, {"甲", "41"}, {"乙", "38"}}, sheet.Options{})
	if len(res.Options) != 2 || !slices.Equal(res.Selected, []vote.OptionID{"甲", "乙"}) || res.Cast != 46 || info.Rows != 2 {
		t.Errorf("statistics as options: %s", res.Explain())
	}
	for name, tc := range map[string]struct {
		rows [][]string
		want []string
	}{
		"invalid":       {[][]string{{"项目", "票数"}, {"甲", "41"}, {"乙", "38"}, {"收回选票", "46"}, {"有效票", "45"}, {"无效票", "1"}}, []string{"6 invalid-in-counts 1"}},
		"valid too few": {[][]string{{"项目", "票数"}, {"甲", "41"}, {"投票人数", "46"}, {"有效票", "44"}}, []string{"4 stats-mismatch 有效票,44,46"}},
		"issued < cast": {[][]string{{"项目", "票数"}, {"发出选票", "40"}, {"甲", "41"}, {"投票人数", "46"}}, []string{"2 stats-mismatch 发出选票,40,≥ 46"}},
	} {
		_, err := sheet.Read(vote.ProjectPriorities(), tc.rows, sheet.Options{})
		var se *sheet.Error
		var got []string
		if errors.As(err, &se) {
			for _, r := range se.Rows {
				got = append(got, itoa(int64(r.Row))+" "+string(r.Code)+" "+strings.Join(r.Args, ","))
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %q, want %q (%v)", name, got, tc.want, err)
		}
	}
}

// A households sheet with the clerk's 合计 row below the units: the row was
// read as an unsold unit of the summed area, doubling the total area, and
// the decision became invalid for lack of participating area. It is a
// totals row, checked against the units above.
func TestHouseholdsTotalsRow(t *testing.T) {
	rows := readCSV(t, "elevator-households.csv")
	plain, _ := tally(t, vote.OwnersSpecial(), rows, sheet.Options{})
	summed := append(slices.Clone(rows), []string{"合计", "", "1,307.10", ""})
	res, _ := tally(t, vote.OwnersSpecial(), summed, sheet.Options{})
	if res.Digest != plain.Digest || res.Explain() != plain.Explain() {
		t.Errorf("with a 合计 row:\n%s\nwithout:\n%s", res.Explain(), plain.Explain())
	}
	summed[len(summed)-1][2] = "1234.56"
	_, err := sheet.Read(vote.OwnersSpecial(), summed, sheet.Options{})
	var se *sheet.Error
	if !errors.As(err, &se) || len(se.Rows) != 1 || se.Rows[0].Code != sheet.RowTotalsMismatch || !slices.Equal(se.Rows[0].Args, []string{"1234.56", "1307.1"}) {
		t.Errorf("wrong total: %v", err)
	}
}
