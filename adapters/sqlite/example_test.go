package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/gongzhi/gongzhi/adapters/sqlite"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/vote"
)

// Example puts a vote service on a SQLite file: Open creates and migrates
// the file, and the store goes where vote.NewMemStore() would. A second
// program opening the same file finds the poll and its ballots.
func Example() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "gongzhi-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "office.sqlite")

	db, err := sqlite.Open(ctx, path)
	if err != nil {
		log.Fatal(err)
	}
	votes := vote.NewService(sqlite.NewVoteStore(db), nil)
	p := vote.Poll{ID: "bike-shed", Rule: vote.ProjectPriorities(), Options: []vote.Option{{ID: "shed"}, {ID: "racks"}}}
	if _, err := votes.Create(ctx, p); err != nil {
		log.Fatal(err)
	}
	if _, err := votes.Open(ctx, p.ID); err != nil {
		log.Fatal(err)
	}
	for _, v := range []vote.VoterID{"wang", "li", "zhang"} {
		if _, err := votes.Cast(ctx, p.ID, v, vote.Ballot{Marks: []vote.Mark{{Option: "shed"}}}); err != nil {
			log.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		log.Fatal(err)
	}

	// Later, another run of the program.
	db, err = sqlite.Open(ctx, path)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	votes = vote.NewService(sqlite.NewVoteStore(db), nil)
	n := 0
	for _, err := range votes.Participants(ctx, "bike-shed") {
		if err != nil {
			log.Fatal(err)
		}
		n++
	}
	fmt.Println("voters found in the file:", n)
	// Output: voters found in the file: 3
}

// ExampleOpenWith caps the file's size: a write that would grow it past
// MaxSize fails with ErrFull and changes nothing.
func ExampleOpenWith() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "gongzhi-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	db, err := sqlite.OpenWith(ctx, filepath.Join(dir, "kiosk.sqlite"), sqlite.Options{MaxSize: 64 << 20})
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	tickets := ticket.NewService(sqlite.NewTicketStore(db), nil)
	_ = tickets
	fmt.Println("schema up to date:", must(db.SchemaVersion(ctx)) == len(sqlite.Migrations()))
	// Output: schema up to date: true
}

// ExampleDB_Backup copies the file while it is in use, and checks the copy.
func ExampleDB_Backup() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "gongzhi-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	db, err := sqlite.Open(ctx, filepath.Join(dir, "office.sqlite"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	copyPath := filepath.Join(dir, "office-backup.sqlite")
	if err := db.Backup(ctx, copyPath); err != nil {
		log.Fatal(err)
	}
	backup, err := sqlite.Open(ctx, copyPath)
	if err != nil {
		log.Fatal(err)
	}
	defer backup.Close()
	problems, err := backup.IntegrityCheck(ctx)
	fmt.Println(len(problems), "problems,", err)
	// Output: 0 problems, <nil>
}

// ExampleVoteStore_AppendBallots imports a stack of paper ballots keyed in
// after a residents' meeting through vote.Service.Import: the store is a
// vote.BulkStore, so the ballots are stored all or none, and a voter who
// already voted refuses the whole stack.
func ExampleVoteStore_AppendBallots() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "gongzhi-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	db, err := sqlite.Open(ctx, filepath.Join(dir, "office.sqlite"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	votes := vote.NewService(sqlite.NewVoteStore(db), nil)
	p := vote.Poll{ID: "lift", Rule: vote.ProjectPriorities(), Options: []vote.Option{{ID: "yes"}, {ID: "no"}}}
	if _, err := votes.Create(ctx, p); err != nil {
		log.Fatal(err)
	}
	if _, err := votes.Open(ctx, p.ID); err != nil {
		log.Fatal(err)
	}
	paper := func(voter vote.VoterID, option vote.OptionID) vote.VoterBallot {
		return vote.VoterBallot{Voter: voter, Ballot: vote.Ballot{Marks: []vote.Mark{{Option: option}}}}
	}
	rs, err := votes.Import(ctx, p.ID, []vote.VoterBallot{paper("wang", "yes"), paper("li", "yes"), paper("zhang", "no")})
	fmt.Println(len(rs), "ballots imported,", err)
	_, err = votes.Import(ctx, p.ID, []vote.VoterBallot{paper("zhao", "yes"), paper("li", "no")})
	fmt.Println("second stack:", errors.Is(err, vote.ErrAlreadyVoted))
	n := 0
	for _, err := range votes.Participants(ctx, p.ID) {
		if err != nil {
			log.Fatal(err)
		}
		n++
	}
	fmt.Println(n, "participants")
	// Output:
	// 3 ballots imported, <nil>
	// second stack: true
	// 3 participants
}

func must[T any](v T, err error) T {
	if err != nil {
		log.Fatal(err)
	}
	return v
}
