package project

import (
	"context"
	"errors"
	"fmt"
	"github.com/gongzhi/gongzhi/calendar"
	"slices"
	"time"

	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/vote"
)

// Options configures a Service. The zero value is valid.
type Options struct {
	// Now is the clock used to time steps and ledger entries that carry
	// no time. nil means time.Now.
	Now func() time.Time
	// Topics, if set, is where Propose looks up the topic and resolution
	// a project cites (an agenda.Store or *agenda.Service); Tickets (a
	// ticket.Store) likewise for the tickets it cites. A citation of a
	// record that does not exist is refused with a *RefError.
	Topics  Topics
	Tickets Tickets
	// Retries is how often a write that lost an optimistic-concurrency
	// race (ErrConflict) is re-read and retried; 0 means 3.
	Retries int
	// Calendar computes milestones given as a time limit (Milestone.Limit)
	// and decides their provisional standing; nil means such milestones
	// are refused.
	Calendar *calendar.Calendar
}

// Service runs the project workflow over a Store: entering projects into
// the pool, moving them through the lifecycle, drawing up and adopting
// yearly plans (rolling the rest over), recording the owners' lift
// decisions and keeping the budget ledger. Invalid input changes nothing.
// A Service is safe for concurrent use if its Store is.
type Service struct {
	store   Store
	now     func() time.Time
	retries int
	cal     *calendar.Calendar
	topics  Topics
	tickets Tickets
}

// NewService returns a Service over s. A nil opts means the defaults.
func NewService(s Store, opts *Options) *Service {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Retries <= 0 {
		o.Retries = 3
	}
	return &Service{store: s, now: o.Now, retries: o.Retries, cal: o.Calendar, topics: o.Topics, tickets: o.Tickets}
}

// Propose enters p into the pool as Proposed, with a first history event
// at the service's clock. p.Status must be empty or Proposed.
func (s *Service) Propose(ctx context.Context, p Project) (Project, error) {
	if p.Status == "" {
		p.Status = Proposed
	}
	if p.Status != Proposed {
		return Project{}, &InputError{ID: string(p.ID), Field: "status", Reason: "new projects start as proposed"}
	}
	if err := p.Validate(); err != nil {
		return Project{}, err
	}
	if err := s.checkRefs(ctx, p); err != nil {
		return Project{}, err
	}
	q := p.Clone()
	q.Version = 0
	q.History = []Event{{To: Proposed, At: s.now(), By: p.Proposer, Reason: fmt.Sprintf("from %s %s", p.Origin, p.Ref)}}
	v, err := s.store.PutProject(ctx, q)
	if err != nil {
		return Project{}, fmt.Errorf("project: propose %s: %w", p.ID, err)
	}
	q.Version = v
	return q, nil
}

// Project returns a stored project.
func (s *Service) Project(ctx context.Context, id ID) (Project, error) {
	return s.store.Project(ctx, id)
}

// update reads project id, applies f and writes the result, retrying on
// a version conflict. f must be pure: it may run more than once.
func (s *Service) update(ctx context.Context, id ID, f func(Project) (Project, error)) (Project, error) {
	for attempt := 0; ; attempt++ {
		p, err := s.store.Project(ctx, id)
		if err != nil {
			return Project{}, err
		}
		q, err := f(p)
		if err != nil {
			return Project{}, err
		}
		v, err := s.store.PutProject(ctx, q)
		if errors.Is(err, ErrConflict) && attempt < s.retries {
			continue
		}
		if err != nil {
			return Project{}, fmt.Errorf("project: update %s: %w", id, err)
		}
		q.Version = v
		return q, nil
	}
}

// Advance applies a lifecycle step (see Step and the package function
// Advance). A step without a time is timed by the service's clock.
func (s *Service) Advance(ctx context.Context, id ID, step Step) (Project, error) {
	if step.At.IsZero() {
		step.At = s.now()
	}
	return s.update(ctx, id, func(p Project) (Project, error) { return Advance(p, step) })
}

// AddMilestone adds a planned milestone to a Planned or InProgress
// project. Milestone names are unique within a project.
func (s *Service) AddMilestone(ctx context.Context, id ID, m Milestone) (Project, error) {
	return s.update(ctx, id, func(p Project) (Project, error) {
		if p.Status != Planned && p.Status != InProgress {
			return p, &InputError{ID: string(id), Field: "status", Reason: "milestones are planned for planned or running projects"}
		}
		if err := s.schedule(&m); err != nil { // rebase.go
			return p, &InputError{ID: string(id), Field: "milestone", Reason: err.Error()}
		}
		if m.Name == "" || m.Due.IsZero() || !m.Done.IsZero() {
			return p, &InputError{ID: string(id), Field: "milestone", Reason: "a new milestone needs a name and a due date, and is not done yet"}
		}
		if slices.ContainsFunc(p.Milestones, func(x Milestone) bool { return x.Name == m.Name }) {
			return p, &InputError{ID: string(id), Field: "milestone", Reason: "milestone " + m.Name + " exists"}
		}
		q := p.Clone()
		q.Milestones = append(q.Milestones, m)
		return q, nil
	})
}

// ReachMilestone marks milestone name of an InProgress project as done at
// the given time (zero: the service's clock).
func (s *Service) ReachMilestone(ctx context.Context, id ID, name string, at time.Time) (Project, error) {
	if at.IsZero() {
		at = s.now()
	}
	return s.update(ctx, id, func(p Project) (Project, error) {
		if p.Status != InProgress {
			return p, &InputError{ID: string(id), Field: "status", Reason: "milestones are reached while the works are in progress"}
		}
		i := slices.IndexFunc(p.Milestones, func(x Milestone) bool { return x.Name == name })
		if i < 0 {
			return p, &NotFoundError{Kind: "milestone", ID: string(id) + "/" + name}
		}
		if !p.Milestones[i].Done.IsZero() {
			return p, &InputError{ID: string(id), Field: "milestone", Reason: "milestone " + name + " already reached"}
		}
		q := p.Clone()
		q.Milestones[i].Done = at
		return q, nil
	})
}

// DecideElevator records an owners' lift decision on project id (see the
// package function DecideElevator).
func (s *Service) DecideElevator(ctx context.Context, id ID, d ElevatorDecision) (Project, error) {
	return s.update(ctx, id, func(p Project) (Project, error) { return DecideElevator(p, d) })
}

// Pool returns the projects that are candidates for year's plan: in the
// pool (Screened, Shortlisted, Voted, Deferred) with a pool year of year
// or earlier, in id order.
func (s *Service) Pool(ctx context.Context, year int) ([]Project, error) {
	var out []Project
	for p, err := range s.store.Projects(ctx) {
		if err != nil {
			return nil, err
		}
		if p.Status.InPool() && p.Year <= year {
			out = append(out, p)
		}
	}
	return out, nil
}

// ManualChoice is a recorded manual decision to include or exclude a
// pool project from a plan.
type ManualChoice struct {
	Project ID     `json:"project"`
	Include bool   `json:"include"`
	Reason  string `json:"reason"`
}

// DrawPlan draws up the plan of rule.Year from the pool with Choose,
// applying manual choices (each needs a reason and a pool project). It
// stores nothing; see AdoptPlan.
func (s *Service) DrawPlan(ctx context.Context, rule PlanRule, manual []ManualChoice, places Places) (Plan, error) {
	pool, err := s.Pool(ctx, rule.Year)
	if err != nil {
		return Plan{}, err
	}
	idx := make(map[ID]int, len(pool))
	cands := make([]Candidate, len(pool))
	for i, p := range pool {
		idx[p.ID] = i
		cands[i] = CandidateOf(p)
	}
	for _, m := range manual {
		i, ok := idx[m.Project]
		if !ok {
			return Plan{}, &NotFoundError{Kind: "pool project", ID: string(m.Project)}
		}
		if m.Reason == "" {
			return Plan{}, &InputError{ID: string(m.Project), Field: "reason", Reason: "a manual choice needs a recorded reason"}
		}
		if m.Include {
			cands[i].Pin = m.Reason
		} else {
			cands[i].Exclude = m.Reason
		}
	}
	return Choose(rule, cands, places)
}

// AdoptPlan checks that every project the plan decides on is stored,
// then stores plan as the plan of its year, moves every selected
// project to Planned (with the plan's reason) and rolls every project
// left out into the next year's pool (滚动实施). Adoption is idempotent:
// if it is interrupted, calling it again with the same plan finishes the
// job. A different plan for a year that already has one is ErrConflict.
func (s *Service) AdoptPlan(ctx context.Context, plan Plan) error {
	year := plan.Rule.Year
	if err := plan.Rule.Validate(); err != nil {
		return err
	}
	for _, d := range plan.Decisions {
		if _, err := s.store.Project(ctx, d.Project); err != nil {
			return fmt.Errorf("project: adopt plan %d: %w", year, err)
		}
	}
	if err := s.store.PutPlan(ctx, plan); err != nil {
		return fmt.Errorf("project: adopt plan %d: %w", year, err)
	}
	at := s.now()
	for _, d := range plan.Decisions {
		_, err := s.update(ctx, d.Project, func(p Project) (Project, error) {
			switch {
			case d.In && p.Status == Planned && p.PlanYear == year:
				return p, errDone
			case d.In:
				return Advance(p, Step{To: Planned, At: maxTime(at, p), Year: year, Reason: fmt.Sprintf("plan %d: %s", year, d.Reason)})
			case !p.Status.InPool() || p.Year > year:
				return p, errDone // already rolled, or moved on meanwhile
			default:
				return Roll(p, year+1, maxTime(at, p), fmt.Sprintf("plan %d: %s", year, d.Reason))
			}
		})
		if err != nil && !errors.Is(err, errDone) {
			return fmt.Errorf("project: adopt plan %d: %w", year, err)
		}
	}
	return nil
}

// errDone stops an update that has nothing to do.
var errDone = errors.New("project: nothing to do")

// maxTime keeps a step's time from going before the project's last event.
func maxTime(at time.Time, p Project) time.Time {
	if n := len(p.History); n > 0 && at.Before(p.History[n-1].At) {
		return p.History[n-1].At
	}
	return at
}

// Plan returns the adopted plan of year.
func (s *Service) Plan(ctx context.Context, year int) (Plan, error) { return s.store.Plan(ctx, year) }

// Ledger replays the stored ledger.
func (s *Service) Ledger(ctx context.Context) (*Ledger, []Entry, error) {
	var es []Entry
	for e, err := range s.store.Entries(ctx) {
		if err != nil {
			return nil, nil, err
		}
		es = append(es, e)
	}
	l, err := NewLedger(es)
	if err != nil {
		return nil, nil, fmt.Errorf("project: stored ledger is inconsistent: %w", err)
	}
	return l, es, nil
}

// Record appends a budget entry after checking it against the ledger
// and the workflow: allocations go to planned or running projects,
// spending to projects in progress (or completed, during rectification).
// An entry without a time is timed by the service's clock. Retrying an
// entry already recorded with identical content returns it unchanged; set
// At yourself when you may retry, since a clock-timed retry differs from
// the first attempt and is refused as a reused id (ErrInvalid).
func (s *Service) Record(ctx context.Context, e Entry) (Entry, error) {
	if e.At.IsZero() {
		e.At = s.now()
	}
	for attempt := 0; ; attempt++ {
		l, es, err := s.Ledger(ctx)
		if err != nil {
			return Entry{}, err
		}
		if i := slices.IndexFunc(es, func(x Entry) bool { return x.ID == e.ID }); i >= 0 {
			if SameEntry(es[i], e) {
				return es[i], nil
			}
			return Entry{}, &InputError{ID: e.ID, Field: "id", Reason: "entry id already used"}
		}
		if err := s.checkWorkflow(ctx, e); err != nil {
			return Entry{}, err
		}
		if err := l.Check(e); err != nil {
			return Entry{}, err
		}
		got, err := s.store.AppendEntry(ctx, e, l.Len())
		if errors.Is(err, ErrConflict) && attempt < s.retries {
			continue
		}
		if err != nil {
			return Entry{}, fmt.Errorf("project: record %s: %w", e.ID, err)
		}
		return got, nil
	}
}

func (s *Service) checkWorkflow(ctx context.Context, e Entry) error {
	var ok []Status
	switch e.Kind {
	case Allocate, ChangeAllocation:
		ok = []Status{Planned, InProgress, Completed, Accepted}
	case Spend:
		ok = []Status{InProgress, Completed}
	default:
		return nil
	}
	p, err := s.store.Project(ctx, e.Project)
	if err != nil {
		return err
	}
	if !slices.Contains(ok, p.Status) {
		return &InputError{ID: e.ID, Field: "project", Reason: fmt.Sprintf("project %s is %s; %s needs one of %v", p.ID, p.Status, e.Kind, ok)}
	}
	return nil
}

// Report summarises the ledger by source and project.
func (s *Service) Report(ctx context.Context) (Report, error) {
	l, _, err := s.Ledger(ctx)
	if err != nil {
		return Report{}, err
	}
	return l.Report(), nil
}

// ByGrid rolls the budget up the grid (see Ledger.ByGrid), locating each
// project by its stored Grid.
func (s *Service) ByGrid(ctx context.Context, places Places) ([]GridLine, error) {
	l, _, err := s.Ledger(ctx)
	if err != nil {
		return nil, err
	}
	grids := map[ID]grid.ID{}
	for p, err := range s.store.Projects(ctx) {
		if err != nil {
			return nil, err
		}
		grids[p.ID] = p.Grid
	}
	return l.ByGrid(func(id ID) grid.ID { return grids[id] }, places), nil
}

// ReviewPlan records the residents' satisfaction vote on the projects of
// year's plan (Shuangjing 2021: the vote on last year's ten projects). Each
// option of the tallied satisfaction poll res is a project id; every one
// must be Accepted with PlanYear year, which is checked for all of them
// before any is changed. Each project moves to Reviewed with its Review
// (passed if its satisfied answers meet threshold). The reviews come back
// in the order of res.Options.
//
// A project of plan year that already holds the review this call computes
// (a retry after a failure or a stop midway, whatever step it took since)
// is left as it is and its stored review returned, so calling ReviewPlan
// again finishes the reviews; one that holds another review is an
// *InputError, and nothing is changed.
func (s *Service) ReviewPlan(ctx context.Context, year int, res vote.Result, threshold vote.Ratio) ([]Review, error) {
	reviews := make([]Review, 0, len(res.Options))
	stored := make([]bool, len(res.Options))
	for i, o := range res.Options {
		p, err := s.store.Project(ctx, ID(o.Option))
		if err != nil {
			return nil, err
		}
		r, err := ReviewFrom(res, o.Option, threshold)
		if err != nil {
			return nil, err
		}
		switch {
		case p.PlanYear == year && p.Review != nil && *p.Review == r:
			stored[i] = true
		case p.Review != nil && p.PlanYear == year:
			return nil, &InputError{ID: string(p.ID), Field: "review", Reason: fmt.Sprintf("already reviewed by poll %s (%d of %d satisfied); this vote gives %d of %d", p.Review.Poll, p.Review.Satisfied, p.Review.Base, r.Satisfied, r.Base)}
		case p.Status != Accepted || p.PlanYear != year:
			return nil, &InputError{ID: string(p.ID), Field: "status", Reason: fmt.Sprintf("is %s in plan %d; a review needs an accepted project of plan %d", p.Status, p.PlanYear, year)}
		}
		reviews = append(reviews, r)
	}
	for i, o := range res.Options {
		if stored[i] {
			continue
		}
		if _, err := s.Advance(ctx, ID(o.Option), Step{To: Reviewed, Review: &reviews[i], By: "residents' satisfaction vote " + string(res.Poll)}); err != nil {
			return nil, err
		}
	}
	return reviews, nil
}
