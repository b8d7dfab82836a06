package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/gongzhi/gongzhi/adapters/sqlite"
	"github.com/gongzhi/gongzhi/vote"
)

// fillUntilFull casts ballots of voters with long ids into poll until a cast
// fails, checks that the failure is ErrFull, and returns the receipts of
// the casts that succeeded.
func fillUntilFull(t *testing.T, svc *vote.Service, poll vote.PollID) []vote.Receipt {
	t.Helper()
	ctx := context.Background()
	var receipts []vote.Receipt
	pad := strings.Repeat("住户", 100)
	for i := range 100000 {
		r, err := svc.Cast(ctx, poll, vote.VoterID(fmt.Sprintf("v%06d-%s", i, pad)),
			vote.Ballot{Marks: []vote.Mark{{Option: "a"}}})
		if err != nil {
			if !errors.Is(err, sqlite.ErrFull) {
				t.Fatalf("cast %d on a full disk = %v, want an error wrapping ErrFull", i, err)
			}
			if len(receipts) == 0 {
				t.Fatal("the very first cast failed: the test proved nothing")
			}
			return receipts
		}
		receipts = append(receipts, r)
	}
	t.Fatal("100,000 casts fitted: the size limit did not apply")
	return nil
}

// checkReceipts verifies every receipt against the stored ballots and
// that the poll holds exactly those ballots.
func checkReceipts(t *testing.T, db *sqlite.DB, poll vote.PollID, receipts []vote.Receipt) {
	t.Helper()
	ctx := context.Background()
	s := sqlite.NewVoteStore(db)
	for _, r := range receipts {
		if err := vote.VerifyReceipt(r, s.Ballots(ctx, poll)); err != nil {
			t.Fatalf("acknowledged ballot %s: %v", r.Ballot, err)
		}
	}
	if n := len(collect(t, s.Ballots(ctx, poll))); n != len(receipts) {
		t.Fatalf("poll holds %d ballots, %d were acknowledged", n, len(receipts))
	}
	if n := len(collect(t, s.Participants(ctx, poll))); n != len(receipts) {
		t.Fatalf("poll holds %d marks, %d ballots were acknowledged", n, len(receipts))
	}
}

func openPollService(t *testing.T, db *sqlite.DB, id vote.PollID) *vote.Service {
	t.Helper()
	ctx := context.Background()
	svc := vote.NewService(sqlite.NewVoteStore(db), nil)
	p := vote.Poll{ID: id, Rule: vote.ProjectPriorities(), Options: []vote.Option{{ID: "a"}, {ID: "b"}}}
	if _, err := svc.Create(ctx, p); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Open(ctx, id); err != nil {
		t.Fatal(err)
	}
	return svc
}

// A file capped with Options.MaxSize fills up: the cast that does not fit
// returns ErrFull and changes nothing, every earlier cast is there after a
// reopen, and without the cap the same file takes more casts.
func TestFullDatabaseMaxSize(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "small.sqlite")
	db, err := sqlite.OpenWith(ctx, path, sqlite.Options{MaxSize: 256 << 10})
	if err != nil {
		t.Fatal(err)
	}
	svc := openPollService(t, db, "p")
	receipts := fillUntilFull(t, svc, "p")
	checkReceipts(t, db, "p", receipts)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db, err = sqlite.Open(ctx, path) // no cap now
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checkReceipts(t, db, "p", receipts)
	svc = vote.NewService(sqlite.NewVoteStore(db), nil)
	r, err := svc.Cast(ctx, "p", "late", vote.Ballot{Marks: []vote.Mark{{Option: "b"}}})
	if err != nil {
		t.Fatalf("cast after lifting the cap: %v", err)
	}
	checkReceipts(t, db, "p", append(receipts, r))
	if problems, err := db.IntegrityCheck(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("integrity: %v, %v", problems, err)
	}
}

// The same on a real file system that runs out of space: a 1 MiB tmpfs
// (mounting it needs root, which CI has; elsewhere the test is skipped).
// The failing write returns ErrFull, earlier writes survive a reopen, and
// once space is freed writing resumes.
func TestFullDiskTmpfs(t *testing.T) {
	if runtime.GOOS != "linux" || os.Geteuid() != 0 {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but not root on Linux: the disk-full test needs to mount a tmpfs")
		}
		t.Skip("mounting a tmpfs needs root on Linux")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=1m", "gongzhi-full", dir).CombinedOutput(); err != nil {
		t.Fatalf("mount tmpfs: %v: %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount: %v: %s", err, out)
		}
	})
	// Ballast that is deleted later to free space.
	ballast := filepath.Join(dir, "ballast")
	if err := os.WriteFile(ballast, make([]byte, 128<<10), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	path := filepath.Join(dir, "office.sqlite")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	svc := openPollService(t, db, "p")
	receipts := fillUntilFull(t, svc, "p")
	checkReceipts(t, db, "p", receipts)
	if err := db.Close(); err != nil && !errors.Is(err, sqlite.ErrFull) {
		t.Fatalf("close on a full disk: %v", err)
	}

	if err := os.Remove(ballast); err != nil {
		t.Fatal(err)
	}
	db, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen after freeing space: %v", err)
	}
	defer db.Close()
	checkReceipts(t, db, "p", receipts)
	svc = vote.NewService(sqlite.NewVoteStore(db), nil)
	r, err := svc.Cast(ctx, "p", "after", vote.Ballot{Marks: []vote.Mark{{Option: "b"}}})
	if err != nil {
		t.Fatalf("cast after freeing space: %v", err)
	}
	checkReceipts(t, db, "p", append(receipts, r))
	if problems, err := db.IntegrityCheck(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("integrity: %v, %v", problems, err)
	}
}
