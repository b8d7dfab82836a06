package sqlite_test

import (
	"testing"

	"github.com/gongzhi/gongzhi/adapters/sqlite"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/grid/gridtest"
)

func TestGridStoreConformance(t *testing.T) {
	gridtest.TestStore(t, func(t *testing.T) grid.Store { return sqlite.NewGridStore(openDB(t)) })
}

// The suite again reading one change per query, so Batches crosses chunks.
func TestGridStoreConformanceSmallChunks(t *testing.T) {
	gridtest.TestStore(t, func(t *testing.T) grid.Store {
		s := sqlite.NewGridStore(openDB(t))
		sqlite.SetPageSize(s, 1)
		return s
	})
}
