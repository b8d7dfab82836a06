package ticket

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gongzhi/gongzhi/grid"
)

// Places is the part of the place graph that routing and metric roll-ups
// read, as the grid stood at one instant. *grid.View satisfies it.
type Places interface {
	// Parent returns the parent of id ("" for a root), and false if id
	// is not in effect.
	Parent(id grid.ID) (grid.ID, bool)
	// AncestorAt returns id or its ancestor at level l, and false if
	// there is none.
	AncestorAt(id grid.ID, l grid.Level) (grid.ID, bool)
	// Within reports whether id is anc or lies under it.
	Within(id, anc grid.ID) bool
}

var _ Places = (*grid.View)(nil)

// Views gives the place graph as it stood at an instant, for a Service
// that routes and rolls up at many instants. *grid.Service (which caches
// its latest view) and *grid.Tree satisfy it.
type Views interface {
	View(ctx context.Context, at time.Time) (*grid.View, error)
}

var (
	_ Views = (*grid.Service)(nil)
	_ Views = (*grid.Tree)(nil)
)

// DefaultGridLevels maps each place-bound handling level to its level in
// grid.DefaultHierarchy. Departments have none.
func DefaultGridLevels() map[Level]grid.Level {
	return map[Level]grid.Level{
		BuildingLevel:    grid.LevelBuilding,
		GridLevel:        grid.LevelGrid,
		CommunityLevel:   grid.LevelCommunity,
		SubdistrictLevel: grid.LevelSubdistrict,
		DistrictLevel:    grid.LevelDistrict,
	}
}

// PlaceUnit returns the place-bound handling unit of level l for node: its
// ID is "<level>:<node>", e.g. "building:b-12".
func PlaceUnit(l Level, node grid.ID) Unit {
	return Unit{ID: UnitID(string(l) + ":" + string(node)), Level: l, Node: node}
}

// Route is one routing rule: tickets of Category (and its descendants;
// empty: any), of Urgency (empty: any) located Within a node (empty:
// anywhere) go to Unit if it is set, else to the place-bound unit at Level
// above the ticket's location.
type Route struct {
	Name     string     `json:"name"`
	Category CategoryID `json:"category,omitempty"`
	Urgency  Urgency    `json:"urgency,omitempty"`
	Kinds    []Kind     `json:"kinds,omitempty"` // empty: any kind
	Within   grid.ID    `json:"within,omitempty"`
	Unit     Unit       `json:"unit,omitzero"`
	Level    Level      `json:"level,omitempty"`
}

// Routing is a routing table (the dispatch catalogue, 派单目录, art. 11):
// rules tried in order, the first match wins.
type Routing struct {
	Name   string  `json:"name"`
	Source string  `json:"source,omitempty"`
	Routes []Route `json:"routes"`
	// GridLevels maps handling levels to grid levels; nil means
	// DefaultGridLevels.
	GridLevels map[Level]grid.Level `json:"grid_levels,omitempty"`
}

// Validate checks the table and names the first bad field. cats may be nil.
func (r Routing) Validate(cats *Categories) error {
	if r.Name == "" {
		return &ConfigError{Field: "name", Reason: "empty"}
	}
	if len(r.Routes) == 0 {
		return &ConfigError{Field: "routes", Reason: "no routes"}
	}
	levels := r.levels()
	for i, rt := range r.Routes {
		f := fmt.Sprintf("routes[%d]", i)
		if rt.Category != "" && cats != nil && !cats.Has(rt.Category) {
			return &ConfigError{Field: f + ".category", Reason: fmt.Sprintf("unknown category %q", rt.Category)}
		}
		if !rt.Urgency.Valid() {
			return &ConfigError{Field: f + ".urgency", Reason: fmt.Sprintf("unknown urgency %q", rt.Urgency)}
		}
		for j, k := range rt.Kinds {
			if !k.Valid() {
				return &ConfigError{Field: fmt.Sprintf("%s.kinds[%d]", f, j), Reason: fmt.Sprintf("unknown kind %q", k)}
			}
		}
		switch {
		case rt.Unit != (Unit{}) && rt.Level != "":
			return &ConfigError{Field: f, Reason: "set unit or level, not both"}
		case rt.Unit != (Unit{}):
			if err := rt.Unit.validate(f + ".unit"); err != nil {
				var ve *InputError
				if as(err, &ve) {
					return &ConfigError{Field: ve.Field, Reason: ve.Reason}
				}
				return err
			}
		case rt.Level == "":
			return &ConfigError{Field: f, Reason: "needs a unit or a level"}
		default:
			if _, ok := levels[rt.Level]; !ok {
				return &ConfigError{Field: f + ".level", Reason: fmt.Sprintf("level %q is not place-bound", rt.Level)}
			}
		}
	}
	return nil
}

func (r Routing) levels() map[Level]grid.Level {
	if r.GridLevels != nil {
		return r.GridLevels
	}
	return DefaultGridLevels()
}

// LoadRouting decodes a JSON routing table, rejecting unknown fields, and
// validates it (cats may be nil).
func LoadRouting(data []byte, cats *Categories) (Routing, error) {
	var r Routing
	if err := decodeStrict(data, &r); err != nil {
		return Routing{}, &ConfigError{Field: "routing", Reason: err.Error()}
	}
	if err := r.Validate(cats); err != nil {
		return Routing{}, err
	}
	return r, nil
}

// Decision is the result of routing a ticket, with its reasoning.
type Decision struct {
	Unit  Unit   `json:"unit"`
	Route int    `json:"route"` // index of the rule that matched
	Name  string `json:"name"`  // its name
	// Skipped lists the rules tried before, each with why it did not match.
	Skipped []string `json:"skipped,omitempty"`
}

// Explain renders the decision for people.
func (d Decision) Explain() string {
	var b strings.Builder
	for _, s := range d.Skipped {
		b.WriteString("skip " + s + "\n")
	}
	fmt.Fprintf(&b, "route %d %q -> %s (%s)", d.Route, d.Name, d.Unit.ID, d.Unit.Level)
	return b.String()
}

// Route picks the handling unit for t on places, the grid as it stands at
// the instant of the decision. places may be nil
// when no rule needs the grid (no Within, no Level). Errors: ErrNoRoute
// when nothing matches; a place-bound rule whose ancestor is missing is
// skipped (the ticket's location lies outside that level) and noted.
func (r Routing) Route(cats *Categories, places Places, t Ticket) (Decision, error) {
	var d Decision
	levels := r.levels()
	for i, rt := range r.Routes {
		why := ""
		switch {
		case rt.Urgency != "" && rt.Urgency.norm() != t.Urgency.norm():
			why = "urgency"
		case len(rt.Kinds) > 0 && !slices.Contains(rt.Kinds, t.Kind):
			why = "kind"
		case rt.Category != "" && !(cats != nil && cats.Within(t.Category, rt.Category) || cats == nil && rt.Category == t.Category):
			why = "category"
		case rt.Within != "" && (places == nil || t.Location == "" || !places.Within(t.Location, rt.Within)):
			why = "location"
		}
		if why == "" {
			if rt.Unit != (Unit{}) {
				d.Unit, d.Route, d.Name = rt.Unit, i, rt.Name
				return d, nil
			}
			if places == nil || t.Location == "" {
				why = "no location to resolve a " + string(rt.Level) + " unit"
			} else if node, ok := places.AncestorAt(t.Location, levels[rt.Level]); !ok || node == "" {
				why = "no " + string(rt.Level) + " above " + string(t.Location)
			} else {
				d.Unit, d.Route, d.Name = PlaceUnit(rt.Level, node), i, rt.Name
				return d, nil
			}
		}
		d.Skipped = append(d.Skipped, fmt.Sprintf("%d %q: %s", i, rt.Name, why))
	}
	return d, fmt.Errorf("ticket %s: %w", t.ID, ErrNoRoute)
}

// SmallMattersInBuilding is the routing preset "small matters stay in the
// building, big ones in the community" (小事不出楼、大事不出社区): hallway
// clutter, noise, waste and dog matters go to the building steward;
// property, parking, e-bike and lift matters to the community; complex
// tickets to the subdistrict (which may summon departments); urgent ones
// to the community; everything else to the grid worker. The share
// resolved at each level (Tally.ByLevel) measures how well it holds.
//
// Source: the slogan of Beijing's community governance practice, as
// reported by 天宫院中里社区 (Daxing) with its building codes (一楼一码); the category assignment is this package's
// illustration, to be replaced by the district's catalogue.
func SmallMattersInBuilding() Routing {
	return Routing{
		Name:   "small-matters-in-building",
		Source: "小事不出楼、大事不出社区 (community practice); illustrative assignment",
		Routes: []Route{
			{Name: "complex to the subdistrict", Urgency: Complex, Level: SubdistrictLevel},
			{Name: "urgent to the community", Urgency: Urgent, Level: CommunityLevel},
			{Name: "hallway in the building", Category: "housing.hallway", Level: BuildingLevel},
			{Name: "noise in the building", Category: "order.noise", Level: BuildingLevel},
			{Name: "environment in the building", Category: "environment", Level: BuildingLevel},
			{Name: "housing to the community", Category: "housing", Level: CommunityLevel},
			{Name: "parking to the community", Category: "order.parking", Level: CommunityLevel},
			{Name: "utilities to the community", Category: "utilities", Level: CommunityLevel},
			{Name: "everything else to the grid", Level: GridLevel},
		},
	}
}
