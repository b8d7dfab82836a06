package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gongzhi/gongzhi/adapters/postgres"
	"github.com/gongzhi/gongzhi/vote"
)

// casts yields n public casts: voter i marks option a or b.
func casts(n int, secret bool) iter.Seq2[postgres.Cast, error] {
	return func(yield func(postgres.Cast, error) bool) {
		for i := range n {
			v := vote.VoterID(fmt.Sprintf("v%08d", i))
			b := vote.Ballot{Marks: []vote.Mark{{Option: vote.OptionID([]string{"a", "b", "a"}[i%3])}}}
			if secret {
				b.ID = vote.BallotID(fmt.Sprintf("%08x", uint32(i)*2654435761))
			}
			if !yield(postgres.Cast{Voter: v, Ballot: b}, nil) {
				return
			}
		}
	}
}

func TestImportBallotsTalliesLikeCasts(t *testing.T) {
	for _, secret := range []bool{false, true} {
		t.Run(fmt.Sprintf("secret=%v", secret), func(t *testing.T) {
			ctx := context.Background()
			pg := postgres.NewVoteStore(migratedPool(t, 0, fast))
			mem := vote.NewMemStore()
			p := openPoll(t, pg, "p", secret)
			if err := mem.CreatePoll(ctx, p); err != nil {
				t.Fatal(err)
			}
			svc := vote.NewService(mem, nil)
			for c := range casts(500, secret) {
				if _, err := svc.Cast(ctx, "p", c.Voter, c.Ballot); err != nil {
					t.Fatal(err)
				}
			}
			n, err := pg.ImportBallots(ctx, "p", casts(500, secret))
			if err != nil || n != 500 {
				t.Fatalf("ImportBallots = %d, %v; want 500", n, err)
			}
			stored, err := pg.Poll(ctx, "p")
			if err != nil {
				t.Fatal(err)
			}
			want, err := vote.TallySeq(stored, mem.Ballots(ctx, "p"))
			if err != nil {
				t.Fatal(err)
			}
			got, err := vote.TallySeq(stored, pg.Ballots(ctx, "p"))
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("tally of imported ballots differs from the same ballots cast (-cast +imported):\n%s", d)
			}
			wantDigest, _, _ := vote.Digest(vote.Poll{ID: "p"}, mem.Ballots(ctx, "p"))
			gotDigest, _, _ := vote.Digest(vote.Poll{ID: "p"}, pg.Ballots(ctx, "p"))
			if wantDigest != gotDigest {
				t.Errorf("digest of imported ballots %s, of cast ballots %s: import must store what Cast stores", gotDigest, wantDigest)
			}
			if vs := collect(t, pg.Participants(ctx, "p")); len(vs) != 500 {
				t.Errorf("%d participation marks, want 500", len(vs))
			}
		})
	}
}

func TestImportBallotsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	pg := postgres.NewVoteStore(migratedPool(t, 0, fast))
	openPoll(t, pg, "p", false)
	if _, err := pg.AppendBallot(ctx, entry("p", "v00000007", "a", false)); err != nil {
		t.Fatal(err)
	}
	count := func() int { return len(collect(t, pg.Ballots(ctx, "p"))) }
	boom := errors.New("reader failed")
	for name, tc := range map[string]struct {
		casts iter.Seq2[postgres.Cast, error]
		want  error
	}{
		"VoterAlreadyVoted": {casts(20, false), vote.ErrAlreadyVoted},
		"VoterTwiceInImport": {func(yield func(postgres.Cast, error) bool) {
			for range 2 {
				if !yield(postgres.Cast{Voter: "x"}, nil) {
					return
				}
			}
		}, vote.ErrAlreadyVoted},
		"SourceError": {func(yield func(postgres.Cast, error) bool) {
			_ = yield(postgres.Cast{Voter: "y"}, nil) && yield(postgres.Cast{}, boom)
		}, boom},
		"NoVoter": {func(yield func(postgres.Cast, error) bool) {
			yield(postgres.Cast{}, nil)
		}, vote.ErrInvalidBallot},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := pg.ImportBallots(ctx, "p", tc.casts); !errors.Is(err, tc.want) {
				t.Fatalf("ImportBallots = %v, want %v", err, tc.want)
			}
			if n := count(); n != 1 {
				t.Fatalf("after a failed import the poll holds %d ballots, want the 1 it had", n)
			}
		})
	}
	t.Run("NotOpen", func(t *testing.T) {
		closed := vote.Poll{ID: "closed", Rule: vote.ProjectPriorities(), Options: []vote.Option{{ID: "a"}}, State: vote.StateClosed}
		if err := pg.CreatePoll(ctx, closed); err != nil {
			t.Fatal(err)
		}
		if _, err := pg.ImportBallots(ctx, "closed", casts(3, false)); !errors.Is(err, vote.ErrWrongState) {
			t.Fatalf("import into a closed poll = %v, want ErrWrongState", err)
		}
		if _, err := pg.ImportBallots(ctx, "missing", casts(3, false)); !errors.Is(err, vote.ErrNotFound) {
			t.Fatalf("import into a missing poll = %v, want ErrNotFound", err)
		}
	})
	t.Run("NotEligible", func(t *testing.T) {
		p := vote.Poll{ID: "listed", Rule: vote.ProjectPriorities(), Options: []vote.Option{{ID: "a"}},
			Voters: []vote.Voter{{ID: "v00000000"}}, State: vote.StateOpen}
		if err := pg.CreatePoll(ctx, p); err != nil {
			t.Fatal(err)
		}
		if _, err := pg.ImportBallots(ctx, "listed", casts(2, false)); !errors.Is(err, vote.ErrNotEligible) {
			t.Fatalf("import with an unlisted voter = %v, want ErrNotEligible", err)
		}
	})
}

// A secret import keeps marks and ballots in unrelated physical orders:
// marks by voter id, ballots by token, whatever the input order (which
// pairs them).
func TestImportBallotsSecretOrder(t *testing.T) {
	ctx := context.Background()
	pool := migratedPool(t, 0, fast)
	pg := postgres.NewVoteStore(pool)
	openPoll(t, pg, "s", true)
	if _, err := pg.ImportBallots(ctx, "s", casts(200, true)); err != nil {
		t.Fatal(err)
	}
	physical := func(sql string) []string {
		rows, err := pool.Query(ctx, sql)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		return out
	}
	tokens := physical(`SELECT ballot_id FROM vote_ballot WHERE poll_id = 's' ORDER BY ctid`)
	voters := physical(`SELECT voter_id FROM vote_mark WHERE poll_id = 's' ORDER BY ctid`)
	if !slices.IsSorted(tokens) || !slices.IsSorted(voters) || len(tokens) != 200 || len(voters) != 200 {
		t.Fatalf("physical order: ballots sorted %v, marks sorted %v; want each in its own key order", slices.IsSorted(tokens), slices.IsSorted(voters))
	}
	// The input paired voter i with token i; in the tables the i-th mark
	// and the i-th ballot must not be that pair (beyond chance).
	pairs := map[string]string{}
	for c := range casts(200, true) {
		pairs[string(c.Voter)] = string(c.Ballot.ID)
	}
	same := 0
	for i := range voters {
		if pairs[voters[i]] == tokens[i] {
			same++
		}
	}
	if same > 10 {
		t.Errorf("%d of 200 marks sit at the position of their own ballot: the import order links them", same)
	}
	var named int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM vote_ballot WHERE poll_id = 's' AND voter_id IS NOT NULL`).Scan(&named); err != nil || named != 0 {
		t.Fatalf("%d secret ballots carry a voter (%v)", named, err)
	}
}
