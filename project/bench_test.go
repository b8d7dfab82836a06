package project_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/internal/cputime"
	"github.com/gongzhi/gongzhi/project"
	"github.com/shopspring/decimal"
)

func benchHouseholds(n int) []project.Household {
	hs := make([]project.Household, n)
	for i := range hs {
		hs[i] = project.Household{
			ID:    project.HouseholdID(fmt.Sprintf("h%06d", (i*7919)%n)),
			Floor: 1 + i%9,
			Area:  decimal.New(int64(5000+(i*37)%9000), -2),
		}
	}
	return hs
}

// BenchmarkSplit shares a cost among 100,000 households (target: < 50 ms),
// listed in shuffled id order, and by area also in register (id) order.
func BenchmarkSplit(b *testing.B) {
	hs := benchHouseholds(100_000)
	sorted := slices.Clone(hs)
	slices.SortFunc(sorted, func(a, b project.Household) int { return strings.Compare(string(a.ID), string(b.ID)) })
	for _, tc := range []struct {
		name string
		rule project.SharingRule
		hs   []project.Household
	}{
		{"equal", project.EqualSplit(), hs},
		{"area", project.AreaSplit(), hs},
		{"area-sorted", project.AreaSplit(), sorted},
		{"floor_area", project.GuangzhouElevator(), hs},
	} {
		rule, hs := tc.rule, tc.hs
		b.Run(tc.name, func(b *testing.B) {
			done := cputime.Report(b)
			for b.Loop() {
				if _, err := project.Split(rule, decimal.RequireFromString("98765432.10"), hs); err != nil {
					b.Fatal(err)
				}
			}
			done()
		})
	}
}

func benchCandidates(n int) []project.Candidate {
	cs := make([]project.Candidate, n)
	for i := range cs {
		base := int64(40 + i%60)
		support := base * int64(70+(i*13)%31) / 100
		cs[i] = project.Candidate{
			Project:  project.ID(fmt.Sprintf("p%05d", (i*7919)%n)),
			Grid:     grid.ID(fmt.Sprintf("b%03d", i%500)),
			Category: []string{"green", "safety", "elderly", "culture"}[i%4],
			Cost:     project.Yuan(int64(1_000_000 + (i*104729)%50_000_000)),
			Year:     2024 + i%3,
			Vote:     voted(support, base, i%97 == 0),
		}
	}
	return cs
}

// BenchmarkChoose plans a year from 10,000 candidates with a target of
// 100, a budget and caps per community and category (target: < 100 ms).
func BenchmarkChoose(b *testing.B) {
	cands := benchCandidates(10_000)
	tr := tree{}
	for i := range 500 {
		tr[grid.ID(fmt.Sprintf("b%03d", i))] = []grid.ID{grid.ID(fmt.Sprintf("c%02d", i%50)), "district"}
	}
	rule := project.PlanRule{Year: 2027, Budget: decimal.RequireFromString("20000000"), Max: 100,
		Caps: []project.Cap{{Grid: "c07", Budget: dp("800000")}, {Category: "culture", Count: 20}}}
	done := cputime.Report(b)
	for b.Loop() {
		if _, err := project.Choose(rule, cands, tr); err != nil {
			b.Fatal(err)
		}
	}
	done()
}
