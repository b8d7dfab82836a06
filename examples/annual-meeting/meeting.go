package main

import (
	"context"
	"fmt"
	"log"
	"slices"
	"strings"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/vote"
)

// meetingID names the annual co-governance meeting in the agenda store.
const meetingID agenda.MeetingID = "shuangjing-2021-12-30"

// check stops the program on any error: every step of the replay must
// succeed.
func check[T any](v T, err error) T {
	if err != nil {
		log.Fatal(err)
	}
	return v
}

// participants invites the 46 residents' deliberation representatives
// (居民议事代表; the same ids as the voters of the vote package, the askers
// named in the report first), the officials who present and answer, and
// the chair.
func participants(reps []vote.Voter) []agenda.Participant {
	named := map[int]agenda.Participant{
		0: {Name: "孙国庆", Unit: "广和里社区"},
		1: {Name: "李楠", Unit: "富力社区"},
		2: {Name: "苑海余", Unit: "九龙社区"},
	}
	out := make([]agenda.Participant, 0, len(reps)+5)
	for i, r := range reps {
		p, ok := named[i]
		if !ok {
			p.Name = fmt.Sprintf("Representative %d (name not published)", i+1)
		}
		p.ID, p.Role = grid.PersonID(r.ID), agenda.Representative
		out = append(out, p)
	}
	return append(out,
		agenda.Participant{ID: "zhang-jiuhong", Name: "主任张久红", Role: agenda.Official, Unit: "双井街道办事处"},
		agenda.Participant{ID: "dan-hong", Name: "副主任丹红", Role: agenda.Official, Unit: "双井街道办事处"},
		agenda.Participant{ID: "huang-jing", Name: "党群工作办公室副主任黄静", Role: agenda.Official, Unit: "党群工作办公室"},
		agenda.Participant{ID: "sun-zhiyi", Name: "副主任孙志懿", Role: agenda.Official, Unit: "双井街道办事处"},
		agenda.Participant{ID: "chair", Name: "Meeting chair (name not published)", Role: agenda.Host, Unit: "双井街道"},
	)
}

// inquiry is one question of the Shuangjing meeting of 2021-12-30, with
// its number in the report: who asks whom, and the substance of the
// answer as reported (the wording is ours; Q3's answer was not reported).
type inquiry struct {
	id        agenda.InquiryID
	asker, to grid.PersonID
	unit      string // the unit asked, when the person answers for it
	question  string
	answer    string
}

func inquiries() []inquiry {
	return []inquiry{
		{"Q1", "rep-01", "dan-hong", "双井街道办事处", "Why is the micro-renewal of community landscapes needed?",
			"It fixes small safety and environment points (小微安全、环境点位) and continues at 广和里, 百子园, 黄木厂 and 垂西."},
		{"Q3", "rep-02", "huang-jing", "党群工作办公室", "Will the 1-3 community organise Winter Olympics activities?",
			"(answer not published)"},
		{"Q5", "rep-03", "sun-zhiyi", "双井街道办事处", "Where will the digital-economy art-district landscapes be?",
			"At the west entrance of 今日美术馆, the north section of the art district (艺术街区北段) and the middle passage of the art street (艺术街中部通廊)."},
	}
}

// attendance reports the quorum of the meeting as it stands.
func attendance(ctx context.Context, svc *agenda.Service) agenda.QuorumResult {
	m := check(svc.Meeting(ctx, meetingID))
	k, _ := svc.Policy().Kind(m.Kind)
	invited, present := m.Representatives()
	return agenda.Quorum(k.Quorum, invited, present)
}

// unitOf returns the unit of a participant of the meeting.
func unitOf(m agenda.Meeting, id grid.PersonID) string {
	p, _ := m.Participant(id)
	return p.Unit
}

// personName returns the name of a participant of the meeting.
func personName(m agenda.Meeting, id grid.PersonID) string {
	if p, ok := m.Participant(id); ok {
		return p.Name
	}
	return string(id)
}

// projectMotion is the vote on the six projects as a motion of the
// meeting: limited approval with 5 votes, support over 4/5 of the
// representatives present, two priorities.
func projectMotion() agenda.Motion {
	mo := agenda.Motion{ID: "projects", Text: "2022 practical projects", Method: agenda.LimitedApproval,
		Votes: 5, Priorities: 2, Approval: vote.MoreThan(4, 5)}
	for _, o := range sixProjects() {
		mo.Options = append(mo.Options, vote.Option{ID: vote.OptionID(o.ID), Name: o.Name})
	}
	return mo
}

// castMotion records the same ballots as the ballot box on the meeting's
// motion and closes its vote, skipping what the stored meeting already
// holds (the motion, each ballot, the result).
func castMotion(ctx context.Context, svc *agenda.Service, mo agenda.Motion, reps []vote.Voter, ballots map[vote.VoterID]vote.Ballot) agenda.MotionResult {
	stored, _, ok := check(svc.Meeting(ctx, meetingID)).Motion(mo.ID)
	if !ok {
		check(svc.Propose(ctx, meetingID, mo))
	}
	if stored.Result != nil {
		return *stored.Result
	}
	for _, r := range reps {
		b, ok := ballots[r.ID]
		if !ok || voted(stored, grid.PersonID(r.ID)) {
			continue
		}
		ab := agenda.Ballot{Voter: grid.PersonID(r.ID)}
		for _, mk := range b.Marks {
			ab.Approve = append(ab.Approve, vote.OptionID(mk.Option))
		}
		check(svc.Cast(ctx, meetingID, mo.ID, ab))
	}
	return check(svc.CloseVote(ctx, meetingID, mo.ID))
}

// voted reports whether the stored motion holds a ballot of p.
func voted(mo agenda.Motion, p grid.PersonID) bool {
	return slices.ContainsFunc(mo.Ballots, func(b agenda.Ballot) bool { return b.Voter == p })
}

// findInquiry returns the stored inquiry id of m.
func findInquiry(m agenda.Meeting, id agenda.InquiryID) (agenda.Inquiry, bool) {
	for _, q := range m.Inquiries {
		if q.ID == id {
			return q, true
		}
	}
	return agenda.Inquiry{}, false
}

// agree checks that the meeting's motion and the ballot box reached the
// same outcome: the same options passed and the same priorities.
func agree(mr agenda.MotionResult, res vote.Result) error {
	var passed []string
	for _, o := range mr.Vote.Options {
		if o.Passed {
			passed = append(passed, string(o.Option))
		}
	}
	var want []string
	for _, id := range res.Passed {
		want = append(want, string(id))
	}
	slices.Sort(passed)
	slices.Sort(want)
	var prio, sel []string
	for _, id := range mr.Priorities() {
		prio = append(prio, string(id))
	}
	for _, id := range res.Selected {
		sel = append(sel, string(id))
	}
	if !mr.Passed || !slices.Equal(passed, want) || !slices.Equal(prio, sel) {
		return fmt.Errorf("motion and ballot box disagree: passed %v vs %v, priorities %v vs %v", passed, want, prio, sel)
	}
	fmt.Printf("Motion %s agrees with the ballot box: %d passed, priorities %s\n",
		mr.Motion, len(passed), strings.Join(prio, ", "))
	return nil
}
