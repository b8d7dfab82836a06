package ticket

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/gongzhi/gongzhi/grid"
)

// Directory authorizes actors for a Service: it decides whether the person
// behind an Actor may act in that role, for unit u, at an instant. The
// pure core already checks that a unit actor's unit is the assigned one;
// the Directory checks that the person really belongs to it.
type Directory interface {
	// Authorize returns nil if a may act for u at the instant, else an
	// error wrapping ErrUnauthorized. u is the zero Unit for roles that do
	// not act for a unit (hotline, supervisor, resident).
	Authorize(ctx context.Context, a Actor, u Unit, at time.Time) error
}

// Assignments is the part of the grid GridDirectory reads. *grid.Tree
// satisfies it.
type Assignments interface {
	// Assignments returns the assignments made at node id in effect at at.
	Assignments(id grid.ID, at time.Time) []grid.Assignment
	// Person returns a person, or an error if unknown.
	Person(id grid.PersonID) (grid.Person, error)
}

var _ Assignments = (*grid.Tree)(nil)

// DefaultUnitRoles lists, per handling level, the grid roles whose holders
// act for a place-bound unit.
func DefaultUnitRoles() map[Level][]grid.Role {
	return map[Level][]grid.Role{
		BuildingLevel:    {grid.BuildingSteward},
		GridLevel:        {grid.GridWorker},
		CommunityLevel:   {grid.CommunitySecretary, grid.PartyBranch, grid.GridWorker},
		SubdistrictLevel: {"subdistrict_staff"},
		DistrictLevel:    {"district_staff"},
	}
}

// GridDirectory authorizes through grid assignments (authorization by role
// via grid assignments): a person acts for a place-bound unit if an
// assignment made at the unit's node, in effect at the instant, gives them
// one of the roles of the unit's level; a person acts for a department if
// their grid.Person.Org is the department's unit ID.
type GridDirectory struct {
	Grid Assignments
	// Roles per level; nil means DefaultUnitRoles().
	Roles map[Level][]grid.Role
	// Staff lists, by person ID, who may act in the hotline, supervisor
	// and observer roles. Nil means those roles are not checked (the
	// caller authenticates its operators). Residents are never checked.
	Staff map[string][]Role
}

// Authorize implements Directory.
func (d GridDirectory) Authorize(_ context.Context, a Actor, u Unit, at time.Time) error {
	deny := func(reason string) error {
		return &AuthError{Actor: a, Reason: reason}
	}
	switch a.Role {
	case ResidentRole:
		return nil
	case UnitRole:
	default:
		if d.Staff == nil || slices.Contains(d.Staff[a.ID], a.Role) {
			return nil
		}
		return deny("not registered as " + string(a.Role) + " staff")
	}
	if d.Grid == nil {
		return deny("no grid to check assignments")
	}
	if u.Level == DepartmentLevel || u.Node == "" {
		p, err := d.Grid.Person(grid.PersonID(a.ID))
		if err != nil || p.Org != string(u.ID) {
			return deny(fmt.Sprintf("not staff of %s", u.ID))
		}
		return nil
	}
	roles := d.Roles
	if roles == nil {
		roles = DefaultUnitRoles()
	}
	for _, as := range d.Grid.Assignments(u.Node, at) {
		if as.Person == grid.PersonID(a.ID) && slices.Contains(roles[u.Level], as.Role) {
			return nil
		}
	}
	return deny(fmt.Sprintf("no %s assignment at %s", u.Level, u.Node))
}
