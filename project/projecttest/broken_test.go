package projecttest_test

import (
	"context"
	"testing"

	"github.com/gongzhi/gongzhi/internal/mustfail"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/project/projecttest"
)

// lostUpdate ignores the version a write carries: the last writer wins.
type lostUpdate struct{ *project.MemStore }

func (s lostUpdate) PutProject(ctx context.Context, p project.Project) (int64, error) {
	if cur, err := s.MemStore.Project(ctx, p.ID); err == nil {
		p.Version = cur.Version
	}
	return s.MemStore.PutProject(ctx, p)
}

// forgetfulLedger refuses a retried entry as a conflict.
type forgetfulLedger struct{ *project.MemStore }

func (s forgetfulLedger) AppendEntry(ctx context.Context, e project.Entry, after int64) (project.Entry, error) {
	for old, err := range s.MemStore.Entries(ctx) {
		if err == nil && old.ID == e.ID {
			return project.Entry{}, project.ErrConflict
		}
	}
	return s.MemStore.AppendEntry(ctx, e, after)
}

// TestSuiteCatchesBrokenStores proves that TestStore fails, in the
// subtest named, against stores that break its contract.
func TestSuiteCatchesBrokenStores(t *testing.T) {
	suite := func(wrap func(*project.MemStore) project.Store) func(t *testing.T) {
		return func(t *testing.T) {
			projecttest.TestStore(t, func(*testing.T) project.Store { return wrap(project.NewMemStore()) })
		}
	}
	mustfail.Run(t, []mustfail.Case{
		{Name: "lost-update", Want: "PutConflict", Suite: suite(func(m *project.MemStore) project.Store { return lostUpdate{m} })},
		{Name: "forgetful-ledger", Want: "AppendIdempotent", Suite: suite(func(m *project.MemStore) project.Store { return forgetfulLedger{m} })},
	})
}
