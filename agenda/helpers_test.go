package agenda_test

import (
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/grid"
)

var calendarChina = calendar.China()

var cst = time.FixedZone("CST", 8*3600)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, cst) }

// parents is a place graph held in a map from child to parent, for tests
// that need no real grid.
type parents map[grid.ID]grid.ID

// Parent returns the parent of id ("" at a root).
func (m parents) Parent(id grid.ID) (grid.ID, bool) {
	p, ok := m[id]
	return p, ok
}
