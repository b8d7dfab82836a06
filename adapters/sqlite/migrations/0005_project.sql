-- project: practical projects (versioned JSON records), the funding ledger
-- (append-only, gapless seq, idempotent by entry id) and adopted plans.
CREATE TABLE project (
	id      text    NOT NULL PRIMARY KEY CHECK (id <> ''),
	version integer NOT NULL CHECK (version > 0),
	doc     text    NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE project_entry (
	seq integer PRIMARY KEY CHECK (seq > 0),
	id  text    NOT NULL UNIQUE CHECK (id <> ''),
	doc text    NOT NULL
) STRICT;

-- A plan is compared byte for byte with a plan stored again.
CREATE TABLE project_plan (
	year integer PRIMARY KEY,
	doc  text    NOT NULL
) STRICT;
