package gridtest_test

import (
	"context"
	"testing"

	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/grid/gridtest"
	"github.com/gongzhi/gongzhi/internal/mustfail"
)

// blindAppend ignores the expected version: the last writer wins.
type blindAppend struct{ *grid.MemStore }

func (s blindAppend) AppendBatch(ctx context.Context, b grid.Batch, _ int64) (int64, error) {
	v, err := s.MemStore.Version(ctx)
	if err != nil {
		return 0, err
	}
	return s.MemStore.AppendBatch(ctx, b, v)
}

// forgetfulAppend treats a retried batch as a new one, refusing it as a
// version conflict.
type forgetfulAppend struct{ *grid.MemStore }

func (s forgetfulAppend) AppendBatch(ctx context.Context, b grid.Batch, expect int64) (int64, error) {
	for e, err := range s.MemStore.Batches(ctx, 0) {
		if err == nil && e.Batch.ID == b.ID {
			return 0, grid.ErrConflict
		}
	}
	return s.MemStore.AppendBatch(ctx, b, expect)
}

// TestSuiteCatchesBrokenStores proves that TestStore fails, in the
// subtest named, against stores that break its contract.
func TestSuiteCatchesBrokenStores(t *testing.T) {
	suite := func(wrap func(*grid.MemStore) grid.Store) func(t *testing.T) {
		return func(t *testing.T) {
			gridtest.TestStore(t, func(*testing.T) grid.Store { return wrap(grid.NewMemStore()) })
		}
	}
	mustfail.Run(t, []mustfail.Case{
		{Name: "blind-append", Want: "AppendConflict", Suite: suite(func(m *grid.MemStore) grid.Store { return blindAppend{m} })},
		{Name: "forgetful-append", Want: "AppendIdempotent", Suite: suite(func(m *grid.MemStore) grid.Store { return forgetfulAppend{m} })},
	})
}
