package pb_test

import (
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/gongzhi/gongzhi/vote"
	"github.com/gongzhi/gongzhi/vote/ballotfile"
	"github.com/gongzhi/gongzhi/vote/pb"
)

// readPBGz reads a gzipped pabulib file.
func readPBGz(t *testing.T, path string) pb.Instance {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	in, err := ballotfile.ReadPB(z)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return in
}

// official returns the projects pabulib marks selected = 1 (the first
// stage of the official count), sorted.
func official(in pb.Instance) []string {
	var out []string
	for _, p := range in.Projects {
		if p.Fields["selected"] == "1" {
			out = append(out, p.ID)
		}
	}
	slices.Sort(out)
	return out
}

// TestCityRulesReproduceOfficialSelections: each city preset reproduces
// the official selection of every file of its city-year (exceptions are
// listed, with the reason in testdata/elections/SOURCES.md), while plain
// greedy misses some.
func TestCityRulesReproduceOfficialSelections(t *testing.T) {
	for _, tc := range []struct {
		dir        string
		rule       func(pb.Instance) pb.Rule
		files      int
		greedyMiss int      // files plain greedy gets wrong
		exceptions []string // files no published rule explains
	}{
		{"pb_poznan_2023", func(pb.Instance) pb.Rule { return pb.PoznanDistrict2023() }, 15, 10, nil},
		{"pb_gdynia_2020", func(in pb.Instance) pb.Rule {
			if strings.HasSuffix(in.Meta["subunit"], "| small") {
				return pb.GdyniaSmall2020()
			}
			return pb.GdyniaLarge2020()
		}, 42, 23, []string{"poland_gdynia_2020_orlowo-small.pb.gz"}},
		{"pb_wroclaw_2018", func(pb.Instance) pb.Rule { return pb.Wroclaw2018() }, 30, 1, nil},
		{"pb_katowice_2020", func(pb.Instance) pb.Rule { return pb.Katowice2020() }, 23, 8, nil},
		{"pb_katowice_2021", func(pb.Instance) pb.Rule { return pb.Katowice2020() }, 23, 6, nil},
		{"pb_lodz_2020", func(pb.Instance) pb.Rule { return pb.Lodz2020() }, 36, 1, nil},
		{"pb_lodz_2022", func(pb.Instance) pb.Rule { return pb.Lodz2020() }, 36, 1, nil},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			files, _ := filepath.Glob(filepath.Join(elections, tc.dir, "*.pb.gz"))
			if len(files) != tc.files {
				t.Fatalf("%d files, want %d", len(files), tc.files)
			}
			miss := 0
			for _, f := range files {
				in := readPBGz(t, f)
				want := official(in)
				plain, err := pb.Tally(pb.GreedyByVotes(), in)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(sorted(plain.Winners), want) {
					miss++
				}
				res, err := pb.Tally(tc.rule(in), in)
				if err != nil {
					t.Fatal(err)
				}
				got := sorted(res.Winners)
				if slices.Contains(tc.exceptions, filepath.Base(f)) {
					if slices.Equal(got, want) {
						t.Errorf("%s: listed as unexplained but reproduced", filepath.Base(f))
					}
					continue
				}
				if !slices.Equal(got, want) {
					extra, missing := diff(got, want)
					t.Errorf("%s: +%q -%q", filepath.Base(f), extra, missing)
				}
				if res.Cost.GreaterThan(in.Budget) {
					t.Errorf("%s: cost %s over %s", filepath.Base(f), res.Cost, in.Budget)
				}
			}
			if miss != tc.greedyMiss {
				t.Errorf("plain greedy misses %d files, want %d", miss, tc.greedyMiss)
			}
		})
	}
}

// TestGreedyVariants: the stopping rule, the minimum score and the pool
// on a small budget, through the JSON config, and their config errors.
func TestGreedyVariants(t *testing.T) {
	d := decimal.NewFromInt
	in := pb.Instance{VoteType: pb.Approval, Budget: d(100), Projects: []pb.Project{
		{ID: "a", Cost: d(60)}, {ID: "b", Cost: d(50)}, {ID: "c", Cost: d(10)},
	}}
	// Votes: a 4, b 3, c 2.
	for v, ps := range [][]int{{0, 1, 2}, {0, 1, 2}, {0, 1}, {0}} {
		in.Ballots = append(in.Ballots, pb.Ballot{Voter: string(rune('w' + v)), Projects: ps})
	}
	for _, tc := range []struct {
		json, want, reason string
	}{
		{`{"method":"greedy"}`, "[a c]", "skipped: cost 50 > 40 left"},
		{`{"method":"greedy","stop_at_first_misfit":true}`, "[a]", "the list stops here"},
		{`{"method":"greedy","min_score":3}`, "[a]", "below the minimum score 3"},
		{`{"method":"greedy","pool":{"num":1,"den":2}}`, "[b]", "skipped: cost 60 > 50 left"},
	} {
		r, err := pb.ParseRule([]byte(tc.json))
		if err != nil {
			t.Fatal(err)
		}
		res, err := pb.Tally(r, in)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(res.Winners); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.json, got, tc.want)
		}
		if tc.reason != "" && !strings.Contains(res.Explain(), tc.reason) {
			t.Errorf("%s: explanation lacks %q:\n%s", tc.json, tc.reason, res.Explain())
		}
	}
	for _, bad := range []string{
		`{"method":"greedy","min_score":-1}`,
		`{"method":"mes","stop_at_first_misfit":true}`,
		`{"method":"greedy","pool":{"num":3,"den":2}}`,
		`{"method":"greedy","pool":{"num":1,"den":0}}`,
	} {
		var ce *vote.ConfigError
		if _, err := pb.ParseRule([]byte(bad)); !errors.As(err, &ce) {
			t.Errorf("%s: %v, want a *vote.ConfigError", bad, err)
		}
	}
}
