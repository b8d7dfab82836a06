package postgres_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/adapters/postgres"
	"github.com/gongzhi/gongzhi/grid/gridtest"
	"github.com/gongzhi/gongzhi/vote"
)

// BenchmarkCast measures concurrent casts through the pool (8
// connections, durable commits): each op is one AppendBallot of a new
// voter, a transaction of three statements.
func BenchmarkCast(b *testing.B) {
	ctx := context.Background()
	s := postgres.NewVoteStore(migratedPool(b, 8, durable))
	openPoll(b, s, "p", false)
	var seq atomic.Int64
	b.SetParallelism(4) // 4 x GOMAXPROCS goroutines share the 8 connections
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			e := entry("p", vote.VoterID(fmt.Sprintf("v%09d", seq.Add(1))), "a", false)
			if _, err := s.AppendBallot(ctx, e); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "casts/s")
}

// BenchmarkGridImport measures one grid.Store append of a generated city
// of about a million nodes (a single batch written with COPY).
func BenchmarkGridImport(b *testing.B) {
	ctx := context.Background()
	spec := gridtest.CitySpec{Districts: 16, Subdistricts: 20, Communities: 10, Grids: 5, Buildings: 10, Units: 5}
	batch := gridtest.GenerateCity(spec, "city", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		s := postgres.NewGridStore(migratedPool(b, 2, durable))
		b.StartTimer()
		if _, err := s.AppendBatch(ctx, batch, 0); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(batch.Changes)), "nodes/op")
	b.ReportMetric(float64(len(batch.Changes))*float64(b.N)/b.Elapsed().Seconds(), "nodes/s")
}

// benchBallots is the poll size of BenchmarkTally: GONGZHI_BENCH_BALLOTS,
// default one million (ten million takes minutes to load).
func benchBallots(b *testing.B) int {
	n := 1_000_000
	if v := os.Getenv("GONGZHI_BENCH_BALLOTS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n <= 0 {
			b.Fatalf("GONGZHI_BENCH_BALLOTS=%q", v)
		}
	}
	return n
}

// BenchmarkTally loads a poll of GONGZHI_BENCH_BALLOTS ballots into
// PostgreSQL (with ImportBallots, timed as "import") and into the memory
// store, then tallies it by streaming the ballots from each store.
func BenchmarkTally(b *testing.B) {
	ctx := context.Background()
	n := benchBallots(b)
	pg := postgres.NewVoteStore(migratedPool(b, 4, fast))
	p := openPoll(b, pg, "p", false)

	start := time.Now()
	if got, err := pg.ImportBallots(ctx, "p", casts(n, false)); err != nil || got != int64(n) {
		b.Fatalf("import: %d, %v", got, err)
	}
	b.Logf("imported %d ballots with COPY in %v (%.0f ballots/s)", n, time.Since(start), float64(n)/time.Since(start).Seconds())

	// The postgres tally runs first, before the memory store fills the
	// heap: a live 10M-ballot MemStore makes every GC cycle of the other
	// run scan gigabytes.
	var want vote.Result
	tally := func(name string, store vote.Store) {
		b.Run(name, func(b *testing.B) {
			for range b.N {
				res, err := vote.TallySeq(p, store.Ballots(ctx, "p"))
				if err != nil {
					b.Fatal(err)
				}
				if res.Cast != int64(n) {
					b.Fatalf("tally counted %d ballots, want %d", res.Cast, n)
				}
				if want.Cast == 0 {
					want = res
				} else if fmt.Sprint(res.Options) != fmt.Sprint(want.Options) {
					b.Fatalf("%s tally %v differs from %v", name, res.Options, want.Options)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "ballots/s")
		})
	}
	tally("postgres", pg)

	mem := vote.NewMemStore()
	if err := mem.CreatePoll(ctx, p); err != nil {
		b.Fatal(err)
	}
	for c := range casts(n, false) {
		bl := c.Ballot
		bl.ID, bl.Voter = vote.BallotID(c.Voter), c.Voter
		bl = bl.Canonical()
		e := vote.Entry{Poll: "p", Voter: c.Voter, Ballot: bl, Receipt: vote.NewReceipt("p", bl, 1, "bench-salt")}
		if _, err := mem.AppendBallot(ctx, e); err != nil {
			b.Fatal(err)
		}
	}
	tally("memory", mem)
}

// benchConcurrentCasts measures AppendBallot of new voters by exactly
// voters goroutines at once (each a voter at a polling station waiting
// for their receipt), and reports casts per second.
func benchConcurrentCasts(b *testing.B, s vote.Store, voters int) {
	ctx := context.Background()
	openPoll(b, s, "p", false)
	var next atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	for range voters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1)
				if i > int64(b.N) {
					return
				}
				if _, err := s.AppendBallot(ctx, entry("p", vote.VoterID(fmt.Sprintf("v%09d", i)), "a", false)); err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "casts/s")
}

// BenchmarkCastVoters measures durable casts with 1, 8 and 64 concurrent
// voters on a pool of 8 connections.
func BenchmarkCastVoters(b *testing.B) {
	for _, voters := range []int{1, 8, 64} {
		b.Run(fmt.Sprintf("voters=%d", voters), func(b *testing.B) {
			benchConcurrentCasts(b, postgres.NewVoteStore(migratedPool(b, 8, durable)), voters)
		})
	}
}
