package keyset_test

import (
	"context"
	"errors"
	"iter"
	"slices"
	"sync/atomic"
	"testing"

	"pgregory.net/rapid"

	"github.com/gongzhi/gongzhi/internal/keyset"
)

// table is n rows 0..n-1 read by key, as a keyset query reads them.
type table struct {
	n      int
	size   int
	failAt int // the read (1-based) that fails; 0 never
	reads  atomic.Int32
	active atomic.Int32 // reads in progress
}

var errRead = errors.New("read failed")

// next returns a Next with its own cursor over t.
func (t *table) next() keyset.Next[int] {
	after := -1
	return func(ctx context.Context) ([]int, error) {
		t.active.Add(1)
		defer t.active.Add(-1)
		if r := int(t.reads.Add(1)); r == t.failAt {
			return nil, errRead
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var page []int
		for v := after + 1; v < t.n && len(page) < t.size; v++ {
			page = append(page, v)
		}
		if len(page) > 0 {
			after = page[len(page)-1]
		}
		return page, nil
	}
}

type stream func(ctx context.Context, size int, next keyset.Next[int]) iter.Seq2[int, error]

var streams = map[string]stream{"Pages": keyset.Pages[int], "Prefetch": keyset.Prefetch[int]}

func collect(seq iter.Seq2[int, error]) ([]int, error) {
	var got []int
	for v, err := range seq {
		if err != nil {
			return got, err
		}
		got = append(got, v)
	}
	return got, nil
}

// Every row comes once, in key order, whatever the page size; the reads
// stop at the first short page (an empty one after a full last page).
func TestEveryRowOnce(t *testing.T) {
	for name, s := range streams {
		t.Run(name, func(t *testing.T) {
			rapid.Check(t, func(rt *rapid.T) {
				tb := &table{n: rapid.IntRange(0, 50).Draw(rt, "rows"), size: rapid.IntRange(1, 8).Draw(rt, "size")}
				got, err := collect(s(context.Background(), tb.size, tb.next()))
				if err != nil {
					rt.Fatal(err)
				}
				want := make([]int, tb.n)
				for i := range want {
					want[i] = i
				}
				if !slices.Equal(got, want) {
					rt.Fatalf("got %v, want %v", got, want)
				}
				if r, want := int(tb.reads.Load()), tb.n/tb.size+1; r != want {
					rt.Fatalf("%d reads for %d rows in pages of %d, want %d", r, tb.n, tb.size, want)
				}
			})
		})
	}
}

// A failed read ends the stream with its error after the rows before it.
func TestReadError(t *testing.T) {
	for name, s := range streams {
		t.Run(name, func(t *testing.T) {
			tb := &table{n: 10, size: 3, failAt: 3}
			got, err := collect(s(context.Background(), tb.size, tb.next()))
			if !errors.Is(err, errRead) || !slices.Equal(got, []int{0, 1, 2, 3, 4, 5}) {
				t.Fatalf("got %v, %v; want rows 0-5 then the read error", got, err)
			}
		})
	}
}

// A canceled context reads nothing.
func TestCanceledBeforeStart(t *testing.T) {
	for name, s := range streams {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			tb := &table{n: 10, size: 3}
			got, err := collect(s(ctx, tb.size, tb.next()))
			if !errors.Is(err, context.Canceled) || len(got) != 0 || tb.reads.Load() != 0 {
				t.Fatalf("got %v, %v after %d reads; want context.Canceled and no read", got, err, tb.reads.Load())
			}
		})
	}
}

// A context canceled mid-stream ends it with the context's error, never
// with a silently short result.
func TestCanceledMidStream(t *testing.T) {
	for name, s := range streams {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			tb := &table{n: 100, size: 4}
			var got []int
			var err error
			for v, e := range s(ctx, tb.size, tb.next()) {
				if e != nil {
					err = e
					break
				}
				got = append(got, v)
				if v == 5 {
					cancel()
				}
			}
			if !errors.Is(err, context.Canceled) || len(got) == 100 {
				t.Fatalf("got %d rows, %v; want context.Canceled before the end", len(got), err)
			}
		})
	}
}

// A consumer that stops early stops the reads: when the loop returns, no
// read is running and none starts later.
func TestEarlyStop(t *testing.T) {
	for name, s := range streams {
		t.Run(name, func(t *testing.T) {
			tb := &table{n: 1000, size: 2}
			for v, err := range s(context.Background(), tb.size, tb.next()) {
				if err != nil {
					t.Fatal(err)
				}
				if v == 4 {
					break
				}
			}
			if a := tb.active.Load(); a != 0 {
				t.Fatalf("%d reads still running after the loop returned", a)
			}
			reads := tb.reads.Load()
			if reads > 5 {
				t.Fatalf("%d reads for 5 rows in pages of 2: reading went on after the consumer stopped", reads)
			}
		})
	}
}
