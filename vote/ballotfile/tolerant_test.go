package ballotfile_test

import (
	"errors"
	"os"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/gongzhi/gongzhi/vote/ballotfile"
	"github.com/gongzhi/gongzhi/vote/pb"
	"github.com/gongzhi/gongzhi/vote/ranked"
)

// readPublished reads testdata/published/name tolerantly, then strictly:
// the strict read must refuse it naming exactly the constructs the
// tolerant read reported.
func readPublished(t *testing.T, name string, opts ballotfile.Options) ballotfile.File {
	t.Helper()
	path := "testdata/published/" + name
	format, err := ballotfile.FormatOf(path)
	if err != nil {
		t.Fatal(err)
	}
	open := func() *os.File {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	file, err := ballotfile.Read(open(), format, opts)
	if err != nil {
		t.Fatalf("tolerant read: %v", err)
	}
	opts.Strict = true
	_, err = ballotfile.Read(open(), format, opts)
	var de *ballotfile.DeviationError
	switch {
	case len(file.Deviations) == 0 && err != nil:
		t.Fatalf("strict read of a file without deviations: %v", err)
	case len(file.Deviations) > 0 && !errors.As(err, &de):
		t.Fatalf("strict read: got %v, want a *DeviationError", err)
	case len(file.Deviations) > 0 && !cmp.Equal(de.Deviations, file.Deviations):
		t.Fatalf("strict read names %v, the tolerant read reported %v", de.Deviations, file.Deviations)
	}
	return file
}

func constructs(ds []ballotfile.Deviation) []ballotfile.Construct {
	var out []ballotfile.Construct
	for _, d := range ds {
		out = append(out, d.Construct)
	}
	slices.Sort(out)
	return out
}

func TestReadPublishedBLTLayouts(t *testing.T) {
	t.Run("unquoted names and title", func(t *testing.T) {
		f := readPublished(t, "ward_unquoted_names.blt", ballotfile.Options{})
		e := f.Election
		if e.Title != "Ward 9 Kildrum and Seafar" || e.Candidates[0] != "Morag ALLAN (Lab)" || e.Seats != 3 {
			t.Errorf("got title %q, candidates %q", e.Title, e.Candidates)
		}
		if d := cmp.Diff([]ballotfile.Construct{ballotfile.UnquotedName, ballotfile.UnquotedTitle}, constructs(f.Deviations)); d != "" {
			t.Errorf("deviations (-want +got)\n%s", d)
		}
		if f.Deviations[0].Line != 56 || f.Deviations[0].Count != 6 {
			t.Errorf("unquoted names reported as %v, want line 56, 6 lines", f.Deviations[0])
		}
	})
	t.Run("spreadsheet doubled quotes", func(t *testing.T) {
		f := readPublished(t, "ward_spreadsheet_quotes.blt", ballotfile.Options{})
		e := f.Election
		if e.Candidates[2] != "Jérémie FONTAINE" || e.Parties[2] != "Scottish National Party (SNP)" || e.Title != "Ward 3 - Elgin City South" {
			t.Errorf("got %q %q %q", e.Candidates, e.Parties, e.Title)
		}
		if d := cmp.Diff([]ballotfile.Construct{ballotfile.SpreadsheetQuotes, ballotfile.UnquotedTitle}, constructs(f.Deviations)); d != "" {
			t.Errorf("deviations (-want +got)\n%s", d)
		}
	})
	t.Run("ERS comments, BOM, CRLF, withdrawn, equal ranks", func(t *testing.T) {
		f := readPublished(t, "ers_comments_equal_ranks.blt", ballotfile.Options{})
		e := f.Election
		want := ranked.Election{
			Title:      "By-election, Ward 2 (test)",
			Candidates: []string{"Kate CAMPBELL", "Ross MACLEAN", "Eilidh MUNRO", "Sandy THOM"},
			Parties:    []string{"Scottish Conservative and Unionist", "Scottish Labour Party", "", "Independent"},
			Withdrawn:  []int{3},
			Seats:      2,
			Ballots: []ranked.Ballot{
				{Weight: 12, Ranking: []int{0, 1, 2}},
				{Weight: 9, Ranking: []int{1, 2, 0}, Equal: []bool{false, true, false}},
				{Weight: 7, Ranking: []int{2, 0, 1}, Equal: []bool{false, false, true}},
				{Weight: 5, Ranking: []int{1}},
				{Weight: 4, Ranking: []int{1, 2, 0}},
			},
		}
		if d := cmp.Diff(want, e); d != "" {
			t.Errorf("(-want +got)\n%s", d)
		}
		wantC := []ballotfile.Construct{ballotfile.BlankLine, ballotfile.BOM, ballotfile.CommentLine, ballotfile.CRLF, ballotfile.EqualRanks, ballotfile.SpreadsheetQuotes}
		if d := cmp.Diff(wantC, constructs(f.Deviations)); d != "" {
			t.Errorf("deviations (-want +got)\n%s", d)
		}
		// IRV refuses equal ranks; Schulze counts them; truncation reads
		// the ballots as the Scottish rules count them.
		if _, err := ranked.Tally(ranked.Rule{Method: ranked.IRV}, e); !errors.Is(err, ranked.ErrInvalidBallot) {
			t.Errorf("IRV on equal ranks: got %v", err)
		}
		if _, err := ranked.Tally(ranked.Rule{Method: ranked.Schulze}, e); err != nil {
			t.Errorf("Schulze on equal ranks: %v", err)
		}
		tr := readPublished(t, "ers_comments_equal_ranks.blt", ballotfile.Options{EqualRanks: ballotfile.TruncateAtEqualRanks}).Election
		if got := [][]int{tr.Ballots[1].Ranking, tr.Ballots[2].Ranking}; !cmp.Equal(got, [][]int{{}, {2}}) {
			t.Errorf("truncated rankings %v, want [] and [2]", got)
		}
		res, err := ranked.Tally(ranked.Rule{Method: ranked.STV, Seats: 2}, tr)
		if err != nil || len(res.Winners) != 2 {
			t.Errorf("STV on truncated ballots: %v %v", res.Winners, err)
		}
	})
	t.Run("OpenSTV and OpenTally extensions", func(t *testing.T) {
		f := readPublished(t, "openstv_extensions.blt", ballotfile.Options{})
		const A, B, C, D = 0, 1, 2, 3
		want := []ranked.Ballot{
			{Weight: 3, Ranking: []int{A, C, D}},
			{Weight: 4, Ranking: []int{A, C}},
			{Weight: 2, Ranking: []int{D, A, C}, Equal: []bool{false, false, true}},
			{Weight: 1, Ranking: []int{}},
			{Weight: 2, Ranking: []int{D, C, A}, Equal: []bool{false, true, false}}, // 2=4=3 1 without the withdrawn 2
			{Weight: 1, Ranking: []int{C, D}},
			{Weight: 1, Ranking: []int{D, A}},
		}
		if d := cmp.Diff(want, f.Election.Ballots, cmpopts.EquateEmpty()); d != "" || !slices.Equal(f.Election.Withdrawn, []int{B}) {
			t.Errorf("withdrawn %v, ballots (-want +got)\n%s", f.Election.Withdrawn, d)
		}
		wantC := []ballotfile.Construct{ballotfile.BallotWithoutZero, ballotfile.EqualRanks, ballotfile.SkippedRank, ballotfile.TrailingComment}
		if d := cmp.Diff(wantC, constructs(f.Deviations)); d != "" {
			t.Errorf("deviations (-want +got)\n%s", d)
		}
	})
	t.Run("equal ranks refused names the flag", func(t *testing.T) {
		f, err := os.Open("testdata/published/ers_comments_equal_ranks.blt")
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		_, err = ballotfile.Read(f, ballotfile.BLT, ballotfile.Options{EqualRanks: ballotfile.RefuseEqualRanks})
		var pe *ballotfile.ParseError
		if !errors.As(err, &pe) || pe.Line != 6 || pe.Flag == "" {
			t.Fatalf("got %v, want line 6 with the flag that accepts it", err)
		}
	})
}

func TestReadPublishedPBLayout(t *testing.T) {
	f := readPublished(t, "warszawa_style_meta_without_header.pb", ballotfile.Options{})
	in := f.Instance
	if in.Budget.String() != "1000.5" || in.Projects[0].Cost.String() != "450.25" || in.Projects[1].Cost.String() != "300" || in.Projects[0].Name != "Ławki; nowe" {
		t.Errorf("budget %s, projects %+v", in.Budget, in.Projects)
	}
	if in.Ballots[1].Voter != "2" || !slices.Equal(in.Ballots[1].Projects, []int{0, 2}) || len(in.Ballots[5].Projects) != 0 {
		t.Errorf("ballots %+v", in.Ballots)
	}
	wantC := []ballotfile.Construct{ballotfile.BlankLine, ballotfile.CommaDecimal, ballotfile.CRLF, ballotfile.ExtraWhitespace,
		ballotfile.MetaWithoutHeader, ballotfile.MissingFields, ballotfile.UnquotedSemicolon}
	if d := cmp.Diff(wantC, constructs(f.Deviations)); d != "" {
		t.Errorf("deviations (-want +got)\n%s", d)
	}
	info, err := in.Info()
	if err != nil {
		t.Fatal(err)
	}
	if in.Meta["description"] != "District PB; Bielany (layout of the Warszawa 2017-2018 files)" || len(in.Ballots) != 7 || in.Ballots[6].Voter != "7" {
		t.Errorf("description %q, %d ballots", in.Meta["description"], len(in.Ballots))
	}
	if *info.MaxLength != 3 || *info.MinLength != 1 || info.MaxSumCost.String() != "1000.5" || info.Subunit != "Bielany" ||
		info.Rule != "greedy" || info.Comment != "#1: projects of area-wide scope were pooled" || !slices.Equal(info.Unknown, []string{"koordynator"}) {
		t.Errorf("meta info %+v", info)
	}
	res, err := pb.Tally(pb.GreedyByVotes(), in)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"101", "102", "104"}; !slices.Equal(res.Winners, want) {
		t.Errorf("greedy selected %q, the file's selected column says %q", res.Winners, want)
	}
}

func TestReadPublishedCVRLayouts(t *testing.T) {
	t.Run("Minneapolis ES&S", func(t *testing.T) {
		// Precinct is not a rank; Count is the weight; undervote skips and
		// overvote exhausts, or skips under the Minneapolis rules.
		opts := ballotfile.Options{CVR: ballotfile.CVROptions{Overvote: ballotfile.SkipOvervote, MaxSkips: 1}}
		e := readPublished(t, "minneapolis_2017_mayor_cvr_sample.csv", opts).Election
		if slices.ContainsFunc(e.Candidates, func(c string) bool { return len(c) > 11 && c[:11] == "MINNEAPOLIS" }) {
			t.Fatalf("precincts read as candidates: %q", e.Candidates)
		}
		if e.TotalWeight() != 420 || !slices.Contains(e.Candidates, "UWI") {
			t.Errorf("%d ballots, candidates %q", e.TotalWeight(), e.Candidates)
		}
		b := ballotsOf(e)
		if b["Nekima Levy-Pounds > Gregg A. Iverson"] == 0 {
			t.Errorf("overvote at rank 1 not skipped: %v", b)
		}
	})
	t.Run("NYC style, one contest", func(t *testing.T) {
		f := readPublished(t, "nyc_style_cvr.csv", ballotfile.Options{})
		got := ballotsOf(f.Election)
		// Precinct and Ballot Style are not ranks; an overvote exhausts the
		// ballot (rows 2 and 6) and a repeated candidate is skipped (row 4).
		want := map[string]int64{
			"Maria Alvarez > Jonah Lee": 1, "Jonah Lee": 1, "Priya Shah > Maria Alvarez": 1,
			"Priya Shah > Jonah Lee": 1, "Write-in > Maria Alvarez": 1, "": 1,
			"Maria Alvarez > Priya Shah > Jonah Lee > Write-in": 1, "Jonah Lee > Maria Alvarez": 1,
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("ballots (-want +got)\n%s", d)
		}
	})
	t.Run("explicit column map", func(t *testing.T) {
		opts := ballotfile.Options{CVR: ballotfile.CVROptions{IDColumn: "Cast Vote Record", RankColumns: []string{"DEM Council Member Choice 1*", "DEM Council Member Choice 2*"}}}
		e := readPublished(t, "nyc_style_cvr.csv", opts).Election
		if b := ballotsOf(e); b["Maria Alvarez > Priya Shah"] != 1 || b["Priya Shah"] != 1 {
			t.Errorf("two ranks only: %v", b)
		}
		f, _ := os.Open("testdata/published/nyc_style_cvr.csv")
		defer f.Close()
		_, err := ballotfile.Read(f, ballotfile.CSV, ballotfile.Options{CVR: ballotfile.CVROptions{RankColumns: []string{"Mayor Choice*"}}})
		var pe *ballotfile.ParseError
		if !errors.As(err, &pe) || pe.Line != 1 || pe.Flag == "" {
			t.Errorf("unknown rank column: got %v, want line 1 with the flag", err)
		}
	})
}

// The layout of pabutools' own test files: lowercase section names, a
// PROJECTS header "name;cost" without project_id and VOTES with only a
// vote column.
func TestReadPBWithoutIDColumns(t *testing.T) {
	f := readPublished(t, "pabutools_minimal_layout.pb", ballotfile.Options{})
	in := f.Instance
	var ids, voters []string
	for _, p := range in.Projects {
		ids = append(ids, p.ID)
	}
	for _, b := range in.Ballots {
		voters = append(voters, b.Voter)
	}
	if !slices.Equal(ids, []string{"skwer", "lampy", "boisko"}) || !slices.Equal(voters, []string{"1", "2", "3"}) || in.Projects[0].Name != "skwer" {
		t.Errorf("projects %q, voters %q", ids, voters)
	}
	if d := cmp.Diff([]ballotfile.Construct{ballotfile.BlankLine, ballotfile.NoIDColumn}, constructs(f.Deviations)); d != "" {
		t.Errorf("deviations (-want +got)\n%s", d)
	}
	res, err := pb.Tally(pb.GreedyByVotes(), in)
	if err != nil || !slices.Equal(res.Winners, []string{"skwer", "lampy"}) {
		t.Errorf("greedy: %q %v", res.Winners, err)
	}
}
