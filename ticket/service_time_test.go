package ticket_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/ticket"
)

// stewardLeaves is smallGrid in which the steward of b1 (p-zhao) is
// unassigned at 2025-10-01 00:00.
func stewardLeaves(t *testing.T) *grid.Tree {
	t.Helper()
	tree := smallGrid()
	if err := tree.Apply(grid.Batch{ID: "oct", At: at("2025-10-01 00:00"), Changes: []grid.Change{grid.Unassign("a2")}}); err != nil {
		t.Fatal(err)
	}
	return tree
}

func clockedService(tree *grid.Tree, now *time.Time) *ticket.Service {
	cats, _ := ticket.NewCategories(ticket.CommunityCategories())
	routing := ticket.SmallMattersInBuilding()
	return ticket.NewService(ticket.NewMemStore(), &ticket.Options{
		Now:       func() time.Time { return *now },
		Config:    ticket.Config{Categories: cats, Policy: ticket.BeijingIllustrative(), Calendars: ticket.Calendars{Working: calendar.China()}},
		Routing:   &routing,
		Places:    tree,
		Directory: ticket.GridDirectory{Grid: tree},
	})
}

// Issue 14 item 10: a person unassigned on Oct 1 resolved a ticket by
// back-dating to Sep 30, and a unit that posted At: 2099 locked everyone
// else out. The service now stamps events with its own clock and checks
// authority at that instant.
func TestServiceStampsEventTime(t *testing.T) {
	ctx := context.Background()
	now := at("2025-09-29 09:00")
	svc := clockedService(stewardLeaves(t), &now)
	steward := ticket.Actor{ID: "p-zhao", Role: ticket.UnitRole, Unit: "building:b1"}
	in := ticket.Intake{ID: "k1", Channel: ticket.Hotline, Kind: ticket.Complaint, Category: "housing.hallway",
		Location: "b1", Text: "bikes block the stairs", At: at("2025-09-01 09:00")} // the channel's time is not trusted
	tk, _, err := svc.Intake(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if !tk.ReceivedAt.Equal(now) {
		t.Fatalf("received at %s, want the service clock %s", tk.ReceivedAt, now)
	}
	if _, _, err := svc.Dispatch(ctx, "k1", hotline); err != nil {
		t.Fatal(err)
	}
	now = now.Add(time.Hour)
	if tk, err = svc.Act(ctx, "k1", ticket.Event{Kind: ticket.EvAccept, Actor: steward}); err != nil {
		t.Fatal(err)
	}
	if got := tk.History[len(tk.History)-1].At; !got.Equal(now) {
		t.Fatalf("accept stamped %s, want %s", got, now)
	}

	// Oct 1: the steward is no longer assigned.
	now = at("2025-10-01 10:00")
	for _, tc := range []struct {
		name string
		e    ticket.Event
		want error
	}{
		{"back-dated to Sep 30", ticket.Event{Kind: ticket.EvStart, Actor: steward, At: at("2025-09-30 10:00")}, ticket.ErrInvalid},
		{"forward-dated to 2099", ticket.Event{Kind: ticket.EvStart, Actor: steward, At: time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC)}, ticket.ErrInvalid},
		{"now, no longer assigned", ticket.Event{Kind: ticket.EvStart, Actor: steward}, ticket.ErrUnauthorized},
	} {
		_, err := svc.Act(ctx, "k1", tc.e)
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
	if _, _, err := svc.Merge(ctx, "k1", "k1", ticket.Event{Actor: hotline, At: now}); !errors.Is(err, ticket.ErrInvalid) {
		t.Errorf("merge with a caller's instant: %v", err)
	}
	got, err := svc.Get(ctx, "k1", ticket.HotlineRole)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != tk.Version || got.State != ticket.Accepted {
		t.Fatalf("refused events changed the ticket: version %d state %s", got.Version, got.State)
	}
	// Nobody is locked out by the refused 2099 event.
	if _, err := svc.Act(ctx, "k1", ticket.Event{Kind: ticket.EvProgress, Actor: hotline, Note: "steward left; reassigning"}); err != nil {
		t.Fatalf("hotline after the refused events: %v", err)
	}
}

// importRecord is k1's history: intake Sep 29, dispatch, accept, start,
// resolve by the steward at resolveAt.
func importRecord(resolveAt time.Time) ticket.Record {
	steward := ticket.Actor{ID: "p-zhao", Role: ticket.UnitRole, Unit: "building:b1"}
	b1 := ticket.PlaceUnit(ticket.BuildingLevel, "b1")
	return ticket.Record{
		Intake: ticket.Intake{ID: "k1", Channel: ticket.Hotline, Kind: ticket.Complaint, Category: "housing.hallway",
			Location: "b1", Text: "bikes block the stairs", At: at("2025-09-29 09:00"), By: hotline},
		Events: []ticket.Event{
			{Kind: ticket.EvDispatch, At: at("2025-09-29 09:10"), Actor: hotline, Unit: b1},
			{Kind: ticket.EvAccept, At: at("2025-09-29 10:00"), Actor: steward},
			{Kind: ticket.EvStart, At: at("2025-09-29 10:05"), Actor: steward},
			{Kind: ticket.EvResolve, At: resolveAt, Actor: steward, Note: "bikes moved"},
		},
	}
}

// Issue 14 item 10: history enters through Service.Import, which checks
// order, the service's clock and authority as of each event.
func TestServiceImportChecksAuthorityAsOfEachEvent(t *testing.T) {
	ctx := context.Background()
	now := at("2025-10-02 09:00")
	svc := clockedService(stewardLeaves(t), &now)

	for _, tc := range []struct {
		name      string
		resolveAt time.Time
		want      error
	}{
		{"resolved after the steward left", at("2025-10-01 10:00"), ticket.ErrUnauthorized},
		{"resolved after the service's clock", at("2025-10-03 10:00"), ticket.ErrInvalid},
		{"resolved before the start (out of order)", at("2025-09-29 10:00"), ticket.ErrInvalid},
	} {
		_, err := svc.Import(ctx, []ticket.Record{importRecord(tc.resolveAt)})
		var ie *ticket.ImportError
		if !errors.Is(err, tc.want) || !errors.As(err, &ie) || ie.Event != 3 {
			t.Errorf("%s: %v, want %v at event 3", tc.name, err, tc.want)
		}
		if _, err := svc.Get(ctx, "k1", ticket.HotlineRole); !errors.Is(err, ticket.ErrNotFound) {
			t.Fatalf("%s: a refused import stored the ticket: %v", tc.name, err)
		}
	}
	// Resolved on Sep 30, while the steward was assigned: imported and stored.
	rec := importRecord(at("2025-09-30 10:00"))
	ts, err := svc.Import(ctx, []ticket.Record{rec})
	if err != nil {
		t.Fatal(err)
	}
	if ts[0].State != ticket.Resolved || ts[0].Version != 1 || !ts[0].ResolvedAt.Equal(at("2025-09-30 10:00")) {
		t.Fatalf("imported %s v%d resolved %s", ts[0].State, ts[0].Version, ts[0].ResolvedAt)
	}
	// Re-running the import is idempotent; a different history is refused.
	if again, err := svc.Import(ctx, []ticket.Record{rec}); err != nil || again[0].Version != 1 {
		t.Fatalf("re-import: %v", err)
	}
	rec.Events = rec.Events[:3]
	if _, err := svc.Import(ctx, []ticket.Record{rec}); !errors.Is(err, ticket.ErrDuplicateKey) {
		t.Fatalf("different history: %v", err)
	}
	// An intake by a hotline operator unknown to the directory's staff list.
	strict := ticket.NewService(ticket.NewMemStore(), &ticket.Options{Now: func() time.Time { return now },
		Config:    ticket.Config{Policy: ticket.BeijingIllustrative()},
		Directory: ticket.GridDirectory{Grid: smallGrid(), Staff: map[string][]ticket.Role{"op2": {ticket.HotlineRole}}}})
	if _, err := strict.Import(ctx, []ticket.Record{{Intake: importRecord(now).Intake}}); !errors.Is(err, ticket.ErrUnauthorized) {
		t.Fatalf("intake by unregistered operator: %v", err)
	}
	past := ticket.NewService(ticket.NewMemStore(), &ticket.Options{Now: func() time.Time { return now.AddDate(-1, 0, 0) },
		Config: ticket.Config{Policy: ticket.BeijingIllustrative()}})
	if _, err := past.Import(ctx, []ticket.Record{rec}); !errors.Is(err, ticket.ErrInvalid) {
		t.Fatalf("import of history after the service's clock: %v", err)
	}
}
