package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"iter"

	"github.com/gongzhi/gongzhi/internal/keyset"
	"github.com/gongzhi/gongzhi/vote"
)

// VoteStore is a vote.Store in a SQLite file. One voter one ballot is the
// primary key (poll, voter) of vote_mark; a retried cast is recognised by
// its content and version and gets the stored receipt back; a stale
// UpdatePoll is a version mismatch and returns vote.ErrConflict, and an
// open poll's definition and voter roll are frozen (vote.Poll.CheckUpdate,
// and a trigger in the file). In a secret poll the
// participation mark and the ballot are rows of different tables with no
// rowid and nothing linking them. It is safe for concurrent use; concurrent
// casts are committed together (group commit).
//
// Create it with NewVoteStore on a DB from Open.
type VoteStore struct {
	db *DB
	// pageSize is how many ballots Ballots reads per query.
	pageSize int
}

var _ vote.Store = (*VoteStore)(nil)

// NewVoteStore returns a VoteStore on db.
func NewVoteStore(db *DB) *VoteStore {
	return &VoteStore{db: db, pageSize: 4096}
}

// As sets *target to the store's *DB when target is a **DB, and reports
// whether it did.
func (s *VoteStore) As(target any) bool { return asDB(s.db, target) }

func pollNotFound(id vote.PollID) error {
	return fmt.Errorf("sqlite: poll %q: %w", id, vote.ErrNotFound)
}

// voteErrors are the domain errors the vote store returns as they are.
var voteErrors = []error{vote.ErrNotFound, vote.ErrConflict, vote.ErrExists, vote.ErrAlreadyVoted,
	vote.ErrWrongState, vote.ErrInvalidBallot, vote.ErrNotEligible, context.Canceled, context.DeadlineExceeded}

func wrapVote(op string, err error) error { return passThrough(op, err, voteErrors...) }

// CreatePoll implements vote.Store.
func (s *VoteStore) CreatePoll(ctx context.Context, p vote.Poll) error {
	p.Version = 1
	doc, err := json.Marshal(p)
	if err != nil {
		return wrap("create poll: encode", err)
	}
	err = s.db.writer.do(ctx, func(ctx context.Context, q querier) error {
		res, err := q.ExecContext(ctx, `INSERT INTO vote_poll (id, version, state, secret, doc)
			VALUES (?, 1, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
			string(p.ID), string(p.State), p.Secret, string(doc))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return errors.Join(err, fmt.Errorf("sqlite: poll %q: %w", p.ID, vote.ErrExists))
		}
		return nil
	})
	return wrapVote("create poll", err)
}

// Poll implements vote.Store.
func (s *VoteStore) Poll(ctx context.Context, id vote.PollID) (vote.Poll, error) {
	if err := ctx.Err(); err != nil {
		return vote.Poll{}, err
	}
	var doc string
	var version int64
	err := s.db.r.QueryRowContext(ctx, `SELECT doc, version FROM vote_poll WHERE id = ?`, string(id)).Scan(&doc, &version)
	if errors.Is(err, sql.ErrNoRows) {
		return vote.Poll{}, pollNotFound(id)
	}
	if err != nil {
		return vote.Poll{}, wrapVote("poll", err)
	}
	var p vote.Poll
	if err := json.Unmarshal([]byte(doc), &p); err != nil {
		return vote.Poll{}, wrap("poll: decode", err)
	}
	p.Version = version
	return p, nil
}

// UpdatePoll implements vote.Store. When a secret poll leaves the open
// state, its ballots are rewritten in random order in the same
// transaction (their old images are zeroed: secure_delete is on), and after
// the commit the write-ahead log, whose frames are in commit order, is
// checkpointed and truncated, so neither the file's layout nor its log can
// pair a ballot with a participation mark.
func (s *VoteStore) UpdatePoll(ctx context.Context, p vote.Poll) (int64, error) {
	want := p.Version
	p.Version = want + 1
	doc, err := json.Marshal(p)
	if err != nil {
		return 0, wrap("update poll: encode", err)
	}
	resealed := false
	err = s.db.writer.do(ctx, func(ctx context.Context, q querier) error {
		resealed = false
		var version int64
		var state string
		var secret bool
		var cur string
		err := q.QueryRowContext(ctx, `SELECT version, state, secret, doc FROM vote_poll WHERE id = ?`,
			string(p.ID)).Scan(&version, &state, &secret, &cur)
		if errors.Is(err, sql.ErrNoRows) {
			return pollNotFound(p.ID)
		}
		if err != nil {
			return err
		}
		if version != want {
			return fmt.Errorf("sqlite: poll %q is at version %d, not %d: %w", p.ID, version, want, vote.ErrConflict)
		}
		var stored vote.Poll
		if err := json.Unmarshal([]byte(cur), &stored); err != nil {
			return fmt.Errorf("decoding poll %s: %w", p.ID, err)
		}
		if err := stored.CheckUpdate(p); err != nil {
			return err
		}
		if _, err := q.ExecContext(ctx, `UPDATE vote_poll SET version = ?, state = ?, secret = ?, doc = ? WHERE id = ?`,
			want+1, string(p.State), p.Secret, string(doc), string(p.ID)); err != nil {
			return err
		}
		if (secret || p.Secret) && vote.State(state) == vote.StateOpen && p.State != vote.StateOpen {
			resealed = true
			return reseal(ctx, q, p.ID)
		}
		return nil
	})
	if err != nil {
		return 0, wrapVote("update poll", err)
	}
	if resealed {
		s.db.truncateLog(ctx)
	}
	return want + 1, nil
}

// reseal rewrites the poll's anonymous ballots in random order.
func reseal(ctx context.Context, q querier, id vote.PollID) error {
	steps := []struct {
		sql  string
		poll bool // takes the poll id
	}{
		{`DROP TABLE IF EXISTS temp.gz_reseal`, false},
		{`CREATE TEMP TABLE gz_reseal AS SELECT ballot_id, hash, salt, version, body FROM vote_ballot WHERE poll_id = ? AND voter_id IS NULL`, true},
		{`DELETE FROM vote_ballot WHERE poll_id = ? AND voter_id IS NULL`, true},
		{`INSERT INTO vote_ballot (poll_id, ballot_id, voter_id, hash, salt, version, body)
			SELECT ?, ballot_id, NULL, hash, salt, version, body FROM temp.gz_reseal ORDER BY random()`, true},
		{`DROP TABLE temp.gz_reseal`, false},
	}
	for _, st := range steps {
		var args []any
		if st.poll {
			args = []any{string(id)}
		}
		if _, err := q.ExecContext(ctx, st.sql, args...); err != nil {
			return err
		}
	}
	return nil
}

// ballotBody is the stored JSON of a ballot, without its id.
func ballotBody(b vote.Ballot) (string, error) {
	b.ID = ""
	j, err := json.Marshal(b)
	return string(j), err
}

// AppendBallot implements vote.Store.
func (s *VoteStore) AppendBallot(ctx context.Context, e vote.Entry) (vote.Receipt, error) {
	body, err := ballotBody(e.Ballot)
	if err != nil {
		return vote.Receipt{}, wrap("append ballot: encode", err)
	}
	var rcpt vote.Receipt
	err = s.db.writer.do(ctx, func(ctx context.Context, q querier) error {
		var err error
		rcpt, err = appendBallot(ctx, q, e, body)
		return err
	})
	if err != nil {
		return vote.Receipt{}, wrapVote("append ballot", err)
	}
	return rcpt, nil
}

// appendBallot runs inside the single writer's transaction, so its reads
// and writes cannot interleave with another cast's.
func appendBallot(ctx context.Context, q querier, e vote.Entry, body string) (vote.Receipt, error) {
	pollID := string(e.Poll)
	var state string
	var pollSecret bool
	err := q.QueryRowContext(ctx, `SELECT state, secret FROM vote_poll WHERE id = ?`, pollID).Scan(&state, &pollSecret)
	if errors.Is(err, sql.ErrNoRows) {
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
	res, err := q.ExecContext(ctx, `INSERT INTO vote_mark (poll_id, voter_id) VALUES (?, ?) ON CONFLICT DO NOTHING`,
		pollID, string(e.Voter))
	if err != nil {
		return vote.Receipt{}, err
	}
	if n, err := res.RowsAffected(); err != nil {
		return vote.Receipt{}, err
	} else if n == 1 { // first ballot of this voter
		if e.Replace || e.Receipt.Version != 1 {
			return vote.Receipt{}, fmt.Errorf("sqlite: poll %q voter %q has no ballot of version %d to change: %w", e.Poll, e.Voter, e.Receipt.Version-1, vote.ErrConflict)
		}
		var voter any // NULL in a secret poll
		if !secret {
			voter = string(e.Voter)
		}
		if err := insertBallot(ctx, q, e, voter, body); err != nil {
			return vote.Receipt{}, err
		}
		return e.Receipt, nil
	}

	// The voter has a mark: a retry, a replacement or a second ballot. A
	// retry has the stored ballot's id, content and version, and gets the
	// stored receipt back.
	var prev storedBallot
	if secret {
		err := q.QueryRowContext(ctx, `SELECT ballot_id, hash, salt, version, body FROM vote_ballot WHERE poll_id = ? AND ballot_id = ? AND voter_id IS NULL`,
			pollID, string(e.Ballot.ID)).Scan(&prev.id, &prev.hash, &prev.salt, &prev.version, &prev.body)
		if err == nil && prev.retryOf(e, body) {
			return prev.receipt(e.Poll), nil
		}
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return vote.Receipt{}, err
		}
		return vote.Receipt{}, fmt.Errorf("sqlite: poll %q voter %q: %w", e.Poll, e.Voter, vote.ErrAlreadyVoted)
	}
	err = q.QueryRowContext(ctx, `SELECT ballot_id, hash, salt, version, body FROM vote_ballot WHERE poll_id = ? AND voter_id = ?`,
		pollID, string(e.Voter)).Scan(&prev.id, &prev.hash, &prev.salt, &prev.version, &prev.body)
	if errors.Is(err, sql.ErrNoRows) {
		// A mark without a ballot: the voter cast in this poll while it
		// was secret. Nothing can be matched or replaced.
		return vote.Receipt{}, fmt.Errorf("sqlite: poll %q voter %q: %w", e.Poll, e.Voter, vote.ErrAlreadyVoted)
	}
	if err != nil {
		return vote.Receipt{}, err
	}
	if prev.retryOf(e, body) {
		return prev.receipt(e.Poll), nil
	}
	if !e.Replace {
		return vote.Receipt{}, fmt.Errorf("sqlite: poll %q voter %q: %w", e.Poll, e.Voter, vote.ErrAlreadyVoted)
	}
	if prev.version != e.Receipt.Version-1 {
		return vote.Receipt{}, fmt.Errorf("sqlite: poll %q voter %q: the stored ballot is version %d, not %d (a stale change): %w",
			e.Poll, e.Voter, prev.version, e.Receipt.Version-1, vote.ErrConflict)
	}
	if _, err := q.ExecContext(ctx, `DELETE FROM vote_ballot WHERE poll_id = ? AND ballot_id = ?`, pollID, prev.id); err != nil {
		return vote.Receipt{}, err
	}
	if err := insertBallot(ctx, q, e, string(e.Voter), body); err != nil {
		return vote.Receipt{}, err
	}
	return e.Receipt, nil
}

// storedBallot is a ballot row as a retry compares it.
type storedBallot struct {
	id, hash, salt, body string
	version              int64
}

func (b storedBallot) receipt(poll vote.PollID) vote.Receipt {
	return vote.Receipt{Poll: poll, Ballot: vote.BallotID(b.id), Version: b.version, Salt: b.salt, Hash: b.hash}
}

// retryOf reports whether entry e (its ballot encoded as body) is a retry
// of the stored ballot b: same id, content and version.
func (b storedBallot) retryOf(e vote.Entry, body string) bool {
	return b.id == string(e.Ballot.ID) && b.version == e.Receipt.Version && b.body == body
}

// insertBallot inserts e's ballot; a ballot id held by another ballot of
// the poll is vote.ErrConflict.
func insertBallot(ctx context.Context, q querier, e vote.Entry, voter any, body string) error {
	res, err := q.ExecContext(ctx, `INSERT INTO vote_ballot (poll_id, ballot_id, voter_id, hash, salt, version, body)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (poll_id, ballot_id) DO NOTHING`,
		string(e.Poll), string(e.Ballot.ID), voter, e.Receipt.Hash, e.Receipt.Salt, e.Receipt.Version, body)
	if isUnique(err) { // the one-per-voter index
		return fmt.Errorf("sqlite: poll %q voter %q: %w", e.Poll, e.Voter, vote.ErrAlreadyVoted)
	}
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return errors.Join(err, fmt.Errorf("sqlite: poll %q ballot %q is held by another ballot: %w", e.Poll, e.Ballot.ID, vote.ErrConflict))
	}
	return nil
}

// pollExists returns pollNotFound if the poll is missing.
func (s *VoteStore) pollExists(ctx context.Context, id vote.PollID) error {
	var one int
	err := s.db.r.QueryRowContext(ctx, `SELECT 1 FROM vote_poll WHERE id = ?`, string(id)).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return pollNotFound(id)
	}
	return wrapVote("poll", err)
}

// Ballots implements vote.Store. It reads the ballots page by page in
// ballot-id order (keyset pagination, each page its own short read
// transaction), so a tally of millions of ballots holds two pages in
// memory and never blocks a checkpoint for long. The next page is read
// and decoded while the consumer works through the current one.
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
	rows, err := s.db.r.QueryContext(ctx, `SELECT ballot_id, body FROM vote_ballot
		WHERE poll_id = ? AND ballot_id `+after1(first)+` ? ORDER BY ballot_id LIMIT ?`, string(poll), after, s.pageSize)
	if err != nil {
		return nil, wrapVote("ballots", err)
	}
	defer rows.Close()
	page := make([]vote.Ballot, 0, s.pageSize)
	for rows.Next() {
		var id string
		var body []byte
		if err := rows.Scan(&id, &body); err != nil {
			return nil, wrapVote("ballots", err)
		}
		var b vote.Ballot
		if err := json.Unmarshal(body, &b); err != nil {
			return nil, wrap("ballots: decode", err)
		}
		b.ID = vote.BallotID(id)
		page = append(page, b)
	}
	if err := rows.Err(); err != nil {
		return nil, wrapVote("ballots", err)
	}
	return page, nil
}

// Ballot implements vote.Store.
func (s *VoteStore) Ballot(ctx context.Context, poll vote.PollID, id vote.BallotID) (vote.Ballot, vote.Receipt, error) {
	if err := ctx.Err(); err != nil {
		return vote.Ballot{}, vote.Receipt{}, err
	}
	var sb storedBallot
	err := s.db.r.QueryRowContext(ctx, `SELECT ballot_id, hash, salt, version, body FROM vote_ballot WHERE poll_id = ? AND ballot_id = ?`,
		string(poll), string(id)).Scan(&sb.id, &sb.hash, &sb.salt, &sb.version, &sb.body)
	if errors.Is(err, sql.ErrNoRows) {
		return vote.Ballot{}, vote.Receipt{}, fmt.Errorf("sqlite: poll %q ballot %q: %w", poll, id, vote.ErrNotFound)
	}
	if err != nil {
		return vote.Ballot{}, vote.Receipt{}, wrapVote("ballot", err)
	}
	var b vote.Ballot
	if err := json.Unmarshal([]byte(sb.body), &b); err != nil {
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
		voters := keyset.Pages(ctx, s.pageSize, func(ctx context.Context) ([]string, error) {
			page, err := readStrings(ctx, s.db.r, `SELECT voter_id FROM vote_mark
				WHERE poll_id = ? AND voter_id `+after1(first)+` ? ORDER BY voter_id LIMIT ?`, string(poll), after, s.pageSize)
			if len(page) > 0 {
				after, first = page[len(page)-1], false
			}
			return page, wrapVote("participants", err)
		})
		for v, err := range voters {
			if !yield(vote.VoterID(v), err) {
				return
			}
		}
	}
}

// after1 is the keyset comparison of a page query: ">=" with the empty key
// on the first page (every text is >= ""), ">" with the last key after it.
// A plain comparison lets SQLite seek in the index; an "OR first" would
// make it scan from the start for every page.
func after1(first bool) string {
	if first {
		return ">="
	}
	return ">"
}

// readStrings runs a query of one text column and returns its values.
func readStrings(ctx context.Context, q querier, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
