package pb_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/gongzhi/gongzhi/vote/pb"
)

func TestParseMeta(t *testing.T) {
	m, err := pb.ParseMeta(map[string]string{
		"rule": "greedy", "subunit": "Bielany", "comment": "#1: pooled", "min_length": "1", "max_length": " 3 ",
		"max_sum_cost": "1000,5", "min_points": "None", "max_points": "3", "default_score": "0",
		"min_project_score_threshold": "0.05", "koordynator": "Urząd", "votes_2019": "x",
	})
	if err != nil {
		t.Fatal(err)
	}
	if m.Rule != "greedy" || m.Subunit != "Bielany" || m.Comment != "#1: pooled" || *m.MinLength != 1 || *m.MaxLength != 3 ||
		m.MaxSumCost.String() != "1000.5" || m.MinPoints != nil || *m.MaxPoints != 3 || *m.DefaultScore != 0 ||
		m.MinProjectScoreThreshold.String() != "0.05" || !slices.Equal(m.Unknown, []string{"koordynator", "votes_2019"}) {
		t.Errorf("got %+v", m)
	}
	for key, value := range map[string]string{"max_length": "three", "max_points": "2.5", "max_sum_cost": "lots", "num_votes": "-1"} {
		_, err := pb.ParseMeta(map[string]string{key: value})
		var me *pb.MetaError
		if !errors.As(err, &me) || me.Key != key || !errors.Is(err, pb.ErrInvalidInstance) {
			t.Errorf("%s=%q: got %v, want a *MetaError naming the key", key, value, err)
		}
	}
}
