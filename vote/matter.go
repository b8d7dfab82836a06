package vote

import (
	"fmt"
	"strconv"
)

// Matter is one of the owners' joint matters listed in Civil Code art. 278,
// items 1 to 9. It picks the legal thresholds of a double majority (see
// Legal). The zero Matter means "not stated". In JSON a Matter is its name,
// for example "raise-fund".
type Matter int

// The matters of Civil Code art. 278, in the article's order.
const (
	MatterRules       Matter = iota + 1 // (1) make or amend the owners' assembly rules (议事规则)
	MatterStatute                       // (2) make or amend the management statute (管理规约)
	MatterCommittee                     // (3) elect or replace the owners' committee (业委会)
	MatterManager                       // (4) hire or dismiss the property manager
	MatterUseFund                       // (5) use the building maintenance fund (维修资金)
	MatterRaiseFund                     // (6) raise the building maintenance fund
	MatterRebuild                       // (7) rebuild or reconstruct buildings and facilities (改建、重建)
	MatterCommonParts                   // (8) change the use of common parts or use them for business
	MatterOther                         // (9) other major matters of common ownership and management
)

var matterNames = [...]string{"", "rules", "statute", "committee", "manager", "use-fund", "raise-fund", "rebuild", "common-parts", "other"}

// String returns the matter's config name, such as "raise-fund".
func (m Matter) String() string {
	if m >= 0 && int(m) < len(matterNames) {
		return matterNames[m]
	}
	return "Matter(" + strconv.Itoa(int(m)) + ")"
}

// Validate reports whether m is one of the nine matters.
func (m Matter) Validate() error {
	if m < MatterRules || m > MatterOther {
		return &ConfigError{Field: "matter", Reason: fmt.Sprintf("unknown matter %d", int(m))}
	}
	return nil
}

// Special reports whether m is one of items 6-8, which need 3/4 approval.
func (m Matter) Special() bool { return m >= MatterRaiseFund && m <= MatterCommonParts }

// Legal returns the minimum quorum and approval of art. 278 for m: owners
// with at least 2/3 of the area and at least 2/3 of the headcount take part;
// items 6-8 need at least 3/4 of the participating area and owners, the
// others more than half.
func (m Matter) Legal() (quorum, approval Ratio) {
	if m.Special() {
		return AtLeast(2, 3), AtLeast(3, 4)
	}
	return AtLeast(2, 3), MoreThan(1, 2)
}

// MarshalText encodes m as its name.
func (m Matter) MarshalText() ([]byte, error) {
	if err := m.Validate(); err != nil && m != 0 {
		return nil, err
	}
	return []byte(m.String()), nil
}

// UnmarshalText decodes a matter name (or its item number, "6").
func (m *Matter) UnmarshalText(b []byte) error {
	s := string(b)
	for i, n := range matterNames {
		if i > 0 && n == s {
			*m = Matter(i)
			return nil
		}
	}
	if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= 9 {
		*m = Matter(n)
		return nil
	}
	return &ConfigError{Field: "matter", Reason: fmt.Sprintf("unknown matter %q", s)}
}
