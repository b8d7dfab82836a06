package agenda_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/vote"
)

// Example_resolution follows a topic from screening to a resolution and
// its publicity period (公示), an upheld objection that sends it back, and a
// second resolution that takes effect. Both periods meet holidays: 7 days
// from 09-18 would end on 09-25, a Mid-Autumn holiday, so publicity runs to
// 09-28; 7 days from 09-28 end on 10-05, inside the National Day holiday,
// so it runs to 10-08.
func Example_resolution() {
	ctx := context.Background()
	cst := time.FixedZone("CST", 8*3600)
	now := time.Date(2026, 9, 10, 9, 0, 0, 0, cst)
	svc, _ := agenda.NewService(agenda.NewMemStore(), &agenda.Options{
		Now: func() time.Time { return now }, Calendar: calendar.China()})

	svc.Raise(ctx, agenda.Topic{ID: "dogs", Grid: "c1", Title: "Dogs off leash in the yard", Category: "dog-walking",
		Source: agenda.Source{Origin: agenda.FromGridWorker, By: "gw-7", Name: "grid worker Ma"}})
	svc.Screen(ctx, "dogs", agenda.Screening{Decision: agenda.Accept, By: "secretary"})
	people := []agenda.Participant{{ID: "r1", Name: "Li", Role: agenda.Representative},
		{ID: "r2", Name: "Wang", Role: agenda.Representative}, {ID: "r3", Name: "Zhang", Role: agenda.Representative}}

	meet := func(id agenda.MeetingID, day int, text string) {
		svc.Plan(ctx, agenda.Meeting{ID: id, Kind: "council", Grid: "c1", At: time.Date(2026, 9, day, 19, 0, 0, 0, cst), Participants: people})
		svc.Schedule(ctx, id, "dogs")
		svc.PostNotice(ctx, id)
		now = time.Date(2026, 9, day, 19, 0, 0, 0, cst)
		svc.Open(ctx, id, []grid.PersonID{"r1", "r2", "r3"})
		svc.Propose(ctx, id, agenda.Motion{ID: "m", Topic: "dogs", Text: text, Method: agenda.YesNo})
		for _, r := range []grid.PersonID{"r1", "r2"} {
			svc.Cast(ctx, id, "m", agenda.Ballot{Voter: r, Choice: vote.Yes})
		}
		svc.CloseVote(ctx, id, "m")
		t, err := svc.Resolve(ctx, id, "m", agenda.ResolutionID("res-"+id), "")
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s: %s, posted until %s\n", t.Resolution.ID, t.Resolution.Vote.Reason, t.Resolution.PublicityEnds.Format(time.DateOnly))
		svc.CloseMeeting(ctx, id)
	}

	meet("sep", 18, "Dogs on a leash at all times")
	now = time.Date(2026, 9, 21, 10, 0, 0, 0, cst)
	svc.Object(ctx, "dogs", agenda.Objection{By: "res-88", Text: "Elderly owners cannot walk dogs before 7am"})
	t, _ := svc.SendBack(ctx, "dogs", "objection upheld: allow off-leash hours")
	fmt.Println("sent back:", t.Status, "-", t.Withdrawn[0].Withdrawn)

	meet("sep2", 28, "Dogs on a leash except 6-7am in the east lawn")
	now = time.Date(2026, 10, 6, 9, 0, 0, 0, cst)
	if _, err := svc.TakeEffect(ctx, "dogs"); errors.Is(err, agenda.ErrPeriod) {
		fmt.Println("too early:", err)
	}
	now = time.Date(2026, 10, 9, 9, 0, 0, 0, cst)
	t, _ = svc.TakeEffect(ctx, "dogs")
	fmt.Println(t.Status, t.Stage())
	// Output:
	// res-sep: passed: 2 yes of 3 present, need > 1/2 (2), posted until 2026-09-28
	// sent back: accepted - objection upheld: allow off-leash hours
	// res-sep2: passed: 2 yes of 3 present, need > 1/2 (2), posted until 2026-10-08
	// too early: agenda: outside period: publicity of resolution res-sep2 runs until 2026-10-08
	// executing execute
}
