package postgres_test

import (
	"testing"

	"github.com/gongzhi/gongzhi/adapters/postgres"
	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/project/projecttest"
)

// The suite's projects cite polls poll-1 and sat-1; the database refuses a
// citation of a poll it does not hold, so each store's schema has them.
func TestProjectStoreConformance(t *testing.T) {
	serverURL(t)
	projecttest.TestStore(t, func(t *testing.T) project.Store {
		pool := migratedPool(t, 0, fast)
		seedCited(t, pool)
		return postgres.NewProjectStore(pool)
	})
}
