package ticket_test

import (
	"testing"

	"github.com/gongzhi/gongzhi/ticket"
	"github.com/gongzhi/gongzhi/ticket/tickettest"
)

func TestMemStore(t *testing.T) {
	tickettest.TestStore(t, func(t *testing.T) ticket.Store { return ticket.NewMemStore() })
}
