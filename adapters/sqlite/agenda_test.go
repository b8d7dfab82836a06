package sqlite_test

import (
	"testing"

	"github.com/gongzhi/gongzhi/adapters/sqlite"
	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/agenda/agendatest"
)

func TestAgendaStoreConformance(t *testing.T) {
	agendatest.TestStore(t, func(t *testing.T) agenda.Store { return sqlite.NewAgendaStore(openDB(t)) })
}

func TestAgendaStoreConformanceSmallPages(t *testing.T) {
	agendatest.TestStore(t, func(t *testing.T) agenda.Store {
		s := sqlite.NewAgendaStore(openDB(t))
		sqlite.SetPageSize(s, 3)
		return s
	})
}
