package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/adapters/postgres"
	"github.com/gongzhi/gongzhi/vote"
)

// castWithRetry casts e until the store answers with a receipt or a domain
// error, retrying transient failures (lost connections, a server restart)
// the way a client would: a retried cast must never count twice.
func castWithRetry(ctx context.Context, s vote.Store, e vote.Entry) (vote.Receipt, error) {
	delay := 10 * time.Millisecond
	for {
		r, err := s.AppendBallot(ctx, e)
		if err == nil || errors.Is(err, vote.ErrAlreadyVoted) || errors.Is(err, vote.ErrConflict) ||
			errors.Is(err, vote.ErrWrongState) || errors.Is(err, vote.ErrNotFound) || ctx.Err() != nil {
			return r, err
		}
		time.Sleep(delay)
		delay = min(2*delay, 500*time.Millisecond)
	}
}

// checkExactlyOnce verifies that the poll holds exactly one ballot per
// voter in want, with the content cast, and one mark per voter.
func checkExactlyOnce(t *testing.T, s vote.Store, poll vote.PollID, want map[vote.VoterID]vote.Entry) {
	t.Helper()
	ctx := context.Background()
	got := map[vote.BallotID]vote.Ballot{}
	for b, err := range s.Ballots(ctx, poll) {
		if err != nil {
			t.Fatal(err)
		}
		if _, dup := got[b.ID]; dup {
			t.Fatalf("ballot %s streamed twice", b.ID)
		}
		got[b.ID] = b
	}
	if len(got) != len(want) {
		t.Fatalf("poll %s holds %d ballots, want %d (one per voter): ballots were lost or counted twice", poll, len(got), len(want))
	}
	for v, e := range want {
		b, ok := got[e.Ballot.ID]
		if !ok {
			t.Fatalf("acknowledged ballot of %s is missing", v)
		}
		if vote.NewReceipt(poll, b, e.Receipt.Version, e.Receipt.Salt) != e.Receipt {
			t.Fatalf("ballot of %s was stored with other content", v)
		}
	}
	n := 0
	for _, err := range s.Participants(ctx, poll) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != len(want) {
		t.Fatalf("poll %s has %d participation marks, want %d", poll, n, len(want))
	}
}

// 100 goroutines cast 1,000 ballots; every voter's ballot is sent by two
// goroutines at once and each goroutine sends it twice (a client retry):
// every ballot is stored exactly once.
func TestVoteConcurrentCastsExactlyOnce(t *testing.T) {
	for _, secret := range []bool{false, true} {
		t.Run(fmt.Sprintf("secret=%v", secret), func(t *testing.T) {
			ctx := context.Background()
			s := postgres.NewVoteStore(migratedPool(t, 20, durable))
			openPoll(t, s, "p", secret)
			const goroutines, voters = 100, 1000
			entries := make([]vote.Entry, voters)
			want := map[vote.VoterID]vote.Entry{}
			for i := range entries {
				v := vote.VoterID(fmt.Sprintf("v%05d", i))
				entries[i] = entry("p", v, vote.OptionID([]string{"a", "b"}[i%2]), secret)
				want[v] = entries[i]
			}
			var wg sync.WaitGroup
			var failures atomic.Int64
			for g := range goroutines {
				wg.Add(1)
				go func() {
					defer wg.Done()
					// Goroutine g casts voters g, g+100, ... and also those of
					// goroutine g+1, so each voter is cast concurrently twice.
					for i := g % goroutines; i < voters; i += goroutines {
						for _, j := range []int{i, (i + 1) % voters} {
							for range 2 {
								r, err := castWithRetry(ctx, s, entries[j])
								if err != nil || r != entries[j].Receipt {
									failures.Add(1)
									t.Errorf("cast %s: %v, %v", entries[j].Voter, r, err)
								}
							}
						}
					}
				}()
			}
			wg.Wait()
			if failures.Load() > 0 {
				t.FailNow()
			}
			checkExactlyOnce(t, s, "p", want)
		})
	}
}

// A connection killed in the middle of a cast (after the participation
// mark is written, before the ballot is) leaves no trace: no mark, no
// ballot; the voter can cast again.
func TestVoteTerminatedBackendLeavesNoPartialState(t *testing.T) {
	for _, secret := range []bool{false, true} {
		t.Run(fmt.Sprintf("secret=%v", secret), func(t *testing.T) {
			ctx := context.Background()
			pool := migratedPool(t, 4, durable)
			s := postgres.NewVoteStore(pool)
			openPoll(t, s, "p", secret)
			e := entry("p", "victim", "a", secret)

			// A blocker transaction holds an uncommitted ballot with the
			// same id, so the cast blocks on the unique index right after
			// writing its mark.
			blocker, err := pool.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer blocker.Rollback(ctx)
			block := `INSERT INTO vote_ballot (poll_id, ballot_id, voter_id, hash, body) VALUES ('p', $1, NULL, 'x', '{}')`
			if secret { // a secret cast stages its ballot
				block = `INSERT INTO vote_ballot_staged (poll_id, ballot_id, hash, salt, version, body) VALUES ('p', $1, 'x', 'x', 1, '{}')`
			}
			if _, err := blocker.Exec(ctx, block, string(e.Ballot.ID)); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() {
				_, err := s.AppendBallot(ctx, e)
				done <- err
			}()
			// Find the blocked cast and kill its connection.
			var pid int
			deadline := time.Now().Add(10 * time.Second)
			for pid == 0 {
				if time.Now().After(deadline) {
					t.Fatal("the cast never blocked on the ballot insert")
				}
				err := pool.QueryRow(ctx, `SELECT pid FROM pg_stat_activity
					WHERE datname = current_database() AND wait_event_type = 'Lock'
					AND query LIKE 'INSERT INTO vote_ballot%'`).Scan(&pid)
				if err != nil {
					time.Sleep(20 * time.Millisecond)
				}
			}
			var marks int
			if err := pool.QueryRow(ctx, `SELECT count(*) FROM vote_mark WHERE voter_id = 'victim'`).Scan(&marks); err != nil || marks != 0 {
				t.Fatalf("uncommitted mark visible to others: %d, %v", marks, err)
			}
			var killed bool
			if err := pool.QueryRow(ctx, `SELECT pg_terminate_backend($1)`, pid).Scan(&killed); err != nil || !killed {
				t.Fatalf("pg_terminate_backend: %v, %v", killed, err)
			}
			if err := <-done; err == nil {
				t.Fatal("a cast whose connection was killed reported success")
			}
			if err := blocker.Rollback(ctx); err != nil {
				t.Fatal(err)
			}
			var ballots int
			if err := pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM vote_mark), (SELECT count(*) FROM vote_ballot)`).Scan(&marks, &ballots); err != nil {
				t.Fatal(err)
			}
			if marks != 0 || ballots != 0 {
				t.Fatalf("after the killed cast: %d marks, %d ballots; want none (partial state)", marks, ballots)
			}
			// The voter is free to cast again, and that counts once.
			if _, err := castWithRetry(ctx, s, e); err != nil {
				t.Fatalf("cast after the killed one: %v", err)
			}
			checkExactlyOnce(t, s, "p", map[vote.VoterID]vote.Entry{"victim": e})
		})
	}
}

// RestartEnv names a shell command that crashes and restarts the test
// server (.ci/postgres.sh sets it: pg_ctl restart -m immediate).
const RestartEnv = "GONGZHI_POSTGRES_RESTART"

// A crash and restart of the server in the middle of a run loses no cast
// that was acknowledged, and the clients' retries count nothing twice.
func TestVoteServerRestartLosesNothingAcknowledged(t *testing.T) {
	restart := os.Getenv(RestartEnv)
	if restart == "" {
		serverURL(t)
		t.Skipf("%s is not set: cannot restart the server (.ci/postgres.sh sets it)", RestartEnv)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := postgres.NewVoteStore(migratedPool(t, 10, durable))
	openPoll(t, s, "p", false)

	const goroutines, perG = 10, 100
	var mu sync.Mutex
	acked := map[vote.VoterID]vote.Entry{}
	var started, wg sync.WaitGroup
	var progress atomic.Int64
	started.Add(1)
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perG {
				e := entry("p", vote.VoterID(fmt.Sprintf("g%02d-%04d", g, i)), "a", false)
				r, err := castWithRetry(ctx, s, e)
				if err != nil || r != e.Receipt {
					t.Errorf("cast %s: %v", e.Voter, err)
					return
				}
				mu.Lock()
				acked[e.Voter] = e
				mu.Unlock()
				progress.Add(1)
			}
		}()
	}
	// Crash the server once a third of the casts are acknowledged.
	for progress.Load() < goroutines*perG/3 {
		time.Sleep(5 * time.Millisecond)
	}
	mu.Lock()
	before := len(acked)
	mu.Unlock()
	out, err := exec.CommandContext(ctx, "sh", "-c", restart).CombinedOutput()
	if err != nil {
		t.Fatalf("restart: %v\n%s", err, out)
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	t.Logf("%d casts acknowledged before the crash, %d in all", before, len(acked))
	checkExactlyOnce(t, s, "p", acked)
}

// Copies of one replacement sent at once (a changed vote, retried): the
// first replaces the old ballot, the others are retries of it. Found by
// votetest's state machine: a copy that locked the old ballot row saw it
// deleted and wrongly answered ErrAlreadyVoted.
func TestVoteConcurrentReplaceRetries(t *testing.T) {
	ctx := context.Background()
	s := postgres.NewVoteStore(migratedPool(t, 8, fast))
	p := vote.Poll{ID: "change", Rule: vote.ProjectPriorities(), Options: []vote.Option{{ID: "a"}, {ID: "b"}}, State: vote.StateOpen}
	p.Rule.AllowChange = true
	if err := s.CreatePoll(ctx, p); err != nil {
		t.Fatal(err)
	}
	for round := range 20 {
		v := vote.VoterID(fmt.Sprint("v", round))
		first := entry("change", v, "a", false)
		if _, err := s.AppendBallot(ctx, first); err != nil {
			t.Fatal(err)
		}
		second := entry("change", v, "b", false)
		second.Replace = true
		second.Receipt = vote.NewReceipt("change", second.Ballot, 2, second.Receipt.Salt)
		var wg sync.WaitGroup
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if r, err := s.AppendBallot(ctx, second); err != nil || r != second.Receipt {
					t.Errorf("round %d: concurrent copy of a replacement = %v, %v; want its receipt", round, r, err)
				}
			}()
		}
		wg.Wait()
		b, stored, err := s.Ballot(ctx, "change", second.Ballot.ID)
		if err != nil || stored != second.Receipt || vote.NewReceipt("change", b, 2, stored.Salt) != second.Receipt {
			t.Fatalf("round %d: stored ballot %v, %v; want the replacement", round, b, err)
		}
	}
}
