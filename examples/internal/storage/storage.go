// Package storage gives the examples their stores: the in-memory ones by
// default, or, with the flag -db FILE.sqlite, stores in that SQLite file
// (adapters/sqlite), so that a second run continues from what the first
// stored:
//
//	go run ./examples/city-grid -db office.sqlite
//	go run ./examples/city-grid -db office.sqlite   # the grid is read back from the file
package storage

import (
	"context"
	"flag"
	"log"

	"github.com/gongzhi/gongzhi/adapters/sqlite"
	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/vote"
)

var dbFlag = flag.String("db", "", "keep the records in this SQLite file (created if missing) instead of in memory")

// Stores opens the stores of one example run.
type Stores struct {
	db *sqlite.DB
}

// Open parses the command line (if the example has not) and opens the
// file named by -db, or nothing when it is not given. It stops the
// program on an error, as the examples do.
func Open(ctx context.Context) *Stores {
	if !flag.Parsed() {
		flag.Parse()
	}
	if *dbFlag == "" {
		return &Stores{}
	}
	db, err := sqlite.Open(ctx, *dbFlag)
	if err != nil {
		log.Fatal(err)
	}
	return &Stores{db: db}
}

// File returns the SQLite file in use, "" for memory.
func (s *Stores) File() string {
	if s.db == nil {
		return ""
	}
	return s.db.Path()
}

// Close closes the file, if any.
func (s *Stores) Close() {
	if s.db != nil {
		if err := s.db.Close(); err != nil {
			log.Print(err)
		}
	}
}

// Vote returns a vote.Store.
func (s *Stores) Vote() vote.Store {
	if s.db == nil {
		return vote.NewMemStore()
	}
	return sqlite.NewVoteStore(s.db)
}

// Grid returns a grid.Store.
func (s *Stores) Grid() grid.Store {
	if s.db == nil {
		return grid.NewMemStore()
	}
	return sqlite.NewGridStore(s.db)
}

// Ticket returns a ticket.Store.
func (s *Stores) Ticket() ticket.Store {
	if s.db == nil {
		return ticket.NewMemStore()
	}
	return sqlite.NewTicketStore(s.db)
}

// Agenda returns an agenda.Store.
func (s *Stores) Agenda() agenda.Store {
	if s.db == nil {
		return agenda.NewMemStore()
	}
	return sqlite.NewAgendaStore(s.db)
}

// Project returns a project.Store.
func (s *Stores) Project() project.Store {
	if s.db == nil {
		return project.NewMemStore()
	}
	return sqlite.NewProjectStore(s.db)
}
