package vote_test

import (
	"context"
	"fmt"
	"iter"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/gongzhi/gongzhi/internal/cputime"
	"github.com/gongzhi/gongzhi/vote"
)

const (
	benchBallots = 10_000_000
	benchOptions = 6
	benchMarks   = 5
)

// benchStream yields n limited-approval ballots of benchMarks marks among
// benchOptions options without holding them: each ballot leaves out one
// option chosen by a xorshift generator, and the six possible mark lists
// are shared (Tally does not retain ballots).
func benchStream(n int) (iter.Seq2[vote.Ballot, error], []vote.Option) {
	options := make([]vote.Option, benchOptions)
	for i := range options {
		options[i] = vote.Option{ID: vote.OptionID(fmt.Sprintf("project-%d", i+1))}
	}
	patterns := make([][]vote.Mark, benchOptions)
	for leave := range patterns {
		for i, o := range options {
			if i != leave {
				patterns[leave] = append(patterns[leave], vote.Mark{Option: o.ID})
			}
		}
	}
	return func(yield func(vote.Ballot, error) bool) {
		x := uint64(0x9E3779B97F4A7C15)
		for range n {
			x ^= x << 13
			x ^= x >> 7
			x ^= x << 17
			if !yield(vote.Ballot{Marks: patterns[x%benchOptions]}, nil) {
				return
			}
		}
	}, options
}

// BenchmarkTallyLimitedApproval tallies 10,000,000 ballots of 5 marks
// among 6 options under ProjectPriorities (validation, counting,
// thresholds, selection). One op is one full tally.
func BenchmarkTallyLimitedApproval(b *testing.B) {
	stream, options := benchStream(benchBallots)
	poll := vote.Poll{ID: "bench", Rule: vote.ProjectPriorities(), Options: options}
	b.ReportAllocs()
	for b.Loop() {
		res, err := vote.TallySeq(poll, stream)
		if err != nil || res.Valid != benchBallots {
			b.Fatalf("valid %d, err %v", res.Valid, err)
		}
	}
	b.ReportMetric(float64(benchBallots*benchMarks)*float64(b.N)/b.Elapsed().Seconds(), "marks/s")
}

// BenchmarkCountMarksBaseline is the bare loop the tally is measured
// against: it reads the same stream and only adds each mark to its
// option's count, with no validation. It finds options the way the tally
// does (trying the option after the previous mark's first).
func BenchmarkCountMarksBaseline(b *testing.B) {
	stream, options := benchStream(benchBallots)
	ids := make([]vote.OptionID, len(options))
	for i, o := range options {
		ids[i] = o.ID
	}
	b.ReportAllocs()
	for b.Loop() {
		counts := make([]int64, len(ids))
		for ballot := range stream {
			hint := 0
			for _, m := range ballot.Marks {
				if hint < len(ids) && ids[hint] == m.Option {
					counts[hint]++
					hint++
					continue
				}
				for i, id := range ids {
					if id == m.Option {
						counts[i]++
						hint = i + 1
						break
					}
				}
			}
		}
		var total int64
		for _, c := range counts {
			total += c
		}
		if total != benchBallots*benchMarks {
			b.Fatalf("counted %d marks", total)
		}
	}
	b.ReportMetric(float64(benchBallots*benchMarks)*float64(b.N)/b.Elapsed().Seconds(), "marks/s")
}

// BenchmarkCast casts ballots from parallel voters through a Service on a
// MemStore: eligibility check, ballot validation, canonical form, receipt
// hash and atomic append. The poll has an eligibility list of b.N voters
// (built before the timer starts), as real polls do.
func BenchmarkCast(b *testing.B) { benchCast(b, false) }

// BenchmarkCastSecret is BenchmarkCast for a secret poll: each cast also
// draws a random ballot token (crypto/rand), and the store keeps marks and
// ballots apart.
func BenchmarkCastSecret(b *testing.B) { benchCast(b, true) }

func benchCast(b *testing.B, secret bool) {
	ctx := context.Background()
	svc := vote.NewService(vote.NewMemStore(), nil)
	_, options := benchStream(0)
	voters := make([]vote.Voter, b.N)
	for i := range voters {
		voters[i] = vote.Voter{ID: vote.VoterID("v" + strconv.Itoa(i))}
	}
	if _, err := svc.Create(ctx, vote.Poll{ID: "bench", Rule: vote.ProjectPriorities(), Options: options, Voters: voters, Secret: secret}); err != nil {
		b.Fatal(err)
	}
	if _, err := svc.Open(ctx, "bench"); err != nil {
		b.Fatal(err)
	}
	ballot := vote.Ballot{Marks: []vote.Mark{{Option: options[0].ID}, {Option: options[2].ID}, {Option: options[3].ID}, {Option: options[4].ID}, {Option: options[5].ID}}}
	var next atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	defer cputime.Report(b)() // CPU per cast: ns/op counts other processes' time on a shared machine
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			v := voters[next.Add(1)-1].ID
			if _, err := svc.Cast(ctx, "bench", v, ballot); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "casts/s")
}
