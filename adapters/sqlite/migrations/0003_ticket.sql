-- ticket: residents' requests. The ticket is kept whole as JSON (doc); the
-- columns beside it are what Store.Tickets filters on, written from the same
-- value in the same statement.
CREATE TABLE ticket (
	id        text    NOT NULL PRIMARY KEY CHECK (id <> ''),
	version   integer NOT NULL CHECK (version > 0),
	state     text    NOT NULL,
	terminal  integer NOT NULL CHECK (terminal IN (0, 1)),
	lead_unit text    NOT NULL,
	doc       text    NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX ticket_open_idx  ON ticket (id) WHERE terminal = 0;
CREATE INDEX ticket_state_idx ON ticket (state, id);
CREATE INDEX ticket_lead_idx  ON ticket (lead_unit, id);
