package project_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/project"
)

// Issue 13: a milestone given as 20 working days from 2027-12-20 runs into
// 2028, whose notice is not loaded: it is provisional. Once the notice is
// loaded, Rebase moves it and records why; a milestone reached stays.
func TestRebaseMilestones(t *testing.T) {
	ctx := context.Background()
	cst := time.FixedZone("CST", 8*3600)
	now := time.Date(2027, 12, 20, 10, 0, 0, 0, cst)
	st := project.NewMemStore()
	cal := calendar.China()
	s := project.NewService(st, &project.Options{Now: func() time.Time { return now }, Calendar: cal})
	if _, err := st.PutProject(ctx, project.Project{ID: "lift", Title: "lift", Grid: "c1", Status: project.Planned,
		Cost: project.Yuan(100_000), Year: 2027}); err != nil {
		t.Fatal(err)
	}
	limit := calendar.Period{N: 20, Unit: calendar.WorkingDays}
	p, err := s.AddMilestone(ctx, "lift", project.Milestone{Name: "works", Limit: limit})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddMilestone(ctx, "lift", project.Milestone{Name: "design", Limit: calendar.Period{N: 25, Unit: calendar.WorkingDays}}); err != nil {
		t.Fatal(err)
	}
	// 9 working days in December, then 01-03 off (元旦 on a Saturday): the
	// 20th is 2028-01-18.
	m := p.Milestones[0]
	if !m.Due.Equal(time.Date(2028, 1, 18, 17, 30, 0, 0, cst)) || m.Provisional.Reason != "2028 notice not loaded; statutory days only, no 调休" {
		t.Fatalf("milestone %+v", m)
	}
	if _, err := s.AddMilestone(ctx, "lift", project.Milestone{Name: "x", Limit: limit, Due: now}); err == nil {
		t.Error("both a due date and a limit accepted")
	}
	notice := `{"year": 2028, "holidays": [{"name": "元旦", "from": "2028-01-01", "to": "2028-01-04"}]}`
	cal2, err := cal.ExtendJSON(strings.NewReader(notice))
	if err != nil {
		t.Fatal(err)
	}
	now = time.Date(2028, 1, 2, 9, 0, 0, 0, cst)
	s2 := project.NewService(st, &project.Options{Now: func() time.Time { return now }, Calendar: cal2})
	moves, err := s2.Rebase(ctx)
	if err != nil || len(moves) != 2 {
		t.Fatalf("moves %v, %v", moves, err)
	}
	p, _ = s2.Project(ctx, "lift")
	want := "milestone works deadline moved from 2028-01-18 17:30 to 2028-01-19 17:30: 2028 notice loaded"
	if m := p.Milestones[0]; !m.Due.Equal(time.Date(2028, 1, 19, 17, 30, 0, 0, cst)) || m.Provisional.IsProvisional() ||
		p.History[len(p.History)-2].Reason != want {
		t.Errorf("after rebase: %+v, history %+v", m, p.History)
	}
	if moves, err := s2.Rebase(ctx); err != nil || len(moves) != 0 {
		t.Errorf("second rebase: %v %v", moves, err)
	}
}
