package postgres_test

import (
	"testing"

	"github.com/gongzhi/gongzhi/adapters/postgres"
	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/agenda/agendatest"
)

// The suite's topics cite tickets t-1 and t-2; the database refuses a
// citation of a ticket it does not hold, so each store's schema has them.
func TestAgendaStoreConformance(t *testing.T) {
	serverURL(t)
	agendatest.TestStore(t, func(t *testing.T) agenda.Store {
		pool := migratedPool(t, 0, fast)
		seedCited(t, pool)
		return postgres.NewAgendaStore(pool)
	})
}
