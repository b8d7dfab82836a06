package postgres_test

import (
	"testing"

	"github.com/gongzhi/gongzhi/adapters/postgres"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/ticket/tickettest"
)

func TestTicketStoreConformance(t *testing.T) {
	serverURL(t)
	tickettest.TestStore(t, func(t *testing.T) ticket.Store {
		return postgres.NewTicketStore(migratedPool(t, 0, fast))
	})
}

func TestTicketStoreConformanceSmallPages(t *testing.T) {
	serverURL(t)
	tickettest.TestStore(t, func(t *testing.T) ticket.Store {
		s := postgres.NewTicketStore(migratedPool(t, 0, fast))
		postgres.SetPageSize(s, 3)
		return s
	})
}
