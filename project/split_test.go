package project_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"testing"

	"github.com/gongzhi/gongzhi/project"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func dp(s string) *decimal.Decimal { v := d(s); return &v }

func amounts(s project.Sharing) map[project.HouseholdID]string {
	m := map[project.HouseholdID]string{}
	for _, sh := range s.Shares {
		m[sh.Household] = sh.Amount.StringFixed(2)
	}
	return m
}

func TestSplitTable(t *testing.T) {
	three := []project.Household{{ID: "h3", Area: d("50")}, {ID: "h1", Area: d("100")}, {ID: "h2", Area: d("50")}}
	tests := []struct {
		name string
		rule project.SharingRule
		cost string
		hs   []project.Household
		want map[project.HouseholdID]string
	}{
		{"equal, leftover fen to lowest id", project.EqualSplit(), "100.00", three,
			map[project.HouseholdID]string{"h1": "33.34", "h2": "33.33", "h3": "33.33"}},
		{"equal, two leftover fen", project.EqualSplit(), "0.05", three,
			map[project.HouseholdID]string{"h1": "0.02", "h2": "0.02", "h3": "0.01"}},
		{"zero value rule is by area", project.SharingRule{}, "1000.00", three,
			map[project.HouseholdID]string{"h1": "500.00", "h2": "250.00", "h3": "250.00"}},
		{"area with remainder", project.AreaSplit(), "0.03", []project.Household{{ID: "a", Area: d("2")}, {ID: "b", Area: d("1")}, {ID: "c", Area: d("1")}},
			// exact 1.5, 0.75, 0.75 fen: the two larger remainders win.
			map[project.HouseholdID]string{"a": "0.01", "b": "0.01", "c": "0.01"}},
		{"exempt household", project.EqualSplit(), "90.00",
			[]project.Household{{ID: "a"}, {ID: "b", Exempt: "低保 hardship"}, {ID: "c"}},
			map[project.HouseholdID]string{"a": "45.00", "b": "0.00", "c": "45.00"}},
		{"rule cap redistributes", project.SharingRule{Method: project.AreaShare, Cap: dp("400")}, "1000.00",
			[]project.Household{{ID: "big", Area: d("300")}, {ID: "m", Area: d("100")}, {ID: "n", Area: d("100")}},
			map[project.HouseholdID]string{"big": "400.00", "m": "300.00", "n": "300.00"}},
		{"household cap", project.EqualSplit(), "300.00",
			[]project.Household{{ID: "a", Cap: dp("10")}, {ID: "b"}, {ID: "c"}},
			map[project.HouseholdID]string{"a": "10.00", "b": "145.00", "c": "145.00"}},
		{"half equal half area", project.SharingRule{Method: project.MixedShare, Parts: []project.Part{
			{Weight: d("1"), Rule: project.EqualSplit()}, {Weight: d("1"), Rule: project.AreaSplit()}}}, "1000.00", three,
			// equal: 166.67 each (500/3); area: 250, 125, 125.
			map[project.HouseholdID]string{"h1": "416.67", "h2": "291.67", "h3": "291.66"}},
		{"zero cost", project.EqualSplit(), "0", three,
			map[project.HouseholdID]string{"h1": "0.00", "h2": "0.00", "h3": "0.00"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := project.Split(tc.rule, d(tc.cost), tc.hs)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, amounts(got)); diff != "" {
				t.Errorf("amounts (-want +got):\n%s", diff)
			}
			if !got.Total().Equal(d(tc.cost)) {
				t.Errorf("total %s, want %s", got.Total(), tc.cost)
			}
		})
	}
}

func TestSplitGuangzhou(t *testing.T) {
	// One stairwell of a 6-storey walk-up, two homes per floor, 80 m² and
	// 60 m²: weights 0.7·80 ... 1.0·60; the lift costs 600,000.00.
	var hs []project.Household
	for f := 1; f <= 6; f++ {
		hs = append(hs, project.Household{ID: project.HouseholdID(fmt.Sprintf("%d01", f)), Floor: f, Area: d("80")},
			project.Household{ID: project.HouseholdID(fmt.Sprintf("%d02", f)), Floor: f, Area: d("60")})
	}
	got, err := project.Split(project.GuangzhouElevator(), d("600000"), hs)
	if err != nil {
		t.Fatal(err)
	}
	// Total weight 140 × (0.7+0.8+0.9+1.0) = 476; 600000/476 per unit.
	want := map[project.HouseholdID]string{
		"101": "0.00", "102": "0.00", "201": "0.00", "202": "0.00",
		"301": "70588.23", "302": "52941.18", "401": "80672.27", "402": "60504.20",
		"501": "90756.30", "502": "68067.23", "601": "100840.34", "602": "75630.25",
	}
	if diff := cmp.Diff(want, amounts(got)); diff != "" {
		t.Errorf("amounts (-want +got):\n%s", diff)
	}
	if !got.Total().Equal(d("600000")) {
		t.Errorf("total %s", got.Total())
	}
	if sh, _ := got.Share("101"); sh.Exempt == "" {
		t.Errorf("101 should be exempt by floor: %+v", sh)
	}
}

func TestSplitErrors(t *testing.T) {
	tests := []struct {
		name string
		rule project.SharingRule
		cost string
		hs   []project.Household
		is   error
	}{
		{"negative cost", project.EqualSplit(), "-1", []project.Household{{ID: "a"}}, project.ErrInvalid},
		{"sub-fen cost", project.EqualSplit(), "1.001", []project.Household{{ID: "a"}}, project.ErrInvalid},
		{"duplicate id", project.EqualSplit(), "1", []project.Household{{ID: "a"}, {ID: "a"}}, project.ErrInvalid},
		{"empty id", project.EqualSplit(), "1", []project.Household{{}}, project.ErrInvalid},
		{"negative area", project.AreaSplit(), "1", []project.Household{{ID: "a", Area: d("-1")}}, project.ErrInvalid},
		{"floor without coefficient", project.GuangzhouElevator(), "1", []project.Household{{ID: "a", Floor: 12, Area: d("1")}}, project.ErrInvalid},
		{"unknown method", project.SharingRule{Method: "lottery"}, "1", []project.Household{{ID: "a"}}, project.ErrInvalidConfig},
		{"nobody pays", project.EqualSplit(), "1", []project.Household{{ID: "a", Exempt: "x"}}, project.ErrUncoverable},
		{"no households", project.EqualSplit(), "1", nil, project.ErrUncoverable},
		{"caps too low", project.SharingRule{Method: project.EqualShare, Cap: dp("0.40")}, "1", []project.Household{{ID: "a"}, {ID: "b"}}, project.ErrUncoverable},
		{"zero area everywhere", project.AreaSplit(), "1", []project.Household{{ID: "a"}}, project.ErrUncoverable},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := project.Split(tc.rule, d(tc.cost), tc.hs)
			if !errors.Is(err, tc.is) {
				t.Fatalf("err = %v, want %v", err, tc.is)
			}
		})
	}
	var ie *project.InputError
	_, err := project.Split(project.GuangzhouElevator(), d("1"), []project.Household{{ID: "x9", Floor: 12}})
	if !errors.As(err, &ie) || ie.ID != "x9" || ie.Field != "floor" {
		t.Errorf("want InputError naming x9/floor, got %#v", err)
	}
}

func TestRuleValidate(t *testing.T) {
	tests := []struct {
		name  string
		rule  project.SharingRule
		field string
	}{
		{"floors without floor method", project.SharingRule{Method: project.EqualShare, Floors: []project.FloorCoefficient{{Floor: 1, Coefficient: d("1")}}}, "floors"},
		{"floor method without floors", project.SharingRule{Method: project.FloorShare}, "floors"},
		{"duplicate floor", project.SharingRule{Method: project.FloorShare, Floors: []project.FloorCoefficient{{Floor: 1, Coefficient: d("1")}, {Floor: 1, Coefficient: d("2")}}}, "floors[1].floor"},
		{"negative coefficient", project.SharingRule{Method: project.FloorShare, Floors: []project.FloorCoefficient{{Floor: 1, Coefficient: d("-1")}}}, "floors[0].coefficient"},
		{"empty mix", project.SharingRule{Method: project.MixedShare}, "parts"},
		{"nested mix", project.SharingRule{Method: project.MixedShare, Parts: []project.Part{{Weight: d("1"), Rule: project.SharingRule{Method: project.MixedShare}}}}, "parts[0].rule.method"},
		{"zero part weight", project.SharingRule{Method: project.MixedShare, Parts: []project.Part{{Rule: project.EqualSplit()}}}, "parts[0].weight"},
		{"cap in part", project.SharingRule{Method: project.MixedShare, Parts: []project.Part{{Weight: d("1"), Rule: project.SharingRule{Cap: dp("1")}}}}, "parts[0].rule"},
		{"sub-fen cap", project.SharingRule{Cap: dp("0.001")}, "cap"},
		{"huge coefficient", project.SharingRule{Method: project.FloorShare, Floors: []project.FloorCoefficient{{Floor: 1, Coefficient: d("1e300")}}}, "floors[0].coefficient"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var ce *project.ConfigError
			if err := tc.rule.Validate(); !errors.As(err, &ce) || ce.Field != tc.field {
				t.Fatalf("err = %v, want ConfigError on %q", err, tc.field)
			}
		})
	}
}

// genHouseholds draws households with unique ids, floors 1..9 and areas
// with up to two decimals.
func genHouseholds(t *rapid.T, min int) []project.Household {
	n := rapid.IntRange(min, 40).Draw(t, "n")
	ids := rapid.SliceOfNDistinct(rapid.IntRange(1, 999), n, n, rapid.ID[int]).Draw(t, "ids")
	hs := make([]project.Household, n)
	for i, id := range ids {
		hs[i] = project.Household{
			ID:    project.HouseholdID(fmt.Sprintf("h%03d", id)),
			Floor: rapid.IntRange(1, 9).Draw(t, "floor"),
			Area:  decimal.New(rapid.Int64Range(0, 20000).Draw(t, "area"), -2),
		}
		if rapid.IntRange(0, 9).Draw(t, "exempt") == 0 {
			hs[i].Exempt = "hardship"
		}
	}
	return hs
}

func genRule(t *rapid.T) project.SharingRule {
	simple := func(label string) project.SharingRule {
		switch rapid.IntRange(0, 3).Draw(t, label) {
		case 0:
			return project.EqualSplit()
		case 1:
			return project.AreaSplit()
		case 2:
			r := project.GuangzhouElevator()
			r.Method, r.ExemptFloors = project.FloorShare, nil
			return r
		}
		r := project.GuangzhouElevator()
		r.ExemptFloors = nil
		return r
	}
	if rapid.Bool().Draw(t, "mix") {
		return project.SharingRule{Method: project.MixedShare, Parts: []project.Part{
			{Weight: decimal.New(rapid.Int64Range(1, 100).Draw(t, "w0"), -1), Rule: simple("p0")},
			{Weight: decimal.New(rapid.Int64Range(1, 100).Draw(t, "w1"), -1), Rule: simple("p1")},
		}}
	}
	return simple("rule")
}

func genCost(t *rapid.T) decimal.Decimal {
	return decimal.New(rapid.Int64Range(0, 1_000_000_000).Draw(t, "cost"), -2)
}

func TestPropSplit(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		hs := genHouseholds(t, 1)
		rule, cost := genRule(t), genCost(t)
		if rapid.Bool().Draw(t, "capped") {
			rule.Cap = dp(fmt.Sprint(rapid.Int64Range(0, 20_000_000).Draw(t, "cap")))
		}
		got, err := project.Split(rule, cost, hs)
		if errors.Is(err, project.ErrUncoverable) {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		// Exact sum.
		if !got.Total().Equal(cost) {
			t.Fatalf("total %s != cost %s", got.Total(), cost)
		}
		// Order independence.
		shuffled := slices.Clone(hs)
		perm := rapid.Permutation(shuffled).Draw(t, "perm")
		again, err := project.Split(rule, cost, perm)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(amounts(got), amounts(again)); diff != "" {
			t.Fatalf("order changed shares (-first +shuffled):\n%s", diff)
		}
		for _, sh := range got.Shares {
			if sh.Amount.IsNegative() {
				t.Fatalf("%s pays %s", sh.Household, sh.Amount)
			}
			if sh.Exempt != "" && !sh.Amount.IsZero() {
				t.Fatalf("exempt %s pays %s", sh.Household, sh.Amount)
			}
			if rule.Cap != nil && sh.Amount.GreaterThan(*rule.Cap) {
				t.Fatalf("%s pays %s over cap %s", sh.Household, sh.Amount, rule.Cap)
			}
		}
	})
}

// exactShares returns each household's exact share in fen as a rational,
// computed independently of Split with big.Rat (no caps).
func exactShares(t *rapid.T, rule project.SharingRule, cost decimal.Decimal, s project.Sharing) []*big.Rat {
	parts := []project.Part{{Weight: d("1"), Rule: rule}}
	if rule.Method == project.MixedShare {
		parts = rule.Parts
	}
	rat := func(x decimal.Decimal) *big.Rat { r, _ := new(big.Rat).SetString(x.String()); return r }
	m := new(big.Rat)
	for _, p := range parts {
		m.Add(m, rat(p.Weight))
	}
	out := make([]*big.Rat, len(s.Shares))
	for i := range out {
		out[i] = new(big.Rat)
	}
	costFen := rat(cost.Shift(2))
	for k, p := range parts {
		tot := new(big.Rat)
		for _, sh := range s.Shares {
			tot.Add(tot, rat(w(sh, k)))
		}
		if tot.Sign() == 0 {
			continue
		}
		for i, sh := range s.Shares {
			x := new(big.Rat).Mul(costFen, rat(p.Weight))
			x.Mul(x, rat(w(sh, k)))
			x.Quo(x, m)
			x.Quo(x, tot)
			out[i].Add(out[i], x)
		}
	}
	return out
}

func TestPropSplitExactAndMonotone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		hs := genHouseholds(t, 1)
		rule, cost := genRule(t), genCost(t)
		got, err := project.Split(rule, cost, hs)
		if errors.Is(err, project.ErrUncoverable) {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		// Every share is within one fen of an exact share that is itself
		// computed in a different way; dropped parts (all-zero) are
		// ignored by both.
		exact := exactShares(t, rule, cost, got)
		sum := new(big.Rat)
		for _, e := range exact {
			sum.Add(sum, e)
		}
		if sum.Cmp(new(big.Rat).SetInt64(project.Fen(cost))) != 0 {
			// A dropped part: the rest is rescaled; only check order below.
			exact = nil
		}
		for i, sh := range got.Shares {
			if exact != nil {
				diff := new(big.Rat).Sub(new(big.Rat).SetInt64(project.Fen(sh.Amount)), exact[i])
				if diff.Cmp(big.NewRat(-1, 1)) <= 0 || diff.Cmp(big.NewRat(1, 1)) >= 0 {
					t.Fatalf("%s pays %s fen, exact %s", sh.Household, sh.Amount, exact[i].FloatString(4))
				}
			}
		}
		// Monotone: under a single-part rule a strictly larger weight
		// never pays less, and equal weights differ by at most one fen.
		if rule.Method == project.MixedShare {
			return
		}
		for _, a := range got.Shares {
			for _, b := range got.Shares {
				wa, wb := a.Weight, b.Weight
				if wa.GreaterThan(wb) && a.Amount.LessThan(b.Amount) {
					t.Fatalf("%s (weight %s) pays %s < %s (weight %s) pays %s", a.Household, wa, a.Amount, b.Household, wb, b.Amount)
				}
				if wa.Equal(wb) && a.Amount.Sub(b.Amount).Abs().GreaterThan(d("0.01")) {
					t.Fatalf("equal weights pay %s and %s", a.Amount, b.Amount)
				}
			}
		}
	})
}

func TestPropSplitMonotoneInCoefficient(t *testing.T) {
	// Raising one floor's coefficient never lowers what that floor pays.
	rapid.Check(t, func(t *rapid.T) {
		hs := genHouseholds(t, 2)
		rule := project.GuangzhouElevator()
		rule.ExemptFloors = nil
		cost := genCost(t)
		floor := rapid.IntRange(1, 9).Draw(t, "floor")
		before, err := project.Split(rule, cost, hs)
		if err != nil {
			return
		}
		raised := rule
		raised.Floors = slices.Clone(rule.Floors)
		raised.Floors[floor-1].Coefficient = raised.Floors[floor-1].Coefficient.Add(decimal.New(rapid.Int64Range(1, 50).Draw(t, "delta"), -1))
		after, err := project.Split(raised, cost, hs)
		if err != nil {
			t.Fatal(err)
		}
		var b, a int64
		for _, h := range hs {
			if h.Floor == floor {
				x, _ := before.Share(h.ID)
				y, _ := after.Share(h.ID)
				b += project.Fen(x.Amount)
				a += project.Fen(y.Amount)
			}
		}
		// Rounding can move each household by at most one fen.
		if a < b-int64(len(hs)) {
			t.Fatalf("floor %d paid %d fen, after raising its coefficient %d", floor, b, a)
		}
	})
}

func TestSharingJSONRoundTrip(t *testing.T) {
	s, err := project.Split(project.GuangzhouElevator(), d("1000"), []project.Household{{ID: "301", Floor: 3, Area: d("70.5")}, {ID: "101", Floor: 1, Area: d("70.5")}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back project.Sharing
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(s.Explain(), back.Explain()); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func w(sh project.Share, k int) decimal.Decimal {
	if len(sh.PartWeights) > 0 {
		return sh.PartWeights[k]
	}
	return sh.Weight
}
