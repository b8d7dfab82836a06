-- vote: integrity under hostile input (issue 14 items 13, 16, 17).
--
-- Receipts are salted per ballot and carry the ballot's version: a retry
-- gets the stored receipt back, and a change names the version it
-- replaces, so a delayed retry of an older ballot is refused.
ALTER TABLE vote_ballot ADD COLUMN salt text NOT NULL DEFAULT '';
ALTER TABLE vote_ballot ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0);

-- A poll's definition (title, rule, options, voter roll, secrecy, window)
-- freezes when it opens, and its state only moves forward: the database
-- refuses any other update, whoever writes it.
CREATE TRIGGER vote_poll_frozen BEFORE UPDATE ON vote_poll
WHEN OLD.state <> 'draft' AND (
	NEW.state NOT IN ('open', 'closed', 'tallied')
	OR (OLD.state = 'closed' AND NEW.state = 'open')
	OR (OLD.state = 'tallied' AND NEW.state <> 'tallied')
	OR NEW.secret IS NOT OLD.secret
	OR json_extract(NEW.doc, '$.title') IS NOT json_extract(OLD.doc, '$.title')
	OR json_extract(NEW.doc, '$.rule') IS NOT json_extract(OLD.doc, '$.rule')
	OR json_extract(NEW.doc, '$.options') IS NOT json_extract(OLD.doc, '$.options')
	OR json_extract(NEW.doc, '$.voters') IS NOT json_extract(OLD.doc, '$.voters')
	OR json_extract(NEW.doc, '$.secret') IS NOT json_extract(OLD.doc, '$.secret')
	OR json_extract(NEW.doc, '$.opens') IS NOT json_extract(OLD.doc, '$.opens')
	OR json_extract(NEW.doc, '$.closes') IS NOT json_extract(OLD.doc, '$.closes'))
BEGIN
	SELECT RAISE(ABORT, 'gongzhi: the definition and voter roll of a poll that is not a draft are frozen');
END;
