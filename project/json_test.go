package project_test

import (
	"encoding/json"
	"testing"

	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/project/projecttest"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

var decEq = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })

// TestJSONRoundTrip checks that records and results survive JSON, which
// is how adapters and the CLI carry them.
func TestJSONRoundTrip(t *testing.T) {
	roundTrip := func(name string, in, out any) {
		t.Helper()
		b, err := json.Marshal(in)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	p := projecttest.Sample("p1")
	var p2 project.Project
	roundTrip("project", p, &p2)
	if diff := cmp.Diff(p, p2, decEq); diff != "" {
		t.Errorf("project (-want +got):\n%s", diff)
	}
	plan := projecttest.SamplePlan(2027)
	var plan2 project.Plan
	roundTrip("plan", plan, &plan2)
	if diff := cmp.Diff(plan, plan2, decEq); diff != "" {
		t.Errorf("plan (-want +got):\n%s", diff)
	}
	e := project.Entry{ID: "e1", Seq: 3, Kind: project.Spend, At: t0, Source: "s", Project: "p1", Amount: d("12.34"), Reason: "r"}
	var e2 project.Entry
	roundTrip("entry", e, &e2)
	if diff := cmp.Diff(e, e2, decEq); diff != "" {
		t.Errorf("entry (-want +got):\n%s", diff)
	}
}
