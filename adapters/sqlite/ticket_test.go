package sqlite_test

import (
	"testing"

	"github.com/gongzhi/gongzhi/adapters/sqlite"
	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/ticket/tickettest"
)

func TestTicketStoreConformance(t *testing.T) {
	tickettest.TestStore(t, func(t *testing.T) ticket.Store { return sqlite.NewTicketStore(openDB(t)) })
}

func TestTicketStoreConformanceSmallPages(t *testing.T) {
	tickettest.TestStore(t, func(t *testing.T) ticket.Store {
		s := sqlite.NewTicketStore(openDB(t))
		sqlite.SetPageSize(s, 3)
		return s
	})
}
