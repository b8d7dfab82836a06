-- project: practical projects (versioned JSON records), the funding ledger
-- (append-only, gapless seq, idempotent by entry id) and adopted plans.
CREATE TABLE project (
	id      text COLLATE "C" PRIMARY KEY CHECK (id <> ''),
	version bigint NOT NULL CHECK (version > 0),
	doc     json  NOT NULL
);

-- The ledger's length in one row; every append locks it.
CREATE TABLE project_ledger_head (
	only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
	seq      bigint  NOT NULL CHECK (seq >= 0)
);
INSERT INTO project_ledger_head (only_row, seq) VALUES (true, 0);

CREATE TABLE project_entry (
	seq bigint PRIMARY KEY CHECK (seq > 0),
	id  text COLLATE "C" NOT NULL UNIQUE CHECK (id <> ''),
	doc json NOT NULL
);

-- A plan is compared byte for byte with a plan stored again; the json type
-- keeps it exactly as encoded.
CREATE TABLE project_plan (
	year integer PRIMARY KEY,
	doc  json NOT NULL
);
