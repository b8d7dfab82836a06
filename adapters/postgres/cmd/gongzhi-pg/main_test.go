package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/gongzhi/gongzhi/adapters/postgres"
)

func TestRun(t *testing.T) {
	for _, tc := range []struct {
		name     string
		args     []string
		code     int
		stdout   string
		stderrIn string
	}{
		{"SQL", []string{"sql"}, 0, postgres.MigrationSQL(), ""},
		{"NoCommand", nil, 2, "", "usage"},
		{"Unknown", []string{"frobnicate"}, 2, "", "unknown command"},
		{"MigrateWithoutURL", []string{"migrate", "-url", ""}, 2, "", "no -url"},
		{"BadFlag", []string{"version", "-nope"}, 2, "", "flag provided but not defined"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(context.Background(), tc.args, &out, &errOut)
			if code != tc.code {
				t.Errorf("exit code %d, want %d (stderr %q)", code, tc.code, errOut.String())
			}
			if out.String() != tc.stdout {
				t.Errorf("stdout = %.80q..., want %.80q...", out.String(), tc.stdout)
			}
			if !strings.Contains(errOut.String(), tc.stderrIn) {
				t.Errorf("stderr %q does not mention %q", errOut.String(), tc.stderrIn)
			}
		})
	}
}
