package sqlite_test

import (
	"context"
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

func must[T any](v T, err error) T {
	if err != nil {
		log.Fatal(err)
	}
	return v
}
