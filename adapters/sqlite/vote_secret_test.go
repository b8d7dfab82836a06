package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/gongzhi/gongzhi/adapters/sqlite"
	"github.com/gongzhi/gongzhi/vote"
)

// Marks and ballots have no rowid, so no insertion order can be read from
// them; a ballot of a secret poll has no voter; ballots stream in token
// order; and closing the poll leaves an empty write-ahead log.
func TestVoteSecretNoInsertionOrder(t *testing.T) {
	ctx := context.Background()
	db := openDurable(t)
	s := sqlite.NewVoteStore(db)
	p := openPoll(t, s, "secret", true)
	for i := range 30 {
		if _, err := s.AppendBallot(ctx, entry("secret", vote.VoterID(fmt.Sprintf("v%02d", 29-i)), "a", true)); err != nil {
			t.Fatal(err)
		}
	}
	for _, table := range []string{"vote_mark", "vote_ballot"} {
		_, err := sqlite.QueryIntForTest(ctx, db, "SELECT rowid FROM "+table)
		if err == nil || !strings.Contains(err.Error(), "rowid") {
			t.Errorf("SELECT rowid FROM %s = %v; want an error: the table must have no rowid", table, err)
		}
	}
	if n, err := sqlite.QueryIntForTest(ctx, db, `SELECT count(*) FROM vote_ballot WHERE voter_id IS NOT NULL`); err != nil || n != 0 {
		t.Fatalf("secret ballots naming a voter: %d, %v", n, err)
	}
	// Unordered reads come back in key order too (no hidden insertion order).
	var prev string
	for b, err := range s.Ballots(ctx, "secret") {
		if err != nil {
			t.Fatal(err)
		}
		if string(b.ID) <= prev {
			t.Fatalf("ballot %s after %s: not in token order", b.ID, prev)
		}
		prev = string(b.ID)
	}
	p.State, p.Version = vote.StateClosed, 1
	if _, err := s.UpdatePoll(ctx, p); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(db.Path() + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() != 0 {
		t.Fatalf("after closing a secret poll the write-ahead log holds %d bytes, want 0", fi.Size())
	}
	if n := len(collect(t, s.Ballots(ctx, "secret"))); n != 30 {
		t.Fatalf("after the reseal %d ballots, want 30", n)
	}
}
