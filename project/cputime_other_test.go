//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package project_test

import "testing"

type cpuStart struct{}

func rusage() cpuStart { return cpuStart{} }

// reportCPU reports nothing where getrusage is not available.
func reportCPU(*testing.B, cpuStart) {}
