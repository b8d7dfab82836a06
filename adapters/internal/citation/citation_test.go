package citation

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/ticket"
)

func TestUniqKeepsFirstSeenOrderAndEmpty(t *testing.T) {
	got := Uniq([]ticket.ID{"T-2", "T-1", "T-2", "", "T-1", ""})
	if diff := cmp.Diff([]string{"T-2", "T-1", ""}, got); diff != "" {
		t.Errorf("Uniq (-want +got):\n%s", diff)
	}
}

func TestResolutionIDs(t *testing.T) {
	topic := agenda.Topic{
		Resolution: &agenda.Resolution{ID: "R-3"},
		Withdrawn:  []agenda.Resolution{{ID: "R-1"}, {ID: ""}, {ID: "R-3"}, {ID: "R-2"}},
	}
	if diff := cmp.Diff([]string{"R-3", "R-1", "R-2"}, ResolutionIDs(topic)); diff != "" {
		t.Errorf("ResolutionIDs (-want +got):\n%s", diff)
	}
	if got := ResolutionIDs(agenda.Topic{}); len(got) != 0 {
		t.Errorf("a topic without resolutions cites %q", got)
	}
}

func TestPolls(t *testing.T) {
	p := project.Project{
		Vote:   &project.VoteOutcome{Poll: "P-vote"},
		Review: &project.Review{Poll: "P-review"},
	}
	want := []Poll{{"vote", "P-vote"}, {"review", "P-review"}}
	if diff := cmp.Diff(want, Polls(p)); diff != "" {
		t.Errorf("Polls (-want +got):\n%s", diff)
	}
	p.Vote.Poll = ""
	if diff := cmp.Diff(want[1:], Polls(p)); diff != "" {
		t.Errorf("Polls without a vote poll (-want +got):\n%s", diff)
	}
}

func TestCheckProjectShape(t *testing.T) {
	alone := project.Project{ID: "X", Resolution: "R-1"}
	err := CheckProjectShape(alone, false, "sqlite")
	var ref *project.RefError
	if !errors.As(err, &ref) || ref.Field != "resolution" || !errors.Is(err, agenda.ErrNotFound) || !errors.Is(err, project.ErrInvalid) {
		t.Fatalf("a resolution without its topic: got %v, want a *project.RefError for the resolution", err)
	}
	if err := CheckProjectShape(alone, true, "sqlite"); err != nil {
		t.Errorf("topics kept elsewhere: got %v, want nil", err)
	}
	if err := CheckProjectShape(project.Project{ID: "X", Topic: "T", Resolution: "R-1"}, false, "sqlite"); err != nil {
		t.Errorf("a resolution with its topic: got %v, want nil", err)
	}
}

func TestRefOrNil(t *testing.T) {
	if RefOrNil("T-1", false) != "T-1" || RefOrNil("T-1", true) != nil || RefOrNil("", false) != nil {
		t.Error("RefOrNil: a checked id is itself; elsewhere or empty is NULL")
	}
	if NullIfEmpty("") != nil || NullIfEmpty("a") != "a" {
		t.Error("NullIfEmpty")
	}
}
