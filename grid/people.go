package grid

import (
	"fmt"
	"slices"
	"strings"
)

// PersonID identifies a person (a grid worker, a building steward, a
// property company's contact...). Like ID it never changes.
type PersonID string

// Person is someone who can be assigned responsibility for places.
type Person struct {
	ID    PersonID `json:"id"`
	Name  string   `json:"name"`
	Phone string   `json:"phone,omitempty"`
	// Org is the organisation the person acts for (a property company, a
	// department), empty for community staff and volunteers.
	Org string `json:"org,omitempty"`
}

// Role is what an assignment makes a person responsible as. The constants
// are the roles of Beijing's grid management; any non-empty string is a
// valid custom role.
type Role string

// Roles of Beijing's community grid management.
const (
	GridWorker         Role = "grid_worker"         // 网格员
	BuildingSteward    Role = "building_steward"    // 楼门长
	CommunitySecretary Role = "community_secretary" // 社区书记
	PartyBranch        Role = "party_branch"        // 党支部 (secretary of the branch)
	PropertyCompany    Role = "property_company"    // 物业服务企业
	DepartmentLiaison  Role = "department_liaison"  // 职能部门联络员 (reports when summoned)
)

// Matter is a kind of matter a resident may raise ("water", "hallway
// clutter", "property"...). Matters are free-form strings agreed between
// the grid and its consumers; the empty Matter stands for "any matter".
type Matter string

// Assignment makes a person responsible, in a role, for a place and
// everything under it, during a period, for some or all kinds of matter.
type Assignment struct {
	ID     string   `json:"id"`
	Person PersonID `json:"person"`
	Role   Role     `json:"role"`
	Node   ID       `json:"node"`
	// Matters the assignment covers; empty means every matter.
	Matters []Matter `json:"matters,omitempty"`
	// Period in effect. A zero From in an assign change means the batch's
	// instant.
	Period Interval `json:"period"`
}

// Covers reports whether the assignment covers matter m (an empty m is
// covered by every assignment).
func (a Assignment) Covers(m Matter) bool {
	return m == "" || len(a.Matters) == 0 || slices.Contains(a.Matters, m)
}

// Query selects the assignments a responsibility walk accepts.
type Query struct {
	// Matter is the kind of matter; empty accepts every assignment.
	Matter Matter `json:"matter,omitempty"`
	// Roles accepted, in order of preference at the same node; empty
	// accepts every role.
	Roles []Role `json:"roles,omitempty"`
}

func (q Query) accepts(a *Assignment) bool {
	return a.Covers(q.Matter) && (len(q.Roles) == 0 || slices.Contains(q.Roles, a.Role))
}

// rank orders accepted assignments at one node: by the position of their
// role in q.Roles, then by assignment ID.
func (q Query) rank(a *Assignment) int {
	if i := slices.Index(q.Roles, a.Role); i >= 0 {
		return i
	}
	return 0
}

// Responsibility is the answer to "who is responsible for this place at
// this instant for this matter", with its reasoning: the walk went up Path
// (from the place asked about) and stopped at Node, the nearest place with
// an accepted assignment.
type Responsibility struct {
	Place  ID     `json:"place"`
	Matter Matter `json:"matter,omitempty"`
	// Node is where the walk found Assignments; Path[len(Path)-1] == Node.
	Node ID   `json:"node"`
	Path []ID `json:"path"`
	// Assignments in effect at Node, best first (role preference, then ID).
	Assignments []Assignment `json:"assignments"`
	// People holds the Person of each assignment, in the same order.
	People []Person `json:"people"`
}

// Primary returns the first, preferred assignment and its person (zero
// values if there is none).
func (r Responsibility) Primary() (Assignment, Person) {
	if len(r.Assignments) == 0 || len(r.People) == 0 {
		return Assignment{}, Person{}
	}
	return r.Assignments[0], r.People[0]
}

// Explain renders the walk for people: where it started, which places it
// passed, where it stopped and who was found.
func (r Responsibility) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "place %s", r.Place)
	if r.Matter != "" {
		fmt.Fprintf(&b, ", matter %q", r.Matter)
	}
	fmt.Fprintf(&b, ": walked %s; nearest assignment at %s:", strings.Join(idStrings(r.Path), " -> "), r.Node)
	for k, a := range r.Assignments {
		name := ""
		if k < len(r.People) {
			name = r.People[k].Name
		}
		fmt.Fprintf(&b, "\n  %d. %s %s (%s, assignment %s)", k+1, a.Role, name, a.Person, a.ID)
	}
	return b.String()
}

func idStrings(ids []ID) []string {
	out := make([]string, len(ids))
	for k, id := range ids {
		out[k] = string(id)
	}
	return out
}
