//go:build !unix

package agenda_test

import "time"

// processCPU is unavailable here; benchmarks then report 0 CPU.
func processCPU() time.Duration { return 0 }
