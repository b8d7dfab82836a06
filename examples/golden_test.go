// Package examples_test checks that every example prints exactly what its
// testdata/output.golden records, so that a changed figure, name or date
// in an example's output is a reviewed diff. Regenerate the files with
//
//	go test github.com/gongzhi/gongzhi/examples -run TestGolden -update
package examples_test

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite each example's testdata/output.golden")

// TestGolden builds every example once and compares its standard output
// (run with the flags in its ci.args, as CI runs it) with its golden file.
func TestGolden(t *testing.T) {
	dirs, err := filepath.Glob("*/main.go")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no examples found: %v", err)
	}
	bin := buildExamples(t)
	for _, m := range dirs {
		name := filepath.Dir(m)
		t.Run(name, func(t *testing.T) {
			args := ciArgs(name)
			cmd := exec.Command(filepath.Join(bin, name), args...)
			cmd.Dir = name
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			got, err := cmd.Output()
			if err != nil {
				t.Fatalf("%s %v: %v\n%s", name, args, err, stderr.String())
			}
			golden := filepath.Join(name, "testdata", "output.golden")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(want, got) {
				t.Errorf("%s output differs from %s (run with -update and review the diff):\n%s", name, golden, firstDiff(string(want), string(got)))
			}
		})
	}
}

// firstDiff shows the first line where want and got differ.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + a + "\n  got:  " + b
		}
	}
	return "(equal lines, different bytes)"
}

// ciArgs returns the flags in example name's ci.args (none without one):
// what an example that serves needs to run once and exit, as CI runs it.
func ciArgs(name string) []string {
	b, err := os.ReadFile(filepath.Join(name, "ci.args"))
	if err != nil {
		return nil
	}
	return strings.Fields(string(b))
}
