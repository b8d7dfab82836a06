//go:build unix

package agenda_test

import (
	"syscall"
	"time"
)

// processCPU returns the user+system CPU time the process has used, so a
// benchmark can report CPU per operation alongside wall time on a shared
// machine.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
