-- vote: polls (ballot boxes), participation marks and ballots.
--
-- Identifiers are text compared with SQLite's BINARY collation (memcmp),
-- the canonical bytewise order of vote.Store. Records are JSON text.
--
-- Secrecy: vote_mark records who took part; vote_ballot records what was
-- cast. In a secret poll the ballot row has no voter (voter_id IS NULL) and
-- the two tables share nothing but the poll id. Both are WITHOUT ROWID
-- tables: they have no rowid, serial or timestamp, and their rows are
-- stored in key order (marks by voter id, ballots by ballot id, an
-- unpredictable token in secret polls), never in insertion order. When a
-- secret poll closes, its ballots are rewritten in random order and the
-- write-ahead log is truncated (see VoteStore.UpdatePoll).
CREATE TABLE vote_poll (
	id      text    NOT NULL PRIMARY KEY,
	version integer NOT NULL CHECK (version > 0),
	state   text    NOT NULL,
	secret  integer NOT NULL CHECK (secret IN (0, 1)),
	doc     text    NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE vote_mark (
	poll_id  text NOT NULL REFERENCES vote_poll (id),
	voter_id text NOT NULL,
	PRIMARY KEY (poll_id, voter_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE vote_ballot (
	poll_id   text NOT NULL REFERENCES vote_poll (id),
	ballot_id text NOT NULL,
	-- voter_id is the casting voter in a public poll, NULL in a secret one.
	voter_id  text,
	hash      text NOT NULL,
	-- body is the ballot as JSON without its id.
	body      text NOT NULL,
	PRIMARY KEY (poll_id, ballot_id)
) STRICT, WITHOUT ROWID;

-- One ballot per voter in public polls (NULLs, the secret ballots, are
-- distinct in a UNIQUE index).
CREATE UNIQUE INDEX vote_ballot_one_per_voter ON vote_ballot (poll_id, voter_id);
