-- ticket: residents' requests. The ticket is kept whole as JSON (doc); the
-- columns beside it are what Store.List filters on, written from the same
-- value in the same statement.
CREATE TABLE ticket (
	id          text COLLATE "C" PRIMARY KEY CHECK (id <> ''),
	version     bigint  NOT NULL CHECK (version > 0),
	state       text    NOT NULL,
	terminal    boolean NOT NULL,
	lead_unit   text COLLATE "C" NOT NULL,
	received_at timestamptz NOT NULL,
	doc         json   NOT NULL
);
CREATE INDEX ticket_open_idx  ON ticket (id) WHERE NOT terminal;
CREATE INDEX ticket_state_idx ON ticket (state, id);
CREATE INDEX ticket_lead_idx  ON ticket (lead_unit, id);
