package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"iter"

	sqlite3 "modernc.org/sqlite/lib"

	"github.com/gongzhi/gongzhi/vote"
)

// Cast is one ballot of a bulk import: the voter and the ballot as they
// would be given to vote.Service.Cast.
type Cast struct {
	Voter  vote.VoterID
	Ballot vote.Ballot
}

// ImportBallots loads many ballots into an open poll in one transaction:
// the bulk path for ballots collected elsewhere (paper ballots keyed in,
// another system's export). It returns the number of ballots imported.
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
// voter who already voted (here or in the import itself:
// vote.ErrAlreadyVoted), a ballot id already used (vote.ErrConflict), an
// error yielded by casts or a cancelled ctx leaves the poll unchanged.
// Other writes wait while the import runs.
func (s *VoteStore) ImportBallots(ctx context.Context, poll vote.PollID, casts iter.Seq2[Cast, error]) (int64, error) {
	var n int64
	err := s.db.writer.do(ctx, func(wctx context.Context, q querier) error {
		n = 0
		var doc, state string
		err := q.QueryRowContext(wctx, `SELECT doc, state FROM vote_poll WHERE id = ?`, string(poll)).Scan(&doc, &state)
		if errors.Is(err, sql.ErrNoRows) {
			return pollNotFound(poll)
		}
		if err != nil {
			return err
		}
		if vote.State(state) != vote.StateOpen {
			return &vote.StateError{Poll: poll, State: vote.State(state), Op: "cast", Reason: "import"}
		}
		var p vote.Poll
		if err := json.Unmarshal([]byte(doc), &p); err != nil {
			return fmt.Errorf("decoding poll %s: %w", poll, err)
		}
		var eligible map[vote.VoterID]bool
		if len(p.Voters) > 0 {
			eligible = make(map[vote.VoterID]bool, len(p.Voters))
			for _, v := range p.Voters {
				eligible[v.ID] = true
			}
		}
		mark, err := q.PrepareContext(wctx, `INSERT INTO vote_mark (poll_id, voter_id) VALUES (?, ?)`)
		if err != nil {
			return err
		}
		defer mark.Close()
		ballot, err := q.PrepareContext(wctx, `INSERT INTO vote_ballot (poll_id, ballot_id, voter_id, hash, salt, version, body) VALUES (?, ?, ?, ?, ?, 1, ?)`)
		if err != nil {
			return err
		}
		defer ballot.Close()
		for c, err := range casts {
			if err != nil {
				return err
			}
			if n%1024 == 0 {
				if err := ctx.Err(); err != nil { // the caller's: the import is long
					return err
				}
			}
			b, voter, body, err := importRow(&p, eligible, c)
			if err != nil {
				return err
			}
			if _, err := mark.ExecContext(wctx, string(poll), string(c.Voter)); err != nil {
				if extendedCode(err) == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY {
					return fmt.Errorf("sqlite: import into poll %s: voter %q already voted or appears twice: %w", poll, c.Voter, vote.ErrAlreadyVoted)
				}
				return err
			}
			var salt [16]byte
			if _, err := rand.Read(salt[:]); err != nil {
				return err
			}
			r := vote.NewReceipt(poll, b, 1, hex.EncodeToString(salt[:]))
			if _, err := ballot.ExecContext(wctx, string(poll), string(b.ID), voter, r.Hash, r.Salt, body); err != nil {
				if isUnique(err) {
					return fmt.Errorf("sqlite: import into poll %s: ballot id %q is used twice: %w", poll, b.ID, vote.ErrConflict)
				}
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, wrapVote("import ballots", err)
	}
	return n, nil
}

// importRow prepares one cast the way vote.Service.Cast does and returns
// the canonical ballot, the voter column (nil in a secret poll) and the
// stored body.
func importRow(p *vote.Poll, eligible map[vote.VoterID]bool, c Cast) (vote.Ballot, any, string, error) {
	b := c.Ballot
	if c.Voter == "" {
		return b, nil, "", &vote.BallotError{Ballot: b.ID, Reason: "import: no voter given"}
	}
	if b.Voter != "" && b.Voter != c.Voter {
		return b, nil, "", &vote.BallotError{Ballot: b.ID, Reason: "the ballot names another voter"}
	}
	if eligible != nil && !eligible[c.Voter] {
		return b, nil, "", fmt.Errorf("%w: %q in poll %s", vote.ErrNotEligible, c.Voter, p.ID)
	}
	var voter any
	if p.Secret {
		if b.ID == "" {
			return b, nil, "", &vote.BallotError{Reason: "import: a secret ballot needs its voter's token as id"}
		}
		b.Voter = ""
	} else {
		b.Voter = c.Voter
		b.ID = vote.BallotID(c.Voter)
		voter = string(c.Voter)
	}
	b = b.Canonical()
	body, err := ballotBody(b)
	return b, voter, body, err
}
