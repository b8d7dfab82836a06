package postgres

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/gongzhi/gongzhi/vote"
)

// Group commit of casts.
//
// A durable commit costs a flush of the write-ahead log, and with one
// transaction per cast that flush is the limit on casts per second. When
// many voters cast at once, VoteStore.AppendBallot queues the casts and
// commits those that queued together in one transaction: the casts of new
// voters (the common case) are written with one INSERT of all their marks
// and one INSERT of all their ballots, so a batch costs about as much as a
// single cast. Casts that are not a new voter's first ballot (a retry, a
// replacement, a second ballot) are found by the marks INSERT and take the
// one-cast path after the batch commits, which gives them exactly the
// answers of one-cast transactions.
//
// One ballot per voter is still the primary key of vote_mark and the
// unique keys of vote_ballot; the batch only shares the commit. A caller
// is answered only after the transaction holding its cast committed. In a
// secret poll the batch's marks are inserted in voter order and its
// ballots are staged in token order; a later transaction moves staged
// ballots to vote_ballot in shuffled batches (VoteStore.flush), so no
// ballot in vote_ballot shares its transaction with a mark. A change or a
// cast whose version is not 1 takes the one-cast path.

// castRequest states: taken by a flusher or abandoned by its caller.
const (
	castPending int32 = iota
	castTaken
	castAbandoned
)

type castRequest struct {
	e     vote.Entry
	body  []byte
	state atomic.Int32
	done  chan castResult // buffered; receives one result once taken
}

type castResult struct {
	rcpt vote.Receipt
	err  error
	// slow: not a new voter's first ballot; the caller runs the
	// one-cast path.
	slow bool
	// staged: a secret ballot was staged; the caller may flush.
	staged bool
}

// castBatcher queues casts and runs up to flushers batches at once. No
// goroutine runs while nobody casts: a caller that finds fewer than
// flushers batches in flight commits one itself (its own cast and what
// queued meanwhile), and hands what queued during that commit to a
// goroutine that drains the queue.
type castBatcher struct {
	pool     *pgxpool.Pool
	flushers int
	max      int

	mu       sync.Mutex
	queue    []*castRequest
	inflight int
}

func newCastBatcher(pool *pgxpool.Pool) *castBatcher {
	return &castBatcher{pool: pool, flushers: max(1, int(pool.Config().MaxConns)/4), max: 512}
}

// cast runs e through the batch and returns its result.
func (c *castBatcher) cast(ctx context.Context, e vote.Entry, body []byte) castResult {
	r := &castRequest{e: e, body: body, done: make(chan castResult, 1)}
	c.mu.Lock()
	c.queue = append(c.queue, r)
	lead := c.inflight < c.flushers
	if lead {
		c.inflight++
	}
	c.mu.Unlock()
	if lead {
		c.flushNext()
		c.continueOrStop()
	}
	select {
	case res := <-r.done:
		return res
	case <-ctx.Done():
		if r.state.CompareAndSwap(castPending, castAbandoned) {
			return castResult{err: ctx.Err()}
		}
		return <-r.done
	}
}

// continueOrStop keeps a flusher going in a goroutine while casts are
// queued, and otherwise ends this flusher.
func (c *castBatcher) continueOrStop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.queue) > 0 {
		go func() {
			c.flushNext()
			c.continueOrStop()
		}()
		return
	}
	c.inflight--
}

// flushNext commits the next batch from the queue.
func (c *castBatcher) flushNext() {
	c.mu.Lock()
	n := min(len(c.queue), c.max)
	batch := make([]*castRequest, 0, n)
	for _, r := range c.queue[:n] {
		if r.state.CompareAndSwap(castPending, castTaken) {
			batch = append(batch, r)
		}
	}
	c.queue = append(c.queue[:0], c.queue[n:]...)
	c.mu.Unlock()
	if len(batch) == 0 {
		return
	}
	results := c.commit(batch)
	for i, r := range batch {
		r.done <- results[i]
	}
}

// commit writes batch in one transaction. Statements run without the
// callers' contexts: one caller giving up must not roll back the others.
func (c *castBatcher) commit(batch []*castRequest) []castResult {
	ctx := context.Background()
	results := make([]castResult, len(batch))
	if len(batch) == 1 {
		r := batch[0]
		err := inTx(ctx, c.pool, func(tx pgx.Tx) error {
			var err error
			results[0].rcpt, results[0].staged, err = appendBallot(ctx, tx, r.e, r.body)
			return err
		})
		results[0].err = err
		return results
	}
	err := inTx(ctx, c.pool, func(tx pgx.Tx) error {
		clear(results)
		return commitCasts(ctx, tx, batch, results)
	})
	if err != nil {
		for i := range results {
			if !results[i].slow && results[i].err == nil {
				results[i] = castResult{err: err}
			}
		}
	}
	return results
}

// commitCasts writes the new voters' casts of batch with set-based
// statements and fills results: a receipt, a domain error, or slow.
func commitCasts(ctx context.Context, tx pgx.Tx, batch []*castRequest, results []castResult) error {
	// The polls, locked FOR SHARE (in id order) so that a concurrent
	// close waits for the batch, and the batch for the close.
	var ids []string
	seen := map[vote.PollID]bool{}
	for _, r := range batch {
		if !seen[r.e.Poll] {
			seen[r.e.Poll] = true
			ids = append(ids, string(r.e.Poll))
		}
	}
	sort.Strings(ids)
	type pollRow struct {
		state  vote.State
		secret bool
	}
	polls := map[vote.PollID]pollRow{}
	rows, err := tx.Query(ctx, `SELECT id, state, secret FROM vote_poll WHERE id = ANY($1) ORDER BY id FOR SHARE`, ids)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id, state string
		var secret bool
		if err := rows.Scan(&id, &state, &secret); err != nil {
			rows.Close()
			return err
		}
		polls[vote.PollID(id)] = pollRow{vote.State(state), secret}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	// The candidates: casts into open polls, first of their voter and of
	// their ballot id in the batch.
	type key struct{ poll, id string }
	var cand []int
	firstOf := map[key]bool{}  // (poll, voter) of a candidate
	ballotOf := map[key]bool{} // (poll, ballot id) of a candidate
	secretOf := make([]bool, len(batch))
	for i, r := range batch {
		p, ok := polls[r.e.Poll]
		switch {
		case !ok:
			results[i].err = pollNotFound(r.e.Poll)
			continue
		case p.state != vote.StateOpen:
			results[i].err = &vote.StateError{Poll: r.e.Poll, State: p.state, Op: "cast"}
			continue
		}
		secretOf[i] = r.e.Secret || p.secret
		if secretOf[i] && r.e.Ballot.Voter != "" {
			results[i].err = &vote.BallotError{Ballot: r.e.Ballot.ID, Reason: "a ballot of a secret poll must not name its voter"}
			continue
		}
		// A second cast of a voter, or a second use of a ballot id, in
		// the batch takes the one-cast path after the commit: the
		// set-based INSERTs below tell casts apart by these keys. So does
		// a change, or a cast whose version is not 1.
		k, b := key{string(r.e.Poll), string(r.e.Voter)}, key{string(r.e.Poll), string(r.e.Ballot.ID)}
		if firstOf[k] || ballotOf[b] || r.e.Replace || r.e.Receipt.Version != 1 {
			results[i].slow = true
			continue
		}
		firstOf[k], ballotOf[b] = true, true
		cand = append(cand, i)
	}
	if len(cand) == 0 {
		return nil
	}

	// Marks, in (poll, voter) order: the new ones come back.
	sort.Slice(cand, func(a, b int) bool {
		x, y := batch[cand[a]].e, batch[cand[b]].e
		return x.Poll < y.Poll || x.Poll == y.Poll && x.Voter < y.Voter
	})
	mp, mv := make([]string, len(cand)), make([]string, len(cand))
	for j, i := range cand {
		mp[j], mv[j] = string(batch[i].e.Poll), string(batch[i].e.Voter)
	}
	rows, err = tx.Query(ctx, `INSERT INTO vote_mark (poll_id, voter_id)
		SELECT p, v FROM unnest($1::text[], $2::text[]) AS u(p, v)
		ON CONFLICT DO NOTHING RETURNING poll_id, voter_id`, mp, mv)
	if err != nil {
		return err
	}
	fresh := map[key]bool{}
	for rows.Next() {
		var k key
		if err := rows.Scan(&k.poll, &k.id); err != nil {
			rows.Close()
			return err
		}
		fresh[k] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var first []int // the voters' first ballots
	for _, i := range cand {
		if fresh[key{string(batch[i].e.Poll), string(batch[i].e.Voter)}] {
			first = append(first, i)
		} else {
			results[i].slow = true
		}
	}
	if len(first) == 0 {
		return nil
	}

	// Ballots, in (poll, ballot id) order: those inserted come back; a
	// ballot id held by another ballot is a conflict.
	sort.Slice(first, func(a, b int) bool {
		x, y := batch[first[a]].e, batch[first[b]].e
		return x.Poll < y.Poll || x.Poll == y.Poll && x.Ballot.ID < y.Ballot.ID
	})
	n := len(first)
	bp, bid, bh, bs, bb := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	bv := make([]*string, n)
	var secretRows, publicRows []int // indices into the arrays above
	for j, i := range first {
		e := batch[i].e
		bp[j], bid[j], bh[j], bs[j], bb[j] = string(e.Poll), string(e.Ballot.ID), e.Receipt.Hash, e.Receipt.Salt, string(batch[i].body)
		if secretOf[i] {
			secretRows = append(secretRows, j)
		} else {
			v := string(e.Voter)
			bv[j] = &v
			publicRows = append(publicRows, j)
		}
	}
	pick := func(rows []int, col []string) []string {
		out := make([]string, len(rows))
		for k, j := range rows {
			out[k] = col[j]
		}
		return out
	}
	stored := map[key]bool{}
	collect := func(rows pgx.Rows, err error) error {
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k key
			if err := rows.Scan(&k.poll, &k.id); err != nil {
				return err
			}
			stored[k] = true
		}
		return rows.Err()
	}
	if len(publicRows) > 0 {
		pv := make([]*string, len(publicRows))
		for k, j := range publicRows {
			pv[k] = bv[j]
		}
		if err := collect(tx.Query(ctx, `INSERT INTO vote_ballot (poll_id, ballot_id, voter_id, hash, salt, version, body)
			SELECT p, b, v, h, s, 1, j::json FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(p, b, v, h, s, j)
			ON CONFLICT DO NOTHING RETURNING poll_id, ballot_id`,
			pick(publicRows, bp), pick(publicRows, bid), pv, pick(publicRows, bh), pick(publicRows, bs), pick(publicRows, bb))); err != nil {
			return err
		}
	}
	if len(secretRows) > 0 {
		// Staged, unless the id is held by a ballot already moved in.
		if err := collect(tx.Query(ctx, `INSERT INTO vote_ballot_staged (poll_id, ballot_id, hash, salt, version, body)
			SELECT p, b, h, s, 1, j::json FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(p, b, h, s, j)
			WHERE NOT EXISTS (SELECT 1 FROM vote_ballot vb WHERE vb.poll_id = u.p AND vb.ballot_id = u.b)
			ON CONFLICT DO NOTHING RETURNING poll_id, ballot_id`,
			pick(secretRows, bp), pick(secretRows, bid), pick(secretRows, bh), pick(secretRows, bs), pick(secretRows, bb))); err != nil {
			return err
		}
	}
	var dp, dv []string // marks of casts whose ballot id was taken
	for _, i := range first {
		e := batch[i].e
		if stored[key{string(e.Poll), string(e.Ballot.ID)}] {
			results[i].rcpt = e.Receipt
			results[i].staged = secretOf[i]
			continue
		}
		results[i].err = fmt.Errorf("postgres: poll %q ballot %q is held by another ballot: %w", e.Poll, e.Ballot.ID, vote.ErrConflict)
		dp, dv = append(dp, string(e.Poll)), append(dv, string(e.Voter))
	}
	if len(dp) > 0 {
		if _, err := tx.Exec(ctx, `DELETE FROM vote_mark WHERE (poll_id, voter_id) IN
			(SELECT p, v FROM unnest($1::text[], $2::text[]) AS u(p, v))`, dp, dv); err != nil {
			return err
		}
	}
	return nil
}
