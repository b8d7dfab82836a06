package project_test

import (
	"errors"
	"fmt"
	"iter"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/project"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

var t0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

func entry(id string, kind project.EntryKind, src project.SourceID, proj project.ID, amount string) project.Entry {
	return project.Entry{ID: id, Kind: kind, At: t0, Source: src, Project: proj, Amount: d(amount)}
}

func TestLedger(t *testing.T) {
	var l project.Ledger
	open := entry("e1", project.OpenSource, "district", "", "1000000")
	open.SourceKind, open.Grid = project.DistrictBudget, "chaoyang"
	mustApply := func(e project.Entry) {
		t.Helper()
		if err := l.Apply(e); err != nil {
			t.Fatalf("%s: %v", e.ID, err)
		}
	}
	mustApply(open)
	mustApply(entry("e2", project.Allocate, "district", "p1", "600000"))
	mustApply(entry("e3", project.Allocate, "district", "p2", "400000"))
	mustApply(entry("e4", project.Spend, "district", "p1", "599999.99"))

	rejects := []struct {
		e  project.Entry
		is error
	}{
		{entry("x1", project.Allocate, "district", "p3", "0.01"), project.ErrOverBudget},
		{entry("x2", project.Spend, "district", "p1", "0.02"), project.ErrOverBudget},
		{entry("x3", project.Allocate, "district", "p1", "1"), project.ErrInvalid},
		{entry("x4", project.ChangeAllocation, "district", "p1", "1"), project.ErrInvalid}, // no reason
		{entry("x5", project.Spend, "nowhere", "p1", "1"), project.ErrNotFound},
		{entry("x6", project.Spend, "district", "p9", "1"), project.ErrNotFound},
		{entry("x7", project.Spend, "district", "p1", "0.001"), project.ErrInvalid},
		{entry("e2", project.Spend, "district", "p2", "1"), project.ErrInvalid}, // id reused
		{entry("x8", "borrow", "district", "p1", "1"), project.ErrInvalid},
		{func() project.Entry {
			e := entry("x9", project.ChangeCap, "district", "", "-1")
			e.Reason = "cut"
			return e
		}(), project.ErrOverBudget},
	}
	before := l.Report()
	for _, r := range rejects {
		if err := l.Apply(r.e); !errors.Is(err, r.is) {
			t.Errorf("%s: err = %v, want %v", r.e.ID, err, r.is)
		}
	}
	if diff := cmp.Diff(fmt.Sprint(before), fmt.Sprint(l.Report())); diff != "" {
		t.Fatalf("rejected entries changed the ledger:\n%s", diff)
	}
	// A recorded change moves money from p2 to p1.
	cut := entry("e5", project.ChangeAllocation, "district", "p2", "-100")
	cut.Reason = "p2 tender came in lower"
	mustApply(cut)
	raise := entry("e6", project.ChangeAllocation, "district", "p1", "100")
	raise.Reason = "variation order VO-3"
	mustApply(raise)
	mustApply(entry("e7", project.Spend, "district", "p1", "100.01"))

	r := l.Report()
	if got := r.Total; !got.Cap.Equal(d("1000000")) || !got.Allocated.Equal(d("1000000")) || !got.Spent.Equal(d("600100")) || !got.Unspent.Equal(d("399900")) {
		t.Errorf("totals %+v", got)
	}
	if len(r.Projects) != 2 || r.Projects[0].Project != "p1" || r.Projects[0].Allocations[0].Changes != 1 {
		t.Errorf("projects %+v", r.Projects)
	}
	a, s := l.Project("p1")
	if !a.Equal(d("600100")) || !s.Equal(d("600100")) {
		t.Errorf("p1 %s %s", a, s)
	}
	rows := l.ByGrid(func(p project.ID) grid.ID {
		return map[project.ID]grid.ID{"p1": "b1", "p2": "b2"}[p]
	}, tree{"b1": {"c1", "chaoyang"}, "b2": {"c2", "chaoyang"}})
	want := []project.GridLine{
		{Grid: "b1", Projects: 1, Allocated: d("600100"), Spent: d("600100")},
		{Grid: "b2", Projects: 1, Allocated: d("399900"), Spent: d("0")},
		{Grid: "c1", Projects: 1, Allocated: d("600100"), Spent: d("600100")},
		{Grid: "c2", Projects: 1, Allocated: d("399900"), Spent: d("0")},
		{Grid: "chaoyang", Projects: 2, Allocated: d("1000000"), Spent: d("600100")},
	}
	if diff := cmp.Diff(want, rows, cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })); diff != "" {
		t.Errorf("by grid (-want +got):\n%s", diff)
	}
}

type tree map[grid.ID][]grid.ID

func (t tree) Ancestors(id grid.ID) iter.Seq[grid.ID] { return slices.Values(t[id]) }

// TestPropLedgerNeverOverspends applies random entries and checks that
// no source is over-allocated, no allocation overspent, and the report
// balances to the fen.
func TestPropLedgerNeverOverspends(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var l project.Ledger
		srcs := []project.SourceID{"s1", "s2"}
		projs := []project.ID{"p1", "p2", "p3"}
		caps := map[project.SourceID]int64{}
		n := rapid.IntRange(1, 60).Draw(t, "ops")
		for i := range n {
			e := project.Entry{ID: fmt.Sprint("e", i), At: t0,
				Kind:    rapid.SampledFrom([]project.EntryKind{project.OpenSource, project.ChangeCap, project.Allocate, project.ChangeAllocation, project.Spend}).Draw(t, "kind"),
				Source:  rapid.SampledFrom(srcs).Draw(t, "src"),
				Project: rapid.SampledFrom(projs).Draw(t, "proj"),
				Amount:  project.Yuan(rapid.Int64Range(-5000, 20000).Draw(t, "fen")),
				Reason:  rapid.SampledFrom([]string{"", "variation"}).Draw(t, "reason"),
			}
			e.SourceKind = project.CommunityFund
			if err := l.Apply(e); err == nil && e.Kind == project.OpenSource {
				caps[e.Source] = project.Fen(e.Amount)
			}
			r := l.Report()
			var alloc, spent int64
			for _, s := range r.Sources {
				if s.Allocated.GreaterThan(s.Cap) || s.Spent.GreaterThan(s.Allocated) || s.Unallocated.IsNegative() {
					t.Fatalf("source over cap: %+v", s)
				}
			}
			for _, p := range r.Projects {
				for _, a := range p.Allocations {
					if a.Spent.GreaterThan(a.Allocated) {
						t.Fatalf("%s overspent %+v", p.Project, a)
					}
				}
				alloc += project.Fen(p.Allocated)
				spent += project.Fen(p.Spent)
			}
			if project.Yuan(alloc).Cmp(r.Total.Allocated) != 0 || project.Yuan(spent).Cmp(r.Total.Spent) != 0 {
				t.Fatalf("report does not balance: %d/%d vs %+v", alloc, spent, r.Total)
			}
		}
	})
}

// SameEntry compares every field of Entry but Seq: a field added to Entry
// and forgotten in SameEntry fails here.
func TestSameEntryComparesEveryFieldButSeq(t *testing.T) {
	base := project.Entry{ID: "e1", Seq: 4, Kind: project.Spend, At: time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC),
		By: "p1", Reason: "r", Source: "s1", Project: "x", Amount: decimal.RequireFromString("12.30"),
		SourceKind: "fund", Name: "n", Grid: "g"}
	if !project.SameEntry(base, base) {
		t.Fatal("SameEntry(e, e) is false")
	}
	same := base
	same.Seq = 9
	same.At = base.At.In(time.FixedZone("CST", 8*3600))
	same.Amount = decimal.RequireFromString("12.3")
	if !project.SameEntry(base, same) {
		t.Error("SameEntry must ignore Seq and compare instants and amounts by value")
	}
	typ := reflect.TypeFor[project.Entry]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		if f.Name == "Seq" {
			continue
		}
		other := base
		v := reflect.ValueOf(&other).Elem().Field(i)
		switch f.Type {
		case reflect.TypeFor[time.Time]():
			v.Set(reflect.ValueOf(base.At.Add(time.Second)))
		case reflect.TypeFor[decimal.Decimal]():
			v.Set(reflect.ValueOf(base.Amount.Add(decimal.New(1, -2))))
		default:
			if v.Kind() != reflect.String {
				t.Fatalf("field %s of kind %s: teach this test how to change it", f.Name, v.Kind())
			}
			v.SetString(v.String() + "-changed")
		}
		if project.SameEntry(base, other) {
			t.Errorf("SameEntry ignores a change of %s", f.Name)
		}
	}
}
