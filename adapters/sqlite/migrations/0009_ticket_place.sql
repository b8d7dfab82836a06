-- ticket: the column behind the place filter of Store.Tickets
-- (ticket.Filter.Places), written from the same value as the document and
-- filled here from the documents already stored. place is the ticket's
-- grid place (Ticket.Location), '' for a ticket without one; the index
-- orders each place's tickets newest first, so that the tickets of a few
-- places in a received-time window are read without the others.
ALTER TABLE ticket ADD COLUMN place text NOT NULL DEFAULT '';
UPDATE ticket SET place = coalesce(json_extract(doc, '$.location'), '');
CREATE INDEX ticket_place_idx ON ticket (place, received DESC, id);
