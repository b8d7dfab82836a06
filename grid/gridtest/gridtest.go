// Package gridtest holds the conformance suite for grid.Store
// implementations and generators of test cities (up to Beijing scale) for
// tests and benchmarks in any package.
package gridtest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/grid"
)

// TestStore checks that a Store meets the grid.Store contract. newStore
// must return an empty, independent store; register cleanup with
// t.Cleanup. Run it under -race.
func TestStore(t *testing.T, newStore func(t *testing.T) grid.Store) {
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	batch := func(id string, k int) grid.Batch {
		return grid.Batch{ID: id, At: t0.Add(time.Duration(k) * time.Hour), Reason: "test " + id,
			Changes: []grid.Change{grid.Rename("n", fmt.Sprintf("name %d", k))}}
	}
	ctx := context.Background()
	version := func(t *testing.T, s grid.Store) int64 {
		t.Helper()
		v, err := s.Version(ctx)
		if err != nil {
			t.Fatalf("Version: %v", err)
		}
		return v
	}
	all := func(t *testing.T, s grid.Store, after int64) []grid.Entry {
		t.Helper()
		var out []grid.Entry
		for e, err := range s.Batches(ctx, after) {
			if err != nil {
				t.Fatalf("Batches(%d): %v", after, err)
			}
			out = append(out, e)
		}
		return out
	}

	t.Run("Empty", func(t *testing.T) {
		s := newStore(t)
		if v := version(t, s); v != 0 {
			t.Errorf("Version of an empty store = %d, want 0", v)
		}
		if es := all(t, s, 0); len(es) != 0 {
			t.Errorf("Batches of an empty store yielded %d entries, want none", len(es))
		}
	})

	t.Run("AppendAndRead", func(t *testing.T) {
		s := newStore(t)
		var want []grid.Batch
		for k := range 3 {
			b := batch(fmt.Sprint("b", k), k)
			v, err := s.AppendBatch(ctx, b, int64(k))
			if err != nil || v != int64(k+1) {
				t.Fatalf("AppendBatch #%d = %d, %v; want version %d: versions count appends from 1", k, v, err, k+1)
			}
			want = append(want, b)
		}
		es := all(t, s, 0)
		if len(es) != 3 {
			t.Fatalf("Batches(0) yielded %d entries, want 3", len(es))
		}
		for k, e := range es {
			if e.Version != int64(k+1) || !e.Batch.Equal(want[k]) {
				t.Errorf("entry %d = v%d %+v; want v%d %+v (log order and content must be kept)", k, e.Version, e.Batch, k+1, want[k])
			}
		}
		if es := all(t, s, 2); len(es) != 1 || es[0].Version != 3 {
			t.Errorf("Batches(2) = %+v; want only version 3", es)
		}
		if es := all(t, s, 3); len(es) != 0 {
			t.Errorf("Batches(3) yielded %d entries; want none", len(es))
		}
		if v := version(t, s); v != 3 {
			t.Errorf("Version = %d, want 3", v)
		}
	})

	t.Run("AppendConflict", func(t *testing.T) {
		s := newStore(t)
		if _, err := s.AppendBatch(ctx, batch("a", 0), 0); err != nil {
			t.Fatal(err)
		}
		for _, expect := range []int64{0, 2, 7} {
			if _, err := s.AppendBatch(ctx, batch("b", 1), expect); !errors.Is(err, grid.ErrConflict) {
				t.Errorf("AppendBatch with expect %d at version 1: err = %v, want ErrConflict (optimistic concurrency)", expect, err)
			}
		}
		if v := version(t, s); v != 1 {
			t.Errorf("Version after refused appends = %d, want 1 (a refused append changes nothing)", v)
		}
	})

	t.Run("AppendIdempotent", func(t *testing.T) {
		s := newStore(t)
		b := batch("a", 0)
		v1, err := s.AppendBatch(ctx, b, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AppendBatch(ctx, batch("b", 1), 1); err != nil {
			t.Fatal(err)
		}
		v2, err := s.AppendBatch(ctx, b, 0) // retry with a stale expect
		if err != nil || v2 != v1 {
			t.Errorf("retried Append = %d, %v; want the first version %d and nil (appends are idempotent by ID)", v2, err, v1)
		}
		if v := version(t, s); v != 2 {
			t.Errorf("Version after a retry = %d, want 2 (a retry appends nothing)", v)
		}
	})

	t.Run("AppendReusedID", func(t *testing.T) {
		s := newStore(t)
		if _, err := s.AppendBatch(ctx, batch("a", 0), 0); err != nil {
			t.Fatal(err)
		}
		other := batch("a", 5)
		if _, err := s.AppendBatch(ctx, other, 1); !errors.Is(err, grid.ErrConflict) {
			t.Errorf("AppendBatch of a reused ID with other content: err = %v, want ErrConflict", err)
		}
		if v := version(t, s); v != 1 {
			t.Errorf("Version = %d, want 1", v)
		}
	})

	t.Run("AppendEmptyID", func(t *testing.T) {
		s := newStore(t)
		if _, err := s.AppendBatch(ctx, batch("", 0), 0); !errors.Is(err, grid.ErrInvalidChange) {
			t.Errorf("AppendBatch with an empty ID: err = %v, want ErrInvalidChange", err)
		}
	})

	t.Run("RoundTripFields", func(t *testing.T) {
		s := newStore(t)
		cst := time.FixedZone("CST", 8*3600)
		b := grid.Batch{ID: "全部", At: time.Date(2024, 5, 1, 8, 30, 0, 123456789, cst), Reason: "all kinds 变更",
			Changes: []grid.Change{
				grid.Create("c1", "s1", grid.LevelCommunity, "110101001001", "多福巷社区"),
				grid.Move("c1", "s2"),
				grid.Recode("c1", "110101002001"),
				grid.Rename("c1", "新社区"),
				grid.Retire("c1"),
				grid.PutPerson(grid.Person{ID: "p1", Name: "王五", Phone: "010-1234", Org: "物业"}),
				grid.Assign(grid.Assignment{ID: "a1", Person: "p1", Role: grid.GridWorker, Node: "g1",
					Matters: []grid.Matter{"water", "水"}, Period: grid.Interval{From: time.Date(2024, 1, 1, 0, 0, 0, 0, cst), To: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}}),
				grid.Unassign("a1"),
			}}
		if _, err := s.AppendBatch(ctx, b, 0); err != nil {
			t.Fatal(err)
		}
		es := all(t, s, 0)
		if len(es) != 1 || !es[0].Batch.Equal(b) {
			t.Errorf("stored batch = %+v\nwant %+v\n(every field must survive, instants compared as instants)", es, b)
		}
		if len(es) == 1 && !es[0].Batch.At.Equal(b.At) {
			t.Errorf("At = %v, want %v (nanoseconds must survive)", es[0].Batch.At, b.At)
		}
	})

	t.Run("Isolation", func(t *testing.T) {
		s := newStore(t)
		b := batch("a", 0)
		b.Changes = append(b.Changes, grid.Assign(grid.Assignment{ID: "x", Matters: []grid.Matter{"m"}}))
		want := grid.Batch{ID: b.ID, At: b.At, Reason: b.Reason, Changes: []grid.Change{b.Changes[0],
			grid.Assign(grid.Assignment{ID: "x", Matters: []grid.Matter{"m"}})}}
		if _, err := s.AppendBatch(ctx, b, 0); err != nil {
			t.Fatal(err)
		}
		b.Changes[0].Name = "mutated"
		b.Changes[1].Assignment.Matters[0] = "mutated"
		es := all(t, s, 0)
		if !es[0].Batch.Equal(want) {
			t.Errorf("store shares memory with the appended batch: got %+v", es[0].Batch)
		}
		es[0].Batch.Changes[0].Name = "mutated again"
		if es := all(t, s, 0); !es[0].Batch.Equal(want) {
			t.Errorf("store shares memory with a yielded batch: got %+v", es[0].Batch)
		}
	})

	t.Run("BulkAppend", func(t *testing.T) {
		s := newStore(t)
		spec := CitySpec{Districts: 2, Subdistricts: 4, Communities: 5, Grids: 4, Buildings: 5, Units: 2}
		b := GenerateCity(spec, "bulk", t0)
		if _, err := s.AppendBatch(ctx, b, 0); err != nil {
			t.Fatalf("bulk Append of %d changes: %v", len(b.Changes), err)
		}
		es := all(t, s, 0)
		if len(es) != 1 || !es[0].Batch.Equal(b) {
			t.Fatalf("bulk batch did not round-trip (%d entries)", len(es))
		}
		svc := grid.NewService(s, nil)
		var n int
		err := svc.Read(ctx, func(tr *grid.Tree) error { n = tr.Len(); return nil })
		if err != nil || n != spec.Size() {
			t.Errorf("Service over the store loaded %d nodes, %v; want %d", n, err, spec.Size())
		}
	})

	t.Run("ConcurrentAppend", func(t *testing.T) {
		s := newStore(t)
		const writers, each = 8, 5
		var wg sync.WaitGroup
		errs := make(chan error, writers)
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for k := range each {
					b := batch(fmt.Sprintf("w%d-%d", w, k), w*each+k)
					for {
						v, err := s.Version(ctx)
						if err != nil {
							errs <- err
							return
						}
						_, err = s.AppendBatch(ctx, b, v)
						if err == nil {
							break
						}
						if !errors.Is(err, grid.ErrConflict) {
							errs <- err
							return
						}
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		es := all(t, s, 0)
		seen := map[string]bool{}
		for k, e := range es {
			if e.Version != int64(k+1) || seen[e.Batch.ID] {
				t.Fatalf("entry %d: version %d id %q; want gapless versions and unique ids", k, e.Version, e.Batch.ID)
			}
			seen[e.Batch.ID] = true
		}
		if len(es) != writers*each {
			t.Errorf("log has %d batches, want %d (each successful append exactly once)", len(es), writers*each)
		}
	})

	t.Run("ConcurrentRetry", func(t *testing.T) {
		s := newStore(t)
		b := batch("same", 0)
		var wg sync.WaitGroup
		vs := make([]int64, 8)
		for k := range vs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				v, err := s.AppendBatch(ctx, b, 0)
				if err != nil {
					t.Errorf("concurrent retry: %v", err)
				}
				vs[k] = v
			}()
		}
		wg.Wait()
		for _, v := range vs {
			if v != 1 {
				t.Errorf("concurrent appends of one batch returned versions %v; want all 1", vs)
				break
			}
		}
		if v := version(t, s); v != 1 {
			t.Errorf("Version = %d, want 1", v)
		}
	})

	t.Run("CanceledContext", func(t *testing.T) {
		s := newStore(t)
		if _, err := s.AppendBatch(ctx, batch("a", 0), 0); err != nil {
			t.Fatal(err)
		}
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := s.AppendBatch(cctx, batch("b", 1), 1); !errors.Is(err, context.Canceled) {
			t.Errorf("AppendBatch with a canceled context: err = %v, want context.Canceled", err)
		}
		if _, err := s.Version(cctx); !errors.Is(err, context.Canceled) {
			t.Errorf("Version with a canceled context: err = %v, want context.Canceled", err)
		}
		var gotErr error
		for _, err := range s.Batches(cctx, 0) {
			if err != nil {
				gotErr = err
			}
		}
		if !errors.Is(gotErr, context.Canceled) {
			t.Errorf("Batches with a canceled context yielded err %v, want context.Canceled", gotErr)
		}
		if v := version(t, s); v != 1 {
			t.Errorf("Version = %d, want 1 (a canceled append changes nothing)", v)
		}
	})

	t.Run("ServiceReplay", func(t *testing.T) {
		s := newStore(t)
		svc := grid.NewService(s, nil)
		b := GenerateCity(CitySpec{Districts: 1, Subdistricts: 2, Communities: 2, Grids: 1, Buildings: 2, Workers: true}, "city", t0)
		if _, err := svc.Apply(ctx, b); err != nil {
			t.Fatal(err)
		}
		c1 := grid.Code("110101001001")
		ch, err := func() ([]grid.Change, error) {
			var ch []grid.Change
			err := svc.Read(ctx, func(tr *grid.Tree) (err error) {
				ch, err = tr.MergeChanges([]grid.ID{NodeID(c1), NodeID("110101001002")}, grid.Part{ID: "merged", Name: "合并社区", Code: c1}, t0.AddDate(1, 0, 0))
				return err
			})
			return ch, err
		}()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Apply(ctx, grid.Batch{ID: "merge", At: t0.AddDate(1, 0, 0), Changes: ch}); err != nil {
			t.Fatal(err)
		}
		other := grid.NewService(s, nil)
		building := NodeID("1101010010010010001")
		for _, at := range []time.Time{t0, t0.AddDate(1, 0, 0)} {
			want, err1 := svc.AncestorAt(ctx, building, grid.LevelCommunity, at)
			got, err2 := other.AncestorAt(ctx, building, grid.LevelCommunity, at)
			if err1 != nil || err2 != nil || got != want {
				t.Errorf("replayed community of %s at %v = %s, %v; want %s, %v (the log must rebuild the same history)", building, at, got, err2, want, err1)
			}
		}
	})
}
