-- ticket: the columns behind the received-time window, the newest-first
-- order and the category filter of Store.Tickets (ticket.Filter), written
-- from the same value as the document, and filled here from the documents
-- already stored. received is the receipt instant in UTC with nine
-- fraction digits ("2025-03-03T09:00:00.000000000Z"), so that text order is
-- time order to the nanosecond (received_at, a timestamptz, keeps only
-- microseconds). A document without a category or a receipt instant gets ''.
ALTER TABLE ticket ADD COLUMN category text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE ticket ADD COLUMN received text COLLATE "C" NOT NULL DEFAULT '';
UPDATE ticket SET
	category = coalesce(doc->>'category', ''),
	received = coalesce(
		to_char(regexp_replace(doc->>'received_at', '\.[0-9]+', '')::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
		|| '.' || rpad(coalesce(substring(doc->>'received_at' from '^[^.]*\.([0-9]+)'), ''), 9, '0') || 'Z', '');
CREATE INDEX ticket_received_idx ON ticket (received DESC, id);
CREATE INDEX ticket_category_idx ON ticket (category, received DESC, id);
