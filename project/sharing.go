package project

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Sharing is the explained result of Split: who pays what, and why.
type Sharing struct {
	Rule SharingRule     `json:"rule"`
	Cost decimal.Decimal `json:"cost"`
	// Shares lists every household in input order. The amounts do not
	// depend on that order.
	Shares []Share `json:"shares"`
	// Leftover is the number of fen handed out one by one by the
	// largest-remainder rule after every share was rounded down.
	Leftover int64 `json:"leftover"`
	// Steps records the computation for people: totals, caps applied,
	// how the leftover fen were placed.
	Steps []string `json:"steps"`
}

// Share is one household's line of a Sharing.
type Share struct {
	Household HouseholdID `json:"household"`
	Floor     int         `json:"floor,omitempty"`
	// Weight is the household's basis: 1 for equal shares, the area, the
	// floor coefficient, or coefficient × area; 0 when exempt. Under a mix
	// it is 0 and PartWeights holds the basis under each part.
	Weight      decimal.Decimal   `json:"weight"`
	PartWeights []decimal.Decimal `json:"part_weights,omitempty"`
	// Amount is what the household pays, in yuan, to the fen.
	Amount decimal.Decimal `json:"amount"`
	// Exempt is the reason the household pays nothing, if it is exempt.
	Exempt string `json:"exempt,omitempty"`
	// Capped is true when the household pays its cap.
	Capped bool `json:"capped,omitempty"`
	// RoundedUp is true when the household received one of the leftover
	// fen of the largest-remainder rule.
	RoundedUp bool `json:"rounded_up,omitempty"`
}

// Share returns the line of household id. It scans the shares; index
// them yourself for many lookups.
func (s Sharing) Share(id HouseholdID) (Share, bool) {
	for _, sh := range s.Shares {
		if sh.Household == id {
			return sh, true
		}
	}
	return Share{}, false
}

// Total returns the sum of all shares; it always equals Cost.
func (s Sharing) Total() decimal.Decimal {
	var fen int64
	for _, sh := range s.Shares {
		fen += Fen(sh.Amount)
	}
	return Yuan(fen)
}

// Explain renders the sharing as a bill, one line per household.
func (s Sharing) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "cost %s by %s", s.Cost.StringFixed(2), s.Rule.Method.orDefault())
	if s.Rule.Source != "" {
		fmt.Fprintf(&b, " (%s)", s.Rule.Source)
	}
	b.WriteString("\n")
	for _, st := range s.Steps {
		fmt.Fprintf(&b, "  %s\n", st)
	}
	for _, sh := range s.Shares {
		ws := []string{sh.Weight.String()}
		if len(sh.PartWeights) > 0 {
			ws = ws[:0]
			for _, w := range sh.PartWeights {
				ws = append(ws, w.String())
			}
		}
		fmt.Fprintf(&b, "  %-10s floor %2d  weight %-12s %12s", sh.Household, sh.Floor, strings.Join(ws, "+"), sh.Amount.StringFixed(2))
		switch {
		case sh.Exempt != "":
			fmt.Fprintf(&b, "  exempt: %s", sh.Exempt)
		case sh.Capped:
			b.WriteString("  capped")
		case sh.RoundedUp:
			b.WriteString("  +1 fen")
		}
		b.WriteString("\n")
	}
	return b.String()
}
