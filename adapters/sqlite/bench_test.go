package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/adapters/sqlite"
	"github.com/gongzhi/gongzhi/internal/cputime"
	"github.com/gongzhi/gongzhi/vote"
)

// benchConcurrentCasts measures AppendBallot of new voters by exactly
// voters goroutines at once, and reports casts per second.
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

// BenchmarkCastVoters measures durable casts (synchronous=FULL: each
// commit is fsynced) with 1, 8 and 64 concurrent voters, and the memory
// store for comparison.
func BenchmarkCastVoters(b *testing.B) {
	for _, voters := range []int{1, 8, 64} {
		b.Run(fmt.Sprintf("store=sqlite/voters=%d", voters), func(b *testing.B) {
			benchConcurrentCasts(b, sqlite.NewVoteStore(openDurable(b)), voters)
		})
		b.Run(fmt.Sprintf("store=memory/voters=%d", voters), func(b *testing.B) {
			benchConcurrentCasts(b, vote.NewMemStore(), voters)
		})
	}
}

// benchBallots is the poll size of BenchmarkTally: GONGZHI_BENCH_BALLOTS,
// default one million.
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

// BenchmarkTally loads a poll of GONGZHI_BENCH_BALLOTS ballots (default a
// million) with ImportBallots and tallies it by streaming the ballots from
// the file.
func BenchmarkTally(b *testing.B) {
	ctx := context.Background()
	n := benchBallots(b)
	s := sqlite.NewVoteStore(openDurable(b))
	p := openPoll(b, s, "p", false)
	start := time.Now()
	if got, err := s.ImportBallots(ctx, "p", casts(n, false)); err != nil || got != int64(n) {
		b.Fatalf("import: %d, %v", got, err)
	}
	b.Logf("imported %d ballots in %v (%.0f ballots/s)", n, time.Since(start), float64(n)/time.Since(start).Seconds())
	b.ResetTimer()
	for range b.N {
		res, err := vote.TallySeq(p, s.Ballots(ctx, "p"))
		if err != nil {
			b.Fatal(err)
		}
		if res.Cast != int64(n) {
			b.Fatalf("tally counted %d ballots, want %d", res.Cast, n)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "ballots/s")
}

// BenchmarkServiceImport measures vote.Service.Import of 1000 first
// ballots per op into one open poll on SQLite, through vote.BulkStore
// (one transaction, 128 rows per INSERT) and without it (plainStore: one
// AppendBallot, so one commit, per ballot), on a durable file
// (synchronous=FULL) and on one without synchronous commits.
func BenchmarkServiceImport(b *testing.B) {
	const batch = 1000
	for _, durable := range []bool{true, false} {
		for _, bulk := range []bool{true, false} {
			b.Run(fmt.Sprintf("durable=%v/bulk=%v", durable, bulk), func(b *testing.B) {
				ctx := context.Background()
				db := openDB(b)
				if durable {
					db = openDurable(b)
				}
				var store vote.Store = sqlite.NewVoteStore(db)
				if !bulk {
					store = plainStore{store}
				}
				svc := vote.NewService(store, nil)
				if _, err := svc.Create(ctx, vote.Poll{ID: "p", Rule: vote.ProjectPriorities(),
					Options: []vote.Option{{ID: "a"}, {ID: "b"}}}); err != nil {
					b.Fatal(err)
				}
				if _, err := svc.Open(ctx, "p"); err != nil {
					b.Fatal(err)
				}
				casts := make([]vote.VoterBallot, batch)
				cpu := cputime.Report(b)
				b.ResetTimer()
				for i := range b.N {
					for j := range casts {
						casts[j] = vote.VoterBallot{Voter: vote.VoterID(fmt.Sprintf("v%09d", i*batch+j)),
							Ballot: vote.Ballot{Marks: []vote.Mark{{Option: "a"}}}}
					}
					if rs, err := svc.Import(ctx, "p", casts); err != nil || len(rs) != batch {
						b.Fatalf("Import: %d receipts, %v", len(rs), err)
					}
				}
				cpu()
				b.ReportMetric(float64(batch)*float64(b.N)/b.Elapsed().Seconds(), "ballots/s")
			})
		}
	}
}
