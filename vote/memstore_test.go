package vote_test

import (
	"testing"

	"github.com/gongzhi/gongzhi/vote"
	"github.com/gongzhi/gongzhi/vote/votetest"
)

func TestMemStore(t *testing.T) {
	votetest.TestStore(t, func(t *testing.T) vote.Store { return vote.NewMemStore() })
}

// plainStore hides MemStore's optional capabilities (vote.BulkStore): the
// suite and the Service must work without them.
type plainStore struct{ vote.Store }

func TestMemStoreWithoutOptionalInterfaces(t *testing.T) {
	votetest.TestStore(t, func(t *testing.T) vote.Store { return plainStore{vote.NewMemStore()} })
}
