package vote_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/gongzhi/gongzhi/vote"
)

func TestPollValidate(t *testing.T) {
	good := vote.Poll{ID: "p", Rule: vote.ProjectPriorities(), Options: opts("a", "b")}
	cases := []struct {
		name  string
		edit  func(*vote.Poll)
		field string // PollError.Field or ConfigError.Field
	}{
		{"no id", func(p *vote.Poll) { p.ID = "" }, "id"},
		{"rule", func(p *vote.Poll) { p.Rule.Votes = -1 }, "rule.votes"},
		{"no options", func(p *vote.Poll) { p.Options = nil }, "options"},
		{"options on a motion", func(p *vote.Poll) { p.Rule = vote.Recall(); p.Voters = voters(3) }, "options"},
		{"empty option id", func(p *vote.Poll) { p.Options[1].ID = "" }, "options[1].id"},
		{"duplicate option", func(p *vote.Poll) { p.Options[1].ID = "a" }, "options[1].id"},
		{"tie order names a stranger", func(p *vote.Poll) {
			p.Rule.Tie = vote.TieBreak{Method: vote.TieOrder, Order: []vote.OptionID{"a", "zz"}}
		}, "rule.tie.order[1]"},
		{"fewer candidates than seats", func(p *vote.Poll) { p.Rule = vote.CommitteeElection(3); p.Voters = voters(5) }, "options"},
		{"quorum without voters", func(p *vote.Poll) { p.Rule.Quorum = vote.Of(vote.MoreThan(1, 2), vote.BaseEligible) }, "voters"},
		{"duplicate voter", func(p *vote.Poll) { p.Voters = []vote.Voter{{ID: "x"}, {ID: "x"}} }, "voters[1].id"},
		{"empty voter", func(p *vote.Poll) { p.Voters = []vote.Voter{{ID: ""}} }, "voters[0].id"},
		{"negative weight", func(p *vote.Poll) { p.Voters = []vote.Voter{{ID: "x", Weight: decimal.NewFromInt(-1)}} }, "voters[0].weight"},
		{"owner without area", func(p *vote.Poll) {
			p.Rule, p.Options, p.Voters = vote.OwnersOrdinary(), nil, []vote.Voter{{ID: "x"}}
		}, "voters[0].weight"},
		{"secret owners", func(p *vote.Poll) {
			p.Rule, p.Options, p.Voters, p.Secret = vote.OwnersOrdinary(), nil, owners(3), true
		}, "secret"},
		{"secret and changeable", func(p *vote.Poll) { p.Secret, p.Rule.AllowChange = true, true }, "secret"},
		{"window backwards", func(p *vote.Poll) { p.Opens, p.Closes = t0, t0.Add(-time.Hour) }, "closes"},
	}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := good
			p.Options = append([]vote.Option(nil), good.Options...)
			p.Rule = vote.ProjectPriorities()
			tc.edit(&p)
			err := p.Validate()
			var pe *vote.PollError
			var ce *vote.ConfigError
			switch {
			case errors.As(err, &pe):
				if pe.Field != tc.field || !errors.Is(err, vote.ErrInvalidPoll) {
					t.Errorf("field %q, want %q: %v", pe.Field, tc.field, err)
				}
			case errors.As(err, &ce):
				if ce.Field != tc.field {
					t.Errorf("field %q, want %q: %v", ce.Field, tc.field, err)
				}
			default:
				t.Fatalf("Validate = %v, want a typed error for %s", err, tc.field)
			}
		})
	}
}

func TestErrorMessages(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&vote.BallotError{Ballot: "b7", Option: "p2", Reason: "unknown option"}, "vote: invalid ballot b7: option p2: unknown option"},
		{&vote.BallotError{Reason: "no choice"}, "vote: invalid ballot: no choice"},
		{&vote.StateError{Poll: "p", State: vote.StateClosed, Op: "cast"}, "vote: poll p is closed: cannot cast"},
		{&vote.StateError{Poll: "p", State: vote.StateOpen, Op: "cast", Reason: "after the closing time"}, "vote: poll p is open: cannot cast (after the closing time)"},
		{&vote.PollError{Poll: "p", Field: "options", Reason: "missing"}, "vote: invalid poll p: options: missing"},
		{&vote.ConfigError{Field: "den", Reason: "must be positive"}, "vote: invalid rule config: den: must be positive"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
	_, err := vote.NewMemStore().Poll(context.Background(), "nope")
	if err == nil || err.Error() != "vote: poll nope not found" || !errors.Is(err, vote.ErrNotFound) {
		t.Errorf("not found: %v", err)
	}
}

func TestManyOptions(t *testing.T) {
	// More options than the linear scan handles: the map lookup is used.
	ids := make([]vote.OptionID, 30)
	for i := range ids {
		ids[i] = vote.OptionID(fmt.Sprintf("o%02d", i))
	}
	poll := vote.Poll{ID: "m", Rule: vote.LimitedApproval(3, nil, 2), Options: opts(ids...)}
	res, err := vote.Tally(poll, concat(repeat(3, marks("o29", "o01", "o15")), repeat(2, marks("o15", "o07")), repeat(1, marks("zz"))))
	if err != nil {
		t.Fatal(err)
	}
	if v := votesOf(res); v["o15"] != 5 || v["o29"] != 3 || v["o07"] != 2 || res.Invalid != 1 {
		t.Errorf("votes %v invalid %d", v, res.Invalid)
	}
	if fmt.Sprint(res.Selected) != "[o15]" || len(res.Ties) != 1 || fmt.Sprint(res.Ties[0].Among) != "[o01 o29]" {
		t.Errorf("selected %v ties %+v", res.Selected, res.Ties)
	}
}

func TestServiceUpdateAndRecovery(t *testing.T) {
	ctx := context.Background()
	store := vote.NewMemStore()
	svc, _ := newService(t, store)
	p, err := svc.Create(ctx, projectPoll("u", false))
	if err != nil {
		t.Fatal(err)
	}
	p.Title = "renamed"
	p.Options = p.Options[:4]
	p2, err := svc.Update(ctx, p)
	if err != nil || p2.Version != 2 || len(p2.Options) != 4 {
		t.Fatalf("update: v%d %d options %v", p2.Version, len(p2.Options), err)
	}
	if _, err := svc.Update(ctx, p); !errors.Is(err, vote.ErrConflict) {
		t.Errorf("stale update: %v", err)
	}
	bad := p2
	bad.Options = nil
	if _, err := svc.Update(ctx, bad); !errors.Is(err, vote.ErrInvalidPoll) {
		t.Errorf("invalid update: %v", err)
	}
	if _, err := svc.Create(ctx, p2); !errors.Is(err, vote.ErrWrongState) && !errors.Is(err, vote.ErrExists) {
		t.Errorf("create again: %v", err)
	}
	started := projectPoll("s", false)
	started.State = vote.StateOpen
	if _, err := svc.Create(ctx, started); !errors.Is(err, vote.ErrWrongState) {
		t.Errorf("create an open poll: %v", err)
	}
	// A Close interrupted after the state change is completed by the next Close.
	svc.Open(ctx, "u")
	if _, err := svc.Cast(ctx, "u", "v001", marks("p1")); err != nil {
		t.Fatal(err)
	}
	cur, _ := store.Poll(ctx, "u")
	cur.State = vote.StateClosed
	if _, err := store.UpdatePoll(ctx, cur); err != nil {
		t.Fatal(err)
	}
	done, err := svc.Close(ctx, "u")
	if err != nil || done.Count != 1 || done.Digest == "" {
		t.Fatalf("recovering close: %+v %v", done, err)
	}
	if _, err := svc.Close(ctx, "u"); !errors.Is(err, vote.ErrWrongState) {
		t.Errorf("closing twice: %v", err)
	}
	for _, err := range svc.Ballots(ctx, "missing") {
		if !errors.Is(err, vote.ErrNotFound) {
			t.Errorf("ballots of a missing poll: %v", err)
		}
	}
	svc.Create(ctx, projectPoll("d", false))
	for _, err := range svc.Ballots(ctx, "d") {
		if !errors.Is(err, vote.ErrWrongState) {
			t.Errorf("ballots of a draft: %v", err)
		}
	}
	if err := svc.Verify(ctx, vote.Receipt{Poll: "u", Ballot: "nobody"}); !errors.Is(err, vote.ErrNotFound) {
		t.Errorf("verify unknown: %v", err)
	}
	if err := vote.VerifyReceipt(vote.Receipt{Poll: "u", Ballot: "nobody"}, svc.Ballots(ctx, "u")); !errors.Is(err, vote.ErrNotFound) {
		t.Errorf("VerifyReceipt unknown: %v", err)
	}
}

func TestCastBeforeOpening(t *testing.T) {
	ctx := context.Background()
	svc, clk := newService(t, vote.NewMemStore())
	p := projectPoll("w", false)
	p.Opens = t0.Add(time.Hour)
	p.Closes = t0.Add(2 * time.Hour)
	svc.Create(ctx, p)
	svc.Open(ctx, "w")
	var se *vote.StateError
	if _, err := svc.Cast(ctx, "w", "v000", marks("p1")); !errors.As(err, &se) || se.Reason != "before the opening time" {
		t.Errorf("early cast: %v", err)
	}
	clk.now = t0.Add(90 * time.Minute)
	if _, err := svc.Cast(ctx, "w", "v000", marks("p1")); err != nil {
		t.Errorf("cast in the window: %v", err)
	}
	if _, err := svc.Cast(ctx, "w", "", marks("p1")); !errors.Is(err, vote.ErrNotEligible) {
		t.Errorf("no voter: %v", err)
	}
}
