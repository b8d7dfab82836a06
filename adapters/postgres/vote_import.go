package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"iter"

	"github.com/jackc/pgx/v5"

	"github.com/gongzhi/gongzhi/vote"
)

// Cast is one ballot of a bulk import: the voter and the ballot as they
// would be given to vote.Service.Cast.
type Cast struct {
	Voter  vote.VoterID
	Ballot vote.Ballot
}

// ImportBallots loads many ballots into an open poll in one transaction,
// streaming them to the server with COPY: the bulk path for ballots
// collected elsewhere (paper ballots keyed in, another system's export).
// It returns the number of ballots imported.
//
// Each ballot is stored as vote.Service.Cast would store it: canonical
// marks; in a public poll the ballot id and voter are the voter's id; in a
// secret poll the ballot carries no voter and its id must be the voter's
// token (an empty id is a *vote.BallotError). Content is not judged here:
// the tally counts an invalid ballot as invalid, as it would a spoiled
// paper ballot. A voter missing from a non-empty eligibility list is
// vote.ErrNotEligible.
//
// The import is all or nothing. A poll that is missing or not open, a
// voter who already voted (here or in the import itself: vote.ErrAlreadyVoted),
// a ballot id already used (vote.ErrConflict) or an error yielded by casts
// leaves the poll unchanged. In a secret poll the marks and the ballots go
// through a temporary table that is not written to the WAL and is dropped
// at commit, and are inserted separately, ordered by voter id and by
// ballot id: neither their order nor their position links them.
func (s *VoteStore) ImportBallots(ctx context.Context, poll vote.PollID, casts iter.Seq2[Cast, error]) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	var n int64
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var doc []byte
		var state string
		err := tx.QueryRow(ctx, `SELECT doc, state FROM vote_poll WHERE id = $1 FOR SHARE`, string(poll)).Scan(&doc, &state)
		if errors.Is(err, pgx.ErrNoRows) {
			return pollNotFound(poll)
		}
		if err != nil {
			return err
		}
		if vote.State(state) != vote.StateOpen {
			return &vote.StateError{Poll: poll, State: vote.State(state), Op: "cast", Reason: "import"}
		}
		var p vote.Poll
		if err := json.Unmarshal(doc, &p); err != nil {
			return fmt.Errorf("decoding poll %s: %w", poll, err)
		}
		var eligible map[vote.VoterID]bool
		if len(p.Voters) > 0 {
			eligible = make(map[vote.VoterID]bool, len(p.Voters))
			for _, v := range p.Voters {
				eligible[v.ID] = true
			}
		}
		if _, err := tx.Exec(ctx, `CREATE TEMP TABLE gz_import (
			voter text COLLATE "C" NOT NULL, ballot_id text COLLATE "C" NOT NULL,
			hash text NOT NULL, salt text NOT NULL, body json NOT NULL) ON COMMIT DROP`); err != nil {
			return err
		}
		next, stop := iter.Pull2(casts)
		defer stop()
		var srcErr error
		src := pgx.CopyFromFunc(func() ([]any, error) {
			c, err, ok := next()
			if !ok {
				return nil, nil
			}
			if err == nil {
				var row []any
				row, err = importRow(&p, eligible, c)
				if err == nil {
					return row, nil
				}
			}
			srcErr = err
			return nil, err
		})
		n, err = tx.CopyFrom(ctx, pgx.Identifier{"gz_import"}, []string{"voter", "ballot_id", "hash", "salt", "body"}, src)
		if srcErr != nil {
			return srcErr
		}
		if err != nil {
			return err
		}
		// In a secret poll the rows are inserted sorted, marks by voter and
		// ballots by token, so that neither table keeps the import order.
		order := func(col string) string {
			if p.Secret {
				return " ORDER BY " + col
			}
			return ""
		}
		if _, err := tx.Exec(ctx, `INSERT INTO vote_mark (poll_id, voter_id)
			SELECT $1, voter FROM gz_import`+order("voter"), string(poll)); err != nil {
			if pgCode(err) == codeUniqueViolation {
				return fmt.Errorf("postgres: import into poll %s: a voter already voted or appears twice: %w", poll, vote.ErrAlreadyVoted)
			}
			return err
		}
		link := `voter`
		if p.Secret {
			link = `NULL`
		}
		if _, err := tx.Exec(ctx, `INSERT INTO vote_ballot (poll_id, ballot_id, voter_id, hash, salt, version, body)
			SELECT $1, ballot_id, `+link+`, hash, salt, 1, body FROM gz_import`+order("ballot_id"), string(poll)); err != nil {
			if pgCode(err) == codeUniqueViolation {
				return fmt.Errorf("postgres: import into poll %s: a ballot id is used twice: %w", poll, vote.ErrConflict)
			}
			return err
		}
		return nil
	})
	if err != nil {
		var be *vote.BallotError
		if errors.As(err, &be) || errors.Is(err, vote.ErrNotEligible) {
			return 0, err
		}
		return 0, wrapDomain("import ballots", err)
	}
	return n, nil
}

// importRow prepares one cast the way vote.Service.Cast does and returns
// its staging row (voter, ballot id, receipt hash, salt, body); the
// receipt salt is drawn from crypto/rand, as the Service's default.
func importRow(p *vote.Poll, eligible map[vote.VoterID]bool, c Cast) ([]any, error) {
	b := c.Ballot
	if c.Voter == "" {
		return nil, &vote.BallotError{Ballot: b.ID, Reason: "import: no voter given"}
	}
	if b.Voter != "" && b.Voter != c.Voter {
		return nil, &vote.BallotError{Ballot: b.ID, Reason: "the ballot names another voter"}
	}
	if eligible != nil && !eligible[c.Voter] {
		return nil, fmt.Errorf("%w: %q in poll %s", vote.ErrNotEligible, c.Voter, p.ID)
	}
	if p.Secret {
		if b.ID == "" {
			return nil, &vote.BallotError{Reason: "import: a secret ballot needs its voter's token as id"}
		}
		b.Voter = ""
	} else {
		b.Voter = c.Voter
		b.ID = vote.BallotID(c.Voter)
	}
	b = b.Canonical()
	body, err := ballotBody(b)
	if err != nil {
		return nil, err
	}
	var salt [16]byte
	if _, err := rand.Read(salt[:]); err != nil {
		return nil, err
	}
	r := vote.NewReceipt(p.ID, b, 1, hex.EncodeToString(salt[:]))
	return []any{string(c.Voter), string(b.ID), r.Hash, r.Salt, body}, nil
}

var _ vote.BulkStore = (*VoteStore)(nil)

// AppendBallots implements vote.BulkStore: the entries' marks and ballots
// are written with one INSERT each in one transaction, all or none. In a
// secret poll the ballots are staged and moved by a later transaction, as
// single casts are (see VoteStore).
func (s *VoteStore) AppendBallots(ctx context.Context, poll vote.PollID, entries []vote.Entry) ([]vote.Receipt, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	n := len(entries)
	voters, ids, hashes, salts, bodies := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	seen := make(map[vote.VoterID]bool, n)
	out := make([]vote.Receipt, n)
	for i, e := range entries {
		switch {
		case e.Poll != poll:
			return nil, fmt.Errorf("postgres: entry %d is of poll %s, not %s: %w", i, e.Poll, poll, vote.ErrConflict)
		case e.Replace || e.Receipt.Version != 1:
			return nil, fmt.Errorf("postgres: entry %d is not a first ballot: %w", i, vote.ErrConflict)
		case seen[e.Voter]:
			return nil, fmt.Errorf("postgres: voter %q appears twice: %w", e.Voter, vote.ErrAlreadyVoted)
		}
		seen[e.Voter] = true
		body, err := ballotBody(e.Ballot)
		if err != nil {
			return nil, wrap("append ballots: encode", err)
		}
		voters[i], ids[i], hashes[i], salts[i], bodies[i] = string(e.Voter), string(e.Ballot.ID), e.Receipt.Hash, e.Receipt.Salt, string(body)
		out[i] = e.Receipt
	}
	var secret bool
	err := inTx(ctx, s.pool, func(tx pgx.Tx) error {
		var state string
		err := tx.QueryRow(ctx, `SELECT state, secret FROM vote_poll WHERE id = $1 FOR SHARE`, string(poll)).Scan(&state, &secret)
		if errors.Is(err, pgx.ErrNoRows) {
			return pollNotFound(poll)
		}
		if err != nil {
			return err
		}
		if vote.State(state) != vote.StateOpen {
			return &vote.StateError{Poll: poll, State: vote.State(state), Op: "cast"}
		}
		for _, e := range entries {
			if (secret || e.Secret) && e.Ballot.Voter != "" {
				return &vote.BallotError{Ballot: e.Ballot.ID, Reason: "a ballot of a secret poll must not name its voter"}
			}
		}
		tag, err := tx.Exec(ctx, `INSERT INTO vote_mark (poll_id, voter_id)
			SELECT $1, v FROM unnest($2::text[]) AS u(v) ORDER BY v ON CONFLICT DO NOTHING`, string(poll), voters)
		if err != nil {
			return err
		}
		if tag.RowsAffected() != int64(n) {
			return fmt.Errorf("postgres: poll %q: a voter of the batch already voted: %w", poll, vote.ErrAlreadyVoted)
		}
		if secret {
			tag, err = tx.Exec(ctx, `INSERT INTO vote_ballot_staged (poll_id, ballot_id, hash, salt, version, body)
				SELECT $1, b, h, s, 1, j::json FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS u(b, h, s, j)
				WHERE NOT EXISTS (SELECT 1 FROM vote_ballot vb WHERE vb.poll_id = $1 AND vb.ballot_id = u.b)
				ORDER BY b ON CONFLICT DO NOTHING`, string(poll), ids, hashes, salts, bodies)
		} else {
			tag, err = tx.Exec(ctx, `INSERT INTO vote_ballot (poll_id, ballot_id, voter_id, hash, salt, version, body)
				SELECT $1, b, v, h, s, 1, j::json FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(b, v, h, s, j)
				ON CONFLICT DO NOTHING`, string(poll), ids, voters, hashes, salts, bodies)
		}
		if err != nil {
			return err
		}
		if tag.RowsAffected() != int64(n) {
			return fmt.Errorf("postgres: poll %q: a ballot id of the batch is taken or used twice: %w", poll, vote.ErrConflict)
		}
		return nil
	})
	if err != nil {
		var be *vote.BallotError
		if errors.As(err, &be) {
			return nil, err
		}
		return nil, wrapDomain("append ballots", err)
	}
	if secret {
		_ = s.flush(ctx, poll) // the batch is committed; a failed flush is retried by the next one
	}
	return out, nil
}
