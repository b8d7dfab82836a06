-- agenda: deliberation topics and meetings, each kept whole as JSON with a
-- version for optimistic concurrency. A meeting's instant is also stored
-- as Unix seconds and nanoseconds, so that Meetings orders and ranges by
-- the exact instant.
CREATE TABLE agenda_topic (
	id      text    NOT NULL PRIMARY KEY,
	version integer NOT NULL CHECK (version > 0),
	doc     text    NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE agenda_meeting (
	id      text    NOT NULL PRIMARY KEY,
	version integer NOT NULL CHECK (version > 0),
	at_s    integer NOT NULL,
	at_ns   integer NOT NULL CHECK (at_ns >= 0 AND at_ns < 1000000000),
	doc     text    NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX agenda_meeting_at_idx ON agenda_meeting (at_s, at_ns, id);
