package agenda_test

import (
	"testing"

	"github.com/gongzhi/gongzhi/agenda"
	"github.com/gongzhi/gongzhi/agenda/agendatest"
)

func TestMemStore(t *testing.T) {
	agendatest.TestStore(t, func(t *testing.T) agenda.Store { return agenda.NewMemStore() })
}

func TestMemStoreIsolatesCopies(t *testing.T) {
	s := agenda.NewMemStore()
	ctx := t.Context()
	tp := agendatest.FullTopic("t1")
	if _, err := s.PutTopic(ctx, tp); err != nil {
		t.Fatal(err)
	}
	tp.Tasks[0].Reports[0].Note = "mutated after put"
	got, _ := s.Topic(ctx, "t1")
	got.Source.Ticket[0] = "mutated after get"
	again, _ := s.Topic(ctx, "t1")
	if again.Tasks[0].Reports[0].Note != "started" || again.Source.Ticket[0] != "t-1" {
		t.Errorf("MemStore shares memory with callers: %+v", again)
	}
}
