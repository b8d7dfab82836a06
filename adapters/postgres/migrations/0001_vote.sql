-- vote: polls (ballot boxes), participation marks and ballots.
--
-- Records are stored as json, not jsonb: json keeps the encoded text
-- exactly, including \u0000, which jsonb cannot hold. Identifiers use the
-- "C" collation so that ORDER BY is bytewise, the
-- canonical order of vote.Store.
--
-- Secrecy: vote_mark records who took part; vote_ballot records what was
-- cast. In a secret poll the ballot row has no voter (voter_id IS NULL) and
-- the two tables share nothing but the poll id: no serial, no timestamp, no
-- insertion-ordered key. Ballots are read in ballot-id order (an
-- unpredictable token in secret polls), never in insertion order, and when
-- a secret poll closes its ballots are rewritten in random physical order
-- (see VoteStore.UpdatePoll).
CREATE TABLE vote_poll (
	id      text COLLATE "C" PRIMARY KEY,
	version bigint  NOT NULL CHECK (version > 0),
	state   text    NOT NULL,
	secret  boolean NOT NULL,
	doc     json   NOT NULL
);

-- Marks and ballots have no foreign key to vote_poll: every write locks the
-- poll row first (FOR SHARE) and checks it, polls are never deleted, and a
-- foreign key would cost a trigger call per row of a bulk import.
CREATE TABLE vote_mark (
	poll_id  text COLLATE "C" NOT NULL,
	voter_id text COLLATE "C" NOT NULL,
	PRIMARY KEY (poll_id, voter_id)
);

CREATE TABLE vote_ballot (
	poll_id   text COLLATE "C" NOT NULL,
	ballot_id text COLLATE "C" NOT NULL,
	-- voter_id is the casting voter in a public poll, NULL in a secret one.
	voter_id  text COLLATE "C",
	hash      text  NOT NULL,
	-- body is the ballot as JSON without its id.
	body      json NOT NULL,
	PRIMARY KEY (poll_id, ballot_id),
	CONSTRAINT vote_ballot_one_per_voter UNIQUE (poll_id, voter_id)
);
