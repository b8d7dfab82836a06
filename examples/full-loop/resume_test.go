package main

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"os"
	"testing"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/vote"
)

// errInterrupted is what the stores return once their budget of writes is
// spent: the run stops there, as if the process had been killed between
// two writes.
var errInterrupted = errors.New("interrupted")

// budget counts the writes the stores still accept; a negative budget
// accepts every write and counts them in used.
type budget struct{ left, used int }

func (b *budget) spend() error {
	b.used++
	if b.left >= 0 && b.used > b.left {
		return errInterrupted
	}
	return nil
}

type cutTickets struct {
	ticket.Store
	b *budget
}

func (s cutTickets) CreateTicket(ctx context.Context, t ticket.Ticket) (ticket.Ticket, bool, error) {
	if err := s.b.spend(); err != nil {
		return ticket.Ticket{}, false, err
	}
	return s.Store.CreateTicket(ctx, t)
}

func (s cutTickets) UpdateTickets(ctx context.Context, ts ...ticket.Ticket) ([]ticket.Ticket, error) {
	if err := s.b.spend(); err != nil {
		return nil, err
	}
	return s.Store.UpdateTickets(ctx, ts...)
}

type cutAgenda struct {
	agenda.Store
	b *budget
}

func (s cutAgenda) PutTopic(ctx context.Context, t agenda.Topic) (int64, error) {
	if err := s.b.spend(); err != nil {
		return 0, err
	}
	return s.Store.PutTopic(ctx, t)
}

func (s cutAgenda) PutMeeting(ctx context.Context, m agenda.Meeting) (int64, error) {
	if err := s.b.spend(); err != nil {
		return 0, err
	}
	return s.Store.PutMeeting(ctx, m)
}

type cutProjects struct {
	project.Store
	b *budget
}

func (s cutProjects) PutProject(ctx context.Context, p project.Project) (int64, error) {
	if err := s.b.spend(); err != nil {
		return 0, err
	}
	return s.Store.PutProject(ctx, p)
}

func (s cutProjects) AppendEntry(ctx context.Context, e project.Entry, after int64) (project.Entry, error) {
	if err := s.b.spend(); err != nil {
		return project.Entry{}, err
	}
	return s.Store.AppendEntry(ctx, e, after)
}

func (s cutProjects) PutPlan(ctx context.Context, p project.Plan) error {
	if err := s.b.spend(); err != nil {
		return err
	}
	return s.Store.PutPlan(ctx, p)
}

type cutVotes struct {
	vote.Store
	b *budget
}

func (s cutVotes) CreatePoll(ctx context.Context, p vote.Poll) error {
	if err := s.b.spend(); err != nil {
		return err
	}
	return s.Store.CreatePoll(ctx, p)
}

func (s cutVotes) UpdatePoll(ctx context.Context, p vote.Poll) (int64, error) {
	if err := s.b.spend(); err != nil {
		return 0, err
	}
	return s.Store.UpdatePoll(ctx, p)
}

func (s cutVotes) AppendBallot(ctx context.Context, e vote.Entry) (vote.Receipt, error) {
	if err := s.b.spend(); err != nil {
		return vote.Receipt{}, err
	}
	return s.Store.AppendBallot(ctx, e)
}

func memStores() Stores {
	return Stores{Tickets: ticket.NewMemStore(), Agenda: agenda.NewMemStore(), Projects: project.NewMemStore(), Votes: vote.NewMemStore()}
}

func cut(st Stores, b *budget) Stores {
	return Stores{Tickets: cutTickets{st.Tickets, b}, Agenda: cutAgenda{st.Agenda, b},
		Projects: cutProjects{st.Projects, b}, Votes: cutVotes{st.Votes, b}}
}

// readBack counts what run reports read back, by kind.
type readBack map[string]int

func (r readBack) add(kind string, n int) { r[kind] += n }

// TestResumeAfterInterruption stops a run after each of its writes in
// turn (the stores refuse every later write, as if the process died
// there) and checks that a second run on what was stored finishes the
// loop and prints the golden report. A step that the second run skipped
// although it was not stored, or redid although it was, makes the second
// run fail or print something else.
func TestResumeAfterInterruption(t *testing.T) {
	ctx := context.Background()
	want, err := os.ReadFile("testdata/output.golden")
	if err != nil {
		t.Fatal(err)
	}
	all := &budget{left: -1}
	var out bytes.Buffer
	if err := run(ctx, &out, cut(memStores(), all)); err != nil {
		t.Fatal(err)
	}
	if out.String() != string(want) {
		t.Fatalf("an uninterrupted run differs from the golden output:\n%s", out.String())
	}
	writes := all.used
	if writes < 100 {
		t.Fatalf("the loop made %d writes; expected well over 100", writes)
	}
	step := 1
	if testing.Short() {
		step = 7
	}
	for k := 0; k < writes; k += step {
		st := memStores()
		if err := run(ctx, new(bytes.Buffer), cut(st, &budget{left: k})); !errors.Is(err, errInterrupted) {
			t.Fatalf("run interrupted after %d of %d writes: err = %v, want the interruption", k, writes, err)
		}
		out.Reset()
		found := readBack{}
		st.ReadBack = found.add
		if err := run(ctx, &out, st); err != nil {
			t.Fatalf("run after an interruption at write %d of %d: %v", k, writes, err)
		}
		if out.String() != string(want) {
			t.Fatalf("run after an interruption at write %d of %d differs from the golden output:\n%s", k, writes, out.String())
		}
		if (len(found) > 0) != (k > 0) {
			t.Errorf("run after an interruption at write %d: read back %v", k, found)
		}
	}
}

// TestSecondRunRedoesNothing checks that a run on the records of a
// finished one writes nothing and reports every record it read back.
func TestSecondRunRedoesNothing(t *testing.T) {
	ctx := context.Background()
	st := memStores()
	if err := run(ctx, new(bytes.Buffer), st); err != nil {
		t.Fatal(err)
	}
	b := &budget{left: 0}
	found := readBack{}
	again := cut(st, b)
	again.ReadBack = found.add
	if err := run(ctx, new(bytes.Buffer), again); err != nil {
		t.Fatalf("second run: %v (after %d write attempts)", err, b.used)
	}
	want := readBack{"ticket": 45, "topic": 1, "meeting": 1, "project": 1, "ledger entry": 6, "poll": 1}
	if !maps.Equal(found, want) {
		t.Errorf("second run read back %v, want %v", found, want)
	}
}
