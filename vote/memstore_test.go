package vote_test

import (
	"testing"

	"github.com/gongzhi/gongzhi/vote"
	"github.com/gongzhi/gongzhi/vote/votetest"
)

func TestMemStore(t *testing.T) {
	votetest.TestStore(t, func(t *testing.T) vote.Store { return vote.NewMemStore() })
}
