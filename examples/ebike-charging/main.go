// Command ebike-charging replays the e-bike charging dispute of 安外社区
// (安贞街道, Chaoyang district, Beijing) as its report tells it: the
// 《高层民用建筑消防安全管理规定》 (Ministry of Emergency Management order
// No. 5, 2021) bans parking and charging e-bikes in the hallways of
// high-rise buildings; residents of an old high-rise complain and split;
// the complaints become one deliberation topic; a first meeting fails for
// lack of quorum; the community asks its subdistrict, which summons the
// departments concerned (吹哨报到: only a subdistrict or township may); a
// second meeting hears their answers and resolves to pilot the ban in
// 四区14号楼 and build a charging shed; the resolution is posted (公示), an
// objection is heard, the work is done, supervised, accepted (验收) and the
// residents' satisfaction vote closes the topic.
//
// The report gives the community, the subdistrict, the pilot building and
// the regulation that triggered it. The tickets, names, votes, dates and
// figures are illustrative and printed as such.
//
// Run it with: go run ./examples/ebike-charging
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/examples/internal/storage"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/vote"
)

var cst = time.FixedZone("CST", 8*3600)

func at(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, cst) }

func check[T any](v T, err error) T {
	if err != nil {
		fmt.Fprintln(os.Stderr, "ebike-charging:", err)
		os.Exit(1)
	}
	return v
}

func check2[A, B any](a A, b B, err error) (A, B) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "ebike-charging:", err)
		os.Exit(1)
	}
	return a, b
}

func main() {
	stores := storage.Open(context.Background()) // -db FILE.sqlite keeps the records in a file
	defer stores.Close()
	ctx := context.Background()
	now := at(3, 2, 9)
	clock := func() time.Time { return now }
	// The tickets are the hotline's (12345): kept in its system, not here.
	store := stores.AgendaWith(storage.Elsewhere{Tickets: true})
	svc := check(agenda.NewService(store, &agenda.Options{Now: clock, Calendar: calendar.China()}))
	// With -db FILE every step below first asks the agenda store whether an
	// earlier run took it, and skips it if so (a second run reads the
	// records back; a run after one killed midway finishes them). What
	// the replay prints about a past moment (a warning, a status) is then
	// told from the stored records as they stood at that moment.
	r := &records{ctx: ctx, svc: svc, stores: stores}

	// The grid: Chaoyang > Anzhen subdistrict > Anwai community >
	// 四区14号楼, with the property company responsible for the community.
	tree := check(grid.NewTree(grid.DefaultHierarchy()))
	check(0, tree.Apply(grid.Batch{ID: "init", At: time.Date(2025, 1, 1, 0, 0, 0, 0, cst), Changes: []grid.Change{
		grid.Create("chaoyang", "", grid.LevelDistrict, "", "朝阳区"),
		grid.Create("anzhen", "chaoyang", grid.LevelSubdistrict, "", "安贞街道"),
		grid.Create("anwai", "anzhen", grid.LevelCommunity, "", "安外社区"),
		grid.Create("anwai-4-14", "anwai", grid.LevelBuilding, "", "四区14号楼"),
		grid.PutPerson(grid.Person{ID: "pm-sun", Name: "Manager Sun", Org: "Huaxia Property"}),
		grid.Assign(grid.Assignment{ID: "a-property", Person: "pm-sun", Role: grid.PropertyCompany, Node: "anwai"}),
	}}))

	// 集 Collect: twelve hotline tickets in February about e-bikes charged in
	// the hallways of 四区14号楼 become one topic (complaints about other
	// places and matters stay single tickets).
	var refs []agenda.TicketRef
	for i := range 12 {
		refs = append(refs, agenda.TicketRef{ID: ticket.ID(fmt.Sprintf("T-2026-%d", 101+i)), Grid: "anwai-4-14",
			Category: "ebike-charging", At: at(2, 1+2*i, 20)})
	}
	refs = append(refs, agenda.TicketRef{ID: "T-2026-140", Grid: "anwai-4-15", Category: "parking", At: at(2, 10, 9)})
	drafts := check(agenda.DeriveTopics(agenda.Derivation{Min: 5, Window: 30}, refs, now))
	draft := drafts[0]
	draft.Title = "E-bike charging in 四区14号楼"
	tid := r.raise(draft)
	fmt.Println("安外社区 (安贞街道, Chaoyang); trigger: 《高层民用建筑消防安全管理规定》 bans e-bikes in high-rise hallways")
	fmt.Println("(tickets, names, votes, dates and figures below are illustrative)")
	fmt.Printf("derived %d topic(s) from %d tickets: %s\n", len(drafts), len(refs), tid)
	r.raise(agenda.Topic{ID: "ebike-2", Grid: "anwai-4-14", Title: "Where can we charge our e-bikes?",
		Category: "ebike-charging", Source: agenda.Source{Origin: agenda.FromRepresentative, By: "rep-li", Name: "Li", Ticket: []ticket.ID{"T-2026-113"}}})
	r.step(tid, 1, func() { check(svc.Screen(ctx, tid, agenda.Screening{Decision: agenda.Accept, By: "secretary"})) })
	r.step("ebike-2", 1, func() {
		check(svc.Screen(ctx, "ebike-2", agenda.Screening{Decision: agenda.Merge, Into: tid, By: "secretary"}))
	})
	t := r.topicAfter(tid, 1)
	fmt.Printf("topic %q: %s (%s), %d tickets cited\n", t.Title, t.Status, t.Stage(), len(t.Tickets()))

	participants := []agenda.Participant{
		{ID: "host", Name: "Community secretary", Role: agenda.Host},
		{ID: "fire", Name: "Fire station officer", Role: agenda.Department, Unit: "fire"},
		{ID: "property", Name: "Property manager", Role: agenda.Official, Unit: "property"},
	}
	for i, name := range []string{"Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou"} {
		participants = append(participants, agenda.Participant{ID: grid.PersonID(fmt.Sprint("rep", i+1)), Name: name, Role: agenda.Representative})
	}

	// 议 Deliberate, first meeting: only 4 of 9 representatives come.
	r.plan(agenda.Meeting{ID: "council-1", Kind: "council", Grid: "anwai", Title: "E-bike charging (1)",
		Place: "community hall", At: at(3, 12, 19), Participants: participants})
	r.step(tid, 2, func() { check(svc.Schedule(ctx, "council-1", tid)) })
	r.notice("council-1")
	now = at(3, 12, 19)
	r.open("council-1", []grid.PersonID{"host", "rep1", "rep2", "rep3", "rep4"})
	res := r.vote("council-1", agenda.Motion{ID: "ban", Topic: tid, Text: "Ban e-bikes from all hallways now", Method: agenda.YesNo},
		[]vote.Choice{vote.Yes, vote.Yes, vote.No, vote.No})
	fmt.Println("meeting 1:", res.Reason)
	// Resolve refuses a motion voted without quorum. Once the meeting is
	// closed (a run reading it back), the stored result says the same.
	if m := r.meeting("council-1"); m.Status == agenda.Open {
		_, err := svc.Resolve(ctx, "council-1", "ban", "res-0", "")
		if !errors.Is(err, agenda.ErrNoQuorum) {
			check(0, fmt.Errorf("resolve without quorum: %v", err))
		}
	}
	fmt.Printf("resolve: refused (%v)\n", agenda.ErrNoQuorum)
	r.closeMeeting("council-1")
	fmt.Println("topic back to:", r.topicAfter(tid, 3).Status)

	// 吹哨报到: the community asks the subdistrict, which summons the
	// departments concerned (a community may not: art. 16). The refused
	// summons writes nothing, so every run asks for it.
	now = at(3, 16, 9)
	street := check(tree.Node("anzhen", now))
	byLevel := tree.Hierarchy().Name(street.Level)
	_, err := svc.Summon(ctx, tid, agenda.Summons{ID: "whistle-0", By: "anwai", ByLevel: "community",
		Reason: "site and safety of a charging shed", Departments: []string{"fire"}, Due: at(3, 20, 0)})
	fmt.Println("summons by the community:", err != nil)
	if !slices.ContainsFunc(r.topic(tid).Summons, func(s agenda.Summons) bool { return s.ID == "whistle-1" }) {
		check(svc.Summon(ctx, tid, agenda.Summons{ID: "whistle-1", By: street.ID, ByLevel: byLevel,
			Reason: "site and safety of a charging shed", Departments: []string{"fire", "housing", "power-supply"}, Due: at(3, 20, 0)}))
	}
	fmt.Println("summons by", street.Name, "("+byLevel+")")
	r.checkIn(tid, "whistle-1", "fire")
	r.checkIn(tid, "whistle-1", "power-supply")
	now = at(3, 23, 9)
	r.warnings(now)
	now = at(3, 23, 10)
	r.checkIn(tid, "whistle-1", "housing")

	// Second meeting: 8 of 9 representatives, inquiries, a pilot and a shed.
	r.plan(agenda.Meeting{ID: "council-2", Kind: "council", Grid: "anwai", Title: "E-bike charging (2)",
		Place: "community hall", At: at(3, 31, 19), Participants: participants})
	r.step(tid, 4, func() { check(svc.Schedule(ctx, "council-2", tid)) })
	r.notice("council-2")
	now = at(3, 31, 19)
	r.open("council-2", []grid.PersonID{"host", "fire", "property", "rep1", "rep2", "rep3", "rep4", "rep5", "rep6", "rep7", "rep8"})
	r.inquire("council-2", agenda.Inquiry{ID: "q1", Asker: "rep3", To: "fire", Topic: tid,
		Question: "Is a charging shed by the east wall safe?"})
	r.answer("council-2", "q1", "fire", "Yes, 6 m from the building, with timed power cut-off and an extinguisher.")
	r.inquire("council-2", agenda.Inquiry{ID: "q2", Asker: "rep4", Unit: "power-supply", Topic: tid,
		Question: "Who pays for the electricity?"})
	res = r.vote("council-2", agenda.Motion{ID: "shed", Topic: tid, Method: agenda.YesNo,
		Text: "Pilot the hallway ban in 四区14号楼 and build a 40-point charging shed by the east wall"},
		[]vote.Choice{vote.Yes, vote.Yes, vote.Yes, vote.No, vote.Yes, vote.Yes, vote.Abstain, vote.Yes})
	fmt.Println("meeting 2:", res.Reason)
	r.step(tid, 5, func() { check(svc.Resolve(ctx, "council-2", "shed", "res-1", "")) })
	t = r.topic(tid)
	fmt.Printf("resolution %s posted until %s\n", t.Resolution.ID, t.Resolution.PublicityEnds.Format(time.DateOnly))
	r.closeMeeting("council-2")
	min := check(svc.Minutes(ctx, "council-2"))
	fmt.Print("\n", min.Text(), "\n")

	// 公示: an objection is heard but not upheld; the resolution takes effect.
	now = at(4, 2, 10)
	if len(r.topic(tid).Resolution.Objections) == 0 {
		check(svc.Object(ctx, tid, agenda.Objection{By: "res-1202", Name: "Resident of 12-02", Text: "The shed will be noisy at night"}))
	}
	now = at(4, 9, 9)
	r.step(tid, 6, func() { check(svc.TakeEffect(ctx, tid)) })
	t = r.topicAfter(tid, 6)
	fmt.Println("after publicity:", t.Status, "with", len(t.Resolution.Objections), "objection on file")

	// 办 Execute and 督 Supervise.
	pilot := agenda.Task{ID: "pilot", Title: "Pilot: clear hallways of 四区14号楼", Grid: "anwai-4-14", Deadline: at(4, 30, 0)}
	property := grid.Query{Roles: []grid.Role{grid.PropertyCompany}}
	var resp grid.Responsibility
	if _, ok := r.task(tid, "pilot"); ok {
		// Assigned by an earlier run: the grid, as of now, says who.
		resp = check(tree.At(now).Responsible(pilot.Grid, property))
	} else {
		_, resp = check2(svc.AssignFromGrid(ctx, tid, pilot, tree.At(now), property))
	}
	fmt.Println("pilot assigned from the grid:", resp.Explain())
	if _, ok := r.task(tid, "shed"); !ok {
		check(svc.Assign(ctx, tid, agenda.Task{ID: "shed", Title: "Build the charging shed", Unit: "street-construction", Deadline: at(5, 29, 0)}))
	}
	now = at(4, 28, 9)
	r.progress(tid, "pilot", 1, agenda.Report{By: "Huaxia Property", Note: "hallways clear; 31 bikes moved", Percent: 100})
	r.progress(tid, "shed", 1, agenda.Report{By: "street-construction", Note: "foundations laid", Percent: 40})
	now = at(6, 2, 9)
	r.warnings(now)
	now = at(6, 5, 9)
	r.progress(tid, "shed", 2, agenda.Report{By: "street-construction", Note: "shed open, 40 points", Percent: 100})
	r.step(tid, 7, func() { check(svc.Complete(ctx, tid)) })
	r.step(tid, 8, func() {
		check(svc.Accept(ctx, tid, agenda.Acceptance{By: "subdistrict + fire + 3 representatives", Passed: true, Note: "meets fire code"}))
	})

	// 评 Evaluate: the residents' satisfaction vote.
	now = at(6, 20, 9)
	var answers []string // one answer per household that took part
	for i := range 141 {
		switch {
		case i < 98:
			answers = append(answers, agenda.LevelSatisfied)
		case i < 129:
			answers = append(answers, agenda.LevelBasic)
		default:
			answers = append(answers, agenda.LevelDissatisfied)
		}
	}
	counts := check(agenda.CountSatisfaction(answers))
	r.step(tid, 9, func() { check(svc.Evaluate(ctx, tid, counts)) })
	t = r.topic(tid)
	fmt.Println("evaluation:", t.Evaluation[0].Reason)
	fmt.Println("topic:", t.Status, "on", t.Solved.Format(time.DateOnly))
	for _, s := range t.History {
		fmt.Printf("  %s %-12s %s -> %s\n", s.At.Format(time.DateOnly), s.Action, s.From, s.To)
	}

	pending := check(svc.Unanswered(ctx))
	for _, p := range pending {
		fmt.Printf("unanswered: %s asks %s: %s\n", p.Inquiry.Asker, p.Inquiry.Unit, p.Inquiry.Question)
	}

	// The district's yearly check on 2026-06-30.
	now = at(6, 30, 18)
	rep := check(svc.Compliance(ctx, agenda.Chaoyang(), tree.At(now), []grid.ID{"anwai"}))
	fmt.Print(rep.Explain())
	n, _ := rep.Node("chaoyang")
	fmt.Printf("chaoyang roll-up: %d communities, %d behind pace\n", n.Communities, n.Behind)

	js := check(json.Marshal(t.Resolution.Vote.Quorum))
	fmt.Println("quorum as JSON:", string(js))
	stores.PrintReadBack()
}
