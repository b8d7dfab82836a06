package grid

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// Level is a node's depth class in a Hierarchy: the index of its LevelDef,
// 0 for the widest level. A parent's level is always smaller than its
// child's.
type Level int8

// Levels of the default hierarchy (DefaultHierarchy). Custom hierarchies
// define their own; these constants are indexes into DefaultHierarchy only.
const (
	LevelCity        Level = iota // 市 (Beijing municipality)
	LevelDistrict                 // 区
	LevelSubdistrict              // 街道 / 乡镇
	LevelCommunity                // 社区 / 村
	LevelGrid                     // 网格 (unit grid)
	LevelBuilding                 // 楼栋
	LevelUnit                     // 单元 (entrance, stairwell)
	LevelHousehold                // 户
)

// NoLevel is returned where no level applies.
const NoLevel Level = -1

// LevelDef describes one level of a Hierarchy.
type LevelDef struct {
	// Name identifies the level in CSV/JSON and configs ("community").
	Name string `json:"name"`
	// Label is the level's name for people ("社区/村").
	Label string `json:"label,omitempty"`
	// Codes lists the code kinds a node at this level may carry. Empty
	// means any valid code. A node may always have no code.
	Codes []CodeKind `json:"codes,omitempty"`
}

// Hierarchy is the configurable list of levels of a city's grid, widest
// first. It marshals to JSON; LoadHierarchy checks a JSON config.
type Hierarchy struct {
	Levels []LevelDef `json:"levels"`
	// Strict requires every node's parent to be exactly one level up. The
	// zero value lets a node skip levels (a building directly under a
	// community that has no grids), but a parent is always at a smaller
	// level than its child.
	Strict bool `json:"strict,omitempty"`
}

// MarshalJSON writes a CodeKind as its name.
func (k CodeKind) MarshalJSON() ([]byte, error) { return json.Marshal(k.String()) }

// UnmarshalJSON reads a CodeKind name.
func (k *CodeKind) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, ok := ParseCodeKind(s)
	if !ok {
		return fmt.Errorf("grid: unknown code kind %q", s)
	}
	*k = v
	return nil
}

// DefaultHierarchy is Beijing's eight-level grid: city > district >
// subdistrict/town > community/village > grid > building > unit >
// household. Levels carry the code kinds of ParseCode: the city a province
// or prefecture code, a district a county code (GB/T 2260), a subdistrict a
// township code and a community a village code (statistical division code,
// 国统字〔2009〕91号), a grid a 15-digit unit-grid code (DB11/T 2157-2023),
// buildings, units and households this package's extensions of the grid
// code.
//
// Source: Beijing municipal grid management (网格化城市管理), DB11/T
// 2157-2023 《网格化城市管理系统 单元网格划分》; statistical division codes of
// the National Bureau of Statistics.
func DefaultHierarchy() Hierarchy {
	return Hierarchy{Levels: []LevelDef{
		{Name: "city", Label: "市", Codes: []CodeKind{KindProvince, KindPrefecture}},
		{Name: "district", Label: "区", Codes: []CodeKind{KindCounty}},
		{Name: "subdistrict", Label: "街道/乡镇", Codes: []CodeKind{KindTownship}},
		{Name: "community", Label: "社区/村", Codes: []CodeKind{KindVillage}},
		{Name: "grid", Label: "网格", Codes: []CodeKind{KindGrid}},
		{Name: "building", Label: "楼栋", Codes: []CodeKind{KindBuilding}},
		{Name: "unit", Label: "单元", Codes: []CodeKind{KindUnit}},
		{Name: "household", Label: "户", Codes: []CodeKind{KindHousehold}},
	}}
}

// maxLevels bounds a hierarchy's depth (Level is an int8).
const maxLevels = 64

// Validate reports the first problem of h as a *ConfigError: no levels,
// too many, an empty or duplicate name, an unknown code kind.
func (h Hierarchy) Validate() error {
	if len(h.Levels) == 0 {
		return &ConfigError{Field: "levels", Reason: "no levels"}
	}
	if len(h.Levels) > maxLevels {
		return &ConfigError{Field: "levels", Reason: "more than " + strconv.Itoa(maxLevels) + " levels"}
	}
	seen := map[string]bool{}
	for i, l := range h.Levels {
		f := "levels[" + strconv.Itoa(i) + "]"
		if l.Name == "" {
			return &ConfigError{Field: f + ".name", Reason: "empty"}
		}
		if seen[l.Name] {
			return &ConfigError{Field: f + ".name", Reason: "duplicate name " + strconv.Quote(l.Name)}
		}
		seen[l.Name] = true
		for j, k := range l.Codes {
			if k == KindUnknown || int(k) >= len(kindNames) {
				return &ConfigError{Field: f + ".codes[" + strconv.Itoa(j) + "]", Reason: "unknown code kind"}
			}
		}
	}
	return nil
}

// Level returns the level with the given name.
func (h Hierarchy) Level(name string) (Level, bool) {
	for i, l := range h.Levels {
		if l.Name == name {
			return Level(i), true
		}
	}
	return NoLevel, false
}

// Name returns the name of level l, or "" if h has no such level.
func (h Hierarchy) Name(l Level) string {
	if l < 0 || int(l) >= len(h.Levels) {
		return ""
	}
	return h.Levels[l].Name
}

// allows reports whether a node at level l may carry code c.
func (h Hierarchy) allows(l Level, c Code) string {
	if c == "" {
		return ""
	}
	k := c.Kind()
	if k == KindUnknown {
		_, err := ParseCode(string(c))
		if err != nil {
			return err.Error()
		}
		return "code " + strconv.Quote(string(c)) + " is not canonical"
	}
	d := h.Levels[l]
	if len(d.Codes) == 0 {
		return ""
	}
	for _, ok := range d.Codes {
		if ok == k {
			return ""
		}
	}
	return "a " + k.String() + " code is not allowed at level " + strconv.Quote(d.Name)
}
