package grid

import (
	"strconv"
)

// Code is the structured number of a place: data of a node, not its
// identity (see ID). A Code is a string of ASCII digits whose length says
// its kind; parse input with ParseCode, which validates it and returns the
// canonical form.
//
// Administrative divisions follow the national statistical division code
// (统计用区划代码, 12 digits = 6-digit GB/T 2260 county + 3-digit
// township/street + 3-digit village/community). Their canonical form drops
// trailing all-zero segments: "110101000000" (Dongcheng, as the NBS writes
// it) is canonically "110101"; Code.Statistical gives the 12-digit form back.
//
//	kind         digits  layout
//	province     6       PP0000             GB/T 2260
//	prefecture   6       PPCC00             GB/T 2260
//	county       6       PPCCDD             GB/T 2260 (a Beijing district)
//	township     9       county + SSS       street/town, GB/T 10114, DB11/T 064
//	village      12      township + VVV     community/village committee
//	grid         15      village + GGG      unit grid, DB11/T 2157-2023
//	component    16      county + MM+mm+NNNNNN  city component (部件): major class,
//	                                        minor class, serial
//	building     19      grid + BBBB        this package's extension
//	unit         21      building + UU      this package's extension
//	household    25      unit + HHHH        this package's extension
//
// Segments are never all zeros (that would mean "the parent itself"). The
// province is checked against the GB/T 2260 province prefixes. Building,
// unit and household codes are not standardised nationally; this package
// extends the grid code by a 4-digit building number, a 2-digit unit
// (entrance) number and a 4-digit household number (usually floor and door,
// "0302"), so that every place has a code from which its parent can be
// derived. Sources are listed in testdata/SOURCES.md.
type Code string

// CodeKind is the structural kind of a Code, given by its length and zero
// segments.
type CodeKind uint8

// Code kinds, from the widest to the narrowest place. KindComponent is a
// city component (manhole cover, street lamp...), whose parent is a county.
const (
	KindUnknown CodeKind = iota
	KindProvince
	KindPrefecture
	KindCounty
	KindTownship
	KindVillage
	KindGrid
	KindBuilding
	KindUnit
	KindHousehold
	KindComponent
)

var kindNames = [...]string{"unknown", "province", "prefecture", "county", "township", "village", "grid", "building", "unit", "household", "component"}

// String returns the kind's name ("county", "grid"...).
func (k CodeKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "CodeKind(" + strconv.Itoa(int(k)) + ")"
}

// ParseCodeKind returns the kind with the given name (as CodeKind.String).
func ParseCodeKind(s string) (CodeKind, bool) {
	for i, n := range kindNames {
		if n == s && i > 0 {
			return CodeKind(i), true
		}
	}
	return KindUnknown, false
}

// provinces are the GB/T 2260 first two digits (31 provinces, Taiwan, Hong
// Kong and Macao).
var provinces = [100]bool{
	11: true, 12: true, 13: true, 14: true, 15: true,
	21: true, 22: true, 23: true,
	31: true, 32: true, 33: true, 34: true, 35: true, 36: true, 37: true,
	41: true, 42: true, 43: true, 44: true, 45: true, 46: true,
	50: true, 51: true, 52: true, 53: true, 54: true,
	61: true, 62: true, 63: true, 64: true, 65: true,
	71: true, 81: true, 82: true,
}

// ParseCode validates s and returns its canonical Code. It accepts every
// length in the Code table, the 12-digit statistical form of a province,
// prefecture, county or township (trailing zero segments), and the short
// 2- and 4-digit province and prefecture forms ("11", "1101"). Anything else
// returns a *CodeError.
func ParseCode(s string) (Code, error) {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return "", &CodeError{Code: s, Reason: "byte " + strconv.Itoa(i) + " is not an ASCII digit"}
		}
	}
	c := s
	switch len(s) {
	case 2:
		c = s + "0000"
	case 4:
		c = s + "00"
	case 12:
		if s[9:] == "000" {
			if s[6:9] == "000" {
				c = s[:6]
			} else {
				c = s[:9]
			}
		}
	}
	if _, reason := kindOf(c); reason != "" {
		return "", &CodeError{Code: s, Reason: reason}
	}
	return Code(c), nil
}

// MustParseCode is ParseCode for constants in tests and examples; it
// panics on an invalid code.
func MustParseCode(s string) Code {
	c, err := ParseCode(s)
	if err != nil {
		panic(err)
	}
	return c
}

func allZero(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '0' {
			return false
		}
	}
	return true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// kindOf returns the kind of a canonical code, or a reason it is invalid.
func kindOf(c string) (CodeKind, string) {
	if !digits(c) {
		return KindUnknown, "not all ASCII digits"
	}
	if len(c) < 6 {
		return KindUnknown, "length " + strconv.Itoa(len(c)) + " is not a known code length"
	}
	p := int(c[0]-'0')*10 + int(c[1]-'0')
	if !provinces[p] {
		return KindUnknown, "province " + c[:2] + " is not a GB/T 2260 province"
	}
	county := func() string {
		if c[2:4] == "00" || c[4:6] == "00" {
			return "segment " + c[:6] + " is not a county"
		}
		return ""
	}
	need := func(seg, name string) string {
		if allZero(seg) {
			return name + " number " + seg + " is all zeros"
		}
		return ""
	}
	chain := func(parts ...string) string {
		for _, r := range parts {
			if r != "" {
				return r
			}
		}
		return ""
	}
	switch len(c) {
	case 6:
		switch {
		case c[2:4] == "00" && c[4:6] != "00":
			return KindUnknown, "county " + c[4:6] + " without a prefecture"
		case c[2:4] == "00":
			return KindProvince, ""
		case c[4:6] == "00":
			return KindPrefecture, ""
		}
		return KindCounty, ""
	case 9:
		return KindTownship, chain(county(), need(c[6:9], "township"))
	case 12:
		return KindVillage, chain(county(), need(c[6:9], "township"), need(c[9:12], "village"))
	case 15:
		return KindGrid, chain(county(), need(c[6:9], "township"), need(c[9:12], "village"), need(c[12:15], "grid"))
	case 16:
		return KindComponent, chain(county(), need(c[6:8], "major class"), need(c[8:10], "minor class"), need(c[10:16], "serial"))
	case 19:
		return KindBuilding, chain(county(), need(c[6:9], "township"), need(c[9:12], "village"), need(c[12:15], "grid"), need(c[15:19], "building"))
	case 21:
		return KindUnit, chain(county(), need(c[6:9], "township"), need(c[9:12], "village"), need(c[12:15], "grid"), need(c[15:19], "building"), need(c[19:21], "unit"))
	case 25:
		return KindHousehold, chain(county(), need(c[6:9], "township"), need(c[9:12], "village"), need(c[12:15], "grid"), need(c[15:19], "building"), need(c[19:21], "unit"), need(c[21:25], "household"))
	}
	return KindUnknown, "length " + strconv.Itoa(len(c)) + " is not a known code length"
}

// Kind returns the code's kind, or KindUnknown if c is not a valid canonical
// code.
func (c Code) Kind() CodeKind {
	k, reason := kindOf(string(c))
	if reason != "" {
		return KindUnknown
	}
	return k
}

// Valid reports whether c is a valid canonical code.
func (c Code) Valid() bool { return c.Kind() != KindUnknown }

// Parent derives the code of the enclosing place: a household's unit, a
// grid's community, a county's prefecture ("110101" -> "110100"), a
// component's county. It returns false for a province or an invalid code.
func (c Code) Parent() (Code, bool) {
	s := string(c)
	switch c.Kind() {
	case KindPrefecture:
		return Code(s[:2] + "0000"), true
	case KindCounty:
		return Code(s[:4] + "00"), true
	case KindTownship, KindComponent:
		return Code(s[:6]), true
	case KindVillage:
		return Code(s[:9]), true
	case KindGrid:
		return Code(s[:12]), true
	case KindBuilding:
		return Code(s[:15]), true
	case KindUnit:
		return Code(s[:19]), true
	case KindHousehold:
		return Code(s[:21]), true
	}
	return "", false
}

// Contains reports whether d is c or lies inside c by code structure
// (following Parent from d reaches c).
func (c Code) Contains(d Code) bool {
	if len(d) < len(c) && !(len(c) == 6 && len(d) == 6) {
		return false
	}
	for {
		if d == c {
			return c.Valid()
		}
		p, ok := d.Parent()
		if !ok {
			return false
		}
		d = p
	}
}

// childWidth is the width of the segment a child of kind k appends.
func childWidth(k CodeKind) int {
	switch k {
	case KindCounty, KindTownship, KindVillage:
		return 3
	case KindGrid, KindUnit:
		return 4
	case KindBuilding:
		return 2
	}
	return 0
}

// Child returns the code of c's n-th child: a prefecture or county for a
// province or prefecture (n in 1..99), a township, village or grid for a
// county, township or village (1..999), a building for a grid (1..9999), a
// unit for a building (1..99), a household for a unit (1..9999). It returns
// a *CodeError if n is out of range or c has no child kind.
func (c Code) Child(n int) (Code, error) {
	k := c.Kind()
	s := string(c)
	pad := func(w int) (string, bool) {
		if n < 1 {
			return "", false
		}
		v := strconv.Itoa(n)
		if len(v) > w {
			return "", false
		}
		for len(v) < w {
			v = "0" + v
		}
		return v, true
	}
	bad := func() (Code, error) {
		return "", &CodeError{Code: s, Reason: "no child number " + strconv.Itoa(n) + " under a " + k.String() + " code"}
	}
	switch k {
	case KindProvince:
		v, ok := pad(2)
		if !ok {
			return bad()
		}
		return Code(s[:2] + v + "00"), nil
	case KindPrefecture:
		v, ok := pad(2)
		if !ok {
			return bad()
		}
		return Code(s[:4] + v), nil
	}
	w := childWidth(k)
	v, ok := pad(w)
	if w == 0 || !ok {
		return bad()
	}
	return Code(s + v), nil
}

// Number returns the number of c's last segment (the 3-digit grid number of
// a grid code, the 4-digit building number of a building code, the serial of
// a component), or 0 for an invalid code.
func (c Code) Number() int {
	s := string(c)
	var seg string
	switch c.Kind() {
	case KindProvince:
		seg = s[:2]
	case KindPrefecture:
		seg = s[2:4]
	case KindCounty:
		seg = s[4:6]
	case KindComponent:
		seg = s[10:]
	case KindTownship, KindVillage, KindGrid:
		seg = s[len(s)-3:]
	case KindBuilding, KindHousehold:
		seg = s[len(s)-4:]
	case KindUnit:
		seg = s[len(s)-2:]
	default:
		return 0
	}
	n, _ := strconv.Atoi(seg)
	return n
}

// Statistical returns the 12-digit statistical division form of a province,
// prefecture, county, township or village code ("110101" ->
// "110101000000"), or "" for other kinds.
func (c Code) Statistical() string {
	switch c.Kind() {
	case KindProvince, KindPrefecture, KindCounty:
		return string(c) + "000000"
	case KindTownship:
		return string(c) + "000"
	case KindVillage:
		return string(c)
	}
	return ""
}

// ComponentCode builds the 16-digit code of a city component (部件): the
// county, a 2-digit major class (01 公用设施 public utilities, 02 道路交通
// roads and traffic, 03 市容环境 city appearance, 04 园林绿化 landscaping,
// 05 房屋土地 buildings and land, 06 其他设施 other), a 2-digit minor class
// and a 6-digit serial. Example: "3205080101000001" is a water-supply
// manhole cover (01 major, 01 minor) in Suzhou's Gusu district.
func ComponentCode(county Code, major, minor, serial int) (Code, error) {
	if county.Kind() != KindCounty {
		return "", &CodeError{Code: string(county), Reason: "component codes need a county code"}
	}
	if major < 1 || major > 99 || minor < 1 || minor > 99 || serial < 1 || serial > 999999 {
		return "", &CodeError{Code: string(county), Reason: "component class or serial out of range"}
	}
	s := string(county) + pad0(major, 2) + pad0(minor, 2) + pad0(serial, 6)
	return Code(s), nil
}

// Component splits a component code into its county, major class, minor
// class and serial. ok is false if c is not a component code.
func (c Code) Component() (county Code, major, minor, serial int, ok bool) {
	if c.Kind() != KindComponent {
		return "", 0, 0, 0, false
	}
	s := string(c)
	major, _ = strconv.Atoi(s[6:8])
	minor, _ = strconv.Atoi(s[8:10])
	serial, _ = strconv.Atoi(s[10:])
	return Code(s[:6]), major, minor, serial, true
}

func pad0(n, w int) string {
	v := strconv.Itoa(n)
	for len(v) < w {
		v = "0" + v
	}
	return v
}
