package agenda_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/grid"
)

func TestInquiriesAndMinutes(t *testing.T) {
	ctx := context.Background()
	s, c, _ := newService(t)
	mm := must[agenda.Meeting](t)
	mm(s.Plan(ctx, agenda.Meeting{ID: "h1", Kind: "hearing", Grid: "c1", Title: "Parking fees hearing", Place: "hall",
		At: date(2026, 3, 20), Participants: reps(3)}))
	mm(s.PostNotice(ctx, "h1"))
	c.set(2026, 3, 20)
	mm(s.Open(ctx, "h1", ids("r1", "r2", "o1")))
	mm(s.Arrive(ctx, "h1", "r3"))
	mm(s.Arrive(ctx, "h1", "r3")) // twice: no change

	bad := []struct {
		q    agenda.Inquiry
		want error
	}{
		{agenda.Inquiry{ID: "x", Asker: "o1", To: "r1", Question: "?"}, agenda.ErrInvalid}, // an official cannot inquire
		{agenda.Inquiry{ID: "x", Asker: "r1", To: "r2", Question: "?"}, agenda.ErrInvalid}, // a representative is not asked
		{agenda.Inquiry{ID: "x", Asker: "r1", Question: "?"}, agenda.ErrInvalid},           // nobody asked
		{agenda.Inquiry{ID: "x", Asker: "r1", To: "o1"}, agenda.ErrInvalid},                // no question
		{agenda.Inquiry{ID: "x", Asker: "r9", To: "o1", Question: "?"}, agenda.ErrInvalid}, // not a participant
	}
	for _, b := range bad {
		if _, err := s.Inquire(ctx, "h1", b.q); !errors.Is(err, b.want) {
			t.Errorf("Inquire(%+v) = %v, want %v", b.q, err, b.want)
		}
	}
	mm(s.Inquire(ctx, "h1", agenda.Inquiry{ID: "q1", Asker: "r1", To: "o1", Question: "Why raise the fee?"}))
	mm(s.Inquire(ctx, "h1", agenda.Inquiry{ID: "q2", Asker: "r2", Unit: "property company", Question: "Where does the money go?"}))
	if _, err := s.Inquire(ctx, "h1", agenda.Inquiry{ID: "q1", Asker: "r1", To: "o1", Question: "again"}); !errors.Is(err, agenda.ErrInvalid) {
		t.Errorf("duplicate inquiry id: %v", err)
	}
	if _, err := s.Rate(ctx, "h1", "q1", true); !errors.Is(err, agenda.ErrInvalid) {
		t.Errorf("rating an unanswered inquiry: %v", err)
	}
	if _, err := s.Answer(ctx, "h1", "q1", "r2", "because"); !errors.Is(err, agenda.ErrInvalid) {
		t.Errorf("a representative answered: %v", err)
	}
	mm(s.Answer(ctx, "h1", "q1", "o1", "Costs rose 12%."))
	if _, err := s.Answer(ctx, "h1", "q1", "o1", "again"); !errors.Is(err, agenda.ErrInvalid) {
		t.Errorf("answered twice: %v", err)
	}
	mm(s.Rate(ctx, "h1", "q1", false))
	// A hearing gathers views; it does not vote.
	if _, err := s.Propose(ctx, "h1", agenda.Motion{ID: "m", Text: "x", Method: agenda.YesNo}); !errors.Is(err, agenda.ErrInvalid) {
		t.Errorf("motion at a hearing: %v", err)
	}
	mm(s.CloseMeeting(ctx, "h1"))

	pending, err := s.Unanswered(ctx)
	if err != nil || len(pending) != 1 || pending[0].Inquiry.ID != "q2" {
		t.Fatalf("unanswered %+v %v", pending, err)
	}
	c.set(2026, 3, 25)
	w, _ := s.Warnings(ctx)
	if len(w) != 1 || w[0].Kind != agenda.InquiryPending || w[0].Days != 5 {
		t.Errorf("warnings %+v", w)
	}
	// Answers may come in writing after the meeting.
	mm(s.Answer(ctx, "h1", "q2", "o1", "Into the maintenance fund."))
	if pending, _ := s.Unanswered(ctx); len(pending) != 0 {
		t.Errorf("still unanswered: %+v", pending)
	}

	min, err := s.Minutes(ctx, "h1")
	if err != nil {
		t.Fatal(err)
	}
	text := min.Text()
	for _, want := range []string{"Parking fees hearing", "听证会 (hearing)", "quorum met: 3 of 3", "Rep 1 asks Zhao: Why raise the fee?",
		"Answer by Zhao: Costs rose 12%.", "Asker not satisfied", "Rep 2 asks property company"} {
		if !strings.Contains(text, want) {
			t.Errorf("minutes text lacks %q:\n%s", want, text)
		}
	}
	b, err := json.Marshal(min)
	if err != nil {
		t.Fatal(err)
	}
	var back agenda.Minutes
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(min, back); d != "" {
		t.Errorf("minutes JSON round trip (-want +got):\n%s", d)
	}
}

func TestSummonsAndCheckIn(t *testing.T) {
	ctx := context.Background()
	s, c, _ := newService(t)
	mt := must[agenda.Topic](t)
	mt(s.Raise(ctx, agenda.Topic{ID: "t", Grid: "c1", Title: "x", Category: "safety", Source: agenda.Source{Origin: agenda.FromGridWorker, By: "gw"}}))
	if _, err := s.Summon(ctx, "t", agenda.Summons{ID: "w", By: "sj", ByLevel: "subdistrict", Departments: []string{"fire"}, Due: date(2026, 3, 5)}); !errors.Is(err, agenda.ErrIllegalTransition) {
		t.Errorf("summons on an unscreened topic: %v", err)
	}
	mt(s.Screen(ctx, "t", agenda.Screening{Decision: agenda.Accept}))
	for _, bad := range []agenda.Summons{
		{ID: "w", By: "sj", ByLevel: "subdistrict", Due: date(2026, 3, 5)},
		{ID: "w", By: "sj", ByLevel: "subdistrict", Departments: []string{"fire", "fire"}, Due: date(2026, 3, 5)},
		{ID: "w", By: "sj", ByLevel: "subdistrict", Departments: []string{"fire"}, Due: date(2026, 3, 1)},
	} {
		if _, err := s.Summon(ctx, "t", bad); !errors.Is(err, agenda.ErrInvalid) {
			t.Errorf("Summon(%+v) = %v", bad, err)
		}
	}
	mt(s.Summon(ctx, "t", agenda.Summons{ID: "w", By: "sj", ByLevel: "subdistrict", Reason: "gas smell", Departments: []string{"gas", "fire"}, Due: date(2026, 3, 5)}))
	mt(s.CheckIn(ctx, "t", "w", "fire"))
	checkedIn := c.now()
	c.set(2026, 3, 3)
	mt(s.CheckIn(ctx, "t", "w", "fire")) // a second check-in changes nothing, its time included
	if _, err := s.CheckIn(ctx, "t", "w", "police"); !errors.Is(err, agenda.ErrNotFound) {
		t.Errorf("check-in of an unsummoned department: %v", err)
	}
	c.set(2026, 3, 6)
	w, _ := s.Warnings(ctx)
	if len(w) != 1 || w[0].Kind != agenda.SummonsUnheeded || w[0].Ref != "w/gas" {
		t.Errorf("warnings %+v", w)
	}
	tp, _ := s.Topic(ctx, "t")
	if !cmp.Equal(tp.Summons[0].Reported, []string{"fire"}) {
		t.Errorf("reported %v", tp.Summons[0].Reported)
	}
	if got := tp.Summons[0].CheckedIn; len(got) != 1 || !got["fire"].Equal(checkedIn) {
		t.Errorf("checked in %v, want fire at %v", got, checkedIn)
	}
}

// Issue 18 item 4: only a subdistrict or township summons (grid.MaySummon,
// the rule ticket applies too); a community, a district or an unnamed body
// may not.
func TestSummonsOnlyBySubdistrict(t *testing.T) {
	ctx := context.Background()
	s, _, _ := newService(t)
	mt := must[agenda.Topic](t)
	mt(s.Raise(ctx, agenda.Topic{ID: "t", Grid: "c1", Title: "x", Category: "safety", Source: agenda.Source{Origin: agenda.FromGridWorker, By: "gw"}}))
	mt(s.Screen(ctx, "t", agenda.Screening{Decision: agenda.Accept}))
	for _, tc := range []struct {
		by, level, field string
	}{
		{"c1", "community", "summons.by_level"},
		{"cy", "district", "summons.by_level"},
		{"b1", "building", "summons.by_level"},
		{"sj", "", "summons.by_level"},
		{"", "subdistrict", "summons.by"},
	} {
		_, err := s.Summon(ctx, "t", agenda.Summons{ID: "w", By: grid.ID(tc.by), ByLevel: tc.level, Departments: []string{"fire"}, Due: date(2026, 3, 5)})
		var ie *agenda.InputError
		if !errors.As(err, &ie) || ie.Field != tc.field || grid.MaySummon(tc.level) && tc.by != "" {
			t.Errorf("summons by %s (%s): %v, want an error on %s", tc.by, tc.level, err, tc.field)
		}
	}
	for _, level := range grid.Summoners() {
		if _, err := s.Summon(ctx, "t", agenda.Summons{ID: "w-" + level, By: "sj", ByLevel: level, Departments: []string{"fire"}, Due: date(2026, 3, 5)}); err != nil {
			t.Errorf("summons by a %s: %v", level, err)
		}
	}
}
