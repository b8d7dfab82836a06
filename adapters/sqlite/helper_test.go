package sqlite_test

import (
	"context"
	"flag"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/gongzhi/gongzhi/adapters/internal/schematest"
	"github.com/gongzhi/gongzhi/adapters/sqlite"
	"github.com/gongzhi/gongzhi/vote"
)

// TestMain lowers rapid's default number of checks for this package unless
// -rapid.checks is given: the conformance suites' model tests create a
// fresh database file per check. It also removes the template file.
func TestMain(m *testing.M) {
	if path := os.Getenv(crashFileEnv); path != "" {
		crashChild(path, os.Getenv(crashRoundEnv))
	}
	flag.Parse()
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "rapid.checks" })
	if !given {
		if err := flag.Set("rapid.checks", "25"); err != nil {
			fmt.Fprintln(os.Stderr, "setting rapid.checks:", err)
			os.Exit(2)
		}
	}
	code := m.Run()
	if templateDir != "" {
		os.RemoveAll(templateDir)
	}
	os.Exit(code)
}

var (
	templateOnce sync.Once
	templateDir  string
	templateFile []byte
	templateErr  error
)

// template returns the bytes of a freshly migrated, closed database file,
// made once per test binary: copying it is much cheaper than migrating.
func template() ([]byte, error) {
	templateOnce.Do(func() {
		templateDir, templateErr = os.MkdirTemp("", "gongzhi-sqlite-template")
		if templateErr != nil {
			return
		}
		path := filepath.Join(templateDir, "template.sqlite")
		db, err := sqlite.Open(context.Background(), path)
		if err != nil {
			templateErr = err
			return
		}
		if templateErr = db.Close(); templateErr != nil {
			return
		}
		templateFile, templateErr = os.ReadFile(path)
	})
	return templateFile, templateErr
}

// openDB opens a fresh database file in the test's temporary directory,
// without synchronous commits, and closes it at cleanup. Tests about
// durability use openDurable.
func openDB(t testing.TB) *sqlite.DB {
	t.Helper()
	b, err := template()
	if err != nil {
		t.Fatalf("template: %v", err)
	}
	path := filepath.Join(t.TempDir(), "gongzhi.sqlite")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.OpenFast(context.Background(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return db
}

// openDurable opens a fresh database file with Open's defaults.
func openDurable(t testing.TB) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "gongzhi.sqlite"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return db
}

// openPoll stores an open poll with two options and returns it.
func openPoll(t testing.TB, s vote.Store, id vote.PollID, secret bool) vote.Poll {
	t.Helper()
	p := vote.Poll{
		ID:      id,
		Rule:    vote.ProjectPriorities(),
		Options: []vote.Option{{ID: "a"}, {ID: "b"}},
		Secret:  secret,
		State:   vote.StateOpen,
	}
	if err := s.CreatePoll(context.Background(), p); err != nil {
		t.Fatalf("CreatePoll: %v", err)
	}
	return p
}

// entry builds the entry a Service would hand the store for voter's ballot
// marking option; in a secret poll the ballot id is a token.
func entry(poll vote.PollID, voter vote.VoterID, option vote.OptionID, secret bool) vote.Entry {
	b := vote.Ballot{ID: vote.BallotID(voter), Voter: voter, Marks: []vote.Mark{{Option: option}}}
	if secret {
		b.Voter = ""
		b.ID = vote.BallotID(fmt.Sprintf("tok-%x", []byte(voter)))
	}
	b = b.Canonical()
	return vote.Entry{Poll: poll, Voter: voter, Ballot: b, Secret: secret,
		Receipt: vote.NewReceipt(poll, b, 1, "salt-"+string(voter))}
}

func collect[T any](t testing.TB, seq iter.Seq2[T, error]) []T {
	t.Helper()
	var out []T
	for v, err := range seq {
		if err != nil {
			t.Fatalf("stream: %v", err)
		}
		out = append(out, v)
	}
	return out
}

func writeFile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// seeded is openDB holding the records the conformance suites' samples
// cite.
func seeded(t testing.TB) *sqlite.DB {
	t.Helper()
	db := openDB(t)
	seedCited(t, db)
	return db
}

// seedCited stores the records the conformance suites' samples cite
// (schematest.Seed).
func seedCited(t testing.TB, db *sqlite.DB) {
	t.Helper()
	schematest.Seed(t, sqlite.NewTicketStore(db), sqlite.NewVoteStore(db))
}
