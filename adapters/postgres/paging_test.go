package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/gongzhi/gongzhi/adapters/postgres"
	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/vote"
)

// The streams read page by page (keyset pagination). With pages of 1 to 4
// rows, every stream must still yield each record once, in order.
func TestStreamsAcrossPages(t *testing.T) {
	ctx := context.Background()
	pool := migratedPool(t, 0, fast)
	for _, size := range []int{1, 2, 3, 4} {
		t.Run(fmt.Sprint("page=", size), func(t *testing.T) {
			// Vote: ballots and participants.
			vs := postgres.NewVoteStore(pool)
			postgres.SetPageSize(vs, size)
			poll := vote.PollID(fmt.Sprint("p", size))
			openPoll(t, vs, poll, false)
			var wantVoters []vote.VoterID
			for i := range 10 {
				v := vote.VoterID(fmt.Sprintf("v%02d", 9-i))
				if _, err := vs.AppendBallot(ctx, entry(poll, v, "a", false)); err != nil {
					t.Fatal(err)
				}
				wantVoters = append(wantVoters, v)
			}
			slices.Sort(wantVoters)
			var gotBallots []vote.VoterID
			for _, b := range collect(t, vs.Ballots(ctx, poll)) {
				gotBallots = append(gotBallots, b.Voter)
			}
			if !slices.Equal(gotBallots, wantVoters) {
				t.Errorf("Ballots by pages of %d = %v, want %v", size, gotBallots, wantVoters)
			}
			if got := collect(t, vs.Participants(ctx, poll)); !slices.Equal(got, wantVoters) {
				t.Errorf("Participants by pages of %d = %v, want %v", size, got, wantVoters)
			}

			// Agenda: meetings ordered by instant then id, with ties, in a range.
			as := postgres.NewAgendaStore(pool)
			postgres.SetPageSize(as, size)
			t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
			prefix := fmt.Sprint("m", size, "-")
			var want []agenda.MeetingID
			for i := range 9 {
				id := agenda.MeetingID(fmt.Sprint(prefix, 8-i))
				at := t0.Add(time.Duration(i/3) * time.Nanosecond) // three meetings per instant
				if _, err := as.PutMeeting(ctx, agenda.Meeting{ID: id, At: at}); err != nil {
					t.Fatal(err)
				}
				if i/3 == 1 || i/3 == 2 {
					want = append(want, id)
				}
			}
			// Expected: instants t0+1ns and t0+2ns, each group by id.
			slices.SortFunc(want, func(a, b agenda.MeetingID) int {
				ai, bi := (8-int(a[len(a)-1]-'0'))/3, (8-int(b[len(b)-1]-'0'))/3
				if ai != bi {
					return ai - bi
				}
				if a < b {
					return -1
				}
				return 1
			})
			var got []agenda.MeetingID
			for m, err := range as.Meetings(ctx, t0.Add(time.Nanosecond), t0.Add(3*time.Nanosecond)) {
				if err != nil {
					t.Fatal(err)
				}
				if len(m.ID) > len(prefix) && string(m.ID[:len(prefix)]) == prefix {
					got = append(got, m.ID)
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("Meetings by pages of %d = %v, want %v", size, got, want)
			}

			// Project: projects by id, ledger by seq.
			ps := postgres.NewProjectStore(pool)
			postgres.SetPageSize(ps, size)
			n := 0
			for p, err := range ps.Projects(ctx) {
				if err != nil {
					t.Fatal(err)
				}
				_ = p
				n++
			}
			for i := range 5 {
				id := project.ID(fmt.Sprint("pr", size, "-", 4-i))
				if _, err := ps.PutProject(ctx, project.Project{ID: id, Title: "t", Cost: decimal.NewFromInt(1)}); err != nil {
					t.Fatal(err)
				}
			}
			var ids []project.ID
			for p, err := range ps.Projects(ctx) {
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, p.ID)
			}
			if len(ids) != n+5 || !slices.IsSorted(ids) {
				t.Errorf("Projects by pages of %d = %v, want %d ids in order", size, ids, n+5)
			}
			var seqs []int64
			for e, err := range ps.Entries(ctx) {
				if err != nil {
					t.Fatal(err)
				}
				seqs = append(seqs, e.Seq)
			}
			for i := range 3 {
				e := project.Entry{ID: fmt.Sprint("e", size, "-", i), Kind: project.EntryKind("deposit"), Amount: decimal.NewFromInt(5)}
				if _, err := ps.AppendEntry(ctx, e, int64(len(seqs)+i)); err != nil {
					t.Fatal(err)
				}
			}
			seqs = seqs[:0]
			for e, err := range ps.Entries(ctx) {
				if err != nil {
					t.Fatal(err)
				}
				seqs = append(seqs, e.Seq)
			}
			for i, s := range seqs {
				if s != int64(i+1) {
					t.Fatalf("Entries by pages of %d = seqs %v, want 1..%d", size, seqs, len(seqs))
				}
			}

			// Ticket: List with a filter, in id order.
			ts := postgres.NewTicketStore(pool)
			postgres.SetPageSize(ts, size)
			var wantTickets []ticket.ID
			for i := range 7 {
				id := ticket.ID(fmt.Sprint("t", size, "-", 6-i))
				tk := ticket.Ticket{ID: id, State: ticket.Received, ReceivedAt: t0, Lead: ticket.Unit{ID: ticket.UnitID(fmt.Sprint("u", size, i%2))}}
				if _, _, err := ts.CreateTicket(ctx, tk); err != nil {
					t.Fatal(err)
				}
				if i%2 == 0 {
					wantTickets = append(wantTickets, id)
				}
			}
			slices.Sort(wantTickets)
			var gotTickets []ticket.ID
			for tk, err := range ts.Tickets(ctx, ticket.Filter{Open: true, Unit: ticket.UnitID(fmt.Sprint("u", size, 0))}) {
				if err != nil {
					t.Fatal(err)
				}
				gotTickets = append(gotTickets, tk.ID)
			}
			if !slices.Equal(gotTickets, wantTickets) {
				t.Errorf("List by pages of %d = %v, want %v", size, gotTickets, wantTickets)
			}

			// Grid: batches read a chunk of changes at a time.
			gs := postgres.NewGridStore(pool)
			postgres.SetPageSize(gs, size)
			v0, err := gs.Version(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for i := range 4 {
				changes := make([]grid.Change, i) // 0 to 3 changes per batch
				for k := range changes {
					changes[k] = grid.Rename("n", fmt.Sprint(i, "-", k))
				}
				b := grid.Batch{ID: fmt.Sprint("g", size, "-", i), At: t0, Changes: changes}
				if _, err := gs.AppendBatch(ctx, b, v0+int64(i)); err != nil {
					t.Fatal(err)
				}
			}
			k := 0
			for e, err := range gs.Batches(ctx, v0) {
				if err != nil {
					t.Fatal(err)
				}
				if e.Version != v0+int64(k)+1 || len(e.Batch.Changes) != k {
					t.Fatalf("Batches with chunks of %d: entry %d is v%d with %d changes", size, k, e.Version, len(e.Batch.Changes))
				}
				for j, c := range e.Batch.Changes {
					if c.Name != fmt.Sprint(k, "-", j) {
						t.Fatalf("batch %d change %d = %q: changes out of order", k, j, c.Name)
					}
				}
				k++
			}
			if k != 4 {
				t.Fatalf("Batches with chunks of %d yielded %d batches, want 4", size, k)
			}
		})
	}
}

// A context cancelled in the middle of a stream ends it with the context's
// error, never with a silently short list.
func TestBallotsCancelMidStream(t *testing.T) {
	pool := migratedPool(t, 0, fast)
	s := postgres.NewVoteStore(pool)
	postgres.SetPageSize(s, 1)
	openPoll(t, s, "p", false)
	for i := range 10 {
		if _, err := s.AppendBallot(context.Background(), entry("p", vote.VoterID(fmt.Sprint("v", i)), "a", false)); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	var last error
	for _, err := range s.Ballots(ctx, "p") {
		if err != nil {
			last = err
			break
		}
		n++
		if n == 2 {
			cancel()
		}
	}
	if !errors.Is(last, context.Canceled) {
		t.Fatalf("stream cancelled after 2 of 10 ballots ended with %v after %d ballots; want context.Canceled", last, n)
	}
}
