package agenda_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gongzhi/gongzhi/agenda"
)

func TestPresetsValid(t *testing.T) {
	if err := agenda.Beijing().Validate(); err != nil {
		t.Errorf("Beijing: %v", err)
	}
	if err := agenda.Chaoyang().ValidateWith(agenda.Beijing()); err != nil {
		t.Errorf("Chaoyang: %v", err)
	}
	// Presets are fresh values.
	a := agenda.Beijing()
	a.Kinds[0].Name = "changed"
	if agenda.Beijing().Kinds[0].Name != "council" {
		t.Error("Beijing() shares memory between calls")
	}
}

func TestPolicyRoundTrip(t *testing.T) {
	b, err := json.Marshal(agenda.Beijing())
	if err != nil {
		t.Fatal(err)
	}
	got, err := agenda.LoadPolicy(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(agenda.Beijing(), got); d != "" {
		t.Errorf("policy JSON round trip (-want +got):\n%s", d)
	}
}

func TestLoadPolicyFile(t *testing.T) {
	f, err := os.Open("testdata/chaoyang-policy.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := agenda.LoadPolicy(f)
	if err != nil {
		t.Fatal(err)
	}
	if k, ok := p.Kind("council"); !ok || k.Quorum.String() != "> 1/2" || !k.Decides {
		t.Errorf("council kind: %+v", k)
	}
}

func TestLoadPolicyErrors(t *testing.T) {
	tests := []struct{ name, json, field string }{
		{"unknown field", `{"kinds":[{"name":"a","quorum":{"num":1,"den":2},"approval":{"num":1,"den":2}}],"publicty":{"n":7,"unit":"natural_days"},"satisfaction":{"num":1,"den":2}}`, "publicty"},
		{"no kinds", `{"kinds":[],"satisfaction":{"num":1,"den":2}}`, "kinds"},
		{"bad quorum", `{"kinds":[{"name":"a","quorum":{"num":3,"den":2},"approval":{"num":1,"den":2}}],"satisfaction":{"num":1,"den":2}}`, "kinds[0].quorum.num"},
		{"zero den", `{"kinds":[{"name":"a","quorum":{"num":1,"den":2},"approval":{"num":1,"den":0}}],"satisfaction":{"num":1,"den":2}}`, "kinds[0].approval.den"},
		{"dup kind", `{"kinds":[{"name":"a","quorum":{"num":1,"den":2},"approval":{"num":1,"den":2}},{"name":"a","quorum":{"num":1,"den":2},"approval":{"num":1,"den":2}}],"satisfaction":{"num":1,"den":2}}`, "kinds[1].name"},
		{"negative notice", `{"kinds":[{"name":"a","notice":{"n":-1,"unit":"natural_days"},"quorum":{"num":1,"den":2},"approval":{"num":1,"den":2}}],"satisfaction":{"num":1,"den":2}}`, "kinds[0].notice.n"},
		{"hour notice", `{"kinds":[{"name":"a","notice":{"n":24,"unit":"hours"},"quorum":{"num":1,"den":2},"approval":{"num":1,"den":2}}],"satisfaction":{"num":1,"den":2}}`, "kinds[0].notice.unit"},
		{"dup category", `{"categories":["x","x"],"kinds":[{"name":"a","quorum":{"num":1,"den":2},"approval":{"num":1,"den":2}}],"satisfaction":{"num":1,"den":2}}`, "categories[1]"},
		{"type", `{"kinds":"many"}`, "kinds"},
		{"trailing", `{"kinds":[{"name":"a","quorum":{"num":1,"den":2},"approval":{"num":1,"den":2}}],"satisfaction":{"num":1,"den":2}} {}`, ""},
		{"satisfaction", `{"kinds":[{"name":"a","quorum":{"num":1,"den":2},"approval":{"num":1,"den":2}}]}`, "satisfaction.den"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := agenda.LoadPolicy(strings.NewReader(tc.json))
			var ce *agenda.ConfigError
			if !errors.As(err, &ce) || !errors.Is(err, agenda.ErrInvalidConfig) {
				t.Fatalf("error %v, want *ConfigError", err)
			}
			if ce.Field != tc.field {
				t.Errorf("field %q, want %q (%v)", ce.Field, tc.field, err)
			}
		})
	}
}

func TestLoadObligations(t *testing.T) {
	o, err := agenda.LoadObligations(strings.NewReader(`{"meetings":12,"solved":3,"quorate":true}`))
	want := agenda.Chaoyang()
	want.Sources = nil
	if err != nil || !cmp.Equal(o, want) {
		t.Fatalf("got %+v, %v", o, err)
	}
	for js, field := range map[string]string{
		`{"meetings":-1,"solved":3}`:                          "meetings",
		`{"meetings":12,"solved":3,"kinds":[""]}`:             "kinds[0]",
		`{"meetings":0,"solved":0}`:                           "meetings",
		`{"meetings":12,"solved":3,"extra":1}`:                "extra",
		`{"meetings":12,"solved":3,"kinds":["a","a"]}`:        "kinds[1]",
		`{"meetings":400,"solved":3}`:                         "meetings",
		`{"meetings":12,"solved":3,"sources":{"budget":"x"}}`: "sources.budget",
		`{"meetings":12,"solved":3,"sources":{"solved":" "}}`: "sources.solved",
	} {
		_, err := agenda.LoadObligations(strings.NewReader(js))
		var ce *agenda.ConfigError
		if !errors.As(err, &ce) || ce.Field != field {
			t.Errorf("%s: error %v, want field %q", js, err, field)
		}
	}
	if err := (agenda.Obligations{Meetings: 1, Kinds: []string{"party"}}).ValidateWith(agenda.Beijing()); !errors.Is(err, agenda.ErrInvalidConfig) {
		t.Errorf("unknown kind: %v", err)
	}
}

// FuzzLoadPolicy: any input either loads a valid policy that round-trips
// through JSON, or fails with a *ConfigError.
func FuzzLoadPolicy(f *testing.F) {
	b, _ := json.Marshal(agenda.Beijing())
	f.Add(b)
	f.Add([]byte(`{"kinds":[{"name":"a","quorum":{"num":1,"den":2},"approval":{"num":1,"den":2}}],"satisfaction":{"num":1,"den":2}}`))
	f.Add([]byte(`{"kinds":[{"name":"a","notice":{"n":400,"unit":"natural_days"}}]}`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`{"categories":[],"kinds":[{"name":"a","quorum":{"num":1,"den":2},"approval":{"num":1,"den":2}}],"satisfaction":{"num":1,"den":2}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := agenda.LoadPolicy(bytes.NewReader(data))
		if err != nil {
			var ce *agenda.ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v is not a *ConfigError", err)
			}
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("loaded policy invalid: %v", err)
		}
		out, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		back, err := agenda.LoadPolicy(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("re-loading %s: %v", out, err)
		}
		if !cmp.Equal(p, back) {
			t.Fatalf("round trip changed the policy:\n%s", cmp.Diff(p, back))
		}
	})
}

// FuzzLoadObligations: as FuzzLoadPolicy for the obligations config.
func FuzzLoadObligations(f *testing.F) {
	f.Add([]byte(`{"meetings":12,"solved":3,"quorate":true}`))
	f.Add([]byte(`{"meetings":12,"solved":3,"kinds":["council","assembly"]}`))
	f.Add([]byte(`{"meetings":"12"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := agenda.LoadObligations(bytes.NewReader(data))
		if err != nil {
			var ce *agenda.ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v is not a *ConfigError", err)
			}
			return
		}
		out, _ := json.Marshal(o)
		back, err := agenda.LoadObligations(bytes.NewReader(out))
		if err != nil || !cmp.Equal(o, back) {
			t.Fatalf("round trip: %v %s", err, cmp.Diff(o, back))
		}
	})
}

// Issue 18 item 5: the Chaoyang figures are in the Chaoyang report; counting
// only quorate meetings is an addition, labelled as such.
func TestChaoyangCitesReport(t *testing.T) {
	o := agenda.Chaoyang()
	for field, want := range map[string]string{
		"meetings": "每个社区每年组织议事协商不少于12次",
		"solved":   "力争解决不少于3件",
		"quorate":  "illustrative",
	} {
		if !strings.Contains(o.Sources[field], want) {
			t.Errorf("sources[%s] = %q, want it to contain %q", field, o.Sources[field], want)
		}
	}
	if strings.Contains(o.Sources["quorate"], "report:") {
		t.Errorf("quorate is not in the report: %q", o.Sources["quorate"])
	}
	if err := o.Validate(); err != nil {
		t.Fatal(err)
	}
	// The labels survive JSON: what the district configured is what an
	// auditor reads.
	var b strings.Builder
	if err := json.NewEncoder(&b).Encode(o); err != nil {
		t.Fatal(err)
	}
	back, err := agenda.LoadObligations(strings.NewReader(b.String()))
	if err != nil || !cmp.Equal(back, o) {
		t.Fatalf("round trip: %+v, %v", back, err)
	}
}
