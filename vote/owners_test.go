package vote_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/gongzhi/gongzhi/vote"
)

func TestCountOwners(t *testing.T) {
	d := decimal.RequireFromString
	units := []vote.Unit{
		{ID: "a", Owner: "x", RegisteredArea: d("50"), SurveyedArea: d("51"), ContractArea: d("52")},
		{ID: "b", Owner: "x", SurveyedArea: d("40.5"), ContractArea: d("41")},
		{ID: "c", Owner: "y", ContractArea: d("30.25")},
		{ID: "d", ContractArea: d("10")},
		{ID: "e", SurveyedArea: d("20")},
	}
	got, err := vote.CountOwners(units, "dev")
	if err != nil {
		t.Fatal(err)
	}
	want := []vote.Voter{{ID: "dev", Weight: d("30")}, {ID: "x", Weight: d("90.5")}, {ID: "y", Weight: d("30.25")}}
	if diff := cmp.Diff(want, got, decimalEqual); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for name, bad := range map[string][]vote.Unit{
		"no area":        {{ID: "a", Owner: "x"}},
		"no id":          {{Owner: "x", RegisteredArea: d("1")}},
		"duplicate":      {{ID: "a", RegisteredArea: d("1")}, {ID: "a", RegisteredArea: d("2")}},
		"owner is dev":   {{ID: "a", Owner: "dev", RegisteredArea: d("1")}},
		"negative areas": {{ID: "a", Owner: "x", RegisteredArea: d("-3")}},
	} {
		if _, err := vote.CountOwners(bad, "dev"); !errors.Is(err, vote.ErrInvalidPoll) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := vote.CountOwners(units, ""); !errors.Is(err, vote.ErrInvalidPoll) {
		t.Errorf("no developer id: %v", err)
	}
}

func TestResultJSONRoundTrip(t *testing.T) {
	polls := fuzzPolls()
	ballots := map[vote.PollID][]vote.Ballot{
		"a": sixProjects46Reps(),
		"c": {{Marks: []vote.Mark{{Option: "a", Count: 2}, {Option: "b"}}}, {Marks: []vote.Mark{{Option: "b", Count: 3}}}},
		"s": {{Marks: []vote.Mark{{Option: "a", Level: "satisfied"}, {Option: "b", Level: "dissatisfied"}}}},
		"m": {{Voter: "v000", Choice: vote.Yes}, {Voter: "v001", Choice: vote.No}},
		"o": {{Voter: "o00", Choice: vote.Yes}, {Voter: "o01", Choice: vote.Yes}, {Voter: "o02", Choice: vote.Abstain}},
		"e": {marks("a", "b"), marks("a"), marks("c")},
	}
	for _, p := range polls {
		t.Run(string(p.ID), func(t *testing.T) {
			if p.ID == "a" {
				p.Options = sixProjects()
			}
			res, err := vote.Tally(p, ballots[p.ID])
			if err != nil {
				t.Fatal(err)
			}
			data, err := json.Marshal(res)
			if err != nil {
				t.Fatal(err)
			}
			var back vote.Result
			if err := json.Unmarshal(data, &back); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(res, back, decimalEqual); diff != "" {
				t.Errorf("JSON round trip (-want +got):\n%s", diff)
			}
			again, _ := vote.Tally(p, ballots[p.ID])
			if res.Explain() != again.Explain() || res.Explain() != back.Explain() {
				t.Error("Explain is not deterministic")
			}
		})
	}
}

func TestParsePoll(t *testing.T) {
	p, err := vote.ParsePoll([]byte(`{"id":"lift","rule":{"method":"double-majority","matter":"rebuild",
		"quorum":{"num":2,"den":3,"inclusive":true,"base":"eligible"},"threshold":{"num":3,"den":4,"inclusive":true}},
		"voters":[{"id":"101","weight":"60.5"},{"id":"102","weight":"88"}],"state":"draft","version":0}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Voters) != 2 || !p.Voters[0].Weight.Equal(decimal.RequireFromString("60.5")) || !p.Rule.Matter.Special() {
		t.Errorf("parsed %+v", p)
	}
	for name, bad := range map[string]string{
		"no weight":            `{"id":"x","rule":{"method":"double-majority","quorum":{"num":2,"den":3,"base":"eligible"},"threshold":{"num":1,"den":2}},"voters":[{"id":"a"}]}`,
		"unknown key":          `{"id":"x","rule":{"method":"approval"},"options":[{"id":"a"}],"colour":1}`,
		"no options":           `{"id":"x","rule":{"method":"approval"}}`,
		"bad rule":             `{"id":"x","rule":{"method":"approval","votes":-1},"options":[{"id":"a"}]}`,
		"duplicate voters key": `{"id":"x","rule":{"method":"approval"},"options":[{"id":"a"}],"voters":[{"id":"v1"}],"voters":[]}`,
		"case-variant matter": `{"id":"x","rule":{"method":"double-majority","matter":"raise-fund","MATTER":"rules",
			"quorum":{"num":2,"den":3,"inclusive":true,"base":"eligible"},"threshold":{"num":3,"den":4,"inclusive":true}},"voters":[{"id":"a","weight":"1"}]}`,
		"case-variant id": `{"ID":"x","rule":{"method":"approval"},"options":[{"id":"a"}]}`,
	} {
		_, err := vote.ParsePoll([]byte(bad))
		if !errors.Is(err, vote.ErrInvalidPoll) && !errors.Is(err, vote.ErrInvalidConfig) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestPeekMethod(t *testing.T) {
	m, err := vote.PeekMethod([]byte(`{"seats":3,"method":"stv","quota":"droop"}`))
	if err != nil || m != "stv" {
		t.Errorf("PeekMethod = %q, %v", m, err)
	}
	for _, bad := range []string{`{}`, `{"method":3}`, `[1]`, `{"method":""}`,
		`{"method":"approval","METHOD":"irv"}`, `{"method":"approval","method":"irv"}`} {
		if _, err := vote.PeekMethod([]byte(bad)); !errors.Is(err, vote.ErrInvalidConfig) {
			t.Errorf("PeekMethod(%s) = %v", bad, err)
		}
	}
}

func FuzzParsePoll(f *testing.F) {
	for _, p := range fuzzPolls() {
		b, _ := json.Marshal(p)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := vote.ParsePoll(data)
		if err != nil {
			if !errors.Is(err, vote.ErrInvalidPoll) && !errors.Is(err, vote.ErrInvalidConfig) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		// A valid poll tallies an empty ballot box without error.
		if _, err := vote.Tally(p, nil); err != nil {
			t.Fatalf("valid poll, empty tally: %v", err)
		}
	})
}
