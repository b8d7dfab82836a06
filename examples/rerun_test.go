package examples_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gongzhi/gongzhi/examples/internal/storage"
)

// dbExamples returns the examples that take -db FILE.sqlite: those whose
// sources import examples/internal/storage.
func dbExamples(t *testing.T) []string {
	t.Helper()
	mains, err := filepath.Glob("*/main.go")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range mains {
		dir := filepath.Dir(m)
		srcs, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range srcs {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(b, []byte(`"github.com/gongzhi/gongzhi/examples/internal/storage"`)) {
				out = append(out, dir)
				break
			}
		}
	}
	if !slices.Contains(out, "elevator-vote") {
		t.Fatalf("examples with -db: %v, want at least elevator-vote", out)
	}
	return out
}

// runDB runs example name (with its ci.args) on file with extra environment and returns its
// standard output, standard error and exit status.
func runDB(t *testing.T, bin, name, file string, env ...string) (stdout, stderr string, status int) {
	t.Helper()
	cmd := exec.Command(filepath.Join(bin, name), append(ciArgs(name), "-db", file)...)
	cmd.Dir = name
	cmd.Env = append(os.Environ(), env...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		status = ee.ExitCode()
	case err != nil:
		t.Fatalf("%s: %v", name, err)
	}
	return o.String(), e.String(), status
}

// splitReadBack takes the lines holding storage.ReadBackMarker out of out.
func splitReadBack(out string) (rest string, marked []string) {
	lines := strings.SplitAfter(out, "\n")
	var b strings.Builder
	for _, l := range lines {
		if strings.Contains(l, storage.ReadBackMarker) {
			marked = append(marked, strings.TrimSpace(l))
			continue
		}
		b.WriteString(l)
	}
	return b.String(), marked
}

var writesLine = regexp.MustCompile(`storage: (\d+) writes`)

// TestRerun runs every example that takes -db twice on one file: the
// first run prints its golden output, the second reads its records back,
// writes nothing and prints the same output plus one line holding
// storage.ReadBackMarker. Then it stops a first run as a kill would
// (storage.StopEnv) at several points of its writes, and checks that a
// second run on that file continues and prints the golden output (plus
// the marked line once anything was stored).
func TestRerun(t *testing.T) {
	bin := buildExamples(t)
	for _, name := range dbExamples(t) {
		t.Run(name, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join(name, "testdata", "output.golden"))
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), "office.sqlite")
			// The first run counts its writes (StopEnv set, never reached).
			out, stderr, status := runDB(t, bin, name, file, storage.StopEnv+"=1000000000")
			if status != 0 || out != string(want) {
				t.Fatalf("first run: status %d, %s\n%s", status, firstDiff(string(want), out), stderr)
			}
			m := writesLine.FindStringSubmatch(stderr)
			if m == nil {
				t.Fatalf("first run reported no count of writes:\n%s", stderr)
			}
			writes, _ := strconv.Atoi(m[1])
			if writes == 0 {
				t.Fatal("first run wrote nothing to the file")
			}
			out, stderr, status = runDB(t, bin, name, file)
			rest, marked := splitReadBack(out)
			if status != 0 || rest != string(want) {
				t.Fatalf("second run: status %d, %s\n%s", status, firstDiff(string(want), rest), stderr)
			}
			if len(marked) != 1 || !strings.HasSuffix(marked[0], "; nothing left to write)") {
				t.Fatalf("second run: want one line %q ending with \"nothing left to write\", got %q", storage.ReadBackMarker, marked)
			}

			for _, stop := range stopPoints(name, writes) {
				file := filepath.Join(t.TempDir(), "stopped.sqlite")
				_, stderr, status := runDB(t, bin, name, file, storage.StopEnv+"="+strconv.Itoa(stop))
				if status != storage.StopStatus {
					t.Fatalf("run stopped after %d of %d writes: status %d, want %d\n%s", stop, writes, status, storage.StopStatus, stderr)
				}
				out, stderr, status = runDB(t, bin, name, file)
				rest, marked := splitReadBack(out)
				if status != 0 || rest != string(want) {
					t.Fatalf("run after one stopped after %d of %d writes: status %d, %s\n%s", stop, writes, status, firstDiff(string(want), rest), stderr)
				}
				wantMarked := 1
				if stop == 0 {
					wantMarked = 0 // nothing was stored: a first run
				}
				if len(marked) != wantMarked || wantMarked == 1 && !strings.Contains(marked[0], "to finish the run") {
					t.Fatalf("run after one stopped after %d of %d writes: marked lines %q, want %d saying what was left to write", stop, writes, marked, wantMarked)
				}
			}
		})
	}
}

// stopPoints chooses where to stop a run of name that makes writes
// writes: before the first and after the first, a quarter, half, three
// quarters and all but one; for long runs after the first, half and all
// but one, plus the points listed in stopAlso; for building-codes (16 s a
// run on SQLite) and with -short only the middle.
func stopPoints(name string, writes int) []int {
	var p []int
	switch {
	case testing.Short() || name == "building-codes":
		p = []int{writes / 2}
	case writes > 1000:
		p = []int{1, writes / 2, writes - 1}
	default:
		p = []int{0, 1, writes / 4, writes / 2, 3 * writes / 4, writes - 1}
	}
	if !testing.Short() {
		for _, n := range stopAlso[name] {
			if n < writes {
				p = append(p, n)
			}
		}
	}
	slices.Sort(p)
	return slices.Compact(p)
}

// stopAlso lists stops inside a library call that makes several writes,
// where the next run must finish what the call began.
var stopAlso = map[string][]int{
	// 10 projects proposed and taken through 5 steps each (60 writes),
	// then project.Service.ReviewPlan reviews them one by one.
	"micro-projects": {65},
}
