package postgres_test

import (
	"testing"

	"github.com/gongzhi/gongzhi/adapters/postgres"
	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/agenda/agendatest"
)

func TestAgendaStoreConformance(t *testing.T) {
	serverURL(t)
	agendatest.TestStore(t, func(t *testing.T) agenda.Store {
		return postgres.NewAgendaStore(migratedPool(t, 0, fast))
	})
}
