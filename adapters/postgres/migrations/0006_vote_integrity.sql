-- vote: integrity under hostile input (issue 14).
--
-- Receipts are salted per ballot and carry the ballot's version: a retry
-- gets the stored receipt back, and a change names the version it
-- replaces, so a delayed retry of an older ballot is refused.
ALTER TABLE vote_ballot
	ADD COLUMN salt    text   NOT NULL DEFAULT '',
	ADD COLUMN version bigint NOT NULL DEFAULT 1 CHECK (version > 0);

-- Secret ballots are not written to vote_ballot by the transaction that
-- writes their participation mark (its id, xmin, would pair them). They
-- wait here, and a separate transaction moves them to vote_ballot in
-- shuffled batches (VoteStore.FlushBatch), and all of them when the poll
-- closes. While a ballot waits, this row and the mark share a transaction
-- id: only the adapter's role may read this table.
CREATE TABLE vote_ballot_staged (
	poll_id   text COLLATE "C" NOT NULL,
	ballot_id text COLLATE "C" NOT NULL,
	hash      text   NOT NULL,
	salt      text   NOT NULL,
	version   bigint NOT NULL CHECK (version > 0),
	body      json   NOT NULL,
	PRIMARY KEY (poll_id, ballot_id)
);
REVOKE ALL ON vote_ballot_staged FROM PUBLIC;

-- A poll's definition (title, rule, options, voter roll, secrecy, window)
-- freezes when it opens, and its state only moves forward: the database
-- refuses any other update, whoever writes it (vote.Store, UpdatePoll).
CREATE FUNCTION vote_poll_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	states text[] := ARRAY['draft', 'open', 'closed', 'tallied'];
	k text;
BEGIN
	IF OLD.state = 'draft' THEN
		RETURN NEW;
	END IF;
	IF array_position(states, NEW.state) IS NULL
		OR array_position(states, NEW.state) < array_position(states, OLD.state) THEN
		RAISE EXCEPTION 'poll % is %: its state cannot become %', OLD.id, OLD.state, NEW.state
			USING ERRCODE = 'GZ001';
	END IF;
	IF NEW.id IS DISTINCT FROM OLD.id OR NEW.secret IS DISTINCT FROM OLD.secret THEN
		RAISE EXCEPTION 'poll % is %: its definition is frozen', OLD.id, OLD.state USING ERRCODE = 'GZ001';
	END IF;
	FOREACH k IN ARRAY ARRAY['title', 'rule', 'options', 'voters', 'secret', 'opens', 'closes'] LOOP
		IF (NEW.doc -> k)::text IS DISTINCT FROM (OLD.doc -> k)::text THEN
			RAISE EXCEPTION 'poll % is %: its % is frozen', OLD.id, OLD.state, k USING ERRCODE = 'GZ001';
		END IF;
	END LOOP;
	RETURN NEW;
END
$$;

CREATE TRIGGER vote_poll_frozen BEFORE UPDATE ON vote_poll
	FOR EACH ROW EXECUTE FUNCTION vote_poll_frozen();
