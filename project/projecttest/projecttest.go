// Package projecttest checks that an implementation of project.Store meets
// its contract. Adapters run it from their tests:
//
//	func TestStore(t *testing.T) {
//		projecttest.TestStore(t, func(t *testing.T) project.Store { return newStore(t) })
//	}
package projecttest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/vote"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestStore checks that a Store meets the project.Store contract. newStore
// must return an empty, independent store; register cleanup with
// t.Cleanup. Run it under -race.
func TestStore(t *testing.T, newStore func(t *testing.T) project.Store) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, s project.Store)
	}{
		{"ProjectNotFound", testProjectNotFound},
		{"PutCreate", testPutCreate},
		{"PutConflict", testPutConflict},
		{"PutUpdate", testPutUpdate},
		{"ProjectsOrder", testProjectsOrder},
		{"ReturnsCopies", testReturnsCopies},
		{"AppendSeq", testAppendSeq},
		{"AppendIdempotent", testAppendIdempotent},
		{"AppendConflict", testAppendConflict},
		{"PlanRoundTrip", testPlanRoundTrip},
		{"CanceledContext", testCanceledContext},
		{"ConcurrentPut", testConcurrentPut},
		{"ConcurrentAppend", testConcurrentAppend},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, newStore(t)) })
	}
	t.Run("Model", func(t *testing.T) { testModel(t, newStore) })
}

var t0 = time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)

// Sample returns a project with every field set, for round-trip checks.
func Sample(id project.ID) project.Project {
	c := decimal.RequireFromString("5000.00")
	rule := project.GuangzhouElevator()
	rule.Cap = &c
	return project.Project{
		ID: id, Title: "加装电梯 " + string(id), Grid: "b1", Category: "elevator",
		Cost: decimal.RequireFromString("612345.67"), Origin: project.FromResolution, Ref: "res-7",
		Proposer: "owners' committee", Evidence: []string{"minutes-3"}, Year: 2026, PlanYear: 2026,
		Status: project.InProgress, Representatives: []string{"王", "李", "张"}, Sharing: &rule,
		Vote:        &project.VoteOutcome{Poll: "poll-1", Support: 40, Base: 46, Threshold: vote.MoreThan(4, 5), Passed: true, Priority: true},
		Milestones:  []project.Milestone{{Name: "foundation", Due: t0.AddDate(0, 1, 0), Done: t0.AddDate(0, 1, 2)}},
		Acceptances: []project.Acceptance{{By: []string{"inspector"}, At: t0, Findings: []string{"handrail loose"}}},
		Review:      &project.Review{Poll: "sat-1", Satisfied: 30, Base: 40, Threshold: vote.MoreThan(1, 2), Passed: true},
		History:     []project.Event{{From: project.Proposed, To: project.Screened, At: t0, By: "office", Reason: "feasible"}},
	}
}

var cmpOpts = cmp.Options{cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })}

func diff(want, got any) string { return cmp.Diff(want, got, cmpOpts) }

func testProjectNotFound(t *testing.T, s project.Store) {
	if _, err := s.Project(context.Background(), "nope"); !errors.Is(err, project.ErrNotFound) {
		t.Errorf("Project on an empty store: err = %v, want ErrNotFound", err)
	}
	if _, err := s.Plan(context.Background(), 2026); !errors.Is(err, project.ErrNotFound) {
		t.Errorf("Plan on an empty store: err = %v, want ErrNotFound", err)
	}
	for _, err := range s.Projects(context.Background()) {
		t.Errorf("Projects on an empty store yielded something (err %v)", err)
	}
	for _, err := range s.Entries(context.Background()) {
		t.Errorf("Entries on an empty store yielded something (err %v)", err)
	}
}

func testPutCreate(t *testing.T, s project.Store) {
	ctx := context.Background()
	p := Sample("p1")
	v, err := s.PutProject(ctx, p)
	if err != nil || v != 1 {
		t.Fatalf("PutProject(create) = %d, %v; want version 1", v, err)
	}
	got, err := s.Project(ctx, "p1")
	if err != nil {
		t.Fatal(err)
	}
	p.Version = 1
	if d := diff(p, got); d != "" {
		t.Errorf("stored project differs from the one put (-put +got):\n%s", d)
	}
}

func testPutConflict(t *testing.T, s project.Store) {
	ctx := context.Background()
	if _, err := s.PutProject(ctx, Sample("p1")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutProject(ctx, Sample("p1")); !errors.Is(err, project.ErrConflict) {
		t.Errorf("creating an existing project: err = %v, want ErrConflict", err)
	}
	stale := Sample("p1")
	stale.Version = 7
	stale.Title = "changed"
	if _, err := s.PutProject(ctx, stale); !errors.Is(err, project.ErrConflict) {
		t.Errorf("put with a stale version: err = %v, want ErrConflict", err)
	}
	missing := Sample("p2")
	missing.Version = 1
	if _, err := s.PutProject(ctx, missing); !errors.Is(err, project.ErrConflict) {
		t.Errorf("update of a missing project: err = %v, want ErrConflict", err)
	}
	got, _ := s.Project(ctx, "p1")
	if got.Title == "changed" || got.Version != 1 {
		t.Errorf("a rejected put changed the project: %+v", got)
	}
}

func testPutUpdate(t *testing.T, s project.Store) {
	ctx := context.Background()
	if _, err := s.PutProject(ctx, Sample("p1")); err != nil {
		t.Fatal(err)
	}
	p, _ := s.Project(ctx, "p1")
	p.Status = project.Completed
	p.History = append(p.History, project.Event{From: project.InProgress, To: project.Completed, At: t0.Add(time.Hour)})
	v, err := s.PutProject(ctx, p)
	if err != nil || v != 2 {
		t.Fatalf("PutProject(update) = %d, %v; want version 2", v, err)
	}
	got, _ := s.Project(ctx, "p1")
	p.Version = 2
	if d := diff(p, got); d != "" {
		t.Errorf("updated project (-want +got):\n%s", d)
	}
}

func testProjectsOrder(t *testing.T, s project.Store) {
	ctx := context.Background()
	for _, id := range []project.ID{"p3", "p1", "p2"} {
		if _, err := s.PutProject(ctx, Sample(id)); err != nil {
			t.Fatal(err)
		}
	}
	var ids []project.ID
	for p, err := range s.Projects(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	if d := diff([]project.ID{"p1", "p2", "p3"}, ids); d != "" {
		t.Errorf("Projects must stream in ascending id order (-want +got):\n%s", d)
	}
}

func testReturnsCopies(t *testing.T, s project.Store) {
	ctx := context.Background()
	p := Sample("p1")
	if _, err := s.PutProject(ctx, p); err != nil {
		t.Fatal(err)
	}
	p.Evidence[0] = "mutated after put"
	got, _ := s.Project(ctx, "p1")
	got.Representatives[0] = "mutated after get"
	got.Sharing.Floors[0].Floor = 99
	again, _ := s.Project(ctx, "p1")
	if again.Evidence[0] != "minutes-3" || again.Representatives[0] != "王" || again.Sharing.Floors[0].Floor != 1 {
		t.Errorf("the store shares memory with callers: %+v", again)
	}
}

func entry(id string, amount string) project.Entry {
	return project.Entry{ID: id, Kind: project.OpenSource, At: t0, Source: project.SourceID("s-" + id),
		SourceKind: project.CommunityFund, Name: "fund " + id, Grid: "c1", Amount: decimal.RequireFromString(amount)}
}

func entries(t *testing.T, s project.Store) []project.Entry {
	t.Helper()
	var es []project.Entry
	for e, err := range s.Entries(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		es = append(es, e)
	}
	return es
}

func testAppendSeq(t *testing.T, s project.Store) {
	ctx := context.Background()
	for i, id := range []string{"e1", "e2", "e3"} {
		got, err := s.AppendEntry(ctx, entry(id, "100.50"), int64(i))
		if err != nil || got.Seq != int64(i+1) {
			t.Fatalf("AppendEntry(%s, after %d) = seq %d, %v; want seq %d", id, i, got.Seq, err, i+1)
		}
	}
	es := entries(t, s)
	want := []project.Entry{entry("e1", "100.50"), entry("e2", "100.50"), entry("e3", "100.50")}
	for i := range want {
		want[i].Seq = int64(i + 1)
	}
	if d := diff(want, es); d != "" {
		t.Errorf("Entries must return the ledger in Seq order (-want +got):\n%s", d)
	}
}

func testAppendIdempotent(t *testing.T, s project.Store) {
	ctx := context.Background()
	first, err := s.AppendEntry(ctx, entry("e1", "1"), 0)
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.AppendEntry(ctx, entry("e1", "1"), 0)
	if err != nil || again.Seq != first.Seq {
		t.Errorf("retrying an identical entry = seq %d, %v; want the first receipt (seq %d)", again.Seq, err, first.Seq)
	}
	if n := len(entries(t, s)); n != 1 {
		t.Errorf("a retried entry was stored twice: %d entries", n)
	}
}

func testAppendConflict(t *testing.T, s project.Store) {
	ctx := context.Background()
	if _, err := s.AppendEntry(ctx, entry("e1", "1"), 0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AppendEntry(ctx, entry("e2", "1"), 0); !errors.Is(err, project.ErrConflict) {
		t.Errorf("append after a stale length: err = %v, want ErrConflict", err)
	}
	if _, err := s.AppendEntry(ctx, entry("e1", "2"), 1); !errors.Is(err, project.ErrConflict) {
		t.Errorf("reusing an entry id with other content: err = %v, want ErrConflict", err)
	}
	if n := len(entries(t, s)); n != 1 {
		t.Errorf("rejected appends changed the ledger: %d entries", n)
	}
}

// SamplePlan returns an adopted plan for year.
func SamplePlan(year int) project.Plan {
	plan, err := project.Choose(project.PlanRule{Year: year, Budget: decimal.RequireFromString("1000"), Max: 1},
		[]project.Candidate{
			{Project: "a", Cost: decimal.RequireFromString("600"), Pin: "district order"},
			{Project: "b", Cost: decimal.RequireFromString("300"), Pin: "safety"},
		}, nil)
	if err != nil {
		panic(err)
	}
	return plan
}

func testPlanRoundTrip(t *testing.T, s project.Store) {
	ctx := context.Background()
	p := SamplePlan(2027)
	if err := s.PutPlan(ctx, p); err != nil {
		t.Fatal(err)
	}
	if err := s.PutPlan(ctx, p); err != nil {
		t.Errorf("storing the same plan again must be a no-op, got %v", err)
	}
	other := SamplePlan(2027)
	other.Selected = []project.ID{"b"}
	if err := s.PutPlan(ctx, other); !errors.Is(err, project.ErrConflict) {
		t.Errorf("another plan for the same year: err = %v, want ErrConflict", err)
	}
	got, err := s.Plan(ctx, 2027)
	if err != nil {
		t.Fatal(err)
	}
	if got.Explain() != p.Explain() || len(got.Decisions) != 2 {
		t.Errorf("plan round trip:\n%s\nwant\n%s", got.Explain(), p.Explain())
	}
}

func testCanceledContext(t *testing.T, s project.Store) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.PutProject(ctx, Sample("p1")); !errors.Is(err, context.Canceled) {
		t.Errorf("PutProject with a canceled context: err = %v, want context.Canceled", err)
	}
	if _, err := s.AppendEntry(ctx, entry("e1", "1"), 0); !errors.Is(err, context.Canceled) {
		t.Errorf("AppendEntry with a canceled context: err = %v, want context.Canceled", err)
	}
	if err := s.PutPlan(ctx, SamplePlan(2027)); !errors.Is(err, context.Canceled) {
		t.Errorf("PutPlan with a canceled context: err = %v, want context.Canceled", err)
	}
	if _, err := s.Project(ctx, "p1"); !errors.Is(err, context.Canceled) {
		t.Errorf("Project with a canceled context: err = %v, want context.Canceled", err)
	}
	for _, err := range s.Projects(ctx) {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Projects with a canceled context: err = %v, want context.Canceled", err)
		}
	}
	bg := context.Background()
	if _, err := s.Project(bg, "p1"); !errors.Is(err, project.ErrNotFound) {
		t.Errorf("a canceled PutProject wrote anyway (err %v)", err)
	}
	if n := len(entries(t, s)); n != 0 {
		t.Errorf("a canceled AppendEntry wrote anyway: %d entries", n)
	}
}

func testConcurrentPut(t *testing.T, s project.Store) {
	ctx := context.Background()
	if _, err := s.PutProject(ctx, Sample("p1")); err != nil {
		t.Fatal(err)
	}
	const n = 8
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins := 0
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := Sample("p1")
			p.Version = 1
			p.Title = fmt.Sprint("writer ", i)
			if _, err := s.PutProject(ctx, p); err == nil {
				mu.Lock()
				wins++
				mu.Unlock()
			} else if !errors.Is(err, project.ErrConflict) {
				t.Errorf("concurrent put: unexpected error %v", err)
			}
		}()
	}
	wg.Wait()
	if wins != 1 {
		t.Errorf("%d concurrent puts with the same version succeeded, want exactly 1", wins)
	}
}

func testConcurrentAppend(t *testing.T, s project.Store) {
	ctx := context.Background()
	const n = 8
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e := entry(fmt.Sprint("e", i), "1")
			for {
				after := int64(len(entries(t, s)))
				_, err := s.AppendEntry(ctx, e, after)
				if err == nil {
					return
				}
				if !errors.Is(err, project.ErrConflict) {
					t.Errorf("concurrent append: %v", err)
					return
				}
			}
		}()
	}
	wg.Wait()
	es := entries(t, s)
	if len(es) != n {
		t.Fatalf("%d entries after %d concurrent appends", len(es), n)
	}
	for i, e := range es {
		if e.Seq != int64(i+1) {
			t.Errorf("entry %d has seq %d: seqs must be 1..n without gaps", i, e.Seq)
		}
	}
}

// testModel runs random operation sequences against the store and a map
// model.
func testModel(t *testing.T, newStore func(t *testing.T) project.Store) {
	rapid.Check(t, func(rt *rapid.T) {
		s := newStore(t)
		ctx := context.Background()
		model := map[project.ID]project.Project{}
		var ledger []project.Entry
		ids := []project.ID{"a", "b", "c"}
		rt.Repeat(map[string]func(*rapid.T){
			"put": func(rt *rapid.T) {
				id := rapid.SampledFrom(ids).Draw(rt, "id")
				p := Sample(id)
				p.Title = rapid.StringN(0, 8, -1).Draw(rt, "title")
				cur, exists := model[id]
				p.Version = rapid.SampledFrom([]int64{0, 1, 2, cur.Version}).Draw(rt, "version")
				v, err := s.PutProject(ctx, p)
				if (exists && p.Version == cur.Version) || (!exists && p.Version == 0) {
					if err != nil || v != p.Version+1 {
						rt.Fatalf("put %s v%d = %d, %v; want success", id, p.Version, v, err)
					}
					p.Version = v
					model[id] = p
				} else if !errors.Is(err, project.ErrConflict) {
					rt.Fatalf("put %s v%d (stored v%d): err = %v, want ErrConflict", id, p.Version, cur.Version, err)
				}
			},
			"get": func(rt *rapid.T) {
				id := rapid.SampledFrom(ids).Draw(rt, "id")
				got, err := s.Project(ctx, id)
				want, ok := model[id]
				if !ok {
					if !errors.Is(err, project.ErrNotFound) {
						rt.Fatalf("get missing %s: err = %v", id, err)
					}
					return
				}
				if err != nil {
					rt.Fatal(err)
				}
				if d := diff(want, got); d != "" {
					rt.Fatalf("get %s (-model +store):\n%s", id, d)
				}
			},
			"append": func(rt *rapid.T) {
				id := fmt.Sprint("e", rapid.IntRange(0, 5).Draw(rt, "entry"))
				e := entry(id, "1")
				after := rapid.Int64Range(0, int64(len(ledger))+1).Draw(rt, "after")
				got, err := s.AppendEntry(ctx, e, after)
				for _, x := range ledger {
					if x.ID == id {
						if err != nil || got.Seq != x.Seq {
							rt.Fatalf("retry of %s = seq %d, %v; want seq %d", id, got.Seq, err, x.Seq)
						}
						return
					}
				}
				if after != int64(len(ledger)) {
					if !errors.Is(err, project.ErrConflict) {
						rt.Fatalf("append %s after %d (len %d): err = %v, want ErrConflict", id, after, len(ledger), err)
					}
					return
				}
				if err != nil {
					rt.Fatal(err)
				}
				e.Seq = after + 1
				ledger = append(ledger, e)
			},
			"": func(rt *rapid.T) {
				var n int
				for p, err := range s.Projects(ctx) {
					if err != nil {
						rt.Fatal(err)
					}
					if _, ok := model[p.ID]; !ok {
						rt.Fatalf("store has %s, model does not", p.ID)
					}
					n++
				}
				if n != len(model) {
					rt.Fatalf("store has %d projects, model %d", n, len(model))
				}
				if d := diff(ledger, entries(t, s)); len(ledger) > 0 && d != "" {
					rt.Fatalf("ledger (-model +store):\n%s", d)
				}
			},
		})
	})
}
