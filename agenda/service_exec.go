package agenda

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/gongzhi/gongzhi/grid"
)

// Assign gives a task of an executing resolution to a responsible unit
// with a deadline (办). The deadline may not be before today.
func (s *Service) Assign(ctx context.Context, tid TopicID, k Task) (Topic, error) {
	now := s.now()
	switch {
	case strings.TrimSpace(string(k.ID)) == "":
		return Topic{}, invalid("task.id", "empty")
	case strings.TrimSpace(k.Unit) == "":
		return Topic{}, invalid("task.unit", "a task names its responsible unit")
	case k.Deadline.IsZero() || dayIn(k.Deadline, s.loc).Before(dayIn(now, s.loc)):
		return Topic{}, invalid("task.deadline", "missing or in the past")
	case len(k.Reports) != 0 || !k.Done.IsZero():
		return Topic{}, invalid("task", "a new task has no reports")
	}
	k.Assigned = now
	k.Deadline = dayIn(k.Deadline, s.loc)
	return s.updateTopic(ctx, tid, func(t *Topic) error {
		if t.Status != Executing {
			return &TransitionError{Topic: tid, From: t.Status, Action: "assign"}
		}
		if slices.ContainsFunc(t.Tasks, func(x Task) bool { return x.ID == k.ID }) {
			return invalid("task.id", "task %s exists", k.ID)
		}
		t.Tasks = append(t.Tasks, k)
		return nil
	})
}

// Progress records a progress report on a task; a report of 100 percent
// marks it done. Percent may not go down.
func (s *Service) Progress(ctx context.Context, tid TopicID, kid TaskID, r Report) (Topic, error) {
	if r.Percent < 0 || r.Percent > 100 {
		return Topic{}, invalid("report.percent", "must be 0-100, got %d", r.Percent)
	}
	if strings.TrimSpace(r.By) == "" {
		return Topic{}, invalid("report.by", "empty")
	}
	r.At = s.now()
	return s.updateTopic(ctx, tid, func(t *Topic) error {
		if t.Status != Executing {
			return &TransitionError{Topic: tid, From: t.Status, Action: "report"}
		}
		i := slices.IndexFunc(t.Tasks, func(x Task) bool { return x.ID == kid })
		if i < 0 {
			return notFound("task", string(kid))
		}
		k := &t.Tasks[i]
		if !k.Done.IsZero() {
			return invalid("task", "task %s is done", kid)
		}
		if n := len(k.Reports); n > 0 && k.Reports[n-1].Percent > r.Percent {
			return invalid("report.percent", "progress %d%% is below the last report's %d%%", r.Percent, k.Reports[n-1].Percent)
		}
		k.Reports = append(k.Reports, r)
		if r.Percent == 100 {
			k.Done = r.At
		}
		return nil
	})
}

// Summon calls departments to report on a topic (吹哨报到), referring to
// them by id. Due is the last day to report and may not be in the past.
// Only a subdistrict or township summons (sm.By, at level sm.ByLevel; the
// rule is grid.MaySummon, the same as the ticket package's): a summons by
// any other body is an *InputError naming summons.by_level.
func (s *Service) Summon(ctx context.Context, tid TopicID, sm Summons) (Topic, error) {
	now := s.now()
	switch {
	case strings.TrimSpace(sm.ID) == "":
		return Topic{}, invalid("summons.id", "empty")
	case strings.TrimSpace(string(sm.By)) == "":
		return Topic{}, invalid("summons.by", "empty: name the subdistrict or township that summons")
	case !grid.MaySummon(sm.ByLevel):
		return Topic{}, invalid("summons.by_level", "%q may not summon departments: only a subdistrict or township does (北京市接诉即办工作条例 art. 16)", sm.ByLevel)
	case len(sm.Departments) == 0:
		return Topic{}, invalid("summons.departments", "a summons calls at least one department")
	case sm.Due.IsZero() || dayIn(sm.Due, s.loc).Before(dayIn(now, s.loc)):
		return Topic{}, invalid("summons.due", "missing or in the past")
	case len(sm.Reported) != 0:
		return Topic{}, invalid("summons.reported", "a new summons has no reports")
	}
	seen := map[string]bool{}
	for _, d := range sm.Departments {
		if strings.TrimSpace(d) == "" || seen[d] {
			return Topic{}, invalid("summons.departments", "empty or duplicate department %q", d)
		}
		seen[d] = true
	}
	sm.Departments = slices.Clone(sm.Departments)
	sm.At, sm.Due = now, dayIn(sm.Due, s.loc)
	return s.updateTopic(ctx, tid, func(t *Topic) error {
		if t.Status == Raised || t.Status.Final() {
			return &TransitionError{Topic: tid, From: t.Status, Action: "summon"}
		}
		if slices.ContainsFunc(t.Summons, func(x Summons) bool { return x.ID == sm.ID }) {
			return invalid("summons.id", "summons %s exists", sm.ID)
		}
		t.Summons = append(t.Summons, sm)
		return nil
	})
}

// CheckIn records that a summoned department reported (报到), and when
// (Summons.CheckedIn, the service's clock). Checking in twice changes
// nothing.
func (s *Service) CheckIn(ctx context.Context, tid TopicID, summons, department string) (Topic, error) {
	now := s.now()
	return s.updateTopic(ctx, tid, func(t *Topic) error {
		i := slices.IndexFunc(t.Summons, func(x Summons) bool { return x.ID == summons })
		if i < 0 {
			return notFound("summons", summons)
		}
		sm := &t.Summons[i]
		if !slices.Contains(sm.Departments, department) {
			return notFound("department", department)
		}
		if j, ok := slices.BinarySearch(sm.Reported, department); !ok {
			sm.Reported = slices.Insert(sm.Reported, j, department)
			sm.CheckedIn = maps.Clone(sm.CheckedIn)
			if sm.CheckedIn == nil {
				sm.CheckedIn = map[string]time.Time{}
			}
			sm.CheckedIn[department] = now
		}
		return nil
	})
}

// Complete reports execution finished: every task is done (at least one).
// The topic moves to supervision (督), awaiting acceptance.
func (s *Service) Complete(ctx context.Context, tid TopicID) (Topic, error) {
	now := s.now()
	return s.updateTopic(ctx, tid, func(t *Topic) error {
		if err := errTransition(*t, ActComplete); err != nil {
			return err
		}
		if len(t.Tasks) == 0 {
			return invalid("tasks", "topic %s has no tasks to complete", tid)
		}
		for _, k := range t.Tasks {
			if k.Done.IsZero() {
				return invalid("tasks", "task %s is not done", k.ID)
			}
		}
		return t.apply(ActComplete, now, "")
	})
}

// Accept records the acceptance inspection (验收). Passed sends the topic to
// the residents' evaluation; failed sends it back to execution.
func (s *Service) Accept(ctx context.Context, tid TopicID, a Acceptance) (Topic, error) {
	if strings.TrimSpace(a.By) == "" {
		return Topic{}, invalid("acceptance.by", "empty")
	}
	a.At = s.now()
	act := ActAcceptWork
	if !a.Passed {
		act = ActRejectWork
	}
	return s.updateTopic(ctx, tid, func(t *Topic) error {
		if err := t.apply(act, a.At, a.Note); err != nil {
			return err
		}
		if !a.Passed {
			// Finished tasks that failed inspection are open again.
			for i := range t.Tasks {
				t.Tasks[i].Done = time.Time{}
			}
		}
		t.Acceptance = append(t.Acceptance, a)
		return nil
	})
}

// Evaluate records the residents' satisfaction vote (评) under the policy's
// Satisfaction ratio: the topic closes as solved, or goes back to
// deliberation with its resolution withdrawn.
func (s *Service) Evaluate(ctx context.Context, tid TopicID, c Satisfaction) (Topic, error) {
	now := s.now()
	e, err := Assess(s.policy.Satisfaction, c, now)
	if err != nil {
		return Topic{}, err
	}
	return s.updateTopic(ctx, tid, func(t *Topic) error {
		if e.Solved {
			if err := t.apply(ActCloseSolved, now, e.Reason); err != nil {
				return err
			}
			t.Solved = now
		} else {
			if err := t.apply(ActSendBack, now, e.Reason); err != nil {
				return err
			}
			withdraw(t, e.Reason)
		}
		t.Evaluation = append(t.Evaluation, e)
		return nil
	})
}

// Compliance reports each community's standing against rule on the
// service's clock for the current year, rolled up places. Closed meetings
// count (with their quorum as recorded by attendance); topics solved count
// at their grid node.
func (s *Service) Compliance(ctx context.Context, rule Obligations, places Places, communities []grid.ID) (ComplianceReport, error) {
	now := s.now()
	from := time.Date(now.Year(), 1, 1, 0, 0, 0, 0, now.Location())
	var held []Held
	for m, err := range s.store.Meetings(ctx, from, from.AddDate(1, 0, 0)) {
		if err != nil {
			return ComplianceReport{}, err
		}
		if m.Status != Closed {
			continue
		}
		k, ok := s.policy.Kind(m.Kind)
		if !ok {
			continue
		}
		invited, present := m.Representatives()
		held = append(held, Held{Grid: m.Grid, Kind: m.Kind, At: m.At, Quorate: k.Quorum.Met(present, invited)})
	}
	var solved []Closure
	for t, err := range s.store.Topics(ctx) {
		if err != nil {
			return ComplianceReport{}, err
		}
		if t.Status == Solved {
			solved = append(solved, Closure{Grid: t.Grid, At: t.Solved})
		}
	}
	return Compliance(rule, places, communities, held, solved, now)
}

// Responsible answers who is responsible for a place for a kind of
// matter, as the grid stands at one instant; *grid.View implements it.
type Responsible interface {
	Responsible(id grid.ID, q grid.Query) (grid.Responsibility, error)
}

var _ Responsible = (*grid.View)(nil)

// AssignFromGrid assigns task k to whoever the grid r (a view of the grid
// as it stands now) makes responsible for place k.Grid, for the matter and roles of q: the preferred
// assignment's person (or their organisation) becomes the task's unit, and
// the assignment is recorded on the task. It returns the grid's answer with
// its reasoning. Errors from the grid (no one responsible) change nothing.
func (s *Service) AssignFromGrid(ctx context.Context, tid TopicID, k Task, r Responsible, q grid.Query) (Topic, grid.Responsibility, error) {
	if k.Grid == "" {
		return Topic{}, grid.Responsibility{}, invalid("task.grid", "the place to find a responsible unit for")
	}
	resp, err := r.Responsible(k.Grid, q)
	if err != nil {
		return Topic{}, grid.Responsibility{}, fmt.Errorf("agenda: no responsible unit for task %s at %s: %w", k.ID, k.Grid, err)
	}
	if len(resp.Assignments) == 0 {
		return Topic{}, resp, fmt.Errorf("agenda: no responsible unit for task %s at %s: %w", k.ID, k.Grid, ErrNotFound)
	}
	a, p := resp.Primary()
	k.Unit = p.Name
	if p.Org != "" {
		k.Unit = p.Org
	}
	if k.Unit == "" {
		k.Unit = string(p.ID)
	}
	k.Person, k.Assignment = p.ID, a.ID
	t, err := s.Assign(ctx, tid, k)
	return t, resp, err
}
