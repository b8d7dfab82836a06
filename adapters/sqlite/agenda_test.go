package sqlite_test

import (
	"testing"

	"github.com/gongzhi/gongzhi/adapters/sqlite"
	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/agenda/agendatest"
)

// The suite's topics cite tickets t-1 and t-2; the database refuses a
// citation of a ticket it does not hold, so each store's file has them.
func TestAgendaStoreConformance(t *testing.T) {
	agendatest.TestStore(t, func(t *testing.T) agenda.Store { return sqlite.NewAgendaStore(seeded(t)) })
}

func TestAgendaStoreConformanceSmallPages(t *testing.T) {
	agendatest.TestStore(t, func(t *testing.T) agenda.Store {
		s := sqlite.NewAgendaStore(seeded(t))
		sqlite.SetPageSize(s, 3)
		return s
	})
}
