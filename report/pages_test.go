package report_test

import (
	"context"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/catalog"
	"github.com/gongzhi/gongzhi/report"
	"github.com/gongzhi/gongzhi/sheet"
	"github.com/gongzhi/gongzhi/vote/ballotfile"
)

var update = flag.Bool("update", false, "rewrite the golden files")

type page struct {
	name string
	html []byte
}

func rows(t testing.TB, name string) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	out, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sheetOutcome(t testing.TB, preset string, seats int, file string, opts sheet.Options) catalog.Outcome {
	t.Helper()
	rule, err := catalog.Preset(preset, seats)
	if err != nil {
		t.Fatal(err)
	}
	out, err := catalog.CountSheet(rule, rows(t, file), opts)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func fileOutcome(t *testing.T, preset, file string, f ballotfile.Format) catalog.Outcome {
	t.Helper()
	rule, err := catalog.Preset(preset, 0)
	if err != nil {
		t.Fatal(err)
	}
	r, err := os.Open(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	out, err := catalog.Count(context.Background(), rule, catalog.Input{Format: f}, r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// outcomes counts one result of every kind a page shows.
func outcomes(t *testing.T) []struct {
	name string
	out  catalog.Outcome
	lang report.Lang
} {
	motion, err := catalog.CountSheet(mustPreset(t, "residents-meeting"),
		[][]string{{"表决意见", "票数"}, {"同意", "212"}, {"反对", "37"}, {"弃权", "11"}}, sheet.Options{Eligible: 480})
	if err != nil {
		t.Fatal(err)
	}
	return []struct {
		name string
		out  catalog.Outcome
		lang report.Lang
	}{
		{"project-priorities", sheetOutcome(t, "project-priorities", 0, "annual-meeting-ballots.csv", sheet.Options{}), report.Chinese},
		{"satisfaction", sheetOutcome(t, "satisfaction-survey", 0, "satisfaction-ballots.csv", sheet.Options{}), report.Chinese},
		{"owners-special", sheetOutcome(t, "owners-special", 0, "elevator-households.csv", sheet.Options{}), report.Chinese},
		{"owners-ordinary-en", sheetOutcome(t, "owners-ordinary", 0, "elevator-households.csv", sheet.Options{}), report.English},
		{"committee-election", sheetOutcome(t, "committee-election", 5, "committee-election.csv", sheet.Options{Eligible: 120}), report.Chinese},
		{"residents-meeting", motion, report.Chinese},
		{"irv-minneapolis", fileOutcome(t, "minneapolis-irv", "2017_minneapolis_mayor.blt", ballotfile.BLT), report.English},
		{"stv-scotland", fileOutcome(t, "scottish-stv", "cumbernauld_south_2012.blt", ballotfile.BLT), report.English},
		{"pb-greedy", fileOutcome(t, "greedy", "poland_katowice_2021_koszutka.pb", ballotfile.PB), report.English},
		{"pb-mes", fileOutcome(t, "mes", "poland_wieliczka_2023.pb", ballotfile.PB), report.Chinese},
	}
}

func mustPreset(t *testing.T, name string) catalog.Rule {
	t.Helper()
	r, err := catalog.Preset(name, 0)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// annualNotice is the 公示 of the annual meeting's project vote.
func annualNotice() *report.Notice {
	return &report.Notice{
		Issuer:     "双井街道某社区居民委员会",
		Body:       []string{"2025年12月5日，社区召开年度共治议事会，46名居民代表对6个候选实事项目进行票决（每人5票，每个项目至多1票），支持率超过80%的项目通过，得票最多的2个项目列为年度重点。现将结果公示如下。"},
		Posted:     time.Date(2025, 12, 8, 9, 0, 0, 0, calendar.China().Location()),
		Period:     calendar.Period{N: 5, Unit: calendar.WorkingDays},
		Calendar:   calendar.China(),
		Objections: "公示期内如有异议，请以书面形式向社区居民委员会反映，并写明理由和联系方式。",
	}
}

// pages renders every kind of page.
func pages(t *testing.T) []page {
	var out []page
	for _, o := range outcomes(t) {
		b, err := report.Page(o.out, report.PageOptions{Lang: o.lang})
		if err != nil {
			t.Fatalf("%s: %v", o.name, err)
		}
		out = append(out, page{o.name, b})
	}
	n := annualNotice()
	n.BallotList = true
	notice, err := report.Page(sheetOutcome(t, "project-priorities", 0, "annual-meeting-ballots.csv", sheet.Options{}), report.PageOptions{Notice: n})
	if err != nil {
		t.Fatal(err)
	}
	out = append(out, page{"notice-annual-meeting", notice})
	out = append(out, page{"tickets", ticketsPage(t, report.Chinese)})
	return out
}
