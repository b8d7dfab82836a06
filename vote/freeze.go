package vote

import (
	"encoding/json"
	"fmt"
	"time"
)

// stateRank orders the states; a poll only moves up.
var stateRank = map[State]int{StateDraft: 0, StateOpen: 1, StateClosed: 2, StateTallied: 3}

// CheckUpdate reports whether a store may replace the stored poll p with
// next, under the Store contract: a draft may change in every way; once p
// is open, its definition (Title, Rule, Options, Voters, Secret, Opens,
// Closes) is frozen and its State never moves back. A refusal is a
// *StateError (ErrWrongState). Versions are not compared here. Stores
// call it inside the transaction that writes next.
func (p Poll) CheckUpdate(next Poll) error {
	if p.State == StateDraft || p.State == "" {
		return nil
	}
	from, okFrom := stateRank[p.State]
	to, okTo := stateRank[next.State]
	if !okTo || okFrom && to < from {
		return &StateError{Poll: p.ID, State: p.State, Op: "update", Reason: fmt.Sprintf("the state cannot go from %s to %q", p.State, next.State)}
	}
	if !sameDefinition(p, next) {
		return &StateError{Poll: p.ID, State: p.State, Op: "update", Reason: "the rule, options, voter roll, secrecy and window are frozen once the poll opens"}
	}
	return nil
}

// definition is what freezes when a poll opens.
type definition struct {
	Title   string    `json:"title"`
	Rule    Rule      `json:"rule"`
	Options []Option  `json:"options"`
	Voters  []Voter   `json:"voters"`
	Secret  bool      `json:"secret"`
	Opens   time.Time `json:"opens"`
	Closes  time.Time `json:"closes"`
}

func sameDefinition(a, b Poll) bool {
	enc := func(p Poll) string {
		d := definition{Title: p.Title, Rule: p.Rule.normalized(), Options: p.Options, Voters: p.Voters, Secret: p.Secret, Opens: p.Opens.UTC(), Closes: p.Closes.UTC()}
		if len(d.Options) == 0 {
			d.Options = nil
		}
		if len(d.Voters) == 0 {
			d.Voters = nil
		}
		out, err := json.Marshal(d)
		if err != nil {
			return "unencodable: " + err.Error()
		}
		return string(out)
	}
	return enc(a) == enc(b)
}
