package agenda_test

import (
	"errors"
	"testing"

	"pgregory.net/rapid"

	"github.com/gongzhi/gongzhi/agenda"
)

func TestNextTable(t *testing.T) {
	tests := []struct {
		from agenda.Status
		act  agenda.Action
		to   agenda.Status
		ok   bool
	}{
		{agenda.Raised, agenda.ActAccept, agenda.Accepted, true},
		{agenda.Raised, agenda.ActReject, agenda.Rejected, true},
		{agenda.Raised, agenda.ActSchedule, agenda.Raised, false},
		{agenda.Accepted, agenda.ActSchedule, agenda.Scheduled, true},
		{agenda.Accepted, agenda.ActReject, agenda.Accepted, false},
		{agenda.Scheduled, agenda.ActResolve, agenda.Publicity, true},
		{agenda.Scheduled, agenda.ActUnschedule, agenda.Accepted, true},
		{agenda.Publicity, agenda.ActSendBack, agenda.Accepted, true},
		{agenda.Publicity, agenda.ActTakeEffect, agenda.Executing, true},
		{agenda.Executing, agenda.ActComplete, agenda.Supervising, true},
		{agenda.Executing, agenda.ActCloseSolved, agenda.Executing, false},
		{agenda.Supervising, agenda.ActRejectWork, agenda.Executing, true},
		{agenda.Supervising, agenda.ActAcceptWork, agenda.Evaluating, true},
		{agenda.Evaluating, agenda.ActCloseSolved, agenda.Solved, true},
		{agenda.Evaluating, agenda.ActSendBack, agenda.Accepted, true},
		{agenda.Solved, agenda.ActSendBack, agenda.Solved, false},
	}
	for _, tc := range tests {
		t.Run(tc.from.String()+"/"+string(tc.act), func(t *testing.T) {
			got, err := agenda.Next(tc.from, tc.act)
			if got != tc.to || (err == nil) != tc.ok {
				t.Fatalf("Next(%s, %s) = %s, %v; want %s ok=%v", tc.from, tc.act, got, err, tc.to, tc.ok)
			}
			if !tc.ok {
				var te *agenda.TransitionError
				if !errors.As(err, &te) || !errors.Is(err, agenda.ErrIllegalTransition) || te.From != tc.from || te.Action != tc.act {
					t.Errorf("error %v is not a *TransitionError for %s/%s", err, tc.from, tc.act)
				}
			}
		})
	}
}

func TestStatusStagesAndNames(t *testing.T) {
	want := map[agenda.Status]agenda.Stage{
		agenda.Raised: agenda.Collect, agenda.Accepted: agenda.Collect, agenda.Merged: agenda.Collect,
		agenda.Rejected: agenda.Collect, agenda.Referred: agenda.Collect, agenda.Scheduled: agenda.Deliberate,
		agenda.Publicity: agenda.Deliberate, agenda.Executing: agenda.Execute, agenda.Supervising: agenda.Supervise,
		agenda.Evaluating: agenda.Evaluate, agenda.Solved: agenda.Evaluate,
	}
	for s, st := range want {
		if s.Stage() != st {
			t.Errorf("%s.Stage() = %s, want %s", s, s.Stage(), st)
		}
		b, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back agenda.Status
		if err := back.UnmarshalText(b); err != nil || back != s {
			t.Errorf("status %s does not round-trip: %v %v", s, back, err)
		}
		if s.Final() != (len(agenda.Actions(s)) == 0) {
			t.Errorf("%s: Final() = %v but actions %v", s, s.Final(), agenda.Actions(s))
		}
	}
	var bad agenda.Status
	if err := bad.UnmarshalText([]byte("lost")); !errors.Is(err, agenda.ErrInvalid) {
		t.Errorf("UnmarshalText(lost) = %v", err)
	}
}

// TestNextProperties checks the machine under random action sequences:
// every walk starts in Collect, an illegal action leaves the status alone,
// and stages only move forward except by send-back, unschedule or
// reject-work.
func TestNextProperties(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		s := agenda.Raised
		acts := rapid.SliceOfN(rapid.SampledFrom(agenda.AllActions()), 0, 40).Draw(rt, "actions")
		for _, a := range acts {
			to, err := agenda.Next(s, a)
			if err != nil {
				if to != s {
					rt.Fatalf("illegal %s from %s moved to %s", a, s, to)
				}
				continue
			}
			back := a == agenda.ActSendBack || a == agenda.ActUnschedule || a == agenda.ActRejectWork
			if !back && to.Stage() < s.Stage() {
				rt.Fatalf("%s moved %s (%s) back to %s (%s)", a, s, s.Stage(), to, to.Stage())
			}
			if s.Final() {
				rt.Fatalf("final status %s left by %s", s, a)
			}
			s = to
		}
	})
}
