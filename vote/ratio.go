package vote

import (
	"fmt"
	"math/big"

	"github.com/shopspring/decimal"
)

// Ratio is an exact fraction Num/Den used as a threshold: a support rate, a
// quorum, a double-majority share. Inclusive says whether reaching the ratio
// exactly is enough.
//
// Chinese legal texts distinguish the two cases carefully:
//
//   - 以上 / 不少于 ("at least"): Inclusive is true, count/base >= Num/Den.
//   - 超过 / 过半数 / 多于 ("more than"): Inclusive is false, count/base > Num/Den.
//
// Comparisons cross-multiply integers (count*Den against base*Num), so no
// floating-point rounding can move a result across the boundary.
type Ratio struct {
	Num       int64 `json:"num"`
	Den       int64 `json:"den"`
	Inclusive bool  `json:"inclusive"`
}

// AtLeast returns the inclusive ratio num/den (以上).
func AtLeast(num, den int64) Ratio { return Ratio{Num: num, Den: den, Inclusive: true} }

// MoreThan returns the strict ratio num/den (超过, 过半数).
func MoreThan(num, den int64) Ratio { return Ratio{Num: num, Den: den} }

// Validate reports whether r is a usable threshold: Den > 0 and
// 0 <= Num <= Den.
func (r Ratio) Validate() error {
	switch {
	case r.Den <= 0:
		return &ConfigError{Field: "den", Reason: fmt.Sprintf("must be positive, got %d", r.Den)}
	case r.Num < 0:
		return &ConfigError{Field: "num", Reason: fmt.Sprintf("must not be negative, got %d", r.Num)}
	case r.Num > r.Den:
		return &ConfigError{Field: "num", Reason: fmt.Sprintf("%d/%d is more than 1", r.Num, r.Den)}
	}
	return nil
}

// Met reports whether count out of base reaches r. A zero or negative base
// never meets a threshold: nobody voting is not a majority of nobody.
// The comparison is exact for all int64 inputs.
func (r Ratio) Met(count, base int64) bool {
	if base <= 0 {
		return false
	}
	lhs := new(big.Int).Mul(big.NewInt(count), big.NewInt(r.Den))
	rhs := new(big.Int).Mul(big.NewInt(base), big.NewInt(r.Num))
	c := lhs.Cmp(rhs)
	if r.Inclusive {
		return c >= 0
	}
	return c > 0
}

// MetDecimal is Met for decimal quantities such as floor areas.
func (r Ratio) MetDecimal(amount, base decimal.Decimal) bool {
	if !base.IsPositive() {
		return false
	}
	c := amount.Mul(decimal.NewFromInt(r.Den)).Cmp(base.Mul(decimal.NewFromInt(r.Num)))
	if r.Inclusive {
		return c >= 0
	}
	return c > 0
}

// Min returns the smallest count out of base that meets r, or base+1 when
// no count up to base can (for example a strict ratio of 1/1).
func (r Ratio) Min(base int64) int64 {
	if base <= 0 || r.Den <= 0 {
		return base + 1
	}
	// Smallest c with c*Den >= base*Num (inclusive) or > (strict).
	prod := new(big.Int).Mul(big.NewInt(base), big.NewInt(r.Num))
	den := big.NewInt(r.Den)
	q, m := new(big.Int).QuoRem(prod, den, new(big.Int))
	if m.Sign() != 0 || !r.Inclusive {
		q.Add(q, big.NewInt(1))
	}
	if !q.IsInt64() || q.Int64() > base {
		return base + 1
	}
	return q.Int64()
}

// String renders r the way a notice would, for example "> 4/5" or ">= 2/3".
func (r Ratio) String() string {
	op := ">"
	if r.Inclusive {
		op = ">="
	}
	return fmt.Sprintf("%s %d/%d", op, r.Num, r.Den)
}
