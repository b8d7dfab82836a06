package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// The text output of tally, aligned by display width, is fixed byte for
// byte for one sheet of each kind and one ranked count.
func TestTallyTextGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"project-priorities.txt", []string{"tally", "--rule", "project-priorities", filepath.Join(sheets, "annual-meeting-ballots.csv")}},
		{"owners-special.txt", []string{"tally", "--rule", "owners-special", filepath.Join(sheets, "elevator-households.csv")}},
		{"committee-election.txt", []string{"tally", "--rule", "committee-election", "--seats", "5", "--eligible", "120", filepath.Join(sheets, "committee-election.csv")}},
		{"committee-election-en.txt", []string{"tally", "--rule", "committee-election", "--seats", "5", "--eligible", "120", "--lang", "en", filepath.Join(sheets, "committee-election.csv")}},
		{"satisfaction.txt", []string{"tally", "--rule", "satisfaction-survey", filepath.Join(sheets, "satisfaction-ballots.csv")}},
		{"scottish-stv.txt", []string{"tally", "--rule", "scottish-stv", filepath.Join(elections, "stv_scotland_2012_cumbernauld_south/cumbernauld_south_2012.blt")}},
	} {
		code, out, errs := runCLI(t, tc.args...)
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", tc.name, code, errs)
		}
		path := filepath.Join("testdata", "golden", tc.name)
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (go test -update writes it)", err)
		}
		if string(want) != out {
			t.Errorf("%s differs (go test -update rewrites it after review):\n--- want\n%s\n--- got\n%s", tc.name, want, out)
		}
	}
}
