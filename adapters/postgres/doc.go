// Package postgres stores gongzhi's ballots, grid history, tickets,
// deliberation records and projects in PostgreSQL, so that they survive a
// restart and can be shared by several app servers. It is a nested module
// (github.com/gongzhi/gongzhi/adapters/postgres) built on pgx; the core
// module does not depend on it.
//
// # Quick start
//
// Connect and migrate with Open, then hand the stores to the services
// exactly where the in-memory stores would go:
//
//	pool, err := postgres.Open(ctx, os.Getenv("DATABASE_URL")) // connect, migrate
//	defer pool.Close()
//	votes := vote.NewService(postgres.NewVoteStore(pool), nil)
//
// An application that builds its own pgxpool.Pool calls Migrate on it
// instead of Open.
//
// # Stores
//
// One store type per core package, each passing that package's
// conformance suite unchanged:
//
//   - VoteStore (vote.Store, vote/votetest): polls, participation marks and
//     ballots. One voter, one ballot is a primary key; a retried cast is
//     recognised by its receipt hash; a stale poll update is
//     vote.ErrConflict. ImportBallots loads ballots with COPY.
//   - GridStore (grid.Store, grid/gridtest): the append-only log of
//     change batches; a batch's changes are written with COPY, so a
//     million-node import is one append.
//   - TicketStore (ticket.Store, ticket/tickettest): tickets, with List's
//     filters on indexed columns.
//   - AgendaStore (agenda.Store, agenda/agendatest): topics and meetings.
//   - ProjectStore (project.Store, project/projecttest): projects, the
//     funding ledger and adopted plans.
//
// Every store is safe for concurrent use, maps conflicts to its package's
// sentinel errors (errors.Is works), reads long results page by page
// (keyset pagination: a tally of ten million ballots holds one page in
// memory, not the poll) and exposes its pool through As.
//
// # Schema and migrations
//
// The schema is a list of versioned SQL files embedded in the package
// (Migrations). Migrate applies the missing ones in one transaction under
// an advisory lock, records them in the gongzhi_schema_version table with
// a checksum, and is idempotent: every app server may call it at start.
// It refuses a database migrated by a newer release (ErrSchemaTooNew) or
// whose applied migration differs from this build's (ErrSchemaModified).
// MigrationSQL returns the whole schema as one script for teams that apply
// migrations with their own tool; the gongzhi-pg command prints it
// (go run github.com/gongzhi/gongzhi/adapters/postgres/cmd/gongzhi-pg sql).
//
// The tables live in the first existing schema of the connection's
// search_path (ErrNoSchema if none exists), so one database can hold
// several independent deployments (set search_path in the pool's
// connection config or URL, as the tests do).
//
// # References between records
//
// A topic cites tickets; a project cites its topic and resolution,
// tickets and vote polls. The services check these citations through the
// Store interfaces they are given (agenda.Options.Tickets,
// project.Options.Topics and Options.Tickets), whichever database each
// Store lives in. When the stores share one database the database checks
// them too, so that a writer that bypasses the services, or a record
// missing by the time the write commits, cannot leave a dangling citation:
// PutTopic and PutProject write the citations held in the JSON document to
// link tables (agenda_topic_ticket, agenda_resolution, project_topic,
// project_ticket, project_poll) in the same transaction, and their
// foreign keys refuse a citation of a record that is not there. The
// refusal is the package's typed error, *agenda.RefError or
// *project.RefError (wrapping ErrInvalid and the cited package's
// ErrNotFound), and nothing is written. A topic rewrite that drops a
// resolution a project cites is an *agenda.InputError; a SQL DELETE of a
// cited ticket, poll or topic fails. A project's resolution must be one of
// its topic's resolutions, current or withdrawn; that it is the adopted
// one is the service's check.
//
// When some records live in another database (tickets kept by a hotline
// system, polls by a voting platform), say so with WithElsewhere: the
// store still records those citations, unchecked, and the database checks
// the rest. Migration 7 backfills the link tables from the stored
// documents; a citation whose record is missing does not fail the
// migration but is recorded unchecked, and the view gongzhi_unchecked_ref
// lists every unchecked citation with whether its record exists (found).
// A later write of that topic or project must drop or repair it.
//
// The link tables are indexed by the cited id: AgendaStore.TopicsCiting
// and ProjectStore.ProjectsCiting (trace.TopicIndex, trace.ProjectIndex)
// let trace.From find what a ticket led to without reading every topic
// and project.
//
// # Secret ballots
//
// In a secret poll the participation mark (poll, voter) is a row of
// vote_mark and the ballot (poll, ballot id, content) a row of vote_ballot
// with no voter. The two tables share no key, serial or timestamp, and
// ballots are always read in ballot-id order. PostgreSQL itself still
// records which transaction wrote a row (xmin) and where (ctid), and a
// cast writes the mark and the ballot in one transaction, so the
// database's own bookkeeping links them while the poll is open; when a
// secret poll leaves the open state, UpdatePoll rewrites its ballots in
// random physical order in one transaction, which removes that link from
// the live tables. Old row versions remain in the write-ahead log and on
// disk until they are vacuumed and recycled: operators who must guarantee
// secrecy against the database administrator should restrict WAL
// archiving and run VACUUM on vote_ballot after closing a secret poll.
//
// # Group commit of casts
//
// A durable commit waits for the write-ahead log to reach the disk, and
// with one transaction per cast that wait bounds the casts per second.
// VoteStore.AppendBallot therefore commits casts that arrive together in
// one transaction (up to a quarter of the pool's connections such batches
// at a time, each of up to 512 casts): the new voters' marks go in with
// one INSERT and their ballots with another, so a batch costs about what
// one cast did. A caller is answered only after the transaction holding
// its cast has committed, and the rules are unchanged: one ballot per
// voter is still the primary key of vote_mark, a ballot id held by another
// ballot is still vote.ErrConflict (the refused cast's mark is removed in
// the same transaction), and a cast that is not a voter's first ballot (a
// retry, a replacement, a second ballot, or a second cast of the same
// voter or ballot id within the batch) is answered by a transaction of its
// own, exactly as before. In a secret poll a batch's marks and ballots are
// inserted in key order, not arrival order, and the whole batch shares one
// transaction id.
//
// BenchmarkCastVoters (durable commits, a pool of 8 connections, new
// voters only) on the project's 2-core machine shared with other
// builds, load average in brackets:
//
//	voters   one transaction per cast        group commit
//	1        226-259/s (12-18)               186-237/s (13-21)
//	8        941-1,057/s (12-18)             950-1,053/s (13-21)
//	64       874-1,061/s (12-18)             5,777-6,554/s (12-13), 3,584-4,045/s (21)
//
// A later run at load 8-17 (10,000 casts, twice): 64 voters 5,441 and
// 7,721/s with group commit, 1,182 and 1,289/s one transaction per cast.
//
// With 64 concurrent voters group commit records over 5,000 durable casts
// a second, six times the one-transaction-per-cast figure (about 1,000/s,
// which the benchmark reproduces). A lone voter gains nothing: each cast
// still waits for its own flush.
//
// # Bulk loading
//
// VoteStore.ImportBallots streams ballots to the server with COPY in one
// transaction (about 100,000 ballots a second on two cores), and
// GridStore.Append writes a batch's changes with COPY (about 150,000 nodes
// a second). Marks and ballots have no foreign key to their poll, nor grid
// changes to their batch: each write locks and checks the parent row
// first, and a foreign key would cost a trigger call per imported row.
//
// # Testing
//
// The tests run against the server named by GONGZHI_POSTGRES_URL, each
// store in a schema of its own that is dropped afterwards; without the
// variable they are skipped, except under CI=true, where that is a
// failure. bash .ci/postgres.sh (from the repository root) installs
// PostgreSQL if needed, starts a throwaway server and runs them.
//
// # Errors and retries
//
// Transactions run at READ COMMITTED and are retried on serialization
// failures and deadlocks. A lost connection is returned as an error; the
// operation either committed or left nothing behind, and every write is
// idempotent (ballots by receipt, batches and ledger entries by id,
// tickets by intake key), so the caller may simply retry.
package postgres
