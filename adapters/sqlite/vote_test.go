package sqlite_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/gongzhi/gongzhi/adapters/sqlite"
	"github.com/gongzhi/gongzhi/vote"
	"github.com/gongzhi/gongzhi/vote/votetest"
)

func TestVoteStoreConformance(t *testing.T) {
	votetest.TestStore(t, func(t *testing.T) vote.Store { return sqlite.NewVoteStore(openDB(t)) })
}

// The suite again with one-ballot pages, so every stream crosses pages.
func TestVoteStoreConformanceSmallPages(t *testing.T) {
	votetest.TestStore(t, func(t *testing.T) vote.Store {
		s := sqlite.NewVoteStore(openDB(t))
		sqlite.SetPageSize(s, 1)
		return s
	})
}

func TestVoteStoreBasics(t *testing.T) {
	ctx := context.Background()
	s := sqlite.NewVoteStore(openDB(t))
	openPoll(t, s, "p", false)
	e := entry("p", "v1", "a", false)
	r1, err := s.AppendBallot(ctx, e)
	if err != nil {
		t.Fatal(err)
	}
	if r2, err := s.AppendBallot(ctx, e); err != nil || r2 != r1 {
		t.Fatalf("retry = %v, %v; want the first receipt %v", r2, err, r1)
	}
	other := entry("p", "v1", "b", false)
	if _, err := s.AppendBallot(ctx, other); !errors.Is(err, vote.ErrAlreadyVoted) {
		t.Fatalf("second ballot = %v, want ErrAlreadyVoted", err)
	}
	other.Replace = true
	other.Receipt = vote.NewReceipt("p", other.Ballot, 2, other.Receipt.Salt)
	if r, err := s.AppendBallot(ctx, other); err != nil || r != other.Receipt {
		t.Fatalf("replace = %v, %v", r, err)
	}
	stolen := entry("p", "v2", "a", false)
	stolen.Ballot.ID = other.Ballot.ID
	stolen.Receipt = vote.NewReceipt("p", stolen.Ballot, 1, "salt-stolen")
	if _, err := s.AppendBallot(ctx, stolen); !errors.Is(err, vote.ErrConflict) {
		t.Fatalf("ballot id of another voter = %v, want ErrConflict", err)
	}
	bs := collect(t, s.Ballots(ctx, "p"))
	if len(bs) != 1 || bs[0].Marks[0].Option != "b" || bs[0].Voter != "v1" {
		t.Fatalf("ballots = %+v, want v1's replaced ballot only", bs)
	}
	if vs := collect(t, s.Participants(ctx, "p")); len(vs) != 1 || vs[0] != "v1" {
		t.Fatalf("participants = %v, want [v1]", vs)
	}
}

// The voter roll and the rest of an open poll's definition are frozen by
// the database itself (a trigger), not only by UpdatePoll: a write that
// bypasses the store cannot add a voter either.
func TestVotePollFrozenInTheDatabase(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	s := sqlite.NewVoteStore(db)
	openPoll(t, s, "p", false)
	for name, stmt := range map[string]string{
		"voters":    `UPDATE vote_poll SET doc = json_set(doc, '$.voters', json('[{"id":"intruder"}]')) WHERE id = 'p'`,
		"title":     `UPDATE vote_poll SET doc = json_set(doc, '$.title', 'another question') WHERE id = 'p'`,
		"backwards": `UPDATE vote_poll SET state = 'draft' WHERE id = 'p'`,
		"secret":    `UPDATE vote_poll SET secret = 1 WHERE id = 'p'`,
	} {
		if err := sqlite.ExecForTest(ctx, db, stmt); err == nil || !strings.Contains(err.Error(), "frozen") {
			t.Errorf("%s: direct update of an open poll = %v, want the trigger's refusal", name, err)
		}
	}
	if err := sqlite.ExecForTest(ctx, db, `UPDATE vote_poll SET state = 'closed' WHERE id = 'p'`); err != nil {
		t.Errorf("moving the state forward: %v", err)
	}
	p, err := s.Poll(ctx, "p")
	if err != nil || len(p.Voters) != 0 || p.Title != "" {
		t.Fatalf("poll after the refused updates = %+v, %v", p, err)
	}
}
