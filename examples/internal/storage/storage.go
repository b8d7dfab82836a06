// Package storage gives the examples their stores: the in-memory ones by
// default; with -db FILE.sqlite, stores in that SQLite file
// (adapters/sqlite); with -pg URL, stores in that PostgreSQL database
// (adapters/postgres, the schema migrated on open). A second run with the
// same file or database continues from what the first stored:
//
//	go run ./examples/city-grid -db office.sqlite
//	go run ./examples/city-grid -db office.sqlite   # the grid is read back from the file
//	go run ./examples/full-loop -pg 'postgres://gongzhi@127.0.0.1:5432/gongzhi?sslmode=disable'
//
// The two flags are separate, rather than one -db that also accepts a
// postgres:// URL, so that neither a file name nor a URL is guessed at:
// -db always names a file (created if missing), -pg always names a server.
// The URL is anything pgxpool.ParseConfig accepts (a postgres:// URL or a
// key=value DSN); runtime parameters such as search_path may be given in
// it, so an example can be pointed at a schema of its own
// (...?search_path=demo), and the password may come from PGPASSWORD or a
// .pgpass file instead of the command line.
package storage

import (
	"context"
	"flag"
	"fmt"
	"log"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/gongzhi/gongzhi/adapters/postgres"
	"github.com/gongzhi/gongzhi/adapters/sqlite"
	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/vote"
)

var (
	dbFlag = flag.String("db", "", "keep the records in this SQLite file (created if missing) instead of in memory")
	pgFlag = flag.String("pg", "", "keep the records in the PostgreSQL database at this URL (postgres://... or a DSN; the schema is migrated) instead of in memory")
)

// Stores opens the stores of one example run.
type Stores struct {
	db    *sqlite.DB
	pg    *pgxpool.Pool
	count *counter // writes to the file or database (nil in memory)
	found tally    // records read back from it (ReadBack)
}

// Open parses the command line (if the example has not) and opens the
// file named by -db or the database named by -pg, or nothing when neither
// is given. It stops the program on an error, as the examples do.
func Open(ctx context.Context) *Stores {
	if !flag.Parsed() {
		flag.Parse()
	}
	s, err := OpenWith(ctx, *dbFlag, *pgFlag)
	if err != nil {
		log.Fatal(err)
	}
	return s
}

// OpenWith opens the SQLite file dbFile or the PostgreSQL database at
// pgURL (at most one of them may be given), or nothing when both are
// empty: the stores are then in memory.
func OpenWith(ctx context.Context, dbFile, pgURL string) (*Stores, error) {
	switch {
	case dbFile != "" && pgURL != "":
		return nil, fmt.Errorf("storage: -db and -pg both given: keep the records in one place")
	case dbFile == "" && pgURL == "":
		return &Stores{}, nil
	}
	count, err := newCounter()
	if err != nil {
		return nil, err
	}
	switch {
	case dbFile != "":
		db, err := sqlite.Open(ctx, dbFile)
		if err != nil {
			return nil, err
		}
		return &Stores{db: db, count: count}, nil
	case pgURL != "":
		pool, err := postgres.Open(ctx, pgURL)
		if err != nil {
			return nil, err
		}
		return &Stores{pg: pool, count: count}, nil
	}
	return &Stores{}, nil
}

// File returns the SQLite file in use, "" for memory or PostgreSQL.
func (s *Stores) File() string {
	if s.db == nil {
		return ""
	}
	return s.db.Path()
}

// Close closes the file or the database pool, if any. Under StopEnv it
// also reports the run's count of writes on standard error, so that a
// test knows where it may stop a run.
func (s *Stores) Close() {
	s.count.report()
	if s.db != nil {
		if err := s.db.Close(); err != nil {
			log.Print(err)
		}
	}
	if s.pg != nil {
		s.pg.Close()
	}
}

// Vote returns a vote.Store.
func (s *Stores) Vote() vote.Store {
	switch {
	case s.db != nil:
		return s.count.vote(sqlite.NewVoteStore(s.db))
	case s.pg != nil:
		return s.count.vote(postgres.NewVoteStore(s.pg))
	}
	return vote.NewMemStore()
}

// Grid returns a grid.Store.
func (s *Stores) Grid() grid.Store {
	switch {
	case s.db != nil:
		return gridStore{sqlite.NewGridStore(s.db), s.count}
	case s.pg != nil:
		return gridStore{postgres.NewGridStore(s.pg), s.count}
	}
	return grid.NewMemStore()
}

// Ticket returns a ticket.Store.
func (s *Stores) Ticket() ticket.Store {
	switch {
	case s.db != nil:
		return ticketStore{sqlite.NewTicketStore(s.db), s.count}
	case s.pg != nil:
		return ticketStore{postgres.NewTicketStore(s.pg), s.count}
	}
	return ticket.NewMemStore()
}

// Agenda returns an agenda.Store.
func (s *Stores) Agenda() agenda.Store {
	switch {
	case s.db != nil:
		return agendaStore{sqlite.NewAgendaStore(s.db), s.count}
	case s.pg != nil:
		return agendaStore{postgres.NewAgendaStore(s.pg), s.count}
	}
	return agenda.NewMemStore()
}

// Project returns a project.Store.
func (s *Stores) Project() project.Store {
	switch {
	case s.db != nil:
		return projectStore{sqlite.NewProjectStore(s.db), s.count}
	case s.pg != nil:
		return projectStore{postgres.NewProjectStore(s.pg), s.count}
	}
	return project.NewMemStore()
}

// Elsewhere names the records an example cites but does not keep in its
// stores (tickets from a hotline system, polls held on paper). With -db or
// -pg the database checks every citation of a topic or project with a
// foreign key unless it is told, through AgendaWith or ProjectWith, that
// those records live elsewhere (sqlite.Elsewhere, postgres.Elsewhere).
type Elsewhere struct {
	Tickets, Topics, Polls bool
}

// AgendaWith is Agenda, recording citations of the records e names
// without the database checking them.
func (s *Stores) AgendaWith(e Elsewhere) agenda.Store {
	switch {
	case s.db != nil:
		return agendaStore{sqlite.NewAgendaStore(s.db).WithElsewhere(sqlite.Elsewhere(e)), s.count}
	case s.pg != nil:
		return agendaStore{postgres.NewAgendaStore(s.pg).WithElsewhere(postgres.Elsewhere(e)), s.count}
	}
	return agenda.NewMemStore()
}

// ProjectWith is Project, recording citations of the records e names
// without the database checking them.
func (s *Stores) ProjectWith(e Elsewhere) project.Store {
	switch {
	case s.db != nil:
		return projectStore{sqlite.NewProjectStore(s.db).WithElsewhere(sqlite.Elsewhere(e)), s.count}
	case s.pg != nil:
		return projectStore{postgres.NewProjectStore(s.pg).WithElsewhere(postgres.Elsewhere(e)), s.count}
	}
	return project.NewMemStore()
}
