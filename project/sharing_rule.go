package project

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// Method says how a cost is divided among households.
type Method string

// Cost-sharing methods. The zero value of Method is AreaShare, the default
// of Civil Code art. 283.
const (
	// AreaShare divides in proportion to exclusive area (专有部分面积).
	// Civil Code art. 283: failing an agreement, costs are shared by
	// share of exclusive area.
	AreaShare Method = "area"
	// EqualShare gives every paying household the same weight.
	EqualShare Method = "equal"
	// FloorShare weights each household by its floor's coefficient.
	FloorShare Method = "floor"
	// FloorAreaShare weights each household by floor coefficient times
	// exclusive area, the usual formula for lift retrofits: share =
	// coefficient × area × cost per square metre.
	FloorAreaShare Method = "floor_area"
	// MixedShare splits the cost into weighted parts, each divided by its
	// own rule (for example half equally, half by area), and adds the parts
	// up per household before rounding.
	MixedShare Method = "mix"
)

// SharingRule is a cost-sharing ratio (出资比例) as data. The zero value
// shares by exclusive area with no exemptions and no cap.
//
// Amounts are computed exactly and rounded once, to the fen, with the
// largest-remainder rule described on Split.
type SharingRule struct {
	// Method selects the basis; empty means AreaShare.
	Method Method `json:"method,omitempty"`
	// Floors lists the coefficient of each floor for FloorShare and
	// FloorAreaShare. A household on a floor that is not listed is an
	// error unless it is exempt. A coefficient of 0 means the floor pays
	// nothing.
	Floors []FloorCoefficient `json:"floors,omitempty"`
	// Parts lists the weighted sub-rules of a MixedShare. Parts may not
	// be mixes themselves and may only set Method and Floors.
	Parts []Part `json:"parts,omitempty"`
	// ExemptFloors pays nothing, whatever the method (for example the
	// ground floor of a lift retrofit).
	ExemptFloors []int `json:"exempt_floors,omitempty"`
	// Cap, when set, is the most any one household pays, in yuan. What a
	// cap removes is shared among the others in proportion to their
	// weights.
	Cap *decimal.Decimal `json:"cap,omitempty"`
	// Source cites where the rule comes from (a resolution, a filing, a
	// preset's source). It is carried into the result for the record.
	Source string `json:"source,omitempty"`
}

// FloorCoefficient is the weight of one floor.
type FloorCoefficient struct {
	Floor       int             `json:"floor"`
	Coefficient decimal.Decimal `json:"coefficient"`
}

// Part is one weighted component of a MixedShare rule.
type Part struct {
	// Weight is the part's relative weight; the parts' weights need not
	// sum to 1 (weights 1 and 1 mean half and half).
	Weight decimal.Decimal `json:"weight"`
	Rule   SharingRule     `json:"rule"`
}

// HouseholdID identifies a household (户) within a cost-sharing.
type HouseholdID string

// Household is one payer in a cost-sharing.
type Household struct {
	ID HouseholdID `json:"id"`
	// Floor is the floor the home is on; used by floor methods and
	// ExemptFloors.
	Floor int `json:"floor,omitempty"`
	// Area is the exclusive area in square metres, as in the real-estate
	// register (SPC interpretation art. 8).
	Area decimal.Decimal `json:"area"`
	// Exempt, when not empty, is the reason this household pays nothing
	// (a hardship exemption agreed by the owners, for example).
	Exempt string `json:"exempt,omitempty"`
	// Cap, when set, is the most this household pays, in yuan; it
	// applies together with the rule's cap (the lower wins).
	Cap *decimal.Decimal `json:"cap,omitempty"`
}

func (m Method) orDefault() Method {
	if m == "" {
		return AreaShare
	}
	return m
}

// Validate reports the first invalid field of r as a *ConfigError.
func (r SharingRule) Validate() error { return r.validate("", true) }

func (r SharingRule) validate(path string, top bool) error {
	m := r.Method.orDefault()
	switch m {
	case AreaShare, EqualShare, FloorShare, FloorAreaShare, MixedShare:
	default:
		return &ConfigError{Field: path + "method", Reason: fmt.Sprintf("unknown method %q", r.Method)}
	}
	floorMethod := m == FloorShare || m == FloorAreaShare
	if floorMethod && len(r.Floors) == 0 {
		return &ConfigError{Field: path + "floors", Reason: fmt.Sprintf("method %q needs floor coefficients", m)}
	}
	if !floorMethod && len(r.Floors) > 0 {
		return &ConfigError{Field: path + "floors", Reason: fmt.Sprintf("floor coefficients are not used by method %q", m)}
	}
	seen := make(map[int]bool, len(r.Floors))
	for i, f := range r.Floors {
		if seen[f.Floor] {
			return &ConfigError{Field: fmt.Sprintf("%sfloors[%d].floor", path, i), Reason: fmt.Sprintf("floor %d listed twice", f.Floor)}
		}
		seen[f.Floor] = true
		if f.Coefficient.IsNegative() {
			return &ConfigError{Field: fmt.Sprintf("%sfloors[%d].coefficient", path, i), Reason: "must not be negative"}
		}
		if err := checkPrecision(f.Coefficient); err != nil {
			return &ConfigError{Field: fmt.Sprintf("%sfloors[%d].coefficient", path, i), Reason: err.Error()}
		}
	}
	if m == MixedShare {
		if !top {
			return &ConfigError{Field: path + "method", Reason: "a part may not be a mix"}
		}
		if len(r.Parts) == 0 {
			return &ConfigError{Field: path + "parts", Reason: "a mix needs at least one part"}
		}
	} else if len(r.Parts) > 0 {
		return &ConfigError{Field: path + "parts", Reason: fmt.Sprintf("parts are only used by method %q", MixedShare)}
	}
	for i, p := range r.Parts {
		pp := fmt.Sprintf("%sparts[%d].", path, i)
		if !p.Weight.IsPositive() {
			return &ConfigError{Field: pp + "weight", Reason: "must be positive"}
		}
		if err := checkPrecision(p.Weight); err != nil {
			return &ConfigError{Field: pp + "weight", Reason: err.Error()}
		}
		if len(p.Rule.ExemptFloors) > 0 || p.Rule.Cap != nil {
			return &ConfigError{Field: pp + "rule", Reason: "exemptions and caps belong to the top-level rule"}
		}
		if err := p.Rule.validate(pp+"rule.", false); err != nil {
			return err
		}
	}
	if r.Cap != nil {
		if err := checkPrecision(*r.Cap); err != nil {
			return &ConfigError{Field: path + "cap", Reason: err.Error()}
		}
		if r.Cap.IsNegative() {
			return &ConfigError{Field: path + "cap", Reason: "must not be negative"}
		}
		if !isFen(*r.Cap) {
			return &ConfigError{Field: path + "cap", Reason: "must be a whole number of fen"}
		}
	}
	return nil
}

// maxExp bounds the number of decimal places and the magnitude of weights,
// so that a malicious config cannot make the exact arithmetic explode.
const maxExp = 12

func checkPrecision(d decimal.Decimal) error {
	if d.Exponent() > 15 {
		return fmt.Errorf("must be below 1e15")
	}
	if d.Exponent() < -maxExp {
		return fmt.Errorf("more than %d decimal places", maxExp)
	}
	// |d| < 1e15 iff its integer part has at most 15 digits.
	if int(d.Exponent())+d.NumDigits() > 15 && !d.IsZero() {
		return fmt.Errorf("must be below 1e15")
	}
	return nil
}

// isFen reports whether d is a whole number of fen (0.01 yuan).
func isFen(d decimal.Decimal) bool { return d.Equal(d.Truncate(2)) }

// Fen returns d yuan as an integer number of fen, rounding half away from
// zero. Fen(decimal.RequireFromString("12.345")) is 1235.
func Fen(d decimal.Decimal) int64 { return d.Shift(2).Round(0).IntPart() }

// Yuan returns an amount of fen as a decimal number of yuan with two
// decimal places.
func Yuan(fen int64) decimal.Decimal { return decimal.New(fen, -2) }
