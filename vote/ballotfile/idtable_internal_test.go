package ballotfile

import (
	"fmt"
	"testing"
)

// TestIDTable: find and add agree on every id, short (packed, hashed
// inline) or long (maphash), and ids that pack alike but differ in
// length ("a" and "\x00a") stay apart.
func TestIDTable(t *testing.T) {
	ids := []string{"", "a", "\x00a", "\x00\x00a", "L005", "L0050", "12345678", "123456789", "\xff\xff\xff\xff\xff\xff\xff\xff", "a long project id"}
	for i := range 500 {
		ids = append(ids, fmt.Sprintf("P%d", i), fmt.Sprintf("project-number-%d", i))
	}
	tab := newIDTable(len(ids))
	for i, id := range ids {
		if j, ok := tab.add(id, i); !ok || j != i {
			t.Fatalf("add(%q) = %d, %v", id, j, ok)
		}
	}
	for i, id := range ids {
		if j, ok := tab.add(id, -1); ok || j != i {
			t.Errorf("second add(%q) = %d, %v; want %d, false", id, j, ok, i)
		}
		if j := tab.find([]byte(id)); j != i {
			t.Errorf("find(%q) = %d, want %d", id, j, i)
		}
	}
	for _, id := range []string{"b", "\x00b", "L006", "12345679", "a long project iD", "P500"} {
		if j := tab.find([]byte(id)); j != -1 {
			t.Errorf("find(%q) = %d, want -1", id, j)
		}
	}
}
