package grid_test

import (
	"testing"

	"github.com/gongzhi/gongzhi/grid"
	"github.com/gongzhi/gongzhi/grid/gridtest"
)

func TestMemStore(t *testing.T) {
	gridtest.TestStore(t, func(*testing.T) grid.Store { return grid.NewMemStore() })
}
