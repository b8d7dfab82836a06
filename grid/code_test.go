package grid_test

import (
	"errors"
	"testing"

	"github.com/gongzhi/gongzhi/grid"
	"pgregory.net/rapid"
)

func TestParseCode(t *testing.T) {
	tests := []struct {
		name, in string
		want     grid.Code
		kind     grid.CodeKind
		parent   grid.Code
	}{
		{"province", "110000", "110000", grid.KindProvince, ""},
		{"province short", "11", "110000", grid.KindProvince, ""},
		{"prefecture", "110100", "110100", grid.KindPrefecture, "110000"},
		{"prefecture short", "3205", "320500", grid.KindPrefecture, "320000"},
		{"county", "110101", "110101", grid.KindCounty, "110100"},
		{"county statistical", "110101000000", "110101", grid.KindCounty, "110100"},
		{"township", "110101001", "110101001", grid.KindTownship, "110101"},
		{"township statistical", "110101001000", "110101001", grid.KindTownship, "110101"},
		{"village", "320508019044", "320508019044", grid.KindVillage, "320508019"},
		{"grid", "110101001001001", "110101001001001", grid.KindGrid, "110101001001"},
		{"component", "3205080101000001", "3205080101000001", grid.KindComponent, "320508"},
		{"building", "1101010010010010001", "1101010010010010001", grid.KindBuilding, "110101001001001"},
		{"unit", "110101001001001000101", "110101001001001000101", grid.KindUnit, "1101010010010010001"},
		{"household", "1101010010010010001010302", "1101010010010010001010302", grid.KindHousehold, "110101001001001000101"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := grid.ParseCode(tc.in)
			if err != nil || got != tc.want {
				t.Fatalf("ParseCode(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
			if k := got.Kind(); k != tc.kind {
				t.Errorf("Kind = %v, want %v", k, tc.kind)
			}
			p, ok := got.Parent()
			if p != tc.parent || ok != (tc.parent != "") {
				t.Errorf("Parent = %q, %v; want %q", p, ok, tc.parent)
			}
		})
	}
}

func TestParseCodeRejects(t *testing.T) {
	for _, in := range []string{
		"", "1", "110", "11010", "1101011", "99", "000000", "110001", "11010a", "１１０１０１",
		"110101000", "110101000001", "110101001000001", "110100001", "110101001001000",
		"3205080001000001", "3205080100000001", "3205080101000000", "1101010010010010000",
		"110101001001001000100", "1101010010010010001010000", "11010100100100100010103021",
		"110101001001001000101000",
	} {
		_, err := grid.ParseCode(in)
		var ce *grid.CodeError
		if !errors.Is(err, grid.ErrInvalidCode) || !errors.As(err, &ce) || ce.Code != in {
			t.Errorf("ParseCode(%q) err = %v; want a *CodeError for it", in, err)
		}
	}
}

func TestCodeChildAndComponent(t *testing.T) {
	c := grid.MustParseCode("110101")
	for _, step := range []struct {
		n    int
		want grid.Code
	}{{1, "110101001"}, {12, "110101001012"}, {7, "110101001012007"}, {123, "1101010010120070123"}, {2, "110101001012007012302"}, {302, "1101010010120070123020302"}} {
		next, err := c.Child(step.n)
		if err != nil || next != step.want {
			t.Fatalf("%s.Child(%d) = %q, %v; want %q", c, step.n, next, err, step.want)
		}
		if p, _ := next.Parent(); p != c {
			t.Errorf("Parent(Child) = %q, want %q", p, c)
		}
		if next.Number() != step.n {
			t.Errorf("Number(%s) = %d, want %d", next, next.Number(), step.n)
		}
		c = next
	}
	if _, err := c.Child(1); !errors.Is(err, grid.ErrInvalidCode) {
		t.Errorf("household Child: err = %v, want ErrInvalidCode", err)
	}
	if _, err := grid.MustParseCode("110101001").Child(1000); !errors.Is(err, grid.ErrInvalidCode) {
		t.Errorf("Child(1000) of a township: err = %v, want ErrInvalidCode", err)
	}
	mc, err := grid.ComponentCode("320508", 1, 1, 1)
	if err != nil || mc != "3205080101000001" {
		t.Fatalf("ComponentCode = %q, %v", mc, err)
	}
	county, major, minor, serial, ok := mc.Component()
	if county != "320508" || major != 1 || minor != 1 || serial != 1 || !ok {
		t.Errorf("Component() = %v %v %v %v %v", county, major, minor, serial, ok)
	}
	if !grid.Code("110000").Contains("1101010010010010001") || grid.Code("110102").Contains("110101001") {
		t.Error("Contains does not follow the code structure")
	}
}

// Property: every valid code's parent chain is valid, strictly shorter in
// kind, ends at a province, and Child(Number) of the parent gives it back.
func TestCodeChainProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := grid.Code("110000")
		depth := rapid.IntRange(1, 8).Draw(t, "depth")
		for range depth {
			max := map[grid.CodeKind]int{grid.KindProvince: 99, grid.KindPrefecture: 99, grid.KindCounty: 999,
				grid.KindTownship: 999, grid.KindVillage: 999, grid.KindGrid: 9999, grid.KindBuilding: 99, grid.KindUnit: 9999}[c.Kind()]
			if max == 0 {
				break
			}
			next, err := c.Child(rapid.IntRange(1, max).Draw(t, "n"))
			if err != nil {
				t.Fatal(err)
			}
			c = next
		}
		if _, err := grid.ParseCode(string(c)); err != nil {
			t.Fatalf("generated code %q does not parse: %v", c, err)
		}
		for {
			p, ok := c.Parent()
			if !ok {
				if c.Kind() != grid.KindProvince {
					t.Fatalf("chain ended at %q (%v), not a province", c, c.Kind())
				}
				return
			}
			if p.Kind() >= c.Kind() || !p.Contains(c) {
				t.Fatalf("parent %q (%v) of %q (%v) is not wider", p, p.Kind(), c, c.Kind())
			}
			if back, err := p.Child(c.Number()); err != nil || back != c {
				t.Fatalf("%q.Child(%d) = %q, %v; want %q", p, c.Number(), back, err, c)
			}
			c = p
		}
	})
}

func FuzzParseCode(f *testing.F) {
	for _, s := range []string{"110000", "11", "1101", "110101000000", "110101001", "320508019044",
		"110101001001001", "3205080101000001", "1101010010010010001", "110101001001001000101",
		"1101010010010010001010302", "x", "", "99", "110101000001"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := grid.ParseCode(s)
		if err != nil {
			if !errors.Is(err, grid.ErrInvalidCode) {
				t.Fatalf("ParseCode(%q) error %v does not wrap ErrInvalidCode", s, err)
			}
			return
		}
		if !c.Valid() {
			t.Fatalf("ParseCode(%q) = %q, which is not Valid", s, c)
		}
		if again, err := grid.ParseCode(string(c)); err != nil || again != c {
			t.Fatalf("canonical form %q does not re-parse to itself: %q, %v", c, again, err)
		}
		if p, ok := c.Parent(); ok {
			if !p.Valid() || !p.Contains(c) {
				t.Fatalf("parent %q of %q invalid or not containing it", p, c)
			}
		} else if c.Kind() != grid.KindProvince {
			t.Fatalf("%q (%v) has no parent", c, c.Kind())
		}
		if st := c.Statistical(); st != "" {
			if back, err := grid.ParseCode(st); err != nil || back != c {
				t.Fatalf("Statistical %q of %q parses to %q, %v", st, c, back, err)
			}
		}
	})
}

func TestBeijingDistricts(t *testing.T) {
	ds := grid.BeijingDistricts()
	if len(ds) != 16 {
		t.Fatalf("%d districts, want 16", len(ds))
	}
	for k, d := range ds {
		if d.Code.Kind() != grid.KindCounty || !grid.Code("110000").Contains(d.Code) || d.Name == "" {
			t.Errorf("district %+v is not a Beijing county code", d)
		}
		if k > 0 && ds[k-1].Code >= d.Code {
			t.Errorf("districts not in code order at %s", d.Code)
		}
	}
	ds[0].Name = "changed"
	if grid.BeijingDistricts()[0].Name != "东城区" {
		t.Error("BeijingDistricts shares its slice")
	}
}
