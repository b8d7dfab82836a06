package vote_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/gongzhi/gongzhi/vote"
)

func opts(ids ...vote.OptionID) []vote.Option {
	out := make([]vote.Option, len(ids))
	for i, id := range ids {
		out[i] = vote.Option{ID: id}
	}
	return out
}

func voters(n int) []vote.Voter {
	out := make([]vote.Voter, n)
	for i := range out {
		out[i] = vote.Voter{ID: vote.VoterID(fmt.Sprintf("v%03d", i))}
	}
	return out
}

func marks(ids ...vote.OptionID) vote.Ballot {
	var b vote.Ballot
	for _, id := range ids {
		b.Marks = append(b.Marks, vote.Mark{Option: id})
	}
	return b
}

// repeat returns n copies of b.
func repeat(n int, b vote.Ballot) []vote.Ballot {
	out := make([]vote.Ballot, n)
	for i := range out {
		out[i] = b
	}
	return out
}

func concat(parts ...[]vote.Ballot) []vote.Ballot {
	var out []vote.Ballot
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func votesOf(r vote.Result) map[vote.OptionID]int64 {
	m := make(map[vote.OptionID]int64)
	for _, o := range r.Options {
		m[o.Option] = o.Votes
	}
	return m
}

func TestSupportOver80Percent(t *testing.T) {
	// "Support rate over 80%" with 46 voters: 37 votes pass, 36 do not.
	poll := vote.Poll{ID: "p", Rule: vote.ProjectPriorities(), Options: opts("a", "b")}
	ballots := concat(repeat(36, marks("a", "b")), repeat(1, marks("a")), repeat(9, marks()))
	res, err := vote.Tally(poll, ballots)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]vote.OptionID{"a"}, res.Passed); diff != "" {
		t.Errorf("passed (-want +got):\n%s", diff)
	}
	a, _ := res.Check("support", "a")
	b, _ := res.Check("support", "b")
	if !a.Met || b.Met || !a.Count.Equal(decimal.NewFromInt(37)) || !b.Base.Equal(decimal.NewFromInt(46)) {
		t.Errorf("checks: a=%+v b=%+v", a, b)
	}
}

func TestTallyRejectsInvalidBallots(t *testing.T) {
	poll := vote.Poll{ID: "p", Rule: vote.ProjectPriorities(), Options: opts("a", "b", "c", "d", "e", "f")}
	cases := []struct {
		name   string
		ballot vote.Ballot
		reason string
		code   vote.RejectCode
		limit  int
	}{
		{"over budget", marks("a", "b", "c", "d", "e", "f"), "more than 5 votes", vote.RejectTooManyVotes, 5},
		{"twice on one option", marks("a", "a"), "more than one vote for the option", vote.RejectRepeatedVote, 0},
		{"unknown option", marks("a", "zz"), "unknown option", vote.RejectUnknownOption, 0},
		{"count 2", vote.Ballot{Marks: []vote.Mark{{Option: "a", Count: 2}}}, "more than one vote for the option", vote.RejectRepeatedVote, 0},
		{"choice", vote.Ballot{Choice: vote.Yes}, "a choice on a ballot that marks options", vote.RejectChoiceOnMarks, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.ballot.ID = "x"
			err := poll.CheckBallot(tc.ballot)
			var be *vote.BallotError
			if !errors.As(err, &be) || !errors.Is(err, vote.ErrInvalidBallot) || be.Reason != tc.reason || be.Code != tc.code {
				t.Fatalf("CheckBallot = %v, want reason %q", err, tc.reason)
			}
			res, err := vote.Tally(poll, []vote.Ballot{tc.ballot, marks("a")})
			if err != nil {
				t.Fatal(err)
			}
			if res.Cast != 2 || res.Valid != 1 || res.Invalid != 1 || votesOf(res)["a"] != 1 {
				t.Errorf("cast %d valid %d invalid %d votes %v", res.Cast, res.Valid, res.Invalid, votesOf(res))
			}
			if len(res.Rejected) != 1 || res.Rejected[0].Reason != tc.reason || res.Rejected[0].Code != tc.code || res.Rejected[0].Limit != tc.limit {
				t.Errorf("rejected = %+v", res.Rejected)
			}
		})
	}
}

func TestTallyVoterErrors(t *testing.T) {
	poll := vote.Poll{ID: "p", Rule: vote.LimitedApproval(0, nil, 0), Options: opts("a"), Voters: voters(2)}
	b := marks("a")
	b.Voter = "v000"
	if _, err := vote.Tally(poll, []vote.Ballot{b, b}); !errors.Is(err, vote.ErrAlreadyVoted) {
		t.Errorf("two ballots of one voter: %v", err)
	}
	b.Voter = "stranger"
	if _, err := vote.Tally(poll, []vote.Ballot{b}); !errors.Is(err, vote.ErrNotEligible) {
		t.Errorf("ineligible voter: %v", err)
	}
	if _, err := vote.Tally(poll, repeat(3, marks("a"))); err != nil {
		t.Fatal(err)
	} else if res, _ := vote.Tally(poll, repeat(3, marks("a"))); !res.Void {
		t.Errorf("3 ballots for 2 voters not void: %+v", res)
	}
}

func TestCumulative(t *testing.T) {
	poll := vote.Poll{ID: "p", Rule: vote.Cumulative(3, 2, 1), Options: opts("a", "b", "c")}
	ballots := []vote.Ballot{
		{Marks: []vote.Mark{{Option: "a", Count: 2}, {Option: "b"}}},
		{Marks: []vote.Mark{{Option: "b", Count: 2}, {Option: "c"}}},
		{Marks: []vote.Mark{{Option: "b"}, {Option: "b"}, {Option: "c"}}},
		{Marks: []vote.Mark{{Option: "c", Count: 3}}},                          // over per-option
		{Marks: []vote.Mark{{Option: "a", Count: 2}, {Option: "c", Count: 2}}}, // over budget
	}
	res, err := vote.Tally(poll, ballots)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[vote.OptionID]int64{"a": 2, "b": 5, "c": 2}, votesOf(res)); diff != "" {
		t.Errorf("votes (-want +got):\n%s", diff)
	}
	if res.Invalid != 2 || fmt.Sprint(res.Selected) != "[b]" {
		t.Errorf("invalid %d selected %v", res.Invalid, res.Selected)
	}
}

func TestSatisfaction(t *testing.T) {
	rule := vote.SatisfactionSurvey()
	rule.Threshold = vote.Of(vote.AtLeast(9, 10), vote.BaseValid)
	poll := vote.Poll{ID: "s", Rule: rule, Options: opts("x", "y")}
	lv := func(x, y string) vote.Ballot {
		return vote.Ballot{Marks: []vote.Mark{{Option: "x", Level: x}, {Option: "y", Level: y}}}
	}
	ballots := concat(
		repeat(7, lv("satisfied", "satisfied")),
		repeat(2, lv("basically-satisfied", "dissatisfied")),
		repeat(1, lv("dissatisfied", "basically-satisfied")),
		repeat(1, vote.Ballot{Marks: []vote.Mark{{Option: "x", Level: "great"}}}),
	)
	res, err := vote.Tally(poll, ballots)
	if err != nil {
		t.Fatal(err)
	}
	x, _ := res.Option("x")
	y, _ := res.Option("y")
	if diff := cmp.Diff([]int64{7, 2, 1}, x.Levels); diff != "" {
		t.Errorf("x levels (-want +got):\n%s", diff)
	}
	if x.Satisfied != 9 || y.Satisfied != 8 || !x.Passed || y.Passed {
		t.Errorf("x %+v y %+v", x, y)
	}
	all, ok := res.Check("satisfaction", "")
	if !ok || !all.Count.Equal(decimal.NewFromInt(17)) || !all.Base.Equal(decimal.NewFromInt(20)) || all.Met {
		t.Errorf("overall %+v", all)
	}
	if diff := cmp.Diff([]int64{14, 3, 3}, res.Levels); diff != "" {
		t.Errorf("levels (-want +got):\n%s", diff)
	}
	if res.Invalid != 1 {
		t.Errorf("invalid = %d", res.Invalid)
	}
}

func choice(voter vote.VoterID, c vote.Choice) vote.Ballot {
	return vote.Ballot{Voter: voter, Choice: c}
}

func TestMotionRecall(t *testing.T) {
	poll := vote.Poll{ID: "r", Rule: vote.Recall(), Voters: voters(10)}
	cases := []struct {
		name    string
		choices []vote.Choice
		adopted bool
		void    bool
	}{
		{"turnout exactly half", []vote.Choice{vote.Yes, vote.Yes, vote.Yes, vote.Yes, vote.Yes}, false, true},
		{"6 of 10, 4 yes", []vote.Choice{vote.Yes, vote.Yes, vote.Yes, vote.Yes, vote.No, vote.Abstain}, true, false},
		{"6 of 10, 3 yes", []vote.Choice{vote.Yes, vote.Yes, vote.Yes, vote.No, vote.No, vote.Abstain}, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var bs []vote.Ballot
			for i, c := range tc.choices {
				bs = append(bs, choice(vote.VoterID(fmt.Sprintf("v%03d", i)), c))
			}
			res, err := vote.Tally(poll, bs)
			if err != nil {
				t.Fatal(err)
			}
			if res.Adopted != tc.adopted || res.Void != tc.void {
				t.Errorf("adopted %v void %v\n%s", res.Adopted, res.Void, res.Explain())
			}
		})
	}
}

func owners(areas ...int64) []vote.Voter {
	out := make([]vote.Voter, len(areas))
	for i, a := range areas {
		out[i] = vote.Voter{ID: vote.VoterID(fmt.Sprintf("o%02d", i)), Weight: decimal.NewFromInt(a)}
	}
	return out
}

func TestDoubleMajority(t *testing.T) {
	// Six owners; 100 m² each except o05 with 400 m² (total 900).
	vs := owners(100, 100, 100, 100, 100, 400)
	cases := []struct {
		name    string
		rule    vote.Rule
		votes   map[vote.VoterID]vote.Choice
		adopted bool
		void    bool
	}{
		{"special: all but the big owner agree", vote.OwnersSpecial(),
			map[vote.VoterID]vote.Choice{"o00": vote.Yes, "o01": vote.Yes, "o02": vote.Yes, "o03": vote.Yes, "o04": vote.Yes, "o05": vote.No}, false, false},
		{"special: 3/4 heads and area exactly", vote.OwnersSpecial(),
			// participants o00..o03 + o05: 5 heads, 800 m²; yes o00,o01,o05: 3 heads (<3.75) -> fail
			map[vote.VoterID]vote.Choice{"o00": vote.Yes, "o01": vote.Yes, "o02": vote.No, "o03": vote.Abstain, "o05": vote.Yes}, false, false},
		{"special: 4 of 4 participating heads", vote.OwnersSpecial(),
			// participants o00,o01,o02,o05: 4 heads (< 2/3 of 6? 4/6 = 2/3 inclusive -> ok), 700 m² (>= 600)
			map[vote.VoterID]vote.Choice{"o00": vote.Yes, "o01": vote.Yes, "o02": vote.Yes, "o05": vote.Yes}, true, false},
		{"quorum: 3 heads with most area", vote.OwnersOrdinary(),
			map[vote.VoterID]vote.Choice{"o00": vote.Yes, "o01": vote.Yes, "o05": vote.Yes}, false, true},
		{"ordinary: half the heads is not more than half", vote.OwnersOrdinary(),
			map[vote.VoterID]vote.Choice{"o00": vote.Yes, "o01": vote.Yes, "o02": vote.No, "o05": vote.No}, false, false},
		{"ordinary: 3 of 4 heads, 300 of 700 m²", vote.OwnersOrdinary(),
			map[vote.VoterID]vote.Choice{"o00": vote.Yes, "o01": vote.Yes, "o02": vote.Yes, "o05": vote.No}, false, false},
		{"ordinary: 3 of 4 heads, 600 of 700 m²", vote.OwnersOrdinary(),
			map[vote.VoterID]vote.Choice{"o00": vote.Yes, "o01": vote.Yes, "o02": vote.No, "o05": vote.Yes}, true, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var bs []vote.Ballot
			for v, c := range tc.votes {
				bs = append(bs, choice(v, c))
			}
			res, err := vote.Tally(vote.Poll{ID: "o", Rule: tc.rule, Voters: vs}, bs)
			if err != nil {
				t.Fatal(err)
			}
			if res.Adopted != tc.adopted || res.Void != tc.void {
				t.Errorf("adopted %v void %v\n%s", res.Adopted, res.Void, res.Explain())
			}
			names := map[string]bool{}
			for _, c := range res.Checks {
				names[c.Name] = true
			}
			for _, n := range []string{"participation area", "participation owners", "approval area", "approval owners"} {
				if !names[n] {
					t.Errorf("missing check %q", n)
				}
			}
		})
	}
}

func TestDoubleMajorityNeedsOwner(t *testing.T) {
	poll := vote.Poll{ID: "o", Rule: vote.OwnersSpecial(), Voters: owners(1, 2)}
	if _, err := vote.Tally(poll, []vote.Ballot{{Choice: vote.Yes}}); !errors.Is(err, vote.ErrInvalidBallot) {
		t.Errorf("anonymous owners' ballot: %v", err)
	}
}

func TestElection(t *testing.T) {
	cands := opts("c1", "c2", "c3", "c4", "c5", "c6", "c7")
	vote3 := func(ids ...vote.OptionID) vote.Ballot { return marks(ids...) }
	cases := []struct {
		name     string
		seats    int
		eligible int
		ballots  []vote.Ballot
		elected  string
		revote   string
		runoff   string
		void     bool
	}{
		{"all seats filled", 3, 20, concat(repeat(8, vote3("c1", "c2", "c3")), repeat(3, vote3("c4", "c5"))),
			"[c1 c2 c3]", "[]", "", false},
		{"half turnout is not enough", 3, 22, repeat(11, vote3("c1", "c2", "c3")), "[]", "[]", "", true},
		{"more ballots than voters", 1, 3, repeat(4, vote3("c1")), "[]", "[]", "", true},
		{"ballot naming too many is invalid", 2, 10, concat(repeat(6, vote3("c1", "c2")), repeat(1, vote3("c1", "c2", "c3"))),
			"[c1 c2]", "[]", "", false},
		{"second seat clears the majority", 2, 20,
			concat(repeat(8, vote3("c1", "c2")), repeat(3, vote3("c1", "c3"))),
			// 11 ballots: c1 11, c2 8, c3 3 -> c2 8 > 5.5 elected
			"[c1 c2]", "[]", "", false},
		{"one vote over half", 2, 20,
			concat(repeat(6, vote3("c1", "c2")), repeat(5, vote3("c1", "c3")), repeat(1, vote3("c2", "c3"))),
			// 12 ballots: c1 11, c2 7, c3 6 > 6? no. c2 7 > 6 yes -> [c1 c2]
			"[c1 c2]", "[]", "", false},
		{"revote", 2, 20,
			concat(repeat(6, vote3("c1", "c2")), repeat(6, vote3("c1", "c3")), repeat(1, vote3("c2", "c3"))),
			// 13 ballots: c1 12, c2 7, c3 7 > 6.5: tie at the last seat
			"[c1]", "[c2 c3]", "", false},
		{"no runoff needed", 3, 20,
			concat(repeat(7, vote3("c1", "c2", "c4")), repeat(5, vote3("c1", "c3", "c5")), repeat(1, vote3("c6"))),
			// 13 ballots: c1 12, c2 7, c4 7 (> 6.5) elected; nothing empty
			"[c1 c2 c4]", "[]", "", false},
		{"runoff for two seats", 3, 20,
			concat(repeat(4, vote3("c1", "c2", "c4")), repeat(5, vote3("c1", "c3", "c5")), repeat(2, vote3("c6", "c7"))),
			// 11 ballots: c1 9 elected; c3 5, c5 5, c2 4, c4 4, c6 2, c7 2: runoff 2 seats among 3 best: c3 c5 + tie c2 c4
			"[c1]", "[]", "[c3 c5 c2 c4]", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			poll := vote.Poll{ID: "e", Rule: vote.CommitteeElection(tc.seats), Options: cands, Voters: voters(tc.eligible)}
			res, err := vote.Tally(poll, tc.ballots)
			if err != nil {
				t.Fatal(err)
			}
			got := fmt.Sprint(res.Selected)
			if got != tc.elected || fmt.Sprint(res.Revote) != tc.revote || res.Void != tc.void {
				t.Errorf("elected %s revote %v void %v, want %s %s %v\n%s", got, res.Revote, res.Void, tc.elected, tc.revote, tc.void, res.Explain())
			}
			runoff := ""
			if res.Runoff != nil {
				runoff = fmt.Sprint(res.Runoff.Candidates)
			}
			if runoff != tc.runoff {
				t.Errorf("runoff %q, want %q\n%s", runoff, tc.runoff, res.Explain())
			}
		})
	}
}

func TestRunoffPoll(t *testing.T) {
	// The runoff plan is a poll definition the next round counts with
	// plurality and a 1/3 floor.
	poll := vote.Poll{ID: "e", Rule: vote.CommitteeElection(2), Options: opts("a", "b", "c", "d"), Voters: voters(10)}
	res, err := vote.Tally(poll, concat(repeat(3, marks("a", "b")), repeat(3, marks("c", "d"))))
	if err != nil {
		t.Fatal(err)
	}
	if res.Runoff == nil || res.Runoff.Seats != 2 {
		t.Fatalf("no runoff for 2 seats:\n%s", res.Explain())
	}
	second, err := vote.RunoffPoll(poll, res, "e2")
	if err != nil {
		t.Fatal(err)
	}
	if second.State != vote.StateDraft || len(second.Voters) != 10 || second.Rule.Seats != 2 || second.Rule.Runoff != nil {
		t.Errorf("runoff poll %+v", second)
	}
	if _, err := vote.RunoffPoll(second, vote.Result{}, "e3"); !errors.Is(err, vote.ErrInvalidPoll) {
		t.Errorf("runoff without a plan: %v", err)
	}
	// 6 ballots: a 4, b 2, c 2, d 2. a wins; b, c, d have 2 (= 1/3 of 6):
	// a three-way tie at the last seat, left for a revote.
	res2, err := vote.Tally(second, concat(repeat(2, marks("a", "b")), repeat(2, marks("a", "c")), repeat(2, marks("d"))))
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(res2.Selected) != "[a]" || fmt.Sprint(res2.Revote) != "[b c d]" || res2.Runoff != nil {
		t.Errorf("runoff result:\n%s", res2.Explain())
	}
}

func TestTieBreaks(t *testing.T) {
	base := vote.LimitedApproval(0, nil, 1)
	ballots := concat(repeat(2, marks("a", "b")), repeat(1, marks("c")))
	cases := []struct {
		name   string
		tie    vote.TieBreak
		chosen string
	}{
		{"none", vote.TieBreak{}, "[]"},
		{"order", vote.TieBreak{Method: vote.TieOrder, Order: []vote.OptionID{"c", "b", "a"}}, "[b]"},
		{"lot", vote.TieBreak{Method: vote.TieLot, Seed: 2026}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rule := base
			rule.Tie = tc.tie
			res, err := vote.Tally(vote.Poll{ID: "t", Rule: rule, Options: opts("a", "b", "c")}, ballots)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Ties) != 1 {
				t.Fatalf("ties = %+v", res.Ties)
			}
			tie := res.Ties[0]
			if fmt.Sprint(tie.Among) != "[a b]" || tie.Places != 1 || tie.Votes != 2 {
				t.Errorf("tie = %+v", tie)
			}
			want := tc.chosen
			if tc.tie.Method == vote.TieLot {
				// The lowest draw wins; recompute it independently.
				da, db := vote.LotDraw(2026, "a"), vote.LotDraw(2026, "b")
				want = "[a]"
				if db < da {
					want = "[b]"
				}
				if tie.Seed != 2026 || len(tie.Draws) != 2 || tie.Draws[0] != da {
					t.Errorf("lot not recorded: %+v", tie)
				}
			}
			if fmt.Sprint(res.Selected) != want {
				t.Errorf("selected %v, want %s", res.Selected, want)
			}
		})
	}
}

// Committee ballots carry a 另选他人 column: the preset admits write-ins
// (illustrative, with its source), each name counted as a candidate.
func TestElectionWriteIns(t *testing.T) {
	rule := vote.CommitteeElection(2)
	if !rule.WriteIns || !strings.Contains(rule.WriteInsSource, "illustrative") || !strings.Contains(rule.WriteInsSource, "art. 41") {
		t.Errorf("CommitteeElection write-ins %v, source %q", rule.WriteIns, rule.WriteInsSource)
	}
	poll := vote.Poll{ID: "w", Rule: rule, Options: opts("a", "b", "c"), Voters: voters(12)}
	ballots := concat(
		repeat(5, marks("a", "zhou")),
		repeat(2, marks("a", "b")),
		repeat(1, marks("qian", "zhou", "a")), // three names for two seats: invalid
		repeat(1, marks("zhou", "zhou")),      // the same write-in twice: invalid
		repeat(1, marks("sun")),
	)
	for _, b := range ballots[7:9] {
		if err := poll.CheckBallot(b); !errors.Is(err, vote.ErrInvalidBallot) {
			t.Errorf("CheckBallot(%v) = %v", b.Marks, err)
		}
	}
	if err := poll.CheckBallot(marks("a", "zhou")); err != nil {
		t.Errorf("write-in rejected: %v", err)
	}
	res, err := vote.Tally(poll, ballots)
	if err != nil {
		t.Fatal(err)
	}
	// 10 ballots: a 7, zhou 5, b 2, sun 1; qian only on an invalid ballot.
	if fmt.Sprint(res.Selected) != "[a]" || res.Invalid != 2 {
		t.Errorf("selected %v invalid %d\n%s", res.Selected, res.Invalid, res.Explain())
	}
	if diff := cmp.Diff(map[vote.OptionID]int64{"a": 7, "b": 2, "c": 0, "sun": 1, "zhou": 5}, votesOf(res)); diff != "" {
		t.Errorf("votes (-want +got):\n%s", diff)
	}
	if res.Runoff == nil || fmt.Sprint(res.Runoff.Candidates) != "[zhou b]" {
		t.Errorf("runoff %+v", res.Runoff)
	}
	rule.WriteIns = false
	poll.Rule = rule
	if err := poll.CheckBallot(marks("a", "zhou")); !errors.Is(err, vote.ErrInvalidBallot) {
		t.Errorf("write-in without write_ins: %v", err)
	}
	if _, err := vote.ParseRule([]byte(`{"method":"approval","write_ins":true}`)); !errors.Is(err, vote.ErrInvalidConfig) {
		t.Errorf("write-ins on approval: %v", err)
	}
}

func TestRejectedListIsBoundedAndOrderFree(t *testing.T) {
	poll := vote.Poll{ID: "r", Rule: vote.LimitedApproval(1, nil, 0), Options: opts("a", "b")}
	var ballots []vote.Ballot
	for i := range 350 {
		b := marks("a", "b")
		b.ID = vote.BallotID(fmt.Sprintf("b%03d", i))
		ballots = append(ballots, b)
	}
	res, err := vote.Tally(poll, ballots)
	if err != nil {
		t.Fatal(err)
	}
	rev := make([]vote.Ballot, len(ballots))
	for i, b := range ballots {
		rev[len(ballots)-1-i] = b
	}
	res2, _ := vote.Tally(poll, rev)
	if res.Invalid != 350 || len(res.Rejected) != vote.MaxRejected || res.Rejected[0].Ballot != "b000" || res.Rejected[99].Ballot != "b099" {
		t.Errorf("invalid %d, rejected %d: %v..%v", res.Invalid, len(res.Rejected), res.Rejected[0], res.Rejected[len(res.Rejected)-1])
	}
	if diff := cmp.Diff(res, res2, decimalEqual); diff != "" {
		t.Errorf("order changed the result (-want +got):\n%s", diff)
	}
}
