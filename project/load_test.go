package project_test

import (
	"context"
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
		if _, err := project.ReadHouseholds(strings.NewReader(in)); !errors.Is(err, project.ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid", name, err)
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
			if !errors.Is(err, project.ErrInvalid) {
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
			if !errors.Is(err, project.ErrInvalid) && !errors.Is(err, project.ErrUncoverable) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if !s.Total().Equal(cost) {
			t.Fatalf("total %s != cost %s", s.Total(), cost)
		}
	})
}

func TestParsePlanRule(t *testing.T) {
	r, err := project.ParsePlanRule([]byte(`{"year":2027,"budget":"25000000","target":100,"caps":[{"grid":"sub-1","budget":"7000000"},{"category":"parking","count":12}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if r.Year != 2027 || r.Target != 100 || len(r.Caps) != 2 || !r.Caps[0].Budget.Equal(d("7000000")) {
		t.Errorf("parsed %+v", r)
	}
	for name, in := range map[string]string{
		"unknown field": `{"year":2027,"budget":"1","targets":3}`,
		"no year":       `{"budget":"1"}`,
		"float budget":  `{"year":2027,"budget":"1.001"}`,
		"trailing":      `{"year":2027,"budget":"1"}x`,
		"empty cap":     `{"year":2027,"budget":"1","caps":[{}]}`,
	} {
		if _, err := project.ParsePlanRule([]byte(in)); !errors.Is(err, project.ErrInvalidConfig) {
			t.Errorf("%s: err = %v, want ErrInvalidConfig", name, err)
		}
	}
}

// FuzzPlanRule feeds arbitrary plan configs to ParsePlanRule and Choose:
// nothing may panic, and a valid rule's plan never exceeds its budget or
// target.
func FuzzPlanRule(f *testing.F) {
	f.Add([]byte(`{"year":2027,"budget":"1000","target":2,"caps":[{"grid":"c1","budget":"500"},{"category":"green","count":1}]}`))
	f.Add([]byte(`{"year":2027,"budget":"300","selection":"ranking","ranking":["c","a"]}`))
	f.Add([]byte(`{"year":1,"budget":"0","selection":"manual"}`))
	cands := []project.Candidate{
		{Project: "a", Grid: "b1", Category: "green", Cost: d("200"), Vote: voted(40, 46, true)},
		{Project: "b", Grid: "c1", Category: "green", Cost: d("400"), Vote: voted(38, 46, false)},
		{Project: "c", Grid: "b2", Category: "safety", Cost: d("100"), Pin: "hazard"},
		{Project: "d", Cost: d("50")},
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := project.ParsePlanRule(data)
		if err != nil {
			if !errors.Is(err, project.ErrInvalidConfig) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		plan, err := project.Choose(r, cands, tree{"b1": {"c1"}})
		if err != nil {
			t.Fatalf("valid rule refused: %v", err)
		}
		if plan.Total.GreaterThan(r.Budget) || (r.Max > 0 && len(plan.Selected) > r.Max) {
			t.Fatalf("plan exceeds its rule: %s", plan.Explain())
		}
	})
}

func TestReadProjects(t *testing.T) {
	ps, err := project.ReadProjects(strings.NewReader("id,title,grid,category,cost,origin,ref,year,evidence\n" +
		"mp-001,楼道照明改造,sub-1/com-2,safety,86000,ticket,T-2026-331,2027,photos; 12 tickets\n" +
		"mp-002,\"Benches, three\",,greening,12500.50,proposal,,2026,\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 || ps[0].Grid != "sub-1/com-2" || !ps[1].Cost.Equal(d("12500.50")) || ps[1].Title != "Benches, three" ||
		len(ps[0].Evidence) != 2 || ps[0].Evidence[1] != "12 tickets" || ps[0].Status != project.Proposed {
		t.Errorf("read %+v", ps)
	}
	for name, in := range map[string]string{
		"missing column": "id,title,cost,origin\na,b,1,ticket\n",
		"unknown column": "id,title,cost,origin,year,colour\na,b,1,ticket,2027,red\n",
		"bad cost":       "id,title,cost,origin,year\na,b,1.001,ticket,2027\n",
		"float cost":     "id,title,cost,origin,year\na,b,1e3,ticket,2027\n",
		"bad origin":     "id,title,cost,origin,year\na,b,1,rumour,2027\n",
		"bad year":       "id,title,cost,origin,year\na,b,1,ticket,next\n",
		"no title":       "id,title,cost,origin,year\na,,1,ticket,2027\n",
		"duplicate":      "id,title,cost,origin,year\na,b,1,ticket,2027\na,c,2,ticket,2027\n",
	} {
		if _, err := project.ReadProjects(strings.NewReader(in)); !errors.Is(err, project.ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid", name, err)
		}
	}
}

// FuzzReadProjects feeds arbitrary CSV to the pool importer: it may only
// return valid projects or an ErrInvalid, and what it returns must
// be accepted by Propose.
func FuzzReadProjects(f *testing.F) {
	f.Add("id,title,grid,category,cost,origin,ref,year,evidence\nmp-1,x,g,c,100,ticket,r,2027,a;b\n")
	f.Add("id,title,cost,origin,year\na,b,1.5,department,2026\nb,c,0,resolution,1\n")
	f.Add("year,origin,cost,title,id\n2027,proposal,3,t,z\n")
	f.Fuzz(func(t *testing.T, in string) {
		ps, err := project.ReadProjects(strings.NewReader(in))
		if err != nil {
			if !errors.Is(err, project.ErrInvalid) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		s := project.NewService(project.NewMemStore(), &project.Options{Now: clock()})
		for _, p := range ps {
			if _, err := s.Propose(context.Background(), p); err != nil {
				t.Fatalf("imported project refused by Propose: %v", err)
			}
		}
	})
}
