package project_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/gongzhi/gongzhi/project"
	"github.com/google/go-cmp/cmp"
)

func TestParseSharingRule(t *testing.T) {
	r, err := project.ParseSharingRule([]byte(`{"method":"floor_area","exempt_floors":[1],"floors":[{"floor":1,"coefficient":"0"},{"floor":2,"coefficient":"0.85"}],"cap":"5000"}`))
	if err != nil {
		t.Fatal(err)
	}
	if r.Method != project.FloorAreaShare || len(r.Floors) != 2 || !r.Floors[1].Coefficient.Equal(d("0.85")) || !r.Cap.Equal(d("5000")) {
		t.Errorf("parsed %+v", r)
	}
	for name, in := range map[string]string{
		"unknown field":  `{"method":"equal","ratio":1}`,
		"bad method":     `{"method":"dice"}`,
		"trailing":       `{"method":"equal"} {}`,
		"wrong type":     `{"method":3}`,
		"not json":       `method=equal`,
		"negative floor": `{"method":"floor","floors":[{"floor":3,"coefficient":"-0.1"}]}`,
	} {
		if _, err := project.ParseSharingRule([]byte(in)); !errors.Is(err, project.ErrInvalidConfig) {
			t.Errorf("%s: err = %v, want ErrInvalidConfig", name, err)
		}
	}
}

func TestReadHouseholds(t *testing.T) {
	hs, err := project.ReadHouseholds(strings.NewReader("id,floor,area,exempt,cap\n1-101,1,60.5,,\n1-301, 3, 72.35,,8000\n1-302,3,72.35,低保,\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []project.Household{
		{ID: "1-101", Floor: 1, Area: d("60.5")},
		{ID: "1-301", Floor: 3, Area: d("72.35"), Cap: dp("8000")},
		{ID: "1-302", Floor: 3, Area: d("72.35"), Exempt: "低保"},
	}
	if diff := cmp.Diff(want, hs, cmp.Comparer(func(a, b project.Household) bool {
		return a.ID == b.ID && a.Floor == b.Floor && a.Area.Equal(b.Area) && a.Exempt == b.Exempt &&
			(a.Cap == nil) == (b.Cap == nil) && (a.Cap == nil || a.Cap.Equal(*b.Cap))
	})); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for name, in := range map[string]string{
		"no header":      "",
		"unknown column": "id,rooms\n1,2\n",
		"no id column":   "floor\n1\n",
		"duplicate":      "id\na\na\n",
		"bad area":       "id,area\na,abc\n",
		"exponent":       "id,area\na,1e9999\n",
		"negative area":  "id,area\na,-3\n",
		"bad floor":      "id,floor\na,third\n",
		"sub-fen cap":    "id,cap\na,1.001\n",
		"empty id":       "id,floor\n,3\n",
	} {
		if _, err := project.ReadHouseholds(strings.NewReader(in)); !errors.Is(err, project.ErrInvalidInput) {
			t.Errorf("%s: err = %v, want ErrInvalidInput", name, err)
		}
	}
}

// FuzzSharing feeds arbitrary rule configs and household CSVs through
// the loaders and Split: nothing may panic, and whenever Split succeeds
// the shares sum exactly to the cost.
func FuzzSharing(f *testing.F) {
	f.Add([]byte(`{"method":"floor_area","exempt_floors":[1,2],"floors":[{"floor":1,"coefficient":"0"},{"floor":2,"coefficient":"0"},{"floor":3,"coefficient":"0.7"}]}`), "id,floor,area\na,1,60\nb,3,70.5\nc,3,80\n", int64(6000000))
	f.Add([]byte(`{"method":"mix","parts":[{"weight":"1","rule":{"method":"equal"}},{"weight":"2","rule":{}}],"cap":"10"}`), "id,area,cap\na,10,5\nb,20,\nc,0,\n", int64(2001))
	f.Add([]byte(`{}`), "id,area,exempt\nx,1,\ny,2,poor\n", int64(1))
	f.Fuzz(func(t *testing.T, rule []byte, csv string, costFen int64) {
		r, err := project.ParseSharingRule(rule)
		if err != nil {
			if !errors.Is(err, project.ErrInvalidConfig) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		hs, err := project.ReadHouseholds(strings.NewReader(csv))
		if err != nil {
			if !errors.Is(err, project.ErrInvalidInput) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		if len(hs) > 200 {
			hs = hs[:200]
		}
		if costFen < 0 {
			costFen = -costFen
		}
		cost := project.Yuan(costFen % 1_000_000_000_000)
		s, err := project.Split(r, cost, hs)
		if err != nil {
			if !errors.Is(err, project.ErrInvalidInput) && !errors.Is(err, project.ErrUncoverable) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if !s.Total().Equal(cost) {
			t.Fatalf("total %s != cost %s", s.Total(), cost)
		}
	})
}
