package agenda

import (
	"context"

	"github.com/gongzhi/gongzhi/grid"
)

// TopicFilter selects topics; zero fields match everything.
type TopicFilter struct {
	Grid     grid.ID `json:"grid,omitempty"`     // exact grid node
	Category string  `json:"category,omitempty"` // topic category
	Stage    Stage   `json:"stage,omitempty"`
	Status   Status  `json:"status,omitempty"`
}

func (f TopicFilter) match(t Topic) bool {
	return (f.Grid == "" || t.Grid == f.Grid) && (f.Category == "" || t.Category == f.Category) &&
		(f.Stage == 0 || t.Stage() == f.Stage) && (f.Status == 0 || t.Status == f.Status)
}

// Topics returns the topics matching f, in id order.
func (s *Service) Topics(ctx context.Context, f TopicFilter) ([]Topic, error) {
	var out []Topic
	for t, err := range s.store.Topics(ctx) {
		if err != nil {
			return nil, err
		}
		if f.match(t) {
			out = append(out, t)
		}
	}
	return out, nil
}
