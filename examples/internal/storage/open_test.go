package storage

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestOpenWithOnePlace checks that the records go to one place: both -db
// and -pg is refused, -pg with no server there is an error (not memory),
// neither flag is memory, and -db is the named file.
func TestOpenWithOnePlace(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "office.sqlite")
	if s, err := OpenWith(ctx, file, "postgres://nobody@127.0.0.1:1/none"); err == nil || !strings.Contains(err.Error(), "both given") {
		if s != nil {
			s.Close()
		}
		t.Fatalf("-db and -pg together: %v, want refused", err)
	}
	if s, err := OpenWith(ctx, "", "postgres://nobody@127.0.0.1:1/none?connect_timeout=5"); err == nil {
		s.Close()
		t.Fatal("-pg with no server there: no error")
	}
	mem, err := OpenWith(ctx, "", "")
	if err != nil || mem.db != nil || mem.pg != nil || mem.File() != "" {
		t.Fatalf("neither flag: %+v, %v, want memory", mem, err)
	}
	mem.Close()
	db, err := OpenWith(ctx, file, "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.File() != file {
		t.Fatalf("-db %s: File() = %q", file, db.File())
	}
}
