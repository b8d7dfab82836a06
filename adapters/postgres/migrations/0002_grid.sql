-- grid: the append-only log of change batches from which grid.Tree is
-- rebuilt.
--
-- grid_head holds the log's version in a single row; every append locks it,
-- which serialises appends and makes "expect the current version" exact.
CREATE TABLE grid_head (
	only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
	version  bigint  NOT NULL CHECK (version >= 0)
);
INSERT INTO grid_head (only_row, version) VALUES (true, 0);

CREATE TABLE grid_batch (
	version bigint PRIMARY KEY CHECK (version > 0),
	id      text COLLATE "C" NOT NULL UNIQUE CHECK (id <> ''),
	-- at is the instant exactly as given (RFC 3339, nanoseconds, offset);
	-- at_utc is the same instant at microsecond precision, for queries.
	at      text        NOT NULL,
	at_utc  timestamptz NOT NULL,
	reason  text        NOT NULL,
	changes integer     NOT NULL CHECK (changes >= 0)
);

-- One row per change, in batch order (seq). Bulk imports load it with COPY;
-- it has no foreign key to grid_batch so that a million-node import is not
-- a million trigger calls: both tables are written in one transaction.
CREATE TABLE grid_change (
	version    bigint   NOT NULL,
	seq        integer  NOT NULL,
	op         text     NOT NULL,
	node       text     NOT NULL,
	parent     text     NOT NULL,
	level      smallint NOT NULL,
	code       text     NOT NULL,
	name       text     NOT NULL,
	person     json,
	assignment json,
	PRIMARY KEY (version, seq)
);
