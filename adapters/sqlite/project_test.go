package sqlite_test

import (
	"testing"

	"github.com/gongzhi/gongzhi/adapters/sqlite"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/project/projecttest"
)

// The suite's projects cite polls poll-1 and sat-1; the database refuses a
// citation of a poll it does not hold, so each store's file has them.
func TestProjectStoreConformance(t *testing.T) {
	projecttest.TestStore(t, func(t *testing.T) project.Store { return sqlite.NewProjectStore(seeded(t)) })
}

func TestProjectStoreConformanceSmallPages(t *testing.T) {
	projecttest.TestStore(t, func(t *testing.T) project.Store {
		s := sqlite.NewProjectStore(seeded(t))
		sqlite.SetPageSize(s, 3)
		return s
	})
}
