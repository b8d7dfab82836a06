package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/gongzhi/gongzhi/vote"
)

// VoteStore is a vote.Store on PostgreSQL. One voter one ballot is a
// primary key on (poll, voter) in vote_mark; a retried cast is recognised
// by its receipt hash and changes nothing; a stale UpdatePoll is a version
// mismatch and returns vote.ErrConflict. In a secret poll the participation
// mark and the ballot are rows of different tables with nothing linking
// them. It is safe for concurrent use by many goroutines and app servers.
//
// Create it with NewVoteStore on a pool whose schema was migrated (Migrate).
type VoteStore struct {
	pool *pgxpool.Pool
	// pageSize is how many ballots Ballots fetches per round trip.
	pageSize int
	// casts commits concurrent casts together (vote_batch.go).
	casts *castBatcher
}

var _ vote.Store = (*VoteStore)(nil)

// NewVoteStore returns a VoteStore using pool. The schema must have been
// migrated with Migrate.
func NewVoteStore(pool *pgxpool.Pool) *VoteStore {
	return &VoteStore{pool: pool, pageSize: 4096, casts: newCastBatcher(pool)}
}

// As sets *target to the store's *pgxpool.Pool when target is a
// **pgxpool.Pool, and reports whether it did.
func (s *VoteStore) As(target any) bool { return asPool(s.pool, target) }

func pollNotFound(id vote.PollID) error {
	return fmt.Errorf("postgres: poll %q: %w", id, vote.ErrNotFound)
}

// CreatePoll implements vote.Store.
func (s *VoteStore) CreatePoll(ctx context.Context, p vote.Poll) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	p.Version = 1
	doc, err := json.Marshal(p)
	if err != nil {
		return wrap("create poll: encode", err)
	}
	tag, err := s.pool.Exec(ctx, `INSERT INTO vote_poll (id, version, state, secret, doc)
		VALUES ($1, 1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`,
		string(p.ID), string(p.State), p.Secret, doc)
	if err != nil {
		return wrap("create poll", err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("postgres: poll %q: %w", p.ID, vote.ErrExists)
	}
	return nil
}

// Poll implements vote.Store.
func (s *VoteStore) Poll(ctx context.Context, id vote.PollID) (vote.Poll, error) {
	if err := ctx.Err(); err != nil {
		return vote.Poll{}, err
	}
	var doc []byte
	var version int64
	err := s.pool.QueryRow(ctx, `SELECT doc, version FROM vote_poll WHERE id = $1`, string(id)).Scan(&doc, &version)
	if errors.Is(err, pgx.ErrNoRows) {
		return vote.Poll{}, pollNotFound(id)
	}
	if err != nil {
		return vote.Poll{}, wrap("poll", err)
	}
	var p vote.Poll
	if err := json.Unmarshal(doc, &p); err != nil {
		return vote.Poll{}, wrap("poll: decode", err)
	}
	p.Version = version
	return p, nil
}

// UpdatePoll implements vote.Store. When a secret poll leaves the open
// state, its ballots are rewritten in random physical order in the same
// transaction, so neither their position in the table nor the transaction
// that wrote them can be matched with the participation marks.
func (s *VoteStore) UpdatePoll(ctx context.Context, p vote.Poll) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	want := p.Version
	p.Version = want + 1
	doc, err := json.Marshal(p)
	if err != nil {
		return 0, wrap("update poll: encode", err)
	}
	err = inTx(ctx, s.pool, func(tx pgx.Tx) error {
		var version int64
		var state string
		var secret bool
		err := tx.QueryRow(ctx, `SELECT version, state, secret FROM vote_poll WHERE id = $1 FOR UPDATE`,
			string(p.ID)).Scan(&version, &state, &secret)
		if errors.Is(err, pgx.ErrNoRows) {
			return pollNotFound(p.ID)
		}
		if err != nil {
			return err
		}
		if version != want {
			return fmt.Errorf("postgres: poll %q is at version %d, not %d: %w", p.ID, version, want, vote.ErrConflict)
		}
		if _, err := tx.Exec(ctx, `UPDATE vote_poll SET version = $2, state = $3, secret = $4, doc = $5 WHERE id = $1`,
			string(p.ID), want+1, string(p.State), p.Secret, doc); err != nil {
			return err
		}
		if (secret || p.Secret) && vote.State(state) == vote.StateOpen && p.State != vote.StateOpen {
			return reseal(ctx, tx, p.ID)
		}
		return nil
	})
	if err != nil {
		return 0, wrapDomain("update poll", err)
	}
	return want + 1, nil
}

// reseal rewrites the poll's anonymous ballots in random physical order.
func reseal(ctx context.Context, tx pgx.Tx, id vote.PollID) error {
	_, err := tx.Exec(ctx, `WITH moved AS (
			DELETE FROM vote_ballot WHERE poll_id = $1 AND voter_id IS NULL
			RETURNING ballot_id, hash, body)
		INSERT INTO vote_ballot (poll_id, ballot_id, voter_id, hash, body)
		SELECT $1, ballot_id, NULL, hash, body FROM moved ORDER BY random()`, string(id))
	return err
}

// wrapDomain returns domain errors (which already carry context) as they
// are and wraps driver errors with op.
func wrapDomain(op string, err error) error {
	if err == nil {
		return nil
	}
	for _, target := range []error{vote.ErrNotFound, vote.ErrConflict, vote.ErrExists,
		vote.ErrAlreadyVoted, vote.ErrWrongState, vote.ErrInvalidBallot, context.Canceled, context.DeadlineExceeded} {
		if errors.Is(err, target) {
			return err
		}
	}
	return wrap(op, err)
}

// ballotBody is the stored JSON of a ballot, without its id.
func ballotBody(b vote.Ballot) ([]byte, error) {
	b.ID = ""
	return json.Marshal(b)
}

// AppendBallot implements vote.Store. Casts that arrive together are
// committed together (group commit, see vote_batch.go); a cast is
// acknowledged only once the transaction that holds it has committed.
func (s *VoteStore) AppendBallot(ctx context.Context, e vote.Entry) (vote.Receipt, error) {
	if err := ctx.Err(); err != nil {
		return vote.Receipt{}, err
	}
	body, err := ballotBody(e.Ballot)
	if err != nil {
		return vote.Receipt{}, wrap("append ballot: encode", err)
	}
	if res := s.casts.cast(ctx, e, body); !res.slow {
		if res.err != nil {
			return vote.Receipt{}, wrapDomain("append ballot", res.err)
		}
		return res.rcpt, nil
	}
	// Not a new voter's first ballot: a retry, a replacement or a second
	// ballot, answered in a transaction of its own.
	var rcpt vote.Receipt
	err = inTx(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		rcpt, err = appendBallot(ctx, tx, e, body)
		return err
	})
	if err != nil {
		return vote.Receipt{}, wrapDomain("append ballot", err)
	}
	return rcpt, nil
}

func appendBallot(ctx context.Context, tx pgx.Tx, e vote.Entry, body []byte) (vote.Receipt, error) {
	pollID := string(e.Poll)
	// The shared row lock orders casts after a concurrent close (and a
	// close after the casts in flight): a ballot is accepted only while the
	// stored poll is open.
	var state string
	var pollSecret bool
	err := tx.QueryRow(ctx, `SELECT state, secret FROM vote_poll WHERE id = $1 FOR SHARE`, pollID).Scan(&state, &pollSecret)
	if errors.Is(err, pgx.ErrNoRows) {
		return vote.Receipt{}, pollNotFound(e.Poll)
	}
	if err != nil {
		return vote.Receipt{}, err
	}
	if vote.State(state) != vote.StateOpen {
		return vote.Receipt{}, &vote.StateError{Poll: e.Poll, State: vote.State(state), Op: "cast"}
	}
	secret := e.Secret || pollSecret
	if secret && e.Ballot.Voter != "" {
		return vote.Receipt{}, &vote.BallotError{Ballot: e.Ballot.ID, Reason: "a ballot of a secret poll must not name its voter"}
	}
	tag, err := tx.Exec(ctx, `INSERT INTO vote_mark (poll_id, voter_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
		pollID, string(e.Voter))
	if err != nil {
		return vote.Receipt{}, err
	}
	if tag.RowsAffected() == 1 { // first ballot of this voter
		var voter *string
		if !secret {
			v := string(e.Voter)
			voter = &v
		}
		if err := insertBallot(ctx, tx, e, voter, body); err != nil {
			return vote.Receipt{}, err
		}
		return e.Receipt, nil
	}

	// The voter has a mark: a retry, a replacement or a second ballot.
	// Locking the mark serialises this voter's casts: a concurrent
	// replacement commits first, and the reads below (each statement sees
	// what is committed when it starts) find its new ballot. Locking the
	// ballot row instead would not do: a replacement deletes it.
	if _, err := tx.Exec(ctx, `SELECT 1 FROM vote_mark WHERE poll_id = $1 AND voter_id = $2 FOR UPDATE`,
		pollID, string(e.Voter)); err != nil {
		return vote.Receipt{}, err
	}
	if secret {
		var hash string
		err := tx.QueryRow(ctx, `SELECT hash FROM vote_ballot WHERE poll_id = $1 AND ballot_id = $2 AND voter_id IS NULL`,
			pollID, string(e.Ballot.ID)).Scan(&hash)
		if err == nil && hash == e.Receipt.Hash {
			return vote.Receipt{Poll: e.Poll, Ballot: e.Ballot.ID, Hash: hash}, nil
		}
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return vote.Receipt{}, err
		}
		return vote.Receipt{}, fmt.Errorf("postgres: poll %q voter %q: %w", e.Poll, e.Voter, vote.ErrAlreadyVoted)
	}
	var prevID, prevHash string
	err = tx.QueryRow(ctx, `SELECT ballot_id, hash FROM vote_ballot WHERE poll_id = $1 AND voter_id = $2`,
		pollID, string(e.Voter)).Scan(&prevID, &prevHash)
	if errors.Is(err, pgx.ErrNoRows) {
		// A mark without a ballot: the voter cast in this poll while it
		// was secret. Nothing can be matched or replaced.
		return vote.Receipt{}, fmt.Errorf("postgres: poll %q voter %q: %w", e.Poll, e.Voter, vote.ErrAlreadyVoted)
	}
	if err != nil {
		return vote.Receipt{}, err
	}
	if prevHash == e.Receipt.Hash {
		return vote.Receipt{Poll: e.Poll, Ballot: vote.BallotID(prevID), Hash: prevHash}, nil
	}
	if !e.Replace {
		return vote.Receipt{}, fmt.Errorf("postgres: poll %q voter %q: %w", e.Poll, e.Voter, vote.ErrAlreadyVoted)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM vote_ballot WHERE poll_id = $1 AND ballot_id = $2`, pollID, prevID); err != nil {
		return vote.Receipt{}, err
	}
	v := string(e.Voter)
	if err := insertBallot(ctx, tx, e, &v, body); err != nil {
		return vote.Receipt{}, err
	}
	return e.Receipt, nil
}

// insertBallot inserts e's ballot; a ballot id held by another ballot of
// the poll is vote.ErrConflict.
func insertBallot(ctx context.Context, tx pgx.Tx, e vote.Entry, voter *string, body []byte) error {
	_, err := tx.Exec(ctx, `INSERT INTO vote_ballot (poll_id, ballot_id, voter_id, hash, body) VALUES ($1, $2, $3, $4, $5)`,
		string(e.Poll), string(e.Ballot.ID), voter, e.Receipt.Hash, body)
	if pgCode(err) == codeUniqueViolation {
		if constraintOf(err) == "vote_ballot_one_per_voter" {
			return fmt.Errorf("postgres: poll %q voter %q: %w", e.Poll, e.Voter, vote.ErrAlreadyVoted)
		}
		return fmt.Errorf("postgres: poll %q ballot %q is held by another ballot: %w", e.Poll, e.Ballot.ID, vote.ErrConflict)
	}
	return err
}

// pollExists returns pollNotFound if the poll is missing.
func (s *VoteStore) pollExists(ctx context.Context, id vote.PollID) error {
	var one int
	err := s.pool.QueryRow(ctx, `SELECT 1 FROM vote_poll WHERE id = $1`, string(id)).Scan(&one)
	if errors.Is(err, pgx.ErrNoRows) {
		return pollNotFound(id)
	}
	return wrap("poll", err)
}

// Ballots implements vote.Store. It reads the ballots page by page in
// ballot-id order (keyset pagination), holding a connection only for one
// page at a time, so a tally of millions of ballots needs memory for two
// pages only. The next page is fetched and decoded while the consumer
// works through the current one.
func (s *VoteStore) Ballots(ctx context.Context, poll vote.PollID) iter.Seq2[vote.Ballot, error] {
	return func(yield func(vote.Ballot, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(vote.Ballot{}, err)
			return
		}
		if err := s.pollExists(ctx, poll); err != nil {
			yield(vote.Ballot{}, err)
			return
		}
		type page struct {
			ballots []vote.Ballot
			err     error
		}
		pages := make(chan page, 1)
		fetchCtx, cancel := context.WithCancel(ctx)
		go func() {
			defer close(pages)
			after, first := "", true
			for {
				bs, err := s.ballotPage(fetchCtx, poll, first, after)
				select {
				case pages <- page{bs, err}:
				case <-fetchCtx.Done():
					return
				}
				if err != nil || len(bs) < s.pageSize {
					return
				}
				after, first = string(bs[len(bs)-1].ID), false
			}
		}()
		defer func() {
			cancel()
			for range pages { // wait for the fetcher to give its connection back
			}
		}()
		complete := false // the short last page arrived
		for pg := range pages {
			if pg.err != nil {
				yield(vote.Ballot{}, pg.err)
				return
			}
			complete = len(pg.ballots) < s.pageSize
			for _, b := range pg.ballots {
				if !yield(b, nil) {
					return
				}
			}
		}
		if !complete { // the fetcher stopped because ctx is done
			err := ctx.Err()
			if err == nil {
				err = errors.New("postgres: ballots: stream stopped early")
			}
			yield(vote.Ballot{}, err)
		}
	}
}

// ballotPage reads the page of ballots after the ballot id after (from
// the start when first).
func (s *VoteStore) ballotPage(ctx context.Context, poll vote.PollID, first bool, after string) ([]vote.Ballot, error) {
	var rows pgx.Rows
	var err error
	if first {
		rows, err = s.pool.Query(ctx, `SELECT ballot_id, body FROM vote_ballot
			WHERE poll_id = $1 ORDER BY ballot_id LIMIT $2`, string(poll), s.pageSize)
	} else {
		rows, err = s.pool.Query(ctx, `SELECT ballot_id, body FROM vote_ballot
			WHERE poll_id = $1 AND ballot_id > $2 ORDER BY ballot_id LIMIT $3`, string(poll), after, s.pageSize)
	}
	if err != nil {
		return nil, wrap("ballots", err)
	}
	defer rows.Close()
	page := make([]vote.Ballot, 0, s.pageSize)
	for rows.Next() {
		var id string
		var body []byte
		if err := rows.Scan(&id, &body); err != nil {
			return nil, wrap("ballots", err)
		}
		var b vote.Ballot
		if err := json.Unmarshal(body, &b); err != nil {
			return nil, wrap("ballots: decode", err)
		}
		b.ID = vote.BallotID(id)
		page = append(page, b)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap("ballots", err)
	}
	return page, nil
}

// Ballot implements vote.Store.
func (s *VoteStore) Ballot(ctx context.Context, poll vote.PollID, id vote.BallotID) (vote.Ballot, error) {
	if err := ctx.Err(); err != nil {
		return vote.Ballot{}, err
	}
	var body []byte
	err := s.pool.QueryRow(ctx, `SELECT body FROM vote_ballot WHERE poll_id = $1 AND ballot_id = $2`,
		string(poll), string(id)).Scan(&body)
	if errors.Is(err, pgx.ErrNoRows) {
		return vote.Ballot{}, fmt.Errorf("postgres: poll %q ballot %q: %w", poll, id, vote.ErrNotFound)
	}
	if err != nil {
		return vote.Ballot{}, wrap("ballot", err)
	}
	var b vote.Ballot
	if err := json.Unmarshal(body, &b); err != nil {
		return vote.Ballot{}, wrap("ballot: decode", err)
	}
	b.ID = id
	return b, nil
}

// Participants implements vote.Store, page by page in voter-id order.
func (s *VoteStore) Participants(ctx context.Context, poll vote.PollID) iter.Seq2[vote.VoterID, error] {
	return func(yield func(vote.VoterID, error) bool) {
		if err := ctx.Err(); err != nil {
			yield("", err)
			return
		}
		if err := s.pollExists(ctx, poll); err != nil {
			yield("", err)
			return
		}
		after := ""
		first := true
		page := make([]string, 0, s.pageSize)
		for {
			var rows pgx.Rows
			var err error
			if first {
				rows, err = s.pool.Query(ctx, `SELECT voter_id FROM vote_mark
					WHERE poll_id = $1 ORDER BY voter_id LIMIT $2`, string(poll), s.pageSize)
			} else {
				rows, err = s.pool.Query(ctx, `SELECT voter_id FROM vote_mark
					WHERE poll_id = $1 AND voter_id > $2 ORDER BY voter_id LIMIT $3`, string(poll), after, s.pageSize)
			}
			if err != nil {
				yield("", wrap("participants", err))
				return
			}
			page, err = pgx.AppendRows(page[:0], rows, pgx.RowTo[string])
			if err != nil {
				yield("", wrap("participants", err))
				return
			}
			for _, v := range page {
				if !yield(vote.VoterID(v), nil) {
					return
				}
			}
			if len(page) < s.pageSize {
				return
			}
			after, first = page[len(page)-1], false
		}
	}
}
