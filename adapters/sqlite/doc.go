// Package sqlite stores gongzhi's ballots, grid history, tickets,
// deliberation records and projects in one SQLite file: a durable store
// with no server, for the one-laptop district office, a kiosk that records
// a residents' meeting, or a test environment. It is a nested module
// (github.com/gongzhi/gongzhi/adapters/sqlite) built on modernc.org/sqlite,
// a translation of SQLite to Go, so building it needs no C compiler; the
// core module does not depend on it.
//
// # Quick start
//
// Open the file (it is created and migrated as needed), then hand the
// stores to the services exactly where the in-memory stores would go:
//
//	db, err := sqlite.Open(ctx, "office.sqlite") // create or migrate
//	defer db.Close()
//	votes := vote.NewService(sqlite.NewVoteStore(db), nil)
//
// # Stores
//
// One store type per core package, each passing that package's
// conformance suite unchanged:
//
//   - VoteStore (vote.Store, vote/votetest): polls, participation marks and
//     ballots. One voter, one ballot is a primary key; a retried cast gets
//     its stored receipt back; a stale poll update is vote.ErrConflict; an
//     open poll's definition and voter roll are frozen by a trigger.
//     ImportBallots loads many ballots in one transaction; AppendBallots
//     (vote.BulkStore, used by vote.Service.Import) stores many first
//     ballots all or none, 128 rows per INSERT.
//   - GridStore (grid.Store, grid/gridtest): the append-only log of change
//     batches, one row per change.
//   - TicketStore (ticket.Store, ticket/tickettest): tickets, with Tickets'
//     filters on indexed columns.
//   - AgendaStore (agenda.Store, agenda/agendatest): topics and meetings.
//   - ProjectStore (project.Store, project/projecttest): projects, the
//     funding ledger and adopted plans.
//
// Every store is safe for concurrent use, maps conflicts to its package's
// sentinel errors (errors.Is works) and reads long results page by page
// (keyset pagination), each page in its own short read transaction.
//
// # Connections and durability
//
// A DB holds one writer connection and a pool of read-only connections
// (Options.Readers). The file is in WAL mode, so readers never wait for
// the writer nor it for them; foreign keys are enforced; synchronous=FULL
// makes a commit durable once it returns, even across a power cut; and a
// busy timeout (Options.BusyTimeout, default 5 s) lets another process
// (a backup, a second program) hold the file briefly.
//
// Every write goes through the writer, one transaction at a time, so a
// write's checks and changes cannot interleave with another's (the
// transactions are serialisable). Writes that arrive while a commit is in
// progress are committed together in the next transaction (group commit):
// each runs in a savepoint of its own, so one write's error undoes only
// that write, and each caller is answered only after the transaction that
// holds its write has committed. With many concurrent voters the cost of a
// durable commit is shared by the batch.
//
// A write that fails because the disk is full (or the file reached
// Options.MaxSize) returns an error wrapping ErrFull and changes nothing;
// a lock held too long by another process is ErrBusy; a damaged file is
// ErrCorrupt.
//
// # Schema and migrations
//
// The schema is a list of versioned SQL files embedded in the package
// (Migrations), as in the PostgreSQL adapter. Open applies the missing
// ones in one transaction, records them in the gongzhi_schema_version
// table with a checksum, and is idempotent. It refuses a file migrated by
// a newer release (ErrSchemaTooNew) or whose applied migration differs
// from this build's (ErrSchemaModified), without changing it.
//
// # References between records
//
// As in the PostgreSQL adapter: PutTopic and PutProject write the
// citations a topic or project holds (tickets, topic, resolution, polls)
// to link tables in the same transaction, and their foreign keys refuse a
// citation of a record that is not in the file, with the packages' typed
// errors (*agenda.RefError, *project.RefError, wrapping ErrInvalid and the
// cited package's ErrNotFound); nothing is written. A topic rewrite that
// drops a resolution a project cites is an *agenda.InputError. SQLite
// enforces foreign keys only on connections that ask for it, and every
// connection a DB opens sets PRAGMA foreign_keys=ON. Records kept in
// another database are declared with WithElsewhere (see Elsewhere); their
// citations, and the dangling ones that migration 7 found when it
// backfilled the link tables, are recorded unchecked and listed by the
// view gongzhi_unchecked_ref. AgendaStore.TopicsCiting and
// ProjectStore.ProjectsCiting answer trace.From from the link tables'
// indexes.
//
// # Maintenance
//
// DB.IntegrityCheck runs SQLite's integrity and foreign key checks,
// DB.Backup copies the file while it is in use (VACUUM INTO) and DB.Schema
// prints the stored schema. The gongzhi-sqlite command does the same from
// a shell:
//
//	go run github.com/gongzhi/gongzhi/adapters/sqlite/cmd/gongzhi-sqlite check office.sqlite
//	go run github.com/gongzhi/gongzhi/adapters/sqlite/cmd/gongzhi-sqlite backup office.sqlite copy.sqlite
//
// # Secret ballots
//
// In a secret poll the participation mark (poll, voter) is a row of
// vote_mark and the ballot (poll, token, content) a row of vote_ballot
// with no voter. SQLite's rowid would reveal the order in which rows were
// inserted, so both tables are WITHOUT ROWID tables: a row's only identity
// is its primary key, rows are stored in key order (marks by voter id,
// ballots by their unpredictable token), and neither table has a serial
// or a timestamp. The write-ahead log is the other place where order
// survives: it holds page images in commit order, and a commit that held
// one voter's mark also held that voter's ballot. Concurrent casts are
// committed in batches, which blurs this, and when a secret poll leaves
// the open state UpdatePoll rewrites its ballots in random order
// (secure_delete zeroes the old images) and then checkpoints and truncates
// the log. Copies of the file taken while the poll was open (backups,
// snapshots) keep what they held: take backups of a secret poll's file
// after it closed.
package sqlite
