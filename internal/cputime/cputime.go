// Package cputime measures the CPU time the process has used, so that a
// benchmark on a shared machine can report CPU per operation ("cpu-ns/op",
// user + system time of every thread, the garbage collector included)
// beside the wall time of ns/op, which also counts the time other
// processes hold the cores.
package cputime

import (
	"testing"
	"time"
)

// Process returns the user + system CPU time the process has used so far,
// or 0 where the platform cannot tell.
func Process() time.Duration { return process() }

// Report starts measuring and returns a function that, called when the
// benchmark loop ends, reports the CPU time per operation as "cpu-ns/op".
func Report(b *testing.B) func() {
	start := Process()
	return func() {
		b.ReportMetric(float64(Process()-start)/float64(b.N), "cpu-ns/op")
	}
}
