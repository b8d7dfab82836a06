package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"testing"

	"github.com/gongzhi/gongzhi/adapters/sqlite"
	"github.com/gongzhi/gongzhi/vote"
)

// casts yields n ballots marking a or b; in a secret poll each carries its
// voter's token as id.
func casts(n int, secret bool) iter.Seq2[sqlite.Cast, error] {
	return func(yield func(sqlite.Cast, error) bool) {
		for i := range n {
			c := sqlite.Cast{Voter: vote.VoterID(fmt.Sprintf("v%08d", i)),
				Ballot: vote.Ballot{Marks: []vote.Mark{{Option: vote.OptionID([]string{"a", "b"}[i%3%2])}}}}
			if secret {
				c.Ballot.ID = vote.BallotID(fmt.Sprintf("tok-%08x", uint32(i)*2654435761))
			}
			if !yield(c, nil) {
				return
			}
		}
	}
}

func TestImportBallots(t *testing.T) {
	ctx := context.Background()
	for _, secret := range []bool{false, true} {
		t.Run(fmt.Sprintf("secret=%v", secret), func(t *testing.T) {
			s := sqlite.NewVoteStore(openDB(t))
			p := openPoll(t, s, "p", secret)
			n, err := s.ImportBallots(ctx, "p", casts(500, secret))
			if err != nil || n != 500 {
				t.Fatalf("import = %d, %v", n, err)
			}
			res, err := vote.TallySeq(p, s.Ballots(ctx, "p"))
			if err != nil || res.Cast != 500 {
				t.Fatalf("tally = %d ballots, %v", res.Cast, err)
			}
			if got := len(collect(t, s.Participants(ctx, "p"))); got != 500 {
				t.Fatalf("%d marks, want 500", got)
			}
			// A second import of the same voters changes nothing.
			if _, err := s.ImportBallots(ctx, "p", casts(10, secret)); !errors.Is(err, vote.ErrAlreadyVoted) {
				t.Fatalf("re-import = %v, want ErrAlreadyVoted", err)
			}
			if got := len(collect(t, s.Ballots(ctx, "p"))); got != 500 {
				t.Fatalf("after the refused import %d ballots, want 500", got)
			}
		})
	}
	t.Run("AllOrNothing", func(t *testing.T) {
		s := sqlite.NewVoteStore(openDB(t))
		openPoll(t, s, "p", false)
		broken := func(yield func(sqlite.Cast, error) bool) {
			for c, err := range casts(100, false) {
				if !yield(c, err) {
					return
				}
			}
			yield(sqlite.Cast{}, errors.New("scanner jammed"))
		}
		if _, err := s.ImportBallots(ctx, "p", broken); err == nil {
			t.Fatal("an import whose source failed succeeded")
		}
		if got := len(collect(t, s.Ballots(ctx, "p"))); got != 0 {
			t.Fatalf("a failed import left %d ballots", got)
		}
		if _, err := s.ImportBallots(ctx, "missing", casts(1, false)); !errors.Is(err, vote.ErrNotFound) {
			t.Fatalf("import into a missing poll = %v", err)
		}
	})
}
