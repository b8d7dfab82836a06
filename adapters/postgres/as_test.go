package postgres_test

import (
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/gongzhi/gongzhi/adapters/postgres"
)

// Every store hands out its pool through As, and refuses other targets.
func TestAs(t *testing.T) {
	pool := migratedPool(t, 1, fast)
	for _, s := range []interface{ As(any) bool }{
		postgres.NewVoteStore(pool), postgres.NewGridStore(pool), postgres.NewTicketStore(pool),
		postgres.NewAgendaStore(pool), postgres.NewProjectStore(pool),
	} {
		var got *pgxpool.Pool
		if !s.As(&got) || got != pool {
			t.Errorf("%T.As(**pgxpool.Pool) did not give the store's pool", s)
		}
		var other *int
		if s.As(&other) {
			t.Errorf("%T.As(**int) = true, want false", s)
		}
	}
}
