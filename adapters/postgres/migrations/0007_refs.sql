-- References between records (issue 17). Topics and projects are kept
-- whole as JSON; the citations inside them are also written, on every
-- PutTopic and PutProject and in the same transaction, to the link tables
-- below, whose foreign keys make the database refuse a citation of a
-- record that does not exist, whoever writes it.
--
-- Each link row keeps the cited id (ticket_id, topic_id, poll_id: indexed,
-- for the reverse lookups of package trace) and, in a *_ref column, the
-- same id when the database checks it, or NULL when it does not: a store
-- told that tickets, topics or polls live in another database
-- (postgres.Elsewhere) records its citations unchecked, and so does the
-- backfill below for a citation whose record is missing. The view
-- gongzhi_unchecked_ref lists every unchecked citation and whether its
-- record exists now.
--
-- Meetings, merges and screenings cite topics of the same package; the
-- agenda service checks those, and they are not linked here.

-- A topic's tickets (agenda.Topic.Source.Ticket).
CREATE TABLE agenda_topic_ticket (
	topic_id   text COLLATE "C" NOT NULL REFERENCES agenda_topic (id),
	ticket_id  text COLLATE "C" NOT NULL,
	ticket_ref text COLLATE "C" CHECK (ticket_ref = ticket_id),
	PRIMARY KEY (topic_id, ticket_id),
	CONSTRAINT agenda_topic_ticket_ref_fkey FOREIGN KEY (ticket_ref) REFERENCES ticket (id)
);
CREATE INDEX agenda_topic_ticket_ticket_idx ON agenda_topic_ticket (ticket_id, topic_id);
CREATE INDEX agenda_topic_ticket_ref_idx ON agenda_topic_ticket (ticket_ref) WHERE ticket_ref IS NOT NULL;

-- A topic's resolutions, the current one and those withdrawn, so that a
-- project can cite one with a foreign key. A rewrite of the topic may add
-- resolutions; dropping one that a project cites is refused.
CREATE TABLE agenda_resolution (
	topic_id text COLLATE "C" NOT NULL REFERENCES agenda_topic (id),
	id       text COLLATE "C" NOT NULL CHECK (id <> ''),
	PRIMARY KEY (topic_id, id)
);

-- A project's topic and resolution (project.Project.Topic, Resolution).
CREATE TABLE project_topic (
	project_id    text COLLATE "C" PRIMARY KEY REFERENCES project (id),
	topic_id      text COLLATE "C",
	resolution_id text COLLATE "C",
	topic_ref     text COLLATE "C" CHECK (topic_ref = topic_id),
	CHECK (topic_id IS NOT NULL OR resolution_id IS NOT NULL),
	CONSTRAINT project_topic_ref_fkey FOREIGN KEY (topic_ref) REFERENCES agenda_topic (id),
	-- MATCH SIMPLE: checked when both columns are set.
	CONSTRAINT project_topic_resolution_fkey FOREIGN KEY (topic_ref, resolution_id)
		REFERENCES agenda_resolution (topic_id, id)
);
CREATE INDEX project_topic_topic_idx ON project_topic (topic_id);
CREATE INDEX project_topic_ref_idx ON project_topic (topic_ref, resolution_id) WHERE topic_ref IS NOT NULL;

-- A project's tickets (project.Project.Tickets).
CREATE TABLE project_ticket (
	project_id text COLLATE "C" NOT NULL REFERENCES project (id),
	ticket_id  text COLLATE "C" NOT NULL,
	ticket_ref text COLLATE "C" CHECK (ticket_ref = ticket_id),
	PRIMARY KEY (project_id, ticket_id),
	CONSTRAINT project_ticket_ref_fkey FOREIGN KEY (ticket_ref) REFERENCES ticket (id)
);
CREATE INDEX project_ticket_ticket_idx ON project_ticket (ticket_id, project_id);
CREATE INDEX project_ticket_ref_idx ON project_ticket (ticket_ref) WHERE ticket_ref IS NOT NULL;

-- A project's polls: field 'vote' (project.Project.Vote.Poll) and
-- 'review' (Review.Poll).
CREATE TABLE project_poll (
	project_id text COLLATE "C" NOT NULL REFERENCES project (id),
	field      text NOT NULL CHECK (field IN ('vote', 'review')),
	poll_id    text COLLATE "C" NOT NULL,
	poll_ref   text COLLATE "C" CHECK (poll_ref = poll_id),
	PRIMARY KEY (project_id, field),
	CONSTRAINT project_poll_ref_fkey FOREIGN KEY (poll_ref) REFERENCES vote_poll (id)
);
CREATE INDEX project_poll_ref_idx ON project_poll (poll_ref) WHERE poll_ref IS NOT NULL;

-- Backfill from the stored documents. A citation whose record exists is
-- checked from now on; one whose record is missing is recorded unchecked
-- (listed by gongzhi_unchecked_ref with found = false) rather than failing
-- the migration: a deployment whose tickets live elsewhere would otherwise
-- never migrate. A later write of the citing record through a store that
-- checks refuses the dangling citation.
INSERT INTO agenda_topic_ticket (topic_id, ticket_id, ticket_ref)
SELECT t.id, x.id, k.id
FROM agenda_topic t
CROSS JOIN LATERAL json_array_elements_text(CASE json_typeof(t.doc -> 'source' -> 'tickets')
	WHEN 'array' THEN t.doc -> 'source' -> 'tickets' ELSE '[]' END) AS x (id)
LEFT JOIN ticket k ON k.id = x.id
WHERE x.id IS NOT NULL
ON CONFLICT DO NOTHING;

INSERT INTO agenda_resolution (topic_id, id)
SELECT t.id, r.id
FROM agenda_topic t
CROSS JOIN LATERAL (
	SELECT t.doc -> 'resolution' ->> 'id'
	UNION
	SELECT w ->> 'id' FROM json_array_elements(CASE json_typeof(t.doc -> 'withdrawn')
		WHEN 'array' THEN t.doc -> 'withdrawn' ELSE '[]' END) AS w
) AS r (id)
WHERE r.id <> ''
ON CONFLICT DO NOTHING;

INSERT INTO project_topic (project_id, topic_id, resolution_id, topic_ref)
SELECT p.id, x.topic, x.resolution,
	CASE WHEN EXISTS (SELECT 1 FROM agenda_topic a WHERE a.id = x.topic)
		AND (x.resolution IS NULL OR EXISTS (SELECT 1 FROM agenda_resolution r
			WHERE r.topic_id = x.topic AND r.id = x.resolution))
	THEN x.topic END
FROM project p
CROSS JOIN LATERAL (SELECT nullif(p.doc ->> 'topic', '') AS topic, nullif(p.doc ->> 'resolution', '') AS resolution) AS x
WHERE x.topic IS NOT NULL OR x.resolution IS NOT NULL;

INSERT INTO project_ticket (project_id, ticket_id, ticket_ref)
SELECT p.id, x.id, k.id
FROM project p
CROSS JOIN LATERAL json_array_elements_text(CASE json_typeof(p.doc -> 'tickets')
	WHEN 'array' THEN p.doc -> 'tickets' ELSE '[]' END) AS x (id)
LEFT JOIN ticket k ON k.id = x.id
WHERE x.id IS NOT NULL
ON CONFLICT DO NOTHING;

INSERT INTO project_poll (project_id, field, poll_id, poll_ref)
SELECT p.id, x.field, x.poll, v.id
FROM project p
CROSS JOIN LATERAL (VALUES ('vote', nullif(p.doc -> 'vote' ->> 'poll', '')),
	('review', nullif(p.doc -> 'review' ->> 'poll', ''))) AS x (field, poll)
LEFT JOIN vote_poll v ON v.id = x.poll
WHERE x.poll IS NOT NULL;

-- Every citation the database does not check, and whether the cited
-- record exists now (found = false: a dangling citation).
CREATE VIEW gongzhi_unchecked_ref AS
SELECT 'topic'::text AS from_kind, l.topic_id AS from_id, 'ticket'::text AS to_kind, l.ticket_id AS to_id,
	EXISTS (SELECT 1 FROM ticket k WHERE k.id = l.ticket_id) AS found
FROM agenda_topic_ticket l WHERE l.ticket_ref IS NULL
UNION ALL
SELECT 'project', l.project_id, 'topic', l.topic_id,
	EXISTS (SELECT 1 FROM agenda_topic a WHERE a.id = l.topic_id)
FROM project_topic l WHERE l.topic_ref IS NULL AND l.topic_id IS NOT NULL
UNION ALL
SELECT 'project', l.project_id, 'resolution', l.resolution_id,
	EXISTS (SELECT 1 FROM agenda_resolution r WHERE r.topic_id = l.topic_id AND r.id = l.resolution_id)
FROM project_topic l WHERE l.topic_ref IS NULL AND l.resolution_id IS NOT NULL
UNION ALL
SELECT 'project', l.project_id, 'ticket', l.ticket_id,
	EXISTS (SELECT 1 FROM ticket k WHERE k.id = l.ticket_id)
FROM project_ticket l WHERE l.ticket_ref IS NULL
UNION ALL
SELECT 'project', l.project_id, 'poll', l.poll_id,
	EXISTS (SELECT 1 FROM vote_poll v WHERE v.id = l.poll_id)
FROM project_poll l WHERE l.poll_ref IS NULL;
