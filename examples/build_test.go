package examples_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// binDir holds the examples built once for all tests of the package.
var (
	buildOnce sync.Once
	binDir    string
	buildErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// buildExamples builds every example once and returns the directory of
// the binaries, each named as its folder.
func buildExamples(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		if binDir, buildErr = os.MkdirTemp("", "gongzhi-examples-"); buildErr != nil {
			return
		}
		build := exec.Command("go", "build", "-o", binDir+string(filepath.Separator), "./...")
		build.Env = append(os.Environ(), "GOFLAGS="+withoutRace(os.Getenv("GOFLAGS")))
		if out, err := build.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build ./...: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binDir
}

// withoutRace drops -race from GOFLAGS: CI runs the tests under the race
// detector through GOFLAGS, and the examples' binaries need not be (the
// race detector slows the SQLite driver, a C library translated to Go, by
// an order of magnitude; the packages the examples use are raced by their
// own tests).
func withoutRace(goflags string) string {
	var keep []string
	for _, f := range strings.Fields(goflags) {
		if f != "-race" && f != "-race=true" && f != "--race" {
			keep = append(keep, f)
		}
	}
	return strings.Join(keep, " ")
}
