package postgres_test

import (
	"testing"

	"github.com/gongzhi/gongzhi/adapters/postgres"
	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/grid/gridtest"
)

func TestGridStoreConformance(t *testing.T) {
	serverURL(t)
	gridtest.TestStore(t, func(t *testing.T) grid.Store {
		return postgres.NewGridStore(migratedPool(t, 0, fast))
	})
}
