package main

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/gongzhi/gongzhi/examples/internal/storage"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/vote"
)

// projects runs the example's writes through the project service,
// skipping those the store already holds: with -db FILE, a second run (or
// a run after one killed midway) reads them back and continues.
type projects struct {
	ctx    context.Context
	svc    *project.Service
	stores *storage.Stores
	// tick moves the service's clock as one of its calls would, so that a
	// skipped write leaves the times of the later ones unchanged.
	tick func() time.Time
}

// propose enters p into the pool, or returns it as stored.
func (ps *projects) propose(p project.Project) (project.Project, error) {
	stored, err := ps.svc.Project(ps.ctx, p.ID)
	switch {
	case err == nil:
		ps.stores.ReadBack("project", 1)
		ps.tick()
		return stored, nil
	case errors.Is(err, project.ErrNotFound):
		return ps.svc.Propose(ps.ctx, p)
	}
	return project.Project{}, err
}

// reached reports whether p's history already holds a step to status to.
// Each project of the example reaches each status at most once before
// its next step, so this says whether the step was taken.
func reached(p project.Project, to project.Status) bool {
	return slices.ContainsFunc(p.History, func(e project.Event) bool { return e.To == to })
}

// advance takes step s on *p unless its history holds it.
func (ps *projects) advance(p *project.Project, s project.Step) error {
	if reached(*p, s.To) {
		ps.tick()
		return nil
	}
	q, err := ps.svc.Advance(ps.ctx, p.ID, s)
	if err != nil {
		return err
	}
	*p = q
	return nil
}

// review records the satisfaction vote res on last year's projects
// (project.Service.ReviewPlan). A run killed midway through ReviewPlan
// reviewed the first projects; ReviewPlan, called again, keeps their
// stored reviews and reviews the rest. The clock moves once for each
// review already stored, as it did when that run wrote it.
func (ps *projects) review(last []project.Project, res vote.Result) ([]project.Review, error) {
	for _, p := range last {
		if reached(p, project.Reviewed) {
			ps.tick()
		}
	}
	return ps.svc.ReviewPlan(ps.ctx, 2025, res, project.SatisfactionThreshold())
}

// adopt draws and adopts the plan of rule's year, or reads back the plan
// an earlier run adopted (the pool has moved on since, so drawing again
// would give another plan) and finishes its adoption if that run was
// killed midway (project.Service.AdoptPlan is idempotent).
func (ps *projects) adopt(rule project.PlanRule, manual []project.ManualChoice, places project.Places) (project.Plan, error) {
	plan, err := ps.svc.Plan(ps.ctx, rule.Year)
	switch {
	case errors.Is(err, project.ErrNotFound):
		if plan, err = ps.svc.DrawPlan(ps.ctx, rule, manual, places); err != nil {
			return project.Plan{}, err
		}
		return plan, ps.svc.AdoptPlan(ps.ctx, plan)
	case err != nil:
		return project.Plan{}, err
	}
	ps.stores.ReadBack("plan", 1)
	for _, d := range plan.Decisions {
		p, err := ps.svc.Project(ps.ctx, d.Project)
		if err != nil {
			return project.Plan{}, err
		}
		planned := p.Status == project.Planned && p.PlanYear == rule.Year
		rolled := !p.Status.InPool() || p.Year > rule.Year
		if d.In && !planned || !d.In && !rolled {
			return plan, ps.svc.AdoptPlan(ps.ctx, plan)
		}
	}
	ps.tick()
	return plan, nil
}

// ledger returns the ids of the ledger entries already stored.
func (ps *projects) ledger() (map[string]bool, error) {
	_, es, err := ps.svc.Ledger(ps.ctx)
	if err != nil {
		return nil, err
	}
	ids := make(map[string]bool, len(es))
	for _, e := range es {
		ids[e.ID] = true
	}
	ps.stores.ReadBack("ledger entry", len(es))
	return ids, nil
}

// record appends e to the ledger unless an entry with its id is stored.
func (ps *projects) record(stored map[string]bool, e project.Entry) error {
	if stored[e.ID] {
		ps.tick()
		return nil
	}
	_, err := ps.svc.Record(ps.ctx, e)
	return err
}
