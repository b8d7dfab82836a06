-- ticket: the columns behind the received-time window, the newest-first
-- order and the category filter of Store.Tickets (ticket.Filter), written
-- from the same value as the document, and filled here from the documents
-- already stored. received is the receipt instant in UTC with nine
-- fraction digits ("2025-03-03T09:00:00.000000000Z"), so that text order is
-- time order to the nanosecond. A document without a category or a
-- receipt instant (one written by hand) gets ''.
ALTER TABLE ticket ADD COLUMN category text NOT NULL DEFAULT '';
ALTER TABLE ticket ADD COLUMN received text NOT NULL DEFAULT '';
UPDATE ticket SET
	category = coalesce(json_extract(doc, '$.category'), ''),
	received = coalesce((SELECT strftime('%Y-%m-%dT%H:%M:%S', x) || '.' ||
		substr(CASE WHEN substr(x, 20, 1) = '.'
			THEN substr(x, 21, length(x) - 20 - CASE WHEN x LIKE '%Z' THEN 1 ELSE 6 END)
			ELSE '' END || '000000000', 1, 9) || 'Z'
		FROM (SELECT json_extract(doc, '$.received_at') AS x)), '');
CREATE INDEX ticket_received_idx ON ticket (received DESC, id);
CREATE INDEX ticket_category_idx ON ticket (category, received DESC, id);
