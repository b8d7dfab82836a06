package ticket

import (
	"encoding/json"
	"fmt"
)

// CategoryID identifies a category of the configurable category tree (the
// dispatch catalogue, 派单目录, of art. 11 is kept as such a tree).
type CategoryID string

// Category is one node of a category tree. A root has an empty Parent.
type Category struct {
	ID     CategoryID `json:"id"`
	Parent CategoryID `json:"parent,omitempty"`
	Name   string     `json:"name"`
}

// Categories is a validated category tree. Build it with NewCategories or
// LoadCategories; the zero value is an empty tree.
type Categories struct {
	list   []Category
	byID   map[CategoryID]int
	depths []int
}

// NewCategories validates list and builds the tree. IDs must be non-empty
// and unique, every parent must exist and the parent links must not form a
// cycle. The order of list is kept for listing.
func NewCategories(list []Category) (*Categories, error) {
	c := &Categories{list: append([]Category(nil), list...), byID: make(map[CategoryID]int, len(list))}
	for i, cat := range list {
		if cat.ID == "" {
			return nil, &ConfigError{Field: fmt.Sprintf("categories[%d].id", i), Reason: "empty"}
		}
		if _, dup := c.byID[cat.ID]; dup {
			return nil, &ConfigError{Field: fmt.Sprintf("categories[%d].id", i), Reason: fmt.Sprintf("duplicate id %q", cat.ID)}
		}
		c.byID[cat.ID] = i
	}
	c.depths = make([]int, len(list))
	for i, cat := range list {
		if cat.Parent == "" {
			continue
		}
		if _, ok := c.byID[cat.Parent]; !ok {
			return nil, &ConfigError{Field: fmt.Sprintf("categories[%d].parent", i), Reason: fmt.Sprintf("unknown parent %q", cat.Parent)}
		}
		d, p := 0, cat.Parent
		for p != "" {
			d++
			if d > len(list) {
				return nil, &ConfigError{Field: fmt.Sprintf("categories[%d].parent", i), Reason: "parent links form a cycle"}
			}
			p = list[c.byID[p]].Parent
		}
		c.depths[i] = d
	}
	return c, nil
}

// LoadCategories decodes a JSON array of categories, rejecting unknown
// fields, and validates it with NewCategories.
func LoadCategories(data []byte) (*Categories, error) {
	var list []Category
	if err := decodeStrict(data, &list); err != nil {
		return nil, &ConfigError{Field: "categories", Reason: err.Error()}
	}
	return NewCategories(list)
}

// MarshalJSON encodes the tree as the array NewCategories accepts.
func (c *Categories) MarshalJSON() ([]byte, error) {
	if c == nil || c.list == nil {
		return []byte("[]"), nil
	}
	return json.Marshal(c.list)
}

// List returns the categories in their configured order.
func (c *Categories) List() []Category {
	if c == nil {
		return nil
	}
	return append([]Category(nil), c.list...)
}

// Has reports whether id is in the tree.
func (c *Categories) Has(id CategoryID) bool {
	if c == nil {
		return false
	}
	_, ok := c.byID[id]
	return ok
}

// Get returns the category with id, or ErrNotFound.
func (c *Categories) Get(id CategoryID) (Category, error) {
	if c == nil {
		return Category{}, fmt.Errorf("category %q: %w", id, ErrNotFound)
	}
	i, ok := c.byID[id]
	if !ok {
		return Category{}, fmt.Errorf("category %q: %w", id, ErrNotFound)
	}
	return c.list[i], nil
}

// Path returns id and its ancestors, most specific first. An unknown id
// gives nil.
func (c *Categories) Path(id CategoryID) []CategoryID {
	if !c.Has(id) {
		return nil
	}
	var out []CategoryID
	for id != "" {
		out = append(out, id)
		id = c.list[c.byID[id]].Parent
	}
	return out
}

// Depth returns the number of ancestors of id (0 for a root, -1 if unknown).
func (c *Categories) Depth(id CategoryID) int {
	if !c.Has(id) {
		return -1
	}
	return c.depths[c.byID[id]]
}

// Within reports whether id is anc or one of its descendants. The empty
// anc matches every category (a wildcard in rules).
func (c *Categories) Within(id, anc CategoryID) bool {
	if anc == "" {
		return true
	}
	for _, p := range c.Path(id) {
		if p == anc {
			return true
		}
	}
	return false
}

// CommunityCategories is a small starter tree for community tickets:
// housing and property, utilities, environment, public order, elderly
// services and a catch-all. Districts replace it with their own catalogue.
//
// Source: the topics of the public reports of 安外社区 (Chaoyang), 蒲黄榆社区
// (Fengtai), 天宫院中里社区 (Daxing) and Chaoyang's deliberation rules (e-bike charging, burst
// pipe, building-code requests, waste sorting, property management,
// parking, hallway clutter, dog walking); not an official catalogue.
func CommunityCategories() []Category {
	return []Category{
		{ID: "housing", Name: "住房与物业 housing and property"},
		{ID: "housing.property", Parent: "housing", Name: "物业管理 property management"},
		{ID: "housing.elevator", Parent: "housing", Name: "电梯 elevator"},
		{ID: "housing.hallway", Parent: "housing", Name: "楼道堆物 hallway clutter"},
		{ID: "housing.ebike", Parent: "housing", Name: "电动自行车充电 e-bike charging"},
		{ID: "utilities", Name: "水电气热 utilities"},
		{ID: "utilities.water", Parent: "utilities", Name: "供水 water"},
		{ID: "utilities.power", Parent: "utilities", Name: "供电 power"},
		{ID: "utilities.gas", Parent: "utilities", Name: "燃气 gas"},
		{ID: "utilities.heat", Parent: "utilities", Name: "供热 heating"},
		{ID: "environment", Name: "环境 environment"},
		{ID: "environment.waste", Parent: "environment", Name: "垃圾分类 waste sorting"},
		{ID: "environment.dogs", Parent: "environment", Name: "文明养犬 dog walking"},
		{ID: "order", Name: "公共秩序 public order"},
		{ID: "order.parking", Parent: "order", Name: "停车 parking"},
		{ID: "order.noise", Parent: "order", Name: "噪音 noise"},
		{ID: "services", Name: "社区服务 community services"},
		{ID: "services.elderly", Parent: "services", Name: "养老 elderly care"},
		{ID: "other", Name: "其他 other"},
	}
}
