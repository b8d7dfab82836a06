-- grid: the append-only log of change batches from which grid.Tree is
-- rebuilt. grid_head holds the log's version in a single row.
CREATE TABLE grid_head (
	only_row integer PRIMARY KEY CHECK (only_row = 1),
	version  integer NOT NULL CHECK (version >= 0)
) STRICT;
INSERT INTO grid_head (only_row, version) VALUES (1, 0);

CREATE TABLE grid_batch (
	version integer PRIMARY KEY CHECK (version > 0),
	id      text    NOT NULL UNIQUE CHECK (id <> ''),
	-- at is the instant exactly as given (RFC 3339, nanoseconds, offset).
	at      text    NOT NULL,
	reason  text    NOT NULL,
	changes integer NOT NULL CHECK (changes >= 0)
) STRICT;

-- One row per change, in batch order (seq).
CREATE TABLE grid_change (
	version    integer NOT NULL REFERENCES grid_batch (version),
	seq        integer NOT NULL,
	op         text    NOT NULL,
	node       text    NOT NULL,
	parent     text    NOT NULL,
	level      integer NOT NULL,
	code       text    NOT NULL,
	name       text    NOT NULL,
	person     text,
	assignment text,
	PRIMARY KEY (version, seq)
) STRICT, WITHOUT ROWID;
