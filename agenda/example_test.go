package agenda_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/vote"
)

func ExampleNext() {
	s, _ := agenda.Next(agenda.Raised, agenda.ActAccept)
	fmt.Println(s, s.Stage())
	_, err := agenda.Next(agenda.Accepted, agenda.ActTakeEffect)
	fmt.Println(err)
	fmt.Println(agenda.Actions(agenda.Evaluating))
	// Output:
	// accepted collect
	// agenda: topic : cannot take-effect when accepted
	// [close-solved send-back]
}

func ExampleTally() {
	k := agenda.Beijing().Kinds[0] // council: quorum and approval more than half
	m := agenda.Motion{ID: "m1", Text: "Build a charging shed", Method: agenda.YesNo, Ballots: []agenda.Ballot{
		{Voter: "a", Choice: vote.Yes}, {Voter: "b", Choice: vote.Yes}, {Voter: "c", Choice: vote.No},
	}}
	r, _ := agenda.Tally(k, m, 9, []grid.PersonID{"a", "b", "c", "d"}) // 4 of 9 representatives came
	fmt.Println(r.Passed, r.Reason)
	r, _ = agenda.Tally(k, m, 7, []grid.PersonID{"a", "b", "c", "d"})
	fmt.Println(r.Passed, r.Reason)
	// Output:
	// false no quorum: 4 of 9 representatives present, need > 1/2 (5); no resolution can be adopted
	// false not passed: 2 yes of 4 present, need > 1/2 (3)
}

func ExampleLastDay() {
	// A resolution adopted on 2026-09-28 is posted for 7 days; the last
	// day, 10-05, falls in the National Day holiday, so publicity runs to
	// the next working day (Civil Code art. 203).
	cst := time.FixedZone("CST", 8*3600)
	week := calendar.Period{N: 7, Unit: calendar.NaturalDays}
	end, _ := agenda.LastDay(calendar.China(), week, time.Date(2026, 9, 28, 16, 0, 0, 0, cst))
	fmt.Println(end.Format(time.DateOnly))
	five := calendar.Period{N: 5, Unit: calendar.NaturalDays}
	due, _ := agenda.LatestNotice(calendar.China(), five, time.Date(2026, 3, 12, 19, 0, 0, 0, cst))
	fmt.Println("notice by", due.Format(time.DateOnly))
	// Output:
	// 2026-10-08
	// notice by 2026-03-07
}

func ExampleCompliance() {
	cst := time.FixedZone("CST", 8*3600)
	tree, _ := grid.NewTree(grid.DefaultHierarchy())
	_ = tree.Apply(grid.Batch{ID: "init", At: time.Date(2025, 1, 1, 0, 0, 0, 0, cst), Changes: []grid.Change{
		grid.Create("chaoyang", "", grid.LevelDistrict, "", "朝阳区"),
		grid.Create("shuangjing", "chaoyang", grid.LevelSubdistrict, "", "双井街道"),
		grid.Create("jinsong", "shuangjing", grid.LevelCommunity, "", "劲松社区"),
		grid.Create("fuli", "shuangjing", grid.LevelCommunity, "", "富力社区"),
	}})
	var held []agenda.Held
	for m := time.January; m <= time.June; m++ {
		held = append(held, agenda.Held{Grid: "jinsong", Kind: "council", At: time.Date(2026, m, 15, 19, 0, 0, 0, cst), Quorate: true})
	}
	held = append(held, agenda.Held{Grid: "fuli", Kind: "council", At: time.Date(2026, 3, 1, 19, 0, 0, 0, cst), Quorate: true})
	solved := []agenda.Closure{{Grid: "jinsong", At: time.Date(2026, 5, 20, 0, 0, 0, 0, cst)}}
	day := time.Date(2026, 7, 1, 0, 0, 0, 0, cst)
	r, _ := agenda.Compliance(agenda.Chaoyang(), tree.At(day), []grid.ID{"jinsong", "fuli"}, held, solved, day)
	fmt.Print(r.Explain())
	n, _ := r.Node("chaoyang")
	fmt.Printf("chaoyang: %d communities, %d behind, %d meetings short\n", n.Communities, n.Behind, n.MeetingsBehind)
	// Output:
	// obligations 12 meetings, 3 solved a year; 2026-07-01 is day 182 of 365
	// fuli: 1 meetings (due 6), 0 solved (due 2): behind by 5 meetings, 2 solved
	// jinsong: 6 meetings (due 6), 1 solved (due 2): behind by 0 meetings, 1 solved
	// chaoyang: 2 communities, 2 behind, 5 meetings short
}

func ExampleLoadPolicy() {
	p, err := agenda.LoadPolicy(strings.NewReader(`{
		"kinds": [{"name": "council", "notice": {"n": 5, "unit": "natural_days"}, "quorum": {"num": 2, "den": 3, "inclusive": true},
		           "approval": {"num": 1, "den": 2}, "decides": true}],
		"publicity": {"n": 5, "unit": "working_days"},
		"satisfaction": {"num": 2, "den": 3, "inclusive": true}}`))
	fmt.Println(p.Kinds[0].Quorum, p.Publicity, err)
	_, err = agenda.LoadPolicy(strings.NewReader(`{"kinds": [{"name": "council", "quorum": {"num": 3, "den": 2}}]}`))
	fmt.Println(err)
	// Output:
	// >= 2/3 5 working days <nil>
	// agenda: invalid config: kinds[0].quorum.num: 3/2 is more than 1
}

func ExampleAssess() {
	e, _ := agenda.Assess(vote.AtLeast(2, 3), agenda.Satisfaction{Satisfied: 21, Basic: 9, Dissatisfied: 14}, time.Time{})
	fmt.Println(e.Reason)
	e, _ = agenda.Assess(vote.AtLeast(2, 3), agenda.Satisfaction{Satisfied: 21, Basic: 8, Dissatisfied: 15}, time.Time{})
	fmt.Println(e.Reason)
	// Output:
	// solved: 30 of 44 satisfied or basically satisfied, need >= 2/3 (30)
	// sent back: 29 of 44 satisfied or basically satisfied, need >= 2/3 (30)
}

func ExampleDeriveTopics() {
	cst := time.FixedZone("CST", 8*3600)
	refs, _ := agenda.ReadTicketRefs(strings.NewReader(`
{"id":"T-101","grid":"jinsong-b3","category":"ebike-charging","at":"2026-02-03T20:10:00+08:00"}
{"id":"T-102","grid":"jinsong-b3","category":"ebike-charging","at":"2026-02-11T21:40:00+08:00"}
{"id":"T-103","grid":"jinsong-b3","category":"ebike-charging","at":"2026-02-20T07:05:00+08:00"}
{"id":"T-104","grid":"jinsong-b5","category":"parking","at":"2026-02-21T09:00:00+08:00"}`))
	topics, _ := agenda.DeriveTopics(agenda.Derivation{Min: 3, Window: 30}, refs, time.Date(2026, 3, 2, 9, 0, 0, 0, cst))
	for _, t := range topics {
		fmt.Println(t.ID, t.Source.Ticket)
	}
	// Output: tickets/jinsong-b3/ebike-charging/2026-03-02 [T-101 T-102 T-103]
}
