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
const meetingID agenda.MeetingID = "annual-2024"

// check stops the program on any error: every step of the replay must
// succeed.
func check[T any](v T, err error) T {
	if err != nil {
		log.Fatal(err)
	}
	return v
}

// participants invites the 46 representatives (the same ids as the
// voters of the vote package, the first three being the named askers of
// the public report), the officials and the office who answer, and the
// chair.
func participants(reps []vote.Voter) []agenda.Participant {
	named := map[int]agenda.Participant{
		0: {Name: "Guanghe-li representative", Unit: "光和里社区"},
		1: {Name: "Fuli representative", Unit: "富力社区"},
		2: {Name: "Jiulong representative", Unit: "九龙社区"},
	}
	out := make([]agenda.Participant, 0, len(reps)+4)
	for i, r := range reps {
		p, ok := named[i]
		if !ok {
			p.Name = fmt.Sprintf("Representative %d", i+1)
		}
		p.ID, p.Role = grid.PersonID(r.ID), agenda.Representative
		out = append(out, p)
	}
	return append(out,
		agenda.Participant{ID: "deputy-a", Name: "Deputy director A", Role: agenda.Official, Unit: "双井街道办事处"},
		agenda.Participant{ID: "deputy-b", Name: "Deputy director B", Role: agenda.Official, Unit: "双井街道办事处"},
		agenda.Participant{ID: "party-office", Name: "Party-affairs office", Role: agenda.Department, Unit: "党建办"},
		agenda.Participant{ID: "chair", Name: "Meeting chair", Role: agenda.Host, Unit: "双井街道"},
	)
}

// inquiry is one question of the Shuangjing 2021 meeting: who asks whom, and the answer
// (the wording of questions and answers is illustrative).
type inquiry struct {
	id        agenda.InquiryID
	asker, to grid.PersonID
	unit      string // the unit asked, when the person answers for it
	question  string
	answer    string
}

func inquiries() []inquiry {
	return []inquiry{
		{"q1", "rep-01", "deputy-a", "双井街道办事处", "Why is the micro-renewal of community landscapes needed?",
			"Old greens and paths are worn out; the renewal repairs them with residents' input."},
		{"q2", "rep-02", "party-office", "", "Will the 1-3 community organise Winter Olympics activities?",
			"Yes, community sports events are part of the 1-3 community project."},
		{"q3", "rep-03", "deputy-b", "双井街道办事处", "Where will the digital-economy landscapes be?",
			"Along the art district's main street, near the cultural-creative park."},
	}
}

// attendance reports the quorum of the meeting as it stands.
func attendance(ctx context.Context, svc *agenda.Service) agenda.QuorumResult {
	m := check(svc.Meeting(ctx, meetingID))
	k, _ := svc.Policy().Kind(m.Kind)
	invited, present := m.Representatives()
	return agenda.Quorum(k.Quorum, invited, present)
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
	mo := agenda.Motion{ID: "projects", Text: "2024 practical projects", Method: agenda.LimitedApproval,
		Votes: 5, Priorities: 2, Approval: vote.MoreThan(4, 5)}
	for _, o := range sixProjects() {
		mo.Options = append(mo.Options, vote.Option{ID: vote.OptionID(o.ID), Name: o.Name})
	}
	return mo
}

// castMotion records the same ballots as the ballot box on the meeting's
// motion and closes its vote.
func castMotion(ctx context.Context, svc *agenda.Service, mo agenda.Motion, reps []vote.Voter, ballots map[vote.VoterID]vote.Ballot) agenda.MotionResult {
	check(svc.Propose(ctx, meetingID, mo))
	for _, r := range reps {
		b, ok := ballots[r.ID]
		if !ok {
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
