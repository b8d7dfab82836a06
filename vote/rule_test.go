package vote_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/gongzhi/gongzhi/vote"
)

var decimalEqual = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })

func presets() map[string]vote.Rule {
	m := map[string]vote.Rule{
		"ProjectPriorities":        vote.ProjectPriorities(),
		"SatisfactionSurvey":       vote.SatisfactionSurvey(),
		"OwnersOrdinary":           vote.OwnersOrdinary(),
		"OwnersSpecial":            vote.OwnersSpecial(),
		"CommitteeElection":        vote.CommitteeElection(5),
		"BeijingResidentsElection": vote.BeijingResidentsElection(5),
		"BeijingVillageElection":   vote.BeijingVillageElection(3),
		"Recall":                   vote.Recall(),
		"ResidentsMeeting":         vote.ResidentsMeeting(),
		"RepresentativesAssembly":  vote.RepresentativesAssembly(),
		"Cumulative":               vote.Cumulative(5, 3, 2),
		"LimitedApproval":          vote.LimitedApproval(3, vote.Of(vote.AtLeast(1, 2), vote.BaseValid), 1),
		"Motion":                   vote.Motion(vote.Threshold{Ratio: vote.AtLeast(2, 3)}, nil),
	}
	for mt := vote.MatterRules; mt <= vote.MatterOther; mt++ {
		m["OwnersDecision "+mt.String()] = vote.OwnersDecision(mt)
	}
	return m
}

func TestPresetsValidAndRoundTrip(t *testing.T) {
	for name, r := range presets() {
		t.Run(name, func(t *testing.T) {
			if err := r.Validate(); err != nil {
				t.Fatal(err)
			}
			data, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			got, err := vote.ParseRule(data)
			if err != nil {
				t.Fatalf("ParseRule(%s): %v", data, err)
			}
			if diff := cmp.Diff(r, got); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPresetsFresh(t *testing.T) {
	a := vote.SatisfactionSurvey()
	a.Levels[0] = "changed"
	a2 := vote.ProjectPriorities()
	a2.Threshold.Num = 1
	if vote.SatisfactionSurvey().Levels[0] != "satisfied" || vote.ProjectPriorities().Threshold.Num != 4 {
		t.Error("presets share mutable state")
	}
}

func TestParseRuleErrors(t *testing.T) {
	cases := []struct {
		name, json, field string
	}{
		{"unknown field", `{"method":"approval","vots":5}`, "vots"},
		{"duplicate key", `{"method":"approval","votes":5,"votes":1}`, "votes"},
		{"case-variant matter", `{"method":"double-majority","Matter":"raise-fund","MATTER":"rules"}`, "Matter"},
		{"case-variant nested", `{"method":"approval","threshold":{"num":4,"den":5,"NUM":1}}`, "threshold.NUM"},
		{"escaped duplicate", `{"method":"approval","votes":5,"v\u006ftes":1}`, "votes"},
		{"no method", `{"votes":5}`, "method"},
		{"unknown method", `{"method":"borda"}`, "method"},
		{"zero den", `{"method":"approval","threshold":{"num":4,"den":0}}`, "threshold.den"},
		{"num over den", `{"method":"approval","threshold":{"num":6,"den":5}}`, "threshold.num"},
		{"bad base", `{"method":"approval","threshold":{"num":4,"den":5,"base":"present"}}`, "threshold.base"},
		{"quorum of cast", `{"method":"motion","threshold":{"num":1,"den":2},"quorum":{"num":1,"den":2,"base":"cast"}}`, "quorum.base"},
		{"per option in approval", `{"method":"approval","per_option":2}`, "per_option"},
		{"cumulative without votes", `{"method":"cumulative","per_option":2}`, "votes"},
		{"per option over votes", `{"method":"cumulative","votes":2,"per_option":3}`, "per_option"},
		{"seats on approval", `{"method":"approval","seats":3}`, "seats"},
		{"motion without threshold", `{"method":"motion"}`, "threshold"},
		{"satisfaction one level", `{"method":"satisfaction","levels":["ok"],"satisfied":["ok"]}`, "levels"},
		{"satisfied not a level", `{"method":"satisfaction","levels":["a","b"],"satisfied":["c"]}`, "satisfied[0]"},
		{"duplicate level", `{"method":"satisfaction","levels":["a","a"],"satisfied":["a"]}`, "levels[1]"},
		{"election without seats", `{"method":"election","threshold":{"num":1,"den":2}}`, "seats"},
		{"election votes", `{"method":"election","seats":3,"votes":4,"threshold":{"num":1,"den":2}}`, "votes"},
		{"runoff bad ratio", `{"method":"election","seats":3,"threshold":{"num":1,"den":2},"runoff":{"threshold":{"num":1,"den":0}}}`, "runoff.threshold.den"},
		{"owners weaker than the law", `{"method":"double-majority","matter":"rebuild","quorum":{"num":2,"den":3,"inclusive":true,"base":"eligible"},"threshold":{"num":1,"den":2}}`, "threshold"},
		{"owners strict quorum ok, weaker num", `{"method":"double-majority","matter":"other","quorum":{"num":1,"den":2,"inclusive":true,"base":"eligible"},"threshold":{"num":1,"den":2}}`, "quorum"},
		{"unknown matter", `{"method":"double-majority","matter":"party"}`, "matter"},
		{"owners without matter", `{"method":"double-majority","quorum":{"num":1,"den":100,"inclusive":true,"base":"eligible"},"threshold":{"num":1,"den":100}}`, "matter"},
		{"owners null matter", `{"method":"double-majority","matter":null,"quorum":{"num":2,"den":3,"inclusive":true,"base":"eligible"},"threshold":{"num":3,"den":4,"inclusive":true}}`, "matter"},
		{"owners other 1% quorum", `{"method":"double-majority","matter":"other","quorum":{"num":1,"den":100,"inclusive":true,"base":"eligible"},"threshold":{"num":1,"den":2}}`, "quorum"},
		{"owners special on valid base", `{"method":"double-majority","matter":"raise-fund","quorum":{"num":2,"den":3,"inclusive":true,"base":"eligible"},"threshold":{"num":3,"den":4,"inclusive":true,"base":"valid"}}`, "threshold.base"},
		{"owners never adopted", `{"method":"double-majority","matter":"rebuild","quorum":{"num":2,"den":3,"inclusive":true,"base":"eligible"},"threshold":{"num":1,"den":1}}`, "threshold"},
		{"quorum never met", `{"method":"double-majority","matter":"other","quorum":{"num":3,"den":3,"base":"eligible"},"threshold":{"num":1,"den":2}}`, "quorum"},
		{"motion quorum never met", `{"method":"motion","threshold":{"num":1,"den":2},"quorum":{"num":1,"den":1,"base":"eligible"}}`, "quorum"},
		{"tie order empty", `{"method":"approval","tie":{"method":"order"}}`, "tie.order"},
		{"tie unknown", `{"method":"approval","tie":{"method":"coin"}}`, "tie.method"},
		{"type mismatch", `{"method":"approval","votes":"five"}`, "votes"},
		{"trailing", `{"method":"approval"} {}`, "(root)"},
		{"negative select", `{"method":"approval","select":-1}`, "select"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := vote.ParseRule([]byte(tc.json))
			var ce *vote.ConfigError
			if !errors.As(err, &ce) || !errors.Is(err, vote.ErrInvalidConfig) {
				t.Fatalf("ParseRule = %v, want *ConfigError", err)
			}
			if ce.Field != tc.field {
				t.Errorf("field %q, want %q (%v)", ce.Field, tc.field, err)
			}
		})
	}
}

func TestParseRuleStricterOwnersAllowed(t *testing.T) {
	r, err := vote.ParseRule([]byte(`{"method":"double-majority","matter":"committee",
		"quorum":{"num":3,"den":4,"inclusive":true,"base":"eligible"},"threshold":{"num":2,"den":3,"inclusive":true}}`))
	if err != nil {
		t.Fatal(err)
	}
	if r.Matter != vote.MatterCommittee || r.Matter.Special() {
		t.Errorf("matter %v", r.Matter)
	}
}

func TestMatterJSON(t *testing.T) {
	for m := vote.MatterRules; m <= vote.MatterOther; m++ {
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		var back vote.Matter
		if err := json.Unmarshal(b, &back); err != nil || back != m {
			t.Errorf("%v -> %s -> %v (%v)", m, b, back, err)
		}
	}
	var m vote.Matter
	if err := json.Unmarshal([]byte(`"7"`), &m); err != nil || m != vote.MatterRebuild || !m.Special() {
		t.Errorf("item number: %v %v", m, err)
	}
}

func FuzzParseRule(f *testing.F) {
	for _, r := range presets() {
		b, _ := json.Marshal(r)
		f.Add(b)
	}
	f.Add([]byte(`{"method":"approval","tie":{"method":"lot","seed":18446744073709551615}}`))
	f.Add([]byte(`{"method":"double-majority","matter":9}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := vote.ParseRule(data)
		if err != nil {
			if !errors.Is(err, vote.ErrInvalidConfig) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		// A loaded rule is valid, re-encodes, and loads back equal.
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("marshal valid rule: %v", err)
		}
		r2, err := vote.ParseRule(b)
		if err != nil {
			t.Fatalf("reload %s: %v", b, err)
		}
		if diff := cmp.Diff(r, r2); diff != "" {
			t.Fatalf("reload differs (-first +second):\n%s", diff)
		}
	})
}
