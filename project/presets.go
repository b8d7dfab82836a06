package project

import (
	"github.com/gongzhi/gongzhi/vote"
	"github.com/shopspring/decimal"
)

// AreaSplit shares a cost by exclusive area, the statutory default.
//
// Source: Civil Code of the PRC, art. 283: building and facility costs are
// shared as agreed; failing an agreement, by each owner's share of the
// exclusive area.
func AreaSplit() SharingRule {
	return SharingRule{Method: AreaShare, Source: "Civil Code art. 283 (default: by exclusive area)"}
}

// EqualSplit shares a cost equally among households (一户一份), as owners
// may agree under Civil Code art. 283.
func EqualSplit() SharingRule {
	return SharingRule{Method: EqualShare, Source: "agreed equal shares (Civil Code art. 283)"}
}

// GuangzhouElevator is an ILLUSTRATIVE lift-retrofit cost-sharing rule:
// floors 1 and 2 pay nothing, and each higher home pays floor coefficient
// × exclusive area × cost per square metre, with coefficients 3F 0.7,
// 4F 0.8, 5F 0.9, 6F 1.0, 7F 1.1, 8F 1.2, 9F 1.3.
//
// It is one Guangzhou estate's scheme reported by a trade page, not a
// Beijing rule: the Beijing Housing Commission's 2022-08-19 guide ranges
// by floor could not be read. Use it as an overridable default and adopt
// the owners' actual ratios by vote.
//
// Source: zjtcn.com/zhishi/dcjzdtfa (secondary, marked [S] in
// rules-cn.md §2).
func GuangzhouElevator() SharingRule {
	c := func(floor int, s string) FloorCoefficient {
		return FloorCoefficient{Floor: floor, Coefficient: decimal.RequireFromString(s)}
	}
	return SharingRule{
		Method: FloorAreaShare,
		Floors: []FloorCoefficient{
			c(1, "0"), c(2, "0"), c(3, "0.7"), c(4, "0.8"), c(5, "0.9"),
			c(6, "1.0"), c(7, "1.1"), c(8, "1.2"), c(9, "1.3"),
		},
		ExemptFloors: []int{1, 2},
		Source:       "illustrative: Guangzhou estate scheme (zjtcn.com/zhishi/dcjzdtfa), not a Beijing rule",
	}
}

// SatisfactionThreshold is the illustrative bar for a project's
// satisfaction review: more than half of the voters satisfied. Districts
// set their own; no statutory figure was found.
func SatisfactionThreshold() vote.Ratio { return vote.MoreThan(1, 2) }
