package project

import (
	"fmt"
	"math/big"

	"github.com/shopspring/decimal"
)

// Split divides cost (yuan, a whole number of fen) among households by
// rule and returns each household's amount to the fen.
//
// # Exact computation
//
// Each household gets a weight under each part of the rule (see Method).
// Exempt households (Household.Exempt, or a floor in ExemptFloors) weigh
// nothing. The exact share of household i is
//
//	cost × Σ_k (m_k / M) × w_ik / W_k
//
// where m_k is the weight of part k, M their sum, w_ik the household's
// weight in part k and W_k the part's total. All of this is computed with
// integers, so no share is ever off by floating-point error.
//
// # Caps
//
// A household whose exact share exceeds its cap (the lower of the rule's
// and its own) pays the cap, and the excess is shared among the others in
// proportion to their combined weights; this repeats until nobody is over
// a cap. If caps and exemptions leave cost uncovered, Split returns an
// error wrapping ErrUncoverable.
//
// # Rounding (largest remainder)
//
// Every household first gets its exact share rounded down to the fen. The
// fen still missing (fewer than the number of payers) go one each to the
// households with the largest discarded remainders; equal remainders are
// broken by ascending household id. Hence the shares sum exactly to cost,
// nobody is more than one fen from the exact share, no capped household
// goes over its cap, and the result does not depend on the order of
// households. A household with a strictly larger weight never pays less.
//
// Invalid rules, costs or households return a *ConfigError or *InputError.
func Split(rule SharingRule, cost decimal.Decimal, households []Household) (Sharing, error) {
	if err := rule.Validate(); err != nil {
		return Sharing{}, err
	}
	if err := checkPrecision(cost); err != nil {
		return Sharing{}, &InputError{Field: "cost", Reason: err.Error()}
	}
	if cost.IsNegative() || !isFen(cost) {
		return Sharing{}, &InputError{Field: "cost", Reason: fmt.Sprintf("must be a non-negative whole number of fen, got %s", cost)}
	}
	hs := households
	for _, h := range hs {
		if err := checkHousehold(h); err != nil {
			return Sharing{}, err
		}
	}
	if err := checkUnique(hs); err != nil {
		return Sharing{}, err
	}
	parts := []Part{{Weight: decimal.NewFromInt(1), Rule: rule}}
	if rule.Method.orDefault() == MixedShare {
		parts = rule.Parts
	}
	exemptFloor := make(map[int]string, len(rule.ExemptFloors)) // floor → reason
	for _, f := range rule.ExemptFloors {
		exemptFloor[f] = fmt.Sprintf("floor %d is exempt", f)
	}
	n := len(hs)
	exempt := make([]bool, n)
	for i, h := range hs {
		exempt[i] = h.Exempt != "" || exemptFloor[h.Floor] != ""
	}
	mixed := len(parts) > 1
	// Integer weights per part, then combined.
	partWS := make([][]decimal.Decimal, len(parts))
	partInts := make([]weights, len(parts))
	partTotals := make([]*big.Int, len(parts))
	for k, p := range parts {
		ws, err := partWeights(p.Rule, hs, exempt)
		if err != nil {
			return Sharing{}, err
		}
		partWS[k] = ws
		partInts[k] = scaleInts(ws, mixed)
		partTotals[k] = partInts[k].total()
	}
	c := partInts[0]
	if mixed {
		c = combine(parts, partInts, partTotals)
	}
	costFen := Fen(cost)
	amounts, capped, leftover, steps, err := apportion(costFen, c, capsFen(rule, hs), hs)
	if err != nil {
		return Sharing{}, err
	}
	// One pass over the result: each line is written once.
	res := Sharing{Rule: rule, Cost: cost, Shares: make([]Share, n)}
	var flat []decimal.Decimal // every household's part weights, in one block
	if mixed {
		flat = make([]decimal.Decimal, n*len(parts))
	}
	decs := amountDecimals(amounts)
	for i, h := range hs {
		sh := Share{
			Household: h.ID,
			Floor:     h.Floor,
			Amount:    decs.at(amounts[i]),
			Exempt:    h.Exempt,
			Capped:    capped[i] == capHit,
			RoundedUp: capped[i] == roundedUp,
		}
		if sh.Exempt == "" && exempt[i] {
			sh.Exempt = exemptFloor[h.Floor]
		}
		if mixed {
			pw := flat[i*len(parts) : (i+1)*len(parts) : (i+1)*len(parts)]
			for k := range parts {
				pw[k] = partWS[k][i]
			}
			sh.PartWeights = pw
		} else {
			sh.Weight = partWS[0][i]
		}
		res.Shares[i] = sh
	}
	res.Leftover = leftover
	res.Steps = append(partSteps(parts, partTotals), steps...)
	return res, nil
}

var one = decimal.NewFromInt(1)

var ten = big.NewInt(10)

const (
	noMark = iota
	capHit
	roundedUp
)
