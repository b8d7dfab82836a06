package vote

import (
	"fmt"
	"slices"

	"github.com/shopspring/decimal"
)

// Unit is one exclusive unit (专有部分) of a building for an owners' vote.
// The area fields are alternatives in the order the law prefers them; the
// zero decimal means "not known".
type Unit struct {
	ID string `json:"id"`
	// Owner is the buyer who owns the unit (a buyer who has moved in but is
	// not yet registered counts as owner, SPC art. 1). Empty means unsold,
	// or sold but not delivered: the developer's.
	Owner VoterID `json:"owner,omitempty"`
	// RegisteredArea is the area in the real-estate register (不动产登记簿),
	// SurveyedArea the surveyed area (实测面积), ContractArea the area in the
	// sale contract.
	RegisteredArea decimal.Decimal `json:"registered_area,omitzero"`
	SurveyedArea   decimal.Decimal `json:"surveyed_area,omitzero"`
	ContractArea   decimal.Decimal `json:"contract_area,omitzero"`
}

// Area returns the unit's area for counting (SPC interpretation art. 8):
// the registered area; if there is none, the surveyed area; if there is
// none, the contract area. ok is false when no area is known.
func (u Unit) Area() (area decimal.Decimal, ok bool) {
	for _, a := range []decimal.Decimal{u.RegisteredArea, u.SurveyedArea, u.ContractArea} {
		if a.IsPositive() {
			return a, true
		}
	}
	return decimal.Zero, false
}

// CountOwners turns a building's units into the eligibility list of an
// owners' vote, following the Supreme People's Court interpretation on
// building-unit ownership disputes (2009, amended 2020):
//
//   - art. 8: each unit weighs its registered area (else surveyed, else
//     contract area);
//   - art. 9: one unit is one head, but one buyer of several units counts
//     once (with the sum of their areas), and all unsold or undelivered
//     units count once together, as the voter developer.
//
// The voters come back sorted by id. It returns a *PollError for a unit
// without id or area, a duplicate unit id, or an owner named like the
// developer.
func CountOwners(units []Unit, developer VoterID) ([]Voter, error) {
	if developer == "" {
		return nil, &PollError{Field: "developer", Reason: "name the voter that holds the unsold units"}
	}
	area := make(map[VoterID]decimal.Decimal)
	seen := make(map[string]bool, len(units))
	for i, u := range units {
		if u.ID == "" {
			return nil, &PollError{Field: fmt.Sprintf("units[%d].id", i), Reason: "missing"}
		}
		if seen[u.ID] {
			return nil, &PollError{Field: fmt.Sprintf("units[%d].id", i), Reason: fmt.Sprintf("duplicate unit %q", u.ID)}
		}
		seen[u.ID] = true
		a, ok := u.Area()
		if !ok {
			return nil, &PollError{Field: fmt.Sprintf("units[%d]", i), Reason: fmt.Sprintf("unit %q has no registered, surveyed or contract area", u.ID)}
		}
		owner := u.Owner
		if owner == "" {
			owner = developer
		} else if owner == developer {
			return nil, &PollError{Field: fmt.Sprintf("units[%d].owner", i), Reason: fmt.Sprintf("owner %q is the developer's id", owner)}
		}
		area[owner] = area[owner].Add(a)
	}
	voters := make([]Voter, 0, len(area))
	for id, a := range area {
		voters = append(voters, Voter{ID: id, Weight: a})
	}
	slices.SortFunc(voters, func(a, b Voter) int {
		if a.ID < b.ID {
			return -1
		} else if a.ID > b.ID {
			return 1
		}
		return 0
	})
	return voters, nil
}
