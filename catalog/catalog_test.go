package catalog_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/catalog"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/sheet"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/vote"
	"github.com/gongzhi/gongzhi/vote/ballotfile"
	"github.com/gongzhi/gongzhi/vote/pb"
	"github.com/gongzhi/gongzhi/vote/ranked"
)

func TestEntriesDescribed(t *testing.T) {
	seen := map[string]bool{}
	kinds := map[catalog.Kind]int{}
	for _, e := range catalog.All() {
		if seen[e.Name] {
			t.Errorf("duplicate preset name %q", e.Name)
		}
		seen[e.Name] = true
		kinds[e.Kind]++
		if e.Name != strings.ToLower(e.Name) || strings.ContainsAny(e.Name, " _") {
			t.Errorf("%s: names are lower-case kebab", e.Name)
		}
		for field, v := range map[string]string{"title": e.Title, "title_zh": e.TitleZH, "summary": e.Summary, "summary_zh": e.SummaryZH, "source": e.Source} {
			if strings.TrimSpace(v) == "" || strings.Contains(v, "\n") {
				t.Errorf("%s: %s must be one non-empty line, got %q", e.Name, field, v)
			}
		}
		if e.Label != catalog.Verified && e.Label != catalog.Illustrative {
			t.Errorf("%s: label %q", e.Name, e.Label)
		}
		if e.Config(5) == nil {
			t.Errorf("%s: no config", e.Name)
		}
	}
	for _, k := range catalog.Kinds() {
		if kinds[k] == 0 {
			t.Errorf("no presets of kind %s", k)
		}
	}
}

// Every preset a package offers by name is in the catalogue with the same
// rule, so a preset added to a package cannot be missing from the list.
func TestPackagePresetsListed(t *testing.T) {
	for name, want := range ranked.Presets(3) {
		r, err := catalog.Preset(name, 3)
		if err != nil {
			t.Errorf("ranked preset %s: %v", name, err)
			continue
		}
		if diff := cmp.Diff(want, r.Ranked); diff != "" || r.Kind != catalog.KindRanked {
			t.Errorf("ranked preset %s differs (-package +catalog):\n%s", name, diff)
		}
	}
	for name, want := range pb.Presets() {
		r, err := catalog.Preset(name, 0)
		if err != nil {
			t.Errorf("pb preset %s: %v", name, err)
			continue
		}
		if diff := cmp.Diff(want, r.PB); diff != "" || r.Kind != catalog.KindPB {
			t.Errorf("pb preset %s differs (-package +catalog):\n%s", name, diff)
		}
	}
}

// Every counting preset validates, and its JSON form reads back to the
// same rule through ParseRule: "presets show" prints what tally accepts.
func TestPresetConfigsRoundTrip(t *testing.T) {
	for _, e := range catalog.All() {
		data, err := json.Marshal(e.Config(5))
		if err != nil {
			t.Fatalf("%s: %v", e.Name, err)
		}
		switch e.Kind {
		case catalog.KindSLA:
			if err := e.Config(0).(ticket.Policy).Validate(nil); err != nil {
				t.Errorf("%s: %v", e.Name, err)
			}
			continue
		case catalog.KindSharing:
			if _, err := project.ParseSharingRule(data); err != nil {
				t.Errorf("%s: %v", e.Name, err)
			}
			continue
		case catalog.KindObligation:
			if _, err := agenda.LoadObligations(strings.NewReader(string(data))); err != nil {
				t.Errorf("%s: %v", e.Name, err)
			}
			continue
		}
		r, err := catalog.ParseRule(data, 0)
		if err != nil {
			t.Errorf("%s: %s does not parse back: %v", e.Name, data, err)
			continue
		}
		if diff := cmp.Diff(e.Config(5), r.Config()); r.Kind != e.Kind || diff != "" {
			t.Errorf("%s: round trip (-want +got):\n%s", e.Name, diff)
		}
	}
}

func TestPresetErrors(t *testing.T) {
	if _, err := catalog.Preset("committee-election", 0); !errors.Is(err, catalog.ErrSeats) {
		t.Errorf("election without seats: %v", err)
	}
	if r, err := catalog.Preset("committee-election", 7); err != nil || r.Vote.Seats != 7 {
		t.Errorf("election with 7 seats: %+v, %v", r.Vote, err)
	}
	if _, err := catalog.Preset("area-split", 0); !errors.Is(err, catalog.ErrUnknown) {
		t.Errorf("sharing rule as counting rule: %v", err)
	}
	if _, err := catalog.Preset("nope", 0); !errors.Is(err, catalog.ErrUnknown) {
		t.Errorf("unknown: %v", err)
	}
	if _, err := catalog.ParseKind("polls"); !errors.Is(err, catalog.ErrUnknown) {
		t.Errorf("unknown kind: %v", err)
	}
	var ce *vote.ConfigError
	if _, err := catalog.ParseRule([]byte(`{"method":"plurality"}`), 0); !errors.As(err, &ce) || ce.Field != "method" || !strings.Contains(ce.Reason, "approval") {
		t.Errorf("unknown method: %v", err)
	}
	if _, err := catalog.ParseRule([]byte(`{"method":"stv","seat":4}`), 0); !errors.As(err, &ce) || ce.Field != "seat" {
		t.Errorf("unknown field: %v", err)
	}
}

func TestParseRuleDispatch(t *testing.T) {
	for cfg, want := range map[string]catalog.Kind{
		`{"method":"stv","seats":2}`:      catalog.KindRanked,
		`{"method":"mes"}`:                catalog.KindPB,
		`{"method":"approval","votes":5}`: catalog.KindVote,
		`{"method":"schulze"}`:            catalog.KindRanked,
		`{"method":"double-majority","matter":"rebuild","quorum":{"num":2,"den":3,"inclusive":true,"base":"eligible"},"threshold":{"num":3,"den":4,"inclusive":true}}`: catalog.KindVote,
	} {
		r, err := catalog.ParseRule([]byte(cfg), 0)
		if err != nil || r.Kind != want {
			t.Errorf("%s: kind %s, %v; want %s", cfg, r.Kind, err, want)
		}
	}
	r, _ := catalog.ParseRule([]byte(`{"method":"stv"}`), 4)
	if r.Ranked.Seats != 4 {
		t.Errorf("seats override: %d", r.Ranked.Seats)
	}
}

func TestCountVoteJSONL(t *testing.T) {
	rule, _ := catalog.Preset("project-priorities", 0)
	var sb strings.Builder
	for i := range 10 {
		marks := `{"option":"p1"},{"option":"p2"}`
		if i < 2 {
			marks = `{"option":"p3"}`
		}
		sb.WriteString(`{"id":"b` + string(rune('a'+i)) + `","marks":[` + marks + "]}\n")
	}
	out, err := catalog.Count(context.Background(), rule, catalog.Input{Format: ballotfile.JSONL}, strings.NewReader("\uFEFF"+sb.String()))
	if err != nil {
		t.Fatal(err)
	}
	// p1 and p2: 8/10 is not more than 4/5.
	if out.Vote == nil || len(out.Vote.Passed) != 0 || out.Vote.Cast != 10 {
		t.Fatalf("%+v", out.Vote)
	}
	if got := out.Winners(); len(got) != 0 {
		t.Errorf("winners %v", got)
	}
	_, err = catalog.Count(context.Background(), rule, catalog.Input{Format: ballotfile.JSONL}, strings.NewReader("{\"marks\":[{\"option\":\"p1\"}]}\n{\"marks\":[{\"option\":\"\"}]}\n"))
	var pe *ballotfile.ParseError
	if !errors.As(err, &pe) || pe.Line != 2 {
		t.Errorf("bad line: %v", err)
	}
	if _, err := catalog.Count(context.Background(), rule, catalog.Input{Format: ballotfile.BLT}, strings.NewReader("")); !errors.Is(err, catalog.ErrMismatch) {
		t.Errorf("blt under a vote rule: %v", err)
	}
}

// A count with no ballots announces no result: a sheet with only its
// header, an empty JSON Lines file, no ballots given.
func TestCountNoBallots(t *testing.T) {
	rule, _ := catalog.Preset("project-priorities", 0)
	if _, err := catalog.CountSheet(rule, [][]string{{"选票编号", "甲", "乙"}}, sheet.Options{}); !errors.Is(err, catalog.ErrNoBallots) {
		t.Errorf("header only: %v", err)
	}
	if _, err := catalog.Count(context.Background(), rule, catalog.Input{Format: ballotfile.JSONL}, strings.NewReader("")); !errors.Is(err, catalog.ErrNoBallots) {
		t.Errorf("empty JSON Lines: %v", err)
	}
	if _, err := catalog.CountBallots(rule, nil, nil); !errors.Is(err, catalog.ErrNoBallots) {
		t.Errorf("nil ballots: %v", err)
	}
	// Every row bad under SkipBadRows: the bad rows are the answer.
	_, err := catalog.CountSheet(rule, [][]string{{"选票编号", "甲", "乙"}, {"1", "x", ""}}, sheet.Options{SkipBadRows: true})
	var se *sheet.Error
	if !errors.As(err, &se) || len(se.Rows) != 1 {
		t.Errorf("all rows bad: %v", err)
	}
	elevator, _ := catalog.Preset("owners-special", 0)
	_, err = catalog.CountSheet(elevator, [][]string{{"房号", "业主", "专有部分面积", "表决意见"}, {"101", "甲", "-5", "同意"}}, sheet.Options{SkipBadRows: true})
	if !errors.As(err, &se) || len(se.Rows) != 1 {
		t.Errorf("all households bad: %v", err)
	}
}
