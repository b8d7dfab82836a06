package sqlite_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/adapters/sqlite"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/vote"
)

// The crash test re-executes the test binary as a child that writes to a
// database file until it is killed. These environment variables tell the
// child what to do; TestMain runs crashChild instead of the tests when the
// first is set.
const (
	crashFileEnv  = "GONGZHI_SQLITE_CRASH_FILE"
	crashRoundEnv = "GONGZHI_SQLITE_CRASH_ROUND"
)

// Polls and options of the crash test.
const (
	crashPublic = vote.PollID("public")
	crashSecret = vote.PollID("secret")
)

func crashPoll(id vote.PollID, secret bool) vote.Poll {
	return vote.Poll{ID: id, Rule: vote.ProjectPriorities(), Secret: secret,
		Options: []vote.Option{{ID: "a"}, {ID: "b"}, {ID: "c"}}}
}

// ack is one acknowledged write, as the child reports it on stdout: a
// cast (Receipt) or a ticket written at Version.
type ack struct {
	Receipt *vote.Receipt `json:"receipt,omitempty"`
	Ticket  ticket.ID     `json:"ticket,omitempty"`
	Version int64         `json:"version,omitempty"`
}

// crashChild casts ballots into both polls and creates and updates
// tickets from several goroutines, printing each write once it returned
// without error, until it is killed. It never returns normally.
func crashChild(path, round string) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child open:", err)
		os.Exit(3)
	}
	votes := vote.NewService(sqlite.NewVoteStore(db), nil)
	tickets := sqlite.NewTicketStore(db)
	var mu sync.Mutex
	report := func(a ack) {
		line, _ := json.Marshal(a)
		mu.Lock()
		os.Stdout.Write(append(line, '\n'))
		mu.Unlock()
	}
	fail := func(what string, err error) {
		fmt.Fprintf(os.Stderr, "child %s: %v\n", what, err)
		os.Exit(4)
	}
	fmt.Println("ready")
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				voter := vote.VoterID(fmt.Sprintf("r%s-g%d-%05d", round, g, i))
				option := vote.OptionID([]string{"a", "b", "c"}[(g+i)%3])
				switch i % 3 {
				case 0, 1:
					poll := crashPublic
					if i%3 == 1 {
						poll = crashSecret
					}
					r, err := votes.Cast(ctx, poll, voter, vote.Ballot{Marks: []vote.Mark{{Option: option}}})
					if err != nil {
						fail("cast", err)
					}
					report(ack{Receipt: &r})
				case 2:
					t := ticket.Ticket{ID: ticket.ID("t-" + string(voter)), Channel: "hotline", Kind: "complaint",
						Category: "noise", Text: "noise at night", State: "received",
						ReceivedAt: time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)}
					stored, _, err := tickets.CreateTicket(ctx, t)
					if err != nil {
						fail("create ticket", err)
					}
					report(ack{Ticket: stored.ID, Version: stored.Version})
					stored.Text += " (updated)"
					out, err := tickets.UpdateTickets(ctx, stored)
					if err != nil {
						fail("update ticket", err)
					}
					report(ack{Ticket: out[0].ID, Version: out[0].Version})
				}
			}
		}()
	}
	wg.Wait()
	os.Exit(5) // not reached: the goroutines write until killed
}

// A child process casting ballots and writing tickets is killed with
// SIGKILL at random moments, five times; after each kill the file is
// reopened and every write the child acknowledged is there, with its
// content, nothing is half-written (each participation mark has its
// ballot and no ballot lacks a mark), and SQLite's integrity check
// passes. At the end both polls close and their audit passes.
func TestCrashLosesNothingAcknowledged(t *testing.T) {
	seed := time.Now().UnixNano()
	if s := os.Getenv("GONGZHI_CRASH_SEED"); s != "" {
		seed, _ = strconv.ParseInt(s, 10, 64)
	}
	t.Logf("seed %d (set GONGZHI_CRASH_SEED to replay the kill times)", seed)
	rng := rand.New(rand.NewPCG(uint64(seed), 0))

	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "crash.sqlite")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	svc := vote.NewService(sqlite.NewVoteStore(db), nil)
	for _, p := range []vote.Poll{crashPoll(crashPublic, false), crashPoll(crashSecret, true)} {
		if _, err := svc.Create(ctx, p); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Open(ctx, p.ID); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	receipts := map[vote.BallotID]vote.Receipt{}
	ticketVersions := map[ticket.ID]int64{}
	const rounds = 5
	for round := range rounds {
		acks := runAndKill(t, path, round, time.Duration(20+rng.IntN(180))*time.Millisecond)
		for _, a := range acks {
			if a.Receipt != nil {
				receipts[a.Receipt.Ballot] = *a.Receipt
			} else {
				ticketVersions[a.Ticket] = max(ticketVersions[a.Ticket], a.Version)
			}
		}
		t.Logf("round %d: %d writes acknowledged before the kill", round, len(acks))
		checkAfterCrash(t, path, receipts, ticketVersions)
	}
	if len(receipts) == 0 {
		t.Fatal("no cast was acknowledged in any round: the test proved nothing")
	}

	db, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc = vote.NewService(sqlite.NewVoteStore(db), nil)
	for _, id := range []vote.PollID{crashPublic, crashSecret} {
		if _, err := svc.Close(ctx, id); err != nil {
			t.Fatalf("close %s: %v", id, err)
		}
		res, err := svc.Tally(ctx, id)
		if err != nil {
			t.Fatalf("tally %s: %v", id, err)
		}
		acked := int64(0)
		for _, r := range receipts {
			if r.Poll == id {
				acked++
			}
		}
		if res.Cast < acked {
			t.Fatalf("poll %s counted %d ballots, fewer than acknowledged", id, res.Cast)
		}
		if err := svc.Audit(ctx, id); err != nil {
			t.Fatalf("audit %s after %d crashes: %v", id, rounds, err)
		}
	}
}

// runAndKill starts the child on path, kills it after delay (counted from
// its first acknowledged write) and returns the writes it acknowledged.
func runAndKill(t *testing.T, path string, round int, delay time.Duration) []ack {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), crashFileEnv+"="+path, crashRoundEnv+"="+strconv.Itoa(round))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var acks []ack
	first := make(chan struct{})
	readDone := make(chan struct{})
	go func() {
		defer close(readDone)
		sc := bufio.NewScanner(out)
		once := sync.OnceFunc(func() { close(first) })
		defer once()
		for sc.Scan() {
			if sc.Text() == "ready" {
				continue
			}
			var a ack
			if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
				continue // a line cut by the kill
			}
			acks = append(acks, a)
			once()
		}
	}()
	select {
	case <-first:
	case <-time.After(60 * time.Second):
		t.Errorf("the child acknowledged nothing in a minute")
	}
	time.Sleep(delay)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatalf("kill: %v", err)
	}
	<-readDone
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("child ended with %v before it was killed; stderr:\n%s", err, stderr.String())
	}
	return acks
}

// checkAfterCrash reopens the file and checks it against what was
// acknowledged so far.
func checkAfterCrash(t *testing.T, path string, receipts map[vote.BallotID]vote.Receipt, tickets map[ticket.ID]int64) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen after the kill: %v", err)
	}
	defer db.Close()
	if problems, err := db.IntegrityCheck(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("integrity check after the kill: %v, %v", problems, err)
	}
	votes := sqlite.NewVoteStore(db)
	for _, r := range receipts {
		b, stored, err := votes.Ballot(ctx, r.Poll, r.Ballot)
		if err != nil {
			t.Fatalf("acknowledged ballot %s of poll %s lost: %v", r.Ballot, r.Poll, err)
		}
		if stored != r || vote.NewReceipt(r.Poll, b, r.Version, r.Salt) != r {
			t.Fatalf("acknowledged ballot %s of poll %s changed", r.Ballot, r.Poll)
		}
	}
	for _, poll := range []vote.PollID{crashPublic, crashSecret} {
		ballots := collect(t, votes.Ballots(ctx, poll))
		voters := collect(t, votes.Participants(ctx, poll))
		if len(ballots) != len(voters) {
			t.Fatalf("poll %s: %d ballots but %d participation marks: a cast was half-written", poll, len(ballots), len(voters))
		}
		if poll == crashPublic {
			for i, b := range ballots {
				if vote.VoterID(b.ID) != voters[i] || b.Voter != voters[i] {
					t.Fatalf("poll %s: ballot %s does not match mark %s", poll, b.ID, voters[i])
				}
			}
		}
	}
	ts := sqlite.NewTicketStore(db)
	for id, v := range tickets {
		got, err := ts.Ticket(ctx, id)
		if err != nil {
			t.Fatalf("acknowledged ticket %s lost: %v", id, err)
		}
		if got.Version < v {
			t.Fatalf("ticket %s is at version %d, but version %d was acknowledged", id, got.Version, v)
		}
		if want := got.Version == 2; want != strings.HasSuffix(got.Text, "(updated)") {
			t.Fatalf("ticket %s at version %d has text %q: the update was half-written", id, got.Version, got.Text)
		}
	}
}
