package project

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/gongzhi/gongzhi/internal/strictjson"

	"github.com/shopspring/decimal"
)

// ParseSharingRule decodes a JSON cost-sharing rule, rejecting unknown
// fields, duplicate keys, keys that differ from a field only by case and
// trailing data, and validates it. Errors wrap
// ErrInvalidConfig and name the field.
//
//	{"method": "floor_area", "exempt_floors": [1, 2],
//	 "floors": [{"floor": 3, "coefficient": "0.7"}, ...]}
func ParseSharingRule(data []byte) (SharingRule, error) {
	var r SharingRule
	if err := strictjson.Decode(data, &r); err != nil {
		return SharingRule{}, &ConfigError{Field: jsonField(err), Reason: err.Error()}
	}
	if err := r.Validate(); err != nil {
		return SharingRule{}, err
	}
	return r, nil
}

func jsonField(err error) string {
	var se *strictjson.Error
	if errors.As(err, &se) {
		return se.Field
	}
	return ""
}

// householdColumns are the columns ReadHouseholds understands.
var householdColumns = []string{"id", "floor", "area", "exempt", "cap"}

// ReadHouseholds reads households from CSV with a header row. The id
// column is required; floor, area, exempt (a reason; empty = pays) and cap
// (yuan; empty = none) are optional, in any order. Unknown columns,
// malformed numbers and duplicate ids are *InputError values naming the
// line and column. Numbers are decimal strings, never floats.
//
//	id,floor,area
//	1-301,3,72.35
func ReadHouseholds(r io.Reader) ([]Household, error) {
	var hs []Household
	seen := map[HouseholdID]bool{}
	err := readTable(r, householdColumns, []string{"id"}, func(line int, get func(string) string) error {
		bad := func(field, reason string) error {
			return &InputError{ID: get("id"), Field: fmt.Sprintf("line %d: %s", line, field), Reason: reason}
		}
		h := Household{ID: HouseholdID(get("id")), Exempt: get("exempt")}
		if h.ID == "" {
			return bad("id", "empty")
		}
		if seen[h.ID] {
			return bad("id", "duplicate household")
		}
		seen[h.ID] = true
		if s := get("floor"); s != "" {
			f, err := strconv.Atoi(s)
			if err != nil || f < -99 || f > 999 {
				return bad("floor", fmt.Sprintf("not a floor number: %q", s))
			}
			h.Floor = f
		}
		if s := get("area"); s != "" {
			a, err := parseAmount(s)
			if err != nil {
				return bad("area", err.Error())
			}
			h.Area = a
		}
		if s := get("cap"); s != "" {
			c, err := parseAmount(s)
			if err != nil {
				return bad("cap", err.Error())
			}
			h.Cap = &c
		}
		if err := checkHousehold(h); err != nil {
			var ie *InputError
			if errors.As(err, &ie) {
				return bad(ie.Field, ie.Reason)
			}
			return err
		}
		hs = append(hs, h)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return hs, nil
}

// parseAmount parses a plain decimal (no exponent), so that input such as
// "1e999999999" cannot allocate huge numbers.
func parseAmount(s string) (decimal.Decimal, error) {
	if strings.ContainsAny(s, "eE") || len(s) > 40 {
		return decimal.Decimal{}, fmt.Errorf("not a plain decimal: %q", s)
	}
	v, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("not a decimal: %q", s)
	}
	if err := checkPrecision(v); err != nil {
		return decimal.Decimal{}, err
	}
	return v, nil
}

// ParsePlanRule decodes a JSON yearly-plan config, rejecting unknown
// fields, duplicate keys, keys that differ from a field only by case and
// trailing data, and validates it. Errors wrap
// ErrInvalidConfig and name the field.
//
//	{"year": 2027, "budget": "25000000", "target": 100,
//	 "caps": [{"grid": "sub-1", "budget": "7000000"}, {"category": "parking", "count": 12}]}
func ParsePlanRule(data []byte) (PlanRule, error) {
	var r PlanRule
	if err := strictjson.Decode(data, &r); err != nil {
		return PlanRule{}, &ConfigError{Field: jsonField(err), Reason: err.Error()}
	}
	if err := r.Validate(); err != nil {
		return PlanRule{}, err
	}
	return r, nil
}
