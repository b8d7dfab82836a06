package ticket

import (
	"fmt"
	"math/big"

	"github.com/shopspring/decimal"
)

// Rate is an exact rate: Num out of Den. A Rate with Den 0 is undefined
// (nothing to measure) and renders as "n/a".
type Rate struct {
	Num int64 `json:"num"`
	Den int64 `json:"den"`
}

// Defined reports whether the rate has a base.
func (r Rate) Defined() bool { return r.Den > 0 }

// Cmp compares two defined rates exactly (cross-multiplying): -1, 0 or +1.
// An undefined rate sorts below every defined one.
func (r Rate) Cmp(o Rate) int {
	switch {
	case !r.Defined() && !o.Defined():
		return 0
	case !r.Defined():
		return -1
	case !o.Defined():
		return 1
	}
	a := new(big.Int).Mul(big.NewInt(r.Num), big.NewInt(o.Den))
	b := new(big.Int).Mul(big.NewInt(o.Num), big.NewInt(r.Den))
	return a.Cmp(b)
}

// Rat returns the rate as an exact rational (0 when undefined).
func (r Rate) Rat() *big.Rat {
	if !r.Defined() {
		return new(big.Rat)
	}
	return big.NewRat(r.Num, r.Den)
}

// Percent returns the rate in percent, rounded half away from zero to
// places decimal places (for display; compare with Cmp).
func (r Rate) Percent(places int32) decimal.Decimal {
	if !r.Defined() {
		return decimal.Zero
	}
	return decimal.NewFromInt(r.Num).Mul(decimal.NewFromInt(100)).DivRound(decimal.NewFromInt(r.Den), places)
}

// String renders r as "196/200 (98.00%)".
func (r Rate) String() string {
	if !r.Defined() {
		return "n/a"
	}
	return fmt.Sprintf("%d/%d (%s%%)", r.Num, r.Den, r.Percent(2).StringFixed(2))
}
