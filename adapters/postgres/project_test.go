package postgres_test

import (
	"testing"

	"github.com/gongzhi/gongzhi/adapters/postgres"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/project/projecttest"
)

func TestProjectStoreConformance(t *testing.T) {
	serverURL(t)
	projecttest.TestStore(t, func(t *testing.T) project.Store {
		return postgres.NewProjectStore(migratedPool(t, 0, fast))
	})
}
