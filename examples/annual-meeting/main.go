// Command annual-meeting replays the annual meeting of Shuangjing
// subdistrict (双井街道, Chaoyang) on 2021-12-30, as the public report tells
// it, with packages agenda (the meeting) and vote (the ballot box).
//
// It is a street-level 议事协商会 of the 46 residents' deliberation
// representatives (居民议事代表), not a statutory 居民代表会议: agenda's
// meeting kind "street-deliberation". All 46 rate the ten practical
// projects of 2021 (satisfied / basically satisfied / dissatisfied). Named
// representatives question named officials before the vote: Q1 孙国庆
// (广和里) asks 副主任丹红, Q3 李楠 (富力) asks 党群工作办公室副主任黄静, Q5
// 苑海余 (九龙) asks 副主任孙志懿; the answers' substance is the report's.
// 主任张久红 presents the six proposed projects for 2022; each
// representative has 5 votes, at most one per project; every project needs
// a support rate over 80%, and the two most-voted, (1) and (4), become the
// priorities. The ballots go into vote's ballot box (whose audited result
// is printed) and onto the meeting's limited-approval motion, and both
// must agree. The minutes close the replay.
//
// Published: the date, the meeting's form, the 46 representatives, the
// ten projects rated, the askers, officials and answers above, the six
// projects, the 80% bar, 5 votes each and the two priorities. Not
// published, and printed as illustrative: the time of day and notice
// date, the names of last year's projects, the individual ballots (built
// to reproduce the reported outcome), the other representatives' names.
package main

import (
	"context"
	"errors"
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
	meeting := time.Date(2021, 12, 30, 14, 0, 0, 0, cst) // the day is the report's, the hour illustrative
	// One fixed clock, moved by hand, drives both services.
	clock := time.Date(2021, 12, 20, 10, 0, 0, 0, cst)
	now := func() time.Time { return clock }
	ballots := vote.NewService(stores.Vote(), &vote.Options{Now: now})
	// The meeting's notice counts natural days. calendar.China() covers
	// 2025 on (before 2025 only a year's notice says which days were off)
	// and would reject these 2021 dates, so no calendar is set: natural
	// days are then plain date arithmetic.
	meetings, err := agenda.NewService(stores.Agenda(), &agenda.Options{Now: now})
	if err != nil {
		log.Fatal(err)
	}

	reps := make([]vote.Voter, 46)
	for i := range reps {
		reps[i] = vote.Voter{ID: vote.VoterID(fmt.Sprintf("rep-%02d", i+1))}
	}
	people := participants(reps)

	// With -db FILE, each step below first asks the agenda store whether
	// an earlier run took it (the meeting, its notice, attendance,
	// inquiries, answers, motion and ballots), skips it if so, and prints
	// what the stored meeting says: a second run reads the meeting back,
	// and a run after one killed midway finishes it.
	fmt.Println("== Notice ==")
	m, err := meetings.Meeting(ctx, meetingID)
	switch {
	case err == nil:
		stores.ReadBack("meeting", 1)
	case errors.Is(err, agenda.ErrNotFound):
		m = check(meetings.Plan(ctx, agenda.Meeting{ID: meetingID, Kind: "street-deliberation", Grid: "shuangjing",
			Title: "双井街道2021年度议事协商会 (居民议事代表)", Place: "双井街道 (hall illustrative)",
			At: meeting, Participants: people}))
	default:
		log.Fatal(err)
	}
	if m.NoticePosted.IsZero() {
		m = check(meetings.PostNotice(ctx, meetingID))
	}
	k, _ := meetings.Policy().Kind(m.Kind)
	fmt.Printf("Meeting %s, a %s (%s), on %s (hour illustrative): notice posted %s (illustrative), due by %s\n", m.ID, k.Label, k.Name,
		m.At.Format("2006-01-02 15:04"), m.NoticePosted.Format(time.DateOnly), m.NoticeDue.Format(time.DateOnly))

	fmt.Println()
	fmt.Println("== Opening ==")
	clock = meeting
	var present []grid.PersonID
	for _, p := range people {
		present = append(present, p.ID)
	}
	if m.Status == agenda.Planned {
		m = check(meetings.Open(ctx, meetingID, present))
	}
	fmt.Printf("Attendance: %s\n", attendance(ctx, meetings))

	fmt.Println()
	fmt.Println("== Satisfaction with the ten practical projects of 2021 (names and split illustrative) ==")
	clock = meeting.Add(20 * time.Minute)
	satisfaction := run(ctx, stores, ballots, vote.Poll{
		ID: "2021-review", Title: "satisfaction with the 2021 practical projects",
		Rule: vote.SatisfactionSurvey(), Options: lastYear(), Voters: reps,
		Opens: meeting.Add(10 * time.Minute), Closes: meeting.Add(40 * time.Minute),
	}, reviewBallots(reps))
	fmt.Print(satisfaction.Explain())

	fmt.Println()
	fmt.Println("== Inquiries before the vote ==")
	clock = meeting.Add(45 * time.Minute)
	for i, q := range inquiries() {
		clock = meeting.Add(time.Duration(50+5*i) * time.Minute)
		if _, ok := findInquiry(m, q.id); !ok {
			m = check(meetings.Inquire(ctx, meetingID, agenda.Inquiry{ID: q.id, Asker: q.asker, To: q.to, Unit: q.unit, Question: q.question}))
		}
		fmt.Printf("%s: %s (%s) asks %s: %s\n", q.id, personName(m, q.asker), unitOf(m, q.asker), personName(m, q.to), q.question)
	}
	fmt.Printf("Unanswered: %d\n", len(m.UnansweredAt(clock)))
	for i, q := range inquiries() {
		// The answers follow all three questions (asked 14:50-15:00).
		clock = meeting.Add(time.Duration(63+5*i) * time.Minute)
		if stored, _ := findInquiry(m, q.id); !stored.Answered() {
			m = check(meetings.Answer(ctx, meetingID, q.id, q.to, q.answer))
		}
		if stored, _ := findInquiry(m, q.id); stored.Satisfied == nil {
			m = check(meetings.Rate(ctx, meetingID, q.id, true))
		}
		fmt.Printf("%s: %s answers: %s\n", q.id, personName(m, q.to), q.answer)
	}
	fmt.Printf("Unanswered: %d\n", len(m.UnansweredAt(clock)))

	fmt.Println()
	fmt.Println("== Vote on the six proposed projects for 2022 (ballots illustrative, outcome as reported) ==")
	clock = meeting.Add(80 * time.Minute)
	fmt.Printf("%s presents the six proposed projects\n", personName(m, "zhang-jiuhong"))
	cast := projectBallots(reps)
	projects := run(ctx, stores, ballots, vote.Poll{
		ID: "2022-projects", Title: "2022 practical projects",
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
	if m = check(meetings.Meeting(ctx, meetingID)); m.Status != agenda.Closed {
		check(meetings.CloseMeeting(ctx, meetingID))
	}
	fmt.Print(check(meetings.Minutes(ctx, meetingID)).Text())
	stores.PrintReadBack()
}
