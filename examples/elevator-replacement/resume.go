package main

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/gongzhi/gongzhi/examples/internal/storage"
	"github.com/gongzhi/gongzhi/project"
)

// works takes the lift project through the project service, skipping
// every write the store already holds: with -db FILE, a second run (or a
// run after one killed midway) reads the project and its ledger back and
// continues where they stop.
type works struct {
	ctx    context.Context
	stores *storage.Stores
	svc    *project.Service
	// tick moves the service's clock as the skipped call would have, so
	// that the times of the steps still to take are those of a run from
	// scratch.
	tick     func() time.Time
	p        project.Project // as stored
	advances int             // Advance steps taken or skipped so far
	ledger   map[string]bool // ids of the ledger entries stored
}

// start proposes p, or reads it and the ledger back from the store.
func start(ctx context.Context, stores *storage.Stores, svc *project.Service, tick func() time.Time, p project.Project) (*works, error) {
	w := &works{ctx: ctx, stores: stores, svc: svc, tick: tick, ledger: map[string]bool{}}
	stored, err := svc.Project(ctx, p.ID)
	switch {
	case err == nil:
		stores.ReadBack("project", 1)
		tick()
		w.p = stored
	case errors.Is(err, project.ErrNotFound):
		if w.p, err = svc.Propose(ctx, p); err != nil {
			return nil, err
		}
	default:
		return nil, err
	}
	_, es, err := svc.Ledger(ctx)
	if err != nil {
		return nil, err
	}
	for _, e := range es {
		w.ledger[e.ID] = true
	}
	stores.ReadBack("ledger entry", len(es))
	return w, nil
}

// advance takes step s unless the project's history holds it: each
// Advance adds one event after the first (Proposed), so the history's
// length counts the steps taken.
func (w *works) advance(s project.Step) error {
	w.advances++
	if len(w.p.History) > w.advances {
		w.tick()
		return nil
	}
	p, err := w.svc.Advance(w.ctx, w.p.ID, s)
	if err != nil {
		return err
	}
	w.p = p
	return nil
}

// decide records the owners' decision unless the project holds one (its
// owner group).
func (w *works) decide(d project.ElevatorDecision) error {
	if len(w.p.Representatives) > 0 {
		return nil
	}
	p, err := w.svc.DecideElevator(w.ctx, w.p.ID, d)
	if err != nil {
		return err
	}
	w.p = p
	return nil
}

// milestone plans m and marks it reached now, each unless stored.
func (w *works) milestone(m project.Milestone) error {
	i := slices.IndexFunc(w.p.Milestones, func(x project.Milestone) bool { return x.Name == m.Name })
	if i < 0 {
		p, err := w.svc.AddMilestone(w.ctx, w.p.ID, m)
		if err != nil {
			return err
		}
		w.p = p
		i = len(p.Milestones) - 1
	}
	if !w.p.Milestones[i].Done.IsZero() {
		w.tick()
		return nil
	}
	p, err := w.svc.ReachMilestone(w.ctx, w.p.ID, m.Name, time.Time{})
	if err != nil {
		return err
	}
	w.p = p
	return nil
}

// record appends e to the ledger unless an entry with its id is stored.
func (w *works) record(e project.Entry) error {
	if w.ledger[e.ID] {
		w.tick()
		return nil
	}
	if _, err := w.svc.Record(w.ctx, e); err != nil {
		return err
	}
	w.ledger[e.ID] = true
	return nil
}

// refused tries to record e, which the ledger refuses, and returns the
// refusal. A run that read the project back beyond this point (its next
// step stored) checks e against the stored ledger alone, with the check
// Record applies (project.Ledger.Check): the project has moved on since,
// and Record would now refuse e for its state instead.
func (w *works) refused(e project.Entry) error {
	if len(w.p.History) <= w.advances+1 {
		_, err := w.svc.Record(w.ctx, e)
		return err
	}
	l, _, err := w.svc.Ledger(w.ctx)
	if err != nil {
		return err
	}
	if e.At.IsZero() {
		e.At = w.tick()
	}
	return l.Check(e)
}
