package agenda_test

import (
	"context"
	"fmt"
	"time"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/grid"
)

// Example_annualMeeting replays the inquiries of the Shuangjing 2021-12-30 meeting, the annual
// co-governance meeting of the Shuangjing subdistrict: named representatives
// question named officials before the vote on six projects, each answer is
// recorded with who gave it, and the minutes list them. The vote itself
// (5 votes each, support over 80%, two priorities) follows.
func Example_annualMeeting() {
	ctx := context.Background()
	cst := time.FixedZone("CST", 8*3600)
	now := time.Date(2026, 1, 5, 9, 0, 0, 0, cst)
	svc, _ := agenda.NewService(agenda.NewMemStore(), &agenda.Options{
		Now: func() time.Time { return now }, Calendar: calendar.China()})

	people := []agenda.Participant{
		{ID: "guanghe", Name: "Guanghe-li representative", Role: agenda.Representative, Unit: "光和里社区"},
		{ID: "fuli", Name: "Fuli representative", Role: agenda.Representative, Unit: "富力社区"},
		{ID: "jiulong", Name: "Jiulong representative", Role: agenda.Representative, Unit: "九龙社区"},
		{ID: "deputy1", Name: "Deputy director A", Role: agenda.Official, Unit: "街道办事处"},
		{ID: "deputy2", Name: "Deputy director B", Role: agenda.Official, Unit: "街道办事处"},
		{ID: "party", Name: "Party-affairs office", Role: agenda.Department, Unit: "党建办"},
	}
	for i := 4; i <= 46; i++ { // the other 43 representatives
		people = append(people, agenda.Participant{ID: grid.PersonID(fmt.Sprintf("rep%02d", i)), Name: fmt.Sprintf("Representative %d", i), Role: agenda.Representative})
	}
	svc.Plan(ctx, agenda.Meeting{ID: "annual-2026", Kind: "assembly", Grid: "shuangjing",
		Title: "双井街道年度共商共治大会", Place: "Shuangjing subdistrict hall",
		At: time.Date(2026, 1, 28, 14, 0, 0, 0, cst), Participants: people})
	svc.PostNotice(ctx, "annual-2026")
	now = time.Date(2026, 1, 28, 14, 0, 0, 0, cst)
	var present, voters []grid.PersonID
	for _, p := range people {
		present = append(present, p.ID)
		if p.Role == agenda.Representative {
			voters = append(voters, p.ID)
		}
	}
	svc.Open(ctx, "annual-2026", present)

	qs := []struct {
		id        agenda.InquiryID
		asker, to grid.PersonID
		q, a      string
	}{
		{"q1", "guanghe", "deputy1", "Why is the micro-renewal of community landscapes needed?",
			"Old greens and paths are worn out; the renewal repairs them with residents' input."},
		{"q2", "fuli", "party", "Will the 1-3 community organise Winter Olympics activities?",
			"Yes, community sports events are part of the 1-3 community project."},
		{"q3", "jiulong", "deputy2", "Where will the digital-economy landscapes be?",
			"Along the art district's main street, near the cultural-creative park."},
	}
	for _, q := range qs {
		svc.Inquire(ctx, "annual-2026", agenda.Inquiry{ID: q.id, Asker: q.asker, To: q.to, Question: q.q})
	}
	pending, _ := svc.Unanswered(ctx)
	fmt.Println("unanswered before the answers:", len(pending))
	for _, q := range qs {
		svc.Answer(ctx, "annual-2026", q.id, q.to, q.a)
		svc.Rate(ctx, "annual-2026", q.id, true)
	}

	m := sixProjects()
	svc.Propose(ctx, "annual-2026", m)
	for _, b := range sixProjectBallots() {
		// Map the 46 illustrative voters onto the participants.
		b.Voter = voters[voterIndex(b.Voter)]
		if _, err := svc.Cast(ctx, "annual-2026", m.ID, b); err != nil {
			fmt.Println(err)
		}
	}
	svc.CloseVote(ctx, "annual-2026", m.ID)
	min, _ := svc.Minutes(ctx, "annual-2026")
	fmt.Print(min.Text())
	// Output:
	// unanswered before the answers: 3
	// 双井街道年度共商共治大会
	// 居民代表会议 (assembly), 2026-01-28 14:00, Shuangjing subdistrict hall
	// Notice: posted 2026-01-05 (due 2026-01-13)
	// Attendance: quorum met: 46 of 46 representatives present, need > 1/2 (24)
	// Inquiry q1: Guanghe-li representative asks Deputy director A: Why is the micro-renewal of community landscapes needed?
	//   Answer by Deputy director A: Old greens and paths are worn out; the renewal repairs them with residents' input.
	//   Asker satisfied
	// Inquiry q2: Fuli representative asks Party-affairs office: Will the 1-3 community organise Winter Olympics activities?
	//   Answer by Party-affairs office: Yes, community sports events are part of the 1-3 community project.
	//   Asker satisfied
	// Inquiry q3: Jiulong representative asks Deputy director B: Where will the digital-economy landscapes be?
	//   Answer by Deputy director B: Along the art district's main street, near the cultural-creative park.
	//   Asker satisfied
	// Motion projects: 2026 practical projects
	//   p1 双井1-3社区深化打造: 45 [priority]
	//   p4 社区景观微更新改造: 44 [priority]
	//   p2 消除老旧小区房屋安全隐患: 40 [passed]
	//   p3 区域养老服务联合体: 38 [passed]
	//   p5 文创园区周边可持续更新提升: 35
	//   p6 数字经济文化艺术街区科技景观场景打造: 28
	//   passed: 4 of 6 options reached > 4/5 of 46 present (37); 2 chosen as priorities
}

// voterIndex maps "repNN" (1-based) to a 0-based index.
func voterIndex(v grid.PersonID) int {
	var n int
	fmt.Sscanf(string(v), "rep%d", &n)
	return n - 1
}
