package ranked_test

import (
	"math/rand/v2"
	"testing"

	"github.com/gongzhi/gongzhi/vote/ranked"
)

// BenchmarkIRVMinneapolis2017 counts the 2017 Minneapolis mayoral election
// (104,484 ballots with a choice, 2,498 distinct rankings) under the
// Minneapolis rules. Target: under 5 ms.
func BenchmarkIRVMinneapolis2017(b *testing.B) {
	e := loadBLT(b, "rcv_2017_minneapolis_mayor", "2017_minneapolis_mayor.blt")
	r := ranked.MinneapolisIRV()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ranked.Tally(r, e); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSTVCumbernauldSouth counts the Scottish election by WIGM.
func BenchmarkSTVCumbernauldSouth(b *testing.B) {
	e := loadBLT(b, "stv_scotland_2012_cumbernauld_south", "cumbernauld_south_2012.blt")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ranked.Tally(ranked.ScottishSTV(4), e); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMeekCumbernauldSouth counts the same election by Meek's method.
func BenchmarkMeekCumbernauldSouth(b *testing.B) {
	e := loadBLT(b, "stv_scotland_2012_cumbernauld_south", "cumbernauld_south_2012.blt")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ranked.Tally(ranked.MeekSTV(4), e); err != nil {
			b.Fatal(err)
		}
	}
}

// million returns 1,000,000 single ballots over 20 candidates, each ranking
// 1 to 20 candidates (10.5 on average) drawn with a popularity bias, from
// a fixed seed.
func million() ranked.Election {
	const n, voters = 20, 1_000_000
	rng := rand.New(rand.NewPCG(2024, 7))
	e := ranked.Election{Candidates: make([]string, n)}
	for i := range n {
		e.Candidates[i] = string(rune('A'+i)) + "candidate"
	}
	backing := make([]int, 0, voters*11)
	e.Ballots = make([]ranked.Ballot, voters)
	perm := make([]int, n)
	for v := range voters {
		for i := range perm {
			perm[i] = i
		}
		// A partial Fisher-Yates shuffle, biased towards low indices.
		k := 1 + rng.IntN(n)
		start := len(backing)
		for i := range k {
			j := i + rng.IntN(n-i)
			if rng.IntN(3) == 0 {
				j = i + rng.IntN(min(3, n-i))
			}
			perm[i], perm[j] = perm[j], perm[i]
			backing = append(backing, perm[i])
		}
		e.Ballots[v] = ranked.Ballot{Weight: 1, Ranking: backing[start:len(backing):len(backing)]}
	}
	return e
}

// BenchmarkIRVMillion: IRV over 1,000,000 ranked ballots of 20
// candidates. Target: under 0.5 s.
func BenchmarkIRVMillion(b *testing.B) {
	e := million()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := ranked.Tally(ranked.Rule{Method: ranked.IRV}, e); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSchulzeMillion: Schulze over 1,000,000 ranked ballots of 20
// candidates. Target: under 0.3 s and 200 MB.
func BenchmarkSchulzeMillion(b *testing.B) {
	e := million()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := ranked.Tally(ranked.Rule{Method: ranked.Schulze}, e); err != nil {
			b.Fatal(err)
		}
	}
}
