package gridrow_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gongzhi/gongzhi/adapters/internal/gridrow"
	"github.com/gongzhi/gongzhi/grid"
)

func TestEncodeDecode(t *testing.T) {
	for _, c := range []grid.Change{
		{Op: grid.OpCreate, Node: "n1", Parent: "root", Level: 3, Code: "110101", Name: "东华门街道"},
		{Op: grid.OpRename, Node: "n1", Name: ""},
		{Op: grid.OpPerson, Person: &grid.Person{ID: "p1", Name: "王芳", Phone: "010-1234"}},
		{Op: grid.OpAssign, Assignment: &grid.Assignment{ID: "a1", Person: "p1", Node: "n1"}},
	} {
		r, err := gridrow.Encode(c)
		if err != nil {
			t.Fatal(err)
		}
		if (c.Person == nil) != (r.Person == nil) || (c.Assignment == nil) != (r.Assignment == nil) {
			t.Errorf("Encode(%+v): NULL person/assignment not kept: %+v", c, r)
		}
		got, err := r.Decode()
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(c, got); diff != "" {
			t.Errorf("round trip (-want +got):\n%s", diff)
		}
	}
	if _, err := (gridrow.Change{Person: []byte("{")}).Decode(); err == nil {
		t.Error("Decode of a broken person succeeded")
	}
}

func TestGroups(t *testing.T) {
	hs := func(changes ...int) []gridrow.Header {
		out := make([]gridrow.Header, len(changes))
		for i, n := range changes {
			out[i] = gridrow.Header{Version: int64(i + 1), Changes: n}
		}
		return out
	}
	sizes := func(groups [][]gridrow.Header) [][]int {
		var out [][]int
		for _, g := range groups {
			var s []int
			for _, h := range g {
				s = append(s, h.Changes)
			}
			out = append(out, s)
		}
		return out
	}
	for _, tc := range []struct {
		changes []int
		chunk   int
		want    [][]int
	}{
		{nil, 10, nil},
		{[]int{3, 3, 3, 3}, 10, [][]int{{3, 3, 3}, {3}}},
		{[]int{20, 1, 1}, 10, [][]int{{20}, {1, 1}}},
		{[]int{1, 20, 1}, 10, [][]int{{1}, {20}, {1}}},
		{[]int{0, 0, 10, 0}, 10, [][]int{{0, 0, 10, 0}}},
	} {
		if diff := cmp.Diff(tc.want, sizes(gridrow.Groups(hs(tc.changes...), tc.chunk))); diff != "" {
			t.Errorf("Groups(%v, %d) (-want +got):\n%s", tc.changes, tc.chunk, diff)
		}
	}
}

func TestBatches(t *testing.T) {
	at := time.Date(2026, 3, 1, 9, 30, 0, 5, time.FixedZone("CST", 8*3600))
	text, _ := at.MarshalText()
	hs := []gridrow.Header{{Version: 4, ID: "b4", At: string(text), Reason: "r", Changes: 2}, {Version: 5, ID: "b5", At: string(text), Changes: 0}}
	b, err := gridrow.NewBatches(hs)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []int64{4, 9, 4} { // 9: a row of another batch, ignored
		if err := b.Add(v, gridrow.Change{Op: string(grid.OpCreate), Node: "n"}); err != nil {
			t.Fatal(err)
		}
	}
	es, err := b.Entries()
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 2 || es[0].Version != 4 || len(es[0].Batch.Changes) != 2 || !es[0].Batch.At.Equal(at) ||
		es[0].Batch.At.Format(time.RFC3339Nano) != at.Format(time.RFC3339Nano) || es[1].Batch.ID != "b5" || len(es[1].Batch.Changes) != 0 {
		t.Fatalf("Entries = %+v", es)
	}
	// A batch with more or fewer rows than its header says is refused.
	for _, rows := range []int{0, 1, 3} {
		b, _ := gridrow.NewBatches([]gridrow.Header{{Version: 1, At: string(text), Changes: 2}})
		for range rows {
			b.Add(1, gridrow.Change{})
		}
		if _, err := b.Entries(); err == nil {
			t.Errorf("a batch of 2 changes with %d rows was accepted", rows)
		}
	}
	// Zero changes announced, one stored.
	b0, _ := gridrow.NewBatches([]gridrow.Header{{Version: 1, At: string(text)}})
	b0.Add(1, gridrow.Change{})
	if _, err := b0.Entries(); err == nil {
		t.Error("a batch of 0 changes with a row was accepted")
	}
	if _, err := gridrow.NewBatches([]gridrow.Header{{Version: 1, At: "yesterday"}}); err == nil {
		t.Error("NewBatches accepted an instant that does not parse")
	}
}
