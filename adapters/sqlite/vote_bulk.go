package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	sqlite3 "modernc.org/sqlite/lib"

	"github.com/gongzhi/gongzhi/vote"
)

// bulkChunk is how many entries one INSERT of AppendBallots writes: 128
// ballot rows are 896 parameters, far below SQLite's limit of 32766.
const bulkChunk = 128

var _ vote.BulkStore = (*VoteStore)(nil)

// AppendBallots implements vote.BulkStore: the entries' marks and ballots
// are written in one write transaction, bulkChunk rows per prepared
// multi-row INSERT, all or none. When a chunk is refused (a voter who has
// a mark, a ballot id already held, an entry that is not a first ballot),
// it is rolled back and written again row by row to find the first entry
// AppendBallot would refuse, whose error is returned; nothing is stored.
func (s *VoteStore) AppendBallots(ctx context.Context, poll vote.PollID, entries []vote.Entry) ([]vote.Receipt, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	bodies := make([]string, len(entries))
	out := make([]vote.Receipt, len(entries))
	for i, e := range entries {
		body, err := ballotBody(e.Ballot)
		if err != nil {
			return nil, wrap("append ballots: encode", err)
		}
		bodies[i], out[i] = body, e.Receipt
	}
	err := s.db.writer.do(ctx, func(wctx context.Context, q querier) error {
		var state string
		var secret bool
		err := q.QueryRowContext(wctx, `SELECT state, secret FROM vote_poll WHERE id = ?`, string(poll)).Scan(&state, &secret)
		if errors.Is(err, sql.ErrNoRows) {
			return pollNotFound(poll)
		}
		if err != nil {
			return err
		}
		if vote.State(state) != vote.StateOpen {
			return &vote.StateError{Poll: poll, State: vote.State(state), Op: "cast"}
		}
		w := bulkWriter{q: q, poll: poll, secret: secret}
		defer w.close()
		for start := 0; start < len(entries); start += bulkChunk {
			if err := ctx.Err(); err != nil { // the caller's: a bulk append may be long
				return err
			}
			end := min(start+bulkChunk, len(entries))
			if err := w.chunk(wctx, entries[start:end], bodies[start:end]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		var be *vote.BallotError
		if errors.As(err, &be) {
			return nil, err
		}
		return nil, wrapVote("append ballots", err)
	}
	return out, nil
}

// bulkWriter writes the chunks of one AppendBallots in the writer's
// transaction, keeping its prepared statements by chunk size.
type bulkWriter struct {
	q      querier
	poll   vote.PollID
	secret bool
	stmts  map[stmtKey]*sql.Stmt
}

// stmtKey names a prepared INSERT: its head and how many rows it writes.
type stmtKey struct {
	head string
	n    int
}

// chunk writes entries in one savepoint with one INSERT into vote_mark and
// one into vote_ballot; if either is refused it rolls the savepoint back
// and returns the error of row, entry by entry.
func (w *bulkWriter) chunk(ctx context.Context, entries []vote.Entry, bodies []string) error {
	for i := range entries {
		if err := w.check(i, &entries[i]); err != nil {
			return w.rows(ctx, entries, bodies) // stops at this entry or an earlier one
		}
	}
	if _, err := w.q.ExecContext(ctx, "SAVEPOINT bulk"); err != nil {
		return err
	}
	marks := make([]any, 0, 2*len(entries))
	ballots := make([]any, 0, 7*len(entries))
	for i, e := range entries {
		marks = append(marks, string(w.poll), string(e.Voter))
		ballots = append(ballots, string(w.poll), string(e.Ballot.ID), w.voterColumn(e), e.Receipt.Hash, e.Receipt.Salt, e.Receipt.Version, bodies[i])
	}
	err := w.exec(ctx, "INSERT INTO vote_mark (poll_id, voter_id) VALUES ", "(?, ?)", len(entries), marks)
	if err == nil {
		err = w.exec(ctx, "INSERT INTO vote_ballot (poll_id, ballot_id, voter_id, hash, salt, version, body) VALUES ",
			"(?, ?, ?, ?, ?, ?, ?)", len(entries), ballots)
	}
	if err == nil {
		_, err = w.q.ExecContext(ctx, "RELEASE bulk")
		return err
	}
	if code(err) != sqlite3.SQLITE_CONSTRAINT {
		return err // the caller's savepoint or transaction rolls it all back
	}
	if _, err := w.q.ExecContext(ctx, "ROLLBACK TO bulk"); err != nil {
		return err
	}
	if _, err := w.q.ExecContext(ctx, "RELEASE bulk"); err != nil {
		return err
	}
	return w.rows(ctx, entries, bodies)
}

// rows writes entries one by one, in order, and returns the error of the
// first one refused, as AppendBallot would return it.
func (w *bulkWriter) rows(ctx context.Context, entries []vote.Entry, bodies []string) error {
	for i := range entries {
		e := &entries[i]
		if err := w.check(i, e); err != nil {
			return err
		}
		err := w.exec(ctx, "INSERT INTO vote_mark (poll_id, voter_id) VALUES ", "(?, ?)", 1, []any{string(w.poll), string(e.Voter)})
		if isUnique(err) {
			return fmt.Errorf("sqlite: poll %q voter %q: %w", w.poll, e.Voter, vote.ErrAlreadyVoted)
		}
		if err != nil {
			return err
		}
		err = w.exec(ctx, "INSERT INTO vote_ballot (poll_id, ballot_id, voter_id, hash, salt, version, body) VALUES ",
			"(?, ?, ?, ?, ?, ?, ?)", 1, []any{string(w.poll), string(e.Ballot.ID), w.voterColumn(*e), e.Receipt.Hash, e.Receipt.Salt, e.Receipt.Version, bodies[i]})
		if isUnique(err) {
			return fmt.Errorf("sqlite: poll %q ballot %q is held by another ballot: %w", w.poll, e.Ballot.ID, vote.ErrConflict)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// check refuses an entry that AppendBallots cannot store whatever the
// file holds.
func (w *bulkWriter) check(i int, e *vote.Entry) error {
	switch {
	case e.Poll != w.poll:
		return fmt.Errorf("sqlite: entry %d is of poll %s, not %s: %w", i, e.Poll, w.poll, vote.ErrConflict)
	case e.Replace || e.Receipt.Version != 1:
		return fmt.Errorf("sqlite: entry %d is not a first ballot: %w", i, vote.ErrConflict)
	case (w.secret || e.Secret) && e.Ballot.Voter != "":
		return &vote.BallotError{Ballot: e.Ballot.ID, Reason: "a ballot of a secret poll must not name its voter"}
	}
	return nil
}

// voterColumn is the ballot row's voter_id: NULL in a secret poll.
func (w *bulkWriter) voterColumn(e vote.Entry) any {
	if w.secret || e.Secret {
		return nil
	}
	return string(e.Voter)
}

// exec runs the INSERT of n rows head+row, row, ..., preparing it on first
// use.
func (w *bulkWriter) exec(ctx context.Context, head, row string, n int, args []any) error {
	key := stmtKey{head, n}
	st, ok := w.stmts[key]
	if !ok {
		var err error
		if st, err = w.q.PrepareContext(ctx, head+row+strings.Repeat(", "+row, n-1)); err != nil {
			return err
		}
		if w.stmts == nil {
			w.stmts = map[stmtKey]*sql.Stmt{}
		}
		w.stmts[key] = st
	}
	_, err := st.ExecContext(ctx, args...)
	return err
}

// close closes the prepared statements.
func (w *bulkWriter) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}
