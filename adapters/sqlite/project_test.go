package sqlite_test

import (
	"testing"

	"github.com/gongzhi/gongzhi/adapters/sqlite"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/project/projecttest"
)

func TestProjectStoreConformance(t *testing.T) {
	projecttest.TestStore(t, func(t *testing.T) project.Store { return sqlite.NewProjectStore(openDB(t)) })
}

func TestProjectStoreConformanceSmallPages(t *testing.T) {
	projecttest.TestStore(t, func(t *testing.T) project.Store {
		s := sqlite.NewProjectStore(openDB(t))
		sqlite.SetPageSize(s, 3)
		return s
	})
}
