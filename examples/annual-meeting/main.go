// Command annual-meeting replays the annual co-governance meeting of
// the Shuangjing subdistrict (Chaoyang) annual co-governance meeting of 2021-12-30 with packages agenda (the meeting) and vote (the ballot
// box).
//
// The subdistrict plans an assembly of its 46 resident representatives
// with the officials who answer their questions, and posts the notice in
// time. At the meeting, attendance is taken (two representatives arrive
// late) and the representatives present rate last year's ten completed
// projects (satisfied / basically satisfied / dissatisfied). Before the
// vote, three named representatives question named officials; the answers
// and the askers' satisfaction are recorded. Then the representatives
// vote on six proposed projects with 5 votes each, at most one per
// project: every project needs a support rate over 80%, and the two
// most-voted become this year's priorities. The ballots go into vote's
// ballot box (whose audited result is printed) and are recorded on the
// meeting's limited-approval motion, and both must agree. The minutes of
// the meeting close the replay.
//
// The ballots are constructed to agree with the public report (all six
// projects above 80%, projects 1 and 4 on top); the individual ballots,
// the officials' names and the wording of the questions and answers were
// not published.
package main

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/examples/internal/storage"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/vote"
)

func main() {
	stores := storage.Open(context.Background()) // -db FILE.sqlite keeps the records in a file
	defer stores.Close()
	ctx := context.Background()
	cst := time.FixedZone("CST", 8*3600)
	meeting := time.Date(2024, 3, 15, 9, 0, 0, 0, cst)
	// One fixed clock, moved by hand, drives both services.
	clock := time.Date(2024, 2, 26, 10, 0, 0, 0, cst)
	now := func() time.Time { return clock }
	ballots := vote.NewService(stores.Vote(), &vote.Options{Now: now})
	// The assembly's 15-day notice counts natural days. calendar.China()
	// covers 2025-2110 (before 2025 only a year's notice says which days
	// were off) and would reject these 2024 dates, so no calendar is set:
	// natural days are then plain date arithmetic.
	meetings, err := agenda.NewService(stores.Agenda(), &agenda.Options{Now: now})
	if err != nil {
		log.Fatal(err)
	}

	reps := make([]vote.Voter, 46)
	for i := range reps {
		reps[i] = vote.Voter{ID: vote.VoterID(fmt.Sprintf("rep-%02d", i+1))}
	}
	people := participants(reps)

	fmt.Println("== Notice ==")
	m := check(meetings.Plan(ctx, agenda.Meeting{ID: meetingID, Kind: "assembly", Grid: "shuangjing",
		Title: "双井街道年度共商共治大会 (annual co-governance meeting)", Place: "Shuangjing subdistrict hall",
		At: meeting, Participants: people}))
	m = check(meetings.PostNotice(ctx, meetingID))
	fmt.Printf("Meeting %s on %s: notice posted %s, due by %s\n", m.ID, m.At.Format("2006-01-02 15:04"),
		m.NoticePosted.Format(time.DateOnly), m.NoticeDue.Format(time.DateOnly))

	fmt.Println()
	fmt.Println("== Opening ==")
	clock = meeting
	var present []grid.PersonID
	for _, p := range people {
		if p.ID != "rep-45" && p.ID != "rep-46" {
			present = append(present, p.ID)
		}
	}
	check(meetings.Open(ctx, meetingID, present))
	fmt.Printf("Attendance: %s\n", attendance(ctx, meetings))

	fmt.Println()
	fmt.Println("== Satisfaction with last year's ten projects ==")
	clock = meeting.Add(20 * time.Minute)
	satisfaction := run(ctx, ballots, vote.Poll{
		ID: "2023-review", Title: "satisfaction with the 2023 practical projects",
		Rule: vote.SatisfactionSurvey(), Options: lastYear(), Voters: reps,
		Opens: meeting.Add(10 * time.Minute), Closes: meeting.Add(40 * time.Minute),
	}, reviewBallots(reps))
	fmt.Print(satisfaction.Explain())

	fmt.Println()
	fmt.Println("== Inquiries before the vote ==")
	clock = meeting.Add(45 * time.Minute)
	for _, id := range []grid.PersonID{"rep-45", "rep-46"} {
		m = check(meetings.Arrive(ctx, meetingID, id))
		fmt.Printf("Arrived: %s\n", personName(m, id))
	}
	fmt.Printf("Attendance: %s\n", attendance(ctx, meetings))
	for i, q := range inquiries() {
		clock = meeting.Add(time.Duration(50+5*i) * time.Minute)
		m = check(meetings.Inquire(ctx, meetingID, agenda.Inquiry{ID: q.id, Asker: q.asker, To: q.to, Unit: q.unit, Question: q.question}))
		fmt.Printf("%s %s: %s asks %s\n", q.id, clock.Format("15:04"), personName(m, q.asker), personName(m, q.to))
	}
	pending := check(meetings.Unanswered(ctx))
	fmt.Printf("Unanswered: %d\n", len(pending))
	for i, q := range inquiries() {
		clock = meeting.Add(time.Duration(52+5*i) * time.Minute)
		check(meetings.Answer(ctx, meetingID, q.id, q.to, q.answer))
		m = check(meetings.Rate(ctx, meetingID, q.id, true))
		fmt.Printf("%s %s: answered by %s; asker satisfied\n", q.id, clock.Format("15:04"), personName(m, q.to))
	}
	pending = check(meetings.Unanswered(ctx))
	fmt.Printf("Unanswered: %d\n", len(pending))

	fmt.Println()
	fmt.Println("== Vote on the six proposed projects ==")
	clock = meeting.Add(80 * time.Minute)
	cast := projectBallots(reps)
	projects := run(ctx, ballots, vote.Poll{
		ID: "2024-projects", Title: "2024 practical projects",
		Rule: vote.ProjectPriorities(), Options: sixProjects(), Voters: reps,
		Opens: meeting.Add(75 * time.Minute), Closes: meeting.Add(105 * time.Minute),
	}, cast)
	fmt.Print(projects.Explain())
	fmt.Println()
	for _, id := range projects.Selected {
		fmt.Printf("Priority: %s (%s)\n", id, name(sixProjects(), id))
	}
	motion := castMotion(ctx, meetings, projectMotion(), reps, cast)
	if err := agree(motion, projects); err != nil {
		log.Fatal(err)
	}

	fmt.Println()
	fmt.Println("== Minutes ==")
	clock = meeting.Add(2 * time.Hour)
	check(meetings.CloseMeeting(ctx, meetingID))
	fmt.Print(check(meetings.Minutes(ctx, meetingID)).Text())
}
