package grid_test

import (
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/grid/gridtest"
	"github.com/gongzhi/gongzhi/internal/cputime"
)

var benchAt = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

var beijing = sync.OnceValues(func() (*grid.Tree, grid.Batch) {
	b := gridtest.GenerateCity(gridtest.BeijingScale(), "beijing", benchAt)
	t, err := grid.NewTreeSize(grid.DefaultHierarchy(), len(b.Changes))
	if err != nil {
		panic(err)
	}
	if err := t.Apply(b); err != nil {
		panic(err)
	}
	return t, b
})

var beijingView = sync.OnceValue(func() *grid.View {
	t, _ := beijing()
	return t.At(benchAt)
})

// BenchmarkBuild applies the 1,065,809 creates of a Beijing-scale city to
// an empty tree.
func BenchmarkBuild(b *testing.B) {
	_, batch := beijing()
	done := cputime.Report(b)
	for b.Loop() {
		t, err := grid.NewTreeSize(grid.DefaultHierarchy(), len(batch.Changes))
		if err != nil {
			b.Fatal(err)
		}
		if err := t.Apply(batch); err != nil {
			b.Fatal(err)
		}
	}
	done()
	b.ReportMetric(float64(len(batch.Changes)), "nodes")
}

// BenchmarkView builds the immutable View of the 1M-node tree at one
// instant.
func BenchmarkView(b *testing.B) {
	t, _ := beijing()
	done := cputime.Report(b)
	for b.Loop() {
		t.At(benchAt)
	}
	done()
}

// BenchmarkMemory reports the live heap per node of the Beijing-scale
// Tree and of its View (the generated batch excluded).
func BenchmarkMemory(b *testing.B) {
	_, batch := beijing()
	n := float64(len(batch.Changes))
	var tree, view float64
	for b.Loop() {
		var m0, m1, m2 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		t, err := grid.NewTreeSize(grid.DefaultHierarchy(), len(batch.Changes))
		if err != nil {
			b.Fatal(err)
		}
		if err := t.Apply(batch); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&m1)
		v := t.At(benchAt)
		runtime.GC()
		runtime.ReadMemStats(&m2)
		tree = float64(m1.HeapAlloc-m0.HeapAlloc) / n
		view = float64(m2.HeapAlloc-m1.HeapAlloc) / n
		runtime.KeepAlive(t)
		runtime.KeepAlive(v)
	}
	b.ReportMetric(tree, "treeB/node")
	b.ReportMetric(view, "viewB/node")
}

func sampleCodes(v *grid.View, n int) []grid.Code {
	r := rand.New(rand.NewPCG(1, 2))
	out := make([]grid.Code, n)
	for k := range out {
		out[k] = v.CodeAt(r.IntN(v.Len()))
	}
	return out
}

// BenchmarkViewCodeAndPath looks a random code up and collects its ancestor
// path (indexes), on the View.
func BenchmarkViewCodeAndPath(b *testing.B) {
	v := beijingView()
	codes := sampleCodes(v, 1<<16)
	path := make([]int, 0, 16)
	k := 0
	done := cputime.Report(b)
	for b.Loop() {
		i, ok := v.IndexOfCode(codes[k&(1<<16-1)])
		if !ok {
			b.Fatal("code not found")
		}
		path = v.AppendAncestors(path[:0], i)
		k++
	}
	done()
}

// BenchmarkTreeCodeAndPath is the history-aware lookup on the Tree itself:
// ByCode at an instant, then the ancestor IDs at that instant.
func BenchmarkTreeCodeAndPath(b *testing.B) {
	t, _ := beijing()
	codes := sampleCodes(beijingView(), 1<<16)
	k := 0
	done := cputime.Report(b)
	for b.Loop() {
		n, err := t.ByCode(codes[k&(1<<16-1)], benchAt)
		if err != nil {
			b.Fatal(err)
		}
		for range t.Ancestors(n.ID, benchAt) {
		}
		k++
	}
	done()
}

// BenchmarkRollUp sums one figure per node into every ancestor.
func BenchmarkRollUp(b *testing.B) {
	v := beijingView()
	figures := make([]int64, v.Len())
	for i := range figures {
		figures[i] = int64(i & 7)
	}
	work := make([]int64, len(figures))
	done := cputime.Report(b)
	for b.Loop() {
		copy(work, figures)
		grid.RollUpInPlace(v, work)
	}
	done()
}

// BenchmarkRollUp10MTickets attributes 10,000,000 tickets (their places as
// dense indexes) to nodes and rolls the counts up: the ticket package's
// metrics budget is 3 s.
func BenchmarkRollUp10MTickets(b *testing.B) {
	v := beijingView()
	r := rand.New(rand.NewPCG(3, 4))
	places := make([]int32, 10_000_000)
	for k := range places {
		places[k] = int32(r.IntN(v.Len()))
	}
	counts := make([]int64, v.Len())
	done := cputime.Report(b)
	for b.Loop() {
		clear(counts)
		for _, p := range places {
			counts[p]++
		}
		grid.RollUpInPlace(v, counts)
	}
	done()
}

// BenchmarkResponsible resolves the responsible grid worker of a random
// unit in a Beijing-scale city with a worker per grid and a steward per
// building.
func BenchmarkResponsible(b *testing.B) {
	spec := gridtest.BeijingScale()
	spec.Districts, spec.Workers = 2, true
	batch := gridtest.GenerateCity(spec, "c", benchAt)
	t, err := grid.NewTreeSize(grid.DefaultHierarchy(), len(batch.Changes))
	if err != nil {
		b.Fatal(err)
	}
	if err := t.Apply(batch); err != nil {
		b.Fatal(err)
	}
	units := make([]grid.ID, 0, 1024)
	for id := range t.AtLevel(grid.LevelUnit, benchAt) {
		if len(units) < cap(units) {
			units = append(units, id)
		}
	}
	q := grid.Query{Matter: "water", Roles: []grid.Role{grid.GridWorker}}
	k := 0
	done := cputime.Report(b)
	for b.Loop() {
		if _, err := t.Responsible(units[k%len(units)], benchAt, q); err != nil {
			b.Fatal(err)
		}
		k++
	}
	done()
}

// BenchmarkMemoryLatency calibrates the machine: one dependent random read
// in a 64 MB array (a cache and TLB miss). Lookups and ancestor walks on a
// million-node view cost a few such misses, so compare their figures with
// this one on a loaded machine.
func BenchmarkMemoryLatency(b *testing.B) {
	const n = 1 << 24
	r := rand.New(rand.NewPCG(5, 6))
	perm := r.Perm(n)
	next := make([]int32, n)
	for i := range n {
		next[perm[i]] = int32(perm[(i+1)%n])
	}
	p := int32(0)
	done := cputime.Report(b)
	for b.Loop() {
		p = next[p]
	}
	done()
	runtime.KeepAlive(p)
}
