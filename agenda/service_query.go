package agenda

import (
	"context"
	"slices"
	"strings"

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

// LinkProject records that the topic's current resolution created a
// practical project, cited by id (a project of package project). Linking
// the same id twice changes nothing.
func (s *Service) LinkProject(ctx context.Context, tid TopicID, project string) (Topic, error) {
	if strings.TrimSpace(project) == "" {
		return Topic{}, invalid("project", "empty project id")
	}
	return s.updateTopic(ctx, tid, func(t *Topic) error {
		if t.Resolution == nil {
			return &TransitionError{Topic: tid, From: t.Status, Action: "link-project"}
		}
		if !slices.Contains(t.Resolution.Projects, project) {
			t.Resolution.Projects = append(t.Resolution.Projects, project)
		}
		return nil
	})
}
