package pb_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/gongzhi/gongzhi/vote"
	"github.com/gongzhi/gongzhi/vote/pb"
)

// district is a published district result: its budget and, for each
// project in the file's order, the cost, the votes (points for cumulative
// ballots) and whether it was officially selected (pabulib selected = 1).
type district struct {
	name     string
	budget   int64
	points   bool // cumulative ballots: the tally is points
	projects []published
}

type published struct {
	id       string
	cost     int64
	votes    int64
	selected bool
}

// instance rebuilds the district as ballots: greedy depends only on each
// project's total, so every vote (point) of the published table is cast
// on a ballot of its own.
func (d district) instance() pb.Instance {
	in := pb.Instance{VoteType: pb.Approval, Budget: decimal.NewFromInt(d.budget), Meta: map[string]string{"subunit": d.name}}
	if d.points {
		in.VoteType = pb.Cumulative
	}
	for i, p := range d.projects {
		in.Projects = append(in.Projects, pb.Project{ID: p.id, Cost: decimal.NewFromInt(p.cost)})
		switch {
		case d.points && p.votes > 0:
			in.Ballots = append(in.Ballots, pb.Ballot{Voter: p.id, Projects: []int{i}, Points: []int64{p.votes}})
		case !d.points:
			for v := range p.votes {
				in.Ballots = append(in.Ballots, pb.Ballot{Voter: fmt.Sprint(p.id, "/", v), Projects: []int{i}})
			}
		}
	}
	return in
}

func (d district) official() []string {
	var out []string
	for _, p := range d.projects {
		if p.selected {
			out = append(out, p.id)
		}
	}
	slices.Sort(out)
	return out
}

// Published district results (pabulib files of COMSOC-Community/pabutools
// tests/pabulib/All at 33b85752, PROJECTS section), one for each city rule
// where plain greedy differs from the official selection. The rules were
// checked on every file of their city-year (testdata/elections/SOURCES.md).
var (
	poznan13 = district{"Poznań 2023, 13 Jeżyce, Św. Łazarz", 1310000, false, []published{
		{"XIII.4", 800000, 6346, true}, {"XIII.14", 400000, 1334, true}, {"XIII.11", 800000, 951, false}, {"XIII.9", 800000, 895, false}, {"XIII.13", 150000, 821, false}, {"XIII.7", 800000, 708, false}, {"XIII.12", 172000, 632, false}, {"XIII.2", 15000, 498, false}, {"XIII.3", 497480, 492, false}, {"XIII.5", 305600, 478, false}, {"XIII.6", 800000, 441, false}, {"XIII.8", 497480, 413, false}, {"XIII.1", 315000, 264, false}, {"XIII.10", 220000, 198, false}}}
	kamiennaSmall = district{"Kamienna Góra | small", 190170, false, []published{
		{"3", 8500, 322, true}, {"2", 9964, 172, true}, {"1", 5995, 152, false}}}
	kamiennaLarge = district{"Kamienna Góra | large", 190170, false, []published{
		{"2", 105755, 353, true}, {"3", 118375, 204, false}, {"1", 61300, 127, false}}}
	orlowoSmall = district{"Orłowo | small", 376020, false, []published{
		{"8", 9990, 269, true}, {"7", 4600, 216, true}, {"1", 9450, 207, true}, {"6", 10000, 64, true}, {"2", 5995, 43, false}, {"5", 10000, 42, false}, {"3", 10000, 27, false}, {"4", 10000, 23, false}}}
	wroclawCultural = district{"Wrocław 2018, cultural", 250000, false, []published{
		{"3", 100000, 4349, false}, {"75", 100000, 3569, false}, {"76", 100000, 1239, false}, {"219", 100000, 1469, false}, {"345", 100000, 693, false}, {"347", 50000, 1886, false}, {"365", 100000, 1811, false}, {"371", 100000, 2056, false}, {"389", 40000, 1616, false}, {"413", 100000, 8646, true}, {"470", 6000, 814, false}, {"486", 100000, 1396, false}, {"496", 100000, 3700, false}, {"499", 100000, 1280, false}, {"507", 100000, 2790, false}, {"523", 30000, 1217, false}, {"636", 100000, 2684, false}, {"641", 100000, 7624, true}}}
	koszutka2020 = district{"Katowice 2020, Koszutka", 486714, true, []published{
		{"L12/01/VII", 115000, 424, true}, {"L12/02/VII", 265000, 613, true}, {"L12/03/VII", 235000, 556, false}, {"L12/04/VII", 112500, 103, false}, {"L12/05/VII", 10000, 20, false}, {"L12/06/VII", 17000, 188, false}, {"L12/07/VII", 96200, 534, true}, {"L12/08/VII", 138600, 316, false}, {"L12/09/VII", 110000, 331, false}, {"L12/10/VII", 276400, 277, false}, {"L12/11/VII", 50000, 0, false}, {"L12/12/VII", 53860, 0, false}, {"L12/13/VII", 77500, 76, false}, {"L12/14/VII", 275000, 0, false}, {"L12/15/VII", 292028, 121, false}, {"L12/16/VII", 20000, 114, false}, {"L12/17/VII", 115000, 0, false}}}
	zdrowieMania = district{"Łódź 2022, Zdrowie-Mania", 433000, false, []published{
		{"P123ZM", 140000, 206, true}, {"P113ZM", 20000, 97, true}, {"P171ZM", 5250, 74, true}, {"P200ZM", 28000, 70, true}, {"P194ZM", 264000, 70, false}, {"P199ZM", 200000, 68, true}, {"P132ZM", 24000, 59, true}, {"P197ZM", 52000, 57, false}, {"P108ZM", 80000, 49, false}, {"P164ZM", 40000, 49, false}, {"P042ZM", 15000, 36, false}, {"P103ZM", 10000, 31, false}, {"P041ZM", 231000, 24, false}, {"P196ZM", 7000, 20, false}}}
	lodzNr33 = district{"Łódź 2020, Nr 33", 411000, false, []published{
		{"W008NR", 320000, 106, true}, {"W014NR", 25000, 92, true}, {"W121NR", 195000, 77, false}, {"W127NR", 40000, 58, true}, {"W068NR", 10000, 21, false}}}
)

// TestCityRulesReproduceOfficialSelections: each city preset reproduces a
// published district selection that plain greedy gets wrong (and the one
// Gdynia selection no rule explains stays unexplained).
func TestCityRulesReproduceOfficialSelections(t *testing.T) {
	for _, tc := range []struct {
		d           district
		rule        pb.Rule
		unexplained bool
	}{
		{poznan13, pb.PoznanDistrict2023(), false},
		{kamiennaSmall, pb.GdyniaSmall2020(), false},
		{kamiennaLarge, pb.GdyniaLarge2020(), false},
		{orlowoSmall, pb.GdyniaSmall2020(), true},
		{wroclawCultural, pb.Wroclaw2018(), false},
		{koszutka2020, pb.Katowice2020(), false},
		{zdrowieMania, pb.Lodz2020(), false},
		{lodzNr33, pb.Lodz2020(), false},
	} {
		t.Run(tc.d.name, func(t *testing.T) {
			in := tc.d.instance()
			want := tc.d.official()
			plain, err := pb.Tally(pb.GreedyByVotes(), in)
			if err != nil {
				t.Fatal(err)
			}
			res, err := pb.Tally(tc.rule, in)
			if err != nil {
				t.Fatal(err)
			}
			got := sorted(res.Winners)
			if tc.unexplained {
				if slices.Equal(got, want) {
					t.Errorf("listed as unexplained but reproduced")
				}
				return
			}
			if slices.Equal(sorted(plain.Winners), want) {
				t.Errorf("plain greedy already reproduces %q", want)
			}
			if !slices.Equal(got, want) {
				extra, missing := diff(got, want)
				t.Errorf("+%q -%q", extra, missing)
			}
			if res.Cost.GreaterThan(in.Budget) {
				t.Errorf("cost %s over %s", res.Cost, in.Budget)
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
