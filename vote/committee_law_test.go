package vote_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/gongzhi/gongzhi/vote"
)

// The committee election thresholds at their boundaries: 过半数 is
// strictly more than half (turnout and winning), 不得少于三分之一 includes
// the bound (runoff), and the winning base counts the invalid ballots too
// (参加投票的村民: everyone who voted).
func TestCommitteeElectionBoundaries(t *testing.T) {
	blank := vote.Ballot{}
	cases := []struct {
		name     string
		seats    int
		eligible int
		ballots  []vote.Ballot
		elected  string
		void     bool
	}{
		{"turnout exactly half is void", 1, 10, repeat(5, marks("a")), "[]", true},
		{"turnout one over half is valid", 1, 10, repeat(6, marks("a")), "[a]", false},
		{"exactly half of the ballots cast does not win", 1, 20,
			concat(repeat(6, marks("a")), repeat(6, marks("b"))), "[]", false},
		{"one over half of the ballots cast wins", 1, 20,
			concat(repeat(7, marks("a")), repeat(5, marks("b"))), "[a]", false},
		{"invalid ballots count in the base", 1, 20,
			// 12 cast, 3 invalid (two names for one seat): a has 6 of 12, not
			// more than half, though 6 of the 9 valid ballots.
			concat(repeat(6, marks("a")), repeat(3, marks("b")), repeat(3, marks("a", "b"))), "[]", false},
		{"invalid ballots in the base, one more vote", 1, 20,
			concat(repeat(6, marks("a")), repeat(3, marks("b")), repeat(2, marks("a", "b"))), "[a]", false},
		{"blank ballots count in the base", 1, 20,
			concat(repeat(6, marks("a")), repeat(6, blank)), "[]", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			poll := vote.Poll{ID: "e", Rule: vote.CommitteeElection(tc.seats), Options: opts("a", "b", "c"), Voters: voters(tc.eligible)}
			res, err := vote.Tally(poll, tc.ballots)
			if err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprint(res.Selected); got != tc.elected || res.Void != tc.void {
				t.Errorf("elected %s void %v, want %s %v\n%s", got, res.Void, tc.elected, tc.void, res.Explain())
			}
		})
	}
}

// The runoff (另行选举) elects the most votes only with at least 1/3 of
// the ballots cast: exactly 1/3 is enough, one vote less is not.
func TestCommitteeRunoffFloor(t *testing.T) {
	first := vote.Poll{ID: "e", Rule: vote.CommitteeElection(1), Options: opts("a", "b", "c"), Voters: voters(20)}
	// 12 ballots: a 5, b 4, c 3; nobody has more than 6: one empty seat.
	res, err := vote.Tally(first, concat(repeat(5, marks("a")), repeat(4, marks("b")), repeat(3, marks("c"))))
	if err != nil {
		t.Fatal(err)
	}
	second, err := vote.RunoffPoll(first, res, "e2")
	if err != nil {
		t.Fatalf("%v\n%s", err, res.Explain())
	}
	if fmt.Sprint(optionIDs(second.Options)) != "[a b]" {
		t.Fatalf("runoff candidates %v", second.Options)
	}
	cases := []struct {
		name    string
		ballots []vote.Ballot
		elected string
	}{
		// The runoff keeps the turnout rule: 12 and 13 of 20 voters.
		{"exactly a third", concat(repeat(4, marks("a")), repeat(3, marks("b")), repeat(5, vote.Ballot{})), "[a]"},
		{"below a third", concat(repeat(4, marks("a")), repeat(3, marks("b")), repeat(6, vote.Ballot{})), "[]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := vote.Tally(second, tc.ballots)
			if err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprint(r.Selected); got != tc.elected {
				t.Errorf("elected %s, want %s\n%s", got, tc.elected, r.Explain())
			}
		})
	}
}

func optionIDs(os []vote.Option) []vote.OptionID {
	ids := make([]vote.OptionID, len(os))
	for i, o := range os {
		ids[i] = o.ID
	}
	return ids
}

// A write-in (另选他人) counts with the marks against the seats: two
// names for two seats are valid, a third one makes the ballot invalid.
func TestCommitteeWriteInsCountAgainstSeats(t *testing.T) {
	poll := vote.Poll{ID: "e", Rule: vote.CommitteeElection(2), Options: opts("a", "b", "c"), Voters: voters(10)}
	ok := marks("a", "张三")
	over := marks("a", "b", "张三")
	res, err := vote.Tally(poll, concat(repeat(6, ok), repeat(1, over)))
	if err != nil {
		t.Fatal(err)
	}
	if res.Valid != 6 || res.Invalid != 1 || len(res.Rejected) != 1 || res.Rejected[0].Code != vote.RejectTooManyCandidates {
		t.Errorf("valid %d invalid %d rejected %+v", res.Valid, res.Invalid, res.Rejected)
	}
	if votesOf(res)["张三"] != 6 {
		t.Errorf("write-in votes %v", votesOf(res))
	}
	if rule := vote.CommitteeElection(2); rule.WriteInsSource != vote.WriteInsIllustrative || !strings.HasPrefix(rule.WriteInsSource, "illustrative") {
		t.Errorf("write-ins source %q", rule.WriteInsSource)
	}
}

// Beijing's residents' committees normally list one or two more
// candidates than seats and may list as many as seats (1991 measures
// art. 13).
func TestBeijingResidentsElectionList(t *testing.T) {
	for _, tc := range []struct {
		seats, candidates int
		ok                bool
	}{
		{3, 2, false}, {3, 3, true}, {3, 4, true}, {3, 5, true}, {3, 6, false}, {5, 7, true}, {5, 8, false},
	} {
		t.Run(fmt.Sprintf("%d for %d", tc.candidates, tc.seats), func(t *testing.T) {
			var os []vote.Option
			for i := range tc.candidates {
				os = append(os, vote.Option{ID: vote.OptionID(fmt.Sprintf("c%d", i))})
			}
			p := vote.Poll{ID: "e", Rule: vote.BeijingResidentsElection(tc.seats), Options: os, Voters: voters(10)}
			err := p.Validate()
			var pe *vote.PollError
			switch {
			case tc.ok && err != nil:
				t.Fatalf("Validate = %v", err)
			case !tc.ok && (!errors.As(err, &pe) || pe.Field != "options"):
				t.Fatalf("Validate = %v, want a *PollError on options", err)
			}
		})
	}
	r := vote.BeijingResidentsElection(3)
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.Competition.Source, "art. 13") || !strings.Contains(r.Source, "(1991)") {
		t.Errorf("sources %q / %q", r.Source, r.Competition.Source)
	}
}
