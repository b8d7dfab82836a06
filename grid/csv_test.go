package grid_test

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/gongzhi/gongzhi/grid"
	"github.com/google/go-cmp/cmp"
)

func TestReadCSVWithHistory(t *testing.T) {
	f, err := os.Open("testdata/dongcheng.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := grid.ReadCSV(f, grid.DefaultHierarchy())
	if err != nil {
		t.Fatal(err)
	}
	tree, err := grid.Load(grid.DefaultHierarchy(), recs)
	if err != nil {
		t.Fatal(err)
	}
	// Community 甲 was split on 2024-06-01: its grids went to 乙 and 丙.
	g1 := grid.ID("110101001001001")
	for _, tc := range []struct {
		at   string
		want grid.ID
	}{{"2023-05-01", "110101001001"}, {"2024-05-31", "110101001001"}, {"2024-06-01", "110101001002"}} {
		got, err := tree.AncestorAt(g1, grid.LevelCommunity, day(tc.at))
		if err != nil || got != tc.want {
			t.Errorf("community of %s on %s = %s, %v; want %s", g1, tc.at, got, err, tc.want)
		}
	}
	if _, err := tree.Node("110101001001", day("2024-07-01")); !errors.Is(err, grid.ErrNotFound) {
		t.Errorf("retired community still in effect: %v", err)
	}
	if n, err := tree.ByCode("1101010010010010001", day("2025-01-01")); err != nil || n.Name != "1号楼" {
		t.Errorf("ByCode building = %+v, %v", n, err)
	}
	if path, _ := tree.Path("1101010010010010001", day("2025-01-01")); len(path) != 6 || path[3] != "110101001002" {
		t.Errorf("path after the split = %v", path)
	}

	// Round trips: CSV and JSON exports rebuild the same history.
	for _, format := range []string{"csv", "json"} {
		var buf bytes.Buffer
		var back []grid.Record
		if format == "csv" {
			if err := grid.WriteCSV(&buf, tree); err != nil {
				t.Fatal(err)
			}
			back, err = grid.ReadCSV(&buf, grid.DefaultHierarchy())
		} else {
			if err := grid.WriteJSON(&buf, tree); err != nil {
				t.Fatal(err)
			}
			back, err = grid.ReadJSON(&buf, grid.DefaultHierarchy())
		}
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		again, err := grid.Load(grid.DefaultHierarchy(), back)
		if err != nil {
			t.Fatalf("%s reload: %v", format, err)
		}
		if diff := cmp.Diff(tree.Records(), again.Records()); diff != "" {
			t.Errorf("%s round trip (-want +got):\n%s", format, diff)
		}
	}
}

func TestReadCSVRejects(t *testing.T) {
	head := "code,name,level,parent_code,valid_from,valid_to\n"
	for name, tc := range map[string]struct {
		in    string
		line  int
		field string
	}{
		"empty":                       {"", 1, ""},
		"unknown column":              {"code,name,level,parent_code,valid_from,valid_to,colour\n", 1, "colour"},
		"missing column":              {"code,name,level,valid_from,valid_to\n", 1, "parent_code"},
		"bad code":                    {head + "11010x,东城区,district,,2020-01-01,\n", 2, "code"},
		"bad level":                   {head + "110101,东城区,county,,2020-01-01,\n", 2, "level"},
		"bad date":                    {head + "110101,东城区,district,,2020-13-01,\n", 2, "valid_from"},
		"to before from":              {head + "110101,东城区,district,,2020-01-01,2019-01-01\n", 2, "valid_to"},
		"bad utf8":                    {head + "110101,\xff,district,,2020-01-01,\n", 2, "name"},
		"short row":                   {head + "110101,东城区\n", 2, ""},
		"value without a column name": {"code,name,level,parent_code,valid_from,valid_to,,\n110101,东城区,district,,2020-01-01,,,备注\n", 2, "column 8"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := grid.ReadCSV(strings.NewReader(tc.in), grid.DefaultHierarchy())
			var re *grid.RecordError
			if !errors.As(err, &re) || !errors.Is(err, grid.ErrInvalidRecord) || re.Line != tc.line || re.Field != tc.field {
				t.Errorf("err = %v; want a *RecordError at line %d field %q", err, tc.line, tc.field)
			}
		})
	}
	// Rows that read fine but do not make a history.
	for name, in := range map[string]string{
		"unknown parent code": head + "110101,东城区,district,110000,2020-01-01,\n",
		"gap in history":      head + "110000,北京,city,,2020-01-01,2021-01-01\n110000,北京,city,,2022-01-01,\n",
	} {
		t.Run(name, func(t *testing.T) {
			recs, err := grid.ReadCSV(strings.NewReader(in), grid.DefaultHierarchy())
			if err != nil {
				t.Fatal(err)
			}
			if _, err := grid.Load(grid.DefaultHierarchy(), recs); !errors.Is(err, grid.ErrInvalidRecord) {
				t.Errorf("Load err = %v, want ErrInvalidRecord", err)
			}
		})
	}
	recs, _ := grid.ReadCSV(strings.NewReader(head+"110101,东城区,district,,2020-01-01,\n110101001,街道,subdistrict,,2020-01-01,\n110101001001,社区,community,110101,2020-01-01,\n"), grid.DefaultHierarchy())
	if _, err := grid.Load(grid.DefaultHierarchy(), recs); err != nil {
		t.Errorf("a forest with skipped levels must load: %v", err)
	}
	strict := grid.DefaultHierarchy()
	strict.Strict = true
	if _, err := grid.Load(strict, recs); !errors.Is(err, grid.ErrInvalidChange) {
		t.Errorf("strict hierarchy accepted a skipped level: %v", err)
	}
}

// A sheet saved as CSV by Excel or WPS after a column to the right was used
// and cleared has trailing empty columns (",," on every line, the header
// too): it read as "record 1: unknown column" with no name.
func TestReadCSVTrailingEmptyColumns(t *testing.T) {
	plain := "code,name,level,parent_code,valid_from,valid_to\r\n110101,东城区,district,,2020-01-01,\r\n"
	exported := "\ufeffcode,name,level,parent_code,valid_from,valid_to,,\r\n110101,东城区,district,,2020-01-01,,, \r\n"
	want, err := grid.ReadCSV(strings.NewReader(plain), grid.DefaultHierarchy())
	if err != nil {
		t.Fatal(err)
	}
	got, err := grid.ReadCSV(strings.NewReader(exported), grid.DefaultHierarchy())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-plain +exported):\n%s", diff)
	}
}

func FuzzReadCSV(f *testing.F) {
	seed, err := os.ReadFile("testdata/dongcheng.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte("id,code,name,level,parent_id,parent_code,valid_from,valid_to\na,,x,city,,,2020-01-01,\nb,,y,district,a,,2020-01-01T00:00:00Z,2021-01-01\n"))
	f.Add([]byte("code,name,level,parent_code,valid_from,valid_to\n\"1\n"))
	h := grid.DefaultHierarchy()
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := grid.ReadCSV(bytes.NewReader(data), h)
		if err != nil {
			if !errors.Is(err, grid.ErrInvalidRecord) {
				t.Fatalf("ReadCSV error %v does not wrap ErrInvalidRecord", err)
			}
			return
		}
		tree, err := grid.Load(h, recs)
		if err != nil {
			if !errors.Is(err, grid.ErrInvalidRecord) && !errors.Is(err, grid.ErrInvalidChange) && !errors.Is(err, grid.ErrOutOfOrder) {
				t.Fatalf("Load error %v wraps no grid sentinel", err)
			}
			return
		}
		var buf bytes.Buffer
		if err := grid.WriteCSV(&buf, tree); err != nil {
			t.Fatal(err)
		}
		back, err := grid.ReadCSV(&buf, h)
		if err != nil {
			t.Fatalf("export does not re-read: %v\n%s", err, buf.String())
		}
		again, err := grid.Load(h, back)
		if err != nil {
			t.Fatalf("export does not reload: %v", err)
		}
		if diff := cmp.Diff(tree.Records(), again.Records()); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
	})
}
