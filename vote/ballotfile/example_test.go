package ballotfile_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/gongzhi/gongzhi/vote/ballotfile"
	"github.com/gongzhi/gongzhi/vote/pb"
	"github.com/gongzhi/gongzhi/vote/ranked"
)

func ExampleReadBLT() {
	e, err := ballotfile.ReadBLT(strings.NewReader(sampleBLT))
	fmt.Println(e.Title, e.Candidates, e.Seats, len(e.Ballots), err)
	_, err = ballotfile.ReadBLT(strings.NewReader("2 1\n1 1 4 0\n0\n\"A\"\n\"B\"\n"))
	fmt.Println(err)
	// Output:
	// Sample [Alice Bob Carol] 1 2 <nil>
	// blt: line 2: unknown candidate number "4"
}

// Cast-vote records with Chinese headers and a byte-order mark, counted
// under Minneapolis-style ballot rules.
func ExampleReadCVR() {
	csv := "\uFEFF选票编号,第一选择,第二选择,第三选择\n" +
		"1,张三,李四,\n2,overvote,李四,王五\n3,王五,,张三\n4,李四,张三,\n"
	e, _ := ballotfile.ReadCVR(strings.NewReader(csv), ballotfile.CVROptions{Overvote: ballotfile.SkipOvervote, MaxSkips: 1})
	res, _ := ranked.Tally(ranked.Rule{Method: ranked.IRV}, e)
	fmt.Println(e.Candidates, res.Winners)
	// Output: [张三 李四 王五] [李四]
}

// A council ward file as published: names with the party in spreadsheet
// doubled quotes and a title without quotes. The tolerant reader accepts
// it and says what it accepted; strict mode refuses it.
func ExampleRead() {
	blt := "3 1\n4 1 2 0\n3 2 3 0\n2 3 0\n0\n" +
		"\"Neil ALEXANDER \"\"Scottish Liberal Democrats\"\"\"\n" +
		"\"Amber DUNBAR \"\"Scottish Conservative and Unionist\"\"\"\n" +
		"\"Graham JARVIS \"\"Independent\"\"\"\n" +
		"Ward 6 - Elgin City North\n"
	f, err := ballotfile.Read(strings.NewReader(blt), ballotfile.BLT, ballotfile.Options{})
	fmt.Println(f.Election.Candidates[1], "|", f.Election.Parties[1], "|", f.Election.Title, err)
	for _, d := range f.Deviations {
		fmt.Println(d)
	}
	_, err = ballotfile.Read(strings.NewReader(blt), ballotfile.BLT, ballotfile.Options{Strict: true})
	fmt.Println(err)
	// Output:
	// Amber DUNBAR | Scottish Conservative and Unionist | Ward 6 - Elgin City North <nil>
	// line 6: name and party in spreadsheet doubled quotes (spreadsheet-quotes, 3 lines): "Neil ALEXANDER ""Scottish Liberal Democ...
	// line 9: title without quotes (unquoted-title): Ward 6 - Elgin City North
	// blt: strict: 2 deviation(s) from the format, accepted without --strict:
	//   line 6: name and party in spreadsheet doubled quotes (spreadsheet-quotes, 3 lines): "Neil ALEXANDER ""Scottish Liberal Democ...
	//   line 9: title without quotes (unquoted-title): Ward 6 - Elgin City North
}

// Writing a BLT file back: the party goes beside the name, and the title
// gets its quotes.
func ExampleWriteBLT() {
	e := ranked.Election{Title: "Ward 6", Seats: 1, Candidates: []string{"Neil ALEXANDER", "Graham JARVIS"},
		Parties: []string{"Scottish Liberal Democrats", ""}, Ballots: []ranked.Ballot{{Weight: 4, Ranking: []int{0, 1}}, {Weight: 3, Ranking: []int{1}}}}
	_ = ballotfile.WriteBLT(os.Stdout, e)
	// Output:
	// 2 1
	// 4 1 2 0
	// 3 2 0
	// 0
	// "Neil ALEXANDER ""Scottish Liberal Democrats"""
	// "Graham JARVIS"
	// "Ward 6"
}

// A participatory budget counted greedily and written back in pabulib
// format with the selected column filled from the result.
func ExampleWithSelected() {
	in, _ := ballotfile.ReadPB(strings.NewReader("META\nkey;value\nbudget;100\nPROJECTS\nproject_id;cost;name\n" +
		"p1;60;Playground\np2;50;\"Benches; lights\"\np3;30;Library\nVOTES\nvoter_id;vote\n1;p1,p3\n2;p1\n3;p2,p3\n"))
	res, _ := pb.Tally(pb.GreedyByVotes(), in)
	out, _ := ballotfile.WithSelected(in, res.Winners)
	_ = ballotfile.WritePB(os.Stdout, out)
	// Output:
	// META
	// key;value
	// budget;100
	// vote_type;approval
	// num_projects;3
	// num_votes;3
	// PROJECTS
	// project_id;cost;name;selected
	// p1;60;Playground;1
	// p2;50;"Benches; lights";0
	// p3;30;Library;1
	// VOTES
	// voter_id;vote
	// 1;p1,p3
	// 2;p1
	// 3;p2,p3
}

// The round table of an instant-runoff count, as a clerk posts it.
func ExampleWriteRoundsCSV() {
	e, _ := ballotfile.ReadBLT(strings.NewReader("3 1\n4 1 0\n3 2 1 0\n2 3 2 0\n0\n\"Ann\"\n\"Bo\"\n\"Cy\"\n\"Chair\"\n"))
	res, _ := ranked.Tally(ranked.Rule{Method: ranked.IRV}, e)
	_ = ballotfile.WriteRoundsCSV(os.Stdout, res)
	// Output:
	// candidate,round 1,round 2
	// Ann,4,4
	// Bo,3,5
	// Cy,2,
	// exhausted,0,0
	// threshold,5,5
	// elected,,Bo
	// eliminated,Cy,
}
