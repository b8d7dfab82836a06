package postgres

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/gongzhi/gongzhi/internal/keyset"
	"github.com/gongzhi/gongzhi/vote"
)

// VoteStore is a vote.Store on PostgreSQL. One voter one ballot is a
// primary key on (poll, voter) in vote_mark; a retried cast is recognised
// by its content and version and gets the stored receipt back; a stale
// UpdatePoll is a version mismatch and returns vote.ErrConflict, and the
// database itself refuses to change an open poll's definition or voter
// roll (a trigger). It is safe for concurrent use by many goroutines and
// app servers.
//
// In a secret poll the participation mark and the ballot are rows of
// different tables with nothing linking them, and no transaction writes
// both to their final tables: the cast writes the mark and stages the
// ballot; a separate transaction moves the staged ballots to vote_ballot
// in shuffled batches of at least FlushBatch, and all of them when the poll
// closes, rewriting every ballot of the poll in random physical order. So
// no ballot in vote_ballot shares its transaction id (xmin) with a mark,
// its physical position (ctid) follows no casting order, and no row holds
// a time. What remains while the poll is open (the staged ballots, fewer
// than FlushBatch, share a transaction with their marks; the write-ahead
// log records each cast's transaction until its segments are recycled) is
// described in SECURITY.md with the steps that close it.
//
// Create it with NewVoteStore on a pool whose schema was migrated (Migrate).
type VoteStore struct {
	pool *pgxpool.Pool
	// pageSize is how many ballots Ballots fetches per round trip.
	pageSize int
	// casts commits concurrent casts together (vote_batch.go).
	casts *castBatcher
	// FlushBatch is how many staged secret ballots of a poll are moved to
	// vote_ballot at once, in random order; NewVoteStore sets 32. Larger
	// batches hide each ballot among more; smaller ones leave fewer
	// waiting. Set it before use.
	FlushBatch int
}

var _ vote.Store = (*VoteStore)(nil)

// NewVoteStore returns a VoteStore using pool. The schema must have been
// migrated with Migrate.
func NewVoteStore(pool *pgxpool.Pool) *VoteStore {
	return &VoteStore{pool: pool, pageSize: 4096, FlushBatch: 32, casts: newCastBatcher(pool)}
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

// UpdatePoll implements vote.Store. An open poll's definition is frozen
// (vote.Poll.CheckUpdate here, and the vote_poll_frozen trigger in the
// database). When a secret poll leaves the open state, its staged ballots
// are moved in and all its ballots rewritten in random physical order in
// the same transaction, so neither their position in the table nor the
// transaction that wrote them can be matched with the participation marks.
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
		var cur []byte
		err := tx.QueryRow(ctx, `SELECT version, state, secret, doc FROM vote_poll WHERE id = $1 FOR UPDATE`,
			string(p.ID)).Scan(&version, &state, &secret, &cur)
		if errors.Is(err, pgx.ErrNoRows) {
			return pollNotFound(p.ID)
		}
		if err != nil {
			return err
		}
		if version != want {
			return fmt.Errorf("postgres: poll %q is at version %d, not %d: %w", p.ID, version, want, vote.ErrConflict)
		}
		var stored vote.Poll
		if err := json.Unmarshal(cur, &stored); err != nil {
			return fmt.Errorf("decoding poll %s: %w", p.ID, err)
		}
		if err := stored.CheckUpdate(p); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE vote_poll SET version = $2, state = $3, secret = $4, doc = $5 WHERE id = $1`,
			string(p.ID), want+1, string(p.State), p.Secret, doc); err != nil {
			if pgCode(err) == codeFrozen {
				return &vote.StateError{Poll: p.ID, State: vote.State(state), Op: "update", Reason: "refused by the database: " + err.Error()}
			}
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

// reseal moves the poll's staged ballots in and rewrites all its anonymous
// ballots in random physical order.
func reseal(ctx context.Context, tx pgx.Tx, id vote.PollID) error {
	_, err := tx.Exec(ctx, `WITH moved AS (
			DELETE FROM vote_ballot WHERE poll_id = $1 AND voter_id IS NULL
			RETURNING ballot_id, hash, salt, version, body),
		staged AS (
			DELETE FROM vote_ballot_staged WHERE poll_id = $1
			RETURNING ballot_id, hash, salt, version, body)
		INSERT INTO vote_ballot (poll_id, ballot_id, voter_id, hash, salt, version, body)
		SELECT $1, ballot_id, NULL, hash, salt, version, body
		FROM (SELECT * FROM moved UNION ALL SELECT * FROM staged) AS b ORDER BY random()`, string(id))
	return err
}

// flush moves the staged ballots of secret poll id to vote_ballot in
// random order, in its own transaction, if at least s.FlushBatch wait. The
// poll row lock (FOR UPDATE) waits for the casts in flight and keeps new
// ones out meanwhile, so the batch is complete when it moves. A failure
// leaves the ballots staged: the next flush or the close moves them.
func (s *VoteStore) flush(ctx context.Context, id vote.PollID) error {
	batch := max(s.FlushBatch, 1)
	var waiting int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM vote_ballot_staged WHERE poll_id = $1`, string(id)).Scan(&waiting); err != nil || waiting < batch {
		return err
	}
	return inTx(ctx, s.pool, func(tx pgx.Tx) error {
		var state string
		if err := tx.QueryRow(ctx, `SELECT state FROM vote_poll WHERE id = $1 FOR UPDATE`, string(id)).Scan(&state); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM vote_ballot_staged WHERE poll_id = $1`, string(id)).Scan(&waiting); err != nil || waiting < batch {
			return err
		}
		_, err := tx.Exec(ctx, `WITH staged AS (
				DELETE FROM vote_ballot_staged WHERE poll_id = $1
				RETURNING ballot_id, hash, salt, version, body)
			INSERT INTO vote_ballot (poll_id, ballot_id, voter_id, hash, salt, version, body)
			SELECT $1, ballot_id, NULL, hash, salt, version, body FROM staged ORDER BY random()`, string(id))
		return err
	})
}

// wrapDomain returns domain errors (which already carry context) as they
// are and wraps driver errors with op.
func wrapDomain(op string, err error) error {
	return passThrough(op, err, vote.ErrNotFound, vote.ErrConflict, vote.ErrExists,
		vote.ErrAlreadyVoted, vote.ErrWrongState, vote.ErrInvalidBallot, context.Canceled, context.DeadlineExceeded)
}

// ballotBody is the stored JSON of a ballot, without its id.
func ballotBody(b vote.Ballot) ([]byte, error) {
	b.ID = ""
	return json.Marshal(b)
}

// AppendBallot implements vote.Store. Casts that arrive together are
// committed together (group commit, see vote_batch.go); a cast is
// acknowledged only once the transaction that holds it has committed. In
// a secret poll the ballot is staged, and moved to vote_ballot by a later
// transaction (see VoteStore).
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
		if res.staged {
			_ = s.flush(ctx, e.Poll) // the cast is committed; a failed flush is retried by the next one
		}
		return res.rcpt, nil
	}
	// Not a new voter's first ballot: a retry, a replacement or a second
	// ballot, answered in a transaction of its own.
	var rcpt vote.Receipt
	var staged bool
	err = inTx(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		rcpt, staged, err = appendBallot(ctx, tx, e, body)
		return err
	})
	if err != nil {
		return vote.Receipt{}, wrapDomain("append ballot", err)
	}
	if staged {
		_ = s.flush(ctx, e.Poll) // the cast is committed; a failed flush is retried by the next one
	}
	return rcpt, nil
}

// storedBallot is a ballot row as a retry compares it.
type storedBallot struct {
	id, hash, salt string
	version        int64
	body           []byte
}

func (b storedBallot) receipt(poll vote.PollID) vote.Receipt {
	return vote.Receipt{Poll: poll, Ballot: vote.BallotID(b.id), Version: b.version, Salt: b.salt, Hash: b.hash}
}

// retryOf reports whether entry e (with its ballot encoded as body) is a
// retry of the stored ballot b: same id, content and version.
func (b storedBallot) retryOf(e vote.Entry, body []byte) bool {
	return b.id == string(e.Ballot.ID) && b.version == e.Receipt.Version && bytes.Equal(b.body, body)
}

func appendBallot(ctx context.Context, tx pgx.Tx, e vote.Entry, body []byte) (vote.Receipt, bool, error) {
	pollID := string(e.Poll)
	// The shared row lock orders casts after a concurrent close or flush
	// (and those after the casts in flight): a ballot is accepted only
	// while the stored poll is open.
	var state string
	var pollSecret bool
	err := tx.QueryRow(ctx, `SELECT state, secret FROM vote_poll WHERE id = $1 FOR SHARE`, pollID).Scan(&state, &pollSecret)
	if errors.Is(err, pgx.ErrNoRows) {
		return vote.Receipt{}, false, pollNotFound(e.Poll)
	}
	if err != nil {
		return vote.Receipt{}, false, err
	}
	if vote.State(state) != vote.StateOpen {
		return vote.Receipt{}, false, &vote.StateError{Poll: e.Poll, State: vote.State(state), Op: "cast"}
	}
	secret := e.Secret || pollSecret
	if secret && e.Ballot.Voter != "" {
		return vote.Receipt{}, false, &vote.BallotError{Ballot: e.Ballot.ID, Reason: "a ballot of a secret poll must not name its voter"}
	}
	tag, err := tx.Exec(ctx, `INSERT INTO vote_mark (poll_id, voter_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
		pollID, string(e.Voter))
	if err != nil {
		return vote.Receipt{}, false, err
	}
	if tag.RowsAffected() == 1 { // first ballot of this voter
		if e.Replace || e.Receipt.Version != 1 {
			return vote.Receipt{}, false, fmt.Errorf("postgres: poll %q voter %q has no ballot of version %d to change: %w", e.Poll, e.Voter, e.Receipt.Version-1, vote.ErrConflict)
		}
		if secret {
			return e.Receipt, true, stageBallot(ctx, tx, e, body)
		}
		v := string(e.Voter)
		return e.Receipt, false, insertBallot(ctx, tx, e, &v, body)
	}

	// The voter has a mark: a retry, a replacement or a second ballot.
	// Locking the mark serialises this voter's casts: a concurrent
	// replacement commits first, and the reads below (each statement sees
	// what is committed when it starts) find its new ballot. Locking the
	// ballot row instead would not do: a replacement deletes it.
	if _, err := tx.Exec(ctx, `SELECT 1 FROM vote_mark WHERE poll_id = $1 AND voter_id = $2 FOR UPDATE`,
		pollID, string(e.Voter)); err != nil {
		return vote.Receipt{}, false, err
	}
	var prev storedBallot
	if secret {
		err := tx.QueryRow(ctx, `SELECT ballot_id, hash, salt, version, body FROM vote_ballot
				WHERE poll_id = $1 AND ballot_id = $2 AND voter_id IS NULL
			UNION ALL SELECT ballot_id, hash, salt, version, body FROM vote_ballot_staged
				WHERE poll_id = $1 AND ballot_id = $2`,
			pollID, string(e.Ballot.ID)).Scan(&prev.id, &prev.hash, &prev.salt, &prev.version, &prev.body)
		if err == nil && prev.retryOf(e, body) {
			return prev.receipt(e.Poll), false, nil
		}
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return vote.Receipt{}, false, err
		}
		return vote.Receipt{}, false, fmt.Errorf("postgres: poll %q voter %q: %w", e.Poll, e.Voter, vote.ErrAlreadyVoted)
	}
	err = tx.QueryRow(ctx, `SELECT ballot_id, hash, salt, version, body FROM vote_ballot WHERE poll_id = $1 AND voter_id = $2`,
		pollID, string(e.Voter)).Scan(&prev.id, &prev.hash, &prev.salt, &prev.version, &prev.body)
	if errors.Is(err, pgx.ErrNoRows) {
		// A mark without a ballot: the voter cast in this poll while it
		// was secret. Nothing can be matched or replaced.
		return vote.Receipt{}, false, fmt.Errorf("postgres: poll %q voter %q: %w", e.Poll, e.Voter, vote.ErrAlreadyVoted)
	}
	if err != nil {
		return vote.Receipt{}, false, err
	}
	if prev.retryOf(e, body) {
		return prev.receipt(e.Poll), false, nil
	}
	if !e.Replace {
		return vote.Receipt{}, false, fmt.Errorf("postgres: poll %q voter %q: %w", e.Poll, e.Voter, vote.ErrAlreadyVoted)
	}
	if prev.version != e.Receipt.Version-1 {
		return vote.Receipt{}, false, fmt.Errorf("postgres: poll %q voter %q: the stored ballot is version %d, not %d (a stale change): %w",
			e.Poll, e.Voter, prev.version, e.Receipt.Version-1, vote.ErrConflict)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM vote_ballot WHERE poll_id = $1 AND ballot_id = $2`, pollID, prev.id); err != nil {
		return vote.Receipt{}, false, err
	}
	v := string(e.Voter)
	if err := insertBallot(ctx, tx, e, &v, body); err != nil {
		return vote.Receipt{}, false, err
	}
	return e.Receipt, false, nil
}

// insertBallot inserts e's ballot; a ballot id held by another ballot of
// the poll is vote.ErrConflict.
func insertBallot(ctx context.Context, tx pgx.Tx, e vote.Entry, voter *string, body []byte) error {
	_, err := tx.Exec(ctx, `INSERT INTO vote_ballot (poll_id, ballot_id, voter_id, hash, salt, version, body) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		string(e.Poll), string(e.Ballot.ID), voter, e.Receipt.Hash, e.Receipt.Salt, e.Receipt.Version, body)
	if pgCode(err) == codeUniqueViolation {
		if constraintOf(err) == "vote_ballot_one_per_voter" {
			return fmt.Errorf("postgres: poll %q voter %q: %w", e.Poll, e.Voter, vote.ErrAlreadyVoted)
		}
		return fmt.Errorf("postgres: poll %q ballot %q is held by another ballot: %w", e.Poll, e.Ballot.ID, vote.ErrConflict)
	}
	return err
}

// stageBallot stages a secret ballot; a ballot id held by another ballot
// of the poll, staged or not, is vote.ErrConflict. Flushes take the poll
// row FOR UPDATE, so none runs between the check and the insert.
func stageBallot(ctx context.Context, tx pgx.Tx, e vote.Entry, body []byte) error {
	var taken bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM vote_ballot WHERE poll_id = $1 AND ballot_id = $2)`,
		string(e.Poll), string(e.Ballot.ID)).Scan(&taken); err != nil {
		return err
	}
	conflict := fmt.Errorf("postgres: poll %q ballot %q is held by another ballot: %w", e.Poll, e.Ballot.ID, vote.ErrConflict)
	if taken {
		return conflict
	}
	_, err := tx.Exec(ctx, `INSERT INTO vote_ballot_staged (poll_id, ballot_id, hash, salt, version, body) VALUES ($1, $2, $3, $4, $5, $6)`,
		string(e.Poll), string(e.Ballot.ID), e.Receipt.Hash, e.Receipt.Salt, e.Receipt.Version, body)
	if pgCode(err) == codeUniqueViolation {
		return conflict
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
		after, first := "", true
		keyset.Prefetch(ctx, s.pageSize, func(ctx context.Context) ([]vote.Ballot, error) {
			bs, err := s.ballotPage(ctx, poll, first, after)
			if len(bs) > 0 {
				after, first = string(bs[len(bs)-1].ID), false
			}
			return bs, err
		})(yield)
	}
}

// ballotPage reads the page of ballots after the ballot id after (from
// the start when first).
func (s *VoteStore) ballotPage(ctx context.Context, poll vote.PollID, first bool, after string) ([]vote.Ballot, error) {
	var rows pgx.Rows
	var err error
	if first {
		rows, err = s.pool.Query(ctx, `SELECT ballot_id, body FROM vote_ballot WHERE poll_id = $1
			UNION ALL SELECT ballot_id, body FROM vote_ballot_staged WHERE poll_id = $1
			ORDER BY ballot_id LIMIT $2`, string(poll), s.pageSize)
	} else {
		rows, err = s.pool.Query(ctx, `SELECT ballot_id, body FROM vote_ballot WHERE poll_id = $1 AND ballot_id > $2
			UNION ALL SELECT ballot_id, body FROM vote_ballot_staged WHERE poll_id = $1 AND ballot_id > $2
			ORDER BY ballot_id LIMIT $3`, string(poll), after, s.pageSize)
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

// Ballot implements vote.Store: staged ballots included.
func (s *VoteStore) Ballot(ctx context.Context, poll vote.PollID, id vote.BallotID) (vote.Ballot, vote.Receipt, error) {
	if err := ctx.Err(); err != nil {
		return vote.Ballot{}, vote.Receipt{}, err
	}
	var sb storedBallot
	err := s.pool.QueryRow(ctx, `SELECT ballot_id, hash, salt, version, body FROM vote_ballot WHERE poll_id = $1 AND ballot_id = $2
		UNION ALL SELECT ballot_id, hash, salt, version, body FROM vote_ballot_staged WHERE poll_id = $1 AND ballot_id = $2`,
		string(poll), string(id)).Scan(&sb.id, &sb.hash, &sb.salt, &sb.version, &sb.body)
	if errors.Is(err, pgx.ErrNoRows) {
		return vote.Ballot{}, vote.Receipt{}, fmt.Errorf("postgres: poll %q ballot %q: %w", poll, id, vote.ErrNotFound)
	}
	if err != nil {
		return vote.Ballot{}, vote.Receipt{}, wrap("ballot", err)
	}
	var b vote.Ballot
	if err := json.Unmarshal(sb.body, &b); err != nil {
		return vote.Ballot{}, vote.Receipt{}, wrap("ballot: decode", err)
	}
	b.ID = id
	return b, sb.receipt(poll), nil
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
		after, first := "", true
		page := make([]string, 0, s.pageSize)
		voters := keyset.Pages(ctx, s.pageSize, func(ctx context.Context) ([]string, error) {
			var rows pgx.Rows
			var err error
			if first {
				rows, err = s.pool.Query(ctx, `SELECT voter_id FROM vote_mark
					WHERE poll_id = $1 ORDER BY voter_id LIMIT $2`, string(poll), s.pageSize)
			} else {
				rows, err = s.pool.Query(ctx, `SELECT voter_id FROM vote_mark
					WHERE poll_id = $1 AND voter_id > $2 ORDER BY voter_id LIMIT $3`, string(poll), after, s.pageSize)
			}
			if err == nil {
				page, err = pgx.AppendRows(page[:0], rows, pgx.RowTo[string])
			}
			if err != nil {
				return nil, wrap("participants", err)
			}
			if len(page) > 0 {
				after, first = page[len(page)-1], false
			}
			return page, nil
		})
		for v, err := range voters {
			if !yield(vote.VoterID(v), err) {
				return
			}
		}
	}
}
