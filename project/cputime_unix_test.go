//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package project_test

import (
	"syscall"
	"testing"
)

// cpuStart is the process CPU time at the start of a benchmark loop.
type cpuStart syscall.Rusage

func rusage() cpuStart {
	var r syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &r)
	return cpuStart(r)
}

// reportCPU adds the process CPU time per operation (user + system,
// including the garbage collector) as "cpu-ns/op": on a shared machine
// wall time also counts the time other processes hold the cores.
func reportCPU(b *testing.B, start cpuStart) {
	end := rusage()
	cpu := func(r cpuStart) int64 { return r.Utime.Nano() + r.Stime.Nano() }
	b.ReportMetric(float64(cpu(end)-cpu(start))/float64(b.N), "cpu-ns/op")
}
