package ticket

import (
	"fmt"
	"math/big"
)

// Fraction is an exact share Num/Den, used for warning points ("warn once
// 4/5 of the time is spent"). The zero Fraction means "none".
//
// It mirrors vote.Ratio without the inclusive flag: a warning fires when the
// share is reached (inclusive).
type Fraction struct {
	Num int64 `json:"num"`
	Den int64 `json:"den"`
}

// IsZero reports whether f is unset.
func (f Fraction) IsZero() bool { return f == Fraction{} }

// Validate reports whether f is a share in [0, 1] with a positive
// denominator.
func (f Fraction) Validate() error {
	switch {
	case f.Den <= 0:
		return &ConfigError{Field: "den", Reason: fmt.Sprintf("must be positive, got %d", f.Den)}
	case f.Num < 0 || f.Num > f.Den:
		return &ConfigError{Field: "num", Reason: fmt.Sprintf("%d/%d is not in [0, 1]", f.Num, f.Den)}
	}
	return nil
}

// ceilOf returns ceil(base*Num/Den) exactly, for base >= 0.
func (f Fraction) ceilOf(base int64) int64 {
	if f.Den <= 0 || base <= 0 {
		return 0
	}
	p := new(big.Int).Mul(big.NewInt(base), big.NewInt(f.Num))
	q, m := new(big.Int).QuoRem(p, big.NewInt(f.Den), new(big.Int))
	if m.Sign() != 0 {
		q.Add(q, big.NewInt(1))
	}
	return q.Int64() // <= base since Num <= Den
}

// String renders f as "num/den".
func (f Fraction) String() string { return fmt.Sprintf("%d/%d", f.Num, f.Den) }
