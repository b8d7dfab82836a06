package vote_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/gongzhi/gongzhi/vote"
)

func TestDecodeBallot(t *testing.T) {
	good := `{"id":"b1","voter":"v1","marks":[{"option":"a"},{"option":"b","count":2},{"option":"c","level":"satisfied"}]}`
	b, err := vote.DecodeBallot([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if b.ID != "b1" || len(b.Marks) != 3 || b.Marks[1].Count != 2 {
		t.Errorf("decoded %+v", b)
	}
	for _, bad := range []string{
		``, `[]`, `{"id":1}`, `{"marks":[{"count":1}]}`, `{"marks":[{"option":"a","count":-1}]}`,
		`{"id":"x","color":"red"}`, `{"id":"x"} {}`, `{"choice":true}`,
		`{"id":"x","marks":[{"option":"a"}],"marks":[{"option":"b"}]}`, `{"id":"x","Marks":[{"option":"b"}]}`,
		`{"id":"x","marks":[{"option":"a","OPTION":"b"}]}`,
	} {
		_, err := vote.DecodeBallot([]byte(bad))
		var be *vote.BallotError
		if !errors.As(err, &be) || !errors.Is(err, vote.ErrInvalidBallot) {
			t.Errorf("DecodeBallot(%q) = %v, want *BallotError", bad, err)
		}
	}
}

func TestBallotHashCanonical(t *testing.T) {
	a := vote.Ballot{ID: "1", Marks: []vote.Mark{{Option: "x"}, {Option: "y", Count: 2}}}
	b := vote.Ballot{ID: "1", Marks: []vote.Mark{{Option: "y", Count: 2}, {Option: "x", Count: 1}}}
	if a.Hash("p") != b.Hash("p") {
		t.Error("mark order or implicit count changes the hash")
	}
	for name, c := range map[string]vote.Ballot{
		"id":     {ID: "2", Marks: a.Marks},
		"voter":  {ID: "1", Voter: "v", Marks: a.Marks},
		"count":  {ID: "1", Marks: []vote.Mark{{Option: "x"}, {Option: "y", Count: 3}}},
		"option": {ID: "1", Marks: []vote.Mark{{Option: "x"}, {Option: "z", Count: 2}}},
		"choice": {ID: "1", Marks: a.Marks, Choice: vote.Yes},
		// Field boundaries are length-prefixed: "x"+"y" differs from "xy".
		"boundary": {ID: "1", Marks: []vote.Mark{{Option: "xy", Count: 2}}},
	} {
		if c.Hash("p") == a.Hash("p") {
			t.Errorf("changing %s keeps the hash", name)
		}
	}
	if a.Hash("p") == a.Hash("q") {
		t.Error("the poll id is not hashed")
	}
}

// fuzzPolls are polls of every method the ballot fuzzer checks against.
func fuzzPolls() []vote.Poll {
	return []vote.Poll{
		{ID: "a", Rule: vote.ProjectPriorities(), Options: opts("a", "b", "c", "d", "e", "f")},
		{ID: "c", Rule: vote.Cumulative(3, 2, 1), Options: opts("a", "b")},
		{ID: "s", Rule: vote.SatisfactionSurvey(), Options: opts("a", "b")},
		{ID: "m", Rule: vote.Recall(), Voters: voters(3)},
		{ID: "o", Rule: vote.OwnersSpecial(), Voters: owners(10, 20, 30)},
		{ID: "e", Rule: vote.CommitteeElection(2), Options: opts("a", "b", "c"), Voters: voters(3)},
		{ID: "w", Rule: writeIns(vote.CommitteeElection(2)), Options: opts("a", "b", "c"), Voters: voters(3)},
	}
}

func writeIns(r vote.Rule) vote.Rule {
	r.WriteIns = true
	return r
}

func FuzzDecodeBallot(f *testing.F) {
	f.Add([]byte(`{"id":"b1","voter":"v001","marks":[{"option":"a"},{"option":"b","count":2}]}`))
	f.Add([]byte(`{"voter":"o01","choice":"yes"}`))
	f.Add([]byte(`{"marks":[{"option":"a"},{"option":"zhou"}]}`))
	f.Add([]byte(`{"marks":[{"option":"zhou","count":2}]}`))
	f.Add([]byte(`{"marks":[{"option":"a","level":"satisfied"},{"option":"b","level":"dissatisfied"}]}`))
	f.Add([]byte(`{"marks":[{"option":"a","count":9223372036854775807},{"option":"a","count":9223372036854775807}]}`))
	polls := fuzzPolls()
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := vote.DecodeBallot(data)
		if err != nil {
			if !errors.Is(err, vote.ErrInvalidBallot) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		if _, err := json.Marshal(b); err != nil {
			t.Fatal(err)
		}
		for _, p := range polls {
			checkErr := p.CheckBallot(b)
			if checkErr != nil && !errors.Is(checkErr, vote.ErrInvalidBallot) && !errors.Is(checkErr, vote.ErrNotEligible) {
				t.Fatalf("poll %s: untyped error %T: %v", p.ID, checkErr, checkErr)
			}
			res, err := vote.Tally(p, []vote.Ballot{b})
			if err != nil {
				if checkErr == nil {
					t.Fatalf("poll %s: ballot passes CheckBallot but Tally fails: %v", p.ID, err)
				}
				continue
			}
			// A ballot that passes CheckBallot is counted valid, else invalid.
			if (checkErr == nil) != (res.Valid == 1) || res.Cast != 1 {
				t.Fatalf("poll %s: check %v but valid=%d cast=%d", p.ID, checkErr, res.Valid, res.Cast)
			}
		}
	})
}
