package ballotfile_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gongzhi/gongzhi/vote/ballotfile"
	"github.com/gongzhi/gongzhi/vote/pb"
	"github.com/gongzhi/gongzhi/vote/ranked"
)

const sampleBLT = `3 1
-3
4 1 2 3 0
(b2) 2 2 1 0
0
"Alice"
"Bob"
"Carol"
"Sample"
`

func TestReadBLT(t *testing.T) {
	e, err := ballotfile.ReadBLT(strings.NewReader(sampleBLT))
	if err != nil {
		t.Fatal(err)
	}
	want := ranked.Election{Title: "Sample", Seats: 1, Candidates: []string{"Alice", "Bob", "Carol"}, Withdrawn: []int{2},
		Ballots: []ranked.Ballot{{Weight: 4, Ranking: []int{0, 1}}, {Weight: 2, Ranking: []int{1, 0}}}}
	if d := cmp.Diff(want, e); d != "" {
		t.Errorf("(-want +got)\n%s", d)
	}
}

func TestErrorsNameTheLine(t *testing.T) {
	for _, tc := range []struct {
		name, format, in string
		line             int
		msg              string
	}{
		{"blt header", "blt", "x y\n", 1, "bad candidate or seat count"},
		{"blt unknown candidate", "blt", "2 1\n1 1 2 0\n1 3 0\n0\n\"A\"\n\"B\"\n", 3, "unknown candidate number \"3\""},
		{"blt repeat", "blt", "2 1\n1 1 1 0\n0\n\"A\"\n\"B\"\n", 2, "ranked twice"},
		{"blt unterminated", "blt", "2 1\n1 1 2\n0\n", 3, "expected 2 candidate names"},
		{"blt missing names", "blt", "2 1\n1 1 0\n0\n\"A\"\n", 4, "expected 2 candidate names"},
		{"blt negative rank", "blt", "2 1\n1 1 -2 0\n0\n\"A\"\n\"B\"\n", 2, "negative ranking"},
		{"blt name after title", "blt", "2 1\n1 1 2 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"Title\"\n", 7, "after the title"},
		{"blt trailing garbage", "blt", "2 1\n1 1 2 0\n0\nA\nB\nTitle\n1 2 0\n", 7, "after the title"},
		{"csv repeated id", "csv", "id,id,r1\n1,7,A\n", 1, "repeats the id header"},
		{"pb second votes", "pb", "META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\np1;5\nVOTES\nvoter_id;vote\n1;p1\nVOTES\nvoter_id;vote\n2;p1\n", 10, "second VOTES section (the first is at line 7)"},
		{"pb second meta", "pb", "META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\np1;5\nMETA\nkey;value\nbudget;99\n", 7, "second META section (the first is at line 1)"},
		{"pb repeated voter", "pb", "META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\np1;5\nVOTES\nvoter_id;vote\nv1;p1\nv2;p1\n\"v1\";p1\n", 11, "voter_id \"v1\" repeated (first at line 9)"},
		{"pb repeated voter after blank and multi-line records", "pb", "META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\np1;5\nVOTES\nvoter_id;vote\nz;p1\n\n\"q\nr\";p1\nb;p1\n\nb;p1\n", 15, "voter_id \"b\" repeated (first at line 13)"},
		{"pb repeated voter in order", "pb", "META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\np1;5\nVOTES\nvoter_id;vote\nv1;p1\nv2;p1\nv2;p1\nv3;p1\n", 11, "voter_id \"v2\" repeated (first at line 10)"},
		{"pb meta key twice", "pb", "META\nkey;value\nbudget;10\nbudget;20\n", 4, "given twice with different values (first at line 3)"},
		{"pb project twice on a ballot", "pb", "META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\np1;5\nVOTES\nvoter_id;vote\nv1;p1,p1\n", 9, "lists project \"p1\" twice"},
		{"pb bad max_length", "pb", "META\nkey;value\nbudget;10\nmax_length;three\nPROJECTS\nproject_id;cost\np1;5\n", 4, "max_length"},
		{"pb no budget", "pb", "META\nkey;value\nvote_type;approval\nPROJECTS\nproject_id;cost\n", 4, "META lacks the budget"},
		{"pb bad cost", "pb", "META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\np1;ten\n", 6, "bad cost"},
		{"pb unknown project", "pb", "META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\np1;5\nVOTES\nvoter_id;vote\nv1;p1,p9\n", 9, "unknown project \"p9\""},
		{"pb field count", "pb", "META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\np1;5;x\n", 6, "3 fields"},
		{"pb no header", "pb", "budget;10\n", 1, "section header"},
		{"csv unknown weight", "csv", "id,weight,r1\nb1,two,A\n", 2, "bad weight"},
		{"csv field count", "csv", "r1,r2\nA,B\nA\n", 3, "1 fields"},
		{"jsonl bad field", "jsonl", "{\"ranking\":[\"A\"]}\n{\"rank\":[\"A\"]}\n", 2, "unknown field"},
		{"jsonl unknown candidate", "jsonl", "{\"candidates\":[\"A\"]}\n\n{\"ranking\":[\"B\"]}\n", 3, "unknown candidate \"B\""},
		{"jsonl weight", "jsonl", "{\"ranking\":[\"A\"],\"weight\":0}\n", 1, "not positive"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := decode(tc.format, []byte(tc.in))
			var pe *ballotfile.ParseError
			if !errors.As(err, &pe) || !errors.Is(err, ballotfile.ErrSyntax) {
				t.Fatalf("got %v, want a *ParseError", err)
			}
			if pe.Line != tc.line || !strings.Contains(pe.Msg, tc.msg) || pe.Format != tc.format {
				t.Errorf("got %q (line %d), want line %d containing %q", err, pe.Line, tc.line, tc.msg)
			}
		})
	}
}

func decode(format string, data []byte) error {
	var err error
	switch format {
	case "blt":
		_, err = ballotfile.ReadBLT(bytes.NewReader(data))
	case "pb":
		_, err = ballotfile.ReadPB(bytes.NewReader(data))
	case "csv":
		_, err = ballotfile.ReadCVR(bytes.NewReader(data), ballotfile.CVROptions{})
	case "jsonl":
		_, err = ballotfile.ReadJSONL(bytes.NewReader(data), nil)
	}
	return err
}

func TestReadCVRBallotRules(t *testing.T) {
	// Minneapolis-style ranks: a BOM, Chinese headers, an overvote, skipped
	// ranks and a repeated candidate.
	in := "\uFEFF选票编号,第一选择,第二选择,第三选择\n" +
		"1,张三,李四,\n" +
		"2,overvote,李四,王五\n" +
		"3,,,张三\n" +
		"4,王五,王五,张三\n" +
		"5,张三|李四,王五,\n" +
		"6,张三,李四,undervote\n"
	for _, tc := range []struct {
		name string
		opts ballotfile.CVROptions
		want []ranked.Ballot
	}{
		{"defaults", ballotfile.CVROptions{}, []ranked.Ballot{
			{Weight: 2, Ranking: []int{0, 1}}, {Weight: 2, Ranking: nil}, {Weight: 1, Ranking: []int{0}}, {Weight: 1, Ranking: []int{2, 0}},
		}},
		{"minneapolis", ballotfile.CVROptions{Overvote: ballotfile.SkipOvervote, MaxSkips: 1}, []ranked.Ballot{
			{Weight: 2, Ranking: []int{0, 1}}, {Weight: 1, Ranking: []int{1, 2}}, {Weight: 1, Ranking: nil}, {Weight: 1, Ranking: []int{2, 0}}, {Weight: 1, Ranking: []int{2}},
		}},
		{"exhaust on duplicate", ballotfile.CVROptions{ExhaustOnDuplicate: true}, []ranked.Ballot{
			{Weight: 2, Ranking: []int{0, 1}}, {Weight: 2, Ranking: nil}, {Weight: 1, Ranking: []int{0}}, {Weight: 1, Ranking: []int{2}},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, err := ballotfile.ReadCVR(strings.NewReader(in), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff([]string{"张三", "李四", "王五"}[:len(e.Candidates)], e.Candidates); d != "" {
				t.Errorf("candidates (-want +got)\n%s", d)
			}
			norm := func(bs []ranked.Ballot) map[string]int64 {
				m := map[string]int64{}
				for _, b := range bs {
					var k []string
					for _, c := range b.Ranking {
						k = append(k, e.Candidates[c])
					}
					m[strings.Join(k, ">")] += b.Weight
				}
				return m
			}
			if d := cmp.Diff(norm(tc.want), norm(e.Ballots)); d != "" {
				t.Errorf("ballots (-want +got)\n%s", d)
			}
		})
	}
}

func TestReadJSONL(t *testing.T) {
	in := `{"title":"居委会","seats":1,"candidates":["张三","李四"]}
{"id":"b1","ranking":["李四","张三"],"weight":3}

{"scores":{"张三":5}}
`
	e, err := ballotfile.ReadJSONL(strings.NewReader(in), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := ranked.Election{Title: "居委会", Seats: 1, Candidates: []string{"张三", "李四"}, Ballots: []ranked.Ballot{
		{Weight: 3, Ranking: []int{1, 0}}, {Weight: 1, Scores: []int64{5}, Scored: []int{0}},
	}}
	if d := cmp.Diff(want, e); d != "" {
		t.Errorf("(-want +got)\n%s", d)
	}
}

func TestReadPBVoteTypes(t *testing.T) {
	in := "META\nkey;value\nbudget;100.50\nvote_type;cumulative\nPROJECTS\nproject_id;cost;name\n" +
		"a;50;\"Park; benches\"\nb;60.25;Library\nVOTES\nvoter_id;vote;points\n1;a,b;2,1\n2;b;3\n"
	in2, err := ballotfile.ReadPB(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if in2.VoteType != pb.Cumulative || in2.Budget.String() != "100.5" || in2.Projects[0].Name != "Park; benches" {
		t.Errorf("got %+v", in2)
	}
	if d := cmp.Diff([]pb.Ballot{{Voter: "1", Projects: []int{0, 1}, Points: []int64{2, 1}}, {Voter: "2", Projects: []int{1}, Points: []int64{3}}}, in2.Ballots); d != "" {
		t.Errorf("(-want +got)\n%s", d)
	}
}

func TestFormatOf(t *testing.T) {
	for name, want := range map[string]ballotfile.Format{"a.BLT": ballotfile.BLT, "x/y.pb": ballotfile.PB, "c.csv": ballotfile.CSV, "d.ndjson": ballotfile.JSONL} {
		if got, err := ballotfile.FormatOf(name); err != nil || got != want {
			t.Errorf("FormatOf(%q) = %q, %v", name, got, err)
		}
	}
	if _, err := ballotfile.FormatOf("ballots.xlsx"); err == nil {
		t.Error("xlsx accepted")
	}
}
