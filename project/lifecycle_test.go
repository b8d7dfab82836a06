package project_test

import (
	"errors"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/project"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

func newProject() project.Project {
	return project.Project{ID: "p1", Title: "社区景观微更新改造", Grid: "c1", Cost: d("120000"),
		Origin: project.FromProposal, Year: 2026, Status: project.Proposed}
}

// fullStep returns a step to "to" carrying everything that target needs.
func fullStep(from, to project.Status, at time.Time) project.Step {
	s := project.Step{To: to, At: at, By: "office", Reason: "because", Year: 2026}
	switch {
	case to == project.Voted:
		s.Vote = voted(40, 46, true)
	case to == project.Accepted:
		s.Acceptance = &project.Acceptance{By: []string{"inspector"}, Passed: true}
	case to == project.InProgress && from == project.Completed:
		s.Acceptance = &project.Acceptance{By: []string{"inspector"}, Findings: []string{"paint peeling"}}
	case to == project.Reviewed:
		r := project.NewReview("sat", 30, 46, project.SatisfactionThreshold())
		s.Review = &r
	}
	return s
}

func TestLifecycleHappyPath(t *testing.T) {
	p := newProject()
	at := t0
	path := []project.Status{project.Screened, project.Shortlisted, project.Voted, project.Planned, project.InProgress,
		project.Completed, project.InProgress, project.Completed, project.Accepted, project.Reviewed, project.Closed}
	for _, to := range path {
		at = at.Add(24 * time.Hour)
		next, err := project.Advance(p, fullStep(p.Status, to, at))
		if err != nil {
			t.Fatalf("%s -> %s: %v", p.Status, to, err)
		}
		p = next
	}
	if p.Status != project.Closed || len(p.History) != len(path) || len(p.Acceptances) != 2 || p.Acceptances[0].Passed || !p.Review.Passed || p.PlanYear != 2026 {
		t.Errorf("final project %+v", p)
	}
	if !p.Status.Terminal() {
		t.Error("closed must be terminal")
	}
}

func TestLifecycleRefusals(t *testing.T) {
	base := newProject()
	screened, _ := project.Advance(base, fullStep(project.Proposed, project.Screened, t0))
	completed := screened
	completed.Status = project.Completed
	tests := []struct {
		name string
		p    project.Project
		step project.Step
	}{
		{"skip to planned", base, fullStep(project.Proposed, project.Planned, t0)},
		{"unknown status", base, project.Step{To: "archived", At: t0}},
		{"no time", base, project.Step{To: project.Screened}},
		{"cancel without reason", base, project.Step{To: project.Cancelled, At: t0}},
		{"defer without reason", screened, project.Step{To: project.Deferred, At: t0}},
		{"earlier than last step", screened, fullStep(project.Screened, project.Shortlisted, t0.Add(-time.Hour))},
		{"manual plan without reason", screened, project.Step{To: project.Planned, At: t0, Year: 2026}},
		{"plan without year", screened, project.Step{To: project.Planned, At: t0, Reason: "x"}},
		{"accept without acceptance", completed, project.Step{To: project.Accepted, At: t0}},
		{"accept with failed acceptance", completed, project.Step{To: project.Accepted, At: t0, Acceptance: &project.Acceptance{By: []string{"x"}}}},
		{"rectify without findings", completed, project.Step{To: project.InProgress, At: t0, Acceptance: &project.Acceptance{By: []string{"x"}}}},
		{"roll back a year", screened, project.Step{To: project.Deferred, At: t0, Reason: "x", Year: 2020}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := tc.p.Clone()
			got, err := project.Advance(tc.p, tc.step)
			var te *project.TransitionError
			if !errors.Is(err, project.ErrIllegalTransition) || !errors.As(err, &te) || te.Project != "p1" {
				t.Fatalf("err = %v, want a TransitionError", err)
			}
			if diff := cmp.Diff(before, got); diff != "" {
				t.Errorf("a refused step changed the project (-before +after):\n%s", diff)
			}
			if diff := cmp.Diff(before, tc.p); diff != "" {
				t.Errorf("Advance modified its input (-before +after):\n%s", diff)
			}
		})
	}
}

func TestRoll(t *testing.T) {
	p, _ := project.Advance(newProject(), fullStep(project.Proposed, project.Screened, t0))
	p, err := project.Roll(p, 2027, t0.Add(time.Hour), "")
	if err != nil || p.Status != project.Deferred || p.Year != 2027 {
		t.Fatalf("roll: %+v %v", p, err)
	}
	p, err = project.Roll(p, 2028, t0.Add(2*time.Hour), "budget exhausted")
	if err != nil || p.Year != 2028 || p.History[len(p.History)-1].Reason != "budget exhausted" {
		t.Fatalf("second roll: %+v %v", p, err)
	}
	if _, err := project.Roll(p, 2027, t0.Add(3*time.Hour), ""); !errors.Is(err, project.ErrIllegalTransition) {
		t.Errorf("rolling back: %v", err)
	}
	closed := newProject()
	closed.Status = project.Closed
	if _, err := project.Roll(closed, 2027, t0, ""); !errors.Is(err, project.ErrIllegalTransition) {
		t.Errorf("rolling a closed project: %v", err)
	}
}

// model is the lifecycle as the issue states it, written independently of
// the package's transition table.
var model = map[project.Status][]project.Status{
	project.Proposed:    {project.Screened, project.Cancelled},
	project.Screened:    {project.Shortlisted, project.Planned, project.Deferred, project.Cancelled},
	project.Shortlisted: {project.Voted, project.Planned, project.Deferred, project.Cancelled},
	project.Voted:       {project.Planned, project.Deferred, project.Cancelled},
	project.Planned:     {project.InProgress, project.Deferred, project.Cancelled},
	project.InProgress:  {project.Completed, project.Cancelled},
	project.Completed:   {project.Accepted, project.InProgress},
	project.Accepted:    {project.Reviewed},
	project.Reviewed:    {project.Closed},
	project.Deferred:    {project.Screened, project.Shortlisted, project.Planned, project.Cancelled},
}

func allowed(from, to project.Status) bool {
	for _, s := range model[from] {
		if s == to {
			return true
		}
	}
	return false
}

// TestPropLifecycleModel drives a project with random steps (well-formed
// or not) and checks it against the model: legal steps succeed and are
// recorded, anything else is a TransitionError that changes nothing.
func TestPropLifecycleModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := newProject()
		status := project.Proposed
		events := 0
		at := t0
		t.Repeat(map[string]func(*rapid.T){
			"step": func(t *rapid.T) {
				to := rapid.SampledFrom(project.Statuses()).Draw(t, "to")
				at = at.Add(time.Duration(rapid.IntRange(0, 48).Draw(t, "hours")) * time.Hour)
				s := fullStep(status, to, at)
				s.Year = p.Year
				wellFormed := rapid.IntRange(0, 4).Draw(t, "malformed") != 0
				if !wellFormed {
					s.Reason, s.Vote, s.Acceptance, s.Review = "", nil, nil, nil
				}
				next, err := project.Advance(p, s)
				needsData := to == project.Cancelled || to == project.Deferred || to == project.Voted ||
					to == project.Accepted || to == project.Reviewed ||
					(to == project.Planned && status != project.Voted) ||
					(to == project.InProgress && status == project.Completed)
				ok := allowed(status, to) && (wellFormed || !needsData)
				if ok != (err == nil) {
					t.Fatalf("%s -> %s (well-formed %v): err = %v, model says ok=%v", status, to, wellFormed, err, ok)
				}
				if err != nil {
					if !errors.Is(err, project.ErrIllegalTransition) {
						t.Fatalf("untyped error %v", err)
					}
					if diff := cmp.Diff(p, next); diff != "" {
						t.Fatalf("refused step changed the project:\n%s", diff)
					}
					return
				}
				p, status = next, to
				events++
			},
			"roll": func(t *rapid.T) {
				at = at.Add(time.Hour)
				year := p.Year + rapid.IntRange(0, 1).Draw(t, "dy")
				next, err := project.Roll(p, year, at, "")
				inPool := status == project.Screened || status == project.Shortlisted || status == project.Voted || status == project.Deferred
				if inPool != (err == nil) {
					t.Fatalf("roll from %s: err = %v", status, err)
				}
				if err == nil {
					p, status = next, project.Deferred
					events++
				}
			},
			"": func(t *rapid.T) {
				if p.Status != status || len(p.History) != events {
					t.Fatalf("project %s with %d events, model %s with %d", p.Status, len(p.History), status, events)
				}
				for _, s := range project.Statuses() {
					if project.CanMove(status, s) != allowed(status, s) {
						t.Fatalf("CanMove(%s, %s) disagrees with the model", status, s)
					}
				}
			},
		})
	})
}
