package project_test

import (
	"testing"

	"github.com/gongzhi/gongzhi/project"
	"github.com/gongzhi/gongzhi/project/projecttest"
)

func TestMemStore(t *testing.T) {
	projecttest.TestStore(t, func(t *testing.T) project.Store { return project.NewMemStore() })
}
