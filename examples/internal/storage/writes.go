package storage

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"sync/atomic"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/vote"
)

// StopEnv names the environment variable that stops an example on a file
// as a kill would: with GONGZHI_EXAMPLES_STOP_AFTER_WRITES=N the process
// exits with status StopStatus just before its (N+1)th write to a Store,
// without closing the file. Each Store write is one transaction, so this
// leaves the file exactly as a run killed between two writes does; the
// examples module's tests use it to check that a second run continues
// from any such point. It has no effect in memory.
const StopEnv = "GONGZHI_EXAMPLES_STOP_AFTER_WRITES"

// StopStatus is the exit status of a run stopped by StopEnv.
const StopStatus = 3

// counter counts the writes of one run to its durable stores and applies
// StopEnv.
type counter struct {
	n     atomic.Int64
	limit int64 // -1: no limit
}

func newCounter() (*counter, error) {
	c := &counter{limit: -1}
	if v, ok := os.LookupEnv(StopEnv); ok {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("storage: %s=%q: want a count of writes >= 0", StopEnv, v)
		}
		c.limit = n
	}
	return c, nil
}

// write is called before every write.
func (c *counter) write() {
	if c.limit >= 0 && c.n.Load() >= c.limit {
		fmt.Fprintf(os.Stderr, "storage: stopped before write %d (%s=%d), as if killed\n", c.limit+1, StopEnv, c.limit)
		os.Exit(StopStatus)
	}
	c.n.Add(1)
}

// report prints the count of writes under StopEnv.
func (c *counter) report() {
	if c != nil && c.limit >= 0 {
		fmt.Fprintf(os.Stderr, "storage: %d writes\n", c.n.Load())
	}
}

// writes returns the number of writes the run made to its file.
func (s *Stores) writes() int64 {
	if s.count == nil {
		return 0
	}
	return s.count.n.Load()
}

// The wrappers below count the writes of each Store and pass everything
// through. Reads are promoted from the embedded Store unchanged.

type voteStore struct {
	vote.Store
	c *counter
}

func (s voteStore) CreatePoll(ctx context.Context, p vote.Poll) error {
	s.c.write()
	return s.Store.CreatePoll(ctx, p)
}

func (s voteStore) UpdatePoll(ctx context.Context, p vote.Poll) (int64, error) {
	s.c.write()
	return s.Store.UpdatePoll(ctx, p)
}

func (s voteStore) AppendBallot(ctx context.Context, e vote.Entry) (vote.Receipt, error) {
	s.c.write()
	return s.Store.AppendBallot(ctx, e)
}

// voteBulkStore keeps vote.BulkStore visible when the store has it.
type voteBulkStore struct {
	voteStore
	bulk vote.BulkStore
}

func (s voteBulkStore) AppendBallots(ctx context.Context, poll vote.PollID, entries []vote.Entry) ([]vote.Receipt, error) {
	s.c.write()
	return s.bulk.AppendBallots(ctx, poll, entries)
}

func (c *counter) vote(s vote.Store) vote.Store {
	w := voteStore{Store: s, c: c}
	if b, ok := s.(vote.BulkStore); ok {
		return voteBulkStore{voteStore: w, bulk: b}
	}
	return w
}

type gridStore struct {
	grid.Store
	c *counter
}

func (s gridStore) AppendBatch(ctx context.Context, b grid.Batch, expect int64) (int64, error) {
	s.c.write()
	return s.Store.AppendBatch(ctx, b, expect)
}

type ticketStore struct {
	ticket.Store
	c *counter
}

// CreateTicket counts a write, and takes it back when the store found
// the intake already stored (a retried intake writes nothing).
func (s ticketStore) CreateTicket(ctx context.Context, t ticket.Ticket) (ticket.Ticket, bool, error) {
	s.c.write()
	out, created, err := s.Store.CreateTicket(ctx, t)
	if err == nil && !created {
		s.c.n.Add(-1)
	}
	return out, created, err
}

func (s ticketStore) UpdateTickets(ctx context.Context, ts ...ticket.Ticket) ([]ticket.Ticket, error) {
	s.c.write()
	return s.Store.UpdateTickets(ctx, ts...)
}

type agendaStore struct {
	agenda.Store
	c *counter
}

func (s agendaStore) PutTopic(ctx context.Context, t agenda.Topic) (int64, error) {
	s.c.write()
	return s.Store.PutTopic(ctx, t)
}

func (s agendaStore) PutMeeting(ctx context.Context, m agenda.Meeting) (int64, error) {
	s.c.write()
	return s.Store.PutMeeting(ctx, m)
}

type projectStore struct {
	project.Store
	c *counter
}

func (s projectStore) PutProject(ctx context.Context, p project.Project) (int64, error) {
	s.c.write()
	return s.Store.PutProject(ctx, p)
}

func (s projectStore) AppendEntry(ctx context.Context, e project.Entry, after int64) (project.Entry, error) {
	s.c.write()
	return s.Store.AppendEntry(ctx, e, after)
}

func (s projectStore) PutPlan(ctx context.Context, p project.Plan) error {
	s.c.write()
	return s.Store.PutPlan(ctx, p)
}
