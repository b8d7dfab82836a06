// Package mustfail proves that a conformance suite can fail: it runs the
// suite against deliberately broken stores, each in a child test process,
// and checks that the named subtest failed there. The suites take a
// *testing.T, whose failures would fail the calling test, so each broken
// store runs in a process of its own (the test binary re-executed with an
// environment variable naming the case).
package mustfail

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

const env = "GONGZHI_MUSTFAIL_CASE"

// Case is one broken store: Suite runs the conformance suite against it,
// and Want names the suite's subtest that must catch the fault.
type Case struct {
	Name  string
	Want  string
	Suite func(t *testing.T)
}

// Run runs every case in a child process and fails t unless the child
// failed with a failing subtest named Want. In the child (the environment
// names a case) it runs only that case's suite, with t.
func Run(t *testing.T, cases []Case) {
	t.Helper()
	if name := os.Getenv(env); name != "" {
		for _, c := range cases {
			if c.Name == name {
				c.Suite(t)
				return
			}
		}
		t.Fatalf("mustfail: no case %q", name)
	}
	if testing.Short() {
		t.Skip("mustfail re-runs the test binary once per case")
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^"+topName(t)+"$", "-test.v", "-test.count=1")
			cmd.Env = append(os.Environ(), env+"="+c.Name)
			out, err := cmd.CombinedOutput()
			if err == nil {
				t.Fatalf("the suite passed against the broken store %q; it must fail in %s", c.Name, c.Want)
			}
			if !failedSubtest(string(out), c.Want) {
				t.Fatalf("the suite failed against %q, but not in subtest %s:\n%s", c.Name, c.Want, tail(string(out), 40))
			}
		})
	}
}

// topName is the name of the top-level test that called Run.
func topName(t *testing.T) string {
	name, _, _ := strings.Cut(t.Name(), "/")
	return name
}

// failedSubtest reports whether out has a "--- FAIL:" line for a subtest
// whose last name element is want.
func failedSubtest(out, want string) bool {
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimSpace(line)
		name, ok := strings.CutPrefix(line, "--- FAIL: ")
		if !ok {
			continue
		}
		name, _, _ = strings.Cut(name, " ")
		if name == want || strings.HasSuffix(name, "/"+want) || strings.Contains(name, "/"+want+"/") {
			return true
		}
	}
	return false
}

func tail(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
