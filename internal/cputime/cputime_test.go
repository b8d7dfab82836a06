package cputime

import (
	"runtime"
	"testing"
)

// TestProcessAdvances: burning CPU makes the process's CPU time grow (on
// platforms that can tell).
func TestProcessAdvances(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("no getrusage")
	}
	start := Process()
	x := uint64(1)
	for Process()-start <= 0 {
		for i := range 1_000_000 {
			x = x*6364136223846793005 + uint64(i)
		}
	}
	if x == 0 {
		t.Log(x)
	}
	if Process() < start {
		t.Fatalf("CPU time went back: %v < %v", Process(), start)
	}
}
