package storage

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongzhi/gongzhi/vote"
)

// TestRunPollContinues runs a poll on a file, then again on the same file
// (read back, nothing written), then a different poll under the same id
// (refused, naming the file).
func TestRunPollContinues(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "polls.sqlite")
	p := vote.Poll{ID: "p", Title: "a motion", Rule: vote.ResidentsMeeting(),
		Voters: []vote.Voter{{ID: "a"}, {ID: "b"}, {ID: "c"}}}
	ballots := map[vote.VoterID]vote.Ballot{"a": {Choice: vote.Yes}, "b": {Choice: vote.Yes}, "c": {Choice: vote.No}}
	run := func(p vote.Poll) (*Stores, vote.Result, error) {
		s, err := OpenWith(ctx, file, "")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(s.Close)
		res, err := s.RunPoll(ctx, vote.NewService(s.Vote(), nil), p, ballots)
		return s, res, err
	}
	s1, first, err := run(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(s1.found.kinds) != 0 || s1.writes() == 0 {
		t.Fatalf("first run: read back %v, %d writes", s1.found.n, s1.writes())
	}
	s2, second, err := run(p)
	if err != nil {
		t.Fatal(err)
	}
	if s2.found.n["poll"] != 1 || s2.writes() != 0 {
		t.Fatalf("second run: read back %v, %d writes; want the poll and no write", s2.found.n, s2.writes())
	}
	if first.Explain() != second.Explain() {
		t.Fatalf("second run's result differs:\n%s\n%s", first.Explain(), second.Explain())
	}
	other := p
	other.Title = "another motion"
	if _, _, err := run(other); err == nil || !strings.Contains(err.Error(), file) {
		t.Fatalf("another poll under the same id: %v, want an error naming %s", err, file)
	}
}
