package ticket_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/gongzhi/gongzhi/ticket"
	"github.com/google/go-cmp/cmp"
)

func FuzzLoadPolicy(f *testing.F) {
	for _, p := range []ticket.Policy{ticket.NationalPetition(), ticket.Shandong(), ticket.BeijingIllustrative()} {
		b, _ := json.Marshal(p)
		f.Add(b)
	}
	f.Add([]byte(`{"name":"p","rules":[{"name":"a","resolution":{"n":-1,"unit":"hours"}}]}`))
	f.Add([]byte(`{"name":"p","rules":[{"name":"a","resolution":{"n":1,"unit":"hours"},"pauses":{"reasons":[]}}],"citations":[]}`))
	cats, _ := ticket.NewCategories(ticket.CommunityCategories())
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ticket.LoadPolicy(data, cats)
		if err != nil {
			if !errors.Is(err, ticket.ErrInvalidConfig) {
				t.Fatalf("untyped error: %v", err)
			}
			return
		}
		b, _ := json.Marshal(p)
		q, err := ticket.LoadPolicy(b, cats)
		if err != nil {
			t.Fatalf("reload: %v", err)
		}
		if d := cmp.Diff(p, q); d != "" {
			t.Fatalf("reload differs:\n%s", d)
		}
	})
}

func FuzzLoadRouting(f *testing.F) {
	b, _ := json.Marshal(ticket.SmallMattersInBuilding())
	f.Add(b)
	f.Add([]byte(`{"name":"r","routes":[{"name":"w","unit":{"id":"water","level":"department"},"within":"c2"}]}`))
	cats, _ := ticket.NewCategories(ticket.CommunityCategories())
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ticket.LoadRouting(data, cats)
		if err != nil {
			if !errors.Is(err, ticket.ErrInvalidConfig) {
				t.Fatalf("untyped error: %v", err)
			}
			return
		}
		b, _ := json.Marshal(r)
		if _, err := ticket.LoadRouting(b, cats); err != nil {
			t.Fatalf("reload: %v", err)
		}
	})
}

func FuzzLoadCategories(f *testing.F) {
	b, _ := json.Marshal(ticket.CommunityCategories())
	f.Add(b)
	f.Add([]byte(`[{"id":"a","parent":"b"},{"id":"b","parent":"a"}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ticket.LoadCategories(data)
		if err != nil {
			if !errors.Is(err, ticket.ErrInvalidConfig) {
				t.Fatalf("untyped error: %v", err)
			}
			return
		}
		b, _ := json.Marshal(c)
		c2, err := ticket.LoadCategories(b)
		if err != nil {
			t.Fatalf("reload: %v", err)
		}
		for _, cat := range c.List() {
			if len(c.Path(cat.ID)) != len(c2.Path(cat.ID)) || len(c.Path(cat.ID)) != c.Depth(cat.ID)+1 {
				t.Fatalf("paths differ for %s", cat.ID)
			}
		}
	})
}
