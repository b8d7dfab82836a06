package project_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/gongzhi/gongzhi/project"
	"pgregory.net/rapid"
)

// TestPropServiceModel drives a Service with random operations and checks
// it against a model of statuses and budgets: accepted operations change
// exactly what the model says, refused ones change nothing, no allocation
// is ever overspent and the source cap is never exceeded.
func TestPropServiceModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ctx := context.Background()
		s := project.NewService(project.NewMemStore(), &project.Options{Now: clock()})
		const capFen = 1_000_000
		if _, err := s.Record(ctx, project.Entry{ID: "open", Kind: project.OpenSource, Source: "fund", SourceKind: project.CommunityFund, Amount: project.Yuan(capFen)}); err != nil {
			t.Fatal(err)
		}
		status := map[project.ID]project.Status{}
		alloc := map[project.ID]int64{}
		spent := map[project.ID]int64{}
		var allocated int64
		ids := []project.ID{"a", "b", "c"}
		n := 0
		t.Repeat(map[string]func(*rapid.T){
			"propose": func(t *rapid.T) {
				id := rapid.SampledFrom(ids).Draw(t, "id")
				_, err := s.Propose(ctx, project.Project{ID: id, Title: "t", Origin: project.FromProposal, Year: 2027, Cost: d("100")})
				if _, exists := status[id]; exists {
					if !errors.Is(err, project.ErrConflict) {
						t.Fatalf("second propose of %s: %v", id, err)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				status[id] = project.Proposed
			},
			"advance": func(t *rapid.T) {
				id := rapid.SampledFrom(ids).Draw(t, "id")
				to := rapid.SampledFrom(project.Statuses()).Draw(t, "to")
				from, exists := status[id]
				step := fullStep(from, to, t0)
				step.At, step.Year = t0.AddDate(1, 0, 0), 2027
				_, err := s.Advance(ctx, id, step)
				switch {
				case !exists:
					if !errors.Is(err, project.ErrNotFound) {
						t.Fatalf("advance of unknown %s: %v", id, err)
					}
				case allowed(from, to):
					if err != nil {
						t.Fatalf("%s %s -> %s: %v", id, from, to, err)
					}
					status[id] = to
				default:
					if !errors.Is(err, project.ErrIllegalTransition) {
						t.Fatalf("%s %s -> %s: err = %v, want ErrIllegalTransition", id, from, to, err)
					}
				}
			},
			"money": func(t *rapid.T) {
				id := rapid.SampledFrom(ids).Draw(t, "id")
				kind := rapid.SampledFrom([]project.EntryKind{project.Allocate, project.ChangeAllocation, project.Spend}).Draw(t, "kind")
				amt := rapid.Int64Range(-50_000, 400_000).Draw(t, "fen")
				n++
				e := project.Entry{ID: fmt.Sprint("e", n), Kind: kind, Source: "fund", Project: id, Amount: project.Yuan(amt), Reason: "variation"}
				_, err := s.Record(ctx, e)
				st, exists := status[id]
				var ok bool
				switch kind {
				case project.Allocate:
					ok = exists && (st == project.Planned || st == project.InProgress || st == project.Completed || st == project.Accepted) &&
						alloc[id] == 0 && amt > 0 && allocated+amt <= capFen
				case project.ChangeAllocation:
					ok = exists && (st == project.Planned || st == project.InProgress || st == project.Completed || st == project.Accepted) &&
						alloc[id] > 0 && amt != 0 && allocated+amt <= capFen && alloc[id]+amt >= spent[id]
				case project.Spend:
					ok = exists && (st == project.InProgress || st == project.Completed) && alloc[id] > 0 && amt > 0 && spent[id]+amt <= alloc[id]
				}
				if ok != (err == nil) {
					t.Fatalf("%s %s of %d fen (status %s, alloc %d, spent %d, allocated %d): err = %v, model ok=%v",
						kind, id, amt, st, alloc[id], spent[id], allocated, err, ok)
				}
				if !ok {
					return
				}
				switch kind {
				case project.Allocate, project.ChangeAllocation:
					alloc[id] += amt
					allocated += amt
				case project.Spend:
					spent[id] += amt
				}
			},
			"": func(t *rapid.T) {
				for id, st := range status {
					p, err := s.Project(ctx, id)
					if err != nil || p.Status != st {
						t.Fatalf("%s: store %s (%v), model %s", id, p.Status, err, st)
					}
				}
				r, err := s.Report(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if project.Fen(r.Total.Allocated) != allocated || r.Total.Allocated.GreaterThan(r.Total.Cap) {
					t.Fatalf("report %+v, model allocated %d", r.Total, allocated)
				}
				for _, pl := range r.Projects {
					if project.Fen(pl.Allocated) != alloc[pl.Project] || project.Fen(pl.Spent) != spent[pl.Project] || pl.Spent.GreaterThan(pl.Allocated) {
						t.Fatalf("%s: report %+v, model %d/%d", pl.Project, pl, alloc[pl.Project], spent[pl.Project])
					}
				}
			},
		})
	})
}
