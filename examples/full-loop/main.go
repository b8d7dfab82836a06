// Command full-loop runs the whole loop that gongzhi models, across its
// packages and their Stores, and prints the chain back from the accepted
// project to the first ticket:
//
//  1. ticket: a month of scan-code tickets (扫码即诉) from the unit doors of
//     one community; the complaints about e-bikes charged in the hallways of
//     building 3 cluster into a hot spot;
//  2. agenda: the hot spot is raised as a topic citing its tickets; the
//     residents' representatives' meeting (居民代表会议) has its quorum,
//     hears an inquiry and votes a resolution; after the publicity period
//     (公示) the resolution takes effect;
//  3. project: the resolution becomes a practical project with a budget
//     (community fund and owners' contributions) and cost sharing by area;
//     the works are done and accepted (验收);
//  4. vote: the residents rate the project (满意度) in a satisfaction poll;
//  5. trace: the chain from the project back to the first ticket, and
//     forward from one ticket.
//
// Every name, place, figure and date here is illustrative (the loop is not
// one published case; the examples named after reports replay those).
// The tickets come from a PCG generator with a fixed seed and every
// service runs on an injected clock, so the output is the same on every
// run.
//
// Run it with:
//
//	go run ./examples/full-loop                  # stores in memory
//	go run ./examples/full-loop -db loop.sqlite  # stores in a SQLite file
//	go run ./examples/full-loop -pg 'postgres://user@127.0.0.1:5432/gongzhi?sslmode=disable'
//
// With -pg the records go to that PostgreSQL database (the schema is
// migrated on open; a search_path parameter in the URL picks a schema of
// your own). With -db or -pg a second run on the same file or database
// continues from what is stored: each step an earlier run stored (a
// ticket taken in, a ballot cast, a transition) is read back, not done
// again, and the report is the same, with one added line saying what was
// read back: "(read back from the file: 45 tickets, 1 topic, 1 meeting,
// 1 project, 6 ledger entries, 1 poll; nothing left to write)", or "from
// the database" with -pg. A run that was interrupted is finished by the
// next one.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"time"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/examples/internal/storage"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/trace"
	"github.com/gongzhi/gongzhi/vote"
	"github.com/shopspring/decimal"
)

const seed = 2026

var cst = time.FixedZone("CST", 8*3600)

func at(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, cst) }

func main() {
	stores := storage.Open(context.Background()) // -db FILE.sqlite or -pg URL keeps the records
	err := run(context.Background(), os.Stdout, Stores{
		Tickets: stores.Ticket(), Agenda: stores.Agenda(),
		Projects: stores.Project(), Votes: stores.Vote(),
		ReadBack: stores.ReadBack,
	})
	if err == nil {
		stores.PrintReadBack() // one line, on a run that found records of an earlier one
	}
	stores.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, "full-loop:", err)
		os.Exit(1)
	}
}

// Stores are the four Stores the loop writes to: in memory, in a SQLite
// file or in a PostgreSQL database, as the flags choose.
type Stores struct {
	Tickets  ticket.Store
	Agenda   agenda.Store
	Projects project.Store
	Votes    vote.Store
	// ReadBack, if set, is told of the records found stored by an
	// earlier run (storage.Stores.ReadBack).
	ReadBack func(kind string, n int)
}

// clock is the one injected clock every service reads.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

// buildGrid makes one community (示例社区, illustrative) with four
// buildings of two unit doors each.
func buildGrid() (*grid.Tree, []grid.ID, error) {
	tree, err := grid.NewTree(grid.DefaultHierarchy())
	if err != nil {
		return nil, nil, err
	}
	ch := []grid.Change{
		grid.Create("chaoyang", "", grid.LevelDistrict, "", "朝阳区"),
		grid.Create("sub", "chaoyang", grid.LevelSubdistrict, "", "示例街道"),
		grid.Create("com", "sub", grid.LevelCommunity, "", "示例社区"),
		grid.Create("com-g1", "com", grid.LevelGrid, "", "第一网格"),
	}
	var doors []grid.ID
	for b := 1; b <= 4; b++ {
		bid := grid.ID(fmt.Sprintf("b%d", b))
		ch = append(ch, grid.Create(bid, "com-g1", grid.LevelBuilding, "", fmt.Sprintf("%d号楼", b)))
		for u := 1; u <= 2; u++ {
			uid := grid.ID(fmt.Sprintf("%s-u%d", bid, u))
			ch = append(ch, grid.Create(uid, bid, grid.LevelUnit, "", fmt.Sprintf("%d单元", u)))
			doors = append(doors, uid)
		}
	}
	err = tree.Apply(grid.Batch{ID: "init", At: time.Date(2025, 1, 1, 0, 0, 0, 0, cst), Changes: ch})
	return tree, doors, err
}

func run(ctx context.Context, w io.Writer, st Stores) error {
	clk := &clock{now: at(3, 1, 8, 0)}
	re := resume{st.ReadBack}
	tree, doors, err := buildGrid()
	if err != nil {
		return err
	}

	// 1. Tickets: a month of scans at the unit doors.
	keys := grid.Keyring{Keys: []grid.Key{{ID: "com-2026", District: "com", Secret: []byte("example-secret-not-for-production")}}}
	cats, err := ticket.NewCategories(ticket.CommunityCategories())
	if err != nil {
		return err
	}
	routing := ticket.SmallMattersInBuilding()
	tickets := ticket.NewService(st.Tickets, &ticket.Options{Now: clk.Now,
		Config: ticket.Config{Categories: cats, Policy: ticket.BeijingIllustrative(),
			Calendars: ticket.Calendars{Working: calendar.China(), RoundTheClock: calendar.RoundTheClock()}},
		Routing: &routing, Places: tree})
	hotline := ticket.Actor{ID: "12345", Role: ticket.HotlineRole}
	rng := rand.New(rand.NewPCG(seed, seed))
	others := []ticket.CategoryID{"order.noise", "environment.waste", "environment.dogs", "order.parking", "housing.property"}
	var ids []ticket.ID
	for day := 1; day <= 31; day++ {
		for range 1 + rng.IntN(2) {
			door := doors[rng.IntN(len(doors))]
			cat, text := others[rng.IntN(len(others))], "request"
			if (door == "b3-u1" || door == "b3-u2") && rng.IntN(3) > 0 || rng.IntN(6) == 0 {
				door = grid.ID(fmt.Sprintf("b3-u%d", 1+rng.IntN(2)))
				cat, text = "housing.hallway", "e-bikes charged in the stairwell at night (电动车楼道充电)"
			}
			clk.now = at(3, day, 7+rng.IntN(14), rng.IntN(60))
			code, err := keys.Sign(grid.Payload{KeyID: "com-2026", Node: door, Issued: at(1, 1, 0, 0)})
			if err != nil {
				return err
			}
			id := ticket.ID(fmt.Sprintf("S-0326-%03d", len(ids)+1))
			in, err := ticket.ScanIntake(tree, keys, code, ticket.Intake{ID: id, Kind: ticket.Complaint, Category: cat,
				Contact: ticket.Contact{Name: "居民", Phone: fmt.Sprintf("139%08d", rng.IntN(1e8))}, Text: text, At: clk.now})
			if err != nil {
				return err
			}
			in.At = time.Time{} // the service stamps the receipt with its clock
			t, err := st.Tickets.Ticket(ctx, id)
			if !re.found("ticket", err == nil) {
				if !errors.Is(err, ticket.ErrNotFound) {
					return err
				}
				if t, _, err = tickets.Intake(ctx, in); err != nil {
					return err
				}
			}
			clk.now = clk.now.Add(20 * time.Minute)
			if t.State == ticket.Received {
				if _, _, err := tickets.Dispatch(ctx, id, hotline); err != nil {
					return err
				}
			}
			ids = append(ids, id)
		}
	}
	fmt.Fprintf(w, "== 1. tickets: %d scans in March 2026 at %d unit doors\n", len(ids), len(doors))

	// The hot spot: hallway tickets at one building, as topic category
	// "ebike-charging" of the agenda policy.
	view := tree.At(at(3, 31, 23, 0))
	var refs []agenda.TicketRef
	for _, id := range ids {
		t, err := st.Tickets.Ticket(ctx, id)
		if err != nil {
			return err
		}
		if t.Category != "housing.hallway" {
			continue
		}
		ref := agenda.RefOf(t, "ebike-charging")
		ref.Grid, _ = view.AncestorAt(t.Location, grid.LevelBuilding)
		refs = append(refs, ref)
	}
	clk.now = at(4, 1, 9, 0)
	drafts, err := agenda.DeriveTopics(agenda.Derivation{Min: 5, Window: 31}, refs, clk.now)
	if err != nil {
		return err
	}
	if len(drafts) == 0 {
		return fmt.Errorf("no hot spot among %d hallway tickets", len(refs))
	}
	fmt.Fprintf(w, "hot spot: %d hallway tickets at %s -> %d draft topic(s)\n", len(drafts[0].Source.Ticket), drafts[0].Grid, len(drafts))

	// 2. Agenda: raise, screen, meet with quorum, inquire, vote, resolve.
	delib, err := agenda.NewService(st.Agenda, &agenda.Options{Now: clk.Now, Calendar: calendar.China(), Tickets: st.Tickets})
	if err != nil {
		return err
	}
	topic := drafts[0]
	topic.Title = "E-bike charging in the stairwells of building 3"
	forged := topic
	forged.ID, forged.Source.Ticket = "forged", append(slices.Clone(topic.Source.Ticket), "S-0326-999")
	// The refusal is printed from its fields, not its message: the
	// lookup's error under it names the store (memory, SQLite, PostgreSQL).
	var refused *agenda.RefError
	if _, err := delib.Raise(ctx, forged); !errors.As(err, &refused) || !errors.Is(err, ticket.ErrNotFound) {
		return fmt.Errorf("a topic citing a missing ticket: want a *agenda.RefError wrapping ticket.ErrNotFound, got %v", err)
	}
	fmt.Fprintf(w, "a topic citing a ticket that does not exist is refused: %s = %s: %v\n", refused.Field, refused.Ref, ticket.ErrNotFound)
	t, err := delib.Topic(ctx, topic.ID)
	if !re.found("topic", err == nil) {
		if !errors.Is(err, agenda.ErrNotFound) {
			return err
		}
		if t, err = delib.Raise(ctx, topic); err != nil {
			return err
		}
	}
	if !did(t, agenda.ActAccept) {
		if t, err = delib.Screen(ctx, topic.ID, agenda.Screening{Decision: agenda.Accept, By: "secretary"}); err != nil {
			return err
		}
	}
	people := []agenda.Participant{
		{ID: "host", Name: "Community secretary (illustrative)", Role: agenda.Host},
		{ID: "fire", Name: "Fire station officer (illustrative)", Role: agenda.Department, Unit: "fire"},
	}
	var present []grid.PersonID
	for i := range 15 {
		id := grid.PersonID(fmt.Sprintf("rep%02d", i+1))
		people = append(people, agenda.Participant{ID: id, Name: fmt.Sprintf("Representative %d", i+1), Role: agenda.Representative})
		if i < 12 {
			present = append(present, id)
		}
	}
	m := agenda.Meeting{ID: "assembly-2026-04", Kind: "assembly", Grid: "com", Title: "Residents' representatives: e-bike charging",
		Place: "community hall", At: at(4, 24, 19, 0), Participants: people}
	mt, err := delib.Meeting(ctx, m.ID)
	if !re.found("meeting", err == nil) {
		if !errors.Is(err, agenda.ErrNotFound) {
			return err
		}
		if mt, err = delib.Plan(ctx, m); err != nil {
			return err
		}
	}
	if !did(t, agenda.ActSchedule) {
		if t, err = delib.Schedule(ctx, m.ID, topic.ID); err != nil {
			return err
		}
	}
	clk.now = at(4, 2, 9, 0)
	if mt.NoticePosted.IsZero() {
		if mt, err = delib.PostNotice(ctx, m.ID); err != nil {
			return err
		}
	}
	clk.now = m.At
	if mt.Status == agenda.Planned {
		if mt, err = delib.Open(ctx, m.ID, append([]grid.PersonID{"host", "fire"}, present...)); err != nil {
			return err
		}
	}
	inv, pres := mt.Representatives()
	fmt.Fprintf(w, "\n== 2. meeting %s: %d of %d representatives present\n", m.ID, pres, inv)
	if len(mt.Inquiries) == 0 {
		if mt, err = delib.Inquire(ctx, m.ID, agenda.Inquiry{ID: "q1", Asker: "rep03", To: "fire", Topic: topic.ID,
			Question: "Can a charging shed stand by the east wall of building 3?"}); err != nil {
			return err
		}
	}
	if mt.Inquiries[0].Answer == "" {
		if mt, err = delib.Answer(ctx, m.ID, "q1", "fire", "Yes, 6 m from the wall, with timed cut-off and extinguishers."); err != nil {
			return err
		}
	}
	if len(mt.Motions) == 0 {
		if mt, err = delib.Propose(ctx, m.ID, agenda.Motion{ID: "shed", Topic: topic.ID, Method: agenda.YesNo,
			Text: "Build a 24-point charging shed by the east wall of building 3, paid by the community fund and the owners of building 3 by area"}); err != nil {
			return err
		}
	}
	for i, p := range present {
		c := vote.Yes
		switch i {
		case 3:
			c = vote.No
		case 7:
			c = vote.Abstain
		}
		cast := slices.ContainsFunc(mt.Motions[0].Ballots, func(b agenda.Ballot) bool { return b.Voter == p })
		if !cast {
			if mt, err = delib.Cast(ctx, m.ID, "shed", agenda.Ballot{Voter: p, Choice: c}); err != nil {
				return err
			}
		}
	}
	res := mt.Motions[0].Result
	if res == nil {
		r, err := delib.CloseVote(ctx, m.ID, "shed")
		if err != nil {
			return err
		}
		res = &r
	}
	fmt.Fprintln(w, res.Quorum)
	fmt.Fprintln(w, res.Reason)
	if !did(t, agenda.ActResolve) {
		if t, err = delib.Resolve(ctx, m.ID, "shed", "res-2026-04-shed", ""); err != nil {
			return err
		}
	}
	if mt.Status != agenda.Closed {
		if _, err := delib.CloseMeeting(ctx, m.ID); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "resolution %s posted until %s\n", t.Resolution.ID, t.Resolution.PublicityEnds.Format(time.DateOnly))
	clk.now = t.Resolution.PublicityEnds.AddDate(0, 0, 1).Add(9 * time.Hour)
	if !did(t, agenda.ActTakeEffect) {
		if t, err = delib.TakeEffect(ctx, topic.ID); err != nil {
			return err
		}
	}
	fmt.Fprintln(w, "after publicity the topic is", statusAfter(t, agenda.ActTakeEffect))

	// 3. Project: budget, cost sharing, works, acceptance.
	works := project.NewService(st.Projects, &project.Options{Now: clk.Now, Topics: st.Agenda, Tickets: st.Tickets})
	outcome, err := project.OutcomeFrom(t.Resolution.Vote.Vote, "")
	if err != nil {
		return err
	}
	outcome.Poll = "" // counted at the meeting, not in a ballot box: the project cites the resolution
	cost, owners := decimal.RequireFromString("60000.00"), decimal.RequireFromString("18000.00")
	shed := project.Project{ID: "shed-b3", Title: "3号楼电动车充电棚 (charging shed, building 3)", Grid: "b3", Category: "ebike-charging",
		Cost: cost, Origin: project.FromResolution, Topic: topic.ID, Resolution: t.Resolution.ID, Proposer: "community",
		Year: 2026, Sharing: ptr(project.AreaSplit())}
	p, err := works.Project(ctx, shed.ID)
	if !re.found("project", err == nil) {
		if !errors.Is(err, project.ErrNotFound) {
			return err
		}
		if p, err = works.Propose(ctx, shed); err != nil {
			return err
		}
	}
	for _, s := range []project.Step{
		{To: project.Screened, By: "subdistrict office"}, {To: project.Shortlisted, By: "subdistrict office"},
		{To: project.Voted, Vote: &outcome}, {To: project.Planned, Year: 2026},
	} {
		if !reached(p, s.To) {
			if p, err = works.Advance(ctx, shed.ID, s); err != nil {
				return err
			}
		}
	}
	recorded := map[string]bool{}
	for e, err := range st.Projects.Entries(ctx) {
		if err != nil {
			return err
		}
		recorded[e.ID] = true
	}
	if len(recorded) > 0 && st.ReadBack != nil {
		st.ReadBack("ledger entry", len(recorded))
	}
	funding := []project.Funding{
		{Kind: project.CommunityFund, Amount: cost.Sub(owners), Note: "community public-service fund"},
		{Kind: project.OwnerFunds, Amount: owners, Note: "owners of building 3, by area"},
	}
	for i, f := range funding {
		src := project.SourceID(f.Kind)
		for _, e := range []project.Entry{
			{ID: fmt.Sprint("open-", i), Kind: project.OpenSource, Source: src, SourceKind: f.Kind, Name: f.Note, Grid: "b3", Amount: f.Amount},
			{ID: fmt.Sprint("alloc-", i), Kind: project.Allocate, Source: src, Project: shed.ID, Amount: f.Amount},
		} {
			if !recorded[e.ID] {
				if _, err := works.Record(ctx, e); err != nil {
					return err
				}
			}
		}
	}
	var households []project.Household
	for u := 1; u <= 2; u++ {
		for f := 1; f <= 6; f++ {
			for k, area := range []string{"78.35", "64.20"} {
				households = append(households, project.Household{ID: project.HouseholdID(fmt.Sprintf("3-%d-%d0%d", u, f, k+1)),
					Floor: f, Area: decimal.RequireFromString(area)})
			}
		}
	}
	bill, err := project.Split(project.AreaSplit(), owners, households)
	if err != nil {
		return err
	}
	first, _ := bill.Share("3-1-101")
	fmt.Fprintf(w, "\n== 3. project %s: cost %s yuan; owners' part %s split among %d households by area (3-1-101 pays %s), total %s\n",
		shed.ID, cost.StringFixed(2), owners.StringFixed(2), len(households), first.Amount.StringFixed(2), bill.Total().StringFixed(2))
	clk.now = at(5, 18, 9, 0)
	if !reached(p, project.InProgress) {
		if p, err = works.Advance(ctx, shed.ID, project.Step{To: project.InProgress, By: "contractor"}); err != nil {
			return err
		}
	}
	for i, f := range funding {
		e := project.Entry{ID: fmt.Sprint("pay-", i), Kind: project.Spend, Source: project.SourceID(f.Kind),
			Project: shed.ID, Amount: f.Amount, Reason: "contract payment"}
		if !recorded[e.ID] {
			if _, err := works.Record(ctx, e); err != nil {
				return err
			}
		}
	}
	clk.now = at(6, 26, 10, 0)
	for _, s := range []project.Step{
		{To: project.Completed, By: "contractor"},
		{To: project.Accepted, By: "acceptance panel", Acceptance: &project.Acceptance{By: []string{"subdistrict", "fire station", "3 representatives"}, Passed: true}},
	} {
		if !reached(p, s.To) {
			if p, err = works.Advance(ctx, shed.ID, s); err != nil {
				return err
			}
		}
	}
	// The topic follows the works: its task is the project, done and
	// accepted (办, 督).
	task := agenda.Task{ID: "build-shed", Title: "carry out project " + string(shed.ID), Unit: "community", Deadline: at(6, 30, 0, 0)}
	if len(t.Tasks) == 0 {
		if t, err = delib.Assign(ctx, topic.ID, task); err != nil {
			return err
		}
	}
	if t.Tasks[0].Done.IsZero() {
		if t, err = delib.Progress(ctx, topic.ID, task.ID, agenda.Report{By: "community", Note: "project " + string(shed.ID) + " completed", Percent: 100}); err != nil {
			return err
		}
	}
	if !did(t, agenda.ActComplete) {
		if t, err = delib.Complete(ctx, topic.ID); err != nil {
			return err
		}
	}
	if !did(t, agenda.ActAcceptWork) {
		if t, err = delib.Accept(ctx, topic.ID, agenda.Acceptance{By: "subdistrict + fire station + 3 representatives", Passed: true}); err != nil {
			return err
		}
	}

	// 4. The residents rate it in a satisfaction poll.
	votes := vote.NewService(st.Votes, &vote.Options{Now: clk.Now})
	poll := vote.Poll{ID: "rate-shed-b3", Title: "满意度: charging shed, building 3", Rule: vote.SatisfactionSurvey(),
		Options: []vote.Option{{ID: "shed-b3", Name: "charging shed"}}}
	for _, h := range households {
		poll.Voters = append(poll.Voters, vote.Voter{ID: vote.VoterID(h.ID)})
	}
	pl, err := votes.Poll(ctx, poll.ID)
	if !re.found("poll", err == nil) {
		if !errors.Is(err, vote.ErrNotFound) {
			return err
		}
		if pl, err = votes.Create(ctx, poll); err != nil {
			return err
		}
	}
	if pl.State == vote.StateDraft {
		if pl, err = votes.Open(ctx, poll.ID); err != nil {
			return err
		}
	}
	clk.now = at(7, 10, 10, 0)
	levels := []string{"satisfied", "satisfied", "satisfied", "basically-satisfied", "satisfied", "dissatisfied"}
	for i, h := range households[:20] {
		b := vote.Ballot{ID: vote.BallotID("r-" + h.ID), Voter: vote.VoterID(h.ID), Marks: []vote.Mark{{Option: "shed-b3", Level: levels[i%len(levels)]}}}
		if pl.State != vote.StateOpen {
			continue
		}
		// A ballot an interrupted run already cast comes back as stored.
		if _, err := votes.Cast(ctx, poll.ID, b.Voter, b); err != nil && !errors.Is(err, vote.ErrAlreadyVoted) {
			return err
		}
	}
	// Close is two writes (the state, then the digest of the ballots): a
	// poll closed without a digest is closed again, which finishes it.
	if pl.State == vote.StateOpen || pl.State == vote.StateClosed && pl.Digest == "" {
		if _, err := votes.Close(ctx, poll.ID); err != nil {
			return err
		}
	}
	var rated vote.Result
	if pl.State == vote.StateTallied {
		// Tallied by an earlier run: check the stored ballots against the
		// stored digest, then take the stored result.
		if err := votes.Audit(ctx, poll.ID); err != nil {
			return err
		}
		rated = *pl.Result
	} else if rated, err = votes.Tally(ctx, poll.ID); err != nil {
		return err
	}
	review, err := project.ReviewFrom(rated, "shed-b3", project.SatisfactionThreshold())
	if err != nil {
		return err
	}
	if !reached(p, project.Reviewed) {
		if _, err := works.Advance(ctx, shed.ID, project.Step{To: project.Reviewed, Review: &review}); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "\n== 4. rated: %d of %d answers satisfied, need %s: passed %v\n", review.Satisfied, review.Base, review.Threshold, review.Passed)
	// The same answers close the topic (评).
	lv := rated.Options[0].Levels // satisfied, basically satisfied, dissatisfied
	if !did(t, agenda.ActCloseSolved) {
		if t, err = delib.Evaluate(ctx, topic.ID, agenda.Satisfaction{Satisfied: lv[0], Basic: lv[1], Dissatisfied: lv[2]}); err != nil {
			return err
		}
	}
	fmt.Fprintln(w, "topic", t.ID, "is", t.Status)

	// 5. The chain, back from the project and forward from one ticket.
	src := trace.Sources{Tickets: st.Tickets, Agenda: st.Agenda, Projects: st.Projects, Polls: st.Votes}
	chain, err := trace.Back(ctx, src, shed.ID)
	if err != nil {
		return err
	}
	fmt.Fprint(w, "\n== 5. trace back from the project\n", chain.Explain())
	fwd, err := trace.From(ctx, src, chain.Tickets[0].ID)
	if err != nil {
		return err
	}
	fmt.Fprint(w, "\n== and forward from the first ticket\n", fwd.Explain())
	return nil
}

// resume reports the records that an earlier run with the same -db file
// or -pg database had already stored. This run reads them back instead of
// writing them again, and does only the steps their state shows undone,
// so a second run prints the same report and a run that was interrupted
// finishes the loop.
type resume struct{ readBack func(kind string, n int) }

// found reports whether a record of kind is stored, telling readBack if so.
func (r resume) found(kind string, stored bool) bool {
	if stored && r.readBack != nil {
		r.readBack(kind, 1)
	}
	return stored
}

// did reports whether the topic's history holds action a.
func did(t agenda.Topic, a agenda.Action) bool {
	return slices.ContainsFunc(t.History, func(s agenda.Step) bool { return s.Action == a })
}

// statusAfter is the status that action a moved the topic to, from its
// history (the topic may have moved on since).
func statusAfter(t agenda.Topic, a agenda.Action) agenda.Status {
	for _, s := range t.History {
		if s.Action == a {
			return s.To
		}
	}
	return t.Status
}

// reached reports whether the project's history shows it moved to s.
func reached(p project.Project, s project.Status) bool {
	return slices.ContainsFunc(p.History, func(e project.Event) bool { return e.To == s })
}

func ptr[T any](v T) *T { return &v }
