package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gongzhi/gongzhi/adapters/sqlite"
	"github.com/gongzhi/gongzhi/vote"
)

func TestRunArguments(t *testing.T) {
	for _, tc := range []struct {
		name     string
		args     []string
		code     int
		stdout   string
		stderrIn string
	}{
		{"SQL", []string{"sql"}, 0, sqlite.MigrationSQL(), ""},
		{"NoCommand", nil, 2, "", "usage"},
		{"Unknown", []string{"frobnicate"}, 2, "", "unknown command"},
		{"MissingFile", []string{"check"}, 2, "", "want 1 argument"},
		{"NoSuchFile", []string{"check", filepath.Join(t.TempDir(), "none.sqlite")}, 1, "", "no such file"},
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

// migrate creates a file; check, schema and version read it; backup copies
// it, and the copy holds the same poll.
func TestRunOnAFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "office.sqlite")
	runOK := func(args ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		if code := run(ctx, args, &out, &errOut); code != 0 {
			t.Fatalf("%v: exit %d, stderr %q", args, code, errOut.String())
		}
		return out.String()
	}
	want := len(sqlite.Migrations())
	if got := runOK("migrate", path); got != "schema version "+strconv.Itoa(want)+"\n" {
		t.Fatalf("migrate printed %q", got)
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := sqlite.NewVoteStore(db).CreatePoll(ctx, vote.Poll{ID: "p", State: vote.StateDraft}); err != nil {
		t.Fatal(err)
	}
	// The backup runs while db is still open.
	backup := filepath.Join(dir, "copy.sqlite")
	if got := runOK("backup", path, backup); !strings.Contains(got, "backed up") {
		t.Fatalf("backup printed %q", got)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if got := runOK("check", backup); got != "ok\n" {
		t.Fatalf("check printed %q", got)
	}
	if got := runOK("schema", backup); !strings.Contains(got, "CREATE TABLE vote_ballot") {
		t.Fatalf("schema lacks vote_ballot:\n%s", got)
	}
	if got := runOK("version", backup); got != "schema version "+strconv.Itoa(want)+"\n" {
		t.Fatalf("version printed %q", got)
	}
	copyDB, err := sqlite.Open(ctx, backup)
	if err != nil {
		t.Fatal(err)
	}
	defer copyDB.Close()
	if _, err := sqlite.NewVoteStore(copyDB).Poll(ctx, "p"); err != nil {
		t.Fatalf("the backup lacks the poll: %v", err)
	}
	var out, errOut bytes.Buffer
	if code := run(ctx, []string{"backup", path, backup}, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "exists") {
		t.Fatalf("backup onto an existing file: exit %d, %q", code, errOut.String())
	}
}
